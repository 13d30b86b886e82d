//! A content repo's own additions to the built-in lexicons (config
//! `lexicons: FOLDER`), so a team can teach the extractor its hedges,
//! synonyms or units without a new build.
//!
//! Each file in the folder is named like a built-in one (`hedges.yml`,
//! `synonyms.yml` …) and holds some of its sections: list entries are added
//! to the built-in list, mapping entries are added or replace the built-in
//! value, and a `remove:` section takes entries out (`remove: {words: [most]}`).

use std::path::Path;

use serde_yaml::{Mapping, Value};

use super::lexicon::{Lexicon, FILES};
use crate::error::{Error, Result};
use crate::yaml::locate::Locator;

/// The built-in lexicons with the folder's files merged in.
pub fn load(dir: &Path) -> Result<Lexicon> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "yml" || x == "yaml"))
        .collect();
    paths.sort();
    let mut merged: Vec<(&'static str, Mapping)> = FILES
        .iter()
        .map(|(name, text)| (*name, serde_yaml::from_str(text).unwrap_or_default()))
        .collect();
    for path in &paths {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let Some((_, base)) = merged
            .iter_mut()
            .find(|(name, _)| name.strip_suffix(".yml") == Some(stem))
        else {
            let names: Vec<&str> = FILES.iter().map(|(n, _)| *n).collect();
            return Err(Error::at(
                path,
                1,
                1,
                format!("not a lexicon name; expected one of {}", names.join(", ")),
            ));
        };
        apply(path, &text, base)?;
    }
    let texts: Vec<(&'static str, String)> = merged
        .iter()
        .map(|(name, map)| (*name, serde_yaml::to_string(map).unwrap_or_default()))
        .collect();
    let borrowed: Vec<(&'static str, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
    Lexicon::from_files(&borrowed).map_err(|e| Error::new(format!("{}: {}", dir.display(), e.0)))
}

/// Merge one repo file into its built-in counterpart.
fn apply(path: &Path, text: &str, base: &mut Mapping) -> Result<()> {
    crate::yaml::guard::check(text).map_err(|(line, message)| Error::at(path, line, 1, message))?;
    let extra: Value = serde_yaml::from_str(text).map_err(|e| Error::yaml(path, &e))?;
    let extra = match extra {
        Value::Mapping(m) => m,
        Value::Null => Mapping::new(),
        _ => return Err(Error::at(path, 1, 1, "expected a mapping of sections")),
    };
    let sections: Vec<String> = base
        .keys()
        .filter_map(Value::as_str)
        .map(String::from)
        .collect();
    let locator = Locator::new(text);
    let at = |field: &str, message: String| {
        let (line, column) = locator.nearest(field);
        Error::at(path, line, column, message)
    };
    for (key, value) in &extra {
        let key = key.as_str().unwrap_or_default();
        if key == "remove" {
            let Value::Mapping(removals) = value else {
                return Err(at("remove", "`remove` must map sections to entries".into()));
            };
            for (section, entries) in removals {
                let section = section.as_str().unwrap_or_default();
                let field = format!("remove.{section}");
                let target = section_mut(base, section)
                    .ok_or_else(|| unknown(&at, &field, section, &sections))?;
                remove(target, entries).map_err(|m| at(&field, m))?;
            }
            continue;
        }
        let target = section_mut(base, key).ok_or_else(|| unknown(&at, key, key, &sections))?;
        add(target, value).map_err(|m| at(key, m))?;
    }
    Ok(())
}

fn section_mut<'a>(base: &'a mut Mapping, key: &str) -> Option<&'a mut Value> {
    base.get_mut(Value::String(key.to_string()))
}

fn unknown(
    at: &impl Fn(&str, String) -> Error,
    field: &str,
    key: &str,
    sections: &[String],
) -> Error {
    at(
        field,
        format!(
            "unknown section `{key}`; this lexicon has {}",
            sections.join(", ")
        ),
    )
}

fn add(target: &mut Value, extra: &Value) -> std::result::Result<(), String> {
    match (target, extra) {
        (Value::Sequence(list), Value::Sequence(more)) => {
            for item in more {
                if !list.contains(item) {
                    list.push(item.clone());
                }
            }
            Ok(())
        }
        (Value::Mapping(map), Value::Mapping(more)) => {
            for (k, v) in more {
                map.insert(k.clone(), v.clone());
            }
            Ok(())
        }
        (Value::Sequence(_), _) => Err("expected a list, as in the built-in lexicon".into()),
        (Value::Mapping(_), _) => Err("expected a mapping, as in the built-in lexicon".into()),
        _ => Err("this section cannot be extended".into()),
    }
}

fn remove(target: &mut Value, entries: &Value) -> std::result::Result<(), String> {
    let Value::Sequence(entries) = entries else {
        return Err("expected a list of entries to remove".into());
    };
    match target {
        Value::Sequence(list) => list.retain(|item| !entries.contains(item)),
        Value::Mapping(map) => map.retain(|k, _| !entries.contains(k)),
        _ => return Err("this section cannot be edited".into()),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::words::tokenize;

    fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        dir
    }

    #[test]
    fn lists_are_extended_and_entries_removed() {
        let dir = repo(&[(
            "hedges.yml",
            "words: [ordinarily]\nremove:\n  words: [most]\n",
        )]);
        let lex = load(dir.path()).unwrap();
        let toks = tokenize("ordinarily most");
        assert!(lex.hedges.match_at(&toks, 0).is_some());
        assert!(lex.hedges.match_at(&toks, 1).is_none());
        // Everything else is still the built-in lexicon.
        assert!(lex.hedges.contains_word("typically"));
        assert!(lex.stopwords.contains("the"));
    }

    #[test]
    fn synonyms_added_by_a_repo_fold_terms_together() {
        let builtin = Lexicon::builtin();
        assert_ne!(builtin.term("payables"), builtin.term("invoices"));
        let dir = repo(&[("synonyms.yml", "groups:\n  - [invoices, payables]\n")]);
        let lex = load(dir.path()).unwrap();
        assert_eq!(lex.term("payables"), lex.term("invoices"));
    }

    #[test]
    fn an_unknown_file_or_section_is_an_error_at_its_place() {
        let dir = repo(&[("hedge.yml", "words: [x]\n")]);
        let err = load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("hedge.yml:1:1: not a lexicon name"), "{err}");
        assert!(err.contains("hedges.yml"), "{err}");

        let dir = repo(&[("hedges.yml", "words: [x]\nphrase: [y z]\n")]);
        let err = load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("hedges.yml:2:"), "{err}");
        assert!(
            err.contains("unknown section `phrase`; this lexicon has words, phrases"),
            "{err}"
        );

        let dir = repo(&[("numbers.yml", "words:\n  - seventeen\n")]);
        let err = load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("numbers.yml:2:"), "{err}");
        assert!(err.contains("expected a mapping"), "{err}");
    }

    #[test]
    fn bad_yaml_names_the_file() {
        let dir = repo(&[("units.yml", "percent: [pct\n")]);
        let err = load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("units.yml:"), "{err}");
    }
}

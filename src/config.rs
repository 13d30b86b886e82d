//! `onmessage.yml`: which files are brand docs and which are sales material,
//! speakers, alignment thresholds and rule packs.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

pub const CONFIG_FILE: &str = "onmessage.yml";

/// Speaker labels: ours are checked, theirs never are.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Speakers {
    pub ours: Vec<String>,
    pub theirs: Vec<String>,
}

impl Default for Speakers {
    fn default() -> Self {
        let list = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect();
        Speakers {
            ours: list(&[
                "Rep", "AE", "SE", "SDR", "BDR", "CSM", "AM", "Sales", "Seller", "You", "Me", "Us",
            ]),
            theirs: list(&[
                "Prospect", "Customer", "Buyer", "Client", "Them", "Caller", "Lead",
            ]),
        }
    }
}

/// The file as written; every key optional, unknown keys rejected.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ConfigFile {
    pub brand: Vec<String>,
    pub sales: Vec<String>,
    pub exclude: Vec<String>,
    pub speakers: Speakers,
    pub language: Option<String>,
    pub lexicons: Option<String>,
    pub align: crate::align::AlignConfig,
    pub rules: crate::rules::RulesConfig,
}

/// The resolved configuration a run uses.
#[derive(Debug, Default)]
pub struct Config {
    /// Folder that globs and reported paths are relative to.
    pub root: PathBuf,
    /// The config file, if one was found.
    pub file: Option<PathBuf>,
    pub brand: Vec<String>,
    pub sales: Vec<String>,
    pub exclude: Vec<String>,
    pub speakers: Speakers,
    pub language: Option<String>,
    /// A folder of lexicon files that extend the built-in ones, relative to `root`.
    pub lexicons: Option<PathBuf>,
    pub align: crate::align::AlignConfig,
    pub rules: crate::rules::RulesConfig,
}

impl Config {
    /// The lexicons this run uses: the built-in ones, plus the repo's own.
    pub fn lexicon(&self) -> Result<crate::claims::Lexicon> {
        match &self.lexicons {
            Some(dir) => crate::claims::overrides::load(&self.root.join(dir)),
            None => Ok(crate::claims::Lexicon::builtin()),
        }
    }

    /// Parse a config file's text; errors name the file, line and key.
    pub fn from_yaml(path: &Path, text: &str) -> Result<Config> {
        let file: ConfigFile = if text.trim().is_empty() {
            ConfigFile::default()
        } else {
            crate::yaml_guard::check(text)
                .map_err(|(line, message)| Error::at(path, line, 1, message))?;
            serde_yaml::from_str(text).map_err(|e| Error::yaml(path, &e))?
        };
        let root = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        Ok(Config {
            root,
            file: Some(path.to_path_buf()),
            brand: file.brand,
            sales: file.sales,
            exclude: file.exclude,
            speakers: file.speakers,
            language: file.language,
            lexicons: file.lexicons.map(PathBuf::from),
            align: file.align,
            rules: file.rules,
        })
    }

    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Config::from_yaml(path, &text)
    }

    /// Walk up from `start` looking for `onmessage.yml`.
    pub fn find(start: &Path) -> Option<PathBuf> {
        let start = if start.is_absolute() {
            start.to_path_buf()
        } else {
            std::env::current_dir().ok()?.join(start)
        };
        let start = if start.is_file() || !start.exists() {
            start.parent()?.to_path_buf()
        } else {
            start.to_path_buf()
        };
        let start = std::fs::canonicalize(&start).unwrap_or(start);
        start
            .ancestors()
            .map(|dir| dir.join(CONFIG_FILE))
            .find(|p| p.is_file())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::from_yaml(Path::new("repo/onmessage.yml"), text)
    }

    #[test]
    fn reads_globs_speakers_and_rules() {
        let c = parse(
            "brand: [\"messaging/**/*.md\"]\nsales:\n  - sales/**\nexclude: [sales/archive]\nspeakers:\n  ours: [Rep]\n  theirs: [Prospect]\nrules:\n  disable: [risky]\n  severity: {align.unsupported: info}\n",
        )
        .unwrap();
        assert_eq!(c.root, PathBuf::from("repo"));
        assert_eq!(c.brand, vec!["messaging/**/*.md"]);
        assert_eq!(c.sales, vec!["sales/**"]);
        assert_eq!(c.exclude, vec!["sales/archive"]);
        assert_eq!(c.speakers.ours, vec!["Rep"]);
        assert_eq!(c.rules.disable, vec!["risky"]);
        assert_eq!(
            c.rules.severity.get("align.unsupported"),
            Some(&crate::diagnostic::Severity::Info)
        );
    }

    #[test]
    fn empty_file_is_the_default_config() {
        let c = parse("# nothing yet\n").unwrap();
        assert!(c.brand.is_empty());
        assert_eq!(c.speakers, Speakers::default());
    }

    #[test]
    fn unknown_keys_are_errors_naming_file_key_and_line() {
        let err = parse("brand: [a.md]\nsale: [b.md]\n").unwrap_err();
        assert!(err.message.starts_with("repo/onmessage.yml:2:"), "{err}");
        assert!(err.message.contains("unknown field `sale`"), "{err}");

        let err = parse("speakers:\n  ours: [Rep]\n  others: [X]\n").unwrap_err();
        assert!(err.message.starts_with("repo/onmessage.yml:3:"), "{err}");
        assert!(err.message.contains("`others`"), "{err}");
    }

    #[test]
    fn wrong_types_and_bad_yaml_are_located() {
        let err = parse("brand: messaging\n").unwrap_err();
        assert!(err.message.starts_with("repo/onmessage.yml:1:"), "{err}");
        let err = parse("rules:\n  severity: {terms: fatal}\n").unwrap_err();
        assert!(err.message.starts_with("repo/onmessage.yml:2:"), "{err}");
        let err = parse("brand: [a\n").unwrap_err();
        assert!(err.message.starts_with("repo/onmessage.yml:"), "{err}");
    }

    #[test]
    fn find_walks_up_from_a_file_or_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("sales/calls")).unwrap();
        std::fs::write(root.join(CONFIG_FILE), "brand: []\n").unwrap();
        std::fs::write(root.join("sales/calls/a.md"), "hi\n").unwrap();
        let want = std::fs::canonicalize(root.join(CONFIG_FILE)).unwrap();
        assert_eq!(
            Config::find(&root.join("sales/calls/a.md")),
            Some(want.clone())
        );
        assert_eq!(Config::find(&root.join("sales")), Some(want));
    }
}

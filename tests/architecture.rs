//! The layering rules of docs/architecture.md, checked on the source:
//! - no import cycle between top-level modules of `src/` (a folder or a
//!   top-level file is one module; `lib.rs` only declares them);
//! - the command line (`main.rs`, `cli.rs`, `cmd/`) is the only code that
//!   uses clap or `cli`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const CLI_LAYER: &[&str] = &["main", "cli", "cmd"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`align` for
/// `src/align/index.rs`, `config` for `src/config.rs`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// Source without comments, so a doc comment naming a module is no import.
fn code_only(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Top-level modules named by `crate::x` paths, including each item of a
/// `use crate::{x, y::z}` group.
fn crate_refs(code: &str) -> BTreeSet<String> {
    let mut refs = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let preceded_by_ident = rest[..i].chars().next_back().is_some_and(is_ident);
        rest = &rest[i + "crate::".len()..];
        if preceded_by_ident {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            // Only the group's first level names modules: split it at the
            // commas outside inner braces, and take each item's first name.
            let mut depth = 0;
            let mut items = vec![String::new()];
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => items.push(String::new()),
                    _ => {}
                }
                if let Some(item) = items.last_mut() {
                    item.push(c);
                }
            }
            for item in items {
                let item = item.trim_start_matches(',').trim_start();
                refs.insert(item.chars().take_while(|c| is_ident(*c)).collect());
            }
        } else {
            let name: String = rest.chars().take_while(|c| is_ident(*c)).collect();
            refs.insert(name);
        }
    }
    refs.retain(|r| !r.is_empty() && r != "self");
    refs
}

struct Source {
    /// module -> (module it imports -> first file that does)
    imports: BTreeMap<String, BTreeMap<String, String>>,
    /// Files outside the command line that mention clap or `cli`.
    clap_users: Vec<String>,
}

fn read_source() -> Source {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut imports: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut clap_users = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        let rel = file.strip_prefix(&src).unwrap().display().to_string();
        let code = code_only(&std::fs::read_to_string(file).unwrap());
        if !CLI_LAYER.contains(&module.as_str())
            && (code.contains("clap::") || code.contains("use clap") || code.contains("crate::cli"))
        {
            clap_users.push(rel.clone());
        }
        if module == "lib" {
            continue;
        }
        for target in crate_refs(&code) {
            assert!(
                modules.contains(&target),
                "{rel}: `crate::{target}` is not a module path; name the module the item lives in"
            );
            if target != module {
                imports
                    .entry(module.clone())
                    .or_default()
                    .entry(target)
                    .or_insert_with(|| rel.clone());
            }
        }
    }
    Source {
        imports,
        clap_users,
    }
}

/// A path of imports from `from` back to itself, if there is one.
fn cycle_through(
    imports: &BTreeMap<String, BTreeMap<String, String>>,
    from: &str,
) -> Option<Vec<String>> {
    fn walk(
        imports: &BTreeMap<String, BTreeMap<String, String>>,
        at: &str,
        goal: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in imports.get(at).into_iter().flat_map(|m| m.keys()) {
            if next == goal {
                path.push(next.clone());
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(imports, next, goal, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![from.to_string()];
    let mut seen = BTreeSet::new();
    walk(imports, from, from, &mut path, &mut seen).then_some(path)
}

#[test]
fn no_import_cycle_between_top_level_modules() {
    let source = read_source();
    assert!(
        source.imports.contains_key("pipeline") && source.imports["pipeline"].contains_key("align"),
        "the import scan found nothing; is it reading src/?"
    );
    for module in source.imports.keys() {
        if let Some(cycle) = cycle_through(&source.imports, module) {
            let steps: Vec<String> = cycle
                .windows(2)
                .map(|w| format!("{} -> {} ({})", w[0], w[1], source.imports[&w[0]][&w[1]]))
                .collect();
            panic!("import cycle: {}", steps.join(", "));
        }
    }
}

#[test]
fn only_the_command_line_uses_clap() {
    let source = read_source();
    assert!(
        source.clap_users.is_empty(),
        "clap or `cli` used outside main.rs, cli.rs and cmd/: {:?}",
        source.clap_users
    );
}

#[test]
fn the_scan_sees_grouped_imports_and_skips_comments() {
    let code = code_only(
        "use crate::{align::X, claims, markdown::{Doc, Side}};\n// crate::report\nlet x = crate::rules::load();\nfoo_crate::nope();",
    );
    let refs: Vec<String> = crate_refs(&code).into_iter().collect();
    assert_eq!(refs, ["align", "claims", "markdown", "rules"]);
    let mut imports: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    imports
        .entry("a".into())
        .or_default()
        .insert("b".into(), "a.rs".into());
    assert!(cycle_through(&imports, "a").is_none());
    imports
        .entry("b".into())
        .or_default()
        .insert("a".into(), "b.rs".into());
    assert_eq!(cycle_through(&imports, "a").unwrap(), ["a", "b", "a"]);
}

/// State belongs to the objects that use it (the brand index, a per-worker
/// context): no `thread_local!`, and no static holding an atomic, a lock or
/// a mutable cell. A lazily built constant (a compiled regex) is no state.
#[test]
fn no_global_mutable_state() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut found = Vec::new();
    for file in &files {
        let code = code_only(&std::fs::read_to_string(file).unwrap());
        let rel = file.strip_prefix(&src).unwrap().display().to_string();
        if code.contains("thread_local!") {
            found.push(format!("{rel}: thread_local!"));
        }
        for line in code.lines() {
            let line = line.trim_start();
            let is_static = line.starts_with("static ") || line.starts_with("pub static ");
            let mutable = [
                "Atomic",
                "Mutex",
                "RwLock",
                "RefCell",
                "Cell<",
                "static mut",
            ]
            .iter()
            .any(|t| line.contains(t));
            if is_static && mutable {
                found.push(format!("{rel}: {line}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "global mutable state:\n{}",
        found.join("\n")
    );
}

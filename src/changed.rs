//! `--changed-since REV`: which sales files a pull request can have broken.
//!
//! A changed sales file is checked. A changed brand doc, config or rule pack
//! can break scripts nobody touched, so then every sales file is checked.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::config::Config;
use crate::discover::Roles;
use crate::error::{Error, Result};
use crate::markdown::Role;

/// What a run restricted to changed files must check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every sales file (a brand doc, the config or a rule pack changed).
    Everything,
    /// Only these sales files (absolute paths); possibly none.
    Files(Vec<PathBuf>),
}

/// Decide the scope from the files git reports as changed since `rev`
/// (committed, staged, unstaged and untracked).
pub fn scope(config: &Config, rev: &str) -> Result<Scope> {
    let changed = changed_files(&config.root, rev)?;
    classify(config, &changed)
}

/// Classify changed absolute paths.
pub fn classify(config: &Config, changed: &[PathBuf]) -> Result<Scope> {
    let roles = Roles::new(config)?;
    let root = canonical(&config.root);
    let config_file = config.file.as_deref().map(canonical);
    let packs: Vec<PathBuf> = config
        .rules
        .packs
        .iter()
        .map(|p| canonical(&config.root.join(p)))
        .collect();
    let mut files = Vec::new();
    for path in changed {
        if config_file.as_deref() == Some(path.as_path()) || packs.contains(path) {
            return Ok(Scope::Everything);
        }
        let Ok(rel) = path.strip_prefix(&root) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let by_globs = roles.role(&rel);
        // Front matter overrides the globs, except for excluded files.
        let role = match by_globs {
            Some(Role::Ignore) => by_globs,
            _ => declared_role(path, &rel, config).or(by_globs),
        };
        match role {
            Some(Role::Brand) => return Ok(Scope::Everything),
            // A deleted sales file has nothing left to check.
            Some(Role::Sales) if path.is_file() => files.push(path.clone()),
            _ => {}
        }
    }
    files.sort();
    files.dedup();
    Ok(Scope::Files(files))
}

/// The role a Markdown file's front matter gives it, if it exists and says.
fn declared_role(path: &Path, rel: &str, config: &Config) -> Option<Role> {
    let markdown = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["md", "markdown", "mdx"].contains(&e.to_ascii_lowercase().as_str()));
    if !markdown {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    crate::markdown::parse(rel, text, &config.speakers)
        .front_matter
        .role
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Absolute paths of the files that differ from `rev` in the work tree of
/// the repository holding `dir`, plus untracked files that are not ignored.
pub fn changed_files(dir: &Path, rev: &str) -> Result<Vec<PathBuf>> {
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
    let top = canonical(&top);
    let diff = git(
        dir,
        &[
            "diff",
            "--name-only",
            "--no-relative",
            "-z",
            "--end-of-options",
            rev,
            "--",
        ],
    )?;
    let untracked = git(
        dir,
        &[
            "ls-files",
            "--others",
            "--exclude-standard",
            "--full-name",
            "-z",
        ],
    )?;
    let mut paths: Vec<PathBuf> = diff
        .split('\0')
        .chain(untracked.split('\0'))
        .filter(|p| !p.is_empty())
        .map(|p| top.join(p))
        .collect();
    paths.sort();
    paths.dedup();
    Ok(paths)
}

/// Run git in `dir`; its complaint becomes the error.
fn git(dir: &Path, args: &[&str]) -> Result<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| Error::new(format!("--changed-since needs git: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(Error::new(format!(
            "--changed-since: `git {}` failed in {}: {}",
            args.join(" "),
            dir.display(),
            stderr.trim()
        )));
    }
    String::from_utf8(output.stdout)
        .map_err(|_| Error::new("--changed-since: git printed a path that is not UTF-8"))
}

//! `--changed-since REV`: which sales files a pull request can have broken.
//!
//! A changed sales file is checked. A changed brand doc, config or rule pack
//! can break scripts nobody touched, so then every sales file is checked.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::discover::{DiscoverSettings, Roles};
use crate::error::{Error, Result};
use crate::markdown::Role;

/// The files whose change means every sales file must be checked again
/// (the config file and its rule packs), besides the brand docs.
#[derive(Clone, Debug, Default)]
pub struct ChangedSettings {
    pub watched: Vec<PathBuf>,
}

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
pub fn scope(discover: &DiscoverSettings, settings: &ChangedSettings, rev: &str) -> Result<Scope> {
    let changed = changed_files(&discover.root, rev)?;
    classify(discover, settings, &changed)
}

/// The sales paths a `--changed-since REV` run checks, within `paths` (if
/// any): `paths` themselves when everything must be checked, None when no
/// sales file changed.
pub fn narrow(
    discover: &DiscoverSettings,
    settings: &ChangedSettings,
    rev: &str,
    paths: &[PathBuf],
) -> Result<Option<Vec<PathBuf>>> {
    let within: Vec<PathBuf> = paths
        .iter()
        .map(|p| std::fs::canonicalize(p).map_err(|e| Error::io(p, e)))
        .collect::<Result<_>>()?;
    match scope(discover, settings, rev)? {
        Scope::Everything => Ok(Some(paths.to_vec())),
        Scope::Files(files) => {
            let files: Vec<PathBuf> = files
                .into_iter()
                .filter(|f| within.is_empty() || within.iter().any(|w| f.starts_with(w)))
                .collect();
            Ok((!files.is_empty()).then_some(files))
        }
    }
}

/// Classify changed absolute paths.
pub fn classify(
    discover: &DiscoverSettings,
    settings: &ChangedSettings,
    changed: &[PathBuf],
) -> Result<Scope> {
    let roles = Roles::new(discover)?;
    let root = canonical(&discover.root);
    let watched: Vec<PathBuf> = settings.watched.iter().map(|p| canonical(p)).collect();
    let mut files = Vec::new();
    for path in changed {
        if watched.contains(path) {
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
            _ => declared_role(path, &rel).or(by_globs),
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
fn declared_role(path: &Path, rel: &str) -> Option<Role> {
    let markdown = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["md", "markdown", "mdx"].contains(&e.to_ascii_lowercase().as_str()));
    if !markdown {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    crate::markdown::parse_head(rel, text).front_matter.role
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

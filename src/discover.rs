//! Walk the content repo and give each file its role. (Skeleton: owned by the discovery work.)

use std::path::PathBuf;

use crate::config::Config;
use crate::error::Result;
use crate::markdown::Role;

/// A file to read, with the role its globs give it (front matter may override).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub abs: PathBuf,
    /// Relative to the config's folder, `/`-separated.
    pub rel: String,
    pub role: Role,
}

/// Brand docs always come from the config; `paths` (if any) restrict the
/// sales files. Brand globs that match nothing are an error.
pub fn discover(config: &Config, paths: &[PathBuf]) -> Result<Vec<Candidate>> {
    let _ = (config, paths);
    Ok(Vec::new())
}

/// `path` relative to the config's folder, `/`-separated.
pub fn relative(config: &Config, path: &std::path::Path) -> String {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let root = std::fs::canonicalize(&config.root).unwrap_or_else(|_| config.root.clone());
    let rel = abs
        .strip_prefix(&root)
        .or_else(|_| abs.strip_prefix(&config.root))
        .unwrap_or(&abs);
    rel.to_string_lossy().replace('\\', "/")
}

/// The role the config's globs give a relative path (None: not matched).
pub fn role_of(config: &Config, rel: &str) -> Option<Role> {
    let _ = (config, rel);
    None
}

//! Walk the content repo and give each file its role.
//!
//! Brand docs always come from the config's globs, so a single script named on
//! the command line is still checked against every brand doc. Paths on the
//! command line only restrict which sales files are checked.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use ignore::WalkBuilder;

use crate::error::{Error, Result};
use crate::markdown::Role;

/// Extensions of the files onmessage reads.
const MARKDOWN: &[&str] = &["md", "markdown", "mdx"];

/// How much of an unmatched file is read to look for an `onmessage:` role.
const FRONT_MATTER_PEEK: usize = 4096;

/// Which files a run reads and the role each gets: the config's globs,
/// resolved against the config's folder.
#[derive(Clone, Debug, Default)]
pub struct DiscoverSettings {
    /// Folder that globs and reported paths are relative to.
    pub root: PathBuf,
    /// Where the globs came from, for error messages (None: the command line).
    pub origin: Option<PathBuf>,
    pub brand: Vec<String>,
    pub sales: Vec<String>,
    /// `sales` was given, even empty: only its globs make sales files. When
    /// false, every Markdown file that is not a brand doc is sales.
    pub sales_listed: bool,
    pub exclude: Vec<String>,
}

/// A file to read, with the role its globs give it (front matter may override).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub abs: PathBuf,
    /// Relative to the config's folder, `/`-separated.
    pub rel: String,
    pub role: Role,
}

/// What gave a file its role (`check --show-files`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoleSource {
    /// A glob of the config's (or the command line's) `key` list.
    Glob { key: &'static str, glob: String },
    /// No `sales` list: every Markdown file that is not a brand doc is sales.
    NotBrand,
    /// The file's front matter (`onmessage: {role: …}`).
    FrontMatter,
    /// Named on the command line, which makes it sales unless it is a brand doc.
    Named,
    /// No glob matched it.
    Unmatched,
}

impl std::fmt::Display for RoleSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RoleSource::Glob { key, glob } => write!(f, "{key} glob `{glob}`"),
            RoleSource::NotBrand => f.write_str("not a brand doc (no `sales` list)"),
            RoleSource::FrontMatter => f.write_str("front matter"),
            RoleSource::Named => f.write_str("named on the command line"),
            RoleSource::Unmatched => f.write_str("no glob matched"),
        }
    }
}

/// One list of globs, compiled into one set; `owner[i]` is the glob that
/// pattern `i` of the set came from.
struct GlobList {
    key: &'static str,
    globs: Vec<String>,
    set: GlobSet,
    owner: Vec<usize>,
}

impl GlobList {
    fn new(settings: &DiscoverSettings, key: &'static str, globs: &[String]) -> Result<GlobList> {
        let (set, owner) = compile(settings, globs)?;
        Ok(GlobList {
            key,
            globs: globs.to_vec(),
            set,
            owner,
        })
    }

    fn is_match(&self, rel: &str) -> bool {
        self.set.is_match(rel)
    }

    /// The first glob (in the order written) that matches `rel`.
    fn first_match(&self, rel: &str) -> Option<usize> {
        self.set
            .matches(rel)
            .into_iter()
            .map(|i| self.owner[i])
            .min()
    }

    /// Mark in `hits` every glob that matches `rel`.
    fn mark(&self, rel: &str, hits: &mut [bool]) {
        for i in self.set.matches(rel) {
            hits[self.owner[i]] = true;
        }
    }

    fn source(&self, rel: &str) -> Option<RoleSource> {
        self.first_match(rel).map(|i| RoleSource::Glob {
            key: self.key,
            glob: self.globs[i].clone(),
        })
    }

    /// Error when a glob matched no file: `hits` as `mark` left it.
    fn check_hits(&self, hits: &[bool], root: &Path) -> Result<()> {
        let missing: Vec<String> = self
            .globs
            .iter()
            .zip(hits)
            .filter(|(_, hit)| !**hit)
            .map(|(glob, _)| format!("`{glob}`"))
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        Err(Error::new(format!(
            "{} glob{} matched no Markdown files under {}: {}",
            self.key,
            if missing.len() == 1 { "" } else { "s" },
            root.display(),
            missing.join(", ")
        )))
    }
}

/// The config's globs, compiled.
pub struct Roles {
    brand: GlobList,
    /// None: no `sales` list, so every file that is not a brand doc is sales.
    sales: Option<GlobList>,
    exclude: GlobList,
}

impl Roles {
    pub fn new(settings: &DiscoverSettings) -> Result<Roles> {
        let listed = settings.sales_listed || !settings.sales.is_empty();
        Ok(Roles {
            brand: GlobList::new(settings, "brand", &settings.brand)?,
            sales: if listed {
                Some(GlobList::new(settings, "sales", &settings.sales)?)
            } else {
                None
            },
            exclude: GlobList::new(settings, "exclude", &settings.exclude)?,
        })
    }

    /// The role the globs give `rel`; `exclude` wins, then brand, then sales.
    pub fn role(&self, rel: &str) -> Option<Role> {
        if self.exclude.is_match(rel) {
            Some(Role::Ignore)
        } else if self.brand.is_match(rel) {
            Some(Role::Brand)
        } else if self.sales.as_ref().is_none_or(|s| s.is_match(rel)) {
            Some(Role::Sales)
        } else {
            None
        }
    }

    /// The role the globs give `rel` and the glob that gave it.
    pub fn classify(&self, rel: &str) -> (Option<Role>, RoleSource) {
        let role = self.role(rel);
        let source = match role {
            Some(Role::Ignore) => self.exclude.source(rel),
            Some(Role::Brand) => self.brand.source(rel),
            Some(Role::Sales) => match &self.sales {
                Some(sales) => sales.source(rel),
                None => Some(RoleSource::NotBrand),
            },
            None => None,
        };
        (role, source.unwrap_or(RoleSource::Unmatched))
    }
}

/// Compile globs relative to the config's folder. A glob without wildcards
/// also matches everything under it, so `brand: [messaging]` works. The
/// second value gives, for each pattern of the set, the glob it came from.
fn compile(settings: &DiscoverSettings, globs: &[String]) -> Result<(GlobSet, Vec<usize>)> {
    let mut set = GlobSetBuilder::new();
    let mut owner = Vec::new();
    for (index, glob) in globs.iter().enumerate() {
        let pattern = glob.trim().trim_start_matches("./").trim_end_matches('/');
        let mut patterns = vec![pattern.to_string()];
        if !pattern.contains(['*', '?', '[', '{']) {
            patterns.push(format!("{pattern}/**"));
        }
        for p in patterns {
            let compiled = GlobBuilder::new(&p)
                .literal_separator(true)
                .build()
                .map_err(|e| {
                    let origin = settings
                        .origin
                        .as_ref()
                        .map_or_else(|| "command line".to_string(), |f| f.display().to_string());
                    Error::new(format!("{origin}: invalid glob `{glob}`: {e}"))
                })?;
            set.add(compiled);
            owner.push(index);
        }
    }
    let set = set
        .build()
        .map_err(|e| Error::new(format!("invalid globs: {e}")))?;
    Ok((set, owner))
}

/// Brand docs always come from the config; `paths` (if any) restrict the
/// sales files. Brand globs that match nothing are an error, and so are
/// sales globs when the whole repo is walked.
pub fn discover(settings: &DiscoverSettings, paths: &[PathBuf]) -> Result<Vec<Candidate>> {
    walk(settings, paths, true)
}

/// `discover`, and with `check_globs` the check that every glob matched.
fn walk(
    settings: &DiscoverSettings,
    paths: &[PathBuf],
    check_globs: bool,
) -> Result<Vec<Candidate>> {
    let roles = Roles::new(settings)?;
    let mut found: BTreeMap<String, Candidate> = BTreeMap::new();
    let mut brand_hits = vec![false; roles.brand.globs.len()];
    let mut sales_hits = vec![false; roles.sales.as_ref().map_or(0, |s| s.globs.len())];

    // With paths, only brand docs are needed from the repo: walk just the
    // folders the brand globs can match in.
    let walk_roots = if paths.is_empty() {
        vec![settings.root.clone()]
    } else {
        brand_bases(settings)
    };
    let repo_files = walk_roots
        .iter()
        .flat_map(|dir| markdown_files(settings, dir));
    for (abs, rel) in repo_files {
        roles.brand.mark(&rel, &mut brand_hits);
        if let Some(sales) = &roles.sales {
            sales.mark(&rel, &mut sales_hits);
        }
        let role = match roles.role(&rel) {
            Some(Role::Brand) => Role::Brand,
            Some(Role::Sales) if paths.is_empty() => Role::Sales,
            // Front matter may give an unmatched file a role: let the parser decide.
            None if paths.is_empty() && declares_role(&abs) => Role::Ignore,
            _ => continue,
        };
        found.insert(rel.clone(), Candidate { abs, rel, role });
    }

    if check_globs {
        roles.brand.check_hits(&brand_hits, &settings.root)?;
        // Only a walk of the whole repo can tell that a sales glob matches nothing.
        if let (Some(sales), true) = (&roles.sales, paths.is_empty()) {
            sales.check_hits(&sales_hits, &settings.root)?;
        }
    }

    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if meta.is_file() {
            // A file named explicitly is checked as sales unless it is a brand
            // doc or excluded (a pre-commit hook names every staged file).
            let rel = relative(settings, path);
            if roles.exclude.is_match(&rel) {
                continue;
            }
            found.entry(rel.clone()).or_insert(Candidate {
                abs: absolute(path),
                rel,
                role: Role::Sales,
            });
        } else if meta.is_dir() {
            for (abs, rel) in markdown_files(settings, path) {
                if roles.role(&rel) == Some(Role::Sales) {
                    found.entry(rel.clone()).or_insert(Candidate {
                        abs,
                        rel,
                        role: Role::Sales,
                    });
                }
            }
        } else {
            return Err(Error::new(format!(
                "{}: not a regular file or folder",
                path.display()
            )));
        }
    }
    Ok(found.into_values().collect())
}

/// A file with the role a run gives it and what gave it that role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRole {
    pub rel: String,
    pub role: Role,
    pub source: RoleSource,
}

/// What `discover` decides for each file, and why (`check --show-files`).
/// Without `paths`, every Markdown file under the root is listed, those the
/// run does not read as `ignore`; with `paths`, the files the run reads.
/// Globs that match nothing are not an error here: this is where a user
/// looks to see why.
pub fn explain_roles(settings: &DiscoverSettings, paths: &[PathBuf]) -> Result<Vec<FileRole>> {
    let roles = Roles::new(settings)?;
    let mut rows: BTreeMap<String, FileRole> = BTreeMap::new();
    if paths.is_empty() {
        for (_, rel) in markdown_files(settings, &settings.root) {
            let (role, source) = roles.classify(&rel);
            let role = role.unwrap_or(Role::Ignore);
            rows.insert(rel.clone(), FileRole { rel, role, source });
        }
    }
    for candidate in walk(settings, paths, false)? {
        let (role, source) = roles.classify(&candidate.rel);
        let source = if role == Some(candidate.role) {
            source
        } else if candidate.role == Role::Sales {
            RoleSource::Named
        } else {
            source
        };
        // Front matter overrides the globs, as when the run reads the file.
        let declared = std::fs::read_to_string(&candidate.abs)
            .ok()
            .and_then(|text| {
                crate::markdown::parse_head(&candidate.rel, text)
                    .front_matter
                    .role
            });
        let (role, source) = match declared {
            Some(role) => (role, RoleSource::FrontMatter),
            None => (candidate.role, source),
        };
        let rel = candidate.rel;
        rows.insert(rel.clone(), FileRole { rel, role, source });
    }
    Ok(rows.into_values().collect())
}

/// The deepest folders that hold everything the brand globs can match:
/// `messaging/**/*.md` → `messaging`. Folders inside another are dropped.
fn brand_bases(settings: &DiscoverSettings) -> Vec<PathBuf> {
    let mut bases: Vec<PathBuf> = settings
        .brand
        .iter()
        .map(|glob| {
            let pattern = glob.trim().trim_start_matches("./").trim_end_matches('/');
            let parts: Vec<&str> = pattern.split('/').collect();
            let literal = parts[..parts.len() - 1]
                .iter()
                .take_while(|p| !p.contains(['*', '?', '[', '{']));
            literal.fold(settings.root.clone(), |dir, part| dir.join(part))
        })
        .filter(|dir| dir.is_dir())
        .collect();
    bases.sort();
    bases.dedup();
    let mut kept: Vec<PathBuf> = Vec::new();
    for base in bases {
        if !kept.iter().any(|k| base.starts_with(k)) {
            kept.push(base);
        }
    }
    kept
}

/// Regular Markdown files under `dir` with their paths relative to the
/// config's folder, honouring `.gitignore` (in or out of a git repo) and
/// skipping hidden entries below `dir` and symlinks.
fn markdown_files<'a>(
    settings: &DiscoverSettings,
    dir: &'a Path,
) -> impl Iterator<Item = (PathBuf, String)> + 'a {
    // One canonicalisation per folder, not per file.
    let base = relative(settings, dir);
    let base = if base.is_empty() {
        base
    } else {
        format!("{base}/")
    };
    markdown_paths(dir, &[])
        .filter_map(|path| path.ok())
        .map(move |abs| {
            let below = abs
                .strip_prefix(dir)
                .unwrap_or(&abs)
                .to_string_lossy()
                .replace('\\', "/");
            let rel = format!("{base}{below}");
            (abs, rel)
        })
}

/// Regular Markdown files under `root` as `discover` walks for them
/// (`.gitignore` honoured in or out of a git repo, hidden entries below
/// `root` and symlinks skipped), never entering a folder named in
/// `skip_folders`. An entry the walk cannot read is an error, for callers
/// that must not silently miss files.
pub fn markdown_paths(
    root: &Path,
    skip_folders: &[String],
) -> impl Iterator<Item = Result<PathBuf>> {
    let mut walk = WalkBuilder::new(root);
    walk.hidden(true)
        .git_ignore(true)
        .require_git(false)
        .follow_links(false);
    if !skip_folders.is_empty() {
        let skip = skip_folders.to_vec();
        walk.filter_entry(move |e| {
            !(e.file_type().is_some_and(|t| t.is_dir())
                && e.file_name()
                    .to_str()
                    .is_some_and(|n| skip.iter().any(|s| s == n)))
        });
    }
    let root = root.to_path_buf();
    walk.build().filter_map(move |entry| match entry {
        Err(e) => Some(Err(Error::new(format!("{}: {e}", root.display())))),
        Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
            let path = entry.into_path();
            is_markdown(&path).then_some(Ok(path))
        }
        Ok(_) => None,
    })
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| MARKDOWN.iter().any(|m| e.eq_ignore_ascii_case(m)))
}

/// Does the file start with front matter naming an `onmessage:` role?
fn declares_role(path: &Path) -> bool {
    let mut head = Vec::with_capacity(FRONT_MATTER_PEEK);
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    if file
        .take(FRONT_MATTER_PEEK as u64)
        .read_to_end(&mut head)
        .is_err()
    {
        return false;
    }
    let head = String::from_utf8_lossy(&head);
    let head = head.trim_start_matches('\u{feff}');
    head.starts_with("---") && head.lines().skip(1).any(|l| l.starts_with("onmessage:"))
}

fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    }
}

/// `path` relative to the config's folder, `/`-separated.
pub fn relative(settings: &DiscoverSettings, path: &std::path::Path) -> String {
    let abs = absolute(path);
    let abs = std::fs::canonicalize(&abs).unwrap_or(abs);
    let root = std::fs::canonicalize(&settings.root).unwrap_or_else(|_| absolute(&settings.root));
    let rel = abs.strip_prefix(&root).unwrap_or(&abs);
    let rel = rel.to_string_lossy().replace('\\', "/");
    rel.strip_prefix("./").map(str::to_string).unwrap_or(rel)
}

/// Do `paths` select every sales file? True with no paths, or when one of
/// them is the config's folder or a folder above it (`onmessage check
/// fixtures/demo`), so repo-wide checks such as coverage still run.
pub fn is_whole_set(settings: &DiscoverSettings, paths: &[PathBuf]) -> bool {
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| absolute(p));
    let root = canonical(&settings.root);
    paths.is_empty()
        || paths
            .iter()
            .any(|p| p.is_dir() && root.starts_with(canonical(p)))
}

/// The role the config's globs give a relative path (None: not matched).
pub fn role_of(settings: &DiscoverSettings, rel: &str) -> Option<Role> {
    Roles::new(settings).ok()?.role(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn repo() -> (tempfile::TempDir, DiscoverSettings) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "messaging/guide.md", "# Guide\n");
        write(root, "messaging/old/retired.md", "# Old\n");
        write(root, "sales/call.md", "Rep: hi\n");
        write(root, "sales/email.markdown", "Hi\n");
        write(root, "sales/page.mdx", "Hi\n");
        write(root, "sales/notes.txt", "not markdown\n");
        write(root, "sales/both.md", "in brand and sales\n");
        write(root, "sales/draft/wip.md", "ignored by .gitignore\n");
        write(root, "sales/.hidden/secret.md", "hidden\n");
        write(root, "sales/.dot.md", "hidden\n");
        write(root, "README.md", "unmatched\n");
        write(
            root,
            "other/role.md",
            "---\nonmessage: {role: sales}\n---\nHi\n",
        );
        write(root, ".gitignore", "draft/\n");
        std::fs::create_dir_all(root.join("sales/folder.md")).unwrap();
        let settings = DiscoverSettings {
            root: root.to_path_buf(),
            brand: vec!["messaging/**/*.md".into(), "sales/both.md".into()],
            sales: vec!["sales/**".into()],
            exclude: vec!["messaging/old".into()],
            ..DiscoverSettings::default()
        };
        (dir, settings)
    }

    fn listed(found: &[Candidate]) -> Vec<(&str, Role)> {
        found.iter().map(|c| (c.rel.as_str(), c.role)).collect()
    }

    #[test]
    fn roles_from_globs_with_brand_over_sales_and_exclude_over_both() {
        let (_dir, settings) = repo();
        let found = discover(&settings, &[]).unwrap();
        assert_eq!(
            listed(&found),
            vec![
                ("messaging/guide.md", Role::Brand),
                ("other/role.md", Role::Ignore),
                ("sales/both.md", Role::Brand),
                ("sales/call.md", Role::Sales),
                ("sales/email.markdown", Role::Sales),
                ("sales/page.mdx", Role::Sales),
            ]
        );
        assert!(found.iter().all(|c| c.abs.is_file()));
        assert_eq!(
            role_of(&settings, "messaging/old/retired.md"),
            Some(Role::Ignore)
        );
        assert_eq!(role_of(&settings, "README.md"), None);
    }

    #[test]
    fn paths_restrict_sales_but_brand_docs_always_come_along() {
        let (dir, settings) = repo();
        let found = discover(&settings, &[dir.path().join("sales/call.md")]).unwrap();
        assert_eq!(
            listed(&found),
            vec![
                ("messaging/guide.md", Role::Brand),
                ("sales/both.md", Role::Brand),
                ("sales/call.md", Role::Sales),
            ]
        );
        // A hidden folder named explicitly is walked; a file outside the sales
        // globs named explicitly is checked as sales.
        let found = discover(
            &settings,
            &[
                dir.path().join("sales/.hidden"),
                dir.path().join("README.md"),
            ],
        )
        .unwrap();
        let rels: Vec<&str> = found.iter().map(|c| c.rel.as_str()).collect();
        assert_eq!(
            rels,
            vec![
                "README.md",
                "messaging/guide.md",
                "sales/.hidden/secret.md",
                "sales/both.md"
            ]
        );
    }

    #[test]
    fn brand_walk_starts_at_the_globs_literal_folders() {
        let (dir, mut settings) = repo();
        assert_eq!(
            brand_bases(&settings),
            vec![dir.path().join("messaging"), dir.path().join("sales")]
        );
        settings.brand.push("**/brand.md".into());
        assert_eq!(brand_bases(&settings), vec![dir.path().to_path_buf()]);
    }

    #[test]
    fn no_sales_globs_means_every_other_markdown_file() {
        let (_dir, mut settings) = repo();
        settings.sales.clear();
        let found = discover(&settings, &[]).unwrap();
        assert!(listed(&found).contains(&("README.md", Role::Sales)));
        assert!(!found
            .iter()
            .any(|c| c.rel.contains("draft") || c.rel.contains(".hidden")));
    }

    #[test]
    fn brand_globs_matching_nothing_are_named() {
        let (_dir, mut settings) = repo();
        settings.brand.push("positioning/*.md".into());
        let err = discover(&settings, &[]).unwrap_err();
        assert!(err.message.contains("`positioning/*.md`"), "{err}");
        assert!(!err.message.contains("messaging/**"), "{err}");
    }

    #[test]
    fn an_empty_sales_list_makes_no_sales_files() {
        let (_dir, mut settings) = repo();
        settings.sales.clear();
        settings.sales_listed = true;
        let found = discover(&settings, &[]).unwrap();
        assert!(!found.iter().any(|c| c.role == Role::Sales), "{found:?}");
        assert_eq!(role_of(&settings, "README.md"), None);
    }

    #[test]
    fn sales_globs_matching_nothing_are_named_when_the_whole_repo_is_walked() {
        let (dir, mut settings) = repo();
        settings.sales.push("calls/**".into());
        let err = discover(&settings, &[]).unwrap_err();
        assert!(err.message.starts_with("sales glob matched no"), "{err}");
        assert!(err.message.contains("`calls/**`"), "{err}");
        // A narrowed run cannot tell, and does not fail.
        assert!(discover(&settings, &[dir.path().join("sales/call.md")]).is_ok());
    }

    #[test]
    fn a_named_file_that_is_excluded_is_not_checked() {
        let (dir, settings) = repo();
        let found = discover(&settings, &[dir.path().join("messaging/old/retired.md")]).unwrap();
        assert!(!found.iter().any(|c| c.rel == "messaging/old/retired.md"));
    }

    #[test]
    fn explain_roles_names_the_glob_or_front_matter_behind_each_role() {
        let (_dir, settings) = repo();
        let rows = explain_roles(&settings, &[]).unwrap();
        let row = |rel: &str| {
            let r = rows.iter().find(|r| r.rel == rel).unwrap();
            (r.role, r.source.to_string())
        };
        assert_eq!(
            row("messaging/guide.md"),
            (Role::Brand, "brand glob `messaging/**/*.md`".into())
        );
        assert_eq!(
            row("sales/both.md"),
            (Role::Brand, "brand glob `sales/both.md`".into())
        );
        assert_eq!(
            row("sales/call.md"),
            (Role::Sales, "sales glob `sales/**`".into())
        );
        assert_eq!(
            row("messaging/old/retired.md"),
            (Role::Ignore, "exclude glob `messaging/old`".into())
        );
        assert_eq!(row("README.md"), (Role::Ignore, "no glob matched".into()));
        assert_eq!(row("other/role.md"), (Role::Sales, "front matter".into()));
    }

    #[test]
    fn invalid_globs_and_missing_paths_are_errors() {
        let (dir, mut settings) = repo();
        let err = discover(&settings, &[dir.path().join("nope.md")]).unwrap_err();
        assert!(err.message.contains("nope.md"), "{err}");
        settings.sales = vec!["sales/[".into()];
        let err = discover(&settings, &[]).unwrap_err();
        assert!(err.message.contains("`sales/[`"), "{err}");
    }

    #[test]
    fn the_root_folder_as_a_path_is_the_whole_set() {
        let (dir, settings) = repo();
        assert!(is_whole_set(&settings, &[]));
        assert!(is_whole_set(&settings, &[dir.path().to_path_buf()]));
        assert!(is_whole_set(&settings, &[dir.path().join("sales/..")]));
        assert!(!is_whole_set(&settings, &[dir.path().join("sales")]));
        assert!(!is_whole_set(
            &settings,
            &[dir.path().join("sales/call.md")]
        ));
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_and_fifos_are_never_opened() {
        let (dir, settings) = repo();
        let root = dir.path();
        std::os::unix::fs::symlink(root.join("sales/call.md"), root.join("sales/link.md")).unwrap();
        let fifo = root.join("sales/pipe.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        let found = discover(&settings, &[]).unwrap();
        assert!(!found.iter().any(|c| c.rel == "sales/link.md"));
        if made.is_ok_and(|s| s.success()) {
            assert!(!found.iter().any(|c| c.rel == "sales/pipe.md"));
            assert!(discover(&settings, &[fifo]).is_err());
        }
    }
}

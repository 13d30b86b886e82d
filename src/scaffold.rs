//! What `onmessage init` writes for a content repo: it guesses which Markdown
//! files are brand docs and which are sales material from their folder and
//! file names, and drafts a commented `onmessage.yml` with globs for them
//! plus a starter rule pack. Never overwrites a file.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::CONFIG_FILE;
use crate::error::{Error, Result};
use crate::markdown::Role;

/// The starter pack's file name, beside the config.
pub const PACK_FILE: &str = "onmessage-rules.yml";

/// A file init creates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewFile {
    pub path: PathBuf,
    pub text: String,
}

/// The files of one role that init found, and the globs written for them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Guess {
    /// Each glob with how many of the files it matches.
    pub globs: Vec<(String, usize)>,
    pub files: usize,
}

/// What init found in a repo, and the files it creates there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setup {
    /// Markdown files scanned.
    pub scanned: usize,
    pub brand: Guess,
    pub sales: Guess,
    /// Markdown files whose names say neither.
    pub unassigned: usize,
    pub config: NewFile,
    pub pack: NewFile,
}

/// Scan `dir` and draft its config and starter pack; writes nothing. Refuses
/// (before scanning) when either file already exists.
pub fn plan(dir: &Path) -> Result<Setup> {
    if !dir.is_dir() {
        return Err(Error::new(format!("{}: not a directory", dir.display())));
    }
    let config_path = dir.join(CONFIG_FILE);
    let pack_path = dir.join(PACK_FILE);
    for path in [&config_path, &pack_path] {
        if path.exists() {
            return Err(already_exists(path));
        }
    }
    let names = RoleNames::builtin();
    let found: Vec<Found> = markdown_files(dir, &names.skip_folders)?
        .into_iter()
        .map(|rel| Found::new(rel, &names))
        .collect();
    let guess = |role| Guess {
        globs: globs_for(role, &found),
        files: found.iter().filter(|f| f.role() == Some(role)).count(),
    };
    let brand = guess(Role::Brand);
    let sales = guess(Role::Sales);
    Ok(Setup {
        scanned: found.len(),
        unassigned: found.iter().filter(|f| f.role().is_none()).count(),
        config: NewFile {
            path: config_path,
            text: config_text(&brand.globs, &sales.globs),
        },
        pack: NewFile {
            path: pack_path,
            text: STARTER_PACK.to_string(),
        },
        brand,
        sales,
    })
}

/// The name words init reads (see the file's header).
const ROLE_NAMES: &str = include_str!("../rules/lexicons/role_names.yml");

/// Words in folder and file names that mark brand docs or sales material.
/// Strong words name the document itself; a weak word names a whole
/// department, whose tree also holds other things.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleNames {
    brand_strong: Vec<String>,
    brand_weak: Vec<String>,
    /// Compounds written as one word or several (`battle-cards`, `KeyMessages`); strong.
    brand_compounds: Vec<String>,
    sales_strong: Vec<String>,
    sales_weak: Vec<String>,
    sales_compounds: Vec<String>,
    /// Folders of departments whose playbooks and scripts are not sales
    /// material; nothing under them is chosen.
    other_areas: Vec<String>,
    /// Folders never worth scanning.
    skip_folders: Vec<String>,
}

impl RoleNames {
    fn builtin() -> RoleNames {
        // The embedded file is checked by tests; a failure here is a build defect.
        serde_yaml::from_str(ROLE_NAMES).expect("role_names.yml is valid")
    }

    /// The role one name states, with strong or weak words; `None` when it says
    /// neither or both (`sales-messaging`: let the folders decide).
    fn role(&self, name: &str, strong: bool) -> Option<Role> {
        let (tokens, flat) = words(name);
        let says = |list: &[String], compounds: &[String]| {
            tokens.iter().any(|t| list.contains(t))
                || (strong && compounds.iter().any(|c| flat.contains(c.as_str())))
        };
        let (brand, sales) = if strong {
            (
                says(&self.brand_strong, &self.brand_compounds),
                says(&self.sales_strong, &self.sales_compounds),
            )
        } else {
            (says(&self.brand_weak, &[]), says(&self.sales_weak, &[]))
        };
        match (brand, sales) {
            (true, false) => Some(Role::Brand),
            (false, true) => Some(Role::Sales),
            _ => None,
        }
    }
}

/// The words of a folder or file name, lowercased, and the name with only its
/// letters and digits (to find compounds however they are written).
fn words(name: &str) -> (Vec<String>, String) {
    let lower = name.to_lowercase();
    let flat = lower.chars().filter(|c| c.is_alphanumeric()).collect();
    let tokens = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    (tokens, flat)
}

/// A Markdown file and what its path suggests.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Found {
    /// Relative to DIR, `/`-separated.
    rel: String,
    /// `Some((role, index of the deciding component))`.
    decided: Option<(Role, usize)>,
}

impl Found {
    /// The deepest strong word decides (`marketing/battlecards/x.md` is sales
    /// material); failing one, the outermost weak word (`sales/ops/marketing-ops.md`
    /// is in the sales department's tree).
    fn new(rel: String, names: &RoleNames) -> Found {
        let components: Vec<&str> = rel.split('/').collect();
        let last = components.len() - 1;
        let stems: Vec<&str> = components
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i == last {
                    Path::new(c)
                        .file_stem()
                        .and_then(|s| s.to_str())
                        .unwrap_or(c)
                } else {
                    c
                }
            })
            .collect();
        let elsewhere = stems[..last]
            .iter()
            .any(|n| words(n).0.iter().any(|t| names.other_areas.contains(t)));
        let decided = if elsewhere {
            None
        } else {
            (0..stems.len())
                .rev()
                .find_map(|i| names.role(stems[i], true).map(|r| (r, i)))
                .or_else(|| {
                    (0..stems.len()).find_map(|i| names.role(stems[i], false).map(|r| (r, i)))
                })
        };
        Found { rel, decided }
    }

    fn role(&self) -> Option<Role> {
        self.decided.map(|(r, _)| r)
    }
}

/// Every Markdown file under `dir` (respecting .gitignore, skipping hidden
/// and dependency folders), relative and sorted.
fn markdown_files(dir: &Path, skip_folders: &[String]) -> Result<Vec<String>> {
    let mut files = Vec::new();
    for path in crate::discover::markdown_paths(dir, skip_folders) {
        let path = path?;
        let Ok(rel) = path.strip_prefix(dir) else {
            continue;
        };
        let Some(rel) = rel.to_str() else {
            continue; // a non-UTF-8 name cannot be written as a glob
        };
        files.push(rel.replace('\\', "/"));
    }
    files.sort();
    Ok(files)
}

/// How a file relates to the globs being written for one role.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// A file of the role: must be matched.
    Wanted,
    /// May be matched: another rule gives it its role anyway (a brand doc
    /// under a sales glob stays a brand doc, as brand globs win).
    Tolerated,
    /// Must not be matched.
    Forbidden,
}

fn fit(file: &Found, role: Role) -> Fit {
    match file.role() {
        Some(r) if r == role => Fit::Wanted,
        Some(Role::Brand) if role == Role::Sales => Fit::Tolerated,
        _ => Fit::Forbidden,
    }
}

/// `dir/` prefixes of a relative path, outermost first (`a/`, `a/b/`).
fn folders(rel: &str) -> impl Iterator<Item = &str> {
    rel.match_indices('/').map(move |(i, _)| &rel[..=i])
}

fn extension(rel: &str) -> &str {
    Path::new(rel)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("md")
}

/// `*.md`, or `*.{md,mdx}` when the files use several extensions.
fn star(extensions: &BTreeSet<&str>) -> String {
    let list: Vec<&str> = extensions.iter().copied().collect();
    match list.as_slice() {
        [one] => format!("*.{one}"),
        _ => format!("*.{{{}}}", list.join(",")),
    }
}

/// Per folder: forbidden files and the extensions of wanted files, in the
/// folder itself and anywhere below it.
#[derive(Default)]
struct Folder<'a> {
    forbidden_below: usize,
    forbidden_here: usize,
    extensions_below: BTreeSet<&'a str>,
    extensions_here: BTreeSet<&'a str>,
}

/// The globs for one role, each with how many of its files it matches. Each
/// file gets the broadest glob that matches no forbidden file: the shallowest
/// folder at or below the one whose name decided its role, as `folder/**`;
/// else its own folder's direct files; else the file itself. A file decided
/// by its own name is listed by name (its folder may hold anything later).
fn globs_for(role: Role, found: &[Found]) -> Vec<(String, usize)> {
    let mut tree: HashMap<&str, Folder<'_>> = HashMap::new();
    for file in found {
        let fit = fit(file, role);
        let ext = extension(&file.rel);
        let parent = file.rel.rfind('/').map(|i| &file.rel[..=i]);
        for folder in folders(&file.rel) {
            let f = tree.entry(folder).or_default();
            let here = Some(folder) == parent;
            match fit {
                Fit::Forbidden => {
                    f.forbidden_below += 1;
                    f.forbidden_here += usize::from(here);
                }
                Fit::Wanted => {
                    f.extensions_below.insert(ext);
                    if here {
                        f.extensions_here.insert(ext);
                    }
                }
                Fit::Tolerated => {}
            }
        }
    }
    // Each wanted file's own broadest glob: a folder prefix with `**`, a
    // folder's direct files, or the file.
    enum Choice<'a> {
        Subtree(&'a str),
        Direct(&'a str),
        File,
    }
    let wanted: Vec<&Found> = found
        .iter()
        .filter(|f| fit(f, role) == Fit::Wanted && f.decided.is_some())
        .collect();
    let choices: Vec<Choice<'_>> = wanted
        .iter()
        .map(|file| {
            let at = file.decided.map_or(0, |(_, at)| at);
            let prefixes: Vec<&str> = folders(&file.rel).collect();
            // prefixes[i] is the folder named by component i.
            if let Some(p) = prefixes
                .iter()
                .skip(at)
                .find(|p| tree[*p].forbidden_below == 0)
            {
                return Choice::Subtree(p);
            }
            match prefixes.last() {
                Some(p) if at < prefixes.len() && tree[*p].forbidden_here == 0 => Choice::Direct(p),
                _ => Choice::File,
            }
        })
        .collect();
    // A file already under another file's `**` folder needs no glob of its own.
    let subtrees: BTreeSet<&str> = choices
        .iter()
        .filter_map(|c| match c {
            Choice::Subtree(p) => Some(*p),
            _ => None,
        })
        .collect();
    let mut globs: BTreeMap<String, usize> = BTreeMap::new();
    for (file, choice) in wanted.iter().zip(&choices) {
        let covering = subtrees.iter().find(|p| file.rel.starts_with(*p));
        let glob = match (covering, choice) {
            (Some(p), _) | (None, Choice::Subtree(p)) => format!(
                "{}**/{}",
                globset::escape(p),
                star(&tree[*p].extensions_below)
            ),
            (None, Choice::Direct(p)) => {
                format!("{}{}", globset::escape(p), star(&tree[*p].extensions_here))
            }
            (None, Choice::File) => globset::escape(&file.rel),
        };
        *globs.entry(glob).or_default() += 1;
    }
    globs.into_iter().collect()
}

/// A YAML double-quoted string (JSON strings are valid YAML).
fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

fn glob_list(key: &str, globs: &[(String, usize)], example: &str, empty: &str) -> String {
    if globs.is_empty() {
        return format!(
            "# None found by name: list them here, e.g.\n#   - \"{example}\"\n{empty}{key}: []\n"
        );
    }
    let mut out = format!("{key}:\n");
    for (glob, n) in globs {
        out.push_str(&format!(
            "  - {}   # {n} file{}\n",
            yaml_string(glob),
            if *n == 1 { "" } else { "s" }
        ));
    }
    out
}

/// The `onmessage.yml` template; `{brand}`, `{sales}` and `{pack}` are filled in.
const CONFIG_TEMPLATE: &str = r#"# onmessage configuration, written by `onmessage init`.
# Globs are relative to this file; `onmessage check` finds it by walking up.

# Brand docs: the source of truth (positioning, key messages, proof points).
# Claims under headings such as "Key messages", "Pillars" or "Proof points"
# are key messages: the coverage report tracks which sales files carry them.
{brand}
# Sales material checked against the brand docs: call scripts, talk tracks,
# objection handling, emails, battlecards.
{sales}
# Files to skip even when a glob above matches them.
# exclude:
#   - "**/drafts/**"

# Speaker labels in scripts (`Rep:`, `**Prospect:**`): only our side's lines
# are checked. Lists given here replace the defaults.
# speakers:
#   ours: [Rep, AE, SE, SDR, CSM]
#   theirs: [Prospect, Customer, Buyer]

# How similar a sales claim must be to a brand claim to be compared with it.
# align:
#   threshold: 0.35

# Your own words for the extractor: a folder of files named like the built-in
# lexicons (hedges.yml, synonyms.yml, units.yml …) that add or remove entries.
# lexicons: onmessage-lexicons

# Rule packs added to the built-in ones, and per-rule tuning by id or group.
rules:
  packs:
    - {pack}
  # disable: [risky.no-brainer]
  # severity:
  #   align.unsupported: info
"#;

/// The `onmessage.yml` text for these globs.
pub fn config_text(brand: &[(String, usize)], sales: &[(String, usize)]) -> String {
    CONFIG_TEMPLATE
        .replace(
            "{brand}",
            &glob_list("brand", brand, "messaging/**/*.md", ""),
        )
        .replace(
            "{sales}",
            &glob_list(
                "sales",
                sales,
                "sales/**/*.md",
                "# While the list is empty, every Markdown file that is not a brand doc is sales material.\n",
            ),
        )
        .replace("{pack}", PACK_FILE)
}

/// A starter pack: one commented example of each rule kind.
pub const STARTER_PACK: &str = r#"# Your team's own rules, written by `onmessage init`. One example of each
# kind; edit, copy or delete them. Findings are reported as team.<id>.
#   onmessage rules test onmessage-rules.yml   # run the examples below
#   onmessage rules explain team.no-risk-free  # show a rule
#   onmessage rules schema                     # JSON Schema for your editor
pack: team
description: Our messaging policy, on top of onmessage's built-in rules.
rules:
  # forbid: phrases (terms) or regular expressions (patterns) that must not appear.
  - id: no-risk-free
    kind: forbid
    severity: warning
    message: "\"{match}\" promises something no purchase can: describe how we lower the risk instead."
    description: Promises of zero risk invite disputes and cannot be kept.
    terms: ["risk-free", "zero risk"]
    patterns: ['\bno[- ]risk\b']
    # Where it applies (optional): roles, blocks, speakers, paths.
    # roles: [sales]
    # blocks: [paragraph, list]
    examples:
      valid: ["We lower the risk of a failed rollout."]
      invalid: ["The pilot is completely risk-free."]

  # replace: the approved term instead of an old one; `--fix` rewrites it.
  - id: product-name
    kind: replace
    severity: warning
    message: "Write \"{suggestion}\", not \"{match}\"."
    description: The product was renamed; the old name confuses customers.
    swap:
      "Acme Sync": "Acme Flow"
    examples:
      valid: ["Acme Flow keeps your ledgers in step."]
      invalid: ["Acme Sync keeps your ledgers in step."]

  # require: when the trigger (`when`) appears, the need must appear too,
  # within the same section or file.
  - id: price-needs-vat
    kind: require
    severity: warning
    message: "State the tax basis next to a price (\"excluding VAT\")."
    description: A price without its tax basis is read as the all-in price.
    when:
      patterns: ['[$€£]\s?\d']
    need:
      terms: ["excluding VAT", "excl. VAT", "plus VAT"]
    within: section
    examples:
      valid: ["Plans start at €49 per seat per month, excluding VAT."]
      invalid: ["Plans start at €49 per seat per month."]

  # limit: at most `max` occurrences within a section or file.
  - id: exclamation-marks
    kind: limit
    severity: info
    message: "Too many exclamation marks: keep at most two per section."
    description: A string of exclamation marks reads as hype, not confidence.
    terms: ["!"]
    max: 2
    within: section
    examples:
      valid: ["Great question! Let me show you the report."]
      invalid: ["Wow! It's amazing! You'll love it!"]

  # claim: a condition on extracted claims: their kinds, strength, and whether
  # a brand claim supports them.
  - id: unsupported-superlative
    kind: claim
    severity: error
    message: "A superlative no brand doc backs: ask marketing before using it."
    description: Superlatives ("the fastest", "the only") need proof that marketing has approved.
    kinds: [superlative]
    supported: false
    examples:
      valid: ["Acme Flow helps teams close their books sooner."]
      invalid: ["Acme Flow is the fastest close tool on the market."]
"#;

fn already_exists(path: &Path) -> Error {
    Error::new(format!(
        "{}: already exists; init never overwrites a file (edit it, or delete it and run init again)",
        path.display()
    ))
}

/// Create a new file; refuse (exit 2) if it exists.
pub fn create_new(file: &NewFile) -> Result<()> {
    let path = &file.path;
    let mut out = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                already_exists(path)
            } else {
                Error::io(path, e)
            }
        })?;
    out.write_all(file.text.as_bytes())
        .map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_decide_roles_and_the_deepest_name_wins() {
        let names = RoleNames::builtin();
        let role = |rel: &str| Found::new(rel.to_string(), &names).role();
        assert_eq!(role("messaging/pillars.md"), Some(Role::Brand));
        assert_eq!(role("docs/Positioning.md"), Some(Role::Brand));
        assert_eq!(role("content/KeyMessages.md"), Some(Role::Brand));
        assert_eq!(role("sales/scripts/cold-call.md"), Some(Role::Sales));
        assert_eq!(role("marketing/battle-cards/acme.md"), Some(Role::Sales));
        assert_eq!(role("enablement/objection_handling.md"), Some(Role::Sales));
        assert_eq!(role("marketing/sales-messaging.md"), Some(Role::Brand));
        assert_eq!(role("docs/salesforce-setup.md"), None);
        assert_eq!(role("sales/ops/marketing-ops.md"), Some(Role::Sales));
        assert_eq!(
            role("marketing/sales-enablement/deck.md"),
            Some(Role::Brand)
        );
        assert_eq!(role("marketing/sales-scripts/cold.md"), Some(Role::Sales));
        assert_eq!(role("engineering/playbooks/deploy.md"), None);
        assert_eq!(role("brand/Support.md"), Some(Role::Brand));
        assert_eq!(role("README.md"), None);
    }

    #[test]
    fn plan_walks_like_discover_skips_dependency_folders_and_refuses_existing_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for rel in [
            "messaging/a.md",
            "messaging/b.MDX",
            "sales/call.md",
            "sales/draft/wip.md",
            "sales/.hidden/x.md",
            "node_modules/pkg/sales.md",
            "docs/build/brand.md",
            "notes/todo.txt",
            "README.md",
        ] {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "# T\n").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "draft/\n").unwrap();
        let setup = plan(root).unwrap();
        assert_eq!(setup.scanned, 4);
        assert_eq!(
            setup.brand.globs,
            [("messaging/**/*.{MDX,md}".to_string(), 2)]
        );
        assert_eq!(setup.sales.globs, [("sales/**/*.md".to_string(), 1)]);
        assert_eq!(setup.unassigned, 1);
        assert_eq!(setup.config.path, root.join(CONFIG_FILE));
        assert_eq!(setup.pack.text, STARTER_PACK);
        assert!(!setup.config.path.exists(), "plan writes nothing");

        create_new(&setup.pack).unwrap();
        let err = plan(root).unwrap_err();
        assert!(err.message.contains(PACK_FILE), "{err}");
        assert!(create_new(&setup.pack)
            .unwrap_err()
            .message
            .contains("already exists"));
        assert!(plan(&root.join("README.md")).is_err());
    }

    #[test]
    fn written_config_parses_as_a_config() {
        let text = config_text(
            &[("messaging/**/*.md".into(), 3)],
            &[("sales/**/*.md".into(), 2), ("a \"b\".md".into(), 1)],
        );
        let config = crate::config::Config::from_yaml(Path::new("onmessage.yml"), &text).unwrap();
        assert_eq!(config.brand, ["messaging/**/*.md"]);
        assert_eq!(config.sales, ["sales/**/*.md", "a \"b\".md"]);
        assert_eq!(config.rules.packs, [PACK_FILE]);
        let empty = config_text(&[], &[]);
        let config = crate::config::Config::from_yaml(Path::new("onmessage.yml"), &empty).unwrap();
        assert!(config.brand.is_empty() && config.sales.is_empty());
    }

    #[test]
    fn starter_pack_is_valid_yaml_with_one_rule_of_each_kind() {
        let pack: serde_yaml::Value = serde_yaml::from_str(STARTER_PACK).unwrap();
        assert_eq!(pack["pack"], "team");
        let kinds: Vec<&str> = pack["rules"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|r| r["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, ["forbid", "replace", "require", "limit", "claim"]);
    }
}

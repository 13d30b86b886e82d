//! What `onmessage init` writes for a content repo: it guesses which Markdown
//! files are brand docs and which are sales material from their folder and
//! file names, and drafts a commented `onmessage.yml` with globs for them
//! plus a starter rule pack whose examples are all commented out. Plans
//! only; the `init` command decides what to write (`--dry-run`, `--force`).

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
    /// The file is already there: init refuses unless told to overwrite.
    pub exists: bool,
}

/// The files of one role that init found, and the globs written for them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Guess {
    /// Each glob with how many of the files it matches.
    pub globs: Vec<(String, usize)>,
    pub files: usize,
    /// Files of the role that no folder or name glob could take without also
    /// taking files of another role; the config lists them in a comment.
    pub left_out: Vec<String>,
}

/// What init found in a repo, and the files it creates there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setup {
    /// Markdown files scanned.
    pub scanned: usize,
    pub brand: Guess,
    pub sales: Guess,
    /// Markdown files whose names say neither, relative and sorted.
    pub unassigned: Vec<String>,
    pub config: NewFile,
    pub pack: NewFile,
    /// The repo's `.gitignore`, when it has one that does not yet ignore the
    /// HTML report `onmessage report` writes.
    pub gitignore: Option<PathBuf>,
}

/// The file `onmessage report` writes by default; init adds it to `.gitignore`.
pub const REPORT_FILE: &str = "onmessage-report.html";

/// Scan `dir` and draft its config and starter pack; writes nothing.
pub fn plan(dir: &Path) -> Result<Setup> {
    if !dir.is_dir() {
        return Err(Error::new(format!("{}: not a directory", dir.display())));
    }
    let config_path = dir.join(CONFIG_FILE);
    let pack_path = dir.join(PACK_FILE);
    let names = RoleNames::builtin();
    let found: Vec<Found> = markdown_files(dir, &names.skip_folders)?
        .into_iter()
        .map(|rel| Found::new(rel, &names))
        .collect();
    let guess = |role| {
        let (globs, left_out) = globs_for(role, &found, &names);
        Guess {
            globs,
            files: found.iter().filter(|f| f.role() == Some(role)).count(),
            left_out,
        }
    };
    let brand = guess(Role::Brand);
    let sales = guess(Role::Sales);
    let unassigned: Vec<String> = found
        .iter()
        .filter(|f| f.role().is_none())
        .map(|f| f.rel.clone())
        .collect();
    Ok(Setup {
        scanned: found.len(),
        config: NewFile {
            exists: config_path.exists(),
            path: config_path,
            text: config_text(&brand, &sales, &unassigned),
        },
        pack: NewFile {
            exists: pack_path.exists(),
            path: pack_path,
            text: starter_pack(),
        },
        gitignore: gitignore_needing_report(dir)?,
        unassigned,
        brand,
        sales,
    })
}

/// `dir/.gitignore` when it exists and has no line for the report file.
fn gitignore_needing_report(dir: &Path) -> Result<Option<PathBuf>> {
    let path = dir.join(".gitignore");
    if !path.is_file() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    let listed = text.lines().any(|line| {
        let line = line.trim();
        line.trim_start_matches('/') == REPORT_FILE || line == "*.html"
    });
    Ok((!listed).then_some(path))
}

/// Append the report file to a `.gitignore` (see `Setup::gitignore`).
pub fn ignore_report(gitignore: &Path) -> Result<()> {
    let text = std::fs::read_to_string(gitignore).map_err(|e| Error::io(gitignore, e))?;
    let mut addition = String::new();
    if !text.is_empty() && !text.ends_with('\n') {
        addition.push('\n');
    }
    addition.push_str(&format!(
        "# The HTML report `onmessage report` writes.\n/{REPORT_FILE}\n"
    ));
    let mut out = OpenOptions::new()
        .append(true)
        .open(gitignore)
        .map_err(|e| Error::io(gitignore, e))?;
    out.write_all(addition.as_bytes())
        .map_err(|e| Error::io(gitignore, e))
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

    /// The word of `name`, as written, that names `role` (`Cold-Call-Scripts`:
    /// `Scripts`); compounds do not count, as they may span several words.
    fn word_for(&self, name: &str, role: Role) -> Option<String> {
        let lists: [&[String]; 2] = match role {
            Role::Brand => [&self.brand_strong, &self.brand_weak],
            _ => [&self.sales_strong, &self.sales_weak],
        };
        name.split(|c: char| !c.is_alphanumeric())
            .find(|piece| {
                let lower = piece.to_lowercase();
                lists.iter().any(|list| list.contains(&lower))
            })
            .map(str::to_string)
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

/// The globs for one role, each with how many of its files it matches, and
/// the files of the role left out. Globs never match a forbidden file. Each
/// file gets the broadest glob it can: the shallowest folder at or below the
/// one whose name decided its role, as `folder/**`; else its own folder's
/// direct files (`folder/*.md`); else, as a best guess, the files of its
/// folder whose names hold the word that decided it (`*script*.md`). A file
/// none of these fit is left out, never listed by name.
fn globs_for(
    role: Role,
    found: &[Found],
    names: &RoleNames,
) -> (Vec<(String, usize)>, Vec<String>) {
    let mut tree: HashMap<&str, Folder<'_>> = HashMap::new();
    for file in found {
        let fit = fit(file, role);
        let ext = extension(&file.rel);
        let parent = parent(&file.rel);
        // The root folder ("") counts only direct files: it never gets `**`.
        for folder in std::iter::once("").chain(folders(&file.rel)) {
            let f = tree.entry(folder).or_default();
            let here = folder == parent;
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
    let forbidden: Vec<&str> = found
        .iter()
        .filter(|f| fit(f, role) == Fit::Forbidden)
        .map(|f| f.rel.as_str())
        .collect();
    enum Choice<'a> {
        Subtree(&'a str),
        Direct(&'a str),
        Named(String),
        LeftOut,
    }
    let wanted: Vec<&Found> = found
        .iter()
        .filter(|f| fit(f, role) == Fit::Wanted && f.decided.is_some())
        .collect();
    let choices: Vec<Choice<'_>> = wanted
        .iter()
        .map(|file| {
            let at = file.decided.map_or(0, |(_, at)| at);
            // prefixes[i] is the folder named by component i.
            let prefixes: Vec<&str> = folders(&file.rel).collect();
            if let Some(p) = prefixes
                .iter()
                .skip(at)
                .find(|p| tree[*p].forbidden_below == 0)
            {
                return Choice::Subtree(p);
            }
            let parent = parent(&file.rel);
            if tree[parent].forbidden_here == 0 {
                return Choice::Direct(parent);
            }
            let stem = Path::new(&file.rel[parent.len()..])
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            names
                .word_for(stem, role)
                .map(|word| {
                    format!(
                        "{}*{}*.{}",
                        globset::escape(parent),
                        globset::escape(&word),
                        extension(&file.rel)
                    )
                })
                .filter(|glob| !matches_any(glob, &forbidden))
                .map_or(Choice::LeftOut, Choice::Named)
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
    let mut left_out = Vec::new();
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
            (None, Choice::Named(glob)) => glob.clone(),
            (None, Choice::LeftOut) => {
                left_out.push(file.rel.clone());
                continue;
            }
        };
        *globs.entry(glob).or_default() += 1;
    }
    (globs.into_iter().collect(), left_out)
}

/// The folder a relative path is in, as a `dir/` prefix ("" at the root).
fn parent(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..=i])
}

/// Whether `glob`, read as discovery reads globs, matches any of `paths`.
fn matches_any(glob: &str, paths: &[&str]) -> bool {
    match globset::GlobBuilder::new(glob)
        .literal_separator(true)
        .build()
    {
        Ok(glob) => {
            let matcher = glob.compile_matcher();
            paths.iter().any(|p| matcher.is_match(p))
        }
        Err(_) => true,
    }
}

/// A YAML double-quoted string (JSON strings are valid YAML).
fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

/// Files named in a comment: at most this many, then a count of the rest.
const LISTED: usize = 20;

/// Comment lines naming `files` under `title`.
fn file_comment(title: &str, files: &[String]) -> String {
    if files.is_empty() {
        return String::new();
    }
    let mut out = format!("{title}\n");
    for rel in files.iter().take(LISTED) {
        out.push_str(&format!("#   {rel}\n"));
    }
    if files.len() > LISTED {
        out.push_str(&format!("#   … and {} more\n", files.len() - LISTED));
    }
    out
}

/// One role's key: its globs, or, when none was found, a commented-out
/// example (an absent key keeps its default; an empty list would not).
fn glob_list(key: &str, guess: &Guess, example: &str, absent: &str) -> String {
    let mut out = if guess.globs.is_empty() {
        format!(
            "# None found by name. {absent} List them like this:\n# {key}:\n#   - \"{example}\"\n"
        )
    } else {
        let mut out = format!("{key}:\n");
        for (glob, n) in &guess.globs {
            out.push_str(&format!(
                "  - {}   # {n} file{}\n",
                yaml_string(glob),
                if *n == 1 { "" } else { "s" }
            ));
        }
        out
    };
    out.push_str(&file_comment(
        &format!(
            "# Left out: these look like {key} files, but no glob could take them without\n# taking other files too. Add globs, or front matter `onmessage: {{role: {key}}}`:"
        ),
        &guess.left_out,
    ));
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

/// The `onmessage.yml` text for what init found.
pub fn config_text(brand: &Guess, sales: &Guess, unassigned: &[String]) -> String {
    let neither = if sales.globs.is_empty() {
        "# Markdown files whose names say neither brand nor sales; while `sales:` is\n# absent they are checked as sales material:"
    } else {
        "# Markdown files whose names say neither brand nor sales, and that no glob\n# above matches:"
    };
    CONFIG_TEMPLATE
        .replace(
            "{brand}",
            &glob_list("brand", brand, "messaging/**/*.md", "Without brand docs, `check` has nothing to compare against."),
        )
        .replace(
            "{sales}",
            &format!(
                "{}{}",
                glob_list(
                    "sales",
                    sales,
                    "sales/**/*.md",
                    "While `sales:` is absent, every Markdown file that is not a brand doc is sales material.",
                ),
                file_comment(neither, unassigned)
            ),
        )
        .replace("{pack}", PACK_FILE)
}

/// The starter pack's example rules, one of each kind, before they are
/// commented out (see `starter_pack`). None repeats a built-in rule.
pub const STARTER_RULES: &str = r##"rules:
  # forbid: phrases (terms) or regular expressions (patterns) that must not appear.
  - id: internal-code-names
    kind: forbid
    severity: warning
    message: "\"{match}\" is an internal code name: use the product's public name."
    description: Code names leak unreleased plans and mean nothing to customers.
    terms: ["Project Falcon"]
    patterns: ['\bFalcon[- ]beta\b']
    # Where it applies (optional): roles, blocks, speakers, paths.
    # roles: [sales]
    # blocks: [paragraph, list]
    examples:
      valid: ["Acme Flow reconciles your ledgers overnight."]
      invalid: ["Project Falcon ships next quarter."]

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
  - id: trial-length
    kind: require
    severity: warning
    message: "Say how long the free trial lasts (\"a 14-day free trial\")."
    description: An open-ended "free trial" invites disputes when it ends.
    when:
      terms: ["free trial"]
    need:
      patterns: ['\b\d+[- ]day\b']
    within: section
    examples:
      valid: ["Start with a 14-day free trial."]
      invalid: ["Start with a free trial today."]

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
  - id: comparison-review
    kind: claim
    severity: info
    message: "A comparison with another product: use the wording of the approved battlecard."
    description: Comparisons are where legal review matters most.
    kinds: [comparative]
    examples:
      valid: ["Acme Flow reconciles your ledgers overnight."]
      invalid: ["Acme Flow is faster than Ledgerly."]
"##;

/// The starter pack's opening, above the commented-out examples.
const STARTER_HEAD: &str = r##"# Your team's own rules, written by `onmessage init`. The examples below are
# commented out, so this pack reports nothing until you edit it: uncomment
# `rules:` and the examples you want (remove the leading "# "), then adapt
# them. Findings are reported as team.<id>.
#   onmessage rules test onmessage-rules.yml   # run the examples
#   onmessage rules explain team.product-name  # show a rule
#   onmessage rules schema                     # JSON Schema for your editor
pack: team
description: Our messaging policy, on top of onmessage's built-in rules.
"##;

/// A starter pack that reports nothing until edited: `STARTER_RULES` with
/// every line commented out, under a header that says how to use them.
pub fn starter_pack() -> String {
    let mut out = STARTER_HEAD.to_string();
    for line in STARTER_RULES.lines() {
        out.push_str(if line.is_empty() { "#" } else { "# " });
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Write a file init creates; refuse (exit 2) if it exists, unless `overwrite`.
pub fn write_file(file: &NewFile, overwrite: bool) -> Result<()> {
    let path = &file.path;
    if overwrite {
        return std::fs::write(path, &file.text).map_err(|e| Error::io(path, e));
    }
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

/// "already exists" for a file init would write.
pub fn already_exists(path: &Path) -> Error {
    Error::new(format!(
        "{}: already exists; init never overwrites a file without --force (edit it, or run init --force, or --dry-run to preview)",
        path.display()
    ))
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
    fn plan_walks_like_discover_skips_dependency_folders_and_notes_existing_files() {
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
        assert_eq!(setup.unassigned, ["README.md"]);
        assert_eq!(setup.config.path, root.join(CONFIG_FILE));
        assert_eq!(setup.pack.text, starter_pack());
        assert!(!setup.config.exists && !setup.pack.exists);
        assert_eq!(setup.gitignore, Some(root.join(".gitignore")));
        assert!(!setup.config.path.exists(), "plan writes nothing");

        write_file(&setup.pack, false).unwrap();
        assert!(plan(root).unwrap().pack.exists);
        assert!(write_file(&setup.pack, false)
            .unwrap_err()
            .message
            .contains("already exists"));
        write_file(&setup.pack, true).unwrap();
        ignore_report(&root.join(".gitignore")).unwrap();
        assert_eq!(plan(root).unwrap().gitignore, None, "listed once");
        assert!(plan(&root.join("README.md")).is_err());
    }

    fn globs(files: &[&str], role: Role) -> (Vec<(String, usize)>, Vec<String>) {
        let names = RoleNames::builtin();
        let found: Vec<Found> = files
            .iter()
            .map(|rel| Found::new(rel.to_string(), &names))
            .collect();
        globs_for(role, &found, &names)
    }

    #[test]
    fn globs_name_folders_never_single_files() {
        // Files named for their role in a folder of their own: the folder.
        let (g, out) = globs(
            &[
                "content/cold-call-script.md",
                "content/demo-script.md",
                "brand/x.md",
            ],
            Role::Sales,
        );
        assert_eq!(g, [("content/*.md".to_string(), 2)]);
        assert!(out.is_empty());
        // Beside other files: the deciding word, as written.
        let (g, out) = globs(
            &[
                "README.md",
                "Cold-Call-Scripts.md",
                "demo-scripts.md",
                "positioning.md",
            ],
            Role::Sales,
        );
        assert_eq!(
            g,
            [
                ("*Scripts*.md".to_string(), 1),
                ("*scripts*.md".to_string(), 1)
            ]
        );
        assert!(out.is_empty());
        let (g, _) = globs(
            &["README.md", "positioning.md", "demo-scripts.md"],
            Role::Brand,
        );
        assert_eq!(g, [("*positioning*.md".to_string(), 1)]);
        // A compound name has no one word to match: left out, not listed.
        let (g, out) = globs(&["docs/KeyMessages.md", "docs/setup.md"], Role::Brand);
        assert!(g.is_empty(), "{g:?}");
        assert_eq!(out, ["docs/KeyMessages.md"]);
    }

    #[test]
    fn written_config_parses_as_a_config_and_never_lists_an_empty_role() {
        let guess = |globs: &[(&str, usize)], left_out: &[&str]| Guess {
            globs: globs.iter().map(|(g, n)| (g.to_string(), *n)).collect(),
            files: globs.iter().map(|(_, n)| n).sum(),
            left_out: left_out.iter().map(|s| s.to_string()).collect(),
        };
        let text = config_text(
            &guess(&[("messaging/**/*.md", 3)], &["docs/KeyMessages.md"]),
            &guess(&[("sales/**/*.md", 2), ("a \"b\".md", 1)], &[]),
            &["README.md".to_string()],
        );
        let config = crate::config::Config::from_yaml(Path::new("onmessage.yml"), &text).unwrap();
        assert_eq!(config.brand, ["messaging/**/*.md"]);
        assert_eq!(config.sales, ["sales/**/*.md", "a \"b\".md"]);
        assert_eq!(config.rules.packs, [PACK_FILE]);
        assert!(text.contains("#   docs/KeyMessages.md\n"), "{text}");
        assert!(text.contains("#   README.md\n"), "{text}");
        let empty = config_text(&Guess::default(), &Guess::default(), &[]);
        assert!(!empty.contains("sales: []") && !empty.contains("brand: []"));
        assert!(
            empty.contains("# sales:\n#   - \"sales/**/*.md\""),
            "{empty}"
        );
        let config = crate::config::Config::from_yaml(Path::new("onmessage.yml"), &empty).unwrap();
        assert!(config.brand.is_empty() && config.sales.is_empty());
    }

    #[test]
    fn starter_pack_has_one_rule_of_each_kind_all_commented_out() {
        let pack: serde_yaml::Value = serde_yaml::from_str(&starter_pack()).unwrap();
        assert_eq!(pack["pack"], "team");
        assert!(
            pack.get("rules").is_none(),
            "the examples are commented out"
        );
        let rules: serde_yaml::Value = serde_yaml::from_str(STARTER_RULES).unwrap();
        let kinds: Vec<&str> = rules["rules"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|r| r["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, ["forbid", "replace", "require", "limit", "claim"]);
        // Uncommenting gives back the examples.
        let uncommented: String = starter_pack()
            .lines()
            .skip_while(|l| !l.starts_with("# rules:"))
            .map(|l| {
                format!(
                    "{}\n",
                    l.strip_prefix("# ").unwrap_or(l.trim_start_matches('#'))
                )
            })
            .collect();
        assert_eq!(uncommented, STARTER_RULES);
    }
}

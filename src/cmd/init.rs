//! `onmessage init [DIR]`: look at a content repo, guess which Markdown files
//! are brand docs and which are sales material from their folder and file
//! names, and write a commented `onmessage.yml` plus a starter rule pack.
//! Never overwrites a file.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::cli::InitArgs;
use crate::config::CONFIG_FILE;
use crate::error::{Error, Result};
use crate::markdown::Role;

/// The starter pack's file name, beside the config.
pub const PACK_FILE: &str = "onmessage-rules.yml";

const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown", "mdx"];

/// Words in a folder or file name that mark brand docs.
const BRAND_WORDS: &[&str] = &[
    "brand",
    "branding",
    "marketing",
    "message",
    "messages",
    "messaging",
    "narrative",
    "pillar",
    "pillars",
    "positioning",
    "proposition",
    "propositions",
];

/// Words in a folder or file name that mark sales material.
const SALES_WORDS: &[&str] = &[
    "battlecard",
    "battlecards",
    "cadence",
    "cadences",
    "enablement",
    "objection",
    "objections",
    "outreach",
    "pitch",
    "pitches",
    "playbook",
    "playbooks",
    "prospecting",
    "sales",
    "script",
    "scripts",
];

/// Compounds written as one word or several (`battle-cards`, `KeyMessages`).
const BRAND_COMPOUNDS: &[&str] = &["keymessage", "valueprop"];
const SALES_COMPOUNDS: &[&str] = &["battlecard", "callscript", "talktrack"];

/// Folders never worth scanning.
const SKIP_DIRS: &[&str] = &["node_modules", "vendor", "target", "dist", "build"];

/// What one path component (folder or file stem) says about the role.
fn component_role(component: &str) -> Option<Role> {
    let lower = component.to_lowercase();
    let flat: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
    let tokens: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    let says = |words: &[&str], compounds: &[&str]| {
        tokens.iter().any(|t| words.contains(t)) || compounds.iter().any(|c| flat.contains(c))
    };
    match (
        says(BRAND_WORDS, BRAND_COMPOUNDS),
        says(SALES_WORDS, SALES_COMPOUNDS),
    ) {
        (true, false) => Some(Role::Brand),
        (false, true) => Some(Role::Sales),
        // Both (`sales-messaging`) or neither: let an enclosing folder decide.
        _ => None,
    }
}

/// A Markdown file and what its path suggests.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Found {
    /// Relative to DIR, `/`-separated.
    rel: String,
    /// `Some((role, index of the deciding component))`: the deepest component
    /// that names a role decides.
    decided: Option<(Role, usize)>,
}

impl Found {
    fn new(rel: String) -> Found {
        let components: Vec<&str> = rel.split('/').collect();
        let last = components.len() - 1;
        let decided = components.iter().enumerate().rev().find_map(|(i, c)| {
            let name = if i == last {
                Path::new(c)
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or(c)
            } else {
                c
            };
            component_role(name).map(|r| (r, i))
        });
        Found { rel, decided }
    }

    fn role(&self) -> Option<Role> {
        self.decided.map(|(r, _)| r)
    }
}

/// Every Markdown file under `dir` (respecting .gitignore, skipping hidden
/// and dependency folders), relative and sorted.
fn markdown_files(dir: &Path) -> Result<Vec<String>> {
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .filter_entry(|e| {
            !(e.file_type().is_some_and(|t| t.is_dir())
                && e.file_name()
                    .to_str()
                    .is_some_and(|n| SKIP_DIRS.contains(&n)))
        })
        .build();
    let mut files = Vec::new();
    for entry in walker {
        let entry = entry.map_err(|e| Error::new(format!("{}: {e}", dir.display())))?;
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let is_markdown = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| MARKDOWN_EXTENSIONS.contains(&e.to_lowercase().as_str()));
        if !is_markdown {
            continue;
        }
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

fn glob_set(globs: &[String]) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for g in globs {
        if let Ok(glob) = Glob::new(g) {
            builder.add(glob);
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}

/// The broadest glob for `file` that matches no file outside its role:
/// its deciding folder with `**`, else its own folder, else the file itself.
fn glob_for(file: &Found, all: &[Found]) -> String {
    let Some((role, at)) = file.decided else {
        return globset::escape(&file.rel);
    };
    let components: Vec<&str> = file.rel.split('/').collect();
    let last = components.len() - 1;
    let ext = Path::new(&file.rel)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("md");
    let escaped = |parts: &[&str]| {
        parts
            .iter()
            .map(|p| globset::escape(p))
            .collect::<Vec<_>>()
            .join("/")
    };
    let mut candidates = Vec::new();
    if at < last {
        candidates.push(format!("{}/**/*.{ext}", escaped(&components[..=at])));
        if last > 0 {
            candidates.push(format!("{}/*.{ext}", escaped(&components[..last])));
        }
    }
    let exact = escaped(&components);
    candidates
        .into_iter()
        .find(|glob| {
            let Ok(glob) = Glob::new(glob) else {
                return false;
            };
            let matcher = glob.compile_matcher();
            all.iter()
                .all(|other| other.role() == Some(role) || !matcher.is_match(&other.rel))
        })
        .unwrap_or(exact)
}

/// The globs for one role, deduplicated, each with how many files it matches.
fn globs_for(role: Role, found: &[Found]) -> Vec<(String, usize)> {
    let mut globs: Vec<String> = found
        .iter()
        .filter(|f| f.role() == Some(role))
        .map(|f| glob_for(f, found))
        .collect();
    globs.sort();
    globs.dedup();
    // Drop a glob whose files another glob already matches (a file listed
    // beside its folder's `**`).
    let keep: Vec<String> = globs
        .iter()
        .filter(|g| {
            let others: Vec<String> = globs.iter().filter(|o| o != g).cloned().collect();
            let others = glob_set(&others);
            let mine = glob_set(std::slice::from_ref(*g));
            found
                .iter()
                .filter(|f| mine.is_match(&f.rel))
                .any(|f| !others.is_match(&f.rel))
        })
        .cloned()
        .collect();
    keep.into_iter()
        .map(|g| {
            let set = glob_set(std::slice::from_ref(&g));
            let n = found.iter().filter(|f| set.is_match(&f.rel)).count();
            (g, n)
        })
        .collect()
}

/// A YAML double-quoted string (JSON strings are valid YAML).
fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

fn glob_list(key: &str, globs: &[(String, usize)], example: &str) -> String {
    if globs.is_empty() {
        return format!("# None found: list them here, e.g.\n#   - \"{example}\"\n{key}: []\n");
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
        .replace("{brand}", &glob_list("brand", brand, "messaging/**/*.md"))
        .replace("{sales}", &glob_list("sales", sales, "sales/**/*.md"))
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
fn create_new(path: &Path, text: &str) -> Result<()> {
    let mut file = OpenOptions::new()
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
    file.write_all(text.as_bytes())
        .map_err(|e| Error::io(path, e))
}

fn print_choice(title: &str, globs: &[(String, usize)], total: usize, hint: &str) {
    println!(
        "{title} ({total} file{}):",
        if total == 1 { "" } else { "s" }
    );
    if globs.is_empty() {
        println!("  none found: {hint}");
    }
    for (glob, n) in globs {
        println!("  {glob}  ({n})");
    }
}

pub fn run(args: &InitArgs) -> Result<u8> {
    let dir: &PathBuf = &args.dir;
    if !dir.is_dir() {
        return Err(Error::new(format!("{}: not a directory", dir.display())));
    }
    let config_path = dir.join(CONFIG_FILE);
    let pack_path = dir.join(PACK_FILE);
    // Refuse before writing anything, so a refused run leaves no half setup.
    for path in [&config_path, &pack_path] {
        if path.exists() {
            return Err(already_exists(path));
        }
    }
    let found: Vec<Found> = markdown_files(dir)?.into_iter().map(Found::new).collect();
    let brand = globs_for(Role::Brand, &found);
    let sales = globs_for(Role::Sales, &found);
    let count = |role| found.iter().filter(|f| f.role() == Some(role)).count();

    create_new(&config_path, &config_text(&brand, &sales))?;
    create_new(&pack_path, STARTER_PACK)?;

    println!(
        "Scanned {} Markdown file{} in {}.",
        found.len(),
        if found.len() == 1 { "" } else { "s" },
        dir.display()
    );
    print_choice(
        "Brand docs",
        &brand,
        count(Role::Brand),
        "add globs under `brand:` (folders named messaging, positioning, brand or marketing are found automatically)",
    );
    print_choice(
        "Sales material",
        &sales,
        count(Role::Sales),
        "add globs under `sales:` (folders named sales, scripts, playbooks, battlecards, enablement or objections are found automatically)",
    );
    let unassigned = found.iter().filter(|f| f.role().is_none()).count();
    if unassigned > 0 {
        println!("Left out: {unassigned} Markdown file(s) whose names say neither.");
    }
    println!(
        "Wrote {} and {} (one example rule of each kind).",
        config_path.display(),
        pack_path.display()
    );
    let cd = if dir == Path::new(".") {
        String::new()
    } else {
        format!("cd {} && ", dir.display())
    };
    println!("Next: {cd}onmessage check        # lint the sales material");
    println!("      {cd}onmessage report       # coverage report in onmessage-report.html");
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_decide_roles_and_the_deepest_name_wins() {
        let role = |rel: &str| Found::new(rel.to_string()).role();
        assert_eq!(role("messaging/pillars.md"), Some(Role::Brand));
        assert_eq!(role("docs/Positioning.md"), Some(Role::Brand));
        assert_eq!(role("content/KeyMessages.md"), Some(Role::Brand));
        assert_eq!(role("sales/scripts/cold-call.md"), Some(Role::Sales));
        assert_eq!(role("marketing/battle-cards/acme.md"), Some(Role::Sales));
        assert_eq!(role("enablement/objection_handling.md"), Some(Role::Sales));
        assert_eq!(role("marketing/sales-messaging.md"), Some(Role::Brand));
        assert_eq!(role("docs/salesforce-setup.md"), None);
        assert_eq!(role("README.md"), None);
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

//! `onmessage init` on temporary repos: the folder names it knows, the globs
//! it writes (folders, never lists of files), the starter pack that reports
//! nothing until edited, `.gitignore`, `--dry-run` and `--force`.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use onmessage::config::Config;
use onmessage::markdown::Role;

mod common;
use common::{stderr, stdout, write};

fn onmessage(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("onmessage")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap()
}

fn init_ok(dir: &Path, args: &[&str]) -> String {
    let out = onmessage(dir, &[&["init"], args].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
}

fn config(dir: &Path) -> Config {
    Config::load(&dir.join("onmessage.yml")).unwrap()
}

fn role(config: &Config, rel: &str) -> Option<Role> {
    onmessage::discover::role_of(&config.discover_settings(), rel)
}

const BRAND: &str =
    "# Messaging\n\n## Key messages\n\n- Acme Flow closes the books in three days.\n";

#[test]
fn init_knows_the_usual_folder_names_and_writes_one_glob_per_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let brand = [
        "messaging/pillars.md",
        "positioning/2026.md",
        "brand/voice.md",
        "marketing/launch.md",
        "message-house/house.md",
    ];
    let sales = [
        "emails/follow-up.md",
        "emails/intro.md",
        "calls/discovery.md",
        "outreach/linkedin.md",
        "sequences/q3/step-1.md",
        "enablement/onboarding.md",
        "playbooks/renewal.md",
        "battlecards/rival.md",
        "talk-tracks/demo.md",
        "scripts/cold.md",
        "objections/price.md",
    ];
    for rel in brand.iter().chain(&sales) {
        write(root, rel, "# Title\n\nText.\n");
    }
    write(root, "README.md", "# Repo\n");
    init_ok(root, &[]);
    let config = config(root);
    for rel in brand {
        assert_eq!(
            role(&config, rel),
            Some(Role::Brand),
            "{rel}: {:?}",
            config.brand
        );
    }
    for rel in sales {
        assert_eq!(
            role(&config, rel),
            Some(Role::Sales),
            "{rel}: {:?}",
            config.sales
        );
    }
    assert_eq!(role(&config, "README.md"), None);
    // One `**` glob per folder, however many files it holds.
    assert_eq!(config.brand.len(), brand.len(), "{:?}", config.brand);
    assert_eq!(config.sales.len(), 10, "{:?}", config.sales);
    assert!(config.sales.contains(&"emails/**/*.md".to_string()));
    assert!(config
        .brand
        .iter()
        .chain(&config.sales)
        .all(|g| g.contains('*')));
    // README.md is named in a comment, not in a glob.
    let text = std::fs::read_to_string(root.join("onmessage.yml")).unwrap();
    assert!(text.contains("#   README.md\n"), "{text}");
}

#[test]
fn init_writes_globs_not_files_beside_unrelated_files_and_lists_what_it_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for rel in [
        "README.md",
        "positioning.md",
        "cold-call-script.md",
        "demo-script.md",
        "docs/KeyMessages.md",
        "docs/setup.md",
    ] {
        write(root, rel, "# Title\n\nText.\n");
    }
    let out = init_ok(root, &[]);
    let config = config(root);
    assert_eq!(config.brand, ["*positioning*.md"]);
    assert_eq!(config.sales, ["*script*.md"]);
    assert_eq!(role(&config, "README.md"), None);
    let text = std::fs::read_to_string(root.join("onmessage.yml")).unwrap();
    // The brand doc it could not take without docs/setup.md is named in a comment.
    assert!(
        text.contains("front matter `onmessage: {role: brand}`:\n#   docs/KeyMessages.md\n"),
        "{text}"
    );
    assert!(
        text.contains("#   README.md\n#   docs/setup.md\n"),
        "{text}"
    );
    assert!(
        out.contains("left out 1 file (listed in the config)"),
        "{out}"
    );
    assert!(out.contains("Left out: 2 Markdown files"), "{out}");
}

#[test]
fn init_without_sales_folders_leaves_sales_absent_never_empty() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "messaging/core.md", BRAND);
    write(
        root,
        "notes/call-notes.md",
        "Rep: Acme Flow closes the books in three days.\n",
    );
    let out = init_ok(root, &[]);
    assert!(out.contains("none found"), "{out}");
    let text = std::fs::read_to_string(root.join("onmessage.yml")).unwrap();
    assert!(!text.contains("sales: []"), "{text}");
    assert!(
        text.contains("# sales:\n#   - \"sales/**/*.md\"\n"),
        "a commented-out example: {text}"
    );
    assert!(
        !text.lines().any(|l| l.starts_with("sales:")),
        "no live sales key: {text}"
    );
    // An absent key: every Markdown file that is not brand is sales material.
    let config = config(root);
    assert_eq!(role(&config, "notes/call-notes.md"), Some(Role::Sales));
}

#[test]
fn starter_pack_reports_nothing_until_edited_and_its_examples_pass_once_uncommented() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "messaging/core.md", BRAND);
    // Text each example rule would flag: a code name, an old product name,
    // a trial without its length, exclamation marks, a comparison, a US price.
    let sales = "# Call\n\nRep: Project Falcon ships soon! Great! Really! Acme Sync is faster than Ledgerly. Start a free trial today. Plans start at $49 per seat.\n";
    write(root, "sales/call.md", sales);
    init_ok(root, &[]);
    let out = onmessage(root, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let team: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("team."))
        .collect();
    assert!(team.is_empty(), "{team:?}");
    let list = stdout(&onmessage(root, &["rules", "list"]));
    assert!(!list.contains("team."), "{list}");

    // Uncommented, the examples are a valid pack whose examples pass.
    let pack = std::fs::read_to_string(root.join("onmessage-rules.yml")).unwrap();
    let (head, examples) = pack.split_at(pack.find("# rules:\n").unwrap());
    let uncommented: String = examples
        .lines()
        .map(|l| format!("{}\n", l.strip_prefix("# ").unwrap_or(l)))
        .collect();
    let uncommented = format!("{head}{uncommented}");
    std::fs::write(root.join("onmessage-rules.yml"), uncommented).unwrap();
    let out = onmessage(root, &["rules", "test", "onmessage-rules.yml"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).starts_with("5 rules, 10 examples: 10 passed"),
        "{}",
        stdout(&out)
    );
    let out = onmessage(root, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    for id in [
        "team.internal-code-names",
        "team.product-name",
        "team.trial-length",
    ] {
        assert!(rules.contains(&id), "{id}: {rules:?}");
    }
}

#[test]
fn no_starter_example_repeats_a_built_in_rule() {
    // Each invalid example, checked with the built-in rules alone, gets no
    // finding from a pack: the team rule would be the only one to say it.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "messaging/core.md", BRAND);
    write(
        root,
        "onmessage.yml",
        "brand: [\"messaging/**/*.md\"]\nsales: [\"sales/**/*.md\"]\n",
    );
    let rules: serde_yaml::Value =
        serde_yaml::from_str(onmessage::scaffold::STARTER_RULES).unwrap();
    for rule in rules["rules"].as_sequence().unwrap() {
        for example in rule["examples"]["invalid"].as_sequence().unwrap() {
            let text = format!("# Call\n\nRep: {}\n", example.as_str().unwrap());
            write(root, "sales/call.md", &text);
            let out = onmessage(root, &["check", "--format", "json", "--select", "risky"]);
            let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(
                json["findings"],
                serde_json::json!([]),
                "{:?}: {text}",
                rule["id"]
            );
        }
    }
    // The retired `no-risk-free` example did: the check above can fail.
    let text = "The pilot is completely risk-free.";
    write(root, "sales/call.md", &format!("# Call\n\nRep: {text}\n"));
    let out = onmessage(root, &["check", "--format", "json", "--select", "risky"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_ne!(json["findings"], serde_json::json!([]), "{text}");
}

#[test]
fn init_adds_the_report_to_an_existing_gitignore_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "messaging/core.md", BRAND);
    write(root, ".gitignore", "target/");
    let out = init_ok(root, &[]);
    assert!(out.contains("Added /onmessage-report.html to"), "{out}");
    let ignore = std::fs::read_to_string(root.join(".gitignore")).unwrap();
    assert!(ignore.starts_with("target/\n# "), "{ignore}");
    assert!(ignore.ends_with("\n/onmessage-report.html\n"), "{ignore}");
    init_ok(root, &["--force"]);
    assert_eq!(
        std::fs::read_to_string(root.join(".gitignore")).unwrap(),
        ignore
    );

    // No .gitignore: none is created.
    let bare = tempfile::tempdir().unwrap();
    let out = init_ok(bare.path(), &[]);
    assert!(!out.contains(".gitignore"), "{out}");
    assert!(!bare.path().join(".gitignore").exists());
}

#[test]
fn dry_run_prints_everything_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "messaging/core.md", BRAND);
    write(root, ".gitignore", "target/\n");
    let out = init_ok(root, &["--dry-run"]);
    assert!(
        out.contains("Would write onmessage.yml:\n# onmessage configuration"),
        "{out}"
    );
    assert!(
        out.contains("  - \"messaging/**/*.md\"   # 1 file\n"),
        "{out}"
    );
    assert!(
        out.contains("Would write onmessage-rules.yml:\n# Your team's own rules"),
        "{out}"
    );
    assert!(
        out.contains("Would add /onmessage-report.html to .gitignore."),
        "{out}"
    );
    assert!(!root.join("onmessage.yml").exists());
    assert!(!root.join("onmessage-rules.yml").exists());
    assert_eq!(
        std::fs::read_to_string(root.join(".gitignore")).unwrap(),
        "target/\n"
    );

    write(root, "onmessage.yml", "brand: [x.md]\n");
    let out = init_ok(root, &["--dry-run"]);
    assert!(
        out.contains("Would refuse to overwrite (use --force) onmessage.yml:"),
        "{out}"
    );
    let out = init_ok(root, &["--dry-run", "--force"]);
    assert!(out.contains("Would overwrite onmessage.yml:"), "{out}");
    assert_eq!(
        std::fs::read_to_string(root.join("onmessage.yml")).unwrap(),
        "brand: [x.md]\n"
    );
}

#[test]
fn init_refuses_an_existing_file_and_force_overwrites_both() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "messaging/core.md", BRAND);
    write(root, "onmessage-rules.yml", "pack: mine\n");
    let out = onmessage(root, &["init"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("onmessage-rules.yml: already exists"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert!(
        !root.join("onmessage.yml").exists(),
        "refused before writing"
    );

    let out = init_ok(root, &["--force"]);
    assert!(
        out.contains("Wrote onmessage.yml and overwrote onmessage-rules.yml"),
        "{out}"
    );
    let pack = std::fs::read_to_string(root.join("onmessage-rules.yml")).unwrap();
    assert!(pack.starts_with("# Your team's own rules"), "{pack}");
    assert_eq!(config(root).brand, ["messaging/**/*.md"]);
}

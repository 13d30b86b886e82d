//! Issue 15, part A: a run that checks nothing says so. Each test builds a
//! small repo in a temporary folder and runs the real binary on it.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

mod common;
use common::write;

const BRAND: &str =
    "# Messaging\n\n## Key messages\n\n- Acme Flow cuts onboarding time by up to 40%.\n";

/// A repo with one brand doc, two sales files and a README.
fn repo(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "onmessage.yml", config);
    write(root, "messaging/guide.md", BRAND);
    write(
        root,
        "sales/call.md",
        "Rep: Acme Flow cuts onboarding time by up to 40%.\n",
    );
    write(root, "sales/email.md", "Thanks for your time today.\n");
    write(
        root,
        "README.md",
        "# Our content repo\n\nAcme Flow is the #1 onboarding tool.\n",
    );
    dir
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn onmessage(dir: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("onmessage")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", run.stdout, run.stderr))
}

fn checked_paths(value: &Value) -> Vec<String> {
    let mut paths: Vec<String> = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

#[test]
fn no_config_and_no_brand_flag_exits_2_pointing_at_init() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes/a.md", "Acme Flow is the best.\n");
    for command in ["check", "report", "baseline"] {
        let run = onmessage(dir.path(), &[command]);
        assert_eq!(run.code, 2, "{command}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("no onmessage.yml found (searched up from")
                && run.stderr.contains("run `onmessage init`"),
            "{command}: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{command}: {}", run.stdout);
    }
    // `--brand` stands in for the config.
    write(dir.path(), "brand.md", BRAND);
    let run = onmessage(
        dir.path(),
        &["check", "--brand", "brand.md", "--format", "json"],
    );
    assert!(run.code <= 1, "{}", run.stderr);
    assert_eq!(json(&run)["summary"]["brand_files"], 1);
}

#[test]
fn a_sales_glob_that_matches_nothing_is_named() {
    let dir =
        repo("brand: [\"messaging/**/*.md\"]\nsales: [\"sales/**/*.md\", \"calls/**/*.md\"]\n");
    let run = onmessage(dir.path(), &["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("sales glob matched no Markdown files")
            && run.stderr.contains("`calls/**/*.md`")
            && !run.stderr.contains("`sales/**/*.md`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_run_without_any_brand_doc_exits_2() {
    // No brand globs at all.
    let dir = repo("sales: [\"sales/**/*.md\"]\n");
    let run = onmessage(dir.path(), &["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no brand doc"), "{}", run.stderr);
    assert!(run.stderr.contains("role: brand"), "{}", run.stderr);

    // Brand globs whose only file says, in its front matter, that it is sales.
    let dir = repo("brand: [\"messaging/**/*.md\"]\nsales: [\"sales/**/*.md\"]\n");
    write(
        dir.path(),
        "messaging/guide.md",
        "---\nonmessage: {role: sales}\n---\n# Not brand after all\n",
    );
    let run = onmessage(dir.path(), &["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("no brand doc") && run.stderr.contains("`messaging/**/*.md`"),
        "{}",
        run.stderr
    );

    // Front matter alone can make a brand doc.
    let dir = repo("sales: [\"sales/**/*.md\"]\n");
    write(
        dir.path(),
        "notes/brand.md",
        &format!("---\nonmessage: {{role: brand}}\n---\n{BRAND}"),
    );
    let run = onmessage(dir.path(), &["check", "--format", "json"]);
    assert!(run.code <= 1, "{}", run.stderr);
    assert_eq!(json(&run)["summary"]["brand_files"], 1);
}

#[test]
fn an_empty_sales_list_means_no_sales_files_and_an_absent_one_means_the_rest() {
    let listed = repo("brand: [\"messaging/**/*.md\"]\nsales: []\n");
    let run = onmessage(listed.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let value = json(&run);
    assert_eq!(value["summary"]["sales_files"], 0);
    assert_eq!(value["summary"]["brand_files"], 1);
    // Only the brand doc has findings (a key message no sales file carries).
    assert_eq!(checked_paths(&value), vec!["messaging/guide.md"], "{value}");

    // Without the key, README.md is sales like everything else.
    let absent = repo("brand: [\"messaging/**/*.md\"]\n");
    let run = onmessage(absent.path(), &["check", "--format", "json"]);
    let value = json(&run);
    assert_eq!(value["summary"]["sales_files"], 3, "{}", run.stderr);
    assert!(checked_paths(&value).contains(&"README.md".to_string()));
}

const CONFIG: &str = "brand: [\"messaging/**/*.md\"]\nsales: [\"sales/**/*.md\"]\n";

#[test]
fn the_summary_counts_sales_files_and_brand_docs() {
    let dir = repo(CONFIG);
    write(
        dir.path(),
        "messaging/more.md",
        "# More\n\nAcme Flow runs in the EU.\n",
    );
    let run = onmessage(dir.path(), &["check"]);
    let last = run.stdout.lines().last().unwrap_or_default();
    assert!(
        last.ends_with("(2 sales files checked against 2 brand docs)"),
        "{}",
        run.stdout
    );
    let value = json(&onmessage(dir.path(), &["check", "--format", "json"]));
    assert_eq!(value["summary"]["files"], 4);
    assert_eq!(value["summary"]["sales_files"], 2);
    assert_eq!(value["summary"]["brand_files"], 2);
    let run = onmessage(dir.path(), &["check", "--format", "markdown"]);
    assert!(
        run.stdout
            .contains("2 sales files checked against 2 brand docs."),
        "{}",
        run.stdout
    );
}

#[test]
fn check_on_a_brand_doc_says_it_checks_brand_conflicts_only() {
    let dir = repo(CONFIG);
    let run = onmessage(dir.path(), &["check", "messaging/guide.md"]);
    assert!(
        run.stderr
            .contains("messaging/guide.md is a brand doc: checked for brand conflicts only"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout
            .contains("0 sales files checked against 1 brand doc"),
        "{}",
        run.stdout
    );
}

#[test]
fn narrowed_runs_with_no_sales_file_pass_in_one_line() {
    let dir = repo(CONFIG);
    // Two brand docs that contradict each other: a whole run fails.
    write(
        dir.path(),
        "messaging/old.md",
        "# Old\n\n- Acme Flow cuts onboarding time by up to 10%.\n",
    );
    assert_eq!(onmessage(dir.path(), &["check"]).code, 1);
    write(dir.path(), "docs/readme.md", "# Docs\n");

    // A folder holding no sales file.
    let run = onmessage(dir.path(), &["check", "docs"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stderr.trim(),
        "note: no sales file among the given paths; nothing to check"
    );
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    // Machine formats still print an empty, valid document.
    let run = onmessage(dir.path(), &["check", "docs", "--format", "json"]);
    assert_eq!(run.code, 0);
    assert_eq!(json(&run)["findings"].as_array().unwrap().len(), 0);

    // A pre-commit file list of excluded files only.
    let dir = repo(&format!("{CONFIG}exclude: [\"sales/archive\"]\n"));
    write(
        dir.path(),
        "sales/archive/old.md",
        "Acme Flow is the #1 tool.\n",
    );
    let run = onmessage(dir.path(), &["check", "sales/archive/old.md"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("nothing to check"), "{}", run.stderr);
    // `-q` leaves the note out too.
    let run = onmessage(dir.path(), &["check", "-q", "sales/archive/old.md"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "", "")
    );
}

#[test]
fn changed_since_with_no_sales_change_passes_in_one_line() {
    let dir = repo(CONFIG);
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .current_dir(dir.path())
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .output()
            .map(|o| o.status.success());
        ok.unwrap_or(false)
    };
    if !git(&["init", "-q"]) {
        eprintln!("skipped: git is not available");
        return;
    }
    assert!(git(&["add", "."]) && git(&["commit", "-q", "-m", "start"]));
    write(dir.path(), "README.md", "# Changed, but not sales\n");
    let run = onmessage(dir.path(), &["check", "--changed-since", "HEAD"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert_eq!(
        run.stderr.trim(),
        "note: no sales file changed since HEAD; nothing to check"
    );
}

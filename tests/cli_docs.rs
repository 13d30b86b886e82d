//! The docs say what the binary does: the human-output example in
//! docs/ci.md is real output, docs/config.md lists the formats `check`
//! accepts, the README says how to install before it says how to use, and
//! the test suite leaves network installs to the CI setup scripts.
//!
//! `ONMESSAGE_BLESS=1 cargo test --test cli_docs` rewrites the docs/ci.md
//! example from the binary's output.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use onmessage::output::Format;

fn repo_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo_file(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The byte range of the body of the first ```text block after `heading`.
fn text_block(doc: &str, heading: &str) -> std::ops::Range<usize> {
    let at = doc
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?}"));
    let open = "```text\n";
    let start = at + doc[at..].find(open).expect("a ```text block") + open.len();
    let end = start + doc[start..].find("```\n").expect("the block's end");
    start..end
}

#[test]
fn the_human_output_example_in_docs_ci_is_real_output() {
    let out = Command::cargo_bin("onmessage")
        .unwrap()
        .current_dir(repo_file("fixtures/tests/docs/ci"))
        .env("NO_COLOR", "1")
        .args(["check", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the example has findings");
    let real = String::from_utf8(out.stdout).unwrap();
    let doc = read("docs/ci.md");
    let block = text_block(&doc, "### `human` (default)");
    if std::env::var_os("ONMESSAGE_BLESS").is_some() {
        let mut blessed = doc.clone();
        blessed.replace_range(block, &real);
        std::fs::write(repo_file("docs/ci.md"), blessed).unwrap();
        return;
    }
    assert_eq!(
        doc[block].to_string(),
        real,
        "docs/ci.md's human example drifted; run ONMESSAGE_BLESS=1 cargo test --test cli_docs"
    );
}

#[test]
fn docs_config_lists_every_format_check_accepts() {
    let doc = read("docs/config.md");
    let row = doc
        .lines()
        .find(|l| l.starts_with("| `--format "))
        .expect("a --format row in docs/config.md");
    let listed: Vec<&str> = row
        .trim_start_matches("| `--format ")
        .split('`')
        .next()
        .unwrap()
        .split("\\|")
        .collect();
    let accepted: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
    assert_eq!(listed, accepted, "{row}");
    // And the binary agrees with the list.
    for name in &accepted {
        let out = Command::cargo_bin("onmessage")
            .unwrap()
            .current_dir(repo_file("fixtures/tests/docs/ci"))
            .args(["check", "--format", name])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "--format {name}");
    }
}

#[test]
fn the_readme_says_how_to_install_before_usage() {
    let readme = read("README.md");
    let install = readme
        .find("cargo install --path .")
        .expect("an install line");
    let usage = readme.find("## Usage").expect("a usage section");
    assert!(install < usage, "the install line comes before ## Usage");
}

#[test]
fn network_installs_live_in_the_ci_setup_scripts_not_in_cargo_test() {
    let run = read(".ci/run");
    let test_at = run.find("cargo test").expect("CI runs the tests");
    for script in ["tests/browser/setup.sh", "tests/sarif/setup.sh"] {
        let at = run
            .find(&format!("bash {script}"))
            .unwrap_or_else(|| panic!("{script}"));
        assert!(at < test_at, "{script} runs before cargo test");
        assert!(repo_file(script).is_file(), "{script}");
    }
    // No test starts a package manager.
    for entry in std::fs::read_dir(repo_file("tests")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            for tool in ["npm", "npx", "pip", "curl", "wget"] {
                let call = format!("Command::new(\"{tool}\")");
                assert!(!text.contains(&call), "{}: {call}", path.display());
            }
        }
    }
}

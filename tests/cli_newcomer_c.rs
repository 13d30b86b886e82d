//! Issue 15, part C: the command-line conventions ruff and Vale users
//! expect. Each test runs the real binary on a small repo of its own.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

mod common;
use common::write;

const CONFIG: &str = "brand: [\"messaging/**/*.md\"]\nsales: [\"sales/**/*.md\"]\n";

const BRAND: &str =
    "---\nproduct: Acme Flow\nterms:\n  - use: Acme Flow\n    not: [AcmeFlow]\n---\n\
# Acme Flow messaging\n\n## Key messages\n\n- Acme Flow cuts onboarding time by up to 40%.\n";

/// `AcmeFlow` is a fixable `terms.replaced`; the rest is on message.
const SALES: &str = "Rep: AcmeFlow cuts onboarding time by up to 40%.\n";

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "onmessage.yml", CONFIG);
    write(dir.path(), "messaging/guide.md", BRAND);
    write(dir.path(), "sales/call.md", SALES);
    dir
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    let mut cmd = Command::cargo_bin("onmessage").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1").args(args);
    if let Some(text) = stdin {
        cmd.write_stdin(text);
    }
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn onmessage(dir: &Path, args: &[&str]) -> Run {
    run_in(dir, args, None)
}

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", run.stdout, run.stderr))
}

fn rules(value: &Value) -> Vec<String> {
    common::finding_rules(value)
}

#[test]
fn global_options_are_accepted_after_any_subcommand() {
    let dir = repo();
    // The config lives elsewhere: only `--config` finds it.
    let elsewhere = tempfile::tempdir().unwrap();
    write(
        elsewhere.path(),
        "other.yml",
        "rules:\n  disable: [risky]\n",
    );
    let config = elsewhere.path().join("other.yml");
    let config = config.to_str().unwrap();
    let run = onmessage(
        dir.path(),
        &["rules", "list", "--config", config, "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = json(&run);
    let risky = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"].as_str().unwrap().starts_with("risky."))
        .expect("a risky rule");
    assert_eq!(risky["enabled"], false, "the config's `disable` applied");
    // Before the subcommand too.
    let run = onmessage(dir.path(), &["--config", config, "rules", "list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    for args in [
        &["rules", "schema", "--color", "never", "-q"][..],
        &["claims", "sales/call.md", "--color", "always"],
        &["check", "--quiet", "--color", "never"],
        &["report", "--format", "json", "-q", "--color", "never"],
    ] {
        let run = onmessage(dir.path(), args);
        assert!(run.code <= 1, "{args:?}: {}", run.stderr);
    }
    let run = onmessage(dir.path(), &["check", "--color", "always"]);
    assert!(run.stdout.contains("\u{1b}["), "{}", run.stdout);
}

#[test]
fn quiet_prints_findings_only() {
    let dir = repo();
    let loud = onmessage(dir.path(), &["check"]);
    let quiet = onmessage(dir.path(), &["check", "-q"]);
    assert_eq!(loud.code, 1);
    assert_eq!(quiet.code, 1);
    assert!(loud.stdout.contains("checked against"), "{}", loud.stdout);
    assert!(
        quiet.stdout.contains("warning[terms.replaced]"),
        "{}",
        quiet.stdout
    );
    assert!(
        !quiet.stdout.contains("checked against"),
        "{}",
        quiet.stdout
    );
    assert!(quiet.stderr.is_empty(), "{}", quiet.stderr);
    let baseline = onmessage(dir.path(), &["baseline", "-q"]);
    assert_eq!((baseline.code, baseline.stderr.as_str()), (0, ""));
    let baseline = onmessage(dir.path(), &["baseline"]);
    assert!(baseline.stderr.starts_with("wrote "), "{}", baseline.stderr);
}

#[test]
fn a_dash_reads_standard_input_as_stdin_md_or_the_named_file() {
    let dir = repo();
    // No --stdin-filename: a sales file named stdin.md.
    let run = run_in(dir.path(), &["check", "-", "--format", "json"], Some(SALES));
    assert_eq!(run.code, 1, "{}", run.stderr);
    let value = json(&run);
    assert_eq!(rules(&value), vec!["terms.replaced"]);
    assert_eq!(value["findings"][0]["path"], "stdin.md");
    // Only the text on stdin is reported, not sales/call.md.
    assert_eq!(value["summary"]["sales_files"], 1);

    let run = run_in(
        dir.path(),
        &[
            "check",
            "-",
            "--stdin-filename",
            "sales/new.md",
            "--format",
            "json",
        ],
        Some(SALES),
    );
    assert_eq!(
        json(&run)["findings"][0]["path"],
        "sales/new.md",
        "{}",
        run.stderr
    );
    // Without --stdin-filename the text is sales, even where a brand glob
    // would match `stdin.md`.
    let run = run_in(
        &dir.path().join("messaging"),
        &[
            "check",
            "-",
            "--format",
            "json",
            "--config",
            "../onmessage.yml",
        ],
        Some(SALES),
    );
    let value = json(&run);
    assert_eq!(
        value["findings"][0]["path"], "messaging/stdin.md",
        "{}",
        run.stderr
    );
    assert_eq!(value["summary"]["sales_files"], 1);
    // `--stdin` stays, and no longer needs --stdin-filename.
    let run = run_in(dir.path(), &["check", "--stdin"], Some("Rep: Thanks.\n"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    // --stdin-filename alone names nothing.
    let run = run_in(
        dir.path(),
        &["check", "--stdin-filename", "sales/x.md"],
        Some(SALES),
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("add `-` or --stdin"), "{}", run.stderr);
    // `-` is a text of its own.
    let run = run_in(dir.path(), &["check", "-", "sales/call.md"], Some(SALES));
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no other path"), "{}", run.stderr);

    let run = run_in(
        dir.path(),
        &["claims", "-", "--format", "json"],
        Some(SALES),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let value = json(&run);
    assert_eq!(value[0]["path"], "stdin.md");
    assert!(
        !value[0]["claims"].as_array().unwrap().is_empty(),
        "{value}"
    );
}

#[test]
fn diff_alone_shows_the_fixes_and_changes_nothing() {
    let dir = repo();
    let run = onmessage(dir.path(), &["check", "--diff"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("-Rep: AcmeFlow cuts"), "{}", run.stdout);
    assert!(
        run.stdout.contains("+Rep: Acme Flow cuts"),
        "{}",
        run.stdout
    );
    let text = std::fs::read_to_string(dir.path().join("sales/call.md")).unwrap();
    assert_eq!(text, SALES, "--diff changed the file");
    // `--fix --diff` is still accepted and still writes nothing.
    let run = onmessage(dir.path(), &["check", "--fix", "--diff"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("sales/call.md")).unwrap(),
        SALES
    );
    // Nothing to fix: exit 0.
    write(
        dir.path(),
        "sales/call.md",
        "Rep: Acme Flow cuts onboarding time by up to 40%.\n",
    );
    let run = onmessage(dir.path(), &["check", "--diff"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
}

#[test]
fn the_summary_ends_with_how_many_are_fixable() {
    let dir = repo();
    let run = onmessage(dir.path(), &["check"]);
    let last = run.stdout.lines().last().unwrap_or_default().to_string();
    assert!(last.ends_with("; 1 fixable with `--fix`"), "{last}");
    let fixed = onmessage(dir.path(), &["check", "--fix"]);
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    assert!(!fixed.stdout.contains("fixable"), "{}", fixed.stdout);
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = repo();
    write(
        dir.path(),
        "sales/email.md",
        "Rep: AcmeFlow is great.\n\nRep: AcmeFlow again.\n",
    );
    let run = onmessage(dir.path(), &["check", "--statistics"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let first = run.stdout.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("3  terms.replaced") && first.ends_with("[*] fixable"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("-->"),
        "statistics, not findings: {}",
        run.stdout
    );
    let run = onmessage(dir.path(), &["check", "--statistics", "--format", "json"]);
    let value = json(&run);
    assert_eq!(value[0]["rule"], "terms.replaced");
    assert_eq!(value[0]["count"], 3);
    assert_eq!(value[0]["fixable"], 3);
    let run = onmessage(dir.path(), &["check", "--statistics", "--format", "sarif"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("`onmessage check --statistics` prints human or json, not `sarif`"),
        "{}",
        run.stderr
    );
}

#[test]
fn show_files_gives_each_file_its_role_and_why() {
    let dir = repo();
    write(dir.path(), "README.md", "# Readme\n");
    write(
        dir.path(),
        "notes/positioning.md",
        "---\nonmessage: {role: brand}\n---\n# Positioning\n",
    );
    let run = onmessage(dir.path(), &["check", "--show-files"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = |rel: &str| {
        run.stdout
            .lines()
            .find(|l| l.contains(rel))
            .unwrap_or_else(|| panic!("{rel} not listed:\n{}", run.stdout))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        line("messaging/guide.md"),
        "brand messaging/guide.md brand glob `messaging/**/*.md`"
    );
    assert_eq!(
        line("sales/call.md"),
        "sales sales/call.md sales glob `sales/**/*.md`"
    );
    assert_eq!(line("README.md"), "ignore README.md no glob matched");
    assert_eq!(
        line("notes/positioning.md"),
        "brand notes/positioning.md front matter"
    );
    // Nothing was checked.
    assert!(!run.stdout.contains("terms.replaced"));

    // A glob that matches nothing: the files are still listed, then the
    // error that would stop a check.
    write(
        dir.path(),
        "onmessage.yml",
        &format!("{CONFIG}exclude: [\"sales/old\"]\n").replace("sales/**/*.md", "calls/**/*.md"),
    );
    let run = onmessage(dir.path(), &["check", "--show-files"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.contains("sales/call.md"), "{}", run.stdout);
    assert!(run.stderr.contains("`calls/**/*.md`"), "{}", run.stderr);
}

#[test]
fn show_config_prints_the_resolved_settings() {
    let dir = repo();
    let run = onmessage(dir.path(), &["check", "--show-config", "--select", "terms"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let value: serde_yaml::Value = serde_yaml::from_str(&run.stdout).expect("YAML");
    assert_eq!(value["brand"][0].as_str(), Some("messaging/**/*.md"));
    assert_eq!(value["sales"][0].as_str(), Some("sales/**/*.md"));
    assert_eq!(value["align"]["threshold"].as_f64(), Some(0.35));
    assert_eq!(value["run"]["select"][0].as_str(), Some("terms"));
    assert!(value["config"].as_str().unwrap().ends_with("onmessage.yml"));
}

#[test]
fn o_writes_the_main_output_and_format_path_still_works() {
    let dir = repo();
    let run = onmessage(dir.path(), &["check", "--format", "json", "-o", "out.json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let value: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.json")).unwrap())
            .unwrap();
    assert_eq!(rules(&value), vec!["terms.replaced"]);

    let run = onmessage(
        dir.path(),
        &["check", "-o", "main.txt", "--output", "sarif=out.sarif"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let main = std::fs::read_to_string(dir.path().join("main.txt")).unwrap();
    assert!(main.starts_with("warning[terms.replaced]"), "{main}");
    let sarif = std::fs::read_to_string(dir.path().join("out.sarif")).unwrap();
    assert!(sarif.contains("\"ruleId\": \"terms.replaced\""), "{sarif}");

    let run = onmessage(dir.path(), &["check", "-o", "a.txt", "-o", "b.txt"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("main output already goes to a.txt"),
        "{}",
        run.stderr
    );

    // `report -o` and `baseline -o` mean the same.
    let run = onmessage(dir.path(), &["report", "--format", "json", "-o", "r.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dir.path().join("r.json").is_file());
    let run = onmessage(dir.path(), &["baseline", "-o", "b.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dir.path().join("b.json").is_file());
}

#[test]
fn each_format_flag_lists_and_accepts_only_its_formats() {
    let dir = repo();
    for (args, listed) in [
        (
            &["check", "--help"][..],
            "[possible values: human, json, sarif, github, markdown]",
        ),
        (&["claims", "--help"], "[possible values: human, json]"),
        (&["why", "--help"], "[possible values: human, json]"),
        (
            &["rules", "list", "--help"],
            "[possible values: human, json]",
        ),
        (
            &["report", "--help"],
            "[possible values: html, markdown, json]",
        ),
    ] {
        let run = onmessage(dir.path(), args);
        assert!(run.stdout.contains(listed), "{args:?}:\n{}", run.stdout);
    }
    // A format a command does not print is refused the same way everywhere.
    for args in [
        &["claims", "sales/call.md", "--format", "sarif"][..],
        &["why", "sales/call.md:1", "--format", "sarif"],
        &["rules", "list", "--format", "sarif"],
        &["report", "--format", "sarif"],
        &["check", "--format", "html"],
    ] {
        let run = onmessage(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(
            run.stderr.starts_with("error: invalid value '")
                && run.stderr.contains("for '--format <FORMAT>'"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn help_points_at_init_and_documents_every_argument() {
    let dir = repo();
    let run = onmessage(dir.path(), &["--help"]);
    assert!(run.stdout.contains("onmessage init"), "{}", run.stdout);
    for sub in [
        "check", "claims", "why", "rules", "baseline", "report", "init",
    ] {
        let run = onmessage(dir.path(), &[sub, "--help"]);
        assert_eq!(run.code, 0);
        // Each option or argument line (two-space indent) has text after it.
        for line in run.stdout.lines().filter(|l| l.starts_with("  ")) {
            let words: Vec<&str> = line.split("  ").filter(|w| !w.trim().is_empty()).collect();
            assert!(
                words.len() >= 2 || line.starts_with("   "),
                "{sub}: no help: {line}"
            );
            assert!(
                !(line.contains("(default") && line.contains("[default:")),
                "{sub}: default printed twice: {line}"
            );
        }
    }
}

#[test]
fn min_score_accepts_0_to_100_only() {
    let dir = repo();
    for bad in ["101", "-1", "abc", "NaN"] {
        let run = onmessage(dir.path(), &["check", &format!("--min-score={bad}")]);
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
        assert!(run.stderr.contains("--min-score"), "{bad}: {}", run.stderr);
    }
    let run = onmessage(
        dir.path(),
        &["check", "--fail-on", "never", "--min-score", "0"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

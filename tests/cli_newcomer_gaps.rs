//! Issue 15, the gaps left after parts A–F, through the real binary: `report`
//! takes `check`'s baseline flags and prints rule-pack warnings, the speaker
//! lists take one string, and `--color` is `check`'s alone.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

mod common;
use common::{copy_dir, stderr, write};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_onmessage"))
        .current_dir(dir)
        .args(args)
        // `--color auto` must not be what decides the colour tests.
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

/// A copy of fixtures/demo in a fresh folder.
fn demo_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("demo");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo"),
        &root,
    );
    (tmp, root)
}

fn json(out: &Output) -> Value {
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "exit {:?}: {}",
        out.status.code(),
        stderr(out)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn total(report: &Value) -> u64 {
    report["summary"]["findings"]["total"].as_u64().unwrap()
}

/// A small repo of its own: one brand doc, one call script.
fn repo(config: &str, call: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "onmessage.yml", config);
    write(
        dir.path(),
        "messaging/guide.md",
        "# Messaging\n\n## Key messages\n\n- Tillory files sales tax in every US state.\n",
    );
    write(dir.path(), "sales/call.md", call);
    dir
}

// ---------------------------------------------------------------------------
// 1. `report --baseline FILE` / `--no-baseline`, as `check` has them.

#[test]
fn report_takes_the_baseline_flags_of_check() {
    let (_tmp, root) = demo_copy();
    let all = total(&json(&run(&root, &["report", "--format", "json"])));
    assert!(all > 5, "the demo has findings");

    // Record a baseline somewhere other than the default place.
    let out = run(&root, &["baseline", "-o", "known.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Not beside the config under its default name: the report ignores it…
    let v = json(&run(&root, &["report", "--format", "json"]));
    assert_eq!(total(&v), all);
    assert!(v["summary"]["baseline"].is_null());

    // …unless `--baseline` names it; then it hides what `check --baseline` hides.
    let out = run(
        &root,
        &["report", "--format", "json", "--baseline", "known.json"],
    );
    let v = json(&out);
    assert_eq!(total(&v), 0);
    assert_eq!(v["summary"]["baseline"]["hidden"].as_u64(), Some(all));
    assert_eq!(v["baselined"].as_array().unwrap().len() as u64, all);
    assert!(
        stderr(&out).contains(&format!(
            "{all} known findings hidden by the baseline known.json"
        )),
        "{}",
        stderr(&out)
    );
    // `-q` drops the note, as it drops `check`'s.
    let out = run(
        &root,
        &[
            "report",
            "-q",
            "--format",
            "json",
            "--baseline",
            "known.json",
        ],
    );
    assert_eq!(total(&json(&out)), 0);
    assert_eq!(stderr(&out), "");
    let check = run(&root, &["check", "--baseline", "known.json"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));

    // The default file is read when present; `--no-baseline` ignores it.
    std::fs::rename(
        root.join("known.json"),
        root.join(".onmessage-baseline.json"),
    )
    .unwrap();
    assert_eq!(
        total(&json(&run(&root, &["report", "--format", "json"]))),
        0
    );
    let out = run(&root, &["report", "--format", "json", "--no-baseline"]);
    let v = json(&out);
    assert_eq!(total(&v), all);
    assert!(v["summary"]["baseline"].is_null());
    assert!(v["baselined"].as_array().unwrap().is_empty());
    assert!(
        !stderr(&out).contains("hidden by the baseline"),
        "{}",
        stderr(&out)
    );
    // `--no-baseline` wins over `--baseline`, as in `check`.
    let v = json(&run(
        &root,
        &[
            "report",
            "--format",
            "json",
            "--baseline",
            ".onmessage-baseline.json",
            "--no-baseline",
        ],
    ));
    assert_eq!(total(&v), all);

    // A baseline that does not exist is a usage error naming it.
    let out = run(&root, &["report", "--baseline", "nope.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("nope.json: baseline file not found"),
        "{}",
        stderr(&out)
    );
    assert!(!root.join("onmessage-report.html").exists());

    // The HTML honours it too: with the flag its baselined section is there.
    let out = run(&root, &["report", "-o", "r.html"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let with = std::fs::read_to_string(root.join("r.html")).unwrap();
    let out = run(&root, &["report", "-o", "r.html", "--no-baseline"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let without = std::fs::read_to_string(root.join("r.html")).unwrap();
    assert!(
        with.contains("id=\"show-baselined\""),
        "the baselined toggle"
    );
    assert!(!without.contains("id=\"show-baselined\""));
}

#[test]
fn report_help_lists_the_baseline_flags() {
    let out = run(Path::new("."), &["report", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("--baseline <FILE>"), "{help}");
    assert!(help.contains("--no-baseline"), "{help}");
}

// ---------------------------------------------------------------------------
// 2. `report` prints rule-pack warnings as `check` and `baseline` do.

const PACK: &str = r#"pack: team
rules:
  - id: code-name
    kind: forbid
    message: "Internal code name."
    patterns: ["\bFalcon\b"]
    examples:
      invalid: ["Falcon ships soon."]
"#;

#[test]
fn report_prints_rule_pack_warnings_like_check() {
    let dir = repo(
        "brand: messaging/**/*.md\nsales: sales/**/*.md\nrules:\n  packs: [team.yml]\n",
        "# Call\n\nRep: Tillory files sales tax in every US state.\n",
    );
    write(dir.path(), "team.yml", PACK);
    let warnings = |args: &[&str]| -> Vec<String> {
        let out = run(dir.path(), args);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            stderr(&out)
        );
        stderr(&out)
            .lines()
            .filter(|l| l.starts_with("warning:"))
            .map(str::to_string)
            .collect()
    };
    let from_check = warnings(&["check"]);
    assert_eq!(from_check.len(), 1, "{from_check:?}");
    assert!(
        from_check[0].contains("team.yml:6:16: rule `team.code-name`")
            && from_check[0].contains("use single quotes for regexes"),
        "{from_check:?}"
    );
    for format in ["json", "markdown", "html"] {
        let from_report = warnings(&["report", "--format", format, "-o", "out"]);
        assert_eq!(from_report, from_check, "report --format {format}");
    }
    // `-q` keeps warnings, as it does for `check`: they are about the pack, not progress.
    assert_eq!(warnings(&["report", "-q", "-o", "out"]), from_check);

    // A pack written right has nothing to warn about.
    write(
        dir.path(),
        "team.yml",
        &PACK.replace(r#"["\bFalcon\b"]"#, r"['\bFalcon\b']"),
    );
    assert!(warnings(&["report", "--format", "json"]).is_empty());
}

// ---------------------------------------------------------------------------
// 3. `speakers.ours` / `speakers.theirs` take one string as a one-item list.

const CALL: &str = "# Call\n\nCloser: Tillory files sales tax in every US state, and it is risk-free.\n\nSkeptic: So it is risk-free?\n";

/// The lines `check` reports `risky.risk-free` on.
fn risk_free_lines(dir: &Path) -> Vec<u64> {
    let v = json(&run(dir, &["check", "--format", "json"]));
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "risky.risk-free")
        .map(|f| f["line"].as_u64().unwrap())
        .collect()
}

#[test]
fn speaker_lists_take_one_string() {
    let base = "brand: messaging/**/*.md\nsales: sales/**/*.md\n";
    // Neither label is known by default: both lines are ours.
    let dir = repo(base, CALL);
    assert_eq!(risk_free_lines(dir.path()), vec![3, 5]);

    // One string each: Closer is ours, Skeptic theirs and never reported.
    let dir = repo(
        &format!("{base}speakers:\n  ours: Closer\n  theirs: Skeptic\n"),
        CALL,
    );
    assert_eq!(risk_free_lines(dir.path()), vec![3]);
    // The same as the one-item lists.
    let listed = repo(
        &format!("{base}speakers:\n  ours: [Closer]\n  theirs: [Skeptic]\n"),
        CALL,
    );
    assert_eq!(risk_free_lines(listed.path()), vec![3]);
    // Only `theirs` as a string: `ours` keeps its default (`Rep`).
    let dir = repo(
        &format!("{base}speakers:\n  theirs: Skeptic\n"),
        &CALL.replace("Closer:", "Rep:"),
    );
    assert_eq!(risk_free_lines(dir.path()), vec![3]);
    let out = run(dir.path(), &["check", "--show-config"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("Skeptic"), "{shown}");
    assert!(shown.contains("Seller"), "the default ours stay: {shown}");

    // Anything else is still a type error at its position.
    let dir = repo(&format!("{base}speakers:\n  ours: 3\n"), CALL);
    let out = run(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("onmessage.yml:4:"), "{err}");
    assert!(err.contains("a string or a list of strings"), "{err}");
}

// ---------------------------------------------------------------------------
// 4. `--color` colours `check`'s human output; the other commands print none.

fn has_escape(out: &Output) -> bool {
    out.stdout.contains(&0x1b) || out.stderr.contains(&0x1b)
}

#[test]
fn color_always_colours_check_and_no_other_command() {
    let (_tmp, root) = demo_copy();
    let check = run(&root, &["check", "--color", "always"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(has_escape(&check), "check --color always is coloured");
    assert!(!has_escape(&run(&root, &["check", "--color", "never"])));

    let line = "sales/follow-up-email.md:5";
    for args in [
        &["why", line][..],
        &["rules", "list"],
        &["rules", "explain", "risky.risk-free"],
        &["claims", "sales/battlecard.md"],
        &["report", "--format", "markdown"],
    ] {
        for color in ["always", "never"] {
            let mut all = args.to_vec();
            all.extend(["--color", color]);
            let out = run(&root, &all);
            assert_eq!(out.status.code(), Some(0), "{all:?}: {}", stderr(&out));
            assert!(!out.stdout.is_empty(), "{all:?} prints something");
            assert!(!has_escape(&out), "{all:?} prints no colour");
        }
    }
    // docs/config.md says so.
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/config.md"))
        .unwrap();
    assert!(
        doc.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains("`--color` affects the human output of `check` only"),
        "docs/config.md"
    );
}

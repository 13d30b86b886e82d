//! Running in CI: every output format, SARIF validation, baselines,
//! `--changed-since`, `--stdin` and deterministic output.

use std::path::{Path, PathBuf};
use std::process::Command;

use onmessage::diagnostic::{Finding, Related, Severity};
use onmessage::markdown::Speakers;
use onmessage::markdown::{self, Role};
use onmessage::output;
use onmessage::{Analysis, FileAnalysis};
use serde_json::Value;

const SALES: &str = "# Discovery call\n\nRep: We automate 95% of your invoices.\n\nRep: Setup takes two days, guaranteed.\n\n| Plan | Claim |\n| --- | --- |\n| Pro | 営業は100%自動 |\n";
const BRAND: &str = "# Key messages\n\n- Automates up to 80% of invoices.\n- Customers go live in under two weeks.\n";

fn file(path: &str, source: &str, role: Role) -> FileAnalysis {
    FileAnalysis {
        doc: markdown::parse(path, source.to_string(), &Speakers::default()),
        role,
        claims: Vec::new(),
        matches: Vec::new(),
    }
}

fn at(
    rule: &str,
    severity: Severity,
    path: &str,
    source: &str,
    needle: &str,
    message: &str,
) -> Finding {
    let start = source.find(needle).expect(needle);
    let doc = markdown::parse(path, source.to_string(), &Speakers::default());
    Finding::at(
        rule,
        severity,
        path,
        source,
        &doc.lines,
        start..start + needle.len(),
        message,
    )
}

/// Findings of every severity, with a brand claim, a fix, CJK text and a
/// path that needs URI encoding, as the pipeline would hand them over.
fn sample() -> Analysis {
    let sales_path = "sales/discovery call.md";
    let mut findings = vec![
        at(
            "align.qualifier-dropped",
            Severity::Error,
            sales_path,
            SALES,
            "95%",
            "sales says 95% flat; the brand says up to 80%",
        )
        .with_related(Related {
            path: "brand/messaging.md".into(),
            line: 3,
            text: "Automates up to 80% of invoices.".into(),
        }),
        at(
            "risky.guarantee",
            Severity::Warning,
            sales_path,
            SALES,
            "guaranteed",
            "\"guaranteed\" promises an outcome for every customer",
        ),
        at(
            "align.unsupported",
            Severity::Info,
            sales_path,
            SALES,
            "100%",
            "no brand claim supports \"100%\"",
        ),
        at(
            "coverage.missing-key-message",
            Severity::Info,
            "brand/messaging.md",
            BRAND,
            "Customers go live in under two weeks.",
            "no sales file carries this key message",
        ),
    ];
    let lines = markdown::parse(sales_path, SALES.to_string(), &Speakers::default()).lines;
    let start = SALES.find("two days").unwrap();
    findings[1] = findings[1]
        .clone()
        .with_fix(SALES, &lines, start..start + 8, "under two weeks");
    onmessage::diagnostic::sort_and_dedup(&mut findings);
    Analysis {
        brand: vec![file("brand/messaging.md", BRAND, Role::Brand)],
        sales: vec![file(sales_path, SALES, Role::Sales)],
        findings,
        skipped: Vec::new(),
        whole_set: true,
        ..Analysis::default()
    }
}

fn sarif_text(analysis: &Analysis) -> String {
    let mut out = Vec::new();
    output::sarif::write(
        analysis,
        "",
        &output::sarif::computed_rule_infos(),
        &mut out,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

/// The SARIF 2.1.0 schema from the shared folder beside the repository (or
/// beside the worktrees), or where ONMESSAGE_SARIF_SCHEMA says.
fn sarif_schema() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("ONMESSAGE_SARIF_SCHEMA") {
        return Some(PathBuf::from(path));
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .skip(1)
        .take(3)
        .map(|dir| dir.join("shared/schemas/sarif-2.1.0.json"))
        .find(|p| p.is_file())
}

/// A validator for the SARIF 2.1.0 schema, None (with a message) when the
/// schema is not at hand.
fn schema_validator() -> Option<jsonschema::Validator> {
    let Some(schema_path) = sarif_schema() else {
        println!("skipping the SARIF schema check: shared/schemas/sarif-2.1.0.json not found (set ONMESSAGE_SARIF_SCHEMA)");
        return None;
    };
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(&schema_path).unwrap()).unwrap();
    Some(
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap(),
    )
}

fn schema_errors(validator: &jsonschema::Validator, log: &Value) -> Vec<String> {
    validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn sarif_is_valid_against_the_2_1_0_schema() {
    let Some(validator) = schema_validator() else {
        return;
    };
    for analysis in [sample(), Analysis::default()] {
        let log: Value = serde_json::from_str(&sarif_text(&analysis)).unwrap();
        let errors = schema_errors(&validator, &log);
        assert!(errors.is_empty(), "schema errors:\n{}", errors.join("\n"));
    }
    // The validator is live: a level SARIF does not have is rejected.
    let mut log: Value = serde_json::from_str(&sarif_text(&sample())).unwrap();
    log["runs"][0]["results"][0]["level"] = "info".into();
    assert!(!validator.is_valid(&log));
}

/// The Microsoft SARIF Multitool, which `tests/sarif/setup.sh` installs
/// (`.ci/run` calls it); `cargo test` never reaches the network for it.
/// Found once per test binary.
fn multitool() -> Option<PathBuf> {
    static MULTITOOL: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    MULTITOOL.get_or_init(find_multitool).clone()
}

/// `None` (a skip, announced) when node or the package is missing; a
/// failure instead when `CI=true`, where a skipped check would pass unseen.
fn find_multitool() -> Option<PathBuf> {
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let package = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/sarif/node_modules/@microsoft/sarif-multitool");
    let missing = match (node, package.is_dir()) {
        (true, true) => None,
        (false, _) => Some("node"),
        (true, false) => Some("@microsoft/sarif-multitool (tests/sarif/node_modules)"),
    };
    if let Some(missing) = missing {
        let message = format!("SARIF Multitool check needs {missing}: run tests/sarif/setup.sh");
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{message} (CI=true: a missing tool is a failure)");
        }
        eprintln!("SKIPPED: {message}");
        return None;
    }
    // The package's own launcher runs the binary through a shell, which
    // would split `--rule-kind "Gh;Sarif"` at the `;`: ask it for the
    // platform binary and run that directly.
    let output = Command::new("node")
        .arg("-p")
        .arg(format!("require({:?})", package.to_string_lossy()))
        .output()
        .expect("running node");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let binary = PathBuf::from(String::from_utf8(output.stdout).unwrap().trim());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut permissions = std::fs::metadata(&binary).unwrap().permissions();
        permissions.set_mode(permissions.mode() | 0o700);
        std::fs::set_permissions(&binary, permissions).unwrap();
    }
    Some(binary)
}

/// Errors and warnings the Multitool reports for `text` with GitHub's
/// ingestion rules. The files stay in target/tmp so a failure can be inspected.
fn multitool_problems(binary: &Path, name: &str, text: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let input = dir.join(format!("{name}.sarif"));
    std::fs::write(&input, text).unwrap();
    let log = dir.join(format!("{name}.validation.sarif"));
    let output = Command::new(binary)
        .arg("validate")
        .arg(&input)
        .args([
            "--rule-kind",
            "Gh;Sarif",
            "--level",
            "Error;Warning",
            "--output",
        ])
        .arg(&log)
        .args(["--log", "ForceOverwrite"])
        .output()
        .unwrap();
    let console = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "multitool failed:\n{console}");
    let validation: Value = serde_json::from_str(&std::fs::read_to_string(&log).unwrap()).unwrap();
    validation["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        // A result without a level is a warning.
        .filter(|r| matches!(r["level"].as_str(), Some("error") | Some("warning") | None))
        .map(|r| format!("{} {}", r["ruleId"], r["message"]["text"]))
        .collect()
}

#[test]
fn sarif_is_clean_under_the_multitool_with_github_rules() {
    let Some(binary) = multitool() else { return };
    let problems = multitool_problems(&binary, "onmessage-sample", &sarif_text(&sample()));
    assert!(problems.is_empty(), "multitool:\n{}", problems.join("\n"));
    // The check is live: a rule without descriptions breaks GitHub's rules.
    let mut log: Value = serde_json::from_str(&sarif_text(&sample())).unwrap();
    log["runs"][0]["tool"]["driver"]["rules"][0] =
        serde_json::json!({ "id": "input.front-matter" });
    let problems = multitool_problems(&binary, "onmessage-broken", &log.to_string());
    assert!(
        problems.iter().any(|p| p.contains("GH2012")),
        "{problems:?}"
    );
}

/// Compare with `fixtures/tests/ci/NAME`; `UPDATE_SNAPSHOTS=1` rewrites it.
fn snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/tests/ci")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_SNAPSHOTS=1 to create it)",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{} differs from the output (UPDATE_SNAPSHOTS=1 to accept):\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

fn render(format: onmessage::output::Format, analysis: &Analysis, color: bool) -> String {
    let settings = output::OutputSettings::new(std::path::Path::new(""), color);
    let mut out = Vec::new();
    output::render(format, analysis, &settings, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn human_output_snapshot() {
    use onmessage::output::Format;
    let text = render(Format::Human, &sample(), false);
    assert!(!text.contains('\u{1b}'));
    snapshot("human.txt", &text);
    let coloured = render(Format::Human, &sample(), true);
    assert!(coloured.contains("\u{1b}[1;31merror[align.qualifier-dropped]\u{1b}[0m"));
    snapshot(
        "human-empty.txt",
        &render(Format::Human, &Analysis::default(), false),
    );
}

#[test]
fn github_output_snapshot_and_shape() {
    let text = render(onmessage::output::Format::Github, &sample(), false);
    snapshot("github.txt", &text);
    let levels: Vec<&str> = text
        .lines()
        .map(|l| l.strip_prefix("::").unwrap().split(' ').next().unwrap())
        .collect();
    assert_eq!(levels, ["error", "warning", "notice", "notice"]);
    for line in text.lines() {
        let props = line.split("::").nth(1).unwrap();
        let keys: Vec<&str> = props
            .split_once(' ')
            .unwrap()
            .1
            .split(',')
            .map(|kv| kv.split_once('=').unwrap().0)
            .collect();
        assert_eq!(
            keys,
            ["file", "line", "col", "endLine", "endColumn", "title"]
        );
    }
    assert!(text.contains("file=sales/discovery call.md,line=3,col=18,endLine=3,endColumn=21,title=align.qualifier-dropped::"));
}

#[test]
fn markdown_output_snapshot_and_tables() {
    let text = render(onmessage::output::Format::Markdown, &sample(), false);
    snapshot("summary.md", &text);
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with('|')).collect();
    // Two tables: header, rule, and 1 + 3 findings.
    assert_eq!(rows.len(), 2 * 2 + 4);
    assert!(text.contains(
        "**4 findings**: 1 error, 1 warning, 2 info; 1 sales file checked against 1 brand doc."
    ));
}

#[test]
fn sarif_output_snapshot_and_fields() {
    let text = sarif_text(&sample());
    snapshot("sarif.json", &text);
    let log: Value = serde_json::from_str(&text).unwrap();
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for rule in onmessage::registry::computed_rules() {
        assert!(
            rules.iter().any(|r| r["id"] == rule.id),
            "{} missing",
            rule.id
        );
    }
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uriBaseId"], "SRCROOT");
        assert!(run["originalUriBaseIds"]["SRCROOT"].is_object());
    }
    let first = &run["results"][1];
    assert_eq!(first["ruleId"], "align.qualifier-dropped");
    assert_eq!(
        first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "sales/discovery%20call.md"
    );
    assert_eq!(
        first["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
}

// ---------------------------------------------------------------------------
// End to end: the binary on content repos built in temporary folders.

const CONFIG: &str = "brand: [\"brand/**/*.md\"]\nsales: [\"sales/**/*.md\"]\n";
/// A brand doc without key messages, so no coverage findings.
const E2E_BRAND: &str = "# About Acme\n\nAcme automates up to 80% of invoices.\n";
const BROKEN_FRONT_MATTER: &str = "---\nproduct: [Acme\n---\n\nRep: Hello there.\n";

fn write_files(root: &Path, files: &[(&str, &str)]) {
    for (rel, text) in files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

fn content_repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[("onmessage.yml", CONFIG), ("brand/messaging.md", E2E_BRAND)],
    );
    write_files(dir.path(), files);
    dir
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn onmessage(dir: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    let mut cmd = assert_cmd::Command::cargo_bin("onmessage").unwrap();
    cmd.current_dir(dir).args(args).env_remove("NO_COLOR");
    if let Some(text) = stdin {
        cmd.write_stdin(text);
    }
    let output = cmd.output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// `(rule, path)` of each finding in `check --format json` output.
fn reported(run: &Run) -> Vec<(String, String)> {
    let value: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout, run.stderr));
    value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["path"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn paths_reported(run: &Run) -> Vec<String> {
    let mut paths: Vec<String> = reported(run).into_iter().map(|(_, p)| p).collect();
    paths.dedup();
    paths
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=CI test", "-c", "user.email=ci@example.com"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn changed_since_checks_changed_sales_files_or_everything_after_a_brand_change() {
    let repo = content_repo(&[
        ("sales/a.md", BROKEN_FRONT_MATTER),
        ("sales/b.md", BROKEN_FRONT_MATTER),
        ("notes/c.md", "Not content.\n"),
    ]);
    let dir = repo.path();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "start"]);
    let check = |rev: &str| {
        onmessage(
            dir,
            &["check", "--format", "json", "--changed-since", rev],
            None,
        )
    };

    let nothing = check("HEAD");
    assert_eq!(nothing.code, 0, "{}", nothing.stderr);
    assert!(
        nothing.stderr.contains("no sales file changed"),
        "{}",
        nothing.stderr
    );
    assert!(reported(&nothing).is_empty());

    // A sales change (and an untracked new sales file): only those.
    write_files(
        dir,
        &[
            (
                "sales/a.md",
                &format!("{BROKEN_FRONT_MATTER}\nRep: More.\n"),
            ),
            ("sales/new.md", BROKEN_FRONT_MATTER),
        ],
    );
    let sales_change = check("HEAD");
    assert_eq!(sales_change.code, 1, "{}", sales_change.stderr);
    assert_eq!(
        paths_reported(&sales_change),
        ["sales/a.md", "sales/new.md"]
    );
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "sales"]);
    assert_eq!(
        paths_reported(&check("HEAD~1")),
        ["sales/a.md", "sales/new.md"]
    );

    // A brand change: every sales file, including the untouched one.
    write_files(
        dir,
        &[(
            "brand/messaging.md",
            &format!("{E2E_BRAND}\nAcme pays suppliers on time.\n"),
        )],
    );
    let brand_change = check("HEAD");
    assert_eq!(
        paths_reported(&brand_change),
        ["sales/a.md", "sales/b.md", "sales/new.md"]
    );

    git(dir, &["checkout", "-q", "--", "brand/messaging.md"]);
    assert_eq!(paths_reported(&check("HEAD")), Vec::<String>::new());

    // A file outside the brand globs that declares itself a brand doc counts as one.
    write_files(
        dir,
        &[(
            "notes/pillars.md",
            "---\nonmessage: {role: brand}\n---\n\nAcme pays suppliers on time.\n",
        )],
    );
    assert_eq!(
        paths_reported(&check("HEAD")),
        ["sales/a.md", "sales/b.md", "sales/new.md"]
    );

    let bad = check("no-such-rev");
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("no-such-rev"), "{}", bad.stderr);
}

#[test]
fn stdin_is_checked_as_the_named_file_and_only_it_is_reported() {
    let repo = content_repo(&[
        ("sales/a.md", BROKEN_FRONT_MATTER),
        ("sales/b.md", "Rep: Fine.\n"),
    ]);
    let run = onmessage(
        repo.path(),
        &[
            "check",
            "--format",
            "json",
            "--stdin",
            "--stdin-filename",
            "sales/b.md",
        ],
        Some(BROKEN_FRONT_MATTER),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        reported(&run),
        [("input.front-matter".to_string(), "sales/b.md".to_string())]
    );

    // A file that does not exist yet (an unsaved editor buffer).
    let run = onmessage(
        repo.path(),
        &[
            "check",
            "--format",
            "json",
            "--stdin",
            "--stdin-filename",
            "sales/unsaved.md",
        ],
        Some(BROKEN_FRONT_MATTER),
    );
    assert_eq!(paths_reported(&run), ["sales/unsaved.md"]);
    let clean = onmessage(
        repo.path(),
        &["check", "--stdin", "--stdin-filename", "sales/a.md"],
        Some("Rep: All good.\n"),
    );
    assert_eq!(clean.code, 0, "{}{}", clean.stdout, clean.stderr);
}

#[test]
fn several_outputs_from_one_run() {
    let repo = content_repo(&[("sales/a.md", BROKEN_FRONT_MATTER)]);
    let run = onmessage(
        repo.path(),
        &[
            "check",
            "--format",
            "github",
            "--output",
            "sarif=out.sarif",
            "--output",
            "markdown=summary.md",
        ],
        None,
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("::error file=sales/a.md,line=3,"),
        "{}",
        run.stdout
    );
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(repo.path().join("out.sarif")).unwrap())
            .unwrap();
    assert_eq!(
        sarif["runs"][0]["results"][0]["ruleId"],
        "input.front-matter"
    );
    let summary = std::fs::read_to_string(repo.path().join("summary.md")).unwrap();
    assert!(
        summary.contains("| 3 | error | input.front-matter |"),
        "{summary}"
    );

    // Colours go to the terminal only when asked, never into files.
    let coloured = onmessage(
        repo.path(),
        &["check", "--color", "always", "--output", "human=plain.txt"],
        None,
    );
    assert!(
        coloured
            .stdout
            .contains("\u{1b}[1;31merror[input.front-matter]"),
        "{}",
        coloured.stdout
    );
    let plain = std::fs::read_to_string(repo.path().join("plain.txt")).unwrap();
    assert!(
        plain.starts_with("error[input.front-matter]: ") && !plain.contains('\u{1b}'),
        "{plain}"
    );
    let auto = onmessage(repo.path(), &["check"], None);
    assert!(
        !auto.stdout.contains('\u{1b}'),
        "not a terminal: no colours"
    );

    let bad = onmessage(repo.path(), &["check", "--output", "xml=out.xml"], None);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("unknown format `xml`"),
        "{}",
        bad.stderr
    );
}

#[test]
fn baseline_round_trip() {
    let repo = content_repo(&[
        ("sales/a.md", BROKEN_FRONT_MATTER),
        ("sales/b.md", "Rep: Fine.\n"),
    ]);
    let dir = repo.path();
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "--format", "json"];
        args.extend_from_slice(extra);
        onmessage(dir, &args, None)
    };
    assert_eq!(reported(&check(&[])).len(), 1);

    let written = onmessage(dir, &["baseline"], None);
    assert_eq!(written.code, 0, "{}", written.stderr);
    assert!(
        written.stderr.contains("wrote 1 finding"),
        "{}",
        written.stderr
    );
    let file: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join(".onmessage-baseline.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(file["findings"][0]["rule"], "input.front-matter");
    assert_eq!(file["findings"][0]["path"], "sales/a.md");

    let clean = check(&[]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    assert!(reported(&clean).is_empty());
    assert!(
        clean.stderr.contains("1 finding hidden by the baseline"),
        "{}",
        clean.stderr
    );

    // Text added after the finding changes nothing; a new problem is reported alone.
    write_files(
        dir,
        &[
            (
                "sales/a.md",
                &format!("{BROKEN_FRONT_MATTER}\nRep: A new paragraph.\n"),
            ),
            ("sales/b.md", BROKEN_FRONT_MATTER),
        ],
    );
    let one_new = check(&[]);
    assert_eq!(one_new.code, 1);
    assert_eq!(
        reported(&one_new),
        [("input.front-matter".to_string(), "sales/b.md".to_string())]
    );

    // Fixing the baselined problem is noticed.
    write_files(dir, &[("sales/a.md", "Rep: Fixed.\n")]);
    let fixed = check(&[]);
    assert!(
        fixed
            .stderr
            .contains("1 baselined finding no longer occurs"),
        "{}",
        fixed.stderr
    );
    let summary = onmessage(dir, &["check", "--format", "markdown"], None);
    assert!(
        summary
            .stdout
            .contains("1 baselined finding no longer occurs"),
        "{}",
        summary.stdout
    );

    assert_eq!(reported(&check(&["--no-baseline"])).len(), 1);
    let missing = check(&["--baseline", "nope.json"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("nope.json"), "{}", missing.stderr);
}

/// Every format from one run (stdout and `--output` files), in `dir`.
fn all_formats(dir: &Path, threads: &str) -> Vec<String> {
    let out = tempfile::tempdir().unwrap();
    let mut args: Vec<String> = [
        "check", "--format", "human", "--color", "never", "-j", threads,
    ]
    .map(String::from)
    .to_vec();
    for format in ["json", "sarif", "github", "markdown"] {
        args.push("--output".into());
        args.push(format!("{format}={}", out.path().join(format).display()));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = onmessage(dir, &args, None);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let mut outputs = vec![run.stdout];
    for format in ["json", "sarif", "github", "markdown"] {
        outputs.push(std::fs::read_to_string(out.path().join(format)).unwrap());
    }
    outputs
}

/// Byte-identical output across runs with one and two threads.
fn assert_deterministic(dir: &Path) {
    let first = all_formats(dir, "1");
    assert!(first.iter().all(|o| !o.trim().is_empty()), "{first:?}");
    for threads in ["2", "2", "1"] {
        let again = all_formats(dir, threads);
        for (format, (a, b)) in ["human", "json", "sarif", "github", "markdown"]
            .iter()
            .zip(first.iter().zip(&again))
        {
            assert!(
                a == b,
                "{format} output differs with -j {threads}:\n{a}\n---\n{b}"
            );
        }
    }
}

#[test]
fn output_is_identical_across_runs_and_thread_counts() {
    let mut files: Vec<(String, String)> = Vec::new();
    for i in 0..24 {
        let text = if i % 3 == 0 {
            BROKEN_FRONT_MATTER.to_string()
        } else {
            format!("# Call {i}\n\nRep: We automate {i}% of invoices.\n")
        };
        files.push((format!("sales/team{}/call-{i}.md", i % 4), text));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let repo = content_repo(&refs);
    assert_deterministic(repo.path());
}

/// The composite action's check step, run with bash as the runner would:
/// annotations on stdout, the summary appended, the exit code passed on.
#[test]
fn action_check_step_writes_annotations_summary_and_sarif() {
    let action: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/actions/onmessage/action.yml"),
        )
        .unwrap(),
    )
    .unwrap();
    let steps = action["runs"]["steps"].as_sequence().unwrap();
    let step = steps
        .iter()
        .find(|s| s["id"].as_str() == Some("check"))
        .unwrap();
    let script = step["run"].as_str().unwrap();
    for input in action["inputs"].as_mapping().unwrap().keys() {
        let name = input.as_str().unwrap();
        assert!(
            name == "working-directory"
                || script.contains(&format!("INPUT_{}", name.to_uppercase().replace('-', "_"))),
            "input {name} is not used by the check step"
        );
    }

    let repo = content_repo(&[
        ("sales/a.md", BROKEN_FRONT_MATTER),
        ("sales/b.md", "Rep: Fine.\n"),
    ]);
    let dir = repo.path();
    let runner_temp = tempfile::tempdir().unwrap();
    std::fs::write(dir.join("summary-before.md"), "earlier step\n").unwrap();
    let output = Command::new("bash")
        .arg("-e")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .env("ONMESSAGE", env!("CARGO_BIN_EXE_onmessage"))
        .env("RUNNER_TEMP", runner_temp.path())
        .env("GITHUB_STEP_SUMMARY", dir.join("summary-before.md"))
        .env("GITHUB_OUTPUT", dir.join("outputs"))
        .env("INPUT_PATHS", "sales/a.md")
        .env("INPUT_CONFIG", "")
        .env("INPUT_CHANGED_SINCE", "")
        .env("INPUT_SARIF", "out.sarif")
        .env("INPUT_FAIL_ON", "error")
        .env("INPUT_ARGS", "--select input")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.starts_with("::error file=sales/a.md,"), "{stdout}");
    let summary = std::fs::read_to_string(dir.join("summary-before.md")).unwrap();
    assert!(
        summary.starts_with("earlier step\n## onmessage"),
        "{summary}"
    );
    assert!(std::fs::read_to_string(dir.join("outputs"))
        .unwrap()
        .contains("exit-code=1"));
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 1);
}

#[test]
fn paths_are_repository_relative_when_the_config_is_in_a_subfolder() {
    let top = tempfile::tempdir().unwrap();
    git(top.path(), &["init", "-q"]);
    let content = top.path().join("content");
    write_files(
        &content,
        &[
            ("onmessage.yml", CONFIG),
            ("brand/messaging.md", E2E_BRAND),
            ("sales/a.md", BROKEN_FRONT_MATTER),
        ],
    );
    let github = onmessage(&content, &["check", "--format", "github"], None);
    assert!(
        github
            .stdout
            .starts_with("::error file=content/sales/a.md,"),
        "{}",
        github.stdout
    );
    let sarif = onmessage(&content, &["check", "--format", "sarif"], None);
    let log: Value = serde_json::from_str(&sarif.stdout).unwrap();
    assert_eq!(
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "content/sales/a.md"
    );
    // Human and JSON output keep config-relative paths.
    let human = onmessage(&content, &["check", "--color", "never"], None);
    assert!(
        human.stdout.contains(" --> sales/a.md:3:1"),
        "{}",
        human.stdout
    );
}

// ---------------------------------------------------------------------------
// With the rule packs: the demo repo and a repo with its own pack.

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo")
}

#[test]
fn demo_repo_sarif_is_valid_and_lists_the_pack_rules() {
    let sarif = onmessage(&demo(), &["check", "--format", "sarif"], None);
    assert_eq!(sarif.code, 1, "{}", sarif.stderr);
    let log: Value = serde_json::from_str(&sarif.stdout).unwrap();
    let json = onmessage(&demo(), &["check", "--format", "json"], None);
    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), reported(&json).len());
    assert!(!results.is_empty());
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.len() > onmessage::registry::computed_rules().len());
    let pack_rule = rules
        .iter()
        .find(|r| r["id"].as_str().unwrap().starts_with("risky."))
        .expect("the built-in risky pack is listed");
    assert!(pack_rule["help"]["markdown"]
        .as_str()
        .unwrap()
        .contains("Applies to"));
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    if let Some(validator) = schema_validator() {
        let errors = schema_errors(&validator, &log);
        assert!(errors.is_empty(), "schema errors:\n{}", errors.join("\n"));
    }
    if let Some(binary) = multitool() {
        let problems = multitool_problems(&binary, "onmessage-demo", &sarif.stdout);
        assert!(problems.is_empty(), "multitool:\n{}", problems.join("\n"));
    }
}

#[test]
fn demo_repo_output_is_identical_across_runs_and_thread_counts() {
    assert_deterministic(&demo());
}

const HYPE_PACK: &str = "pack: acme\ndescription: Acme's house style.\nrules:\n  - id: hype\n    kind: forbid\n    severity: warning\n    message: \"\\\"{match}\\\" is hype; say what it does.\"\n    description: Buzzwords say nothing.\n    terms: [synergy]\n    examples:\n      invalid: [\"Real synergy.\"]\n      valid: [\"It syncs invoices.\"]\n";

#[test]
fn baseline_survives_lines_moving_and_reports_exactly_the_new_finding() {
    let config = format!("{CONFIG}rules:\n  packs: [acme.yml]\n");
    let repo = content_repo(&[
        ("onmessage.yml", config.as_str()),
        ("acme.yml", HYPE_PACK),
        (
            "sales/a.md",
            "# Call\n\nRep: We bring synergy to accounts payable.\n\nRep: Thanks for your time.\n",
        ),
    ]);
    let dir = repo.path();
    let check = || {
        onmessage(
            dir,
            &["check", "--format", "json", "--select", "acme"],
            None,
        )
    };
    let hype = |run: &Run| -> Vec<usize> {
        let value: Value = serde_json::from_str(&run.stdout).unwrap();
        value["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "acme.hype")
            .map(|f| f["line"].as_u64().unwrap() as usize)
            .collect()
    };
    assert_eq!(hype(&check()), [3]);
    assert_eq!(onmessage(dir, &["baseline"], None).code, 0);
    assert!(hype(&check()).is_empty());

    // Two paragraphs above it: the finding moves to line 7, still baselined.
    write_files(dir, &[(
        "sales/a.md",
        "# Call\n\nRep: Hello.\n\nRep: How are you?\n\nRep: We bring synergy to accounts payable.\n\nRep: Thanks for your time.\n",
    )]);
    assert!(hype(&check()).is_empty(), "{}", check().stdout);

    // The same word again further down is a new finding, and the only one.
    write_files(dir, &[(
        "sales/a.md",
        "# Call\n\nRep: Hello.\n\nRep: How are you?\n\nRep: We bring synergy to accounts payable.\n\nRep: Thanks for your time.\n\nRep: Synergy, again.\n",
    )]);
    assert_eq!(hype(&check()), [11]);
}

// `--fix`, `--fix --diff` and `--min-score` through the real binary.

/// A writable copy of the demo repo's config, brand docs and battlecard
/// (whose "LedgerLy" spelling `terms.replaced` fixes).
fn demo_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for rel in [
        "onmessage.yml",
        "messaging/guide.md",
        "messaging/onboarding-faq.md",
        "sales/battlecard.md",
    ] {
        let to = dir.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(demo().join(rel), to).unwrap();
    }
    dir
}

#[test]
fn fix_diff_shows_the_fix_and_fix_applies_it_once() {
    let dir = demo_copy();
    let card = dir.path().join("sales/battlecard.md");
    let before = std::fs::read_to_string(&card).unwrap();
    assert!(before.contains("LedgerLy"));

    let diff = onmessage(dir.path(), &["check", "--fix", "--diff"], None);
    assert_eq!(diff.code, 1, "{}", diff.stderr);
    assert!(diff.stdout.contains("-# Battlecard: LedgerLy vs. PayFlow"));
    assert!(diff.stdout.contains("+# Battlecard: Ledgerly vs. PayFlow"));
    assert_eq!(
        std::fs::read_to_string(&card).unwrap(),
        before,
        "--diff wrote"
    );

    let fix = onmessage(dir.path(), &["check", "--fix", "--format", "json"], None);
    assert!(fix.stderr.contains("fixed 1 finding"), "{}", fix.stderr);
    assert!(!reported(&fix)
        .iter()
        .any(|(rule, _)| rule == "terms.replaced"));
    let after = std::fs::read_to_string(&card).unwrap();
    assert_eq!(after, before.replacen("LedgerLy", "Ledgerly", 1));

    let again = onmessage(dir.path(), &["check", "--fix", "--diff"], None);
    assert_eq!(
        again.code, 0,
        "second run still had fixes: {}",
        again.stdout
    );
    assert!(again.stdout.is_empty());
}

#[test]
fn min_score_fails_only_files_below_it() {
    let demo = demo();
    let low = onmessage(
        &demo,
        &["check", "--fail-on", "never", "--min-score", "100"],
        None,
    );
    assert_eq!(low.code, 1);
    assert!(
        low.stderr.contains("is below --min-score 100"),
        "{}",
        low.stderr
    );
    let zero = onmessage(
        &demo,
        &["check", "--fail-on", "never", "--min-score", "0"],
        None,
    );
    assert_eq!(zero.code, 0, "{}", zero.stderr);
}

// ---------------------------------------------------------------------------
// Rule pages: docs/rules/ is the one source of every computed and built-in
// rule's documentation; SARIF, `rules explain` and the README point there.

fn repo_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The anchors GitHub gives a Markdown file's headings (github-slugger:
/// lower case, punctuation dropped, spaces to `-`, repeats numbered).
fn heading_anchors(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut anchors: Vec<String> = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    let mut heading: Option<String> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = &mut heading {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let text = heading.take().unwrap();
                let slug: String = text
                    .trim()
                    .to_lowercase()
                    .chars()
                    .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
                    .map(|c| if c == ' ' { '-' } else { c })
                    .collect();
                let repeats = seen.entry(slug.clone()).or_insert(0);
                *repeats += 1;
                let repeats = *repeats - 1;
                anchors.push(if repeats == 0 {
                    slug
                } else {
                    format!("{slug}-{repeats}")
                });
            }
            _ => {}
        }
    }
    anchors
}

const TABLE_START: &str = "<!-- rule-table: generated from docs/rules/ and rules/*.yml by `ONMESSAGE_BLESS=1 cargo test --test ci rule_pages`; edit those, not this table -->";
const TABLE_END: &str = "<!-- /rule-table -->";

/// The README's rule table: computed rules by group (the alignment rules
/// first), then one row per built-in pack, then input and directive rules.
fn readme_rule_table() -> String {
    use onmessage::registry::computed_rules;
    let mut out = String::from("| Rule | What it reports | Default |\n|---|---|---|\n");
    let computed_rows = |groups: &[&str], out: &mut String| {
        for group in groups {
            for rule in computed_rules()
                .iter()
                .filter(|r| r.id.split('.').next() == Some(*group))
            {
                assert!(!rule.summary().contains('|'), "{}", rule.id);
                out.push_str(&format!(
                    "| [`{id}`](docs/rules/{id}.md) | {} | {} |\n",
                    rule.summary(),
                    rule.severity,
                    id = rule.id
                ));
            }
        }
    };
    computed_rows(&["align", "brand", "coverage", "terms"], &mut out);
    let builtin = onmessage::rules::builtin_rules().unwrap();
    for (name, yaml) in onmessage::rules::BUILTIN_PACKS {
        let pack: onmessage::rules::model::PackFile = serde_yaml::from_str(yaml).unwrap();
        let rules: Vec<_> = builtin.iter().filter(|r| r.pack == *name).collect();
        let mut severities: Vec<Severity> = rules.iter().map(|r| r.severity).collect();
        severities.sort_by(|a, b| b.cmp(a));
        severities.dedup();
        let severities: Vec<String> = severities.iter().map(|s| s.to_string()).collect();
        out.push_str(&format!(
            "| [`{name}.*`](docs/rules/{name}.md) | {} (the built-in pack, {} rules) | {} |\n",
            pack.description.trim().trim_end_matches('.'),
            rules.len(),
            severities.join(" / ")
        ));
    }
    computed_rows(&["input", "directive"], &mut out);
    out
}

/// Compare a generated file with the committed one; ONMESSAGE_BLESS=1
/// rewrites it.
fn blessed(rel: &str, expected: &str) -> Option<String> {
    let path = repo_file(rel);
    if std::env::var_os("ONMESSAGE_BLESS").is_some() {
        std::fs::write(&path, expected).unwrap();
        return None;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    (committed != expected).then(|| {
        format!(
            "{rel} is stale: run `{}` to regenerate it",
            onmessage::registry::REGENERATE
        )
    })
}

#[test]
fn rule_pages_and_the_readme_table_are_up_to_date() {
    let mut stale = Vec::new();
    let pages = onmessage::rules::pages::builtin_pack_pages().unwrap();
    for (file, text) in &pages {
        stale.extend(blessed(&format!("docs/rules/{file}"), text));
    }
    let readme = std::fs::read_to_string(repo_file("README.md")).unwrap();
    let (before, rest) = readme
        .split_once(TABLE_START)
        .expect("README.md has the rule table's start marker");
    let (_, after) = rest
        .split_once(TABLE_END)
        .expect("README.md has the rule table's end marker");
    let regenerated = format!(
        "{before}{TABLE_START}\n{}{TABLE_END}{after}",
        readme_rule_table()
    );
    stale.extend(blessed("README.md", &regenerated));
    assert!(stale.is_empty(), "{}", stale.join("\n"));

    // Nothing else lives in docs/rules/: a renamed rule leaves no page behind.
    let mut expected: Vec<String> = onmessage::registry::computed_rules()
        .iter()
        .map(|r| format!("{}.md", r.id))
        .chain(pages.iter().map(|(file, _)| file.clone()))
        .collect();
    expected.sort();
    let mut found: Vec<String> = std::fs::read_dir(repo_file("docs/rules"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    assert_eq!(found, expected);
}

#[test]
fn every_computed_and_built_in_rule_has_a_page_with_its_heading() {
    for rule in onmessage::registry::computed_rules() {
        let page = std::fs::read_to_string(repo_file(&format!("docs/rules/{}.md", rule.id)))
            .unwrap_or_else(|e| panic!("docs/rules/{}.md: {e}", rule.id));
        assert_eq!(page, rule.description, "the registry embeds the page");
        let anchors = heading_anchors(&page);
        assert_eq!(anchors[0], rule.id.replace('.', ""));
        for section in ["what-it-does", "why-is-this-bad", "example", "how-to-fix"] {
            assert!(
                anchors.iter().any(|a| a == section),
                "{}: {section}",
                rule.id
            );
        }
    }
    for rule in onmessage::rules::builtin_rules().unwrap() {
        let file = format!("docs/rules/{}.md", rule.pack);
        let page = std::fs::read_to_string(repo_file(&file)).unwrap();
        assert!(
            heading_anchors(&page).contains(&rule.id.replace('.', "")),
            "{file} has no heading for {}",
            rule.id
        );
    }
}

/// `(rule id, helpUri)` of every rule in a SARIF log; checks that each
/// helpUri names a file of this repository and a heading in it.
fn help_uris(log: &Value) -> Vec<(String, Option<String>)> {
    let prefix = format!("{}/blob/main/", env!("CARGO_PKG_REPOSITORY"));
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    rules
        .iter()
        .map(|rule| {
            let id = rule["id"].as_str().unwrap().to_string();
            assert!(
                !rule["help"]["markdown"].as_str().unwrap().trim().is_empty()
                    && !rule["help"]["text"].as_str().unwrap().trim().is_empty(),
                "{id} has no help"
            );
            let uri = rule["helpUri"].as_str().map(|uri| {
                let (file, anchor) = uri
                    .strip_prefix(&prefix)
                    .and_then(|rest| rest.split_once('#'))
                    .unwrap_or_else(|| panic!("{id}: {uri} is not {prefix}FILE#ANCHOR"));
                let text = std::fs::read_to_string(repo_file(file))
                    .unwrap_or_else(|e| panic!("{id}: {file}: {e}"));
                let anchors = heading_anchors(&text);
                assert!(
                    anchors.iter().any(|a| a == anchor),
                    "{id}: {file} has no heading #{anchor} (it has {anchors:?})"
                );
                uri.to_string()
            });
            (id, uri)
        })
        .collect()
}

#[test]
fn demo_sarif_help_uris_point_at_pages_and_headings_that_exist() {
    let run = onmessage(&demo(), &["check", "--format", "sarif"], None);
    let log: Value = serde_json::from_str(&run.stdout).unwrap();
    let uris = help_uris(&log);
    let builtin = onmessage::rules::builtin_rules().unwrap();
    assert_eq!(
        uris.len(),
        onmessage::registry::computed_rules().len() + builtin.len()
    );
    for (id, uri) in &uris {
        assert!(uri.is_some(), "{id} has no helpUri");
    }
    // The help is the page: a computed rule's page minus its title, a
    // built-in rule's section of its pack page.
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let help = |id: &str| {
        rules.iter().find(|r| r["id"] == id).unwrap()["help"]["markdown"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let page = std::fs::read_to_string(repo_file("docs/rules/align.negation.md")).unwrap();
    assert!(page.ends_with(&format!("{}\n", help("align.negation"))));
    let risky = std::fs::read_to_string(repo_file("docs/rules/risky.md")).unwrap();
    assert!(risky.contains(&format!(
        "## risky.guarantee\n\n{}",
        help("risky.guarantee")
    )));
}

#[test]
fn team_pack_rules_carry_their_description_and_no_help_uri() {
    const OVERRIDE: &str = "pack: risky\nrules:\n  - id: guarantee\n    kind: forbid\n    message: \"No guarantees outside the MSA.\"\n    description: Legal reviews every guarantee.\n    terms: [guarantee]\n";
    let config = format!("{CONFIG}rules:\n  packs: [acme.yml, risky.yml]\n");
    let repo = content_repo(&[
        ("onmessage.yml", config.as_str()),
        ("acme.yml", HYPE_PACK),
        ("risky.yml", OVERRIDE),
        ("sales/a.md", "Rep: Real synergy, guaranteed.\n"),
    ]);
    let run = onmessage(repo.path(), &["check", "--format", "sarif"], None);
    let log: Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stderr));
    let uris = help_uris(&log);
    let uri = |id: &str| uris.iter().find(|(i, _)| i == id).unwrap().1.clone();
    assert_eq!(uri("acme.hype"), None);
    assert_eq!(uri("risky.guarantee"), None, "overridden by the team");
    assert!(uri("risky.promise").is_some(), "still built in");
    assert!(uri("align.negation").is_some());
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    for (id, description) in [
        ("acme.hype", "Buzzwords say nothing."),
        ("risky.guarantee", "Legal reviews every guarantee."),
    ] {
        let rule = rules.iter().find(|r| r["id"] == id).unwrap();
        assert!(
            rule["help"]["markdown"]
                .as_str()
                .unwrap()
                .starts_with(description),
            "{rule}"
        );
        assert!(rule.get("helpUri").is_none());
    }
}

#[test]
fn rules_explain_prints_the_page() {
    let run = onmessage(&demo(), &["rules", "explain", "align.negation"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rule = onmessage::registry::computed_rule("align.negation").unwrap();
    assert!(run.stdout.starts_with(&format!(
        "align.negation (computed, error)\n\n{}\n\n{}\n",
        rule.summary(),
        rule.body()
    )));
    assert!(run
        .stdout
        .ends_with("/blob/main/docs/rules/align.negation.md#alignnegation\n"));
    let yaml = onmessage(&demo(), &["rules", "explain", "risky.guarantee"], None);
    assert!(
        yaml.stdout
            .ends_with("/blob/main/docs/rules/risky.md#riskyguarantee\n"),
        "{}",
        yaml.stdout
    );
}

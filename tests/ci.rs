//! Running in CI: every output format, SARIF validation, baselines,
//! `--changed-since`, `--stdin` and deterministic output.

use std::path::{Path, PathBuf};
use std::process::Command;

use onmessage::config::Speakers;
use onmessage::diagnostic::{Finding, Related, Severity};
use onmessage::markdown::{self, Role};
use onmessage::report;
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
    }
}

fn sarif_text(analysis: &Analysis) -> String {
    let mut out = Vec::new();
    report::sarif::write(analysis, "", &[], &mut out).unwrap();
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

#[test]
fn sarif_is_valid_against_the_2_1_0_schema() {
    let Some(schema_path) = sarif_schema() else {
        println!("skipping the SARIF schema check: shared/schemas/sarif-2.1.0.json not found (set ONMESSAGE_SARIF_SCHEMA)");
        return;
    };
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(&schema_path).unwrap()).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    for analysis in [sample(), Analysis::default()] {
        let log: Value = serde_json::from_str(&sarif_text(&analysis)).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "schema errors:\n{}", errors.join("\n"));
    }
    // The validator is live: a level SARIF does not have is rejected.
    let mut log: Value = serde_json::from_str(&sarif_text(&sample())).unwrap();
    log["runs"][0]["results"][0]["level"] = "info".into();
    assert!(!validator.is_valid(&log));
}

/// The Microsoft SARIF Multitool, installed once into target/ through npm.
fn multitool() -> Option<PathBuf> {
    let has = |tool: &str| {
        Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !has("node") || !has("npm") {
        println!("skipping the SARIF Multitool check: node or npm is not installed");
        return None;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sarif-multitool");
    let package = dir.join("node_modules/@microsoft/sarif-multitool");
    if !package.is_dir() {
        let status = Command::new("npm")
            .args([
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
            ])
            .arg(&dir)
            .arg("@microsoft/sarif-multitool@5")
            .status()
            .expect("running npm");
        assert!(
            status.success(),
            "npm install @microsoft/sarif-multitool failed"
        );
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

#[test]
fn sarif_is_clean_under_the_multitool_with_github_rules() {
    let Some(binary) = multitool() else { return };
    // Kept in target/tmp so a failure can be inspected.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let input = dir.join("onmessage-sample.sarif");
    std::fs::write(&input, sarif_text(&sample())).unwrap();
    let log = dir.join("onmessage-sample.validation.sarif");
    let output = Command::new(&binary)
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
    let problems: Vec<String> = validation["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| matches!(r["level"].as_str(), Some("error") | Some("warning") | None))
        .map(|r| format!("{} {}", r["ruleId"], r["message"]))
        .collect();
    assert!(
        problems.is_empty(),
        "multitool:\n{}\n{console}",
        problems.join("\n")
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

fn render(format: onmessage::cli::Format, analysis: &Analysis, color: bool) -> String {
    let config = onmessage::config::Config::default();
    let mut out = Vec::new();
    report::render(format, analysis, &config, &mut out, color).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn human_output_snapshot() {
    use onmessage::cli::Format;
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
    let text = render(onmessage::cli::Format::Github, &sample(), false);
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
    let text = render(onmessage::cli::Format::Markdown, &sample(), false);
    snapshot("summary.md", &text);
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with('|')).collect();
    // Two tables: header, rule, and 1 + 3 findings.
    assert_eq!(rows.len(), 2 * 2 + 4);
    assert!(text.contains("**4 findings**: 1 error, 1 warning, 2 info in 2 files checked."));
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

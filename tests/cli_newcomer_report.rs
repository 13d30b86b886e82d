//! Issue 15, part F: the report for a marketing lead, through the real binary
//! on a copy of the demo repo. A header with repo, date and commit; every
//! finding listed (risky wording and team packs too); plain words first and
//! rule ids second; the matrix grouped by brand section with the carrying
//! sales lines in each cell; proof points named as such; the baseline
//! honoured as `check` honours it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

mod common;
use common::{copy_dir, stderr};

fn onmessage(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_onmessage"));
    cmd.current_dir(dir);
    cmd
}

fn run(dir: &Path, args: &[&str]) -> Output {
    onmessage(dir).args(args).output().unwrap()
}

/// A copy of fixtures/demo in a fresh folder named `name` (not in git).
fn demo_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join(name);
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo");
    copy_dir(&demo, &root);
    (tmp, root)
}

fn git(root: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn json_report(root: &Path) -> Value {
    let out = run(root, &["report", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn html_report(root: &Path) -> (String, scraper::Html) {
    let out = run(root, &["report", "-o", "r.html"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = std::fs::read_to_string(root.join("r.html")).unwrap();
    let html = scraper::Html::parse_document(&page);
    assert!(html.errors.is_empty(), "{:?}", html.errors);
    (page, html)
}

fn select<'a>(html: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&scraper::Selector::parse(css).unwrap())
        .collect()
}

fn text(el: &scraper::ElementRef<'_>) -> String {
    el.text().collect::<String>()
}

// ---------------------------------------------------------------------------
// A header, so a forwarded copy has context.

#[test]
fn the_header_names_the_repo_the_date_and_the_commit() {
    let (_tmp, root) = demo_copy("ledgerly-content");
    git(&root, &["init", "-q"]);
    git(&root, &["add", "."]);
    git(&root, &["commit", "-q", "-m", "demo"]);
    let commit = git(&root, &["rev-parse", "--short", "HEAD"]);

    // 2026-11-30 23:59:59 UTC.
    let report = |format: &str| {
        let out = onmessage(&root)
            .args(["report", "--format", format, "-o", "-"])
            .env("SOURCE_DATE_EPOCH", "1796083199")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let page = report("html");
    let html = scraper::Html::parse_document(&page);
    let h1 = text(&select(&html, "header h1")[0]);
    assert_eq!(h1, "onmessage report: ledgerly-content");
    let meta = text(&select(&html, "header #context")[0]);
    assert!(meta.contains("2026-11-30"), "{meta}");
    assert!(meta.contains(&format!("Commit {commit}")), "{meta}");
    assert!(!meta.contains("uncommitted"), "{meta}");
    let title = text(&select(&html, "title")[0]);
    assert_eq!(title, "onmessage report: ledgerly-content, 2026-11-30");

    let md = report("markdown");
    let mut lines = md.lines();
    assert_eq!(lines.next(), Some("# onmessage report: ledgerly-content"));
    lines.next();
    let context = lines.next().unwrap();
    assert!(
        context.starts_with(&format!(
            "Written 2026-11-30 · commit {commit} · onmessage "
        )),
        "{context}"
    );

    let v: Value = serde_json::from_str(&report("json")).unwrap();
    assert_eq!(v["header"]["repo"], "ledgerly-content");
    assert_eq!(v["header"]["date"], "2026-11-30");
    assert_eq!(v["header"]["commit"], commit.as_str());
    assert_eq!(v["header"]["uncommitted_changes"], false);

    // An edited tracked file is worth saying; the untracked report is not.
    let (page, _) = html_report(&root);
    assert!(!page.contains("with uncommitted changes"));
    let email = root.join("sales/follow-up-email.md");
    let mut body = std::fs::read_to_string(&email).unwrap();
    body.push_str("\nThanks again.\n");
    std::fs::write(&email, body).unwrap();
    let (page, _) = html_report(&root);
    assert!(
        page.contains(&format!("{commit}</code> with uncommitted changes")),
        "edited file not noted"
    );
}

#[test]
fn outside_git_the_header_says_so_and_names_the_folder() {
    let (_tmp, root) = demo_copy("loose-folder");
    let (_, html) = html_report(&root);
    let meta = text(&select(&html, "header #context")[0]);
    assert!(meta.contains("Not in git"), "{meta}");
    assert_eq!(
        text(&select(&html, "header h1")[0]),
        "onmessage report: loose-folder"
    );
    let v = json_report(&root);
    assert_eq!(v["header"]["commit"], Value::Null);
    // Today's date, as YYYY-MM-DD.
    let date = v["header"]["date"].as_str().unwrap();
    assert!(
        date.len() == 10 && date.starts_with("20") && date.as_bytes()[4] == b'-',
        "{date}"
    );
}

// ---------------------------------------------------------------------------
// Every finding findable.

/// A team pack beside the demo's config: one rule that fires on a demo line.
fn add_team_pack(root: &Path) {
    std::fs::write(
        root.join("onmessage-rules.yml"),
        r#"pack: team
rules:
  - id: no-month-end
    kind: forbid
    severity: info
    message: "say \"period close\", not \"{match}\""
    terms: ["month-end close"]
    examples:
      invalid: ["Our month-end close is quick."]
      valid: ["Our period close is quick."]
"#,
    )
    .unwrap();
    let config = root.join("onmessage.yml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("rules:\n  packs: [onmessage-rules.yml]\n");
    std::fs::write(&config, text).unwrap();
    let sales = root.join("sales/follow-up-email.md");
    let mut text = std::fs::read_to_string(&sales).unwrap();
    text.push_str("\nLedgerly makes your month-end close calmer.\n");
    std::fs::write(&sales, text).unwrap();
}

/// Every (path, line, rule) a section of the JSON report lists.
fn listed(v: &Value) -> BTreeSet<(String, u64, String)> {
    let mut out = BTreeSet::new();
    let mut add = |path: &Value, line: &Value, rule: &str| {
        out.insert((
            path.as_str().unwrap().to_string(),
            line.as_u64().unwrap(),
            rule.to_string(),
        ));
    };
    for g in v["contradictions"].as_array().unwrap() {
        for d in g["drifts"].as_array().unwrap() {
            add(&d["path"], &d["line"], d["rule"].as_str().unwrap());
        }
    }
    for t in v["field_insights"].as_array().unwrap() {
        for c in t["claims"].as_array().unwrap() {
            add(&c["path"], &c["line"], "align.unsupported");
        }
    }
    for t in v["terms"].as_array().unwrap() {
        for p in t["places"].as_array().unwrap() {
            add(&p["path"], &p["line"], "terms.replaced");
        }
    }
    for c in v["brand_conflicts"].as_array().unwrap() {
        add(&c["brand"]["path"], &c["brand"]["line"], "brand.conflict");
    }
    for g in v["coverage"]["groups"].as_array().unwrap() {
        for m in g["messages"].as_array().unwrap() {
            if m["carried_by"] == 0 {
                add(&m["path"], &m["line"], "coverage.missing-key-message");
            }
        }
    }
    for f in v["other_findings"].as_array().unwrap() {
        add(&f["path"], &f["line"], f["rule"].as_str().unwrap());
    }
    out
}

#[test]
fn every_finding_of_check_is_listed_in_the_report_risky_and_team_ones_with_text() {
    let (_tmp, root) = demo_copy("demo");
    add_team_pack(&root);
    let out = run(&root, &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let check: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: BTreeSet<(String, u64, String)> = check["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(found.iter().any(|(_, _, r)| r.starts_with("risky.")));
    assert!(found.iter().any(|(_, _, r)| r == "team.no-month-end"));

    let v = json_report(&root);
    let in_report = listed(&v);
    let missing: Vec<_> = found.difference(&in_report).collect();
    assert!(missing.is_empty(), "not in the report: {missing:?}");

    // Risky and team findings: file, line, column, plain words, the text.
    let other = v["other_findings"].as_array().unwrap();
    let number_one = other
        .iter()
        .find(|f| f["rule"] == "risky.number-one")
        .expect("risky.number-one listed");
    assert_eq!(number_one["path"], "sales/follow-up-email.md");
    assert_eq!(number_one["line"], 17);
    assert_eq!(number_one["label"], "Risky wording");
    assert_eq!(
        number_one["text"],
        "Ledgerly is the number one AP platform in North America."
    );
    assert_eq!(number_one["matched"], "is the number one");
    let team = other
        .iter()
        .find(|f| f["rule"] == "team.no-month-end")
        .expect("team rule listed");
    assert_eq!(team["label"], "Team rule");
    assert_eq!(team["matched"], "month-end close");
    // Nothing listed twice: drifts, unsupported claims and terms have their own sections.
    assert!(other.iter().all(|f| {
        let rule = f["rule"].as_str().unwrap();
        !rule.starts_with("align.") && rule != "terms.replaced"
    }));

    // The HTML lists them with the risky words marked, the Markdown too.
    let (_, html) = html_report(&root);
    let rows = select(&html, "#other-findings tbody tr");
    let row = rows
        .iter()
        .find(|r| text(r).contains("risky.number-one"))
        .expect("risky row in the HTML");
    let cells: Vec<String> = row
        .children()
        .filter_map(scraper::ElementRef::wrap)
        .map(|c| text(&c))
        .collect();
    assert_eq!(cells[0], "sales/follow-up-email.md:17:12");
    assert_eq!(cells[1], "Risky wording");
    assert_eq!(cells[5], "risky.number-one");
    let marks: Vec<String> = select(&html, "#other-findings tbody tr mark")
        .iter()
        .map(text)
        .collect();
    assert!(
        marks.contains(&"is the number one".to_string()),
        "{marks:?}"
    );
    let md = String::from_utf8(run(&root, &["report", "--format", "markdown"]).stdout).unwrap();
    assert!(md.contains(
        "| sales/follow-up-email.md:17:12 | Risky wording | warning | Ledgerly **is the number one** AP platform in North America. |"
    ), "{md}");
}

// ---------------------------------------------------------------------------
// Plain words first, rule ids second.

#[test]
fn findings_read_in_plain_words_with_the_rule_id_in_a_secondary_column() {
    let (_tmp, root) = demo_copy("demo");
    let v = json_report(&root);
    let label = |rule: &str| -> String {
        v["summary"]["by_rule"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["rule"] == rule)
            .unwrap_or_else(|| panic!("{rule}"))["label"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        label("align.negation"),
        "Contradicts the brand: says the opposite"
    );
    assert_eq!(label("align.unsupported"), "Not backed by the brand");
    assert_eq!(label("terms.replaced"), "Off-brand term");
    assert_eq!(label("risky.number-one"), "Risky wording");
    assert_eq!(
        v["contradictions"][0]["drifts"][0]["label"]
            .as_str()
            .unwrap()
            .split(':')
            .next(),
        Some("Contradicts the brand")
    );

    let (page, html) = html_report(&root);
    let heads: Vec<String> = select(&html, "#by-rule thead th")
        .iter()
        .map(text)
        .collect();
    assert_eq!(heads.first().map(String::as_str), Some("What"));
    assert_eq!(heads.last().map(String::as_str), Some("Rule"));
    let first_cells: Vec<String> = select(&html, "#by-rule tbody tr td:first-child")
        .iter()
        .map(text)
        .collect();
    assert!(
        first_cells.iter().all(|c| !c.contains('.')),
        "{first_cells:?}"
    );
    assert!(first_cells.contains(&"Off-brand term".to_string()));
    // The drift tables: plain words second, the rule id last.
    let drift_heads: Vec<String> = select(&html, "#contradictions article thead")[0]
        .text()
        .collect::<Vec<_>>()
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        drift_heads,
        [
            "Sales line",
            "What",
            "Severity",
            "Sales text",
            "Why",
            "Rule"
        ]
    );
    // The field-insights section is named like the rule it groups.
    let insights = text(&select(&html, "#field-insights h2")[0]);
    assert!(insights.contains("Not backed by the brand"), "{insights}");
    assert!(!page.contains("coverage.novel-claim"));
    let md = String::from_utf8(run(&root, &["report", "--format", "markdown"]).stdout).unwrap();
    assert!(md.contains("## 4. Not backed by the brand"));
    assert!(!md.contains("coverage.novel-claim"));
    assert!(
        md.contains(
            "| Contradicts the brand: says the opposite | 3 | 0 | 0 | 3 | `align.negation` |"
        ),
        "{md}"
    );
}

// ---------------------------------------------------------------------------
// Tidy tables.

#[test]
fn the_matrix_names_each_section_once_and_cells_show_the_carrying_sales_line() {
    let (_tmp, root) = demo_copy("demo");
    let v = json_report(&root);
    let groups = v["coverage"]["groups"].as_array().unwrap();
    let (_, html) = html_report(&root);
    let heads: Vec<String> = select(&html, "#matrix thead th").iter().map(text).collect();
    assert_eq!(&heads[..2], ["Key message", "Files carrying"]);
    assert!(!heads.contains(&"Section".to_string()));
    // One tbody per section, headed by a row naming it once.
    let bodies = select(&html, "#matrix tbody");
    assert_eq!(bodies.len(), groups.len());
    for (body, group) in bodies.iter().zip(groups) {
        let head = body
            .select(&scraper::Selector::parse("tr.group th[scope=rowgroup]").unwrap())
            .map(|e| text(&e))
            .collect::<Vec<_>>();
        assert_eq!(head.len(), 1);
        assert!(
            head[0].contains(group["section"].as_str().unwrap()),
            "{head:?}"
        );
        let rows = body
            .select(&scraper::Selector::parse("tr[data-row]").unwrap())
            .count();
        assert_eq!(rows, group["messages"].as_array().unwrap().len());
    }
    // A carrying cell is focusable and holds the sales line behind it,
    // word for word as the sales file has it.
    let sales = std::fs::read_to_string(root.join("sales/battlecard.md")).unwrap();
    let cells = select(&html, "#matrix td.cell[tabindex=\"0\"]");
    let missing = select(&html, "#matrix td.cell.missing");
    assert!(!cells.is_empty() && !missing.is_empty());
    assert!(missing.iter().all(|c| c.value().attr("tabindex").is_none()));
    let mut checked = 0;
    for cell in &cells {
        let tip_id = cell.value().attr("aria-describedby").unwrap();
        let tip = cell
            .select(&scraper::Selector::parse(".tip[role=tooltip]").unwrap())
            .next()
            .expect("a tip");
        assert_eq!(tip.value().attr("id"), Some(tip_id));
        let heading = tip
            .select(&scraper::Selector::parse("strong").unwrap())
            .map(|e| text(&e))
            .collect::<String>();
        if !heading.starts_with("sales/battlecard.md: ") {
            continue;
        }
        let lines = tip
            .select(&scraper::Selector::parse("span").unwrap())
            .map(|e| text(&e))
            .collect::<Vec<_>>();
        assert!(!lines.is_empty(), "{heading}");
        for line in lines {
            let (n, claim) = line.strip_prefix('L').unwrap().split_once(": ").unwrap();
            let n: usize = n.parse().unwrap();
            let source_line = sales.lines().nth(n - 1).unwrap();
            assert!(
                source_line.contains(claim),
                "{claim:?} not on line {n}: {source_line:?}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 2, "battlecard cells checked: {checked}");
    // The JSON has the same carrying claims.
    let cell = &groups[0]["messages"][1]["cells"][0];
    assert_eq!(cell["state"], "faithful");
    assert_eq!(cell["claims"][0]["path"], "sales/battlecard.md");
    assert_eq!(cell["claims"][0]["line"], 9);
}

#[test]
fn proof_points_are_badged_as_proof_points_and_key_messages_as_key_messages() {
    let (_tmp, root) = demo_copy("demo");
    let v = json_report(&root);
    let kind = |line: u64| -> Value {
        v["contradictions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["brand"]["path"] == "messaging/guide.md" && g["brand"]["line"] == line)
            .unwrap_or_else(|| panic!("no group for guide.md:{line}"))["message_kind"]
            .clone()
    };
    // guide.md:21 is under "Key messages", :31 under "Proof points".
    assert_eq!(kind(21), "key message");
    assert_eq!(kind(31), "proof point");
    let (_, html) = html_report(&root);
    let badges: Vec<(String, String)> = select(&html, "#contradictions article h3")
        .iter()
        .map(|h| {
            let badge = h
                .select(&scraper::Selector::parse(".badge").unwrap())
                .next()
                .map(|b| text(&b))
                .unwrap_or_default();
            (badge, text(h))
        })
        .collect();
    let badge_of = |place: &str| {
        badges
            .iter()
            .find(|(_, h)| h.contains(place))
            .map(|(b, _)| b.clone())
            .unwrap_or_else(|| panic!("{place}: {badges:?}"))
    };
    assert_eq!(badge_of("messaging/guide.md:21"), "key message");
    assert_eq!(badge_of("messaging/guide.md:31"), "proof point");
    let md = String::from_utf8(run(&root, &["report", "--format", "markdown"]).stdout).unwrap();
    assert!(
        md.contains("### Proof point: messaging/guide.md:31"),
        "{md}"
    );
    assert!(md.contains("### Key message: messaging/guide.md:21"));
    // A brand claim under no key-message heading is called just that.
    assert!(
        md.contains("### Brand claim: messaging/guide.md:38"),
        "{md}"
    );
}

// ---------------------------------------------------------------------------
// The baseline, as `check` honours it.

#[test]
fn the_report_honours_the_baseline_and_can_show_what_it_hides() {
    let (_tmp, root) = demo_copy("demo");
    let before = json_report(&root);
    let total = before["summary"]["findings"]["total"].as_u64().unwrap();
    assert!(total > 5);
    assert!(before["summary"]["baseline"].is_null());
    assert!(before["baselined"].as_array().unwrap().is_empty());

    let out = run(&root, &["baseline"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(run(&root, &["check"]).status.code(), Some(0));

    // Everything is known now: nothing counts, every finding is baselined.
    let out = run(&root, &["report", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains(&format!(
            "{total} known findings hidden by the baseline .onmessage-baseline.json"
        )),
        "{}",
        stderr(&out)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["findings"]["total"], 0);
    assert_eq!(v["summary"]["baseline"]["file"], ".onmessage-baseline.json");
    assert_eq!(v["summary"]["baseline"]["hidden"], total);
    assert_eq!(v["baselined"].as_array().unwrap().len() as u64, total);
    assert!(v["contradictions"].as_array().unwrap().is_empty());
    assert!(v["other_findings"].as_array().unwrap().is_empty());
    assert!(v["terms"].as_array().unwrap().is_empty());
    let baselined_rules: BTreeSet<&str> = v["baselined"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(
        baselined_rules.contains("align.negation") && baselined_rules.contains("risky.number-one")
    );

    // A new risky line is reported; the known ones stay baselined.
    let email = root.join("sales/follow-up-email.md");
    let mut body = std::fs::read_to_string(&email).unwrap();
    body.push_str("\nRep: Sign today and it is risk-free.\n");
    std::fs::write(&email, body).unwrap();
    let check: Value =
        serde_json::from_slice(&run(&root, &["check", "--format", "json"]).stdout).unwrap();
    let new_rules: BTreeSet<&str> = check["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .filter(|r| r.starts_with("risky."))
        .collect();
    assert!(!new_rules.is_empty());
    let v = json_report(&root);
    let reported: BTreeSet<&str> = v["other_findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        v["summary"]["findings"]["total"].as_u64(),
        Some(check["findings"].as_array().unwrap().len() as u64)
    );
    assert!(
        new_rules.iter().all(|r| reported.contains(r)),
        "{new_rules:?} vs {reported:?}"
    );
    assert_eq!(v["baselined"].as_array().unwrap().len() as u64, total);

    // The HTML hides the baselined findings behind a toggle.
    let (_, html) = html_report(&root);
    let section = select(&html, "section#baselined");
    assert_eq!(section.len(), 1);
    assert!(section[0].value().attr("hidden").is_some());
    assert_eq!(
        select(&html, "section#baselined tbody tr").len() as u64,
        total
    );
    let toggle = select(&html, "input#show-baselined[type=checkbox]");
    assert_eq!(toggle.len(), 1);
    assert_eq!(toggle[0].value().attr("aria-controls"), Some("baselined"));
    let note = text(&select(&html, "#baseline-note")[0]);
    assert!(
        note.contains(&format!("{total} known findings are hidden")),
        "{note}"
    );

    // Markdown: the note, and the baselined findings in their own section.
    let md = String::from_utf8(run(&root, &["report", "--format", "markdown"]).stdout).unwrap();
    assert!(md.contains("## 7. Baselined findings"));
    assert!(
        md.contains(&format!(
            "- Baseline: {total} known findings are hidden by .onmessage-baseline.json"
        )),
        "{md}"
    );
}

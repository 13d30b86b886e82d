//! `onmessage report` and `onmessage init`: the report model and scores on a
//! hand-made analysis, the HTML (parsed with an HTML5 parser, and opened in
//! headless Chromium), Markdown and JSON outputs, and init on a temp tree.

use std::path::{Path, PathBuf};
use std::process::Command;

use onmessage::align::ClaimMatch;
use onmessage::baseline::Outcome;
use onmessage::claims::{Claim, Strength};
use onmessage::diagnostic::{Finding, Related, Severity};
use onmessage::markdown::{Block, BlockKind, Doc, FrontMatter, LineIndex, Role, Side, TextMap};
use onmessage::report::ReportFormat;
use onmessage::report::{self, CellState, Header, Report};
use onmessage::suppress::{BaselineNote, Suppression};
use onmessage::{Analysis, FileAnalysis};

// ---------------------------------------------------------------------------
// A hand-made analysis: each non-blank line is a block; `#` lines are headings.

fn doc(path: &str, source: &str) -> Doc {
    let mut blocks = Vec::new();
    let mut headings: Vec<(usize, String)> = Vec::new();
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let text = line.trim_end();
        let start = offset;
        offset += line.len();
        if text.is_empty() {
            continue;
        }
        let level = text.chars().take_while(|&c| c == '#').count();
        let (kind, body) = if level > 0 {
            (BlockKind::Heading, text[level..].trim())
        } else {
            (BlockKind::Paragraph, text)
        };
        if kind == BlockKind::Heading {
            headings.retain(|(l, _)| *l < level);
        }
        let mut map = TextMap::default();
        let body_start = start + text.find(body).unwrap_or(0);
        map.push(0, body_start, body.len());
        blocks.push(Block {
            kind,
            heading_path: headings.iter().map(|(_, h)| h.clone()).collect(),
            span: start..start + text.len(),
            text: body.to_string(),
            map,
            speaker: None,
            side: Side::Ours,
            column: None,
            row: None,
        });
        if kind == BlockKind::Heading {
            headings.push((level, body.to_string()));
        }
    }
    Doc {
        path: path.to_string(),
        source: source.to_string(),
        lines: LineIndex::new(source),
        front_matter: FrontMatter::default(),
        front_matter_error: None,
        blocks,
        directives: Vec::new(),
    }
}

fn span_of(doc: &Doc, text: &str) -> std::ops::Range<usize> {
    let start = doc
        .source
        .find(text)
        .unwrap_or_else(|| panic!("{text:?} not in {}", doc.path));
    start..start + text.len()
}

fn claim(doc: &Doc, text: &str, terms: &[&str], key_message: bool) -> Claim {
    let span = span_of(doc, text);
    let block = doc
        .blocks
        .iter()
        .position(|b| b.span.start <= span.start && span.end <= b.span.end)
        .expect("claim inside a block");
    Claim {
        text: text.to_string(),
        span,
        block,
        kinds: Vec::new(),
        negated: false,
        strength: Strength::Plain,
        terms: terms.iter().map(|t| t.to_string()).collect(),
        key_message,
        ..Default::default()
    }
}

fn file(
    doc: Doc,
    role: Role,
    claims: Vec<Claim>,
    matches: &[Option<(usize, usize)>],
) -> FileAnalysis {
    FileAnalysis {
        doc,
        role,
        claims,
        matches: matches
            .iter()
            .enumerate()
            .map(|(claim, m)| ClaimMatch {
                claim,
                brand: m.map(|(d, c)| (d, c, 0.9)),
                ..Default::default()
            })
            .collect(),
    }
}

fn finding(
    rule: &str,
    severity: Severity,
    file: &FileAnalysis,
    text: &str,
    message: &str,
) -> Finding {
    Finding::at(
        rule,
        severity,
        &file.doc.path,
        &file.doc.source,
        &file.doc.lines,
        span_of(&file.doc, text),
        message,
    )
}

fn cite(brand: &FileAnalysis, claim: usize) -> Related {
    let c = &brand.claims[claim];
    Related {
        path: brand.doc.path.clone(),
        line: brand.doc.position(c.span.start).0,
        text: c.text.clone(),
    }
}

const BRAND: &str = "# Acme Flow messaging
## Key messages
### Speed
Acme Flow closes the books in under five days.
Teams cut manual reconciliation by up to 80%.
### Trust
Acme Flow is SOC 2 Type II audited <script>window.pwned=1</script>.
## Proof points
Over 2,000 finance teams use Acme Flow.
## Background
Acme was founded in 2015.
";

const SCRIPT: &str = "# Discovery call
Rep: Acme Flow closes the books in under five days.
Rep: We cut manual reconciliation by 80%, guaranteed.
Rep: We are the only ISO 27001 certified vendor.
Prospect: Is it secure?
Rep: AcmeSync is SOC 2 Type II audited.
";

/// A hostile file name: it becomes a column header and a title attribute.
const EMAIL_PATH: &str = "sales/\"><svg onload=window.pwned=1>.md";
const EMAIL: &str = "Subject: <script>window.pwned=1</script> closing faster
Hi there, Acme Flow closes the books in two days.
We are ISO 27001 certified \"><img src=x onerror=window.pwned=1>.
AcmeSync makes month-end painless.
Teams cut manual reconciliation by up to 80%.
";

/// Brand: 4 key messages (speed, reconciliation, SOC 2, 2,000 teams) and one
/// other claim. Call script: faithful speed, contradicted reconciliation,
/// unsupported ISO, SOC 2 with a replaced term. Email: contradicted speed,
/// unsupported ISO (matched to SOC 2's topic all the same), faithful
/// reconciliation, a replaced term on no claim.
/// Empty: no claims. A risky phrase on the call script's contradicted claim
/// and a team rule (info) on the email's AcmeSync line.
fn sample() -> Analysis {
    let bd = doc("brand/messaging.md", BRAND);
    let brand_claims = vec![
        claim(
            &bd,
            "Acme Flow closes the books in under five days.",
            &["books", "close"],
            true,
        ),
        claim(
            &bd,
            "Teams cut manual reconciliation by up to 80%.",
            &["reconciliation"],
            true,
        ),
        claim(
            &bd,
            "Acme Flow is SOC 2 Type II audited <script>window.pwned=1</script>.",
            &["soc"],
            true,
        ),
        claim(
            &bd,
            "Over 2,000 finance teams use Acme Flow.",
            &["teams"],
            true,
        ),
        claim(&bd, "Acme was founded in 2015.", &["founded"], false),
    ];
    let brand = file(bd, Role::Brand, brand_claims, &[]);

    let sd = doc("sales/call-script.md", SCRIPT);
    let script_claims = vec![
        claim(
            &sd,
            "Acme Flow closes the books in under five days.",
            &["books", "close"],
            false,
        ),
        claim(
            &sd,
            "We cut manual reconciliation by 80%, guaranteed.",
            &["reconciliation"],
            false,
        ),
        claim(
            &sd,
            "We are the only ISO 27001 certified vendor.",
            &["iso", "27001", "certified", "vendor"],
            false,
        ),
        claim(&sd, "AcmeSync is SOC 2 Type II audited.", &["soc"], false),
    ];
    let script = file(
        sd,
        Role::Sales,
        script_claims,
        &[Some((0, 0)), Some((0, 1)), None, Some((0, 2))],
    );

    let ed = doc(EMAIL_PATH, EMAIL);
    let email_claims = vec![
        claim(
            &ed,
            "Acme Flow closes the books in two days.",
            &["books", "close"],
            false,
        ),
        claim(
            &ed,
            "We are ISO 27001 certified \"><img src=x onerror=window.pwned=1>.",
            &["ISO", "27001", "certified"],
            false,
        ),
        claim(
            &ed,
            "Teams cut manual reconciliation by up to 80%.",
            &["reconciliation"],
            false,
        ),
    ];
    let email = file(
        ed,
        Role::Sales,
        email_claims,
        // The ISO claim is on the SOC 2 message's topic, but the aligner
        // still calls it unsupported: it must not count as carrying SOC 2.
        &[Some((0, 0)), Some((0, 2)), Some((0, 1))],
    );

    let empty = file(
        doc("sales/empty.md", "Nothing to see.\n"),
        Role::Sales,
        vec![],
        &[],
    );

    let mut findings = vec![
        finding(
            "align.qualifier-dropped",
            Severity::Error,
            &script,
            "80%, guaranteed",
            "the brand says \"up to 80%\"",
        )
        .with_related(cite(&brand, 1)),
        finding(
            "align.unsupported",
            Severity::Warning,
            &script,
            "We are the only ISO 27001 certified vendor.",
            "no brand claim supports this",
        ),
        finding(
            "terms.replaced",
            Severity::Warning,
            &script,
            "AcmeSync",
            "use \"Acme Flow\"",
        )
        .with_fix(
            &script.doc.source,
            &script.doc.lines,
            span_of(&script.doc, "AcmeSync"),
            "Acme Flow",
        ),
        finding(
            "align.number-mismatch",
            Severity::Error,
            &email,
            "two days",
            "<b>the brand says under five days</b>",
        )
        .with_related(cite(&brand, 0)),
        finding(
            "align.unsupported",
            Severity::Warning,
            &email,
            "ISO 27001 certified",
            "no brand claim supports this",
        ),
        finding(
            "terms.replaced",
            Severity::Warning,
            &email,
            "AcmeSync",
            "use \"Acme Flow\"",
        )
        .with_fix(
            &email.doc.source,
            &email.doc.lines,
            span_of(&email.doc, "AcmeSync"),
            "Acme Flow",
        ),
        finding(
            "coverage.missing-key-message",
            Severity::Info,
            &brand,
            "Over 2,000 finance teams use Acme Flow.",
            "no sales file carries this key message",
        ),
        // On a claim that already has an error: the scores do not move.
        finding(
            "risky.guarantee",
            Severity::Warning,
            &script,
            "guaranteed",
            "\"guaranteed\" promises an outcome",
        ),
        // Info never counts in a score. On the hostile subject line: the
        // listed text must stay text.
        finding(
            "risky.hype",
            Severity::Info,
            &email,
            "closing faster",
            "\"closing faster\" is hype",
        ),
        finding(
            "team.no-month-end",
            Severity::Info,
            &email,
            "month-end",
            "say \"period close\"",
        ),
    ];
    onmessage::diagnostic::sort_and_dedup(&mut findings);
    Analysis {
        brand: vec![brand],
        sales: vec![script, email, empty],
        findings,
        skipped: vec![],
        whole_set: true,
        ..Analysis::default()
    }
}

/// The sample as a run whose baseline hid one more finding: a risky phrase
/// in the email, which then counts nowhere but in the baselined list.
fn sample_with_baseline() -> Analysis {
    let mut analysis = sample();
    let hidden = finding(
        "risky.hype",
        Severity::Info,
        &analysis.sales[1],
        "painless",
        "\"painless\" is hype",
    );
    analysis.dropped = vec![(hidden, Suppression::Baseline)];
    analysis.baseline = Some(BaselineNote {
        path: PathBuf::from(".onmessage-baseline.json"),
        outcome: Outcome {
            suppressed: 1,
            fixed: 0,
        },
    });
    analysis
}

/// The header a report on a git repo gets (`Header::gather` fills it from git).
fn sample_header() -> Header {
    Header {
        repo: "acme-content".to_string(),
        date: "2026-12-02".to_string(),
        commit: Some("4f2c9e1".to_string()),
        uncommitted_changes: false,
    }
}

fn render(report: &Report, format: ReportFormat) -> String {
    let mut out = Vec::new();
    report::render(format, report, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

// ---------------------------------------------------------------------------
// Scores (hand-computed; the definition is in docs/report.md).

#[test]
fn scores_match_the_hand_computed_values() {
    let analysis = sample();
    let report = report::build(&analysis);
    let s = &report.summary.scores;
    // Call script: speed aligned (1), reconciliation contradicted (0), ISO
    // unsupported (0), SOC 2 matched with a warning (0.5): 1.5 / 4 = 37.5.
    assert_eq!(s[0].path, "sales/call-script.md");
    assert_eq!(
        (
            s[0].claims,
            s[0].aligned,
            s[0].drifted,
            s[0].contradicted,
            s[0].unsupported
        ),
        (4, 1, 1, 1, 1)
    );
    assert_eq!(s[0].score, Some(37.5));
    // Email: speed contradicted, ISO unsupported, reconciliation aligned (1),
    // a terms.replaced warning on no claim (−0.5): 0.5 / 3 = 16.7.
    assert_eq!(
        (s[1].aligned, s[1].contradicted, s[1].unsupported),
        (1, 1, 1)
    );
    assert_eq!((s[1].other_errors, s[1].other_warnings), (0, 1));
    assert_eq!(s[1].score, Some(16.7));
    // No claims: no score, not 100.
    assert_eq!(s[2].score, None);
    // Overall: (1.5 + 0.5) / (4 + 3) = 28.6.
    assert_eq!(report.summary.overall_score, Some(28.6));

    assert_eq!(
        report::file_scores(&analysis),
        vec![
            ("sales/call-script.md".to_string(), Some(37.5)),
            (EMAIL_PATH.to_string(), Some(16.7)),
            ("sales/empty.md".to_string(), None),
        ]
    );
}

#[test]
fn min_score_gate_lists_files_below_the_threshold_and_never_unscored_ones() {
    let analysis = sample();
    assert_eq!(
        report::files_below(&analysis, 20.0),
        vec![(EMAIL_PATH.to_string(), 16.7)]
    );
    assert_eq!(report::files_below(&analysis, 37.5).len(), 1);
    assert_eq!(report::files_below(&analysis, 37.6).len(), 2);
    assert!(report::files_below(&analysis, 0.0).is_empty());
}

#[test]
fn a_file_without_findings_whose_claims_all_match_scores_100() {
    let bd = doc("b.md", "## Key messages\nOne claim.\n");
    let brand = file(
        bd.clone(),
        Role::Brand,
        vec![claim(&bd, "One claim.", &["one"], true)],
        &[],
    );
    let sd = doc("s.md", "One claim.\nAgain one claim.\n");
    let sales = file(
        sd.clone(),
        Role::Sales,
        vec![
            claim(&sd, "One claim.", &[], false),
            claim(&sd, "Again one claim.", &[], false),
        ],
        &[Some((0, 0)), Some((0, 0))],
    );
    let analysis = Analysis {
        brand: vec![brand],
        sales: vec![sales],
        whole_set: true,
        ..Analysis::default()
    };
    assert_eq!(
        report::file_scores(&analysis),
        vec![("s.md".to_string(), Some(100.0))]
    );
}

// ---------------------------------------------------------------------------
// The model.

#[test]
fn coverage_matrix_groups_key_messages_by_section_and_rates_each_cell() {
    let report = report::build(&sample());
    let c = &report.coverage;
    assert_eq!(
        c.files,
        ["sales/call-script.md", EMAIL_PATH, "sales/empty.md"]
    );
    let sections: Vec<&str> = c.groups.iter().map(|g| g.section.as_str()).collect();
    assert_eq!(
        sections,
        [
            "Acme Flow messaging › Key messages › Speed",
            "Acme Flow messaging › Key messages › Trust",
            "Acme Flow messaging › Proof points",
        ]
    );
    assert_eq!((c.messages, c.uncarried), (4, 1));
    let states = |g: usize, m: usize| -> Vec<CellState> {
        c.groups[g].messages[m]
            .cells
            .iter()
            .map(|c| c.state)
            .collect()
    };
    use CellState::*;
    assert_eq!(states(0, 0), [Faithful, Contradicted, Missing]); // speed
    assert_eq!(states(0, 1), [Contradicted, Faithful, Missing]); // reconciliation
                                                                 // SOC 2 carries a terms.replaced warning, which is not drift from the message.
    assert_eq!(states(1, 0), [Faithful, Missing, Missing]);
    assert_eq!(states(2, 0), [Missing, Missing, Missing]); // 2,000 teams
    assert_eq!(c.groups[2].messages[0].carried_by, 0);
    assert_eq!(c.groups[0].messages[0].line, 4);
    assert_eq!(c.groups[0].messages[0].cells[0].lines, [2]);
    assert_eq!(c.carrying_columns(), [0, 1]);
    assert_eq!(c.silent_files, ["sales/empty.md"]);
}

#[test]
fn contradictions_group_by_the_cited_brand_claim() {
    let report = report::build(&sample());
    let groups = &report.contradictions;
    assert_eq!(groups.len(), 2);
    let speed = groups[0].brand.as_ref().unwrap();
    assert_eq!((speed.path.as_str(), speed.line), ("brand/messaging.md", 4));
    assert!(groups[0].key_message);
    assert_eq!(groups[0].message_kind.as_deref(), Some("key message"));
    assert_eq!(groups[0].drifts.len(), 1);
    assert_eq!(groups[0].drifts[0].path, EMAIL_PATH);
    assert_eq!(groups[0].drifts[0].line, 2);
    assert_eq!(
        groups[0].drifts[0].text,
        "Acme Flow closes the books in two days."
    );
    assert_eq!(groups[1].drifts[0].rule, "align.qualifier-dropped");
    assert_eq!(groups[1].drifts[0].path, "sales/call-script.md");
}

#[test]
fn field_insights_group_unsupported_claims_repeated_across_files() {
    let report = report::build(&sample());
    assert_eq!(report.field_insights.len(), 1);
    let topic = &report.field_insights[0];
    assert_eq!(topic.terms, ["27001", "certified", "ISO"]);
    assert_eq!(topic.files, 2);
    assert_eq!(topic.claims.len(), 2);
}

#[test]
fn terms_count_replaced_terms_with_their_replacement() {
    let report = report::build(&sample());
    assert_eq!(report.terms.len(), 1);
    let t = &report.terms[0];
    assert_eq!(
        (t.wrong.as_str(), t.right.as_str()),
        ("AcmeSync", "Acme Flow")
    );
    assert_eq!((t.count, t.files), (2, 2));
}

#[test]
fn risky_and_team_findings_are_listed_with_place_and_text_and_nothing_twice() {
    let report = report::build(&sample());
    let other: Vec<(&str, &str, usize, &str, &str)> = report
        .other_findings
        .iter()
        .map(|f| {
            (
                f.rule.as_str(),
                f.path.as_str(),
                f.line,
                f.text.as_str(),
                f.matched.as_str(),
            )
        })
        .collect();
    assert_eq!(
        other,
        [
            (
                "risky.hype",
                EMAIL_PATH,
                1,
                "Subject: <script>window.pwned=1</script> closing faster",
                "closing faster"
            ),
            (
                "team.no-month-end",
                EMAIL_PATH,
                4,
                "AcmeSync makes month-end painless.",
                "month-end"
            ),
            (
                "risky.guarantee",
                "sales/call-script.md",
                3,
                "We cut manual reconciliation by 80%, guaranteed.",
                "guaranteed"
            ),
        ]
    );
    assert_eq!(report.other_findings[1].label, "Team rule");
    assert_eq!(report.other_findings[2].label, "Risky wording");
    // In the HTML: the hostile line as text, the listed words marked.
    let page = render(&report, ReportFormat::Html);
    let html = scraper::Html::parse_document(&page);
    let rows = select(&html, "#other tbody tr");
    assert_eq!(rows.len(), 3);
    let first: String = rows[0].text().collect();
    assert!(
        first.contains("Subject: <script>window.pwned=1</script> closing faster"),
        "{first}"
    );
    let marks: Vec<String> = select(&html, "#other tbody tr mark")
        .iter()
        .map(|m| m.text().collect())
        .collect();
    assert_eq!(marks, ["closing faster", "month-end", "guaranteed"]);
    let md = render(&report, ReportFormat::Markdown);
    assert!(
        md.contains("| Subject: &lt;script&gt;window.pwned=1&lt;/script&gt; **closing faster** |"),
        "{md}"
    );
}

#[test]
fn baselined_findings_count_nowhere_but_are_listed_apart() {
    let plain = report::build(&sample());
    let report = report::build(&sample_with_baseline());
    assert_eq!(report.summary.findings, plain.summary.findings);
    assert_eq!(report.summary.scores, plain.summary.scores);
    assert_eq!(report.other_findings.len(), plain.other_findings.len());
    let b = report.summary.baseline.as_ref().unwrap();
    assert_eq!((b.hidden, b.fixed), (1, 0));
    assert_eq!(report.baselined.len(), 1);
    assert_eq!(report.baselined[0].rule, "risky.hype");
    assert_eq!(report.baselined[0].matched, "painless");
    assert!(plain.baselined.is_empty() && plain.summary.baseline.is_none());
}

#[test]
fn summary_counts_files_claims_and_findings_by_rule() {
    let s = report::build(&sample()).summary;
    assert_eq!(
        (s.brand_files, s.sales_files, s.brand_claims, s.sales_claims),
        (1, 3, 5, 7)
    );
    assert_eq!(
        (s.findings.error, s.findings.warning, s.findings.info),
        (2, 5, 3)
    );
    let rule = |id: &str| {
        s.by_rule
            .iter()
            .find(|r| r.rule == id)
            .unwrap()
            .counts
            .clone()
    };
    assert_eq!(rule("align.unsupported").warning, 2);
    assert_eq!(rule("terms.replaced").total, 2);
    assert_eq!(rule("align.number-mismatch").error, 1);
}

// ---------------------------------------------------------------------------
// HTML.

fn select<'a>(html: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&scraper::Selector::parse(css).unwrap())
        .collect()
}

#[test]
fn html_parses_and_has_every_section() {
    let page = render(&report::build(&sample()), ReportFormat::Html);
    let html = scraper::Html::parse_document(&page);
    assert!(
        html.errors.is_empty(),
        "HTML5 parse errors: {:?}",
        html.errors
    );
    for id in [
        "summary",
        "coverage",
        "contradictions",
        "field-insights",
        "terms",
        "other-findings",
    ] {
        let sections = select(&html, &format!("section#{id}"));
        assert_eq!(sections.len(), 1, "section {id}");
        assert_eq!(
            select(&html, &format!("section#{id} h2")).len(),
            1,
            "heading of {id}"
        );
    }
    // The matrix: 2 fixed columns + one per sales file carrying a message
    // (the empty file is named below the table instead); one row per key
    // message, under one heading row per brand section.
    assert_eq!(select(&html, "#matrix thead th").len(), 2 + 2);
    let silent: String = select(&html, "#coverage details")
        .iter()
        .flat_map(|e| e.text())
        .collect();
    assert!(
        silent.contains("1 sales file carries no key message") && silent.contains("sales/empty.md"),
        "{silent}"
    );
    assert_eq!(select(&html, "#matrix tbody tr[data-row]").len(), 4);
    assert_eq!(select(&html, "#matrix tbody").len(), 3);
    assert_eq!(select(&html, "#matrix tbody tr.group").len(), 3);
    assert_eq!(select(&html, "#matrix tbody tr.uncarried").len(), 1);
    // Every cell says its state in words, not only in colour.
    let cells = select(&html, "#matrix td.cell");
    assert_eq!(cells.len(), 8);
    for cell in cells {
        let text: String = cell.text().collect();
        assert!(
            ["faithful", "mixed", "drifted", "contradicted", "missing"]
                .iter()
                .any(|w| text.contains(w)),
            "{text}"
        );
    }
    // Sortable headers are buttons (keyboard usable).
    assert!(select(&html, "table.sortable thead th button").len() >= 10);
    // Scores: the n/a file and the overall score.
    let scores: String = select(&html, "#scores")
        .iter()
        .flat_map(|e| e.text())
        .collect();
    assert!(scores.contains("37.5") && scores.contains("16.7") && scores.contains("n/a"));
    assert!(scores.contains("28.6"));
}

#[test]
fn html_is_self_contained() {
    let page = render(&report::build(&sample()), ReportFormat::Html);
    let html = scraper::Html::parse_document(&page);
    assert!(select(&html, "link, script[src], img[src], iframe, object, embed").is_empty());
    assert!(!page.contains("http://") && !page.contains("https://"));
    assert_eq!(select(&html, "style").len(), 1);
    assert_eq!(select(&html, "script").len(), 1);
    assert!(select(&html, "svg").len() >= 2, "inline SVG score bars");
}

#[test]
fn html_escapes_everything_from_content() {
    let page = render(&report::build(&sample()), ReportFormat::Html);
    let html = scraper::Html::parse_document(&page);
    // Only our own script, and no element or attribute the content smuggled in.
    assert_eq!(select(&html, "script").len(), 1);
    assert!(!select(&html, "script")[0].inner_html().contains("pwned"));
    assert!(select(&html, "img, b").is_empty());
    assert_eq!(select(&html, "svg").len(), select(&html, "svg.bar").len());
    for el in select(&html, "*") {
        for (name, _) in el.value().attrs() {
            assert!(!name.starts_with("on"), "event handler attribute {name}");
        }
    }
    // The hostile text is there, as text.
    let text: String = html.root_element().text().collect();
    assert!(text.contains("<script>window.pwned=1</script>"));
    assert!(text.contains("\"><img src=x onerror=window.pwned=1>"));
    assert!(text.contains("<b>the brand says under five days</b>"));
    assert!(text.contains(EMAIL_PATH));
}

// ---------------------------------------------------------------------------
// Markdown and JSON.

#[test]
fn markdown_has_the_same_sections_and_escapes_content() {
    let md = render(&report::build(&sample()), ReportFormat::Markdown);
    for heading in [
        "## 1. Summary",
        "## 2. Coverage matrix",
        "## 3. Contradictions by brand claim",
        "## 4. Not backed by the brand",
        "## 5. Off-brand terms",
        "## 6. Risky wording and other findings",
    ] {
        assert!(md.contains(heading), "{heading}");
    }
    assert!(!md.contains("<script>") && !md.contains("<img") && !md.contains("<svg"));
    assert!(md.contains("&lt;script&gt;window.pwned=1&lt;/script&gt;"));
    assert!(md.contains("**NOT CARRIED** Over 2,000 finance teams use Acme Flow."));
    assert!(md.contains("| sales/call-script.md | 4 |"));
    // Every table row has as many cells as its header.
    let mut columns = None;
    for line in md.lines() {
        if !line.starts_with('|') {
            columns = None;
            continue;
        }
        let cells = line.replace("\\|", "").matches('|').count();
        match columns {
            None => columns = Some(cells),
            Some(n) => assert_eq!(n, cells, "{line}"),
        }
    }
}

#[test]
fn json_has_the_documented_shape() {
    let json = render(&report::build(&sample()), ReportFormat::Json);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["version"], 1);
    for key in [
        "summary",
        "coverage",
        "contradictions",
        "brand_conflicts",
        "field_insights",
        "terms",
    ] {
        assert!(v.get(key).is_some(), "{key}");
    }
    assert_eq!(v["summary"]["overall_score"], 28.6);
    assert_eq!(v["summary"]["scores"][2]["score"], serde_json::Value::Null);
    assert_eq!(v["summary"]["by_rule"][0]["total"], 2);
    assert_eq!(
        v["coverage"]["groups"][0]["messages"][0]["cells"][1]["state"],
        "contradicted"
    );
    assert_eq!(v["contradictions"][0]["drifts"][0]["severity"], "error");
    assert_eq!(v["field_insights"][0]["files"], 2);
    assert_eq!(v["terms"][0]["right"], "Acme Flow");
}

// ---------------------------------------------------------------------------
// The command, end to end.

fn onmessage() -> Command {
    Command::new(env!("CARGO_BIN_EXE_onmessage"))
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/tests/report")
}

#[test]
fn report_command_writes_each_format() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    let out = onmessage()
        .arg("report")
        .arg("--config")
        .arg(fixture().join("onmessage.yml"))
        .arg("-o")
        .arg(&html)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(&html).unwrap();
    let doc = scraper::Html::parse_document(&page);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    assert_eq!(select(&doc, "section").len(), 6);

    let out = onmessage()
        .args(["report", "--format", "json", "--config"])
        .arg(fixture().join("onmessage.yml"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["sales_files"], 3);
    assert_eq!(v["summary"]["whole_set"], true);

    // Naming the repo's folder reads the whole set; naming one file does not.
    let out = onmessage()
        .args(["report", "--format", "json"])
        .arg(fixture())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["whole_set"], true);
    assert_eq!(v["summary"]["sales_files"], 3);
    let out = onmessage()
        .args(["report", "--format", "json"])
        .arg(fixture().join("sales/objections.md"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["whole_set"], false);
    assert_eq!(v["summary"]["sales_files"], 1);

    let out = onmessage()
        .args(["report", "--format", "markdown", "--config"])
        .arg(fixture().join("onmessage.yml"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .starts_with("# onmessage report"));
}

/// The demo repo through the real pipeline: what fixtures/demo/EXPECTED.md
/// says the aligner finds shows up in the report's sections.
#[test]
fn report_on_the_demo_repo_shows_its_known_drifts() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo");
    let out = onmessage()
        .args(["report", "--format", "json"])
        .arg(&demo)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = &v["summary"];
    assert_eq!(
        (s["brand_files"].as_u64(), s["sales_files"].as_u64()),
        (Some(2), Some(4))
    );
    assert_eq!(s["whole_set"], true);
    for f in s["scores"].as_array().unwrap() {
        let score = f["score"].as_f64().unwrap();
        assert!((0.0..=100.0).contains(&score), "{f}");
    }
    // The one key message no script carries (guide.md:25).
    let messages: Vec<&serde_json::Value> = v["coverage"]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["messages"].as_array().unwrap())
        .collect();
    let uncarried: Vec<&str> = messages
        .iter()
        .filter(|m| m["carried_by"] == 0)
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(uncarried.len(), 1, "{uncarried:?}");
    assert!(uncarried[0].starts_with("Controllers see every open payable"));
    // The payroll negation, under the brand claim it contradicts.
    let payroll = v["contradictions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["brand"]["text"] == "Ledgerly does not offer payroll.")
        .expect("payroll group");
    assert_eq!(payroll["drifts"][0]["path"], "sales/objection-handling.md");
    assert_eq!(payroll["drifts"][0]["line"], 13);
    assert_eq!(payroll["drifts"][0]["rule"], "align.negation");
    // ISO 27001 is a field claim with no brand claim behind it.
    let insights = v["field_insights"].to_string();
    assert!(insights.contains("ISO 27001"), "{insights}");
    // The retired spelling.
    assert_eq!(v["terms"][0]["wrong"], "LedgerLy");
    assert_eq!(v["terms"][0]["right"], "Ledgerly");

    // And the HTML of the same run parses, with a row per key message.
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("demo.html");
    let out = onmessage()
        .arg("report")
        .arg(&demo)
        .arg("-o")
        .arg(&html)
        .output()
        .unwrap();
    assert!(out.status.success());
    let page = scraper::Html::parse_document(&std::fs::read_to_string(&html).unwrap());
    assert!(page.errors.is_empty(), "{:?}", page.errors);
    assert_eq!(
        select(&page, "#matrix tbody tr[data-row]").len(),
        messages.len()
    );
}

// ---------------------------------------------------------------------------
// init.

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn init_writes_globs_that_match_the_intended_files_and_refuses_to_run_twice() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let brand = [
        "messaging/pillars.md",
        "messaging/proof/customers.md",
        "docs/positioning.md",
        "marketing/voice.md",
    ];
    let sales = [
        "sales/scripts/discovery.md",
        "sales/emails/follow-up.md",
        "sales/ops/marketing-ops.md",
        "marketing/battlecards/rival.md",
        "enablement/objection-handling.md",
    ];
    let neither = [
        "README.md",
        "docs/setup.md",
        "node_modules/x/sales.md",
        "engineering/playbooks/deploy.md",
    ];
    for rel in brand.iter().chain(&sales).chain(&neither) {
        write(root, rel, "# Title\n\nText.\n");
    }
    write(root, "sales/notes.txt", "not markdown");

    let out = onmessage().arg("init").arg(root).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("Brand docs (4 files)"), "{stdout}");
    assert!(stdout.contains("Sales material (5 files)"), "{stdout}");
    assert!(stdout.contains("onmessage check"), "{stdout}");

    let config = onmessage::config::Config::load(&root.join("onmessage.yml")).unwrap();
    assert_eq!(config.rules.packs, ["onmessage-rules.yml"]);
    // The globs give each file the intended role, as discovery reads them.
    let role = |rel: &str| onmessage::discover::role_of(&config.discover_settings(), rel);
    for rel in brand {
        assert_eq!(role(rel), Some(Role::Brand), "{rel}: {:?}", config.brand);
    }
    for rel in sales {
        assert_eq!(role(rel), Some(Role::Sales), "{rel}: {:?}", config.sales);
    }
    for rel in [
        "README.md",
        "docs/setup.md",
        "engineering/playbooks/deploy.md",
    ] {
        assert_eq!(role(rel), None, "{rel}");
    }
    // Whole folders become `**` globs; a file named for its role beside
    // other files gets a glob on the word that named it.
    assert!(
        config.brand.contains(&"messaging/**/*.md".to_string()),
        "{:?}",
        config.brand
    );
    assert!(
        config.brand.contains(&"docs/*positioning*.md".to_string()),
        "{:?}",
        config.brand
    );
    assert!(
        config.sales.contains(&"sales/**/*.md".to_string()),
        "{:?}",
        config.sales
    );

    let pack = std::fs::read_to_string(root.join("onmessage-rules.yml")).unwrap();
    for kind in ["forbid", "replace", "require", "limit", "claim"] {
        assert!(pack.contains(&format!("kind: {kind}")), "{kind}");
    }

    // Second run: refuses, names the file, changes nothing.
    let before = std::fs::read_to_string(root.join("onmessage.yml")).unwrap();
    let out = onmessage().arg("init").arg(root).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("onmessage.yml") && stderr.contains("already exists"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("onmessage.yml")).unwrap(),
        before
    );
}

#[test]
fn init_refuses_when_only_the_pack_exists_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "onmessage-rules.yml", "pack: mine\n");
    let out = onmessage().arg("init").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("onmessage-rules.yml"));
    assert!(!dir.path().join("onmessage.yml").exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("onmessage-rules.yml")).unwrap(),
        "pack: mine\n"
    );
}

#[test]
fn init_on_a_tree_without_names_writes_empty_lists_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes/a.md", "# A\n");
    let out = onmessage().arg("init").arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("none found"), "{stdout}");
    let config = onmessage::config::Config::load(&dir.path().join("onmessage.yml")).unwrap();
    assert!(config.brand.is_empty() && config.sales.is_empty());
}

// ---------------------------------------------------------------------------
// A real browser: headless Debian Chromium driven by playwright-core.

#[test]
fn report_renders_sorts_and_filters_in_headless_chromium() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = std::env::var_os("ONMESSAGE_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let driver = here.join("node_modules/playwright-core").is_dir();
    let missing: Vec<&str> = [
        (!chromium.exists()).then_some("chromium"),
        (!node).then_some("node"),
        (!driver).then_some("playwright-core (tests/browser/node_modules)"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !missing.is_empty() {
        let message = format!(
            "browser test needs {}: run tests/browser/setup.sh",
            missing.join(", ")
        );
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{message} (CI=true: a missing browser is a failure)");
        }
        eprintln!("SKIPPED: {message}");
        return;
    }
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-browser");
    std::fs::create_dir_all(&out_dir).unwrap();
    let page = out_dir.join("report.html");
    let screenshot = out_dir.join("report.png");
    let mut report = report::build(&sample_with_baseline());
    report.header = sample_header();
    std::fs::write(&page, render(&report, ReportFormat::Html)).unwrap();
    let out = Command::new("node")
        .arg(here.join("report.test.mjs"))
        .arg(&page)
        .arg(&screenshot)
        .env("CHROMIUM", &chromium)
        .env("EXPECT_REPO", &report.header.repo)
        .env("EXPECT_DATE", &report.header.date)
        .env(
            "EXPECT_COMMIT",
            report.header.commit.as_deref().unwrap_or_default(),
        )
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "browser test failed:\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains("browser report test: ok"),
        "{stdout}\n{stderr}"
    );
    assert!(screenshot.metadata().unwrap().len() > 10_000);
    eprintln!("screenshot: {}", screenshot.display());
}

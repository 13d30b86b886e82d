//! The Markdown report: the same sections as the HTML, for a wiki page or a
//! pull-request comment. Text from content files is escaped so it renders as
//! text: no raw HTML, no table breakouts, no links or emphasis.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::html::score_text;
use super::model::{
    CellState, Listed, Report, SeverityCounts, ALL_SUPPORTED, INSIGHTS_TITLE, NO_DRIFTS,
    NO_KEY_MESSAGES, NO_OTHER_FINDINGS, NO_REPLACED_TERMS, PARTIAL_RUN, SCORE_COLUMNS,
};

/// Escape text for inline Markdown (GitHub-flavoured, which passes raw HTML
/// through): HTML-escape, then backslash-escape what makes links, emphasis,
/// code or table cells.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn counts_text(c: &SeverityCounts) -> String {
    let n =
        |count: usize, word: &str| format!("{count} {word}{}", if count == 1 { "" } else { "s" });
    format!(
        "{}, {}, {}",
        n(c.error, "error"),
        n(c.warning, "warning"),
        n(c.info, "info")
    )
}

/// A rule id as inline code, safe inside a table cell.
fn code(rule: &str) -> String {
    format!("`{}`", rule.replace('`', "'").replace('|', "\\|"))
}

fn table_head(out: &mut String, headers: &[&str]) {
    let _ = writeln!(out, "| {} |", headers.join(" | "));
    let rule: Vec<&str> = headers.iter().map(|_| "---").collect();
    let _ = writeln!(out, "| {} |", rule.join(" | "));
}

fn summary(out: &mut String, report: &Report) {
    let s = &report.summary;
    out.push_str("## 1. Summary\n\n");
    if !s.whole_set {
        let _ = writeln!(out, "> Partial run: {PARTIAL_RUN}\n");
    }
    let _ = writeln!(
        out,
        "- Files: {} brand docs, {} sales files",
        s.brand_files, s.sales_files
    );
    let _ = writeln!(
        out,
        "- Claims: {} brand, {} sales",
        s.brand_claims, s.sales_claims
    );
    let _ = writeln!(out, "- Findings: {}", counts_text(&s.findings));
    let _ = writeln!(
        out,
        "- Key messages carried: {} of {}",
        report.coverage.carried(),
        report.coverage.messages
    );
    let _ = writeln!(
        out,
        "- Overall alignment score: **{}**",
        score_text(s.overall_score)
    );
    for skipped in &s.skipped {
        let _ = writeln!(out, "- Skipped: {}", escape(skipped));
    }
    if let Some(b) = &s.baseline {
        let _ = writeln!(
            out,
            "- Baseline: {} known finding{} hidden by {}, as `onmessage check` hides them ({} listed under Baselined findings); {} listed there no longer occur{}",
            b.hidden,
            if b.hidden == 1 { " is" } else { "s are" },
            escape(&b.file),
            report.baselined.len(),
            b.fixed,
            if b.fixed == 1 { "s" } else { "" }
        );
    }
    out.push_str("\n### Alignment score per sales file\n\n");
    let _ = writeln!(out, "{}\n", escape(&s.score_definition));
    if s.scores.is_empty() {
        out.push_str("No sales files.\n\n");
    } else {
        let mut headers = vec!["Sales file"];
        headers.extend(SCORE_COLUMNS);
        headers.push("Score");
        table_head(out, &headers);
        for f in &s.scores {
            let _ = write!(out, "| {} |", escape(&f.path));
            for n in f.counts() {
                let _ = write!(out, " {n} |");
            }
            let _ = writeln!(out, " {} |", score_text(f.score));
        }
        let _ = writeln!(
            out,
            "| **Overall** | | | | | | | | **{}** |\n",
            score_text(s.overall_score)
        );
    }
    out.push_str("### Findings by rule and severity\n\n");
    if s.by_rule.is_empty() {
        out.push_str("No findings.\n\n");
        return;
    }
    table_head(
        out,
        &["What", "Errors", "Warnings", "Infos", "Total", "Rule"],
    );
    for r in &s.by_rule {
        let _ = write!(out, "| {} |", escape(&r.label));
        for n in r.counts.columns() {
            let _ = write!(out, " {n} |");
        }
        let _ = writeln!(out, " {} |", code(&r.rule));
    }
    out.push('\n');
}

fn coverage(out: &mut String, report: &Report) {
    let c = &report.coverage;
    out.push_str("## 2. Coverage matrix\n\n");
    if c.messages == 0 {
        let _ = writeln!(out, "{NO_KEY_MESSAGES}\n");
        return;
    }
    let _ = writeln!(
        out,
        "{} of {} key messages are carried by at least one sales file; **{} by none**.\n",
        c.carried(),
        c.messages,
        c.uncarried
    );
    out.push_str("Legend: ");
    let legend: Vec<String> = CellState::LEGEND
        .iter()
        .map(|(s, _)| format!("{} {}", s.symbol(), s.as_str()))
        .collect();
    let _ = writeln!(
        out,
        "{}. Lines of the sales claims follow the state.\n",
        legend.join(", ")
    );
    let columns = c.carrying_columns();
    for group in &c.groups {
        if group.section.is_empty() {
            let _ = writeln!(out, "### {}\n", escape(&group.path));
        } else {
            let _ = writeln!(
                out,
                "### {} › {}\n",
                escape(&group.path),
                escape(&group.section)
            );
        }
        let mut headers = vec!["Key message".to_string(), "Files".to_string()];
        headers.extend(columns.iter().map(|&i| escape(&c.files[i])));
        let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
        table_head(out, &headers);
        for m in &group.messages {
            let flag = if m.carried_by == 0 {
                "**NOT CARRIED** "
            } else {
                ""
            };
            let _ = write!(
                out,
                "| {flag}{} ({}:{}) | {} |",
                escape(&m.text),
                escape(&m.path),
                m.line,
                m.carried_by
            );
            for cell in columns.iter().map(|&i| &m.cells[i]) {
                let lines: Vec<String> = cell.lines.iter().map(|l| format!("L{l}")).collect();
                let _ = write!(
                    out,
                    " {} {}{}{} |",
                    cell.state.symbol(),
                    cell.state.as_str(),
                    if lines.is_empty() { "" } else { " " },
                    lines.join(" ")
                );
            }
            out.push('\n');
        }
        out.push('\n');
    }
    if !c.silent_files.is_empty() {
        let files: Vec<String> = c.silent_files.iter().map(|f| escape(f)).collect();
        let _ = writeln!(
            out,
            "Sales files that carry no key message (not shown as columns): {}.\n",
            files.join(", ")
        );
    }
}

fn contradictions(out: &mut String, report: &Report) {
    out.push_str("## 3. Contradictions by brand claim\n\n");
    if report.contradictions.is_empty() {
        let _ = writeln!(out, "{NO_DRIFTS}\n");
    }
    for g in &report.contradictions {
        match &g.brand {
            Some(b) => {
                let kind = g.message_kind.as_deref().map(|k| {
                    let mut k = k.to_string();
                    k[..1].make_ascii_uppercase();
                    format!("{k}: ")
                });
                let _ = writeln!(
                    out,
                    "### {}{}:{}\n\n> {}\n",
                    kind.unwrap_or_else(|| "Brand claim: ".to_string()),
                    escape(&b.path),
                    b.line,
                    escape(&b.text)
                );
            }
            None => out.push_str("### Findings that cite no brand claim\n\n"),
        }
        let _ = writeln!(out, "{}.\n", counts_text(&g.counts));
        table_head(
            out,
            &[
                "Sales line",
                "What",
                "Severity",
                "Sales text",
                "Why",
                "Rule",
            ],
        );
        for d in &g.drifts {
            let _ = writeln!(
                out,
                "| {}:{}:{} | {} | {} | {} | {} | {} |",
                escape(&d.path),
                d.line,
                d.column,
                escape(&d.label),
                d.severity,
                escape(&d.text),
                escape(&d.message),
                code(&d.rule)
            );
        }
        out.push('\n');
    }
    if !report.brand_conflicts.is_empty() {
        out.push_str("### Brand docs that disagree with each other\n\n");
        table_head(out, &["Brand line", "Says", "Disagrees with", "Which says"]);
        for c in &report.brand_conflicts {
            let (where_, says) = match &c.other {
                Some(o) => (format!("{}:{}", escape(&o.path), o.line), escape(&o.text)),
                None => (String::new(), escape(&c.message)),
            };
            let _ = writeln!(
                out,
                "| {}:{} | {} | {} | {} |",
                escape(&c.brand.path),
                c.brand.line,
                escape(&c.brand.text),
                where_,
                says
            );
        }
        out.push('\n');
    }
}

fn field_insights(out: &mut String, report: &Report) {
    let _ = writeln!(out, "## 4. {INSIGHTS_TITLE}: field insights\n");
    out.push_str("What the field says that no brand claim backs, grouped by shared key terms, most repeated across files first: adopt them in the messaging (with proof), or tell the field to stop. Rule: `align.unsupported`.\n\n");
    if report.field_insights.is_empty() {
        let _ = writeln!(out, "{ALL_SUPPORTED}\n");
        return;
    }
    table_head(
        out,
        &[
            "Topic (shared key terms)",
            "Files",
            "Claims",
            "What the field says",
        ],
    );
    for t in &report.field_insights {
        let claims: Vec<String> = t
            .claims
            .iter()
            .map(|c| format!("{}:{} {}", escape(&c.path), c.line, escape(&c.text)))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            escape(&t.terms.join(", ")),
            t.files,
            t.claims.len(),
            claims.join("<br>")
        );
    }
    out.push('\n');
}

fn terms(out: &mut String, report: &Report) {
    out.push_str("## 5. Off-brand terms\n\n");
    if report.terms.is_empty() {
        let _ = writeln!(out, "{NO_REPLACED_TERMS}\n");
        return;
    }
    out.push_str(
        "Terms the brand docs retired that sales material still uses. Rule: `terms.replaced`.\n\n",
    );
    table_head(
        out,
        &["Term in use", "Use instead", "Uses", "Files", "Where"],
    );
    for t in &report.terms {
        let places: Vec<String> = t
            .places
            .iter()
            .map(|p| format!("{}:{}", escape(&p.path), p.line))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            escape(&t.wrong),
            escape(&t.right),
            t.count,
            t.files,
            places.join(", ")
        );
    }
    out.push('\n');
}

/// A table of findings, one per row, the words each points at in bold.
fn listed_table(out: &mut String, items: &[Listed]) {
    table_head(out, &["Where", "What", "Severity", "Text", "Why", "Rule"]);
    for item in items {
        let text = match item.around_match() {
            Some((before, matched, after)) => {
                format!("{}**{}**{}", escape(before), escape(matched), escape(after))
            }
            None => escape(&item.text),
        };
        let _ = writeln!(
            out,
            "| {}:{}:{} | {} | {} | {} | {} | {} |",
            escape(&item.path),
            item.line,
            item.column,
            escape(&item.label),
            item.severity,
            text,
            escape(&item.message),
            code(&item.rule)
        );
    }
    out.push('\n');
}

fn other_findings(out: &mut String, report: &Report) {
    out.push_str("## 6. Risky wording and other findings\n\n");
    if report.other_findings.is_empty() {
        let _ = writeln!(out, "{NO_OTHER_FINDINGS}\n");
        return;
    }
    out.push_str("Every finding the sections above do not list: risky wording, the team's own rules, terms the brand avoids, and problems with the files or their suppression comments.\n\n");
    listed_table(out, &report.other_findings);
}

fn baselined(out: &mut String, report: &Report) {
    if report.baselined.is_empty() {
        return;
    }
    out.push_str("## 7. Baselined findings\n\n");
    out.push_str("Known findings the baseline hides; they count nowhere else in this report, as `onmessage check` does not report them.\n\n");
    listed_table(out, &report.baselined);
}

/// Which repo, which day, which commit: a pasted copy keeps its context.
fn header(out: &mut String, report: &Report) {
    let h = &report.header;
    if h.repo.is_empty() {
        out.push_str("# onmessage report\n\n");
    } else {
        let _ = writeln!(out, "# onmessage report: {}\n", escape(&h.repo));
    }
    let mut context = Vec::new();
    if !h.date.is_empty() {
        context.push(format!("Written {}", escape(&h.date)));
    }
    match &h.commit {
        Some(c) if h.uncommitted_changes => {
            context.push(format!("commit {} with uncommitted changes", escape(c)))
        }
        Some(c) => context.push(format!("commit {}", escape(c))),
        None if !h.repo.is_empty() => context.push("not in git".to_string()),
        None => {}
    }
    context.push(format!("onmessage {}", env!("CARGO_PKG_VERSION")));
    let _ = writeln!(out, "{}\n", context.join(" · "));
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut text = String::with_capacity(16 * 1024);
    header(&mut text, report);
    summary(&mut text, report);
    coverage(&mut text, report);
    contradictions(&mut text, report);
    field_insights(&mut text, report);
    terms(&mut text, report);
    other_findings(&mut text, report);
    baselined(&mut text, report);
    out.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_keeps_hostile_text_as_text() {
        assert_eq!(
            escape("<script>x</script> | [a](javascript:y) *b*"),
            "&lt;script&gt;x&lt;/script&gt; \\| \\[a\\](javascript:y) \\*b\\*"
        );
        assert_eq!(escape("two\nlines"), "two lines");
    }
}

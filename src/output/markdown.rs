//! `--format markdown`: a summary for `$GITHUB_STEP_SUMMARY` or a pull
//! request comment. Counts by severity, then one table per file. Paths and
//! content are escaped so that no finding can break a table or inject HTML.

use std::io::{self, Write};

use crate::diagnostic::{Finding, Severity};
use crate::output::{checked, plural};
use crate::pipeline::Analysis;

/// GitHub refuses a step summary over 1 MiB; stop the tables well before.
pub const SIZE_BUDGET: usize = 900 * 1024;

pub fn write(analysis: &Analysis, out: &mut dyn Write) -> io::Result<()> {
    write_within(analysis, out, SIZE_BUDGET)
}

/// The summary, with tables cut once they would pass `budget` bytes.
pub fn write_within(analysis: &Analysis, out: &mut dyn Write, budget: usize) -> io::Result<()> {
    writeln!(out, "## onmessage\n")?;
    if analysis.findings.is_empty() {
        return writeln!(out, "No findings: {}.", checked(analysis));
    }
    writeln!(
        out,
        "**{}**: {}, {}, {}; {}.",
        plural(analysis.findings.len(), "finding"),
        plural(analysis.count(Severity::Error), "error"),
        plural(analysis.count(Severity::Warning), "warning"),
        plural(analysis.count(Severity::Info), "info"),
        checked(analysis)
    )?;
    let mut written = 0;
    let mut shown = 0;
    // Findings are sorted by path, so each file's rows are contiguous.
    'files: for group in analysis.findings.chunk_by(|a, b| a.path == b.path) {
        let mut table = format!(
            "\n### {}\n\n| Line | Severity | Rule | Message |\n| ---: | --- | --- | --- |\n",
            escape_inline(&group[0].path)
        );
        let mut rows = 0;
        for f in group {
            let row = format!(
                "| {} | {} | {} | {} |\n",
                f.line,
                f.severity,
                escape_inline(&f.rule),
                message_cell(f)
            );
            if written + table.len() + row.len() > budget {
                if rows > 0 {
                    out.write_all(table.as_bytes())?;
                    shown += rows;
                }
                break 'files;
            }
            table.push_str(&row);
            rows += 1;
        }
        written += table.len();
        shown += rows;
        out.write_all(table.as_bytes())?;
    }
    let hidden = analysis.findings.len() - shown;
    if hidden > 0 {
        writeln!(
            out,
            "\n{hidden} more {} not shown here (the summary would be too large); see the annotations, the SARIF output or run `onmessage check` locally.",
            if hidden == 1 { "finding" } else { "findings" }
        )?;
    }
    Ok(())
}

/// A closing remark (what the baseline hid), escaped like the tables.
pub fn write_note(out: &mut dyn Write, note: &str) -> io::Result<()> {
    writeln!(out, "\n_{}_", escape_inline(note))
}

fn message_cell(f: &Finding) -> String {
    let mut cell = escape_inline(&f.message);
    for related in &f.related {
        cell.push_str(&format!(
            "<br>brand: {}:{}: {}",
            escape_inline(&related.path),
            related.line,
            escape_inline(&related.text)
        ));
    }
    if let Some(fix) = &f.fix {
        if fix.replacement.is_empty() {
            cell.push_str("<br>help: delete this text");
        } else {
            cell.push_str(&format!(
                "<br>help: replace with \"{}\"",
                escape_inline(&fix.replacement)
            ));
        }
    }
    cell
}

/// Text safe inside a table cell or heading: Markdown punctuation that could
/// start markup is backslash-escaped, HTML is entity-encoded, line breaks
/// become `<br>` and other control characters visible escapes.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '|' | '`' | '*' | '_' | '[' | ']' | '#' | '~' | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c if c.is_control() => out.push_str(&format!("\\\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::LineIndex;
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    fn finding(path: &str, message: &str) -> Finding {
        let source = "a line\n";
        Finding::at(
            "risky.guarantee",
            Severity::Warning,
            path,
            source,
            &LineIndex::new(source),
            0..1,
            message,
        )
    }

    /// Cells per row of every table, as a GFM parser sees them.
    fn table_shapes(markdown: &str) -> Vec<Vec<usize>> {
        let mut tables = Vec::new();
        let mut cells = 0;
        let mut html = 0;
        for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
            match event {
                Event::Start(Tag::Table(_)) => tables.push(Vec::new()),
                Event::Start(Tag::TableHead | Tag::TableRow) => cells = 0,
                Event::Start(Tag::TableCell) => cells += 1,
                Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                    tables.last_mut().unwrap().push(cells)
                }
                Event::Html(h) | Event::InlineHtml(h) if h.as_ref() != "<br>" => html += 1,
                _ => {}
            }
        }
        assert_eq!(html, 0, "HTML leaked into:\n{markdown}");
        tables
    }

    #[test]
    fn hostile_content_keeps_four_columns() {
        let analysis = Analysis {
            findings: vec![
                finding(
                    "sales/a|b`c<script>.md",
                    "says `x | y` <img src=x onerror=alert(1)> \\| and\nnewline",
                ),
                finding("sales/a|b`c<script>.md", "| | |"),
                finding("sales/z.md", "plain *bold* _it_ [link](http://x)"),
            ],
            ..Analysis::default()
        };
        let mut out = Vec::new();
        write(&analysis, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let shapes = table_shapes(&text);
        assert_eq!(shapes, vec![vec![4, 4, 4], vec![4, 4]], "{text}");
        assert!(!text.contains("<script>") && !text.contains("<img"));
    }

    #[test]
    fn large_summaries_are_cut_with_a_note() {
        let findings: Vec<Finding> = (0..50)
            .map(|i| finding(&format!("sales/{}.md", i / 10), &"x".repeat(100)))
            .collect();
        let analysis = Analysis {
            findings,
            ..Analysis::default()
        };
        let mut out = Vec::new();
        write_within(&analysis, &mut out, 2000).unwrap();
        let text = String::from_utf8(out).unwrap();
        let rows = table_shapes(&text)
            .iter()
            .map(|t| t.len() - 1)
            .sum::<usize>();
        assert!(rows > 5 && rows < 50, "{rows}");
        assert!(
            text.contains(&format!("\n{} more findings not shown here", 50 - rows)),
            "{text}"
        );
        let mut all = Vec::new();
        write(&analysis, &mut all).unwrap();
        assert!(!String::from_utf8(all).unwrap().contains("not shown"));
    }

    #[test]
    fn counts_by_severity() {
        let analysis = Analysis {
            findings: vec![finding("a.md", "m"), finding("b.md", "n")],
            ..Analysis::default()
        };
        let mut out = Vec::new();
        write(&analysis, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("**2 findings**: 0 errors, 2 warnings, 0 info; 0 sales files checked against 0 brand docs."));
        assert_eq!(text.matches("\n### ").count(), 2);
    }
}

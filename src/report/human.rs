//! `--format human`: rustc-like. Each finding is a header
//! `severity[rule]: message`, its location ` --> path:line:col`, the source
//! line with the span underlined, the brand claim it was compared with and
//! the fix as `help:`; a summary line closes the output.

use std::io::{self, Write};

use unicode_width::UnicodeWidthChar;

use crate::diagnostic::{Finding, Severity};
use crate::markdown::Doc;
use crate::report::{docs_by_path, escape_controls, plural};
use crate::Analysis;

/// ANSI styles, or nothing when colours are off.
struct Palette {
    on: bool,
}

impl Palette {
    fn paint(&self, style: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{style}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn severity(&self, severity: Severity, text: &str) -> String {
        let style = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.paint(style, text)
    }

    fn gutter(&self, text: &str) -> String {
        self.paint("1;34", text)
    }

    fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
}

pub fn write(analysis: &Analysis, out: &mut dyn Write, color: bool) -> io::Result<()> {
    let palette = Palette { on: color };
    let docs = docs_by_path(analysis);
    for finding in &analysis.findings {
        write_finding(
            out,
            &palette,
            finding,
            docs.get(finding.path.as_str()).copied(),
        )?;
    }
    write_summary(out, &palette, analysis)
}

fn write_finding(
    out: &mut dyn Write,
    palette: &Palette,
    f: &Finding,
    doc: Option<&Doc>,
) -> io::Result<()> {
    let sev = f.severity;
    writeln!(
        out,
        "{}: {}",
        palette.severity(sev, &format!("{sev}[{}]", escape_controls(&f.rule))),
        palette.bold(&escape_controls(&f.message))
    )?;
    let number = f.line.to_string();
    let pad = " ".repeat(number.len());
    writeln!(
        out,
        "{pad}{} {}:{}:{}",
        palette.gutter("-->"),
        escape_controls(&f.path),
        f.line,
        f.column
    )?;
    let bar = palette.gutter("|");
    if let Some(doc) = doc.filter(|d| f.line >= 1 && f.line <= d.lines.line_count()) {
        let text = doc.line_text(f.line);
        let (lead, marked) = underline(text, f);
        writeln!(out, "{pad} {bar}")?;
        writeln!(
            out,
            "{} {bar} {}",
            palette.gutter(&number),
            escape_controls(text)
        )?;
        writeln!(
            out,
            "{pad} {bar} {}{}",
            " ".repeat(lead),
            palette.severity(sev, &"^".repeat(marked))
        )?;
    }
    let eq = palette.gutter("=");
    for related in &f.related {
        writeln!(
            out,
            "{pad} {eq} brand: {}:{}: {}",
            escape_controls(&related.path),
            related.line,
            escape_controls(&related.text)
        )?;
    }
    if let Some(fix) = &f.fix {
        let help = if fix.replacement.is_empty() {
            "delete this text".to_string()
        } else {
            format!("replace with \"{}\"", escape_controls(&fix.replacement))
        };
        writeln!(out, "{pad} {eq} {}: {help}", palette.bold("help"))?;
    }
    writeln!(out)
}

/// Display columns before the span and under it on the finding's first line.
/// A span running onto later lines is underlined to the end of this one; an
/// empty span still gets one caret.
fn underline(line: &str, f: &Finding) -> (usize, usize) {
    let start = f.column.saturating_sub(1);
    let end = if f.end_line > f.line {
        usize::MAX
    } else {
        f.end_column.saturating_sub(1)
    };
    let mut lead = 0;
    let mut marked = 0;
    for (i, c) in line.chars().enumerate() {
        let width = display_width(c);
        if i < start {
            lead += width;
        } else if i < end {
            marked += width;
        }
    }
    (lead, marked.max(1))
}

/// Columns a character takes once printed (escaped controls included), so
/// carets line up under CJK text too.
fn display_width(c: char) -> usize {
    match c {
        '\t' => 1,
        c if c.is_control() => format!("\\u{{{:x}}}", c as u32).len(),
        c => c.width().unwrap_or(0),
    }
}

fn write_summary(out: &mut dyn Write, palette: &Palette, analysis: &Analysis) -> io::Result<()> {
    let files = analysis.brand.len() + analysis.sales.len();
    let checked = plural(files, "file");
    if analysis.findings.is_empty() {
        return writeln!(
            out,
            "{}: no findings ({checked} checked)",
            palette.bold("ok")
        );
    }
    let counts = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|s| (s, analysis.count(s)))
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| palette.severity(s, &plural(n, s.as_str())))
        .collect::<Vec<_>>()
        .join(", ");
    writeln!(
        out,
        "{}: {counts} ({checked} checked)",
        palette.bold(&plural(analysis.findings.len(), "finding"))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Finding, Related};
    use crate::markdown::LineIndex;

    fn finding(source: &str, needle: &str, message: &str) -> Finding {
        let start = source.find(needle).unwrap();
        Finding::at(
            "align.number-mismatch",
            Severity::Error,
            "sales/call.md",
            source,
            &LineIndex::new(source),
            start..start + needle.len(),
            message,
        )
    }

    #[test]
    fn underline_counts_wide_characters_twice() {
        let source = "価格は50%安い";
        let f = finding(source, "50%", "m");
        assert_eq!(underline(source, &f), (6, 3));
    }

    #[test]
    fn underline_of_a_multiline_span_runs_to_the_end_of_the_first_line() {
        let source = "one two\nthree";
        let mut f = finding(source, "two\nthree", "m");
        f.end_line = 2;
        assert_eq!(underline("one two", &f), (4, 3));
    }

    #[test]
    fn colours_only_when_enabled() {
        let source = "We cut costs by 90%.";
        let f = finding(source, "90%", "sales says 90%");
        let mut plain = Vec::new();
        write_finding(&mut plain, &Palette { on: false }, &f, None).unwrap();
        assert!(!plain.contains(&0x1b));
        let mut coloured = Vec::new();
        write_finding(&mut coloured, &Palette { on: true }, &f, None).unwrap();
        assert!(coloured.contains(&0x1b));
    }

    #[test]
    fn escape_in_content_never_reaches_the_terminal() {
        let source = "Rep: \u{1b}]0;pwned\u{7} we are 100% secure";
        let mut f = finding(source, "100%", "absolute \u{1b}[2J claim");
        f.related.push(Related {
            path: "brand.md".into(),
            line: 3,
            text: "\u{1b}[31mred".into(),
        });
        let mut out = Vec::new();
        let doc = crate::markdown::parse(
            "sales/call.md",
            source.to_string(),
            &crate::config::Speakers::default(),
        );
        write_finding(&mut out, &Palette { on: false }, &f, Some(&doc)).unwrap();
        assert!(!out.contains(&0x1b), "{}", String::from_utf8_lossy(&out));
        assert!(!out.contains(&0x07));
    }
}

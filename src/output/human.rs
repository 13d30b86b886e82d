//! `--format human`: rustc-like. Each finding is a header
//! `severity[rule]: message`, its location ` --> path:line:col`, the source
//! line with the span underlined, the brand claim it was compared with and
//! the fix as `help:`; a summary line closes the output.

use std::io::{self, Write};

use unicode_width::UnicodeWidthChar;

use crate::diagnostic::{Finding, Severity};
use crate::markdown::Doc;
use crate::output::{checked, escape_controls, fixable, plural};
use crate::pipeline::Analysis;

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

/// Every finding, then (unless `summary` is false, as with `-q`) the summary line.
pub fn write(
    analysis: &Analysis,
    out: &mut dyn Write,
    color: bool,
    summary: bool,
) -> io::Result<()> {
    let palette = Palette { on: color };
    let docs = analysis.docs_by_path();
    for finding in &analysis.findings {
        write_finding(
            out,
            &palette,
            finding,
            docs.get(finding.path.as_str()).copied(),
        )?;
    }
    if summary {
        write_summary(out, &palette, analysis)?;
    }
    Ok(())
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
        let line = doc.lines.line_range(&doc.source, f.line);
        let (start, end) = span_in_line(f, line.clone(), &doc.source);
        let shown = excerpt(&doc.source[line], start, end);
        let (lead, marked) = (shown.lead, shown.marked);
        writeln!(out, "{pad} {bar}")?;
        writeln!(
            out,
            "{} {bar} {}",
            palette.gutter(&number),
            escape_controls(&shown.text)
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
            escape_controls(&clip(&related.text, MAX_LINE_CHARS))
        )?;
    }
    if let Some(explain) = &f.explain {
        write_explain(out, explain, &pad, &eq)?;
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

/// `--explain`: the brand claim compared with and the runners-up, with
/// their scores and why each runner-up was not weighed.
fn write_explain(
    out: &mut dyn Write,
    explain: &serde_json::Value,
    pad: &str,
    eq: &str,
) -> io::Result<()> {
    let describe = |c: &serde_json::Value| {
        let reason = c["reason"]
            .as_str()
            .map(|r| format!(" ({})", escape_controls(r)))
            .unwrap_or_default();
        format!(
            "{:.3} {}:{}: {}{reason}",
            c["score"].as_f64().unwrap_or_default(),
            escape_controls(c["path"].as_str().unwrap_or_default()),
            c["line"],
            escape_controls(&clip(
                c["text"].as_str().unwrap_or_default(),
                MAX_LINE_CHARS
            ))
        )
    };
    if explain["matched"].is_object() {
        writeln!(out, "{pad} {eq} matched: {}", describe(&explain["matched"]))?;
    }
    for runner in explain["runners_up"].as_array().into_iter().flatten() {
        writeln!(out, "{pad} {eq} runner-up: {}", describe(runner))?;
    }
    Ok(())
}

/// Source lines longer than this many characters are shown as a window
/// around the span, so a minified or generated 20 MB line cannot flood the terminal.
const MAX_LINE_CHARS: usize = 160;
/// Characters kept on each side of the span in such a window.
const CONTEXT_CHARS: usize = 40;
/// The most characters of the span itself shown in a window.
const MAX_SPAN_CHARS: usize = MAX_LINE_CHARS - 2 * CONTEXT_CHARS;
const ELLIPSIS: &str = "…";

/// The part of a source line printed under a finding, with the display
/// columns before the span and under it.
#[derive(Debug, PartialEq)]
struct Excerpt {
    text: String,
    lead: usize,
    marked: usize,
}

/// The finding's span as byte offsets into its first line: from the byte
/// span when it lies on that line, else from the columns.
fn span_in_line(f: &Finding, line: std::ops::Range<usize>, source: &str) -> (usize, usize) {
    let text = &source[line.clone()];
    if line.contains(&f.start) || (f.start == line.end && f.start >= line.start) {
        let start = f.start - line.start;
        let end = f.end.clamp(f.start, line.end) - line.start;
        return (start, end);
    }
    let byte_at = |column: usize| {
        text.char_indices()
            .nth(column.saturating_sub(1))
            .map_or(text.len(), |(i, _)| i)
    };
    let start = byte_at(f.column);
    let end = if f.end_line > f.line {
        text.len()
    } else {
        byte_at(f.end_column).max(start)
    };
    (start, end)
}

/// The byte offset `n` characters back from `at` (or the line's start).
fn chars_back(text: &str, at: usize, n: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The byte offset `n` characters on from `at` (or the line's end).
fn chars_on(text: &str, at: usize, n: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| at + i)
}

/// The line, or a window of it around the span (bytes `start..end`) when it
/// is long. An empty span still gets one caret.
fn excerpt(line: &str, start: usize, end: usize) -> Excerpt {
    let long = line.len() > MAX_LINE_CHARS && line.chars().nth(MAX_LINE_CHARS).is_some();
    let (from, to, end) = if long {
        let end = end.min(chars_on(line, start, MAX_SPAN_CHARS));
        (
            chars_back(line, start, CONTEXT_CHARS),
            chars_on(line, end, CONTEXT_CHARS),
            end,
        )
    } else {
        (0, line.len(), end)
    };
    let width = |s: &str| s.chars().map(display_width).sum::<usize>();
    let left = if from > 0 { ELLIPSIS } else { "" };
    let right = if to < line.len() { ELLIPSIS } else { "" };
    Excerpt {
        text: format!("{left}{}{right}", &line[from..to]),
        lead: width(left) + width(&line[from..start]),
        marked: width(&line[start..end]).max(1),
    }
}

/// Text cut to `max` characters, with an ellipsis when something was cut.
fn clip(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}{ELLIPSIS}", &text[..cut]).into(),
        None => text.into(),
    }
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
    let checked = checked(analysis);
    if analysis.findings.is_empty() {
        return writeln!(out, "{}: no findings ({checked})", palette.bold("ok"));
    }
    let counts = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|s| (s, analysis.count(s)))
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| palette.severity(s, &plural(n, s.as_str())))
        .collect::<Vec<_>>()
        .join(", ");
    let fixable = match fixable(analysis) {
        0 => String::new(),
        n => format!("; {n} fixable with `--fix`"),
    };
    writeln!(
        out,
        "{}: {counts} ({checked}){fixable}",
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

    fn shown(source: &str, line: usize, f: &Finding) -> Excerpt {
        let lines = LineIndex::new(source);
        let range = lines.line_range(source, line);
        let (start, end) = span_in_line(f, range.clone(), source);
        excerpt(&source[range], start, end)
    }

    #[test]
    fn underline_counts_wide_characters_twice() {
        let source = "価格は50%安い";
        let f = finding(source, "50%", "m");
        let e = shown(source, 1, &f);
        assert_eq!((e.lead, e.marked), (6, 3));
        assert_eq!(e.text, source);
    }

    #[test]
    fn underline_of_a_multiline_span_runs_to_the_end_of_the_first_line() {
        let source = "one two\nthree";
        let f = finding(source, "two\nthree", "m");
        let e = shown(source, 1, &f);
        assert_eq!((e.text.as_str(), e.lead, e.marked), ("one two", 4, 3));
    }

    #[test]
    fn underline_from_columns_when_the_byte_span_is_unknown() {
        let source = "ab 価格 cd";
        let mut f = finding(source, "cd", "m");
        (f.start, f.end) = (usize::MAX, usize::MAX);
        let e = shown(source, 1, &f);
        assert_eq!((e.lead, e.marked), (8, 2));
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_span() {
        let source = format!(
            "{}We cut costs by 90%.{}",
            "x".repeat(5_000_000),
            "y ".repeat(100_000)
        );
        let f = finding(&source, "90%", "m");
        let e = shown(&source, 1, &f);
        assert!(
            e.text.chars().count() <= MAX_LINE_CHARS + 2,
            "{}",
            e.text.len()
        );
        assert!(e.text.starts_with(ELLIPSIS) && e.text.ends_with(ELLIPSIS));
        let caret_at = e.text.chars().skip(e.lead).take(3).collect::<String>();
        assert_eq!((caret_at.as_str(), e.marked), ("90%", 3));
    }

    #[test]
    fn a_long_span_is_cut_in_the_window() {
        let source = format!("Start {} end", "z".repeat(1000));
        let f = finding(&source, &source, "m");
        let e = shown(&source, 1, &f);
        assert_eq!(e.lead, 0);
        assert_eq!(e.marked, MAX_SPAN_CHARS);
        assert!(e.text.ends_with(ELLIPSIS));
    }

    #[test]
    fn long_related_text_is_clipped() {
        assert_eq!(clip("short", 10), "short");
        let long = "é".repeat(500);
        let cut = clip(&long, MAX_LINE_CHARS);
        assert_eq!(cut.chars().count(), MAX_LINE_CHARS + 1);
        assert!(cut.ends_with(ELLIPSIS));
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
            &crate::markdown::Speakers::default(),
        );
        write_finding(&mut out, &Palette { on: false }, &f, Some(&doc)).unwrap();
        assert!(!out.contains(&0x1b), "{}", String::from_utf8_lossy(&out));
        assert!(!out.contains(&0x07));
    }
}

//! `--format github`: GitHub Actions workflow commands, one annotation per
//! finding, most severe first (GitHub shows only the first few of each level
//! per step; the Markdown summary carries the full list).

use std::io::{self, Write};

use crate::diagnostic::{Finding, Severity};
use crate::pipeline::Analysis;

/// `prefix` turns a config-relative path into a repository-relative one
/// (empty when the config sits at the repository root).
pub fn write(analysis: &Analysis, prefix: &str, out: &mut dyn Write) -> io::Result<()> {
    let mut ordered: Vec<&Finding> = analysis.findings.iter().collect();
    // Stable: within a level, the usual path/line order is kept.
    ordered.sort_by_key(|f| std::cmp::Reverse(f.severity));
    for f in ordered {
        writeln!(out, "{}", annotation(f, prefix))?;
    }
    Ok(())
}

/// One `::level file=…,line=…::message` command.
pub fn annotation(f: &Finding, prefix: &str) -> String {
    let level = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut properties = vec![
        ("file", format!("{prefix}{}", f.path)),
        ("line", f.line.to_string()),
    ];
    // GitHub honours columns only on single-line annotations.
    if f.end_line == f.line {
        properties.push(("col", f.column.to_string()));
        properties.push(("endLine", f.end_line.to_string()));
        properties.push(("endColumn", f.end_column.to_string()));
    } else {
        properties.push(("endLine", f.end_line.to_string()));
    }
    properties.push(("title", f.rule.clone()));
    let properties = properties
        .iter()
        .map(|(key, value)| format!("{key}={}", escape_property(value)))
        .collect::<Vec<_>>()
        .join(",");
    format!("::{level} {properties}::{}", escape_data(&message(f)))
}

/// The message with the brand claim and the fix on their own lines.
fn message(f: &Finding) -> String {
    let mut text = f.message.clone();
    for related in &f.related {
        text.push_str(&format!(
            "\nbrand: {}:{}: {}",
            related.path, related.line, related.text
        ));
    }
    if let Some(fix) = &f.fix {
        if fix.replacement.is_empty() {
            text.push_str("\nhelp: delete this text");
        } else {
            text.push_str(&format!("\nhelp: replace with \"{}\"", fix.replacement));
        }
    }
    text
}

/// A command's message: `%`, CR and LF are encoded; other control characters
/// (an ESC from content would reach the log viewer) become visible escapes.
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A property value: as data, plus `:` and `,`, which delimit properties.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Related;
    use crate::markdown::LineIndex;

    fn finding(path: &str, severity: Severity, message: &str) -> Finding {
        let source = "line one\nline two\n";
        Finding::at(
            "risky.guarantee",
            severity,
            path,
            source,
            &LineIndex::new(source),
            9..13,
            message,
        )
    }

    /// Undo the escaping the way the runner does.
    fn unescape(text: &str) -> String {
        text.replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
    }

    #[test]
    fn hostile_path_and_message_stay_one_command() {
        let path = "sales/a,b:c%0A\n::error file=x::injected.md";
        let message = "100% sure\r\n::warning::fake, really: yes\u{1b}[31m";
        let f = finding(path, Severity::Warning, message);
        let line = annotation(&f, "");
        assert!(!line.contains('\n') && !line.contains('\r') && !line.contains('\u{1b}'));
        let (head, data) = line.split_once("::").unwrap().1.split_once("::").unwrap();
        assert_eq!(head.split(' ').next(), Some("warning"));
        let props: Vec<(&str, &str)> = head
            .split_once(' ')
            .unwrap()
            .1
            .split(',')
            .map(|kv| kv.split_once('=').unwrap())
            .collect();
        let keys: Vec<&str> = props.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            keys,
            ["file", "line", "col", "endLine", "endColumn", "title"]
        );
        assert_eq!(unescape(props[0].1), path);
        assert_eq!(props[1].1, "2");
        assert_eq!(props[2].1, "1");
        assert_eq!(props[5].1, "risky.guarantee");
        assert_eq!(
            unescape(data),
            "100% sure\r\n::warning::fake, really: yes\\u{1b}[31m"
        );
    }

    #[test]
    fn levels_and_order_most_severe_first() {
        let analysis = Analysis {
            findings: vec![
                finding("a.md", Severity::Info, "i"),
                finding("b.md", Severity::Error, "e"),
                finding("c.md", Severity::Warning, "w"),
                finding("d.md", Severity::Error, "e2"),
            ],
            ..Analysis::default()
        };
        let mut out = Vec::new();
        write(&analysis, "docs/", &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let heads: Vec<&str> = text.lines().map(|l| l.split(',').next().unwrap()).collect();
        assert_eq!(
            heads,
            [
                "::error file=docs/b.md",
                "::error file=docs/d.md",
                "::warning file=docs/c.md",
                "::notice file=docs/a.md"
            ]
        );
    }

    #[test]
    fn brand_claim_and_fix_follow_the_message() {
        let mut f = finding("a.md", Severity::Error, "sales says 90%");
        f.related.push(Related {
            path: "brand/pillars.md".into(),
            line: 4,
            text: "up to 80%".into(),
        });
        let line = annotation(&f, "");
        assert!(line.ends_with("::sales says 90%25%0Abrand: brand/pillars.md:4: up to 80%25"));
    }

    #[test]
    fn multiline_findings_drop_columns() {
        let mut f = finding("a.md", Severity::Error, "m");
        f.end_line = 3;
        let line = annotation(&f, "");
        assert!(line.starts_with("::error file=a.md,line=2,endLine=3,title=risky.guarantee::"));
    }
}

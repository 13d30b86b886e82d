//! `<!-- onmessage-disable RULE[,RULE] -->`, `<!-- onmessage-enable … -->` and
//! `<!-- onmessage-disable-next-line … -->`, read from HTML comments only (a
//! directive quoted in a code block is documentation, not a directive).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{Directive, DirectiveKind, LineIndex};

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)<!--\s*onmessage-(disable-next-line|disable|enable)\b(.*?)-->")
        .expect("valid regex")
});

/// Directives inside `html` (the byte ranges of HTML blocks and inline HTML).
pub(crate) fn collect(source: &str, html: &[Range<usize>], lines: &LineIndex) -> Vec<Directive> {
    let mut out = Vec::new();
    for range in html {
        for caps in DIRECTIVE.captures_iter(&source[range.clone()]) {
            let whole = caps.get(0).expect("match");
            let span = range.start + whole.start()..range.start + whole.end();
            let kind = match &caps[1] {
                "disable" => DirectiveKind::Disable,
                "enable" => DirectiveKind::Enable,
                _ => DirectiveKind::DisableNextLine,
            };
            let line = lines.line_of(span.start);
            let target_line = (kind == DirectiveKind::DisableNextLine)
                .then(|| next_non_blank_line(source, lines, lines.line_of(span.end)))
                .flatten();
            out.push(Directive {
                kind,
                rules: rule_list(&caps[2]),
                span,
                line,
                target_line,
            });
        }
    }
    out.sort_by_key(|d| d.span.start);
    out.dedup_by_key(|d| d.span.start);
    out
}

/// `a.b, c d -- reason` → ["a.b", "c", "d"]; text after ` -- ` is a comment.
fn rule_list(text: &str) -> Vec<String> {
    let text = text.split(" -- ").next().unwrap_or("");
    let text = text.strip_suffix("--").unwrap_or(text);
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn next_non_blank_line(source: &str, lines: &LineIndex, after: usize) -> Option<usize> {
    (after + 1..=lines.line_count()).find(|&l| !lines.line_text(source, l).trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(source: &str) -> Vec<Directive> {
        let whole = std::iter::once(0..source.len()).collect::<Vec<_>>();
        collect(source, &whole, &LineIndex::new(source))
    }

    #[test]
    fn reads_kinds_rules_and_lines() {
        let src = "<!-- onmessage-disable terms.replaced, risky -->\ntext\n<!--onmessage-enable-->\n<!-- onmessage-disable-next-line align -- quoting the contract -->\n\n\nTarget line\n";
        let d = all(src);
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].kind, DirectiveKind::Disable);
        assert_eq!(d[0].rules, vec!["terms.replaced", "risky"]);
        assert_eq!(d[0].line, 1);
        assert_eq!(d[1].kind, DirectiveKind::Enable);
        assert!(d[1].rules.is_empty());
        assert_eq!(d[2].kind, DirectiveKind::DisableNextLine);
        assert_eq!(d[2].rules, vec!["align"]);
        assert_eq!(d[2].line, 4);
        assert_eq!(d[2].target_line, Some(7));
    }

    #[test]
    fn other_comments_are_not_directives() {
        assert!(all("<!-- onmessage is great -->\n<!-- disable x -->").is_empty());
    }
}

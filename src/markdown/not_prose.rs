//! Source ranges that CommonMark reads as text but readers never see as prose:
//! Hugo shortcodes, MDX `import`/`export` statements and bare URLs. (Code, HTML and JSX
//! tags are already separate events in pulldown-cmark and are skipped there.)
//! Bare URLs are addresses, not prose, as are autolinks.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// `{{< name args >}}` and `{{% name args %}}`, possibly over several lines.
static SHORTCODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)\{\{<.*?>\}\}|\{\{%.*?%\}\}").expect("valid regex"));

/// A bare URL (a GFM autolink literal): an address, not prose. Trailing
/// sentence punctuation stays prose. It must start at a word boundary (see
/// `bare_urls`), which is checked outside the regex: a Unicode `\b` stops
/// the fast automaton at the first non-ASCII byte, and most of a Japanese
/// file then goes through the slow engine.
static BARE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:https?://|www\.)[^\s<>()\[\]"'`]*[^\s<>()\[\]"'`.,;:!?*_~]"#)
        .expect("valid regex")
});

/// One Unicode word character, as the regex crate's `\w` defines it.
static WORD_CHAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\w$").expect("valid regex"));

/// The first line of an MDX ESM statement. Narrow on purpose so that prose
/// starting with the word "import" or "export" is never hidden.
static ESM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"^(?:import\s+(?:['"]|[\w*{][^\n]*\sfrom\s+['"])|export\s+(?:const|let|var|function|async|class|default|\{|\*))"#,
    )
    .expect("valid regex")
});

/// Sorted, non-overlapping ranges of `source` (from `body` on) that are not prose.
pub(crate) fn ranges(source: &str, body: usize) -> Vec<Range<usize>> {
    let text = &source[body..];
    let mut out: Vec<Range<usize>> = SHORTCODE
        .find_iter(text)
        .map(|m| body + m.start()..body + m.end())
        .collect();
    out.extend(esm_statements(text).map(|r| body + r.start..body + r.end));
    out.extend(bare_urls(text).map(|r| body + r.start..body + r.end));
    out.sort_by_key(|r| r.start);
    // Merge overlaps so callers can subtract in one pass.
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// `BARE_URL` matches that start at a word boundary, exactly as `\b` in
/// front of the pattern would find them: a URL always starts with a word
/// character, so the character before it must not be one.
fn bare_urls(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(m) = BARE_URL.find_at(text, at) {
            let before = text[..m.start()].chars().next_back();
            if before.is_none_or(|c| !WORD_CHAR.is_match(c.encode_utf8(&mut [0; 4]))) {
                at = m.end();
                return Some(m.range());
            }
            // Not a boundary: look again from the next character.
            at = m.start() + 1;
        }
        None
    })
}

/// An ESM statement runs from its first line to the next blank line, as in MDX.
fn esm_statements(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut lines = Vec::new();
    let mut offset = 0;
    // Most files have no statement at all: then the lines are not listed.
    if text.contains("import") || text.contains("export") {
        for line in text.split_inclusive('\n') {
            lines.push((offset, line));
            offset += line.len();
        }
    }
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < lines.len() {
            let (start, line) = lines[i];
            let starts_paragraph = i == 0 || lines[i - 1].1.trim().is_empty();
            i += 1;
            if starts_paragraph
                && (line.starts_with("import") || line.starts_with("export"))
                && ESM.is_match(line)
            {
                let mut end = start + line.len();
                while i < lines.len() && !lines[i].1.trim().is_empty() {
                    end = lines[i].0 + lines[i].1.len();
                    i += 1;
                }
                return Some(start..end);
            }
        }
        None
    })
}

/// Split `range` into the pieces that lie outside `excluded` (sorted, merged).
pub(crate) fn subtract(range: Range<usize>, excluded: &[Range<usize>]) -> Vec<Range<usize>> {
    let first = excluded.partition_point(|e| e.end <= range.start);
    let mut pieces = Vec::new();
    let mut pos = range.start;
    for e in &excluded[first..] {
        if e.start >= range.end {
            break;
        }
        if e.start > pos {
            pieces.push(pos..e.start);
        }
        pos = pos.max(e.end);
    }
    if pos < range.end {
        pieces.push(pos..range.end);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slices<'a>(src: &'a str, rs: &[Range<usize>]) -> Vec<&'a str> {
        rs.iter().map(|r| &src[r.clone()]).collect()
    }

    #[test]
    fn finds_hugo_shortcodes_of_both_kinds() {
        let src = "Hi {{< figure src=\"a.png\" >}} and {{% notice tip %}}x{{% /notice %}}.";
        assert_eq!(
            slices(src, &ranges(src, 0)),
            vec![
                "{{< figure src=\"a.png\" >}}",
                "{{% notice tip %}}",
                "{{% /notice %}}"
            ]
        );
    }

    #[test]
    fn finds_esm_statements_but_not_prose() {
        let src = "import Tabs from '@theme/Tabs';\nimport {A} from \"./a\";\n\nImport your data in minutes.\n\nexport const meta = {\n  a: 1,\n};\n\nexport your reports as PDF.\n";
        assert_eq!(
            slices(src, &ranges(src, 0)),
            vec![
                "import Tabs from '@theme/Tabs';\nimport {A} from \"./a\";\n",
                "export const meta = {\n  a: 1,\n};\n"
            ]
        );
    }

    #[test]
    fn bare_urls_without_trailing_punctuation() {
        let src = "See https://acme.example/a_b?x=1. Or www.acme.example, (https://x.example/y).";
        assert_eq!(
            slices(src, &ranges(src, 0)),
            vec![
                "https://acme.example/a_b?x=1",
                "www.acme.example",
                "https://x.example/y"
            ]
        );
        // Only at a word boundary (Unicode word characters included), and a
        // rejected start does not hide a URL that starts later.
        let src =
            "xhttps://www.a.example 詳細はhttps://b.example 「https://c.example 」 _www.d.example";
        assert_eq!(
            slices(src, &ranges(src, 0)),
            vec!["www.a.example", "https://c.example"]
        );
        // The same matches as the pattern with `\b` in front.
        let with_boundary = Regex::new(&format!(r"\b(?:{})", BARE_URL.as_str())).unwrap();
        for src in [
            src,
            "ühttp://x.y éwww.z.example 1www.q.example",
            "http://a.b/http://c.d",
        ] {
            let want: Vec<Range<usize>> = with_boundary.find_iter(src).map(|m| m.range()).collect();
            assert_eq!(bare_urls(src).collect::<Vec<_>>(), want, "{src}");
        }
    }

    #[test]
    fn subtract_keeps_the_pieces_outside() {
        let ex = vec![2..4, 6..7];
        assert_eq!(subtract(0..10, &ex), vec![0..2, 4..6, 7..10]);
        assert_eq!(subtract(3..5, &ex), vec![4..5]);
        assert_eq!(subtract(2..4, &ex), Vec::<Range<usize>>::new());
        assert_eq!(subtract(8..9, &ex), vec![8..9]);
    }
}

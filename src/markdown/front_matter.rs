//! Front matter: a YAML block (`---` … `---`) or a TOML block (`+++` … `+++`)
//! accepted only at the very start of a file (after an optional BOM).
//! pulldown-cmark's own metadata option accepts `---` blocks anywhere, which
//! would swallow a sales paragraph between two thematic breaks, so the block
//! is located here and the body is parsed from the offset after it.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use serde_yaml::Value;

use super::{FrontMatter, Role, TermPair};

/// Where the front matter is and where the body starts.
pub(crate) struct Located {
    /// The whole block, delimiters included.
    pub span: Range<usize>,
    /// The text between the delimiters.
    pub inner: Range<usize>,
    pub yaml: bool,
}

/// Find a front matter block starting at `start` (0, or 3 after a BOM).
pub(crate) fn locate(source: &str, start: usize) -> Option<Located> {
    let rest = &source[start..];
    let (fence, yaml) = if rest.starts_with("---") {
        ("---", true)
    } else if rest.starts_with("+++") {
        ("+++", false)
    } else {
        return None;
    };
    let first_end = line_end(source, start);
    if source[start + 3..first_end.content].trim() != "" {
        return None;
    }
    let inner_start = first_end.next;
    let mut pos = inner_start;
    while pos < source.len() {
        let end = line_end(source, pos);
        let line = source[pos..end.content].trim_end();
        if line == fence || (yaml && line == "...") {
            return Some(Located {
                span: start..end.next,
                inner: inner_start..pos,
                yaml,
            });
        }
        pos = end.next;
    }
    // An opening fence with no closing one is a thematic break, not front matter.
    None
}

struct LineEnd {
    /// End of the line's content.
    content: usize,
    /// Start of the next line.
    next: usize,
}

fn line_end(source: &str, pos: usize) -> LineEnd {
    let bytes = source.as_bytes();
    let mut i = pos;
    while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
        i += 1;
    }
    let next = if bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n') {
        i + 2
    } else {
        (i + 1).min(bytes.len())
    };
    LineEnd { content: i, next }
}

/// Parse a located block. On error, the byte range to report and the message.
pub(crate) fn parse(
    source: &str,
    located: &Located,
) -> Result<FrontMatter, (Range<usize>, String)> {
    let mut fm = FrontMatter {
        span: Some(located.span.clone()),
        ..FrontMatter::default()
    };
    if !located.yaml {
        // TOML front matter (Hugo): not prose, and onmessage reads no settings from it.
        return Ok(fm);
    }
    let text = &source[located.inner.clone()];
    if text.trim().is_empty() {
        return Ok(fm);
    }
    crate::yaml::guard::check(text).map_err(|(line, message)| {
        let at = text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum::<usize>();
        (line_span(source, located.inner.start + at), message)
    })?;
    let value: Value = serde_yaml::from_str(text).map_err(|e| {
        let at = located.inner.start + e.location().map_or(0, |l| l.index());
        (
            line_span(source, at),
            file_lines(&e.to_string(), source, located),
        )
    })?;
    let Value::Mapping(map) = &value else {
        return Err((
            line_span(source, located.inner.start),
            "front matter must be a mapping of keys to values".to_string(),
        ));
    };
    let key_error = |key: &str, message: String| {
        let at = key_offset(text, key).map_or(located.inner.start, |o| located.inner.start + o);
        (line_span(source, at), format!("`{key}`: {message}"))
    };

    if let Some(ours) = map.get("onmessage") {
        fm.role = read_role(ours).map_err(|m| key_error("onmessage", m))?;
    }
    if let Some(Value::String(s)) = map.get("product") {
        fm.product = Some(s.clone());
    }
    match map.get("products") {
        Some(Value::String(s)) => fm.products = vec![s.clone()],
        Some(v @ Value::Sequence(_)) => {
            fm.products = serde_yaml::from_value(v.clone())
                .map_err(|e| key_error("products", format!("expected a list of names: {e}")))?;
        }
        _ => {}
    }
    // `terms` is a common taxonomy key (Hugo); only a list of mappings is ours.
    if let Some(Value::Sequence(items)) = map.get("terms") {
        if items.iter().any(Value::is_mapping) {
            fm.terms = serde_yaml::from_value::<Vec<TermPair>>(Value::Sequence(items.clone()))
                .map_err(|e| {
                    key_error(
                        "terms",
                        format!("expected a list of {{use: TERM, not: [VARIANT, …]}}: {e}"),
                    )
                })?;
        }
    }
    if let Some(Value::String(s)) = map.get("lang").or_else(|| map.get("language")) {
        fm.lang = Some(s.clone());
    }
    fm.raw = Some(value);
    Ok(fm)
}

/// serde_yaml counts lines from the start of the YAML text; say file lines.
fn file_lines(message: &str, source: &str, located: &Located) -> String {
    static LINE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"line (\d+) column (\d+)").expect("valid regex"));
    let first = source[..located.inner.start]
        .bytes()
        .filter(|&b| b == b'\n')
        .count();
    LINE.replace_all(message, |caps: &regex::Captures<'_>| {
        let line: usize = caps[1].parse().unwrap_or(1);
        format!("line {} column {}", line + first, &caps[2])
    })
    .into_owned()
}

/// `onmessage: {role: brand|sales|ignore}`; other keys are mistakes.
fn read_role(value: &Value) -> Result<Option<Role>, String> {
    let Value::Mapping(map) = value else {
        return Err("expected a mapping such as `{role: brand}`".to_string());
    };
    let mut role = None;
    for (key, v) in map {
        match key.as_str() {
            Some("role") => {
                role = Some(
                    serde_yaml::from_value::<Role>(v.clone())
                        .map_err(|_| "`role` must be one of brand, sales, ignore".to_string())?,
                );
            }
            other => {
                return Err(format!(
                    "unknown key `{}` (expected `role`)",
                    other.map_or_else(|| format!("{key:?}"), str::to_string)
                ))
            }
        }
    }
    Ok(role)
}

/// Byte offset of a top-level `key:` line in the YAML text.
fn key_offset(text: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
        {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// From `at` to the end of its line (at least one character when there is one).
fn line_span(source: &str, at: usize) -> Range<usize> {
    let at = at.min(source.len());
    let end = line_end(source, at).content;
    at..end.max(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fm(source: &str) -> Result<FrontMatter, (Range<usize>, String)> {
        let located = locate(source, 0).expect("front matter");
        parse(source, &located)
    }

    #[test]
    fn reads_role_products_terms_and_lang() {
        let src = "---\ntitle: Guide\nonmessage: {role: brand}\nproduct: Acme Flow\nproducts: [Acme Flow, Acme Sync]\nterms:\n  - use: Acme Flow\n    not: [AcmeFlow, Flow Pro]\nlang: en\n---\nBody\n";
        let fm = fm(src).unwrap();
        assert_eq!(fm.role, Some(Role::Brand));
        assert_eq!(fm.product.as_deref(), Some("Acme Flow"));
        assert_eq!(fm.products, vec!["Acme Flow", "Acme Sync"]);
        assert_eq!(fm.terms.len(), 1);
        assert_eq!(fm.terms[0].use_term, "Acme Flow");
        assert_eq!(fm.terms[0].not, vec!["AcmeFlow", "Flow Pro"]);
        assert_eq!(fm.lang.as_deref(), Some("en"));
        assert_eq!(&src[fm.span.unwrap()], &src[..src.find("Body").unwrap()]);
    }

    #[test]
    fn only_an_opening_fence_at_the_start_counts() {
        assert!(locate("Intro\n---\nrole: x\n---\n", 0).is_none());
        assert!(locate("---\nno closing fence\n", 0).is_none());
        assert!(locate("--- x\nfoo: 1\n---\n", 0).is_none());
        let src = "---\r\na: 1\r\n---\r\nBody";
        let l = locate(src, 0).unwrap();
        assert_eq!(&src[l.span.end..], "Body");
        assert_eq!(&src[l.inner], "a: 1\r\n");
    }

    #[test]
    fn toml_front_matter_is_skipped_without_settings() {
        let src = "+++\ntitle = \"x\"\n+++\nBody";
        let l = locate(src, 0).unwrap();
        assert!(!l.yaml);
        let fm = parse(src, &l).unwrap();
        assert_eq!(fm.role, None);
        assert_eq!(&src[l.span.end..], "Body");
    }

    #[test]
    fn syntax_error_points_at_the_bad_line() {
        let src = "---\ntitle: ok\nproducts: [Acme\n---\nBody";
        let (span, message) = fm(src).unwrap_err();
        assert!(span.start > src.find("title").unwrap(), "{span:?}");
        assert!(span.start <= src.find("\n---\nBody").unwrap() + 4);
        // Lines in the message are the file's, not the YAML block's.
        assert!(message.contains("line 3 column"), "{message}");
    }

    #[test]
    fn bad_role_and_bad_terms_name_the_key_and_line() {
        let src = "---\ntitle: x\nonmessage: {role: marketing}\n---\n";
        let (span, message) = fm(src).unwrap_err();
        assert_eq!(span.start, src.find("onmessage").unwrap());
        assert!(message.contains("role"), "{message}");

        let src = "---\nterms:\n  - use: A\n    never: [B]\n---\n";
        let (span, message) = fm(src).unwrap_err();
        assert_eq!(span.start, src.find("terms").unwrap());
        assert!(message.contains("never"), "{message}");
    }

    #[test]
    fn absurdly_nested_front_matter_is_refused_quickly() {
        let src = format!("---\ntitle: x\nkey: {}\n---\n", "[".repeat(100_000));
        let (span, _) = fm(&src).unwrap_err();
        assert_eq!(span.start, src.find("key").unwrap());
    }

    #[test]
    fn taxonomy_terms_are_not_ours() {
        let fm = fm("---\nterms: [pricing, sales]\n---\n").unwrap();
        assert!(fm.terms.is_empty());
    }
}

//! A cheap scan run before YAML reaches the parser. libyaml's time grows with
//! the square of the flow nesting depth (`[[[[…` 20,000 deep takes seconds,
//! 100,000 deep minutes), while serde_yaml gives up after 128 levels anyway.
//! Alias bombs are already bounded by serde_yaml's repetition limit.

/// Flow nesting deeper than this is refused before parsing. Real configs,
/// rule packs and front matter nest a handful of levels; serde_yaml itself
/// refuses more than 128, so the margin only absorbs brackets this scan
/// mistakes for structure.
pub const MAX_FLOW_DEPTH: usize = 512;

/// `Err((line, message))` when `text` nests `[`/`{` deeper than
/// `MAX_FLOW_DEPTH`; `line` (1-based) is where the limit was passed.
/// Brackets inside quoted scalars and comments do not count.
pub fn check(text: &str) -> Result<(), (usize, String)> {
    let mut depth = 0usize;
    let mut line = 1usize;
    let mut quote: Option<u8> = None;
    // The last character that was not a space: a quote only opens a quoted
    // scalar at the start of a value, not inside a plain word like "don't".
    let mut previous = b'\n';
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            line += 1;
        }
        match quote {
            Some(b'"') if b == b'\\' => i += 1,
            Some(q) if b == q => {
                // '' is an escaped quote inside a single-quoted scalar.
                if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                    i += 1;
                } else {
                    quote = None;
                    previous = b;
                }
            }
            Some(_) => {}
            None => match b {
                b'"' | b'\''
                    if matches!(previous, b'\n' | b'[' | b'{' | b',' | b':' | b'-' | b'?') =>
                {
                    quote = Some(b)
                }
                b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r') => {
                    while i + 1 < bytes.len() && bytes[i + 1] != b'\n' {
                        i += 1;
                    }
                }
                b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Err((
                            line,
                            format!("nested more than {MAX_FLOW_DEPTH} levels deep"),
                        ));
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
        if quote.is_none() && !matches!(b, b' ' | b'\t' | b'\r') {
            previous = b;
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_yaml_passes() {
        let yaml = "brand: [\"a/**\", 'b']\nrules:\n  severity: {risky: error}\n# [[[[ a comment\nmessage: \"[[[[ not structure\"\nnote: don't [x]\n";
        assert_eq!(check(yaml), Ok(()));
    }

    #[test]
    fn deep_flow_nesting_is_refused_with_its_line() {
        let deep = format!("a: 1\nb: {}x{}\n", "[".repeat(600), "]".repeat(600));
        assert_eq!(
            check(&deep),
            Err((2, format!("nested more than {MAX_FLOW_DEPTH} levels deep")))
        );
        let maps = format!("b: {}\n", "{a: ".repeat(600));
        assert!(check(&maps).is_err());
    }

    #[test]
    fn brackets_in_quotes_and_comments_do_not_count() {
        let inside = format!(
            "a: \"{}\"\nb: '{}'' {}'\n# {}\n",
            "[".repeat(2000),
            "{".repeat(2000),
            "[".repeat(2000),
            "[".repeat(2000)
        );
        assert_eq!(check(&inside), Ok(()));
    }
}

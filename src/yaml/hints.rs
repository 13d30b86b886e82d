//! serde_yaml's error messages, made to say what to do: one position (the
//! caller prints it; libyaml repeats it, sometimes twice, in its text), the
//! nearest known name for an unknown one, and the usual causes of a scanner
//! error (an unquoted `*` glob, a tab).

/// The message of a YAML error, without positions and with a hint when one
/// fits. `text` is the document, when the caller has it (for the hints that
/// look at the offending character).
pub fn message(err: &serde_yaml::Error, text: Option<&str>) -> String {
    let raw = err.to_string();
    let mut message = strip_positions(&raw);
    if let Some(hint) = did_you_mean(&message) {
        message.push_str(&hint);
    }
    let offending = text.zip(err.location()).and_then(|(text, loc)| {
        let line = text.lines().nth(loc.line().checked_sub(1)?)?;
        Some((line, line.chars().nth(loc.column().checked_sub(1)?)))
    });
    if let Some(hint) = scanner_hint(&message, offending) {
        message.push_str("; ");
        message.push_str(hint);
    }
    message
}

/// Drop every " at line N column M" libyaml writes into its message.
fn strip_positions(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find(" at line ") {
        let after = &rest[i + " at line ".len()..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        let tail = &after[digits..];
        let column = tail
            .strip_prefix(" column ")
            .map(|t| t.chars().take_while(char::is_ascii_digit).count());
        match column {
            Some(n) if digits > 0 && n > 0 => {
                out.push_str(&rest[..i]);
                rest = &tail[" column ".len() + n..];
            }
            _ => {
                out.push_str(&rest[..i + 1]);
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// "; did you mean `sales`?" for "unknown field `sale`, expected one of …"
/// (and for unknown variants), when one known name is close.
fn did_you_mean(message: &str) -> Option<String> {
    let (_, after) = message
        .split_once("unknown field `")
        .or_else(|| message.split_once("unknown variant `"))?;
    let (wanted, known) = after.split_once('`')?;
    let known: Vec<&str> = known.split('`').skip(1).step_by(2).collect();
    known
        .iter()
        .map(|c| (strsim::levenshtein(&wanted.to_lowercase(), c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min()
        .map(|(_, c)| format!("; did you mean `{c}`?"))
}

/// What usually causes a scanner error, judged by its message and the
/// character it points at.
fn scanner_hint(message: &str, offending: Option<(&str, Option<char>)>) -> Option<&'static str> {
    let line = offending.map(|(line, _)| line);
    let at = offending.and_then(|(_, c)| c);
    let alias =
        message.contains("while scanning an alias") || message.contains("while scanning an anchor");
    if alias && (line.is_none() || line.is_some_and(|l| l.contains('*')) || at == Some('*')) {
        return Some("quote globs: an unquoted `*` starts a YAML alias (write `- \"*.md\"`)");
    }
    if message.contains("unknown escape character") {
        return Some("in double quotes a backslash starts an escape: use single quotes for regexes ('\\d+ days')");
    }
    if at == Some('\t')
        || (message.contains("cannot start any token") && line.is_some_and(|l| l.contains('\t')))
        || message.contains("tab")
    {
        return Some("YAML does not allow tabs: indent with spaces");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        let err = serde_yaml::from_str::<serde_yaml::Value>(text).unwrap_err();
        message(&err, Some(text))
    }

    #[test]
    fn positions_are_dropped_once_or_twice() {
        assert_eq!(
            strip_positions(
                "did not find x at line 2 column 10, while scanning an alias at line 2 column 9"
            ),
            "did not find x, while scanning an alias"
        );
        assert_eq!(strip_positions("keeps at line one"), "keeps at line one");
    }

    #[test]
    fn unknown_names_get_the_nearest_known_one() {
        assert_eq!(
            did_you_mean("unknown field `sale`, expected one of `brand`, `sales`, `exclude`")
                .as_deref(),
            Some("; did you mean `sales`?")
        );
        assert_eq!(
            did_you_mean("unknown variant `eror`, expected one of `info`, `warning`, `error`")
                .as_deref(),
            Some("; did you mean `error`?")
        );
        assert_eq!(
            did_you_mean("unknown field `zzzzzz`, expected one of `brand`"),
            None
        );
    }

    #[test]
    fn unquoted_globs_and_tabs_get_their_hint() {
        let glob = error("brand:\n  - *.md\n");
        assert!(glob.contains("quote globs"), "{glob}");
        assert!(!glob.contains(" at line "), "{glob}");
        let tab = error("brand:\n\t- a.md\n");
        assert!(tab.contains("YAML does not allow tabs"), "{tab}");
        let regex = error("patterns: [\"\\d+ days\"]\n");
        assert!(regex.contains("use single quotes for regexes"), "{regex}");
        let other = error("brand: [a\n");
        assert!(
            !other.contains("tabs") && !other.contains("quote globs"),
            "{other}"
        );
    }
}

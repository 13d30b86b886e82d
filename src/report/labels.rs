//! Plain words for the report's readers: what a rule's finding means to a
//! marketing lead ("Contradicts the brand"), with the rule id kept for the
//! secondary column, and what kind of key message a brand section holds.

/// What a finding of `rule` says, in plain words: the family first, then,
/// where the family has several rules, what this one noticed.
pub fn plain(rule: &str) -> String {
    let detail = match rule {
        "align.number-mismatch" => Some("a different number"),
        "align.qualifier-dropped" => Some("a qualifier dropped"),
        "align.negation" => Some("says the opposite"),
        "align.escalation" => Some("overstated"),
        _ => None,
    };
    match detail {
        Some(d) => format!("{}: {d}", family(rule)),
        None => family(rule).to_string(),
    }
}

/// The family a rule belongs to, in plain words.
pub fn family(rule: &str) -> &'static str {
    let group = rule.split('.').next().unwrap_or(rule);
    match (group, rule) {
        (_, "align.unsupported") => "Not backed by the brand",
        ("align", _) => "Contradicts the brand",
        ("brand", _) => "Brand docs disagree",
        (_, "coverage.missing-key-message") => "Key message no file carries",
        ("coverage", _) => "Coverage gap",
        ("terms", _) => "Off-brand term",
        ("risky", _) => "Risky wording",
        ("input", _) => "File could not be read as intended",
        ("directive", _) => "Suppression comment to fix",
        _ => "Team rule",
    }
}

/// Heading words that name a kind of key message, the name each gives.
/// The first one found in the innermost heading that has one wins, so
/// "Key messages and proof points" names key messages.
const KINDS: [(&str, &str); 7] = [
    ("key message", "key message"),
    ("core message", "key message"),
    ("messaging pillar", "pillar"),
    ("pillar", "pillar"),
    ("value prop", "value proposition"),
    ("differentiator", "differentiator"),
    ("proof point", "proof point"),
];

/// What the sections above a key message call it ("proof point" under
/// Proof points), or "key message" when no heading says.
pub fn message_kind(heading_path: &[String]) -> &'static str {
    heading_path
        .iter()
        .rev()
        .find_map(|h| {
            let h = h.to_lowercase();
            KINDS
                .iter()
                .find(|(words, _)| h.contains(words))
                .map(|(_, kind)| *kind)
        })
        .unwrap_or("key message")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_family_reads_as_plain_words() {
        assert_eq!(
            plain("align.number-mismatch"),
            "Contradicts the brand: a different number"
        );
        assert_eq!(plain("align.unsupported"), "Not backed by the brand");
        assert_eq!(plain("terms.replaced"), "Off-brand term");
        assert_eq!(plain("risky.guarantee"), "Risky wording");
        assert_eq!(plain("team.no-discounts"), "Team rule");
    }

    #[test]
    fn the_innermost_heading_that_names_a_kind_decides() {
        let path = |hs: &[&str]| hs.iter().map(|h| h.to_string()).collect::<Vec<_>>();
        assert_eq!(
            message_kind(&path(&["Guide", "Proof points"])),
            "proof point"
        );
        assert_eq!(
            message_kind(&path(&["Key messages", "Speed"])),
            "key message"
        );
        assert_eq!(
            message_kind(&path(&["Key messages", "Proof points"])),
            "proof point"
        );
        assert_eq!(
            message_kind(&path(&["Key messages and proof points"])),
            "key message"
        );
        assert_eq!(message_kind(&[]), "key message");
    }
}

//! The rules computed in Rust, with their stable ids, default severities and
//! documentation. YAML rules describe themselves; these are described here,
//! once, for `rules list`, `rules explain`, SARIF and directives.

use crate::diagnostic::Severity;

/// A computed rule's public contract.
#[derive(Clone, Copy, Debug)]
pub struct ComputedRule {
    pub id: &'static str,
    pub severity: Severity,
    /// One line: what it finds.
    pub summary: &'static str,
    /// What it does / why it matters / example, as Markdown.
    pub description: &'static str,
}

/// Every computed rule. Ids are a public contract: never rename one silently.
pub fn computed_rules() -> &'static [ComputedRule] {
    COMPUTED
}

pub fn computed_rule(id: &str) -> Option<&'static ComputedRule> {
    COMPUTED.iter().find(|r| r.id == id)
}

/// Does `pattern` (a rule id or a group prefix such as `align`) select `id`?
pub fn selects(pattern: &str, id: &str) -> bool {
    id == pattern
        || (id.len() > pattern.len()
            && id.starts_with(pattern)
            && id.as_bytes()[pattern.len()] == b'.')
}

/// The patterns (from `--select`, `--ignore` or `rules:` in the config) that
/// select no rule: neither a known id nor a group of one. For callers that
/// want to reject typos before a run.
pub fn unknown_patterns(patterns: &[String], known_ids: &[String]) -> Vec<String> {
    let ids = all_ids(known_ids);
    patterns
        .iter()
        .filter(|p| !ids.iter().any(|id| selects(p, id)))
        .cloned()
        .collect()
}

/// Every rule id a directive may name: the run's rules and the computed ones.
pub fn all_ids(known_ids: &[String]) -> Vec<String> {
    let mut ids: Vec<String> = known_ids.to_vec();
    ids.extend(computed_rules().iter().map(|r| r.id.to_string()));
    ids.sort();
    ids.dedup();
    ids
}

const COMPUTED: &[ComputedRule] = &[
    ComputedRule {
        id: "input.front-matter",
        severity: Severity::Error,
        summary: "A sales file's front matter is not valid YAML.",
        description: "## What it does\nReports YAML front matter that cannot be parsed. The body is still checked.\n\n## Why is this bad?\nFront matter sets a file's role and product; when it is broken, those settings are silently lost.\n\n## Example\n```markdown\n---\nproduct: [Acme\n---\n```\nUse instead: close the bracket.",
    },
    ComputedRule {
        id: "directive.unknown-rule",
        severity: Severity::Warning,
        summary: "An onmessage directive names a rule that does not exist.",
        description: "## What it does\nReports `<!-- onmessage-disable RULE -->` comments whose RULE is neither a known rule id nor a group.\n\n## Why is this bad?\nA misspelt rule id disables nothing, so the finding it was meant to silence comes back, or a typo hides that the comment is stale.\n\n## Example\n`<!-- onmessage-disable risky.garantee -->`\nUse instead: `<!-- onmessage-disable risky.guarantee -->`.",
    },
    ComputedRule {
        id: "directive.unused",
        severity: Severity::Info,
        summary: "A disable directive suppressed nothing.",
        description: "## What it does\nReports an `onmessage-disable` or `onmessage-disable-next-line` comment that did not suppress any finding.\n\n## Why is this bad?\nStale suppressions hide future problems and clutter the content.\n\n## Example\nA `<!-- onmessage-disable-next-line risky.guarantee -->` above a line that no longer says \"guarantee\".\nUse instead: delete the comment.",
    },
    ComputedRule {
        id: "terms.replaced",
        severity: Severity::Warning,
        summary: "Sales uses a term the brand docs replaced.",
        description: "## What it does\nBrand docs list approved terms in front matter (`terms: [{use: \"Acme Flow\", not: [\"AcmeFlow\"]}]`). A sales line using a `not` variant is reported with the approved term, and `--fix` replaces it.\n\n## Why is this bad?\nOld product names and off-brand spellings confuse customers and make the company look careless.\n\n## Example\n\"AcmeFlow syncs with your ERP.\"\nUse instead: \"Acme Flow syncs with your ERP.\"",
    },
    ComputedRule {
        id: "align.number-mismatch",
        severity: Severity::Error,
        summary: "A sales figure differs from the brand's figure on the same topic.",
        description: "## What it does\nMatches a sales claim to the brand claim on the same topic and compares quantities of the same dimension (percent, money per period, duration, multiplier, count) after unit conversion.\n\n## Why is this bad?\nA number marketing never approved reaches a customer, and the customer will hold you to it.\n\n## Example\nBrand: \"Customers go live in under two weeks.\" Sales: \"You'll be live in two days.\"\nUse instead: \"You'll be live in under two weeks.\"",
    },
    ComputedRule {
        id: "align.qualifier-dropped",
        severity: Severity::Error,
        summary: "The brand hedges a figure (\"up to\", \"on average\"); sales states it flat.",
        description: "## What it does\nReports a sales claim that repeats a brand figure without the brand's qualifier, or with a stronger one.\n\n## Why is this bad?\n\"Up to 80%\" is a ceiling; \"80%\" is a promise.\n\n## Example\nBrand: \"Automates up to 80% of invoices.\" Sales: \"80% of your invoices will be automated.\"\nUse instead: \"Up to 80% of your invoices can be automated.\"",
    },
    ComputedRule {
        id: "align.negation",
        severity: Severity::Error,
        summary: "Sales affirms what the brand denies, or denies what it affirms.",
        description: "## What it does\nCompares the polarity of a sales claim with the brand claim on the same topic, including the brand's \"what we do not claim\" sections.\n\n## Why is this bad?\nPromising a capability the product lacks is the costliest kind of drift.\n\n## Example\nBrand: \"Ledgerly does not offer payroll.\" Sales: \"We also handle payroll.\"\nUse instead: \"Payroll stays with your current provider; we integrate with it.\"",
    },
    ComputedRule {
        id: "align.escalation",
        severity: Severity::Error,
        summary: "Sales is absolute where the brand is hedged.",
        description: "## What it does\nReports a sales claim that turns the brand's hedged statement (\"helps\", \"can\", \"reduce\") into an absolute one (\"always\", \"never\", \"guarantee\", \"eliminate\").\n\n## Why is this bad?\nAbsolutes are promises the product cannot keep for every customer.\n\n## Example\nBrand: \"Helps reduce late fees.\" Sales: \"You will never pay a late fee again.\"\nUse instead: \"It helps you avoid late fees.\"",
    },
    ComputedRule {
        id: "align.unsupported",
        severity: Severity::Warning,
        summary: "A checkable sales claim with no brand claim behind it.",
        description: "## What it does\nReports quantities, superlatives, comparisons, absolutes, certifications and integrations in sales material that no brand claim supports.\n\n## Why is this bad?\nIt may be field knowledge marketing should adopt, or a claim nobody can prove. Either way marketing should hear about it.\n\n## Example\n\"We're ISO 27001 certified.\" with no such brand claim.\nUse instead: a claim from the messaging guide, or ask marketing to add this one.",
    },
    ComputedRule {
        id: "brand.conflict",
        severity: Severity::Warning,
        summary: "Two brand claims on one topic disagree.",
        description: "## What it does\nReports a brand claim that states a different quantity or the opposite polarity of an earlier brand claim on the same topic.\n\n## Why is this bad?\nWhen the source of truth disagrees with itself, sales cannot be on message. A sales line agreeing with either side is not reported as drift.\n\n## Example\nOne page says \"live in under two weeks\", another \"live in 30 days\".\nUse instead: one figure, everywhere.",
    },
    ComputedRule {
        id: "coverage.missing-key-message",
        severity: Severity::Info,
        summary: "A key message that no sales file carries.",
        description: "## What it does\nReports, at the brand doc's line, each key message (under a heading such as Key messages, Pillars, Value propositions, Proof points) that no sales claim matches. Only when the whole sales set is checked.\n\n## Why is this bad?\nA message marketing counts on is not reaching customers.\n\n## Example\nA pillar \"Close the books in days\" that no call script mentions.\nUse instead: add it to a talk track, or retire it.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_computed_rule_is_documented_with_the_three_headings() {
        for rule in computed_rules() {
            for heading in ["## What it does", "## Why is this bad?", "## Example"] {
                assert!(
                    rule.description.contains(heading),
                    "{} lacks {heading}",
                    rule.id
                );
            }
        }
    }

    #[test]
    fn ids_are_unique_and_grouped() {
        let mut ids: Vec<_> = computed_rules().iter().map(|r| r.id).collect();
        assert!(ids.iter().all(|id| id.contains('.')));
        ids.sort();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }

    #[test]
    fn group_prefix_selects_only_whole_segments() {
        assert!(selects("align", "align.negation"));
        assert!(selects("align.negation", "align.negation"));
        assert!(!selects("ali", "align.negation"));
        assert!(!selects("align.neg", "align.negation"));
    }
}

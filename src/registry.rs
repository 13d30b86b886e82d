//! The rules computed in Rust, with their stable ids, default severities and
//! documentation (each one's page in `docs/rules/`, embedded), for `rules
//! list`, `rules explain`, SARIF and directives. Built-in YAML rules
//! describe themselves; their pages are generated here from the packs.

use crate::diagnostic::Severity;

/// A computed rule's public contract.
#[derive(Clone, Copy, Debug)]
pub struct ComputedRule {
    pub id: &'static str,
    pub severity: Severity,
    /// The rule's page, `docs/rules/<id>.md`: a `# <id>` title, a one-line
    /// summary, then What it does / Why is this bad? / Example / How to fix.
    pub description: &'static str,
}

impl ComputedRule {
    /// The page's first paragraph: what the rule finds, in one sentence.
    pub fn summary(&self) -> &'static str {
        self.split().0
    }

    /// The page after its title and summary: the sections.
    pub fn body(&self) -> &'static str {
        self.split().1
    }

    /// The page without its title: summary and sections.
    pub fn help(&self) -> &'static str {
        let page = self.description;
        let title_end = page.find('\n').map_or(page.len(), |i| i + 1);
        page[title_end..].trim()
    }

    fn split(&self) -> (&'static str, &'static str) {
        let rest = self.help();
        match rest.find("\n\n") {
            Some(i) => (rest[..i].trim(), rest[i..].trim()),
            None => (rest, ""),
        }
    }
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

/// Where the rule pages live, relative to the repository root.
pub const PAGES_DIR: &str = "docs/rules";

/// How to rewrite the generated pages, for messages and their own header.
pub const REGENERATE: &str = "ONMESSAGE_BLESS=1 cargo test --test ci rule_pages";

/// The anchor GitHub gives a Markdown heading: lower case, spaces to `-`,
/// punctuation other than `-` and `_` dropped (`risky.guarantee` →
/// `riskyguarantee`). Inline code ticks are punctuation too.
pub fn github_anchor(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// `docs/rules/<id>.md`, the one place a computed rule's text lives.
macro_rules! page {
    ($id:literal) => {
        include_str!(concat!("../docs/rules/", $id, ".md"))
    };
}

const COMPUTED: &[ComputedRule] = &[
    ComputedRule {
        id: "input.front-matter",
        severity: Severity::Error,
        description: page!("input.front-matter"),
    },
    ComputedRule {
        id: "directive.unknown-rule",
        severity: Severity::Warning,
        description: page!("directive.unknown-rule"),
    },
    ComputedRule {
        id: "directive.unused",
        severity: Severity::Info,
        description: page!("directive.unused"),
    },
    ComputedRule {
        id: "terms.replaced",
        severity: Severity::Warning,
        description: page!("terms.replaced"),
    },
    ComputedRule {
        id: "terms.avoided",
        severity: Severity::Warning,
        description: page!("terms.avoided"),
    },
    ComputedRule {
        id: "align.number-mismatch",
        severity: Severity::Error,
        description: page!("align.number-mismatch"),
    },
    ComputedRule {
        id: "align.qualifier-dropped",
        severity: Severity::Error,
        description: page!("align.qualifier-dropped"),
    },
    ComputedRule {
        id: "align.negation",
        severity: Severity::Error,
        description: page!("align.negation"),
    },
    ComputedRule {
        id: "align.escalation",
        severity: Severity::Error,
        description: page!("align.escalation"),
    },
    ComputedRule {
        id: "align.unsupported",
        severity: Severity::Warning,
        description: page!("align.unsupported"),
    },
    ComputedRule {
        id: "brand.conflict",
        severity: Severity::Warning,
        description: page!("brand.conflict"),
    },
    ComputedRule {
        id: "coverage.missing-key-message",
        severity: Severity::Info,
        description: page!("coverage.missing-key-message"),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_computed_rule_page_has_its_title_summary_and_sections() {
        for rule in computed_rules() {
            let title = rule.description.lines().next().unwrap_or("");
            assert_eq!(title, format!("# {}", rule.id), "docs/rules/{}.md", rule.id);
            let summary = rule.summary();
            assert!(
                !summary.is_empty() && !summary.contains('\n') && !summary.starts_with('#'),
                "{}: the summary is one line under the title",
                rule.id
            );
            let mut at = 0;
            for heading in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## How to fix",
            ] {
                let found = rule.body()[at..].find(heading);
                assert!(
                    found.is_some(),
                    "{} lacks {heading}, in this order",
                    rule.id
                );
                at += found.unwrap();
            }
            assert!(rule.help().starts_with(summary));
            assert!(rule.help().ends_with(rule.body()));
        }
    }

    #[test]
    fn anchors_follow_github() {
        assert_eq!(
            github_anchor("align.number-mismatch"),
            "alignnumber-mismatch"
        );
        assert_eq!(github_anchor("Why is this bad?"), "why-is-this-bad");
        assert_eq!(github_anchor("The `risky` pack"), "the-risky-pack");
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

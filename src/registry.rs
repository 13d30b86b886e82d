//! The rules computed in Rust, with their stable ids, default severities and
//! documentation (each one's page in `docs/rules/`, embedded), for `rules
//! list`, `rules explain`, SARIF and directives. Built-in YAML rules
//! describe themselves; their pages are generated here from the packs.

use crate::diagnostic::Severity;
use crate::error::{Error, Result};
use crate::rules::{self, Origin, Rule};

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

/// Where the rule pages live, relative to the repository root.
pub const PAGES_DIR: &str = "docs/rules";

/// How to rewrite the generated pages, for messages and their own header.
pub const REGENERATE: &str = "ONMESSAGE_BLESS=1 cargo test --test ci rule_pages";

/// A rule's page and anchor (`("risky.md", "riskyguarantee")`) when the
/// repository documents it: computed rules and the built-in packs' rules.
pub fn rule_page(id: &str, origin: Option<&Origin>) -> Option<(String, String)> {
    match origin {
        None => computed_rule(id).map(|r| (format!("{}.md", r.id), github_anchor(r.id))),
        Some(Origin::BuiltIn(pack)) => Some((format!("{pack}.md"), github_anchor(id))),
        Some(_) => None,
    }
}

/// The rule's page on the repository's default branch, if it has one.
pub fn rule_page_url(id: &str, origin: Option<&Origin>) -> Option<String> {
    let (file, anchor) = rule_page(id, origin)?;
    Some(format!(
        "{}/blob/main/{PAGES_DIR}/{file}#{anchor}",
        env!("CARGO_PKG_REPOSITORY")
    ))
}

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

/// Every built-in pack's generated page: (file name in `PAGES_DIR`, text).
pub fn builtin_pack_pages() -> Result<Vec<(String, String)>> {
    let rules = rules::builtin_rules()?;
    rules::BUILTIN_PACKS
        .iter()
        .map(|(name, yaml)| {
            let pack: rules::model::PackFile = serde_yaml::from_str(yaml)
                .map_err(|e| Error::new(format!("rules/{name}.yml: {e}")))?;
            let of_pack: Vec<&Rule> = rules.iter().filter(|r| r.pack == *name).collect();
            Ok((
                format!("{name}.md"),
                pack_page(name, &pack.description, &of_pack),
            ))
        })
        .collect()
}

fn pack_page(name: &str, description: &str, rules: &[&Rule]) -> String {
    let mut out = format!(
        "<!-- Generated from rules/{name}.yml; do not edit. Regenerate with\n     {REGENERATE} -->\n\n# The `{name}` pack\n\n"
    );
    if !description.trim().is_empty() {
        out.push_str(&format!("{}\n\n", markdown_text(description.trim())));
    }
    out.push_str(&format!(
        "Built into onmessage and on by default. Rules are reported as `{name}.<id>`; \
         turn one off or change its severity under `rules:` in `onmessage.yml` \
         (see [Rule packs](../rules.md)). `onmessage rules explain {name}.<id>` \
         also prints the terms and patterns a rule matches.\n\n\
         | Rule | Kind | Default |\n| --- | --- | --- |\n"
    ));
    for rule in rules {
        out.push_str(&format!(
            "| [`{id}`](#{anchor}) | {kind} | {severity} |\n",
            id = rule.id,
            anchor = github_anchor(&rule.id),
            kind = rule.kind.as_str(),
            severity = rule.severity,
        ));
    }
    for rule in rules {
        out.push_str(&format!("\n## {}\n\n{}", rule.id, pack_rule_help(rule)));
    }
    out
}

/// A YAML rule's documentation as Markdown, from its description, message
/// and examples: its section of the pack page, and its SARIF help.
pub fn pack_rule_help(rule: &Rule) -> String {
    let mut out = String::new();
    if !rule.description.trim().is_empty() {
        out.push_str(&format!("{}\n\n", markdown_text(rule.description.trim())));
    }
    out.push_str(&format!(
        "A `{}` rule, {} by default. Applies to {}.\n\n",
        rule.kind.as_str(),
        rule.severity,
        markdown_text(&rule.scope_summary())
    ));
    for (title, examples) in [
        ("Reported", &rule.examples.invalid),
        ("Not reported", &rule.examples.valid),
    ] {
        if !examples.is_empty() {
            out.push_str(&format!("**{title}:**\n\n"));
            for example in examples {
                out.push_str(&format!("- \"{}\"\n", markdown_text(example.trim())));
            }
            out.push('\n');
        }
    }
    if !rule.exception_phrases.is_empty() {
        let phrases: Vec<String> = rule
            .exception_phrases
            .iter()
            .map(|p| format!("\"{}\"", markdown_text(p)))
            .collect();
        out.push_str(&format!(
            "**Exceptions:** a match overlapping {} is not reported.\n\n",
            phrases.join(", ")
        ));
    }
    out.push_str(&format!(
        "**How to fix:** each finding says what to do instead \
         (`{{match}}` is the reported text):\n\n> {}\n",
        markdown_text(&rule.message)
    ));
    out
}

/// Text with Markdown's inline markup characters escaped, so pack text
/// renders as written.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
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
        assert_eq!(
            rule_page("brand.conflict", None),
            Some(("brand.conflict.md".into(), "brandconflict".into()))
        );
        let team = Origin::File("rules/acme.yml".into());
        assert_eq!(rule_page("acme.x", Some(&team)), None);
    }

    #[test]
    fn pack_pages_give_every_rule_its_heading() {
        let pages = builtin_pack_pages().unwrap();
        assert_eq!(pages.len(), rules::BUILTIN_PACKS.len());
        for rule in rules::builtin_rules().unwrap() {
            let (file, _) = rule_page(&rule.id, Some(&rule.origin)).unwrap();
            let page = &pages.iter().find(|(f, _)| *f == file).unwrap().1;
            let section = format!("\n## {}\n\n{}", rule.id, pack_rule_help(&rule));
            assert!(page.contains(&section), "{}", rule.id);
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

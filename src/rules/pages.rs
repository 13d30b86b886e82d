//! Rule pages: where each rule's documentation lives under `docs/rules/`,
//! and the generated pages of the built-in packs (from each rule's
//! `description`, scope and `examples`).

use crate::error::{Error, Result};
use crate::registry::{computed_rule, github_anchor, PAGES_DIR, REGENERATE};

use super::{builtin_rules, Origin, Rule, BUILTIN_PACKS};

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

/// Every built-in pack's generated page: (file name in `PAGES_DIR`, text).
pub fn builtin_pack_pages() -> Result<Vec<(String, String)>> {
    let rules = builtin_rules()?;
    BUILTIN_PACKS
        .iter()
        .map(|(name, yaml)| {
            let pack: super::model::PackFile = serde_yaml::from_str(yaml)
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
    if rules
        .iter()
        .any(|r| r.context == super::model::Context::Claims)
    {
        let table = out.rfind("| Rule |").unwrap_or(out.len());
        out.insert_str(
            table,
            "Rules with `context: claims` read only what our side says to a customer: \
             a sentence that only mentions the phrase (quoted, guidance to reps, a label \
             or scale definition, someone else's words, a goal, a sourced or contractual \
             claim) is not reported. See [Context](../rules.md#context-claims-or-text).\n\n",
        );
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computed_and_built_in_rules_have_pages_and_team_rules_none() {
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
        assert_eq!(pages.len(), BUILTIN_PACKS.len());
        for rule in builtin_rules().unwrap() {
            let (file, _) = rule_page(&rule.id, Some(&rule.origin)).unwrap();
            let page = &pages.iter().find(|(f, _)| *f == file).unwrap().1;
            let section = format!("\n## {}\n\n{}", rule.id, pack_rule_help(&rule));
            assert!(page.contains(&section), "{}", rule.id);
        }
    }
}

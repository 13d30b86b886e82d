//! Is a sales file material a customer hears, or internal documentation that
//! happens to match the sales globs (a handbook's process pages, full of
//! quotas and deadlines)? Speaker labels, and sales words in the path or
//! title ("objection", "email", "battlecard"), say customer-facing; internal
//! words ("process", "hiring", "benefits") say internal. Otherwise the file
//! is taken at its role's word.

use crate::claims::Lexicon;
use crate::markdown::{BlockKind, Doc};

fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in text.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
        let part = part.to_lowercase();
        if part.is_empty() {
            continue;
        }
        out.extend(
            part.split('-')
                .filter(|w| !w.is_empty())
                .map(str::to_string),
        );
        out.push(part);
    }
    out
}

pub fn is_sales_material(doc: &Doc, lex: &Lexicon) -> bool {
    if doc.blocks.iter().any(|b| b.speaker.is_some()) {
        return true;
    }
    let mut found = words(&doc.path);
    if let Some(title) = doc.blocks.iter().find(|b| b.kind == BlockKind::Heading) {
        found.extend(words(&title.text));
    }
    if found.iter().any(|w| lex.sales_material.contains(w)) {
        return true;
    }
    !found.iter().any(|w| lex.internal_context.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::tests::doc;

    #[test]
    fn handbook_pages_are_internal_and_scripts_are_not() {
        let lex = Lexicon::builtin();
        let internal = doc(
            "content/departments/sales/process/forecasting.md",
            &["# Forecasting", "Quota is 120%."],
        );
        assert!(!is_sales_material(&internal, &lex));
        let questions = doc(
            "content/departments/sales/tools/common_customer_questions.md",
            &["# Questions"],
        );
        assert!(is_sales_material(&questions, &lex));
        let script = doc(
            "people/process/call.md",
            &["# Call", "Rep: We automate 80% of invoices."],
        );
        assert!(is_sales_material(&script, &lex));
        let plain = doc(
            "sales/enterprise.md",
            &["# Enterprise", "We automate 80% of invoices."],
        );
        assert!(is_sales_material(&plain, &lex));
    }
}

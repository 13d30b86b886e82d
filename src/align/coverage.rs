//! `coverage.missing-key-message`, documented in
//! `docs/rules/coverage.missing-key-message.md`. The caller decides whether
//! the whole sales set was checked; this only reads the matches.

use crate::diagnostic::{Finding, Severity};
use crate::registry;

use super::checks::short;
use super::{BrandDoc, ClaimMatch};

pub fn coverage(brand: &[BrandDoc<'_>], matches: &[Vec<ClaimMatch>]) -> Vec<Finding> {
    // One flag per brand claim: every sales claim marks its related ones
    // (tens each against a large brand), so no hashing.
    let mut carried: Vec<Vec<bool>> = brand
        .iter()
        .map(|bd| vec![false; bd.claims.len()])
        .collect();
    for &(d, c, _) in matches
        .iter()
        .flatten()
        .flat_map(|m| m.brand.iter().chain(m.related.iter()))
    {
        carried[d][c] = true;
    }
    let severity = registry::computed_rule("coverage.missing-key-message")
        .map_or(Severity::Info, |r| r.severity);
    let mut out = Vec::new();
    for (d, bd) in brand.iter().enumerate() {
        for (c, claim) in bd.claims.iter().enumerate() {
            // A denial ("Kestrel does not offer fuel cards") is guidance on
            // what not to say, not a message for sales to carry.
            if !claim.key_message || claim.negated || carried[d][c] {
                continue;
            }
            out.push(Finding::in_doc(
                "coverage.missing-key-message",
                severity,
                bd.doc,
                claim.span.clone(),
                format!(
                    "no sales file carries the key message \"{}\"; add it to a talk track, or retire it",
                    short(&claim.text)
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::tests::doc;
    use crate::claims::{extract, Lexicon};

    #[test]
    fn a_denial_is_no_message_to_carry() {
        let brand_doc = doc(
            "brand/messaging.md",
            &[
                "# Key messages",
                "Ledgerly cuts invoice processing time in half.",
                "Ledgerly does not offer payroll.",
            ],
        );
        let claims = extract(&brand_doc, &Lexicon::builtin());
        assert_eq!(claims.len(), 2, "{claims:?}");
        assert!(claims.iter().all(|c| c.key_message));
        let brand = [BrandDoc {
            doc: &brand_doc,
            claims: &claims,
        }];
        let lines: Vec<usize> = coverage(&brand, &[]).iter().map(|f| f.line).collect();
        assert_eq!(lines, vec![2]);
    }
}

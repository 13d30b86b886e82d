//! `coverage.missing-key-message`, documented in
//! `docs/rules/coverage.missing-key-message.md`. The caller decides whether
//! the whole sales set was checked; this only reads the matches.

use crate::claims::Claim;
use crate::diagnostic::{Finding, Severity};
use crate::markdown::BlockKind;
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
    // A table row is one message ("Cam add-on | $18 per vehicle per month |
    // 36 months"): a sales line that carries one of its cells carries the row.
    for (d, bd) in brand.iter().enumerate() {
        let row_of = |c: &Claim| {
            (bd.doc.blocks.get(c.block).map(|b| b.kind) == Some(BlockKind::Table)).then_some(c.line)
        };
        let rows: Vec<_> = bd
            .claims
            .iter()
            .zip(&carried[d])
            .filter(|(_, &carried)| carried)
            .filter_map(|(c, _)| row_of(c))
            .collect();
        for (c, claim) in bd.claims.iter().enumerate() {
            if row_of(claim).is_some_and(|row| rows.contains(&row)) {
                carried[d][c] = true;
            }
        }
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

    #[test]
    fn carrying_one_cell_of_a_row_carries_the_row() {
        let source = "# Key messages\n\n| Plan | Price | Term |\n|---|---|---|\n\
            | Kestrel Cam add-on | $18 per vehicle per month | 36 months |\n\
            | Kestrel Pro | $32 per vehicle per month | 12 months |\n";
        let brand_doc =
            crate::markdown::parse("brand/pricing.md", source.into(), &Default::default());
        let claims = extract(&brand_doc, &Lexicon::builtin());
        let on = |line: usize| {
            claims
                .iter()
                .enumerate()
                .filter(|(_, c)| c.line == line && c.key_message)
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        };
        let (cam, pro) = (on(5), on(6));
        assert!(cam.len() >= 2 && pro.len() >= 2, "{claims:?}");
        let brand = [BrandDoc {
            doc: &brand_doc,
            claims: &claims,
        }];
        // A sales line restating the Cam price, and nothing of the Pro row.
        let matches = vec![vec![ClaimMatch {
            claim: 0,
            brand: Some((0, cam[0], 0.9)),
            related: Vec::new(),
        }]];
        let lines: Vec<usize> = coverage(&brand, &matches).iter().map(|f| f.line).collect();
        assert!(!lines.contains(&5), "{lines:?}");
        assert!(lines.contains(&6), "{lines:?}");
    }
}

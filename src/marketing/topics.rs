//! Field insights: group unsupported sales claims into topics by the key
//! terms they share, so a claim the field repeats across files stands out.

use std::collections::BTreeSet;

use super::model::{Place, Topic};

/// Claims join a topic when they share at least this many of its key terms
/// (or all of them, when the claim or the topic has fewer).
const SHARED_TERMS: usize = 2;

struct Draft {
    /// The terms every member shares; shrinks as members join.
    core: BTreeSet<String>,
    claims: Vec<Place>,
}

/// A claim's terms, normalised; a claim without terms is its own text, so
/// that only identical sentences group.
fn key_terms(place: &Place, terms: &[String]) -> BTreeSet<String> {
    let set: BTreeSet<String> = terms
        .iter()
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    if set.is_empty() {
        BTreeSet::from([place.text.to_lowercase()])
    } else {
        set
    }
}

/// Group `(claim, key terms)` into topics, most repeated across files first.
pub(crate) fn group(mut items: Vec<(Place, Vec<String>)>) -> Vec<Topic> {
    items.sort_by(|a, b| a.0.cmp(&b.0));
    let mut drafts: Vec<Draft> = Vec::new();
    for (place, terms) in items {
        let terms = key_terms(&place, &terms);
        let best = drafts
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                let shared = d.core.intersection(&terms).count();
                let need = SHARED_TERMS.min(terms.len()).min(d.core.len()).max(1);
                (shared >= need).then_some((shared, i))
            })
            // Most shared terms; the earliest topic on a tie.
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        match best {
            Some((_, i)) => {
                let d = &mut drafts[i];
                d.core = d.core.intersection(&terms).cloned().collect();
                d.claims.push(place);
            }
            None => drafts.push(Draft {
                core: terms,
                claims: vec![place],
            }),
        }
    }
    let mut topics: Vec<Topic> = drafts
        .into_iter()
        .map(|d| Topic {
            files: d
                .claims
                .iter()
                .map(|p| p.path.as_str())
                .collect::<BTreeSet<_>>()
                .len(),
            terms: d.core.into_iter().collect(),
            claims: d.claims,
        })
        .collect();
    topics.sort_by(|a, b| {
        b.files
            .cmp(&a.files)
            .then(b.claims.len().cmp(&a.claims.len()))
            .then_with(|| a.terms.cmp(&b.terms))
    });
    topics
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(path: &str, line: usize, text: &str, terms: &[&str]) -> (Place, Vec<String>) {
        (
            Place {
                path: path.into(),
                line,
                text: text.into(),
            },
            terms.iter().map(|t| t.to_string()).collect(),
        )
    }

    #[test]
    fn claims_sharing_two_terms_form_one_topic_sorted_by_files() {
        let topics = group(vec![
            item("a.md", 3, "SOC 2 certified", &["soc", "certified"]),
            item(
                "b.md",
                9,
                "We are SOC 2 Type II certified",
                &["soc", "type", "certified"],
            ),
            item(
                "c.md",
                1,
                "soc 2 certified since 2020",
                &["SOC", "Certified", "2020"],
            ),
            item("a.md", 5, "Fastest onboarding", &["fastest", "onboarding"]),
            item(
                "a.md",
                7,
                "Onboarding is the fastest",
                &["onboarding", "fastest"],
            ),
        ]);
        assert_eq!(topics.len(), 2);
        assert_eq!(topics[0].terms, ["certified", "soc"]);
        assert_eq!(topics[0].files, 3);
        assert_eq!(topics[0].claims.len(), 3);
        assert_eq!(topics[1].terms, ["fastest", "onboarding"]);
        assert_eq!(topics[1].files, 1);
        assert_eq!(topics[1].claims.len(), 2);
    }

    #[test]
    fn one_shared_term_of_many_is_not_a_topic() {
        let topics = group(vec![
            item("a.md", 1, "x", &["pricing", "seats", "annual"]),
            item("b.md", 1, "y", &["pricing", "discount", "quarter"]),
        ]);
        assert_eq!(topics.len(), 2);
    }

    #[test]
    fn a_single_term_claim_joins_a_topic_that_has_its_term() {
        let topics = group(vec![
            item("a.md", 1, "x", &["hipaa"]),
            item("b.md", 1, "y", &["hipaa", "compliant"]),
        ]);
        assert_eq!(topics.len(), 1);
        assert_eq!(topics[0].terms, ["hipaa"]);
        assert_eq!(topics[0].files, 2);
    }

    #[test]
    fn claims_without_terms_group_only_when_identical() {
        let topics = group(vec![
            item("a.md", 1, "We never lose a deal", &[]),
            item("b.md", 2, "we never lose a deal", &[]),
            item("c.md", 2, "Something else", &[]),
        ]);
        assert_eq!(topics.len(), 2);
        assert_eq!(topics[0].files, 2);
    }
}

//! Field insights: group unsupported sales claims into topics by the key
//! terms they share, so a claim the field repeats across files stands out.
//!
//! A topic is what the claims holding a pair of key terms (or the term of a
//! one-term claim) have in common; its claims are every claim holding all of
//! its terms. A claim may belong to several topics ("ISO 27001 certified, and
//! the only vendor with a native SAP connector" is about both). Topics are
//! chosen most-repeated first, and one is kept only when it adds a claim no
//! chosen topic has; a claim in no shared topic is a topic of its own.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::model::{Place, Topic};

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

/// Is `word` (lower case) a spelling of the stem `term`? It starts with the
/// stem, or differs only in the stem's last letter ("ledgerly" → "ledgerli").
fn spells(word: &str, term: &str) -> bool {
    if word.starts_with(term) {
        return true;
    }
    let common = word
        .chars()
        .zip(term.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let len = term.chars().count();
    len >= 4 && common + 1 == len && word.chars().count() >= len
}

/// Key terms are often stems ("certifi"); show the word the claims use
/// ("certified"): the most frequent word starting with the term, in its most
/// frequent spelling (lower case on a tie, so a sentence's capital goes).
fn readable(term: &str, claims: &[&Place]) -> String {
    // lowercase word → (count, spelling → count)
    let mut words: BTreeMap<String, (usize, BTreeMap<&str, usize>)> = BTreeMap::new();
    for place in claims {
        for word in place.text.split(|c: char| !c.is_alphanumeric()) {
            let lower = word.to_lowercase();
            if !word.is_empty() && spells(&lower, term) {
                let entry = words.entry(lower).or_default();
                entry.0 += 1;
                *entry.1.entry(word).or_default() += 1;
            }
        }
    }
    let Some((lower, (_, spellings))) = words
        .into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.0.len().cmp(&a.0.len())))
    else {
        return term.to_string();
    };
    spellings
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then((a.0 == lower).cmp(&(b.0 == lower))))
        .map_or(lower.clone(), |(w, _)| w.to_string())
}

/// Group `(claim, key terms)` into topics, most repeated across files first.
pub(crate) fn group(mut items: Vec<(Place, Vec<String>)>) -> Vec<Topic> {
    items.sort_by(|a, b| a.0.cmp(&b.0));
    let sets: Vec<BTreeSet<String>> = items.iter().map(|(p, t)| key_terms(p, t)).collect();

    let files_of = |members: &[usize]| {
        members
            .iter()
            .map(|&i| items[i].0.path.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    };
    // Candidate topics: every pair of terms (and the term of a one-term
    // claim) held by two claims or more. Each claim has few terms, so this
    // stays linear in the number of claims, however common a term is.
    let mut groups: HashMap<Vec<&str>, Vec<usize>> = HashMap::new();
    for (i, set) in sets.iter().enumerate() {
        let terms: Vec<&str> = set.iter().map(String::as_str).collect();
        if let [only] = terms.as_slice() {
            groups.entry(vec![*only]).or_default().push(i);
        }
        for (x, a) in terms.iter().enumerate() {
            for b in &terms[x + 1..] {
                groups.entry(vec![*a, *b]).or_default().push(i);
            }
        }
    }
    let mut by_term: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, set) in sets.iter().enumerate() {
        for t in set {
            by_term.entry(t).or_default().push(i);
        }
    }
    let mut seen: BTreeSet<Vec<usize>> = BTreeSet::new();
    let mut ranked: Vec<(BTreeSet<String>, Vec<usize>, usize)> = Vec::new();
    for (terms, members) in groups {
        // A one-term claim shares its topic with every claim holding its term.
        let members = if terms.len() == 1 {
            by_term[terms[0]].clone()
        } else {
            members
        };
        if members.len() < 2 || !seen.insert(members.clone()) {
            continue;
        }
        // The topic's key: every term its claims share.
        let mut key = sets[members[0]].clone();
        for &i in &members[1..] {
            key.retain(|t| sets[i].contains(t));
        }
        let files = files_of(&members);
        ranked.push((key, members, files));
    }
    ranked.sort_by(|a, b| {
        b.2.cmp(&a.2)
            .then(b.1.len().cmp(&a.1.len()))
            .then(b.0.len().cmp(&a.0.len()))
            .then_with(|| a.0.cmp(&b.0))
            .then_with(|| a.1.cmp(&b.1))
    });

    let mut covered = vec![false; items.len()];
    let mut chosen: Vec<(BTreeSet<String>, Vec<usize>)> = Vec::new();
    for (key, members, _) in ranked {
        if members.iter().any(|&i| !covered[i]) {
            for &i in &members {
                covered[i] = true;
            }
            chosen.push((key, members));
        }
    }
    for (i, set) in sets.iter().enumerate() {
        if !covered[i] {
            chosen.push((set.clone(), vec![i]));
        }
    }

    let mut topics: Vec<Topic> = chosen
        .into_iter()
        .map(|(key, members)| {
            let claims: Vec<Place> = members.iter().map(|&i| items[i].0.clone()).collect();
            let refs: Vec<&Place> = claims.iter().collect();
            Topic {
                files: files_of(&members),
                terms: key.iter().map(|t| readable(t, &refs)).collect(),
                claims,
            }
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
            item("a.md", 3, "SOC 2 certified", &["soc", "certifi"]),
            item(
                "b.md",
                9,
                "We are SOC 2 Type II certified",
                &["soc", "type", "certifi"],
            ),
            item(
                "c.md",
                1,
                "soc 2 certified since 2020",
                &["SOC", "Certifi", "2020"],
            ),
            item(
                "a.md",
                5,
                "Fastest onboarding by Ledgerly",
                &["fastest", "onboard", "ledgerli"],
            ),
            item(
                "a.md",
                7,
                "Onboarding is the fastest",
                &["onboard", "fastest"],
            ),
        ]);
        assert_eq!(topics.len(), 2);
        // Stems are shown as the words the claims use.
        assert_eq!(topics[0].terms, ["certified", "SOC"]);
        assert_eq!(topics[0].files, 3);
        assert_eq!(topics[0].claims.len(), 3);
        assert_eq!(topics[1].terms, ["fastest", "onboarding"]);
        assert_eq!(readable("ledgerli", &[&topics[1].claims[0]]), "Ledgerly");
        assert_eq!(readable("zzz", &[&topics[1].claims[0]]), "zzz");
        assert_eq!(topics[1].files, 1);
        assert_eq!(topics[1].claims.len(), 2);
    }

    #[test]
    fn a_claim_about_two_topics_counts_in_both() {
        let topics = group(vec![
            item(
                "call.md",
                9,
                "ISO certified, the only native SAP connector",
                &["iso", "certifi", "sap", "connector", "nativ"],
            ),
            item("faq.md", 5, "We're ISO certified too", &["iso", "certifi"]),
            item(
                "obj.md",
                9,
                "Only vendor with a native SAP connector",
                &["vendor", "sap", "connector", "nativ"],
            ),
        ]);
        assert_eq!(topics.len(), 2, "{topics:?}");
        assert!(topics.iter().all(|t| t.files == 2), "{topics:?}");
        let labels: Vec<String> = topics.iter().map(|t| t.terms.join(" ")).collect();
        assert!(labels.contains(&"certified ISO".to_string()), "{labels:?}");
        assert!(
            labels.contains(&"connector native SAP".to_string()),
            "{labels:?}"
        );
    }

    /// Thousands of claims that all name the product: grouping stays fast.
    #[test]
    fn grouping_scales_to_thousands_of_claims() {
        let items: Vec<_> = (0..4000)
            .map(|i| {
                let terms = [
                    "acme".to_string(),
                    format!("t{}", i % 97),
                    format!("u{}", i % 89),
                    format!("v{}", i % 13),
                ];
                let refs: Vec<&str> = terms.iter().map(String::as_str).collect();
                item(&format!("f{}.md", i % 300), i, "claim", &refs)
            })
            .collect();
        let start = std::time::Instant::now();
        let topics = group(items);
        assert!(!topics.is_empty());
        let claims: usize = topics.iter().map(|t| t.claims.len()).sum();
        assert!(claims >= 4000);
        assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
    }

    #[test]
    fn one_shared_term_of_many_is_not_a_topic() {
        let topics = group(vec![
            item("a.md", 1, "x", &["pricing", "seats", "annual"]),
            item("b.md", 1, "y", &["pricing", "discount", "quarter"]),
        ]);
        assert_eq!(topics.len(), 2);
        assert!(topics.iter().all(|t| t.files == 1 && t.claims.len() == 1));
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

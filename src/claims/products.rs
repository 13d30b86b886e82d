//! Our product names, as the brand docs give them. Front matter says it
//! outright (`product`, `products`, `terms[].use`); a brand without front
//! matter says it by how it writes: the name in a doc's title that opens
//! the brand's own sentences and is never written in lower case
//! ("# Ledgerline Messaging Guide" and "Ledgerline Pay is …").

use rustc_hash::{FxHashMap, FxHashSet};

use super::sentences;
use super::words::tokenize;
use super::Lexicon;
use crate::markdown::{BlockKind, Doc};

/// A title word must open at least this many brand sentences to be a name.
const MIN_OPENINGS: usize = 2;

/// Our product names, lower case, sorted: front matter first, then the
/// names the brand's writing shows.
pub fn of_brand(brand: &[&Doc], lexicon: &Lexicon) -> Vec<String> {
    let mut names: Vec<String> = brand
        .iter()
        .flat_map(|d| {
            let fm = &d.front_matter;
            fm.products
                .iter()
                .chain(&fm.product)
                .chain(fm.terms.iter().map(|t| &t.use_term))
        })
        .map(|p| p.trim().to_lowercase())
        .filter(|p| !p.is_empty())
        .collect();
    names.extend(from_writing(brand, lexicon));
    names.sort();
    names.dedup();
    names
}

/// Words the brand writes right after one of our names ("Kestrel ELD",
/// "Halyard Console"), capitalised every time and never in lower case:
/// the part of the product they name. Lower case, sorted.
/// `names` are [`of_brand`]'s.
pub fn parts_of_brand(brand: &[&Doc], lexicon: &Lexicon, names: &[String]) -> Vec<String> {
    let name_words: FxHashSet<&str> = names.iter().flat_map(|n| n.split_whitespace()).collect();
    let mut after_a_name: FxHashSet<String> = FxHashSet::default();
    let mut lower_case: FxHashSet<String> = FxHashSet::default();
    for block in brand.iter().flat_map(|d| &d.blocks) {
        let toks = tokenize(&block.text);
        let words: Vec<_> = toks.iter().filter(|t| t.is_word()).collect();
        for (i, t) in words.iter().enumerate() {
            if !t.capitalized && !t.all_caps {
                lower_case.insert(t.lower.to_string());
            } else if i > 0 && name_words.contains(&*words[i - 1].lower) {
                after_a_name.insert(t.lower.to_string());
            }
        }
    }
    let mut parts: Vec<String> = after_a_name
        .into_iter()
        .filter(|w| {
            w.chars().count() >= 2
                && w.chars().all(char::is_alphabetic)
                && !name_words.contains(w.as_str())
                && !lower_case.contains(w)
                && !lexicon.stopwords.contains(w)
        })
        .collect();
    parts.sort();
    parts
}

/// Title words that open brand sentences and are always capitalised.
fn from_writing(brand: &[&Doc], lexicon: &Lexicon) -> Vec<String> {
    let mut title_words: FxHashSet<String> = FxHashSet::default();
    let mut openings: FxHashMap<String, usize> = FxHashMap::default();
    let mut lower_case: FxHashSet<String> = FxHashSet::default();
    for doc in brand {
        let mut titled = false;
        for block in &doc.blocks {
            let text = &block.text;
            if block.kind == BlockKind::Heading && !titled {
                titled = true;
                for t in tokenize(text).iter().filter(|t| t.is_word()) {
                    if t.capitalized {
                        title_words.insert(t.lower.to_string());
                    }
                }
                continue;
            }
            for range in sentences::split(text, &lexicon.abbreviations) {
                let toks = tokenize(&text[range]);
                let mut words = toks.iter().filter(|t| t.is_word());
                if let Some(first) = words.next() {
                    if first.capitalized && !first.all_caps {
                        *openings.entry(first.lower.to_string()).or_default() += 1;
                    }
                }
                for t in words.filter(|t| !t.capitalized) {
                    lower_case.insert(t.lower.to_string());
                }
            }
        }
    }
    let mut names: Vec<String> = openings
        .into_iter()
        .filter(|(w, n)| {
            *n >= MIN_OPENINGS
                && w.chars().count() >= 3
                && w.chars().all(char::is_alphabetic)
                && title_words.contains(w)
                && !lower_case.contains(w)
                && !lexicon.stopwords.contains(w)
        })
        .map(|(w, _)| w)
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(path: &str, text: &str) -> Doc {
        crate::markdown::parse(path, text.to_string(), &Default::default())
    }

    #[test]
    fn a_title_name_that_opens_brand_sentences_is_ours() {
        let guide = doc(
            "brand/guide.md",
            "# Ledgerline Messaging Guide\n\nLedgerline Pay issues virtual cards.\n\n\
             Ledgerline is not PCI DSS Level 1 certified.\n\nMessaging is owned by marketing.\n\n\
             Growers save water. Most growers save more.\n",
        );
        let names = of_brand(&[&guide], &Lexicon::builtin());
        // "Messaging" opens a sentence and is in the title, but is also
        // written in lower case ("messaging"); "Growers" is not in the title.
        assert_eq!(names, vec!["ledgerline".to_string()]);
    }

    #[test]
    fn a_capitalised_word_after_our_name_is_a_part_of_ours() {
        let guide = doc(
            "brand/guide.md",
            "# Kestrel Fleet value propositions\n\nKestrel Fleet cuts idling.\n\n\
             The Kestrel ELD is FMCSA-registered.\n\nKestrel Cam records in HD.\n\n\
             Kestrel Fleet helps every fleet, and the cam is optional.\n",
        );
        // "Fleet" and "Cam" are also written in lower case: words, not parts.
        let names = of_brand(&[&guide], &Lexicon::builtin());
        assert_eq!(
            parts_of_brand(&[&guide], &Lexicon::builtin(), &names),
            vec!["eld".to_string()]
        );
    }

    #[test]
    fn front_matter_names_come_first_and_terms_count() {
        let guide = doc(
            "brand/guide.md",
            "---\nterms:\n  - use: \"Ledgerline AP\"\n    not: [InvoiceIQ]\n---\n# Guide\n\nIt works.\n",
        );
        assert_eq!(
            of_brand(&[&guide], &Lexicon::builtin()),
            vec!["ledgerline ap".to_string()]
        );
    }
}

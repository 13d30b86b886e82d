//! Every term list of a run compiled together: one Aho-Corasick automaton
//! for case-folded literals, one for case-sensitive ones, and a `RegexSet`
//! that tells which of the (individually compiled) patterns to run on a
//! block at all. A block is scanned once for all rules.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;
use regex_automata::{meta, Input, MatchKind as SetKind, PatternSet};

use super::required::{aliases, required};
use super::text::{at_word_boundaries, fold_term, Folded};

/// Compiled size limit of one pattern; larger ones are rejected at load.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// A literal term and whether its case matters.
#[derive(Clone, Debug)]
pub struct Literal {
    pub text: String,
    pub case_sensitive: bool,
}

/// The terms and patterns of one rule part (a rule's `terms`/`patterns`, a
/// `when:`, a `need:`, its exceptions). Term indices count literals first,
/// then patterns.
#[derive(Clone, Debug, Default)]
pub struct Terms {
    pub literals: Vec<Literal>,
    pub patterns: Vec<Regex>,
    /// Index in the run's `Matchers`; set when the rule set is built.
    pub(crate) id: usize,
}

impl Terms {
    pub fn is_empty(&self) -> bool {
        self.literals.is_empty() && self.patterns.is_empty()
    }

    /// The terms and patterns as a pack writes them, for `rules explain`.
    pub fn view(&self) -> TermsView {
        TermsView {
            literals: self.literals.iter().map(|l| l.text.clone()).collect(),
            patterns: self
                .patterns
                .iter()
                .map(|re| {
                    let s = re.as_str();
                    s.strip_prefix("(?i)").unwrap_or(s).to_string()
                })
                .collect(),
        }
    }
}

/// A term list for display.
#[derive(Clone, Debug, Default)]
pub struct TermsView {
    pub literals: Vec<String>,
    pub patterns: Vec<String>,
}

/// Where one term of one `Terms` matched, in the original block text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub term: usize,
    pub range: Range<usize>,
}

/// One automaton over unique folded literals, and who owns each.
struct Automaton {
    ac: AhoCorasick,
    /// For each unique literal: (Terms id, term index) of every owner.
    owners: Vec<Vec<(usize, usize)>>,
    /// For each unique literal: is it a word some pattern needs (see
    /// `Matchers::gated`)? Those count anywhere, inside words too.
    needed: Vec<bool>,
}

impl Automaton {
    fn build(entries: Vec<(String, usize, usize)>, needed_words: Vec<String>) -> Option<Automaton> {
        if entries.is_empty() && needed_words.is_empty() {
            return None;
        }
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut slot = |text: String| {
            *index.entry(text.clone()).or_insert_with(|| {
                patterns.push(text);
                patterns.len() - 1
            })
        };
        let entries: Vec<(usize, usize, usize)> = entries
            .into_iter()
            .map(|(text, id, term)| (slot(text), id, term))
            .collect();
        let needed_slots: Vec<usize> = needed_words.into_iter().map(&mut slot).collect();
        let mut owners: Vec<Vec<(usize, usize)>> = vec![Vec::new(); patterns.len()];
        let mut needed = vec![false; patterns.len()];
        for (i, id, term) in entries {
            owners[i].push((id, term));
        }
        for i in needed_slots {
            needed[i] = true;
        }
        // A full DFA: one table lookup per byte, where the default for more
        // than a hundred literals follows failure links.
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("literal automaton of non-empty strings builds");
        Some(Automaton { ac, owners, needed })
    }

    /// Push the literal hits; tell whether a needed word occurs.
    fn scan(&self, original: &str, folded: &Folded, push: &mut impl FnMut(usize, Hit)) -> bool {
        let mut needed = false;
        for m in self.ac.find_overlapping_iter(&folded.text) {
            let p = m.pattern().as_usize();
            needed |= self.needed[p];
            // A word only some pattern needs has no owner to report to.
            if self.owners[p].is_empty() {
                continue;
            }
            let Some(range) = folded.to_original(m.start()..m.end()) else {
                continue;
            };
            if !at_word_boundaries(original, &range) {
                continue;
            }
            for &(id, term) in &self.owners[p] {
                push(
                    id,
                    Hit {
                        term,
                        range: range.clone(),
                    },
                );
            }
        }
        needed
    }
}

/// All term lists of a run.
pub struct Matchers {
    count: usize,
    folded: Option<Automaton>,
    exact: Option<Automaton>,
    /// (Terms id, term index, pattern) in `set` order.
    regexes: Vec<(usize, usize, Regex)>,
    /// Which patterns may match a block (see `without_word_boundaries`).
    set: Option<meta::Regex>,
    /// Does every pattern need one of some words (see `required`)? The
    /// case-folded automaton then looks for those words too, and a block
    /// with none of them needs no pattern run.
    gated: bool,
}

impl Matchers {
    /// Compile `terms`, giving each its id.
    pub fn build<'a>(terms: impl IntoIterator<Item = &'a mut Terms>) -> Matchers {
        let mut folded = Vec::new();
        let mut exact = Vec::new();
        let mut regexes = Vec::new();
        let mut count = 0;
        for t in terms {
            t.id = count;
            count += 1;
            for (i, lit) in t.literals.iter().enumerate() {
                let text = fold_term(&lit.text, !lit.case_sensitive);
                if text.is_empty() {
                    continue;
                }
                if lit.case_sensitive {
                    exact.push((text, t.id, i));
                } else {
                    folded.push((text, t.id, i));
                }
            }
            for (i, re) in t.patterns.iter().enumerate() {
                regexes.push((t.id, t.literals.len() + i, re.clone()));
            }
        }
        // Each pattern already compiled alone with its own flags; the set
        // only pre-filters, so a set that fails to build just means every
        // pattern runs on every block.
        let set = (!regexes.is_empty())
            .then(|| {
                let widened: Option<Vec<String>> = regexes
                    .iter()
                    .map(|(_, _, re)| without_word_boundaries(re.as_str()))
                    .collect();
                // No prefilter: the patterns' first words ("the", "we",
                // "is") are everywhere, and measured, skipping to them cost
                // more than the automaton it was meant to spare.
                let config = meta::Config::new()
                    .match_kind(SetKind::All)
                    .utf8_empty(true)
                    .which_captures(regex_automata::nfa::thompson::WhichCaptures::None)
                    .auto_prefilter(false)
                    .nfa_size_limit(Some(REGEX_SIZE_LIMIT * 16))
                    .hybrid_cache_capacity(64 << 20);
                meta::Builder::new()
                    .configure(config)
                    .build_many(&widened?)
                    .ok()
            })
            .flatten();
        let needed_words: Option<Vec<String>> = (!regexes.is_empty())
            .then(|| {
                let mut words = Vec::new();
                for (_, _, re) in &regexes {
                    let hir = regex_syntax::Parser::new().parse(re.as_str()).ok()?;
                    words.extend(required(&hir)?);
                }
                words.extend(aliases().iter().cloned());
                Some(words)
            })
            .flatten();
        Matchers {
            count,
            gated: needed_words.is_some(),
            folded: Automaton::build(folded, needed_words.unwrap_or_default()),
            exact: Automaton::build(exact, Vec::new()),
            regexes,
            set,
        }
    }

    /// How many term lists there are; ids run from 0 to this.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Every hit in one block's text, passed to `push` with its Terms id, in
    /// no particular order. Hits of one term list may overlap; `select`
    /// picks the ones to report.
    pub fn scan_into(&self, text: &str, scratch: &mut Scratch, mut push: impl FnMut(usize, Hit)) {
        let Scratch { plain, lower, set } = scratch;
        plain.fold_from(text, false);
        let mut needed = false;
        if let Some(a) = &self.folded {
            if !lower.lowercase_of(plain) {
                lower.fold_from(text, true);
            }
            needed = a.scan(text, lower, &mut push);
        }
        if let Some(a) = &self.exact {
            a.scan(text, plain, &mut push);
        }
        let mut run = |(id, term, re): &(usize, usize, Regex)| {
            for m in re.find_iter(&plain.text) {
                if m.start() == m.end() {
                    continue;
                }
                if let Some(range) = plain.to_original(m.start()..m.end()) {
                    push(*id, Hit { term: *term, range });
                }
            }
        };
        if self.gated && !needed {
            return;
        }
        match &self.set {
            Some(regex) => {
                // The regex keeps its search caches itself, from one
                // document to the next: a fresh cache would rebuild the
                // lazy DFA for every document.
                let found = set.get_or_insert_with(|| PatternSet::new(regex.pattern_len()));
                found.clear();
                regex.which_overlapping_matches(&Input::new(&plain.text), found);
                for i in found.iter() {
                    run(&self.regexes[i.as_usize()]);
                }
            }
            None => self.regexes.iter().for_each(run),
        }
    }

    /// Every hit in one block's text, indexed by Terms id, each list in
    /// `hit_order`.
    #[cfg(test)]
    fn scan(&self, text: &str) -> Vec<Vec<Hit>> {
        let mut hits = vec![Vec::new(); self.count];
        self.scan_into(text, &mut Scratch::default(), |id, hit| hits[id].push(hit));
        hits.iter_mut()
            .for_each(|h| h.sort_unstable_by_key(hit_order));
        hits
    }
}

/// The folded texts of a block, kept from one block to the next so that a
/// document's scan allocates them once.
#[derive(Default)]
pub struct Scratch {
    plain: Folded,
    lower: Folded,
    /// Which patterns the set found, made on first use.
    set: Option<PatternSet>,
}

/// `pattern` with every word-boundary assertion removed: it matches
/// wherever the original does, and more. Unicode `\b` makes the regex
/// engine fall back to its slowest matcher on non-ASCII text (measured: 15×
/// slower on Japanese pages), so the set that pre-filters blocks is built
/// from these, and only the patterns it selects run with their boundaries.
fn without_word_boundaries(pattern: &str) -> Option<String> {
    use regex_syntax::hir::{Hir, HirKind, Look};
    fn strip(h: Hir) -> Hir {
        match h.into_kind() {
            HirKind::Look(look) => match look {
                Look::Start
                | Look::End
                | Look::StartLF
                | Look::EndLF
                | Look::StartCRLF
                | Look::EndCRLF => Hir::look(look),
                _ => Hir::empty(),
            },
            HirKind::Repetition(mut r) => {
                r.sub = Box::new(strip(*r.sub));
                Hir::repetition(r)
            }
            HirKind::Capture(mut c) => {
                c.sub = Box::new(strip(*c.sub));
                Hir::capture(c)
            }
            HirKind::Concat(hs) => Hir::concat(hs.into_iter().map(strip).collect()),
            HirKind::Alternation(hs) => Hir::alternation(hs.into_iter().map(strip).collect()),
            HirKind::Empty => Hir::empty(),
            HirKind::Literal(l) => Hir::literal(l.0),
            HirKind::Class(c) => Hir::class(c),
        }
    }
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    Some(strip(hir).to_string())
}

/// The order `select` reads hits in: leftmost first, then longest.
pub fn hit_order(h: &Hit) -> (usize, std::cmp::Reverse<usize>, usize) {
    (h.range.start, std::cmp::Reverse(h.range.end), h.term)
}

/// Leftmost-longest, non-overlapping hits of `sorted` (in `hit_order`),
/// excluding any that overlap an exception hit. An excused hit does not
/// hide the hits it overlaps.
pub fn select<'h>(sorted: &'h [Hit], exceptions: &'h [Hit]) -> impl Iterator<Item = &'h Hit> {
    let mut end = 0;
    sorted.iter().filter(move |h| {
        if h.range.start < end {
            return false;
        }
        let excused = exceptions
            .iter()
            .any(|e| e.range.start < h.range.end && h.range.start < e.range.end);
        if !excused {
            end = h.range.end;
        }
        !excused
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(text: &str, case_sensitive: bool) -> Literal {
        Literal {
            text: text.into(),
            case_sensitive,
        }
    }

    #[test]
    fn shared_literals_report_to_every_owner_and_respect_case() {
        let mut a = Terms {
            literals: vec![lit("guarantee", false), lit("money-back guarantee", false)],
            ..Terms::default()
        };
        let mut b = Terms {
            literals: vec![lit("Guarantee", true)],
            ..Terms::default()
        };
        let m = Matchers::build([&mut a, &mut b]);
        let text = "Our money\u{2011}back GUARANTEE and a Guarantee";
        let hits = m.scan(text);
        let a_terms: Vec<_> = hits[0].iter().map(|h| &text[h.range.clone()]).collect();
        assert!(a_terms.contains(&"money\u{2011}back GUARANTEE"));
        assert!(a_terms.contains(&"GUARANTEE"));
        assert!(a_terms.contains(&"Guarantee"));
        let b_terms: Vec<_> = hits[1].iter().map(|h| &text[h.range.clone()]).collect();
        assert_eq!(b_terms, vec!["Guarantee"]);
        // Leftmost-longest wins within one rule.
        let chosen: Vec<&Hit> = select(&hits[0], &[]).collect();
        assert_eq!(chosen.len(), 2);
        assert_eq!(
            &text[chosen[0].range.clone()],
            "money\u{2011}back GUARANTEE"
        );
    }

    #[test]
    fn patterns_run_on_folded_text_and_map_back() {
        let mut t = Terms {
            // As compiled from a pack: the case flag inline.
            patterns: vec![Regex::new(r"(?i)\bdon't\s+wait\b").unwrap()],
            ..Terms::default()
        };
        let m = Matchers::build([&mut t]);
        let text = "So DON\u{2019}T\nwait.";
        let hits = m.scan(text);
        assert_eq!(hits[0].len(), 1);
        assert_eq!(&text[hits[0][0].range.clone()], "DON\u{2019}T\nwait");
    }

    #[test]
    fn prefilter_patterns_match_a_superset() {
        let original = Regex::new(r"(?i)\bcafé\b|\Bx").unwrap();
        let wide = Regex::new(&without_word_boundaries(original.as_str()).unwrap()).unwrap();
        for text in ["un café noir", "CAFÉ", "cafés", "xx", "ax"] {
            if original.is_match(text) {
                assert!(wide.is_match(text), "{text}");
            }
        }
        assert!(wide.is_match("cafés") && !original.is_match("cafés"));
    }

    #[test]
    fn exceptions_excuse_overlapping_hits_only() {
        let hit = |a, b| Hit {
            term: 0,
            range: a..b,
        };
        let kept = |hits: &[Hit], exceptions: &[Hit]| -> Vec<Hit> {
            select(hits, exceptions).cloned().collect()
        };
        assert_eq!(kept(&[hit(0, 5), hit(10, 15)], &[hit(3, 8)]), [hit(10, 15)]);
        // An excused hit leaves room for a shorter one inside it.
        assert_eq!(kept(&[hit(0, 10), hit(6, 9)], &[hit(2, 4)]), [hit(6, 9)]);
    }
}

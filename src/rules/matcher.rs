//! Every term list of a run compiled together: one Aho-Corasick automaton
//! for case-folded literals, one for case-sensitive ones, and the patterns.
//! The case-folded automaton also finds the words each pattern cannot match
//! without (see `prefilter`), so a block runs only the patterns whose words
//! it holds. A block is scanned once for all rules.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::{Regex, RegexBuilder};
use regex_automata::meta;
use regex_syntax::hir::Hir;

use super::prefilter::Prefilter;
use super::text::{at_word_boundaries, fold_term, Folded};

/// Compiled size limit of one pattern; larger ones are rejected at load.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// One pattern of a term list, compiled the first time it is run: most
/// patterns of the built-in packs never reach a block that holds their
/// words, and compiling them all was most of a short run. The pack compiler
/// checks the pattern when it loads it (see `compile::regex`).
#[derive(Clone)]
pub struct LazyRegex {
    source: String,
    regex: OnceLock<Regex>,
    /// The pattern parsed, when the pack compiler parsed it to check it,
    /// until `Matchers::build` takes it to find the pattern's words.
    hir: Option<Hir>,
}

impl LazyRegex {
    /// A pattern to compile on first use; `source` must be one that
    /// `build_regex` accepts.
    pub fn new(source: impl Into<String>) -> LazyRegex {
        LazyRegex {
            source: source.into(),
            regex: OnceLock::new(),
            hir: None,
        }
    }

    /// A pattern to compile on first use, with what parsing it gave.
    pub fn parsed(source: impl Into<String>, hir: Hir) -> LazyRegex {
        LazyRegex {
            hir: Some(hir),
            ..LazyRegex::new(source)
        }
    }

    /// The pattern parsed: the parse the pack compiler kept, or a new one
    /// (`None` if it does not parse).
    fn take_hir(&mut self) -> Option<Hir> {
        self.hir
            .take()
            .or_else(|| regex_syntax::Parser::new().parse(&self.source).ok())
    }

    /// A pattern compiled already.
    pub fn compiled(regex: Regex) -> LazyRegex {
        LazyRegex {
            source: regex.as_str().to_string(),
            regex: OnceLock::from(regex),
            hir: None,
        }
    }

    /// The pattern as compiled, with its inline case flag.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether it has been compiled.
    #[cfg(test)]
    pub fn is_compiled(&self) -> bool {
        self.regex.get().is_some()
    }

    /// The compiled regex, compiled now if it was not yet.
    pub fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            build_regex(&self.source)
                .unwrap_or_else(|e| panic!("pattern {:?} was checked at load: {e}", self.source))
        })
    }
}

impl std::fmt::Debug for LazyRegex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("LazyRegex").field(&self.source).finish()
    }
}

/// Compile a pack's pattern as every rule runs it.
pub fn build_regex(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
}

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
    pub patterns: Vec<LazyRegex>,
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

/// A word that lets patterns run on a block where it occurs, anywhere,
/// inside words too.
enum Need {
    /// One of a set of words the pattern (its index in `Matchers::patterns`)
    /// cannot match without; the set's bit in its mask.
    Pattern(usize, u32),
    /// A character case-insensitive matching takes for an ASCII letter (see
    /// `aliases`): any pattern may match.
    Any,
}

/// One automaton over unique folded literals, and who owns each.
struct Automaton {
    ac: AhoCorasick,
    /// For each unique literal: (Terms id, term index) of every owner.
    owners: Vec<Vec<(usize, usize)>>,
    /// For each unique literal: the patterns it lets run, if any.
    opens: Vec<Vec<Need>>,
}

impl Automaton {
    fn build(
        entries: Vec<(String, usize, usize)>,
        needs: Vec<(String, Need)>,
    ) -> Option<Automaton> {
        if entries.is_empty() && needs.is_empty() {
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
        let needs: Vec<(usize, Need)> = needs
            .into_iter()
            .map(|(word, need)| (slot(word), need))
            .collect();
        let mut owners: Vec<Vec<(usize, usize)>> = vec![Vec::new(); patterns.len()];
        let mut opens: Vec<Vec<Need>> = (0..patterns.len()).map(|_| Vec::new()).collect();
        for (i, id, term) in entries {
            owners[i].push((id, term));
        }
        for (i, need) in needs {
            opens[i].push(need);
        }
        // A full DFA: one table lookup per byte, where the default for more
        // than a hundred literals follows failure links.
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("literal automaton of non-empty strings builds");
        Some(Automaton { ac, owners, opens })
    }

    /// Push the literal hits; mark in `open` the patterns whose needed words occur.
    fn scan(
        &self,
        original: &str,
        folded: &Folded,
        push: &mut impl FnMut(usize, Hit),
        open: &mut Open,
    ) {
        for m in self.ac.find_overlapping_iter(&folded.text) {
            let p = m.pattern().as_usize();
            for need in &self.opens[p] {
                match need {
                    Need::Pattern(i, bit) => open.patterns[*i] |= bit,
                    Need::Any => open.all = true,
                }
            }
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
    }
}

/// Which patterns may match the block being scanned.
#[derive(Default)]
struct Open {
    /// Any of them.
    all: bool,
    /// Indexed like `Matchers::patterns`: a bit for each of the pattern's
    /// word sets one of whose words occurs.
    patterns: Vec<u32>,
}

/// One pattern of a term list, with what decides whether it runs on a block.
struct Pattern {
    /// Terms id and term index it reports as.
    id: usize,
    term: usize,
    /// Compiled only for a block that its words and `filter` let through.
    regex: LazyRegex,
    /// The bits of its word sets: it runs only on blocks holding a word of
    /// each set. A pattern without such words (`\w+`) has none and runs on
    /// every block.
    needs: u32,
    /// The pattern without word boundaries (see `without_word_boundaries`),
    /// tried first: it can skip to its literals, and non-ASCII text does not
    /// slow it down. `wide` is it parsed (`None` when the pattern does not
    /// parse), `filter` it compiled on first use (compiling is most of a
    /// short run's rule loading, and a pattern whose words never occur needs
    /// none); `None` when it does not compile.
    wide: Option<Hir>,
    filter: OnceLock<Option<meta::Regex>>,
}

impl Pattern {
    /// Whether the pattern may match `text`, cheaply.
    fn may_match(&self, text: &str) -> bool {
        let filter = self.filter.get_or_init(|| {
            // As `RegexBuilder` configures it, from the parse in hand.
            let config = meta::Config::new()
                .match_kind(regex_automata::MatchKind::LeftmostFirst)
                .utf8_empty(true)
                .nfa_size_limit(Some(REGEX_SIZE_LIMIT * 16))
                .hybrid_cache_capacity(2 * (1 << 20));
            let wide = self.wide.as_ref()?;
            meta::Builder::new()
                .configure(config)
                .build_from_hir(wide)
                .ok()
        });
        filter.as_ref().is_none_or(|f| f.is_match(text))
    }
}

/// All term lists of a run.
pub struct Matchers {
    count: usize,
    folded: Option<Automaton>,
    exact: Option<Automaton>,
    patterns: Vec<Pattern>,
}

impl Matchers {
    /// Compile `terms`, giving each its id.
    pub fn build<'a>(terms: impl IntoIterator<Item = &'a mut Terms>) -> Matchers {
        let mut folded = Vec::new();
        let mut exact = Vec::new();
        let mut patterns = Vec::new();
        let mut needs = Vec::new();
        let mut count = 0;
        let prefilter = Prefilter::builtin();
        let mut any_needs = false;
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
            let first_pattern = t.literals.len();
            for (i, re) in t.patterns.iter_mut().enumerate() {
                let at = patterns.len();
                let hir = re.take_hir();
                let sets = hir
                    .as_ref()
                    .map(|hir| prefilter.required_sets(hir))
                    .unwrap_or_default();
                let mut all_bits = 0;
                for (n, set) in sets.into_iter().enumerate() {
                    let bit = 1 << n;
                    all_bits |= bit;
                    needs.extend(set.into_iter().map(|w| (w, Need::Pattern(at, bit))));
                }
                any_needs |= all_bits != 0;
                patterns.push(Pattern {
                    id: t.id,
                    term: first_pattern + i,
                    regex: re.clone(),
                    needs: all_bits,
                    wide: hir.map(without_word_boundaries),
                    filter: OnceLock::new(),
                });
            }
        }
        if any_needs {
            needs.extend(prefilter.aliases().iter().map(|a| (a.clone(), Need::Any)));
        }
        Matchers {
            count,
            folded: Automaton::build(folded, needs),
            exact: Automaton::build(exact, Vec::new()),
            patterns,
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
        let Scratch { plain, lower, open } = scratch;
        open.all = false;
        open.patterns.clear();
        open.patterns.resize(self.patterns.len(), 0);
        if let Some(a) = &self.folded {
            lower.fold_from(text, true);
            a.scan(text, lower, &mut push, open);
        }
        let runs = |(p, &found): (&Pattern, &u32)| found == p.needs || open.all;
        let to_run = self
            .patterns
            .iter()
            .zip(&open.patterns)
            .filter(|&x| runs(x));
        // The case-kept folding, only for the blocks that need it: most run
        // no pattern.
        if self.exact.is_none() && to_run.clone().next().is_none() {
            return;
        }
        plain.fold_from(text, false);
        if let Some(a) = &self.exact {
            // It holds no needed words: nothing to open.
            a.scan(text, plain, &mut push, &mut Open::default());
        }
        for (p, _) in to_run {
            if !p.may_match(&plain.text) {
                continue;
            }
            for m in p.regex.regex().find_iter(&plain.text) {
                if m.start() == m.end() {
                    continue;
                }
                if let Some(range) = plain.to_original(m.start()..m.end()) {
                    push(
                        p.id,
                        Hit {
                            term: p.term,
                            range,
                        },
                    );
                }
            }
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
    open: Open,
}

/// `pattern` with every word-boundary assertion removed: it matches
/// wherever the original does, and more. Unicode `\b` makes the regex
/// engine fall back to its slowest matcher on non-ASCII text (measured: 15×
/// slower on Japanese pages), so a pattern runs with its boundaries only on
/// blocks where this version of it matches.
fn without_word_boundaries(hir: Hir) -> Hir {
    use regex_syntax::hir::{HirKind, Look};
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
    strip(hir)
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
            patterns: vec![LazyRegex::new(r"(?i)\bdon't\s+wait\b")],
            ..Terms::default()
        };
        let m = Matchers::build([&mut t]);
        let text = "So DON\u{2019}T\nwait.";
        let hits = m.scan(text);
        assert_eq!(hits[0].len(), 1);
        assert_eq!(&text[hits[0][0].range.clone()], "DON\u{2019}T\nwait");
    }

    #[test]
    fn each_pattern_runs_on_its_own_words_and_finds_every_match() {
        let mut t = Terms {
            patterns: vec![
                LazyRegex::new(r"(?i)\b(?:the|is)\s+(?:#\s?1|number\s+one)\b"),
                LazyRegex::new(r"(?i)\bthis\s+(?:price|deal)\s+won't\s+last\b"),
                // No word to wait for: runs on every block.
                LazyRegex::new(r"\d+%"),
                LazyRegex::new(r"(?i)\bsecure\b"),
            ],
            ..Terms::default()
        };
        let m = Matchers::build([&mut t]);
        let found = |text: &str| -> Vec<(usize, String)> {
            m.scan(text)[0]
                .iter()
                .map(|h| (h.term, text[h.range.clone()].to_string()))
                .collect()
        };
        assert_eq!(
            found("It is Number One, THIS DEAL WON\u{2019}T LAST: 40% off."),
            [
                (0, "is Number One".to_string()),
                (1, "THIS DEAL WON\u{2019}T LAST".to_string()),
                (2, "40%".to_string())
            ]
        );
        // One set's word without the other's runs nothing.
        assert_eq!(found("This deal is the best one."), []);
        // The long s is an `s` to `(?i)`: it opens every pattern.
        assert_eq!(found("\u{17F}ECURE"), [(3, "\u{17F}ECURE".to_string())]);
        let mut scratch = Scratch::default();
        let mut hits = 0;
        m.scan_into("the #1 pick", &mut scratch, |_, _| hits += 1);
        m.scan_into("nothing here", &mut scratch, |_, _| hits += 1);
        assert_eq!(hits, 1, "a reused scratch forgets the last block's words");
    }

    #[test]
    fn prefilter_patterns_match_a_superset() {
        let original = Regex::new(r"(?i)\bcafé\b|\Bx").unwrap();
        let hir = regex_syntax::Parser::new()
            .parse(original.as_str())
            .unwrap();
        let wide = Regex::new(&without_word_boundaries(hir).to_string()).unwrap();
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

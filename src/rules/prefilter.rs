//! The words a pattern cannot match without. Most patterns name a word
//! ("guarantee", "unmatched", "overnight"); a block whose lowercased text
//! holds none of those words needs no regex run at all, and one automaton
//! finds that out in a single fast pass.

use std::cmp::Reverse;
use std::collections::HashSet;

use regex_syntax::hir::{Class, Hir, HirKind};

/// Most strings a set may hold before it stops being worth tracking.
const MAX_STRINGS: usize = 64;

/// Most sets a pattern is gated on; each more costs the automaton hits.
const MAX_SETS: usize = 3;

/// The commonest English words, one a line (see the file's header).
const COMMON_WORDS: &str = include_str!("../../rules/lexicons/common_words.yml");

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CommonWords {
    words: Vec<String>,
}

/// Finds the words a pattern cannot match without, preferring words rarer
/// than the common ones: a pattern gated on a common word runs on nearly
/// every English block.
pub struct Prefilter {
    /// Every part of a common word ("th", "onl"): a string among them
    /// occurs wherever that word does.
    common_parts: HashSet<String>,
    /// What `find_aliases` finds, worked out once per prefilter.
    aliases: Vec<String>,
}

impl Prefilter {
    /// With the built-in common words, parsed from their lexicon file.
    pub fn builtin() -> Prefilter {
        // The embedded file is checked by tests; a failure here is a build defect.
        let list: CommonWords =
            serde_yaml::from_str(COMMON_WORDS).expect("common_words.yml is valid");
        let common_parts = list
            .words
            .iter()
            .flat_map(|w| {
                let ends = || w.char_indices().map(|(i, _)| i).chain([w.len()]);
                ends().flat_map(move |a| {
                    ends()
                        .filter(move |&b| b > a)
                        .map(move |b| w[a..b].to_string())
                })
            })
            .collect();
        Prefilter {
            common_parts,
            aliases: find_aliases(),
        }
    }

    /// Characters that case-insensitive matching takes for an ASCII letter
    /// but whose lowercase is not ASCII (`(?i)s` matches `ſ`, which
    /// lowercases to itself). A block holding one must run the patterns
    /// whatever its words, so the automaton looks for these too.
    pub fn aliases(&self) -> &[String] {
        &self.aliases
    }

    /// Whether a string of `set` is part of a common word.
    fn is_common(&self, set: &[String]) -> bool {
        set.iter().any(|s| self.common_parts.contains(s.as_str()))
    }

    /// How rare a set's strings are, higher is rarer: no common word, then the
    /// longest shortest string, then the fewest strings.
    fn score(&self, set: &[String]) -> (bool, usize, Reverse<usize>) {
        let shortest = set.iter().map(String::len).min().unwrap_or(0);
        (!self.is_common(set), shortest, Reverse(set.len()))
    }

    /// Up to `MAX_SETS` sets of lowercase strings, rarest first, such that
    /// every match of `hir` contains a string of each set (from different
    /// parts of the pattern: `\bthis\s+(?:price|deal)\s+won't\s+last\b` needs
    /// one of price/deal and "last"). Empty when the pattern has no such
    /// words. A set of common words is taken only when there is nothing else.
    pub fn required_sets(&self, hir: &Hir) -> Vec<Vec<String>> {
        let mut candidates = Vec::new();
        self.necessary(hir, &mut candidates);
        candidates.retain(|s| all_nonempty(s));
        candidates.sort_by_cached_key(|s| Reverse(self.score(s)));
        let mut chosen: Vec<Vec<String>> = Vec::new();
        for set in candidates {
            if chosen.len() == MAX_SETS || (!chosen.is_empty() && self.is_common(&set)) {
                break;
            }
            // A set every string of a chosen one contains adds nothing.
            if !chosen.iter().any(|c| implies(c, &set)) {
                chosen.push(set);
            }
        }
        chosen
    }

    /// Push sets every match of `hir` needs a string of: the pattern's best,
    /// and those of each part a match must go through.
    fn necessary(&self, hir: &Hir, out: &mut Vec<Vec<String>>) {
        out.extend(self.required(hir));
        match hir.kind() {
            HirKind::Capture(c) => self.necessary(&c.sub, out),
            HirKind::Repetition(r) if r.min >= 1 => self.necessary(&r.sub, out),
            HirKind::Concat(hs) => {
                for h in hs {
                    self.necessary(h, out);
                }
                out.extend(joined_runs(hs, &self.aliases));
            }
            _ => {}
        }
    }

    /// Lowercase strings one of which every match of `hir` contains, or `None`
    /// when the pattern has no such words (`\d+%`).
    pub fn required(&self, hir: &Hir) -> Option<Vec<String>> {
        self.required_in(hir).filter(|set| all_nonempty(set))
    }

    /// The better of two candidate sets by `score`; the first on a tie.
    fn better(&self, a: Option<Vec<String>>, b: Option<Vec<String>>) -> Option<Vec<String>> {
        match (a, b) {
            (Some(a), Some(b)) => Some(if self.score(&b) > self.score(&a) {
                b
            } else {
                a
            }),
            (a, b) => a.or(b),
        }
    }

    fn required_in(&self, hir: &Hir) -> Option<Vec<String>> {
        if let Some(set) = exact(hir, &self.aliases).filter(|s| all_nonempty(s)) {
            return Some(set);
        }
        match hir.kind() {
            HirKind::Capture(c) => self.required_in(&c.sub),
            HirKind::Repetition(r) if r.min >= 1 => self.required_in(&r.sub),
            HirKind::Alternation(hs) => {
                let mut all = Vec::new();
                for h in hs {
                    all.extend(self.required(h)?);
                }
                limited(all)
            }
            HirKind::Concat(hs) => hs
                .iter()
                .map(|h| self.required(h))
                .chain(joined_runs(hs, &self.aliases).into_iter().map(Some))
                .fold(None, |a, b| self.better(a, b)),
            _ => None,
        }
    }
}

/// Whether text holding a string of `a` always holds one of `b`.
fn implies(a: &[String], b: &[String]) -> bool {
    a.iter().all(|s| b.iter().any(|t| s.contains(t.as_str())))
}

/// The strings of each run of a concatenation's parts whose strings are
/// all known, joined (`eliminat(?:e|es)` gives eliminate, eliminates).
fn joined_runs(hs: &[Hir], aliases: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for i in 0..hs.len() {
        let mut joined = vec![String::new()];
        for part in &hs[i..] {
            let Some(next) = exact(part, aliases).and_then(|p| product(&joined, &p)) else {
                break;
            };
            joined = next;
            if all_nonempty(&joined) {
                out.push(joined.clone());
            }
        }
    }
    out
}

fn all_nonempty(set: &[String]) -> bool {
    !set.is_empty() && set.iter().all(|s| !s.is_empty())
}

/// Every string `hir` can match, lowercased, when there are few.
fn exact(hir: &Hir, aliases: &[String]) -> Option<Vec<String>> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(vec![String::new()]),
        HirKind::Literal(l) => {
            let text = std::str::from_utf8(&l.0).ok()?;
            Some(vec![text.chars().flat_map(char::to_lowercase).collect()])
        }
        HirKind::Class(c) => class_char(c, aliases).map(|c| vec![c.to_string()]),
        HirKind::Capture(c) => exact(&c.sub, aliases),
        HirKind::Repetition(r) if r.max == Some(1) && r.min <= 1 => {
            let mut set = exact(&r.sub, aliases)?;
            if r.min == 0 {
                set.push(String::new());
            }
            limited(set)
        }
        HirKind::Concat(hs) => hs.iter().try_fold(vec![String::new()], |acc, h| {
            product(&acc, &exact(h, aliases)?)
        }),
        HirKind::Alternation(hs) => {
            let mut all = Vec::new();
            for h in hs {
                all.extend(exact(h, aliases)?);
            }
            limited(all)
        }
        _ => None,
    }
}

/// The non-ASCII lowercases of what `(?i)[a-z]` matches (see
/// `Prefilter::aliases`).
fn find_aliases() -> Vec<String> {
    let Ok(hir) = regex_syntax::Parser::new().parse("(?i)[a-z]") else {
        return Vec::new();
    };
    let HirKind::Class(Class::Unicode(class)) = hir.kind() else {
        return Vec::new();
    };
    let mut out: Vec<String> = class
        .iter()
        .flat_map(|r| r.start()..=r.end())
        .map(|c| c.to_lowercase().collect::<String>())
        .filter(|l| !l.is_ascii())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The one lowercase character every member of a class lowercases to
/// (`(?i)k` is K, k and the Kelvin sign), leaving aside `aliases`
/// (`Prefilter::aliases`).
fn class_char(class: &Class, aliases: &[String]) -> Option<char> {
    let Class::Unicode(class) = class else {
        return None;
    };
    let mut only = None;
    for (n, c) in class.iter().flat_map(|r| r.start()..=r.end()).enumerate() {
        let mut lower = c.to_lowercase();
        let (Some(l), None) = (lower.next(), lower.next()) else {
            return None;
        };
        if n >= 8 {
            return None;
        }
        let alias = aliases.iter().any(|a| a.chars().eq([l]));
        if alias && only.is_some_and(|o: char| o.is_ascii_lowercase()) {
            continue; // taken for the ASCII letter already seen
        }
        if only.is_some_and(|o| o != l) {
            return None;
        }
        only = Some(l);
    }
    only
}

fn product(left: &[String], right: &[String]) -> Option<Vec<String>> {
    if left.len() * right.len() > MAX_STRINGS {
        return None;
    }
    limited(
        left.iter()
            .flat_map(|l| right.iter().map(move |r| format!("{l}{r}")))
            .collect(),
    )
}

fn limited(mut set: Vec<String>) -> Option<Vec<String>> {
    set.sort();
    set.dedup();
    (set.len() <= MAX_STRINGS).then_some(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(pattern: &str) -> Option<Vec<String>> {
        Prefilter::builtin().required(&regex_syntax::Parser::new().parse(pattern).unwrap())
    }

    #[test]
    fn picks_the_rarest_words_a_match_needs() {
        // `(?i)s` also matches the long s; `aliases` covers that.
        assert_eq!(
            of(r"(?i)\b(?:we|i)\s+(?:can\s+|will\s+)?promise\b"),
            Some(vec!["promise".into()])
        );
        assert_eq!(
            of(r"(?i)\b(?:is|are)\s+(?:garbage|junk)\b"),
            Some(vec!["garbage".into(), "junk".into()])
        );
        assert_eq!(of(r"(?i)\b100%\s+secure\b"), Some(vec!["secure".into()]));
        assert_eq!(of(r"(?i)secure"), Some(vec!["secure".into()]));
        assert_eq!(of(r"Guarantee[sd]?"), Some(vec!["guarantee".into()]));
        assert_eq!(of(r"\d+%"), Some(vec!["%".into()]));
        assert_eq!(of(r"\w+"), None);
        assert_eq!(of(r"(?i)best|\d+"), None);
    }

    #[test]
    fn common_words_and_their_parts_come_from_the_lexicon() {
        let p = Prefilter::builtin();
        for part in ["the", "th", "onl", "'ll", "don't", "your"] {
            assert!(p.common_parts.contains(part), "{part}");
        }
        assert!(!p.common_parts.contains("secure"));
    }

    #[test]
    fn aliases_are_the_non_ascii_lowercases_of_ascii_letters() {
        let p = Prefilter::builtin();
        assert!(p.aliases().contains(&"ſ".to_string()));
        assert!(p.aliases().iter().all(|a| !a.is_ascii()));
        // An explicit class of a letter and an accented one is no word.
        assert_eq!(of(r"x[aé]y"), Some(vec!["x".into()]));
    }

    fn sets_of(pattern: &str) -> Vec<Vec<String>> {
        Prefilter::builtin().required_sets(&regex_syntax::Parser::new().parse(pattern).unwrap())
    }

    fn strings(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn common_words_lose_to_rarer_ones() {
        // "the", "is", "are" are in every English block; "#", "no." and
        // "number" are not.
        assert_eq!(
            of(
                r"(?i)\b(?:the|we're|is|are|ranked)\s+(?:the\s+)?(?:#\s?1|no\.\s?1|number[ -]one)\b"
            ),
            Some(strings(&["#", "no.", "number"]))
        );
        // Part of a common word counts as common: "onl" is in "only".
        assert_eq!(
            sets_of(r"(?i)\bthe\s+only\s+(?:tool|vendor)\b"),
            vec![strings(&["tool", "vendor"])]
        );
        // With nothing rarer, a common set still gates the pattern.
        assert_eq!(
            sets_of(r"(?i)\b(?:will|'ll)\s+be\b"),
            vec![strings(&["'ll", "will"])]
        );
    }

    #[test]
    fn a_pattern_needs_a_word_of_each_of_its_parts() {
        assert_eq!(
            sets_of(r"(?i)\bthis\s+(?:price|deal)\s+(?:won't|will\s+not)\s+last\b"),
            vec![strings(&["last"]), strings(&["deal", "price"])]
        );
        // A set implied by a chosen one ("eliminat" by "eliminate") is left out.
        assert_eq!(
            sets_of(r"(?i)\beliminat(?:e|es)\s+fraud\b"),
            vec![strings(&["eliminate", "eliminates"]), strings(&["fraud"])]
        );
        // At most three, rarest first.
        assert_eq!(
            sets_of(r"while\s+supplies\s+last\s+forever\s+more"),
            vec![
                strings(&["supplies"]),
                strings(&["forever"]),
                strings(&["while"])
            ]
        );
        assert!(sets_of(r"\w+\s+\d+").is_empty());
    }

    /// Every match of every built-in pattern on its pack's examples holds a
    /// word of each of the pattern's sets (or an alias character).
    #[test]
    fn builtin_patterns_need_their_words_on_their_examples() {
        let mut checked = 0;
        for mut rule in crate::rules::builtin_rules().unwrap() {
            let texts: Vec<String> = rule
                .examples
                .invalid
                .iter()
                .chain(&rule.examples.valid)
                .map(|t| crate::rules::text::fold(t, false).text)
                .collect();
            for terms in rule.terms_mut() {
                for re in &terms.patterns {
                    let sets = sets_of(re.as_str());
                    for m in texts.iter().flat_map(|t| re.regex().find_iter(t)) {
                        let lower = m.as_str().to_lowercase();
                        for set in &sets {
                            assert!(
                                set.iter().any(|w| lower.contains(w.as_str())),
                                "{} matched {:?} without any of {set:?}",
                                re.as_str(),
                                m.as_str()
                            );
                        }
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 50, "only {checked} matches checked");
    }

    #[test]
    fn every_match_holds_a_required_word() {
        let cases = [
            (
                r"(?i)\bnever\s+(?:\S+\s+){0,4}?again\b",
                "NEVER miss it aGain",
            ),
            (r"(?i)\B#1[- ](?:rated|ranked)\b", "the #1-Ranked tool"),
            (r"(?i)\bzero[- ]downtime\b", "Zero Downtime"),
            (r"(?i)kelvin", "\u{212A}ELVIN"),
            (r"(?i)secure", "\u{17F}ECURE"),
        ];
        for (pattern, text) in cases {
            let m = regex::Regex::new(pattern).unwrap().find(text).unwrap();
            let lower = m.as_str().to_lowercase();
            let words = of(pattern).unwrap();
            let alias = Prefilter::builtin()
                .aliases()
                .iter()
                .any(|a| lower.contains(a.as_str()));
            assert!(
                alias || words.iter().any(|w| lower.contains(w)),
                "{pattern} {words:?}"
            );
            for set in sets_of(pattern) {
                assert!(
                    alias || set.iter().any(|w| lower.contains(w)),
                    "{pattern} {set:?}"
                );
            }
        }
    }
}

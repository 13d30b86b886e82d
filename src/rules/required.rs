//! The words a pattern cannot match without. Most patterns name a word
//! ("guarantee", "unmatched", "overnight"); a block whose lowercased text
//! holds none of those words needs no regex run at all, and one automaton
//! finds that out in a single fast pass.

use regex_syntax::hir::{Class, Hir, HirKind};

/// Most strings a set may hold before it stops being worth tracking.
const MAX_STRINGS: usize = 64;

/// Lowercase strings one of which every match of `hir` contains, or `None`
/// when the pattern has no such words (`\d+%`).
pub fn required(hir: &Hir) -> Option<Vec<String>> {
    required_in(hir).filter(|set| all_nonempty(set))
}

fn all_nonempty(set: &[String]) -> bool {
    !set.is_empty() && set.iter().all(|s| !s.is_empty())
}

/// The better of two candidate sets: the one whose shortest string is
/// longest (rarer), then the smaller one.
fn better(a: Option<Vec<String>>, b: Option<Vec<String>>) -> Option<Vec<String>> {
    let score = |s: &Vec<String>| {
        let shortest = s.iter().map(String::len).min().unwrap_or(0);
        (shortest, std::cmp::Reverse(s.len()))
    };
    match (a, b) {
        (Some(a), Some(b)) => Some(if score(&b) > score(&a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

fn required_in(hir: &Hir) -> Option<Vec<String>> {
    if let Some(set) = exact(hir).filter(|s| all_nonempty(s)) {
        return Some(set);
    }
    match hir.kind() {
        HirKind::Capture(c) => required_in(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required_in(&r.sub),
        HirKind::Alternation(hs) => {
            let mut all = Vec::new();
            for h in hs {
                all.extend(required(h)?);
            }
            limited(all)
        }
        HirKind::Concat(hs) => {
            let mut best = None;
            for (i, h) in hs.iter().enumerate() {
                best = better(best, required(h));
                // Runs of parts whose strings are known, joined.
                let mut joined = vec![String::new()];
                for part in &hs[i..] {
                    let Some(next) = exact(part).and_then(|p| product(&joined, &p)) else {
                        break;
                    };
                    joined = next;
                    best = better(best, Some(joined.clone()).filter(|s| all_nonempty(s)));
                }
            }
            best
        }
        _ => None,
    }
}

/// Every string `hir` can match, lowercased, when there are few.
fn exact(hir: &Hir) -> Option<Vec<String>> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(vec![String::new()]),
        HirKind::Literal(l) => {
            let text = std::str::from_utf8(&l.0).ok()?;
            Some(vec![text.chars().flat_map(char::to_lowercase).collect()])
        }
        HirKind::Class(c) => class_char(c).map(|c| vec![c.to_string()]),
        HirKind::Capture(c) => exact(&c.sub),
        HirKind::Repetition(r) if r.max == Some(1) && r.min <= 1 => {
            let mut set = exact(&r.sub)?;
            if r.min == 0 {
                set.push(String::new());
            }
            limited(set)
        }
        HirKind::Concat(hs) => hs
            .iter()
            .try_fold(vec![String::new()], |acc, h| product(&acc, &exact(h)?)),
        HirKind::Alternation(hs) => {
            let mut all = Vec::new();
            for h in hs {
                all.extend(exact(h)?);
            }
            limited(all)
        }
        _ => None,
    }
}

/// Characters that case-insensitive matching takes for an ASCII letter
/// but whose lowercase is not ASCII (`(?i)s` matches `ſ`, which lowercases
/// to itself). A block holding one must run the patterns whatever its
/// words, so the automaton looks for these too.
pub fn aliases() -> &'static [String] {
    static ALIASES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    ALIASES.get_or_init(find_aliases)
}

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
/// (`(?i)k` is K, k and the Kelvin sign), leaving aside `aliases`.
fn class_char(class: &Class) -> Option<char> {
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
        let alias = aliases().iter().any(|a| a.chars().eq([l]));
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
        required(&regex_syntax::Parser::new().parse(pattern).unwrap())
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
    fn aliases_are_the_non_ascii_lowercases_of_ascii_letters() {
        assert!(aliases().contains(&"ſ".to_string()));
        assert!(aliases().iter().all(|a| !a.is_ascii()));
        // An explicit class of a letter and an accented one is no word.
        assert_eq!(of(r"x[aé]y"), Some(vec!["x".into()]));
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
            let alias = aliases().iter().any(|a| lower.contains(a.as_str()));
            assert!(
                alias || words.iter().any(|w| lower.contains(w)),
                "{pattern} {words:?}"
            );
        }
    }
}

//! The wording of guidance, as data: `rules/lexicons/guidance.yml` (ban
//! verbs, replacement cues, claim words) and the guidance headings of
//! `rules/lexicons/sections.yml` (`not_claimed` plus `guidance`).

use rustc_hash::FxHashSet;
use serde::Deserialize;

use super::text::{words, Word};

const GUIDANCE_YML: &str = include_str!("../../../rules/lexicons/guidance.yml");
const SECTIONS_YML: &str = include_str!("../../../rules/lexicons/sections.yml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GuidanceFile {
    bans_before: Vec<String>,
    bans_after: Vec<String>,
    claim_verbs: Vec<String>,
    replacements: Vec<String>,
    replacement_openers: Vec<String>,
    fillers: Vec<String>,
    claim_words: Vec<String>,
    claim_headings: Vec<String>,
    ban_columns: Vec<String>,
    mention_before: Vec<String>,
    others_before: Vec<String>,
}

/// Only the two heading lists of sections.yml; the rest belongs to extraction.
#[derive(Deserialize)]
struct SectionsFile {
    not_claimed: Vec<String>,
    guidance: Vec<String>,
}

/// A phrase as the lower-case words `text::words` gives.
pub type Phrase = Vec<String>;

/// The guidance lexicon, read once per run.
#[derive(Debug, Clone)]
pub struct GuidanceLexicon {
    pub bans_before: Vec<Phrase>,
    pub bans_after: Vec<Phrase>,
    pub claim_verbs: FxHashSet<String>,
    pub replacements: Vec<Phrase>,
    pub replacement_openers: FxHashSet<String>,
    pub fillers: Vec<Phrase>,
    pub claim_words: FxHashSet<String>,
    pub claim_headings: Vec<String>,
    pub ban_columns: Vec<Phrase>,
    pub mention_before: FxHashSet<String>,
    pub others_before: FxHashSet<String>,
    /// Heading phrases (lower case) that mark a guidance section.
    pub headings: Vec<String>,
}

fn phrases(list: &[String]) -> Vec<Phrase> {
    let mut out: Vec<Phrase> = list
        .iter()
        .map(|p| words(p).into_iter().map(|w: Word| w.lower).collect())
        .filter(|p: &Phrase| !p.is_empty())
        .collect();
    // Longest first, so "avoid calling" wins over "avoid".
    out.sort_by_key(|p| std::cmp::Reverse(p.len()));
    out
}

fn set(list: &[String]) -> FxHashSet<String> {
    list.iter().map(|s| s.to_lowercase()).collect()
}

impl GuidanceLexicon {
    /// The lexicon built into the binary; its files are checked by tests.
    pub fn builtin() -> GuidanceLexicon {
        GuidanceLexicon::from_texts(GUIDANCE_YML, SECTIONS_YML)
            .expect("built-in lexicons are valid")
    }

    /// Read the two files' text; an error names the file and the problem.
    pub fn from_texts(guidance: &str, sections: &str) -> Result<GuidanceLexicon, String> {
        let g: GuidanceFile =
            serde_yaml::from_str(guidance).map_err(|e| format!("guidance.yml: {e}"))?;
        let s: SectionsFile = serde_yaml::from_str(sections)
            .or_else(|_| {
                // sections.yml has other keys: read just ours.
                let v: serde_yaml::Value = serde_yaml::from_str(sections)?;
                serde_yaml::from_value(serde_yaml::Value::Mapping(
                    v.as_mapping()
                        .into_iter()
                        .flatten()
                        .filter(|(k, _)| {
                            matches!(k.as_str(), Some("not_claimed") | Some("guidance"))
                        })
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect(),
                ))
            })
            .map_err(|e| format!("sections.yml: {e}"))?;
        let mut headings: Vec<String> = s
            .not_claimed
            .iter()
            .chain(&s.guidance)
            .map(|h| h.to_lowercase())
            .collect();
        headings.sort();
        headings.dedup();
        Ok(GuidanceLexicon {
            bans_before: phrases(&g.bans_before),
            bans_after: phrases(&g.bans_after),
            claim_verbs: set(&g.claim_verbs),
            replacements: phrases(&g.replacements),
            replacement_openers: set(&g.replacement_openers),
            fillers: phrases(&g.fillers),
            claim_words: set(&g.claim_words),
            claim_headings: g.claim_headings.iter().map(|h| h.to_lowercase()).collect(),
            ban_columns: phrases(&g.ban_columns),
            mention_before: set(&g.mention_before),
            others_before: set(&g.others_before),
            headings,
        })
    }

    /// Does a heading (any case) name a guidance section?
    pub fn is_guidance_heading(&self, heading: &str) -> bool {
        let h = heading.to_lowercase().replace('\u{2019}', "'");
        self.headings.iter().any(|g| h.contains(g.as_str()))
    }

    /// Does a heading say its banned terms are claims ("Claims to avoid")?
    pub fn is_claim_heading(&self, heading: &str) -> bool {
        let h = heading.to_lowercase();
        self.claim_headings.iter().any(|g| h.contains(g.as_str()))
    }

    /// Does a table column header say its cells are banned ("Don't say")?
    pub fn is_ban_column(&self, header: &str) -> bool {
        let ws: Vec<String> = words(header).into_iter().map(|w| w.lower).collect();
        self.ban_columns
            .iter()
            .any(|p| (0..ws.len()).any(|i| starts_with(&ws[i..], p)))
    }
}

/// Do `ws` begin with `phrase`?
pub fn starts_with(ws: &[String], phrase: &[String]) -> bool {
    ws.len() >= phrase.len() && ws.iter().zip(phrase).all(|(a, b)| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lists_are_sorted_and_unique() {
        let g: serde_yaml::Mapping = serde_yaml::from_str(GUIDANCE_YML).unwrap();
        for (key, value) in &g {
            let list: Vec<String> = serde_yaml::from_value(value.clone()).unwrap();
            let mut sorted = list.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(list, sorted, "guidance.yml `{}`", key.as_str().unwrap());
        }
        let s: serde_yaml::Mapping = serde_yaml::from_str(SECTIONS_YML).unwrap();
        let not_claimed: Vec<String> = serde_yaml::from_value(s["not_claimed"].clone()).unwrap();
        let guidance: Vec<String> = serde_yaml::from_value(s["guidance"].clone()).unwrap();
        let mut sorted = guidance.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(guidance, sorted);
        // `guidance` extends `not_claimed`; it never repeats it.
        assert!(guidance.iter().all(|g| !not_claimed.contains(g)));
    }

    #[test]
    fn headings_and_columns_are_recognised() {
        let lex = GuidanceLexicon::builtin();
        for h in [
            "Messaging to avoid",
            "Never say",
            "Retired claims",
            "Off-limits",
            "Words we don’t use",
            "What we don't claim",
        ] {
            assert!(lex.is_guidance_heading(h), "{h}");
        }
        for h in ["Key messages", "Proof points", "Naming"] {
            assert!(!lex.is_guidance_heading(h), "{h}");
        }
        assert!(lex.is_ban_column("Don't say"));
        assert!(lex.is_ban_column("Instead of"));
        assert!(!lex.is_ban_column("Say"));
        assert!(!lex.is_ban_column("What we say"));
        assert!(lex.is_claim_heading("Claims to avoid"));
    }

    #[test]
    fn a_broken_file_is_an_error_naming_it() {
        let e = GuidanceLexicon::from_texts("bans_before: [a", SECTIONS_YML).unwrap_err();
        assert!(e.starts_with("guidance.yml:"), "{e}");
        let e = GuidanceLexicon::from_texts(GUIDANCE_YML, "guidance: 3").unwrap_err();
        assert!(e.starts_with("sections.yml:"), "{e}");
    }
}

//! The word lists extraction uses, kept as data in `rules/lexicons/*.yml` and
//! embedded in the binary. Every entry is tokenised with the same tokenizer
//! as the text it is matched against, so "up to" or "#1" match token runs.

use std::collections::HashMap;

use aho_corasick::AhoCorasick;
use rustc_hash::{FxHashMap, FxHashSet};
use serde_yaml::Value;

use super::words::{stem, stem_into, tokenize, Token, WordId, UNCLASSIFIED, UNKNOWN};

/// The embedded lexicon files: (file name, contents).
pub const FILES: &[(&str, &str)] = &[
    (
        "abbreviations.yml",
        include_str!("../../rules/lexicons/abbreviations.yml"),
    ),
    (
        "absolutes.yml",
        include_str!("../../rules/lexicons/absolutes.yml"),
    ),
    (
        "antonyms.yml",
        include_str!("../../rules/lexicons/antonyms.yml"),
    ),
    (
        "capabilities.yml",
        include_str!("../../rules/lexicons/capabilities.yml"),
    ),
    (
        "comparatives.yml",
        include_str!("../../rules/lexicons/comparatives.yml"),
    ),
    (
        "conversation.yml",
        include_str!("../../rules/lexicons/conversation.yml"),
    ),
    (
        "hedges.yml",
        include_str!("../../rules/lexicons/hedges.yml"),
    ),
    (
        "negations.yml",
        include_str!("../../rules/lexicons/negations.yml"),
    ),
    (
        "numbers.yml",
        include_str!("../../rules/lexicons/numbers.yml"),
    ),
    (
        "qualifiers.yml",
        include_str!("../../rules/lexicons/qualifiers.yml"),
    ),
    (
        "sections.yml",
        include_str!("../../rules/lexicons/sections.yml"),
    ),
    (
        "stopwords.yml",
        include_str!("../../rules/lexicons/stopwords.yml"),
    ),
    (
        "superlatives.yml",
        include_str!("../../rules/lexicons/superlatives.yml"),
    ),
    (
        "synonyms.yml",
        include_str!("../../rules/lexicons/synonyms.yml"),
    ),
    ("units.yml", include_str!("../../rules/lexicons/units.yml")),
];

/// `hedges` payloads: "most", "typically", "up to" soften how much or how
/// often; "can", "helps" soften whether it happens at all.
pub const HEDGE_OF_EXTENT: usize = 0;
pub const HEDGE_OF_POSSIBILITY: usize = 1;

/// A set of words and multi-word phrases, matched against token runs.
#[derive(Debug, Default, Clone)]
pub struct PhraseSet {
    /// First token → (phrase tokens, payload index), longest first.
    by_first: FxHashMap<String, Vec<(Vec<String>, usize)>>,
    /// The same phrases by word id, once the lexicon's vocabulary is known:
    /// `first[id]` is the index in `by_id` of the phrases starting with that
    /// word (`NO_PHRASES` for none), so classified tokens match without hashing.
    first: Vec<u32>,
    by_id: Vec<Vec<(Box<[WordId]>, usize)>>,
    /// The most tokens a phrase has.
    longest: usize,
}

const NO_PHRASES: u32 = u32::MAX;

impl PhraseSet {
    fn insert(&mut self, phrase: &str, payload: usize) {
        let toks: Vec<String> = tokenize(phrase)
            .into_iter()
            .map(|t| t.lower.into_owned())
            .collect();
        if toks.is_empty() {
            return;
        }
        self.longest = self.longest.max(toks.len());
        let list = self.by_first.entry(toks[0].clone()).or_default();
        list.push((toks, payload));
        list.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
    }

    fn from_list(items: &[String]) -> PhraseSet {
        let mut set = PhraseSet::default();
        for item in items {
            set.insert(item, 0);
        }
        set
    }

    /// Index the phrases by the vocabulary's word ids (every phrase word is in it).
    fn compile(&mut self, vocab: &Vocab) {
        self.first = vec![NO_PHRASES; vocab.classes.len()];
        self.by_id.clear();
        for (word, list) in &self.by_first {
            self.first[vocab.ids[word.as_str()] as usize] = self.by_id.len() as u32;
            self.by_id.push(
                list.iter()
                    .map(|(phrase, payload)| {
                        let ids = phrase.iter().map(|w| vocab.ids[w.as_str()]).collect();
                        (ids, *payload)
                    })
                    .collect(),
            );
        }
    }

    /// The most tokens a phrase has.
    pub fn longest(&self) -> usize {
        self.longest
    }

    /// The longest phrase starting at token `i`: (token count, payload).
    pub fn match_at(&self, tokens: &[Token], i: usize) -> Option<(usize, usize)> {
        let token = tokens.get(i)?;
        if token.word != UNCLASSIFIED && !self.first.is_empty() {
            return self.match_ids(tokens, i, token.word);
        }
        let list = self.by_first.get(&*token.lower)?;
        first_fit(list, tokens, i, |p, t| *p == t.lower)
    }

    /// `match_at` for a classified token: compare word ids, not text. A
    /// token of the same lexicon has the same id as an equal phrase word.
    fn match_ids(&self, tokens: &[Token], i: usize, word: WordId) -> Option<(usize, usize)> {
        let at = *self.first.get(word as usize)?;
        if at == NO_PHRASES {
            return None;
        }
        first_fit(&self.by_id[at as usize], tokens, i, |p, t| *p == t.word)
    }

    /// The longest phrase ending just before token `end` (exclusive).
    pub fn match_ending_at(&self, tokens: &[Token], end: usize) -> Option<(usize, usize)> {
        (1..=end.min(4))
            .rev()
            .find_map(|n| self.match_at(tokens, end - n).filter(|(len, _)| *len == n))
    }

    /// Does any phrase occur anywhere in `tokens`?
    pub fn find(&self, tokens: &[Token]) -> Option<(usize, usize, usize)> {
        (0..tokens.len()).find_map(|i| self.match_at(tokens, i).map(|(n, p)| (i, n, p)))
    }

    /// The words phrases start with.
    fn first_words(&self) -> impl Iterator<Item = &String> {
        self.by_first.keys()
    }

    /// The one-word phrases.
    fn words(&self) -> impl Iterator<Item = &String> {
        self.by_first
            .iter()
            .filter(|(_, l)| l.iter().any(|(p, _)| p.len() == 1))
            .map(|(w, _)| w)
    }

    pub fn contains_word(&self, word: &str) -> bool {
        self.by_first
            .get(word)
            .is_some_and(|l| l.iter().any(|(p, _)| p.len() == 1))
    }
}

/// The first phrase of `list` (longest first) that the tokens from `i` spell,
/// words compared by `same`: (token count, payload).
fn first_fit<P: AsRef<[W]>, W>(
    list: &[(P, usize)],
    tokens: &[Token],
    i: usize,
    same: impl Fn(&W, &Token) -> bool,
) -> Option<(usize, usize)> {
    list.iter().find_map(|(phrase, payload)| {
        let phrase = phrase.as_ref();
        let n = phrase.len();
        let fits = i + n <= tokens.len()
            && phrase
                .iter()
                .zip(&tokens[i..i + n])
                .all(|(p, t)| same(p, t));
        fits.then_some((n, *payload))
    })
}

/// What a word is, as bits: one vocabulary lookup per token answers every
/// list-membership question extraction asks about it.
pub(crate) mod class {
    pub const STRENGTH_START: u32 = 1;
    pub const NEGATION: u32 = 1 << 1;
    pub const DECREASE: u32 = 1 << 2;
    pub const CAPABILITY: u32 = 1 << 3;
    pub const CERTIFICATION: u32 = 1 << 4;
    pub const INTEGRATION: u32 = 1 << 5;
    pub const IMPERATIVE: u32 = 1 << 6;
    pub const NOT_TERM: u32 = 1 << 7;
    pub const FIRST_PERSON: u32 = 1 << 8;
    pub const SECOND_PERSON: u32 = 1 << 9;
    /// A number word, multiplier or fraction: a word that can be a figure.
    pub const NUMBER: u32 = 1 << 10;
}

/// Words that make the speaker the subject.
pub(crate) const FIRST_PERSON: &[&str] =
    &["we", "we're", "we've", "we'll", "we'd", "our", "ours", "us"];
/// Words that address the reader.
pub(crate) const SECOND_PERSON: &[&str] = &[
    "you", "your", "you'll", "you're", "you've", "you'd", "yours",
];

/// Every word the lexicon's lists hold, each with an id and its class bits.
#[derive(Debug, Default, Clone)]
struct Vocab {
    ids: FxHashMap<String, WordId>,
    classes: Vec<u32>,
}

impl Vocab {
    fn add(&mut self, word: &str, bits: u32) {
        let next = self.classes.len() as WordId;
        let id = *self.ids.entry(word.to_string()).or_insert(next);
        if id == next {
            self.classes.push(0);
        }
        self.classes[id as usize] |= bits;
    }
}

/// How a number is qualified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    /// "up to", "as much as": a ceiling on a benefit.
    UpTo,
    AtLeast,
    MoreThan,
    /// "under", "less than", "within".
    Under,
    /// "about", "nearly", "roughly".
    About,
}

/// The word lists, parsed once.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub abbreviations: FxHashSet<String>,
    pub hedges: PhraseSet,
    pub strong_absolutes: PhraseSet,
    pub assertive: PhraseSet,
    pub negations: FxHashSet<String>,
    pub decrease: FxHashSet<String>,
    pub superlatives: PhraseSet,
    /// Words ending in "-est" that are not rankings ("request", "latest").
    pub not_superlatives: FxHashSet<String>,
    pub comparatives: PhraseSet,
    /// Payload: index into `qualifier_kinds`.
    pub qualifiers: PhraseSet,
    pub qualifier_kinds: Vec<Qualifier>,
    pub averages: PhraseSet,
    pub number_words: FxHashMap<String, f64>,
    pub after_a: FxHashMap<String, f64>,
    pub scales: FxHashMap<String, f64>,
    pub fractions: FxHashMap<String, f64>,
    pub multipliers: FxHashMap<String, f64>,
    /// Payload: index into `duration_days`.
    pub durations: PhraseSet,
    pub duration_days: Vec<f64>,
    /// Physical units ("hectares", "mi", "kWh"). Payload: index into `measure_units`.
    pub measures: PhraseSet,
    /// Each measure unit's kind (a `units.yml` section) and size in that kind's base unit.
    pub measure_units: Vec<(&'static str, f64)>,
    pub periods: FxHashMap<String, f64>,
    pub currencies: FxHashMap<String, String>,
    /// "cents", "¢": a hundredth of the currency they name.
    pub currency_hundredths: FxHashMap<String, String>,
    pub percent: PhraseSet,
    pub multiplier_units: FxHashSet<String>,
    pub stopwords: FxHashSet<String>,
    /// Stem → canonical stem.
    pub synonyms: FxHashMap<String, String>,
    /// Multi-word synonyms ("set up"); payload: index into `phrase_canon`.
    pub synonym_phrases: PhraseSet,
    pub phrase_canon: Vec<String>,
    /// Canonical stem → its opposite's canonical stem.
    pub antonyms: HashMap<String, String>,
    pub key_message_headings: Vec<String>,
    /// Table column headers whose cells cite evidence ("Proof", "Source").
    pub evidence_columns: Vec<String>,
    pub not_claimed_headings: Vec<String>,
    pub internal_context: FxHashSet<String>,
    pub sales_material: FxHashSet<String>,
    pub openers: PhraseSet,
    pub imperatives: FxHashSet<String>,
    pub capability_verbs: FxHashSet<String>,
    pub integration_words: FxHashSet<String>,
    /// The stems of `integration_words`, so every inflection counts
    /// ("plug", "plugged" from "plugs").
    pub integration_stems: FxHashSet<String>,
    pub certification_words: FxHashSet<String>,
    /// Words that are never topic terms: stop words, negations, strength
    /// markers, number words, units and qualifiers (one set, so a word is
    /// looked up once).
    pub not_terms: FxHashSet<String>,
    /// The first words of hedges, strong absolutes, assertive words and
    /// superlatives: a token that is none of them starts none of those phrases.
    pub strength_starts: FxHashSet<String>,
    /// Nouns naming what we sell ("app", "platform"), for rankings of us.
    pub product_nouns: FxHashSet<String>,
    /// Which characters are letters (for telling scripts apart); shared by clones.
    pub letters: std::sync::Arc<super::LetterTable>,
    /// Built from the lists above when the lexicon is made; the lists must
    /// not change afterwards.
    vocab: Vocab,
    /// `key_message_headings` and `not_claimed_headings` as automata, so a
    /// heading is searched for all of a list's phrases at once.
    heading_finders: [Option<AhoCorasick>; 2],
}

/// A problem in a lexicon file (only reachable when the embedded files are broken).
#[derive(Debug)]
pub struct LexiconError(pub String);

fn parse_file(name: &str, text: &str) -> Result<serde_yaml::Mapping, LexiconError> {
    match serde_yaml::from_str::<Value>(text) {
        Ok(Value::Mapping(m)) => Ok(m),
        Ok(_) => Err(LexiconError(format!("{name}: expected a mapping"))),
        Err(e) => Err(LexiconError(format!("{name}: {e}"))),
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The entries of one section, in file order: a list gives (entry, None), a
/// mapping (key, Some(value)), a list of lists one joined group per entry.
pub fn section_entries(
    name: &str,
    map: &serde_yaml::Mapping,
    key: &str,
) -> Result<Vec<(String, Option<Value>)>, LexiconError> {
    let Some(v) = map.get(key) else {
        return Err(LexiconError(format!("{name}: missing `{key}`")));
    };
    let bad = || LexiconError(format!("{name}: `{key}` has an entry that is not text"));
    match v {
        Value::Sequence(items) => items
            .iter()
            .map(|item| match item {
                Value::Sequence(_) => Ok((String::new(), Some(item.clone()))),
                other => scalar(other).map(|s| (s, None)).ok_or_else(bad),
            })
            .collect(),
        Value::Mapping(m) => m
            .iter()
            .map(|(k, v)| scalar(k).map(|k| (k, Some(v.clone()))).ok_or_else(bad))
            .collect(),
        _ => Err(bad()),
    }
}

struct Files(HashMap<&'static str, serde_yaml::Mapping>);

impl Files {
    fn list(&self, file: &str, key: &str) -> Result<Vec<String>, LexiconError> {
        Ok(section_entries(file, &self.0[file], key)?
            .into_iter()
            .map(|(k, _)| k)
            .collect())
    }

    fn numbers(&self, file: &str, key: &str) -> Result<Vec<(String, f64)>, LexiconError> {
        section_entries(file, &self.0[file], key)?
            .into_iter()
            .map(|(k, v)| {
                let n = v
                    .as_ref()
                    .and_then(Value::as_f64)
                    .ok_or_else(|| LexiconError(format!("{file}: `{key}.{k}` must be a number")))?;
                Ok((k, n))
            })
            .collect()
    }

    fn groups(&self, file: &str, key: &str) -> Result<Vec<Vec<String>>, LexiconError> {
        section_entries(file, &self.0[file], key)?
            .into_iter()
            .map(|(_, v)| match v {
                Some(Value::Sequence(items)) => items
                    .iter()
                    .map(|i| {
                        scalar(i).ok_or_else(|| {
                            LexiconError(format!("{file}: `{key}` groups hold words"))
                        })
                    })
                    .collect(),
                _ => Err(LexiconError(format!("{file}: `{key}` must hold lists"))),
            })
            .collect()
    }
}

fn set(items: Vec<String>) -> FxHashSet<String> {
    items.into_iter().map(|s| s.to_lowercase()).collect()
}

impl Lexicon {
    /// The lexicon built into the binary.
    pub fn builtin() -> Lexicon {
        // The embedded files are checked by tests; a failure here is a build defect.
        Lexicon::from_files(FILES).expect("built-in lexicons are valid")
    }

    pub fn from_files(files: &[(&'static str, &str)]) -> Result<Lexicon, LexiconError> {
        let mut parsed = HashMap::new();
        for (name, text) in files {
            parsed.insert(*name, parse_file(name, text)?);
        }
        for (name, _) in FILES {
            if !parsed.contains_key(name) {
                return Err(LexiconError(format!("missing lexicon file {name}")));
            }
        }
        let f = Files(parsed);

        let mut qualifiers = PhraseSet::default();
        let mut qualifier_kinds = Vec::new();
        for (key, kind) in [
            ("up_to", Qualifier::UpTo),
            ("at_least", Qualifier::AtLeast),
            ("more_than", Qualifier::MoreThan),
            ("under", Qualifier::Under),
            ("about", Qualifier::About),
        ] {
            for phrase in f.list("qualifiers.yml", key)? {
                qualifiers.insert(&phrase, qualifier_kinds.len());
                qualifier_kinds.push(kind);
            }
        }

        let mut durations = PhraseSet::default();
        let mut duration_days = Vec::new();
        for (unit, days) in f.numbers("units.yml", "duration")? {
            durations.insert(&unit, duration_days.len());
            duration_days.push(days);
        }

        let mut measures = PhraseSet::default();
        let mut measure_units = Vec::new();
        for base in MEASURES {
            for (unit, size) in f.numbers("units.yml", base)? {
                measures.insert(&unit, measure_units.len());
                measure_units.push((*base, size));
            }
        }

        let currency_map = |key: &str| -> Result<FxHashMap<String, String>, LexiconError> {
            Ok(section_entries("units.yml", &f.0["units.yml"], key)?
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v.as_ref().and_then(scalar).unwrap_or(k)))
                .collect())
        };
        let currencies = currency_map("currency")?;
        let currency_hundredths = currency_map("currency_hundredths")?;

        let mut synonyms = FxHashMap::default();
        let mut synonym_phrases = PhraseSet::default();
        let mut phrase_canon = Vec::new();
        for group in f.groups("synonyms.yml", "groups")? {
            let canon = stem(&group[0].to_lowercase());
            for word in &group {
                let toks = tokenize(word);
                if toks.len() == 1 {
                    synonyms.insert(stem(&toks[0].lower), canon.clone());
                } else {
                    synonym_phrases.insert(word, phrase_canon.len());
                    phrase_canon.push(canon.clone());
                }
            }
        }
        let canon_of = |w: &str| {
            let s = stem(w);
            synonyms.get(&s).cloned().unwrap_or(s)
        };
        let mut antonyms = HashMap::new();
        for pair in f.groups("antonyms.yml", "pairs")? {
            if let [a, b] = pair.as_slice() {
                antonyms.insert(canon_of(a), canon_of(b));
                antonyms.insert(canon_of(b), canon_of(a));
            } else {
                return Err(LexiconError(
                    "antonyms.yml: each pair must have two words".into(),
                ));
            }
        }

        let mut hedges = PhraseSet::from_list(&f.list("hedges.yml", "words")?);
        for p in f.list("hedges.yml", "phrases")? {
            hedges.insert(&p, HEDGE_OF_EXTENT);
        }
        for p in f.list("hedges.yml", "possibility")? {
            hedges.insert(&p, HEDGE_OF_POSSIBILITY);
        }
        let mut superlatives = PhraseSet::from_list(&f.list("superlatives.yml", "words")?);
        for p in f.list("superlatives.yml", "phrases")? {
            superlatives.insert(&p, 0);
        }
        let mut comparatives = PhraseSet::from_list(&f.list("comparatives.yml", "words")?);
        for p in f.list("comparatives.yml", "phrases")? {
            comparatives.insert(&p, 0);
        }
        let map = |v: Vec<(String, f64)>| v.into_iter().collect::<FxHashMap<_, _>>();

        let mut lexicon = Lexicon {
            letters: std::sync::Arc::new(super::LetterTable::new()),
            abbreviations: set(f.list("abbreviations.yml", "words")?),
            hedges,
            strong_absolutes: PhraseSet::from_list(&f.list("absolutes.yml", "strong")?),
            assertive: PhraseSet::from_list(&f.list("absolutes.yml", "assertive")?),
            negations: set(f.list("negations.yml", "words")?),
            decrease: set(f.list("negations.yml", "decrease")?),
            superlatives,
            not_superlatives: set(f.list("superlatives.yml", "not_superlatives")?),
            comparatives,
            qualifiers,
            qualifier_kinds,
            averages: PhraseSet::from_list(&f.list("qualifiers.yml", "average")?),
            number_words: map(f.numbers("numbers.yml", "words")?),
            after_a: map(f.numbers("numbers.yml", "after_a")?),
            scales: map(f.numbers("numbers.yml", "scales")?),
            fractions: map(f.numbers("numbers.yml", "fractions")?),
            multipliers: map(f.numbers("numbers.yml", "multipliers")?),
            durations,
            duration_days,
            measures,
            measure_units,
            periods: map(f.numbers("units.yml", "period")?),
            currencies,
            currency_hundredths,
            percent: PhraseSet::from_list(&f.list("units.yml", "percent")?),
            multiplier_units: set(f.list("units.yml", "multiplier")?),
            stopwords: set(f.list("stopwords.yml", "words")?),
            synonyms,
            synonym_phrases,
            phrase_canon,
            antonyms,
            key_message_headings: f.list("sections.yml", "key_messages")?,
            evidence_columns: f.list("sections.yml", "evidence_columns")?,
            not_claimed_headings: f.list("sections.yml", "not_claimed")?,
            internal_context: set(f.list("sections.yml", "internal")?),
            sales_material: set(f.list("sections.yml", "sales_material")?),
            openers: PhraseSet::from_list(&f.list("conversation.yml", "openers")?),
            imperatives: set(f.list("conversation.yml", "imperatives")?),
            capability_verbs: set(f.list("capabilities.yml", "verbs")?),
            integration_words: set(f.list("capabilities.yml", "integration")?),
            integration_stems: FxHashSet::default(),
            certification_words: set(f.list("capabilities.yml", "certification")?),
            product_nouns: set(f.list("capabilities.yml", "product_nouns")?),
            not_terms: FxHashSet::default(),
            strength_starts: FxHashSet::default(),
            vocab: Vocab::default(),
            heading_finders: [None, None],
        };
        lexicon.not_terms = lexicon.collect_not_terms();
        lexicon.strength_starts = [
            &lexicon.hedges,
            &lexicon.strong_absolutes,
            &lexicon.assertive,
            &lexicon.superlatives,
        ]
        .into_iter()
        .flat_map(PhraseSet::first_words)
        .cloned()
        .collect();
        lexicon.build_vocab();
        lexicon.heading_finders = [
            AhoCorasick::new(&lexicon.key_message_headings).ok(),
            AhoCorasick::new(&lexicon.not_claimed_headings).ok(),
        ];
        Ok(lexicon)
    }

    /// The phrase sets' words and the classified lists, with ids; then the
    /// phrase sets indexed by those ids.
    fn build_vocab(&mut self) {
        self.integration_stems = self.integration_words.iter().map(|w| stem(w)).collect();
        let mut vocab = Vocab::default();
        let classified: [(&FxHashSet<String>, u32); 8] = [
            (&self.strength_starts, class::STRENGTH_START),
            (&self.negations, class::NEGATION),
            (&self.decrease, class::DECREASE),
            (&self.capability_verbs, class::CAPABILITY),
            (&self.certification_words, class::CERTIFICATION),
            (&self.integration_words, class::INTEGRATION),
            (&self.imperatives, class::IMPERATIVE),
            (&self.not_terms, class::NOT_TERM),
        ];
        for (words, bits) in classified {
            for w in words {
                vocab.add(w, bits);
            }
        }
        for (words, bits) in [
            (FIRST_PERSON, class::FIRST_PERSON),
            (SECOND_PERSON, class::SECOND_PERSON),
        ] {
            for w in words {
                vocab.add(w, bits);
            }
        }
        for numbers in [&self.number_words, &self.multipliers, &self.fractions] {
            for w in numbers.keys() {
                vocab.add(w, class::NUMBER);
            }
        }
        let mut sets = self.phrase_sets_mut();
        for set in &sets {
            for phrase in set.by_first.values().flatten() {
                for w in &phrase.0 {
                    vocab.add(w, 0);
                }
            }
        }
        for set in &mut sets {
            set.compile(&vocab);
        }
        self.vocab = vocab;
    }

    fn phrase_sets_mut(&mut self) -> [&mut PhraseSet; 12] {
        [
            &mut self.measures,
            &mut self.hedges,
            &mut self.strong_absolutes,
            &mut self.assertive,
            &mut self.superlatives,
            &mut self.comparatives,
            &mut self.qualifiers,
            &mut self.averages,
            &mut self.durations,
            &mut self.percent,
            &mut self.synonym_phrases,
            &mut self.openers,
        ]
    }

    /// "the fewest", "the quickest": a superlative told by its form, a word
    /// ending in "-est" after "the", where the word list does not name it.
    pub fn superlative_by_form(&self, toks: &[Token], i: usize) -> bool {
        let Some(t) = toks.get(i) else {
            return false;
        };
        i > 0
            && toks[i - 1].lower == "the"
            && t.is_word()
            && t.lower.len() >= 6
            && t.lower.ends_with("est")
            && t.lower.bytes().all(|b| b.is_ascii_lowercase())
            && !self.not_superlatives.contains(&*t.lower)
    }

    fn collect_not_terms(&self) -> FxHashSet<String> {
        let phrase_words = [
            &self.hedges,
            &self.strong_absolutes,
            &self.assertive,
            &self.durations,
            &self.qualifiers,
            &self.averages,
        ]
        .into_iter()
        .flat_map(PhraseSet::words);
        let number_words = [
            &self.number_words,
            &self.after_a,
            &self.scales,
            &self.fractions,
            &self.multipliers,
            &self.periods,
        ]
        .into_iter()
        .flat_map(|m| m.keys());
        self.stopwords
            .iter()
            .chain(&self.negations)
            .chain(phrase_words)
            .chain(number_words)
            .cloned()
            .collect()
    }

    /// Does a lower-cased heading contain a key message phrase (`[0]`) or a
    /// "what we do not claim" phrase (`[1]`)?
    pub(crate) fn heading_kinds(&self, lower: &str) -> [bool; 2] {
        let lists = [&self.key_message_headings, &self.not_claimed_headings];
        let mut found = [false; 2];
        for ((found, finder), needles) in found.iter_mut().zip(&self.heading_finders).zip(lists) {
            *found = match finder {
                Some(finder) => finder.is_match(lower),
                None => needles.iter().any(|n| lower.contains(n.as_str())),
            };
        }
        found
    }

    /// Give each token its word id, for `class_of` and phrase matching.
    pub(crate) fn classify(&self, tokens: &mut [Token]) {
        for t in tokens {
            t.word = self.vocab.ids.get(&*t.lower).copied().unwrap_or(UNKNOWN);
        }
    }

    /// The class bits of a token's word (looked up by text when the token
    /// was not classified).
    #[inline]
    pub(crate) fn class_of(&self, token: &Token) -> u32 {
        let id = match token.word {
            UNCLASSIFIED => return self.class_of_text(&token.lower),
            id => id,
        };
        self.vocab.classes.get(id as usize).copied().unwrap_or(0)
    }

    #[cold]
    fn class_of_text(&self, lower: &str) -> u32 {
        self.vocab
            .ids
            .get(lower)
            .map_or(0, |&id| self.vocab.classes[id as usize])
    }

    /// Is the token's word in a class (`class::…`)?
    #[inline]
    pub(crate) fn is(&self, token: &Token, bits: u32) -> bool {
        self.class_of(token) & bits != 0
    }

    /// The canonical topic term of a word: stemmed, synonyms folded.
    pub fn term(&self, lower: &str) -> String {
        self.term_in(lower, &mut String::new()).to_string()
    }

    /// `term`, stemming in `buf` so that a term already seen costs no allocation.
    pub(crate) fn term_in<'s>(&'s self, lower: &str, buf: &'s mut String) -> &'s str {
        stem_into(lower, buf);
        match self.synonyms.get(buf.as_str()) {
            Some(canon) => canon,
            None => buf,
        }
    }
}

/// The `units.yml` sections of physical measures, each a kind of its own.
pub const MEASURES: &[&str] = &["length", "area", "volume", "energy", "power", "mass"];

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::builtin()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each section's entries (or group members) must be sorted and unique, so
    /// that the lists stay reviewable as they grow. Every file in the folder
    /// is checked, also those read outside extraction (common words, init's
    /// folder names).
    #[test]
    fn lexicon_files_are_sorted_and_free_of_duplicates() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/lexicons");
        let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| {
                let path = e.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&path).unwrap())
            })
            .collect();
        files.sort();
        for (name, _) in FILES {
            assert!(files.iter().any(|(n, _)| n == name), "{name}");
        }
        for (name, text) in &files {
            let map = parse_file(name, text).unwrap();
            for (key, _) in &map {
                let key = scalar(key).unwrap();
                let entries = section_entries(name, &map, &key).unwrap();
                let mut flat = Vec::new();
                for (k, v) in &entries {
                    if let Some(Value::Sequence(group)) = v {
                        let words: Vec<String> = group.iter().filter_map(scalar).collect();
                        let mut sorted = words.clone();
                        sorted.sort();
                        sorted.dedup();
                        assert_eq!(
                            words, sorted,
                            "{name}: `{key}` group is unsorted or repeats"
                        );
                        flat.push(words.join(" "));
                    } else {
                        flat.push(k.clone());
                    }
                }
                for pair in flat.windows(2) {
                    assert!(
                        pair[0] < pair[1],
                        "{name}: `{key}`: {:?} must come after {:?} (sorted, no duplicates)",
                        pair[1],
                        pair[0]
                    );
                }
            }
        }
    }

    #[test]
    fn builtin_lexicon_loads() {
        let lex = Lexicon::builtin();
        assert!(lex.stopwords.contains("the"));
        assert_eq!(lex.number_words["twelve"], 12.0);
        assert_eq!(lex.term("syncs"), lex.term("integrates"));
        assert_eq!(lex.term("cut"), lex.term("reduce"));
        assert_eq!(
            lex.antonyms.get(&lex.term("increase")),
            Some(&lex.term("decrease"))
        );
    }

    #[test]
    fn a_missing_section_is_an_error_naming_file_and_key() {
        let mut files: Vec<(&str, &str)> = FILES.to_vec();
        for f in &mut files {
            if f.0 == "hedges.yml" {
                f.1 = "words: [can]\n";
            }
        }
        let err = Lexicon::from_files(&files).unwrap_err();
        assert!(
            err.0.contains("hedges.yml") && err.0.contains("phrases"),
            "{}",
            err.0
        );
    }

    /// Word ids are an index, not a meaning: a classified token must match
    /// and belong exactly where its text does.
    #[test]
    fn classified_tokens_match_like_their_text() {
        let lex = Lexicon::builtin();
        let mut copy = lex.clone();
        let mut text = String::from("Plainly unlisted words: zyxx, Ledgerly's 3x and 80%. ");
        for set in copy.phrase_sets_mut() {
            for (phrase, _) in set.by_first.values().flatten() {
                text.push_str(&phrase.join(" "));
                text.push_str(" x ");
            }
        }
        let plain = tokenize(&text);
        let mut classified = plain.clone();
        lex.classify(&mut classified);
        assert!(classified.iter().all(|t| t.word != UNCLASSIFIED));
        let mut matched = 0;
        for set in copy.phrase_sets_mut() {
            for i in 0..plain.len() {
                let by_text = set.match_at(&plain, i);
                assert_eq!(by_text, set.match_at(&classified, i), "{:?}", plain[i]);
                matched += usize::from(by_text.is_some());
            }
        }
        assert!(matched > 100, "{matched}");
        let lists: [(&FxHashSet<String>, u32); 5] = [
            (&lex.negations, class::NEGATION),
            (&lex.decrease, class::DECREASE),
            (&lex.capability_verbs, class::CAPABILITY),
            (&lex.imperatives, class::IMPERATIVE),
            (&lex.not_terms, class::NOT_TERM),
        ];
        for (t, c) in plain.iter().zip(&classified) {
            assert_eq!(lex.class_of(t), lex.class_of(c), "{t:?}");
            for (list, bit) in lists {
                assert_eq!(lex.is(c, bit), list.contains(&*c.lower), "{c:?}");
            }
        }
        let zyxx = classified.iter().find(|t| t.lower == "zyxx").unwrap();
        assert_eq!((zyxx.word, lex.class_of(zyxx)), (UNKNOWN, 0));
    }

    #[test]
    fn heading_automata_agree_with_substring_search() {
        let lex = Lexicon::builtin();
        let mut headings: Vec<String> = lex
            .key_message_headings
            .iter()
            .chain(&lex.not_claimed_headings)
            .map(|n| format!("our {n}s today"))
            .collect();
        headings.extend(["pricing", "", "what we claim", "key"].map(String::from));
        let mut seen = [false; 2];
        for h in &headings {
            let by_search = [&lex.key_message_headings, &lex.not_claimed_headings]
                .map(|l| l.iter().any(|n| h.contains(n.as_str())));
            assert_eq!(lex.heading_kinds(h), by_search, "{h}");
            seen[0] |= by_search[0];
            seen[1] |= by_search[1];
        }
        assert_eq!(seen, [true, true]);
    }

    #[test]
    fn phrases_match_token_runs() {
        let lex = Lexicon::builtin();
        let toks = tokenize("it saves up to 80% of time");
        let (i, n, p) = lex.qualifiers.find(&toks).unwrap();
        assert_eq!((&*toks[i].lower, n), ("up", 2));
        assert_eq!(lex.qualifier_kinds[p], Qualifier::UpTo);
    }
}

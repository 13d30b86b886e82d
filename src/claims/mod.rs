//! Claim extraction: sentences that assert something checkable, with their
//! quantities, polarity, strength and key terms.
//!
//! Only our side's prose is read (`Side::Ours`); questions, greetings,
//! sign-offs, quoted objections and text in another language are not claims.
//! Every span is mapped back to the source through the block's `TextMap`.

mod features;
pub mod letters;
pub mod lexicon;
pub mod overrides;
pub mod products;
pub mod quantity;
pub mod sentences;
pub mod words;

use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::markdown::{Block, BlockKind, Doc, Side};
use words::{tokenize, PREPOSITIONS};

pub use letters::LetterTable;
pub use lexicon::{Lexicon, Qualifier};
pub use quantity::{Dimension, Quantity};

/// What a claim asserts; rule files spell these in lowercase (`kinds: [quantity]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    Quantity,
    Superlative,
    Comparative,
    Absolute,
    Capability,
    Negative,
}

/// How strongly a claim is put.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    /// "helps", "can", "may", "up to", "typically".
    Hedged,
    #[default]
    Plain,
    /// "will", "always", "guarantee", "eliminate", "never".
    Absolute,
}

/// One extracted claim.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Claim {
    pub text: String,
    /// Byte range in the doc's source.
    pub span: Range<usize>,
    /// 1-based line of the claim's start.
    pub line: usize,
    /// Index of the block in `Doc::blocks`.
    pub block: usize,
    pub kinds: Vec<ClaimKind>,
    pub negated: bool,
    pub strength: Strength,
    pub terms: Vec<String>,
    /// Set on brand claims under a key message / pillar / proof point heading.
    pub key_message: bool,
    pub quantities: Vec<Quantity>,
    /// Names in the claim (capitalised mid-sentence, acronyms, "G2"), lower case.
    pub entities: Vec<String>,
    /// The claim names a certification ("certified", "compliant").
    pub certification: bool,
    /// We or the product with a capability verb ("we offer", "it
    /// supports"), affirmed or denied.
    pub capability: bool,
    /// The claim names an integration ("integrates with", "syncs with").
    pub integration: bool,
    /// "We don't guarantee X": X is claimed, but never as a promise.
    pub guarantee_denied: bool,
    /// A verb that removes or reduces ("cut", "eliminate", "prevent"): with
    /// `negated` it gives the claim's direction.
    pub decrease: bool,
    /// The strength comes from a strong absolute ("always", "eliminate"),
    /// not only from "will".
    pub strong_absolute: bool,
    /// The only strong absolutes are "all"/"every" (no "always", "never", "guarantee").
    pub universal_only: bool,
    /// The doc's product (front matter `product:`, or a single `products:` entry).
    pub product: Option<String>,
    /// The subject is us: "we", "our", "it", or the product's name.
    pub about_us: bool,
    /// The product is named (front matter `product(s)`, or `align.products`).
    pub names_product: bool,
    /// The topic terms a negation denies (all terms for an item of a "what we
    /// do not claim" section).
    pub negated_terms: Vec<String>,
    /// The alternatives a denial denies, each on its own, without the
    /// verb ("breach warranty", "cyber insurance"); see `negated_terms`.
    pub denied_alternatives: Vec<Vec<String>>,
    /// A passive denial of its own subject ("Microsoft Dynamics 365 is not
    /// supported"): what we do not offer, though no "we" says so.
    pub denies_subject: bool,
    /// The name an opening "it" stands for ("Dynamics works fine; it syncs
    /// both ways"), lower case: the clause is about that, not about us.
    pub refers_to: Option<String>,
}

impl Claim {
    /// Is `name` (lower case, as in `entities`) among what this claim denies?
    pub fn denies_name(&self, name: &str) -> bool {
        let stemmed = words::stem(name);
        self.negated
            && self
                .negated_terms
                .iter()
                .any(|t| t.eq_ignore_ascii_case(name) || *t == stemmed)
    }

    pub fn has(&self, kind: ClaimKind) -> bool {
        self.kinds.contains(&kind)
    }

    /// Which way the claim points: affirmed and increasing, or denied /
    /// decreasing ("never pay a late fee" and "reduce late fees" agree).
    pub fn direction(&self) -> bool {
        self.negated ^ self.decrease
    }
}

/// The product a doc is about, if it names exactly one.
pub fn doc_product(doc: &Doc) -> Option<String> {
    let fm = &doc.front_matter;
    fm.product
        .clone()
        .or_else(|| match fm.products.as_slice() {
            [one] => Some(one.clone()),
            _ => None,
        })
        .map(|p| p.trim().to_lowercase())
        .filter(|p| !p.is_empty())
}

/// Is this language tag English (or unset)?
fn is_english(tag: Option<&str>) -> bool {
    tag.is_none_or(|t| {
        let t = t.trim().to_ascii_lowercase();
        t.is_empty() || t == "en" || t.starts_with("en-") || t.starts_with("en_") || t == "english"
    })
}

/// A Latin letter: basic, Latin-1, extended A/B, or Latin Extended Additional.
pub(crate) fn is_latin(c: char) -> bool {
    (c as u32) < 0x250 || (0x1E00..0x1F00).contains(&(c as u32))
}

/// A block is "mostly non-Latin" when fewer than half its letters are Latin.
/// Does `text` hold letters of a script written without spaces between words
/// (Chinese, Japanese, Thai)? English tokens cannot read such a sentence,
/// even one that is mostly Latin ("→ 月 2: 90% 達成 + Our Three Pillars").
pub(crate) fn has_unspaced_script(text: &str) -> bool {
    // All of those scripts are three-byte UTF-8; most sentences have none.
    text.bytes().any(|b| b >= 0xE0)
        && text.chars().any(|c| {
            matches!(c,
                '\u{0E00}'..='\u{0EFF}'   // Thai, Lao
                | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
                | '\u{3400}'..='\u{4DBF}' // Han extension A
                | '\u{4E00}'..='\u{9FFF}' // Han
                | '\u{F900}'..='\u{FAFF}' // Han compatibility
            )
        })
}

fn mostly_non_latin(text: &str, letters: &LetterTable) -> bool {
    // Every ASCII letter is Latin; most English blocks are all ASCII.
    if text.is_ascii() {
        return false;
    }
    // A letter outside Latin takes two bytes or more, so the block cannot be
    // mostly non-Latin when its ASCII letters outnumber half its other bytes.
    let (mut ascii_letters, mut multibyte) = (0usize, 0usize);
    for b in text.bytes() {
        ascii_letters += usize::from(b.is_ascii_alphabetic());
        multibyte += usize::from(!b.is_ascii());
    }
    if multibyte / 2 <= ascii_letters {
        return false;
    }
    let (mut latin, mut other) = (0usize, 0usize);
    for (i, c) in text.char_indices().filter(|&(_, c)| letters.is_letter(c)) {
        // A non-Latin letter takes two bytes or more: once the rest of the
        // text cannot outnumber the Latin letters, the answer is known.
        if latin >= other + (text.len() - i) / 2 {
            return false;
        }
        if is_latin(c) {
            latin += 1;
        } else {
            other += 1;
        }
    }
    other > latin
}

/// What extraction decided about one sentence (for `onmessage why`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentenceTrace {
    /// Byte range in the doc's source.
    pub span: Range<usize>,
    /// Read as a claim.
    pub is_claim: bool,
    /// The signal that decided: why it is a claim, or why not.
    pub reason: String,
}

/// The extraction stage's settings: the run's word lists and its default language.
#[derive(Debug, Clone, Default)]
pub struct ExtractSettings {
    /// The built-in lexicons plus the repo's own (`lexicons:` in onmessage.yml).
    pub lexicon: Lexicon,
    /// `language:` in onmessage.yml; a doc's front-matter `lang` wins.
    pub language: Option<String>,
    /// Our product names, as the brand docs give them: a sales sentence
    /// naming one is about us, even in a file with no front matter.
    pub products: Vec<String>,
    /// Words the brand writes after one of our names ("Kestrel ELD"), lower
    /// case: "the ELD" at a sentence's start is ours (see
    /// [`products::parts_of_brand`]).
    pub product_parts: Vec<String>,
    /// Read a table cell with the topic of its whole row: in a brand doc a
    /// row is one fact ("Scale | $1,500/month | … | Dedicated IP, SSO").
    /// Sales extraction reads a cell with its row's label only.
    pub whole_rows: bool,
}

impl ExtractSettings {
    /// These settings for sales files: knowing our product names from the
    /// brand docs (see [`products::of_brand`]), and reading a table cell
    /// with its row's label only.
    pub fn with_brand_products(&self, brand: &[&Doc]) -> ExtractSettings {
        self.for_brand(brand).for_sales()
    }

    /// Brand settings turned to reading sales files: the same product names,
    /// and a table cell read with its row's label only.
    pub fn for_sales(&self) -> ExtractSettings {
        ExtractSettings {
            whole_rows: false,
            ..self.clone()
        }
    }

    /// These settings for the brand docs themselves: a brand claim whose
    /// subject is one of our names is about us, front matter or not.
    pub fn for_brand(&self, brand: &[&Doc]) -> ExtractSettings {
        let products = products::of_brand(brand, &self.lexicon);
        ExtractSettings {
            product_parts: products::parts_of_brand(brand, &self.lexicon, &products),
            products,
            ..self.clone()
        }
    }
}

/// A doc's claims under the run's settings.
pub fn extract_doc(doc: &Doc, settings: &ExtractSettings) -> Vec<Claim> {
    let language = settings.language.as_deref();
    let rows = settings.whole_rows;
    extract_traced(
        doc,
        &settings.lexicon,
        language,
        &settings.products,
        &settings.product_parts,
        rows,
        None,
    )
}

/// Extract the claims of every block of ours in a doc.
pub fn extract(doc: &Doc, lexicon: &Lexicon) -> Vec<Claim> {
    extract_with_language(doc, lexicon, None)
}

/// Like `extract`, with the config's `language` as the default for docs
/// whose front matter does not say.
pub fn extract_with_language(doc: &Doc, lexicon: &Lexicon, language: Option<&str>) -> Vec<Claim> {
    extract_traced(doc, lexicon, language, &[], &[], true, None)
}

/// One block's sentences and what extraction decided for each, with the
/// claims it gave; the same reading as `extract_doc`.
pub fn trace_block(
    doc: &Doc,
    block: usize,
    settings: &ExtractSettings,
) -> (Vec<SentenceTrace>, Vec<Claim>) {
    let mut trace = BlockTrace {
        block,
        sentences: Vec::new(),
    };
    let language = settings.language.as_deref();
    let (lexicon, products) = (&settings.lexicon, &settings.products);
    let rows = settings.whole_rows;
    let parts = &settings.product_parts;
    let claims = extract_traced(
        doc,
        lexicon,
        language,
        products,
        parts,
        rows,
        Some(&mut trace),
    );
    let claims = claims.into_iter().filter(|c| c.block == block).collect();
    (trace.sentences, claims)
}

/// The block a trace follows, and what it found.
struct BlockTrace {
    block: usize,
    sentences: Vec<SentenceTrace>,
}

impl BlockTrace {
    /// Every sentence of the block, all with one reason.
    fn whole_block(&mut self, doc: &Doc, lexicon: &Lexicon, reason: &str) {
        let Some(block) = doc.blocks.get(self.block) else {
            return;
        };
        for range in sentences::split(&block.text, &lexicon.abbreviations) {
            let span = block.map.range_to_source(range);
            self.note(span, false, reason.to_string());
        }
    }

    fn note(&mut self, span: Range<usize>, is_claim: bool, reason: String) {
        self.sentences.push(SentenceTrace {
            span,
            is_claim,
            reason,
        });
    }
}

/// `products`: our product names known from elsewhere (the brand docs),
/// lower case, besides the doc's own front matter; `parts` and `whole_rows`:
/// see [`ExtractSettings`].
fn extract_traced(
    doc: &Doc,
    lexicon: &Lexicon,
    language: Option<&str>,
    products: &[String],
    parts: &[String],
    whole_rows: bool,
    mut trace: Option<&mut BlockTrace>,
) -> Vec<Claim> {
    let lang = doc.front_matter.lang.as_deref().or(language);
    if !is_english(lang) {
        if let Some(t) = trace {
            t.whole_block(doc, lexicon, "not English: only English text is read");
        }
        return Vec::new();
    }
    let product = doc_product(doc);
    let mut names: Vec<String> = doc
        .front_matter
        .products
        .iter()
        .chain(doc.front_matter.product.iter())
        .map(|p| p.to_lowercase())
        .chain(products.iter().cloned())
        .collect();
    names.sort();
    names.dedup();
    // The words of the product's names that are long enough to mean it.
    let product_words: Vec<&str> = names
        .iter()
        .flat_map(|p| p.split_whitespace())
        .filter(|w| w.chars().count() >= 3)
        .collect();
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let ours = features::OurWords {
        names: &product_words,
        parts: &parts,
    };
    let cx = DocContext {
        doc,
        lex: lexicon,
        whole_rows,
        product,
        ours,
    };
    let mut out = Vec::new();
    // Consecutive blocks mostly share their heading path: read each path once.
    let mut sections: Option<(&[String], Sections)> = None;
    // A doc's upper headings recur in every path below them: read each once.
    let mut heading_flags: FxHashMap<&str, Sections> = FxHashMap::default();
    for (index, block) in doc.blocks.iter().enumerate() {
        let traced = trace.as_deref_mut().filter(|t| t.block == index);
        if block.side != Side::Ours || mostly_non_latin(&block.text, &lexicon.letters) {
            if let Some(t) = traced {
                let reason = if block.side != Side::Ours {
                    "the other side's line: only ours is checked"
                } else {
                    "mostly non-Latin text"
                };
                t.whole_block(doc, lexicon, reason);
            }
            continue;
        }
        let section = match sections {
            // Blocks of one section share the path's allocation: the
            // pointer test spares comparing its strings.
            Some((path, section))
                if std::ptr::eq(path, &block.heading_path[..])
                    || path == &block.heading_path[..] =>
            {
                section
            }
            _ => {
                let mut section = Sections {
                    key_message: false,
                    not_claimed: false,
                };
                for h in block.heading_path.iter() {
                    let found = *heading_flags
                        .entry(h.as_str())
                        .or_insert_with(|| heading_sections(h, lexicon));
                    section.key_message |= found.key_message;
                    section.not_claimed |= found.not_claimed;
                }
                sections = Some((&block.heading_path, section));
                section
            }
        };
        let section = match &block.column {
            Some(column) => column_sections(section, column, lexicon),
            None => section,
        };
        extract_block(&cx, index, block, section, &mut out, traced);
    }
    out
}

/// A table column's header refines its section: cells under "Key message"
/// are key messages wherever the table is, cells under "Proof" or "Source"
/// cite evidence and are not.
fn column_sections(section: Sections, column: &str, lexicon: &Lexicon) -> Sections {
    let column = column.to_lowercase();
    // The same phrase search as headings get.
    let [key_column, _] = lexicon.heading_kinds(&column);
    let evidence = || {
        lexicon
            .evidence_columns
            .iter()
            .any(|n| column.contains(n.as_str()))
    };
    let key_message = key_column || (section.key_message && !evidence());
    Sections {
        key_message,
        ..section
    }
}

/// What every claim of a doc shares.
struct DocContext<'a> {
    doc: &'a Doc,
    lex: &'a Lexicon,
    whole_rows: bool,
    product: Option<String>,
    /// The words of our names, to read subjects by.
    ours: features::OurWords<'a>,
}

/// What a block's headings say about its claims.
#[derive(Clone, Copy)]
struct Sections {
    /// Under a key message / pillar / proof point heading.
    key_message: bool,
    /// Under a "what we do not claim" heading.
    not_claimed: bool,
}

/// What one heading's own words say about the blocks under it.
fn heading_sections(heading: &str, lexicon: &Lexicon) -> Sections {
    let [key_message, not_claimed] = lexicon.heading_kinds(&heading.to_lowercase());
    Sections {
        key_message,
        not_claimed,
    }
}

fn extract_block(
    cx: &DocContext,
    index: usize,
    block: &Block,
    Sections {
        key_message,
        not_claimed,
    }: Sections,
    out: &mut Vec<Claim>,
    mut trace: Option<&mut BlockTrace>,
) {
    let lex = cx.lex;
    let heading = block.kind == BlockKind::Heading;
    // One lower-cased copy per block, which the tokens borrow from.
    let lowered = block.text.to_ascii_lowercase();
    let tracing = trace.is_some();
    // Each clause of each sentence is read on its own.
    let clauses = sentences::split(&block.text, &lex.abbreviations)
        .into_iter()
        .enumerate()
        .flat_map(|(s, sentence)| {
            sentences::clauses(&block.text, sentence, cx.ours.names)
                .into_iter()
                .map(move |clause| (s, clause))
        });
    // The last claim made, with the sentence it came from.
    let mut last_claim: Option<(usize, usize)> = None;
    let mut previous: Option<Range<usize>> = None;
    // The clause before, with its sentence: "we file it for you" is about
    // what the clause before named.
    let mut clause_before: Option<(usize, Range<usize>)> = None;
    for (n, (sentence_index, range)) in clauses.enumerate() {
        let sentence = &block.text[range.clone()];
        // "Dynamics works fine; it syncs both ways": this clause's "it" is
        // the name the clause before it opened with, when no full stop
        // parts them.
        let antecedent = previous
            .replace(range.clone())
            .filter(|before| {
                let ends = ['.', '!', '?', '\n'];
                !block.text[before.clone()].trim_end().ends_with(ends)
                    && !block.text[before.end..range.start].contains(ends)
            })
            .and_then(|before| named_antecedent(&block.text[before], sentence, cx));
        let mut decided = |is_claim: bool, reason: &str| {
            if let Some(t) = trace.as_deref_mut() {
                t.note(
                    block.map.range_to_source(range.clone()),
                    is_claim,
                    reason.to_string(),
                );
            }
        };
        if has_unspaced_script(sentence) {
            decided(false, "written in a script without spaces between words");
            continue;
        }
        // A table cell stating a figure states it of its row and column
        // ("Uptime" × "Juniper Charge": "98.5% at every site"): it is read
        // with them in front, which give its subject and topic.
        // A cell that reads as a sentence on its own (a claim ending in a
        // full stop) is read as it is.
        let plain = features::analyse(
            lex,
            sentence,
            &lowered[range.clone()],
            &cx.ours,
            key_message,
        );
        let sentence_of_its_own = plain.is_some() && sentence.trim_end().ends_with(['.', '!']);
        // A cell with no figure is framed only when it states something by
        // itself ("Every environment, at least weekly"): the frame then adds
        // its row's topic, and never makes a claim of a label or a mark
        // ("All teammates", "Yes").
        let states = plain.is_some() || sentence.bytes().any(|b| b.is_ascii_digit());
        let framed = if sentence_of_its_own || !states {
            None
        } else {
            table_frame(block, sentence)
        };
        let (shift, analysed) = match &framed {
            Some((text, lower, shift)) => (
                *shift,
                features::analyse(lex, text, lower, &cx.ours, key_message),
            ),
            None => (0, plain),
        };
        let referent = clause_before
            .replace((sentence_index, range.clone()))
            .filter(|(s, _)| *s == sentence_index && points_back(sentence))
            .map(|(_, before)| features::row_terms(lex, &[object_of(&block.text[before], lex)]));
        let Some(mut f) = analysed else {
            decided(false, features::rejection(sentence));
            continue;
        };
        let own_terms = f.terms(lex);
        if shift > 0 {
            // Figures of the row's label are its condition, not the cell's value.
            f.quantities.retain(|q| q.local.start >= shift);
            for q in &mut f.quantities {
                q.local = q.local.start - shift..q.local.end - shift;
            }
        }
        // In a "what we do not claim" section, each item's first sentence is denied.
        // A full affirmative sentence there, or one saying what we are, is a
        // caveat ("Charging times depend on the vehicle, battery temperature
        // and state of charge.", "Tillory is online-only."), not a claim
        // named to be denied ("Payroll for contractors.").
        let caveat =
            !f.negated && (f.about_us || sentence.split_whitespace().count() >= CAVEAT_WORDS);
        let section_denied = not_claimed && n == 0 && !caveat;
        let signal = f.has_signal() || section_denied;
        // Headings are titles: only a heading that itself states a figure or a
        // ranking is a claim.
        let heading_ok =
            !heading || ((!f.quantities.is_empty() || f.superlative) && !is_title_case(sentence));
        if !signal {
            // A clause that claims nothing itself elaborates the claim of its
            // sentence before it ("Tillory is the all-in-one store: build a
            // shop, take payments and ship orders from one dashboard"): its
            // words are that claim's topic too.
            match last_claim {
                Some((s, k)) if s == sentence_index && !heading => {
                    for term in own_terms {
                        if !out[k].terms.contains(&term) {
                            out[k].terms.push(term);
                        }
                    }
                    decided(false, "no checkable signal; its words join the claim before it");
                }
                _ => decided(false, "no checkable signal (figure, ranking, comparison, capability, strength, negation, about us)"),
            }
            continue;
        }
        if !heading_ok {
            decided(
                false,
                "a heading in title case, or without a figure or ranking",
            );
            continue;
        }
        if framed.is_some() && cx.whole_rows {
            row_qualifier(lex, &row_siblings(cx.doc, index), &mut f.quantities);
        }
        let mut terms = own_terms;
        for term in referent.into_iter().flatten() {
            if !terms.contains(&term) {
                terms.push(term);
            }
        }
        if framed.is_some() && cx.whole_rows {
            for term in features::row_terms(lex, &row_siblings(cx.doc, index)) {
                if !terms.contains(&term) {
                    terms.push(term);
                }
            }
        }
        let mut entities = f.entities();
        if let Some(name) = &antecedent {
            let lower = name.to_lowercase();
            if !entities.contains(&lower) {
                entities.push(lower);
            }
            for term in features::row_terms(lex, &[name.as_str()]) {
                if !terms.contains(&term) {
                    terms.push(term);
                }
            }
        }
        if terms.is_empty() {
            decided(false, "no topic words");
            continue;
        }
        if tracing {
            let mut signals = f.signals();
            if section_denied {
                signals.push("under a \"we don't claim\" heading");
            }
            decided(true, &format!("claim: {}", signals.join(", ")));
        }
        let span = block
            .map
            .range_to_source(block_offset(&range, 0)..block_offset(&range, range.len()));
        let (line, _) = cx.doc.position(span.start);
        let mut quantities = std::mem::take(&mut f.quantities);
        quantities.shrink_to_fit();
        for q in &mut quantities {
            let local = range.start + q.local.start..range.start + q.local.end;
            q.span = block.map.range_to_source(local);
        }
        let negated = if section_denied && !f.guarantee_denied {
            true
        } else {
            f.negated
        };
        let mut kinds = Vec::new();
        if !quantities.is_empty() {
            kinds.push(ClaimKind::Quantity);
        }
        if f.superlative {
            kinds.push(ClaimKind::Superlative);
        }
        if f.comparative {
            kinds.push(ClaimKind::Comparative);
        }
        if f.strength == Strength::Absolute {
            kinds.push(ClaimKind::Absolute);
        }
        if f.capability {
            kinds.push(if negated {
                ClaimKind::Negative
            } else {
                ClaimKind::Capability
            });
        } else if negated {
            kinds.push(ClaimKind::Negative);
        }
        let negated_terms = if section_denied && !f.negated {
            terms.clone()
        } else {
            f.negated_terms(lex)
        };
        // The text is the cell's own, as its span is: the frame only informs
        // the reading.
        last_claim = Some((sentence_index, out.len()));
        out.push(Claim {
            text: sentence.to_string(),
            span,
            line,
            block: index,
            kinds,
            negated,
            strength: f.strength,
            terms,
            key_message,
            quantities,
            entities,
            certification: f.certification,
            capability: f.capability,
            integration: f.integration,
            guarantee_denied: f.guarantee_denied,
            decrease: f.decrease,
            strong_absolute: f.strong_absolute,
            universal_only: f.universal_only,
            product: cx.product.clone(),
            about_us: f.about_us && antecedent.is_none(),
            names_product: f.names_product,
            negated_terms,
            denied_alternatives: if f.negated {
                f.denied_alternatives(lex)
            } else {
                Vec::new()
            },
            denies_subject: f.negated && f.denies_subject(),
            refers_to: antecedent.map(|name| name.to_lowercase()),
        });
    }
}

/// The name a clause opening with "it" stands for: the first word of the
/// clause before it, when that is a name ("Dynamics works fine"), not a
/// lead-in ("Honestly,"), a pronoun or one of our own names.
fn named_antecedent(before: &str, clause: &str, cx: &DocContext) -> Option<String> {
    let opens_with_it = tokenize(clause)
        .iter()
        .find(|t| t.is_word())
        .is_some_and(|t| t.lower == "it" || t.lower == "it's");
    if !opens_with_it {
        return None;
    }
    let toks = tokenize(before);
    let (first, next) = (toks.first()?, toks.get(1)?);
    let a_name = first.is_word()
        && first.capitalized
        && next.is_word()
        && first.lower.chars().count() >= 3
        && first.lower.chars().all(char::is_alphabetic)
        && !cx.lex.stopwords.contains(&*first.lower)
        && cx.lex.class_of(first) == 0
        && !cx.ours.names.contains(&&*first.lower);
    a_name.then(|| before[first.start..first.end].to_string())
}

/// Whether a clause names its object by a pronoun that points back ("we
/// file it for you", "and sync them nightly"): an "it" or "them" after the
/// clause's first word, which is its subject.
fn points_back(clause: &str) -> bool {
    tokenize(clause)
        .iter()
        .filter(|t| t.is_word())
        .skip(1)
        .any(|t| t.lower == "it" || t.lower == "them")
}

/// The object a clause names after its subject and verb, up to the first
/// preposition or comma: "Tillory calculates sales tax at checkout" →
/// "sales tax". The subject is its opening function words and names.
fn object_of<'t>(clause: &'t str, lex: &Lexicon) -> &'t str {
    let toks = tokenize(clause);
    let mut words = toks
        .iter()
        .skip_while(|t| t.is_word() && (t.capitalized || lex.stopwords.contains(&*t.lower)));
    // The verb.
    words.next();
    let mut object = words.take_while(|t| t.is_word() && !PREPOSITIONS.contains(&&*t.lower));
    let Some(first) = object.next() else {
        return "";
    };
    let end = object.last().map_or(first.end, |t| t.end);
    &clause[first.start..end]
}

/// "Renewal Email: BOP Customers, 30 Days Before Renewal": a heading whose
/// every longer word is capitalised is a title, whatever figure it holds.
fn is_title_case(text: &str) -> bool {
    let long: Vec<&str> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
        .collect();
    long.len() >= 2
        && long
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// The text a table cell is read as, when its row has a label:
/// "{column} {row}: {cell}", lower-cased too, with the length of what
/// precedes the cell.
fn table_frame(block: &Block, cell: &str) -> Option<(String, String, usize)> {
    let row = block.row.as_deref()?;
    if block.kind != BlockKind::Table {
        return None;
    }
    // Lower case: the label's words are topic, not names the cell states.
    let row = row
        .trim()
        .trim_end_matches(['?', ':', '.'])
        .trim_end()
        .to_lowercase();
    let prefix = match block.column.as_deref() {
        Some(column) => format!("{column} {row}: "),
        None => format!("{row}: "),
    };
    // A row states its cells: the frame reads as a sentence, not a label.
    let stop = if cell.trim_end().ends_with(['.', '!']) {
        ""
    } else {
        "."
    };
    let text = format!("{prefix}{cell}{stop}");
    let lower = text.to_ascii_lowercase();
    Some((text, lower, prefix.len()))
}

/// The texts of the other cells of a table cell's row (after the first,
/// which frames it already): the blocks beside it on the same source line.
fn row_siblings(doc: &Doc, index: usize) -> Vec<&str> {
    let block = &doc.blocks[index];
    let line = doc.position(block.span.start).0;
    let same_row = |b: &&Block| b.kind == BlockKind::Table && doc.position(b.span.start).0 == line;
    let before = doc.blocks[..index].iter().rev().take_while(same_row);
    let after = doc.blocks[index + 1..].iter().take_while(same_row);
    before
        .chain(after)
        .filter(|b| b.row.is_some())
        .map(|b| b.text.as_str())
        .collect()
}

/// A brand table may give each figure's qualifier a column of its own
/// ("| Processing time reduction | 70% | "up to" | 2024 benchmark |"): a
/// sibling cell that is nothing but a qualifier ("up to", "average", before
/// any note after a semicolon) qualifies the row's unqualified figures.
fn row_qualifier(lex: &Lexicon, siblings: &[&str], quantities: &mut [quantity::Quantity]) {
    for cell in siblings {
        let head = cell.split([';', ',', '(']).next().unwrap_or_default();
        let head = head
            .trim()
            .trim_matches(['"', '\u{201c}', '\u{201d}', '\''])
            .to_lowercase();
        let toks = words::tokenize(&head);
        if toks.is_empty() || toks.iter().any(|t| t.is_number()) {
            continue;
        }
        let bound = lex
            .qualifiers
            .match_ending_at(&toks, toks.len())
            .filter(|&(n, _)| n == toks.len())
            .map(|(_, p)| lex.qualifier_kinds[p]);
        let averaged = lex
            .averages
            .find(&toks)
            .is_some_and(|(start, n, _)| start == 0 && n == toks.len());
        for q in quantities.iter_mut() {
            if let Some(b) = bound {
                if q.qualifier == Qualifier::Exact {
                    q.qualifier = b;
                }
            }
            q.averaged |= averaged;
        }
    }
}

/// Words from which an affirmative item of a "what we do not claim"
/// section is a sentence of its own rather than a named claim.
const CAVEAT_WORDS: usize = 7;

fn block_offset(range: &Range<usize>, at: usize) -> usize {
    range.start + at
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::markdown::{FrontMatter, LineIndex, TextMap, Turn};

    /// A doc whose blocks are the given paragraphs, one per line, each mapped
    /// one to one onto the source. Headings are written "# Title".
    pub fn doc(path: &str, lines: &[&str]) -> Doc {
        let source = lines.join("\n");
        let mut blocks = Vec::new();
        let mut offset = 0;
        let mut headings: Vec<String> = Vec::new();
        for (n, line) in lines.iter().enumerate() {
            let turn = |name: &str, side| {
                Some(Turn {
                    name: name.into(),
                    role: name.into(),
                    side,
                    from_line: n + 1,
                })
            };
            let (kind, text, skip) = if let Some(rest) = line.strip_prefix("# ") {
                (BlockKind::Heading, rest, 2)
            } else {
                (BlockKind::Paragraph, *line, 0)
            };
            let (speaker, side, text, skip) = match text.split_once(": ") {
                Some(("Prospect", rest)) => (
                    turn("Prospect", Side::Theirs),
                    Side::Theirs,
                    rest,
                    skip + 10,
                ),
                Some(("Rep", rest)) => (turn("Rep", Side::Ours), Side::Ours, rest, skip + 5),
                _ => (None, Side::Ours, text, skip),
            };
            let mut map = TextMap::default();
            map.push(0, offset + skip, text.len());
            let path = headings.clone();
            if kind == BlockKind::Heading {
                headings = vec![text.to_string()];
            }
            if !text.is_empty() {
                blocks.push(Block {
                    kind,
                    heading_path: path.into(),
                    span: offset..offset + line.len(),
                    text: text.to_string(),
                    map,
                    speaker,
                    side,
                    column: None,
                    row: None,
                });
            }
            offset += line.len() + 1;
        }
        Doc {
            path: path.to_string(),
            lines: LineIndex::new(&source),
            source,
            front_matter: FrontMatter::default(),
            front_matter_error: None,
            blocks,
            directives: Vec::new(),
        }
    }

    fn claims(lines: &[&str]) -> Vec<Claim> {
        extract(&doc("x.md", lines), &Lexicon::builtin())
    }

    #[test]
    fn spans_map_back_to_the_source() {
        let d = doc(
            "x.md",
            &[
                "# Pitch",
                "Rep: Hi there. Ledgerly automates up to 80% of invoices.",
            ],
        );
        let c = extract(&d, &Lexicon::builtin());
        assert_eq!(c.len(), 1);
        assert_eq!(
            &d.source[c[0].span.clone()],
            "Ledgerly automates up to 80% of invoices."
        );
        assert_eq!(&d.source[c[0].quantities[0].span.clone()], "up to 80%");
        assert_eq!(c[0].line, 2);
        assert_eq!(c[0].strength, Strength::Hedged);
    }

    #[test]
    fn questions_greetings_and_the_prospects_lines_are_not_claims() {
        let c = claims(&[
            "Rep: Thanks for the time today, Dana!",
            "Rep: How many invoices do you process a month?",
            "Prospect: We process 2,000 invoices a month and never get close.",
            "Best,",
        ]);
        assert!(c.is_empty(), "{c:#?}");
    }

    #[test]
    fn kinds_polarity_and_strength() {
        let c = claims(&[
            "Ledgerly does not offer payroll.",
            "With Ledgerly you will never pay a late fee again.",
            "Ledgerly is the number one AP platform in North America.",
            "Ledgerly is 3x faster than PayFlow.",
            "We're ISO 27001 certified.",
            "We integrate natively with SAP.",
        ]);
        assert_eq!(c.len(), 6, "{c:#?}");
        assert!(c[0].negated && c[0].has(ClaimKind::Negative));
        assert!(c[1].strong_absolute && c[1].strength == Strength::Absolute);
        assert!(c[2].has(ClaimKind::Superlative));
        assert!(c[3].has(ClaimKind::Comparative) && c[3].has(ClaimKind::Quantity));
        assert!(c[4].certification && c[4].entities.contains(&"iso".to_string()));
        assert!(c[5].integration && c[5].entities.contains(&"sap".to_string()));
    }

    #[test]
    fn a_sentence_the_rep_opens_with_i_is_not_about_us() {
        let sales = doc(
            "sales/call.md",
            &[
                "I'll have the Ledgerly specialist call you Thursday, it's a 30-minute call.",
                "",
                "The Ledgerly specialist cuts invoice processing time by 30%.",
            ],
        );
        let brand = crate::markdown::parse(
            "brand/m.md",
            "---\nproducts: [Ledgerly]\n---\n# Messaging\n".into(),
            &Default::default(),
        );
        let knowing = ExtractSettings::default().with_brand_products(&[&brand]);
        let c = extract_doc(&sales, &knowing);
        let about_us = |needle: &str| {
            c.iter()
                .find(|c| c.text.contains(needle))
                .map(|c| c.about_us)
        };
        assert_eq!(about_us("Thursday"), Some(false));
        assert_eq!(about_us("cuts"), Some(true));
    }

    #[test]
    fn an_integration_in_any_inflection_or_joining_a_named_system() {
        let integration = |text: &str| claims(&[text]).first().is_some_and(|c| c.integration);
        assert!(
            integration("We also plug straight into Palo Alto Cortex XDR if you ever switch."),
            "'plug' is 'plugs' inflected"
        );
        assert!(
            integration("SAEs flow straight into Oracle Argus through our native E2B connector."),
            "joins a named system, with a connector"
        );
        assert!(
            !integration("After many reviews of the market, we chose the tool with the deepest integrations."),
            "joins no named system, and too late for the early reading"
        );
    }

    #[test]
    fn we_do_not_guarantee_is_a_hedge_not_a_denial() {
        let c = claims(&["We don't guarantee lower insurance premiums."]);
        assert!(c[0].guarantee_denied && !c[0].negated);
        assert_eq!(c[0].strength, Strength::Hedged);
    }

    #[test]
    fn what_we_do_not_claim_sections_deny_their_items() {
        let c = claims(&[
            "# What we do not claim",
            "Payroll processing for contractors.",
        ]);
        assert_eq!(c.len(), 1);
        assert!(c[0].negated);
    }

    #[test]
    fn key_messages_are_marked_by_their_heading() {
        let c = claims(&["# Key messages", "Customers go live in under two weeks."]);
        assert!(c[0].key_message);
    }

    #[test]
    fn table_columns_refine_the_section() {
        let source = "## Pillars\n\n| Key message | Proof |\n|---|---|\n\
            | Quarry can reduce warehouse spend by up to 40%. | Customer study of 30 accounts |\n\n\
            ## Notes\n\n| Claim | Core message |\n|---|---|\n\
            | Setup takes two weeks. | Setup takes about two weeks. |\n";
        let d = crate::markdown::parse("x.md", source.into(), &Default::default());
        let c = extract(&d, &Lexicon::builtin());
        let key = |text: &str| c.iter().find(|c| c.text == text).map(|c| c.key_message);
        assert_eq!(
            key("Quarry can reduce warehouse spend by up to 40%."),
            Some(true)
        );
        assert_eq!(key("Customer study of 30 accounts"), Some(false));
        assert_eq!(key("Setup takes two weeks."), Some(false));
        assert_eq!(key("Setup takes about two weeks."), Some(true));
    }

    #[test]
    fn a_cell_that_states_something_is_read_with_its_row_label() {
        let source = "| Service | Halyard | In-house |\n|---|---|---|\n\
            | Threat hunting | Every environment, at least weekly | Yes |\n\
            | Access | All Halyard teammates | No |\n";
        let d = crate::markdown::parse("x.md", source.into(), &Default::default());
        let c = extract(&d, &Lexicon::builtin());
        let texts: Vec<&str> = c.iter().map(|c| c.text.as_str()).collect();
        // A label ("All Halyard teammates") or a mark ("Yes") is no claim,
        // framed or not.
        assert_eq!(texts, vec!["Every environment, at least weekly"]);
        // The row's label gives the cell its topic.
        assert!(
            c[0].terms.iter().any(|t| t.starts_with("hunt")),
            "{:?}",
            c[0].terms
        );
    }

    #[test]
    fn a_qualifier_column_qualifies_its_rows_figure() {
        let source = "| Proof point | Figure | Qualifier | Source |\n|---|---|---|---|\n\
            | Processing time reduction | 70% | \"up to\" | 2024 benchmark, 112 customers |\n\
            | Approval cycle time | 2.5 days | average | 2024 benchmark |\n\
            | Match rate | 80% | \"up to\"; PO-backed invoices only | 2024 benchmark |\n\
            | Uptime | 99.9% | Up to 5 regions | SLA |\n";
        let d = crate::markdown::parse("x.md", source.into(), &Default::default());
        let c = extract(&d, &Lexicon::builtin());
        let figure = |text: &str| {
            c.iter()
                .find(|c| c.text == text)
                .map(|c| (c.quantities[0].qualifier, c.quantities[0].averaged))
        };
        assert_eq!(figure("70%"), Some((Qualifier::UpTo, false)));
        assert_eq!(figure("2.5 days"), Some((Qualifier::Exact, true)));
        assert_eq!(figure("80%"), Some((Qualifier::UpTo, false)));
        // A cell with a figure of its own is not a qualifier of the row.
        assert_eq!(figure("99.9%"), Some((Qualifier::Exact, false)));
    }

    #[test]
    fn a_clause_that_claims_nothing_gives_its_words_to_the_claim_before() {
        let c = claims(&[
            "We are the all-in-one online store for small merchants: build a shop, take payments and ship orders from one dashboard.",
        ]);
        assert_eq!(c.len(), 1, "{c:?}");
        assert!(c[0].text.ends_with("small merchants"), "{}", c[0].text);
        assert!(
            c[0].terms.iter().any(|t| t == "dashboard"),
            "{:?}",
            c[0].terms
        );
    }

    #[test]
    fn an_it_after_the_subject_points_back_to_the_object_before() {
        let c =
            claims(&["Tillory calculates sales tax at checkout, and we file it for you as well."]);
        let filing = c.iter().find(|c| c.text.starts_with("we file")).unwrap();
        // The object before ("sales tax"), not its subject, verb or the rest.
        assert!(
            filing.terms.iter().any(|t| t == "tax"),
            "{:?}",
            filing.terms
        );
        assert!(
            !filing
                .terms
                .iter()
                .any(|t| t == "checkout" || t == "calculat"),
            "{:?}",
            filing.terms
        );
        // A clause that opens with the pronoun is not pointing back this way.
        let c = claims(&["Tillory calculates sales tax, and it is included on every plan."]);
        let included = c.iter().find(|c| c.text.starts_with("it is")).unwrap();
        assert!(
            !included.terms.iter().any(|t| t == "tax"),
            "{:?}",
            included.terms
        );
    }

    #[test]
    fn the_part_of_our_product_is_us() {
        let settings = ExtractSettings {
            lexicon: Lexicon::builtin(),
            product_parts: vec!["eld".to_string()],
            ..Default::default()
        };
        let sales = doc(
            "sales/call.md",
            &["The ELD is FMCSA-registered and handles hours of service for US carriers."],
        );
        let c = extract_doc(&sales, &settings);
        assert!(c.len() == 1 && c[0].about_us, "{c:?}");
        // Without the part, nothing says the sentence is about us.
        let plain = extract_doc(
            &sales,
            &ExtractSettings {
                product_parts: vec![],
                ..settings
            },
        );
        assert!(plain.iter().all(|c| !c.about_us), "{plain:?}");
    }

    #[test]
    fn sentences_in_unspaced_scripts_hold_no_claims() {
        assert!(has_unspaced_script("→ 月 2: 90% 達成 + Our Three Pillars"));
        assert!(has_unspaced_script("Sync with ラクス in 2 days."));
        assert!(!has_unspaced_script(
            "Déjà vu — 90% of teams agree… “quoted”"
        ));
        let c = claims(&[
            "Month 2: 90% 達成 + Our Three Pillars are live.",
            "Teams cut review time by 40% with Vault.",
        ]);
        assert_eq!(c.len(), 1);
        assert!(c[0].text.starts_with("Teams cut"));
    }

    #[test]
    fn mostly_non_latin_counts_every_letter() {
        let table = LetterTable::new();
        assert!(!mostly_non_latin("Vault 導入", &table));
        assert!(!mostly_non_latin("Vault は導入され", &table));
        assert!(mostly_non_latin("Vault は導入されます", &table));
        assert!(!mostly_non_latin("ab 日本", &table));
        assert!(mostly_non_latin("ab 日本語", &table));
        assert!(!mostly_non_latin("Ünïcode café ½ 12 ✓", &table));
        assert!(mostly_non_latin("Ελληνικά and", &table));
    }

    /// The byte-count shortcut must agree with counting every letter.
    #[test]
    fn mostly_non_latin_shortcut_agrees_with_the_count() {
        let table = LetterTable::new();
        let counted = |text: &str| {
            let letters = text.chars().filter(|&c| c.is_alphabetic());
            let latin = letters.clone().filter(|&c| is_latin(c)).count();
            letters.count() - latin > latin
        };
        let pieces = [
            "a", "ab ", "é", "’", "—", "日本", "語", "Ω", "½", " ", "🙂", "x1",
        ];
        for n in 0..5000usize {
            let text: String = (0..8)
                .map(|k| pieces[(n * 7 + k * k * 13 + n / (k + 1)) % pieces.len()])
                .collect();
            assert_eq!(mostly_non_latin(&text, &table), counted(&text), "{text:?}");
        }
    }

    #[test]
    fn non_english_text_has_no_claims() {
        let mut d = doc(
            "x.md",
            &["Vault cuesta 3 dólares y elimina el 100% de las contraseñas."],
        );
        d.front_matter.lang = Some("es".into());
        assert!(extract(&d, &Lexicon::builtin()).is_empty());
        let d = doc(
            "y.md",
            &["Keystone Vault は 50,000 社以上に導入され、パスワードの再利用を100%なくします。"],
        );
        assert!(extract(&d, &Lexicon::builtin()).is_empty());
        let d = doc("z.md", &["Vault costs $4 per user per month."]);
        assert!(extract_with_language(&d, &Lexicon::builtin(), Some("de")).is_empty());
    }

    #[test]
    fn terms_are_stemmed_without_stop_words_or_figures() {
        let c = claims(&["Ledgerly automates up to 80% of your invoice processing."]);
        let lex = Lexicon::builtin();
        assert_eq!(
            c[0].terms,
            vec![
                lex.term("ledgerly"),
                lex.term("automates"),
                lex.term("invoice"),
                lex.term("processing")
            ]
        );
    }

    #[test]
    fn a_sales_file_knows_the_brand_docs_product_names() {
        let sales = doc(
            "sales/call.md",
            &["Acme Relay includes a built-in phone system."],
        );
        let plain = ExtractSettings::default();
        assert!(extract_doc(&sales, &plain).is_empty());
        let brand = crate::markdown::parse(
            "brand/m.md",
            "---\nproducts: [Acme Relay]\n---\n# Messaging\n".into(),
            &Default::default(),
        );
        let knowing = plain.with_brand_products(&[&brand]);
        assert_eq!(knowing.products, ["acme relay"]);
        let claims = extract_doc(&sales, &knowing);
        assert_eq!(claims.len(), 1);
        assert!(claims[0].about_us && claims[0].names_product);
    }
}

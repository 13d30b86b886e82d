//! Guidance: the brand's own "don't say" prose, turned into checks with no
//! rule file written (docs/rules/terms.avoided.md, docs/rules.md).
//!
//! - `derive` reads guidance out of brand docs, and out of sales pages
//!   (enablement "never promise …"), which govern their own folder.
//! - Each item is a banned term with its kind: a **claim** ("first", "zero
//!   downtime", a retired figure) is reported as `align.negation`; a **word**
//!   or **name** ("seamless", "SpinSight") as `terms.replaced` when the
//!   guidance names a replacement, else `terms.avoided`.
//! - `check_doc` looks for each term in a sales doc's claims (our side,
//!   statements), skipping mentions (quoted, "if they say …"), local
//!   negations, other people's things ("your existing tools") and, for
//!   claims, sentences that are not about us.

mod derive;
mod lexicon;
mod text;

use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::FxHashSet;

pub use lexicon::GuidanceLexicon;

use super::context::is_sales_material;
use crate::claims::sentences;
use crate::claims::words::PREPOSITIONS;
use crate::claims::Claim;
use crate::diagnostic::{Finding, Related, Severity};
use crate::markdown::{Block, BlockKind, Doc, Side};
use crate::registry;
use text::{quotations, words, Word};

/// The directive target a brand doc opts a section out of guidance with:
/// `<!-- onmessage-disable guidance -->`. Reserved: it names no rule.
pub const DIRECTIVE: &str = "guidance";
/// The rule a banned word or name with no replacement is reported under.
pub const TERMS_AVOIDED: &str = "terms.avoided";
const TERMS_REPLACED: &str = "terms.replaced";
const NEGATION: &str = "align.negation";

/// What a banned term is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A claim the brand does not make: `align.negation`.
    Claim,
    /// A common word ("seamless", "tools"): used only of our product.
    Word,
    /// A name ("SpinSight", "YB Connect"): any use of it.
    Name,
}

/// One derived rule: a banned term and where the guidance says so.
#[derive(Clone, Debug, PartialEq)]
pub struct Guidance {
    /// The term as the guidance writes it.
    pub term: String,
    /// Its stems, in order (content words only when `loose`).
    pub words: Vec<String>,
    /// The same words, lower-cased but not stemmed: a function word in a
    /// sales line must be the term's own word, not a stem twin ("not" is
    /// the stem of "note").
    pub surface: Vec<String>,
    /// An unquoted claim ("never promise a go-live date"): its content
    /// words may have a few words between them.
    pub loose: bool,
    pub kind: Kind,
    pub replacement: Option<String>,
    /// The guidance line: file, 1-based line and its text.
    pub path: String,
    pub line: usize,
    pub source_line: String,
    /// For guidance on a sales page: the folder it governs ("" = all).
    pub scope: Option<String>,
}

impl Guidance {
    /// The rule id this item reports under.
    pub fn rule(&self) -> &'static str {
        match (self.kind, &self.replacement) {
            (Kind::Claim, _) => NEGATION,
            (_, Some(_)) => TERMS_REPLACED,
            (_, None) => TERMS_AVOIDED,
        }
    }

    /// Does it apply to the sales file at `path`?
    pub fn governs(&self, path: &str) -> bool {
        match &self.scope {
            None => true,
            Some(dir) if dir.is_empty() => true,
            Some(dir) => path.starts_with(dir.as_str()) && path[dir.len()..].starts_with('/'),
        }
    }

    /// `FILE:LINE` of the guidance.
    pub fn source(&self) -> String {
        format!("{}:{}", self.path, self.line)
    }
}

/// Every derived rule of a run.
#[derive(Debug, Default)]
pub struct Guidebook {
    pub items: Vec<Guidance>,
}

impl Guidebook {
    /// Derive from brand docs (governing everything) and sales pages
    /// (governing their folder). A term the brand bans is not banned again
    /// by a sales page.
    pub fn derive(
        brand: &[&Doc],
        sales: &[&Doc],
        lex: &GuidanceLexicon,
        extract: &crate::claims::Lexicon,
    ) -> Guidebook {
        let mut items: Vec<Guidance> = Vec::new();
        // A sales page gives guidance only when it is sales material
        // (enablement, playbooks), not an internal process page.
        let docs: Vec<(&Doc, Option<String>)> = brand
            .iter()
            .map(|d| (*d, None))
            .chain(
                sales
                    .iter()
                    .filter(|d| is_sales_material(d, extract))
                    .map(|d| (*d, Some(folder(&d.path)))),
            )
            .collect();
        // Each doc is read on its own (in parallel: a handbook has
        // thousands of sales pages); the items are merged in doc order.
        let per_doc: Vec<Vec<Guidance>> = docs
            .into_par_iter()
            .map(|(doc, scope)| {
                derive::derive_doc(doc, lex, &extract.abbreviations, &extract.stopwords, scope)
            })
            .collect();
        for doc_items in per_doc {
            for g in doc_items {
                let dup = items
                    .iter()
                    .any(|o| o.words == g.words && (o.scope.is_none() || o.scope == g.scope));
                if !dup {
                    items.push(g);
                }
            }
        }
        Guidebook { items }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The findings of one sales doc; `findings` are those other stages gave
    /// it: a `risky.*` or `align.negation` finding on the span a derived
    /// finding covers is dropped (the derived one says it more exactly).
    /// Every sentence of our side is read, not only those extraction kept
    /// as claims: "Seamless move from your spreadsheets" has no checkable
    /// signal, yet uses a banned word. The claims say who a sentence is about.
    pub fn check_doc(
        &self,
        doc: &Doc,
        claims: &[Claim],
        cx: &CheckContext<'_>,
        findings: &mut Vec<Finding>,
    ) {
        let items: Vec<&Guidance> = self.items.iter().filter(|g| g.governs(&doc.path)).collect();
        // Internal pages (a handbook's process docs) are not what a customer
        // hears: like alignment, guidance does not report on them.
        if items.is_empty() || !is_sales_material(doc, cx.extract) {
            return;
        }
        let mut derived = Vec::new();
        for (b, block) in doc.blocks.iter().enumerate() {
            if block.side != Side::Ours || block.kind == BlockKind::Heading {
                continue;
            }
            if let Some(column) = block.column.as_deref() {
                // In a comparison table only our column speaks for us.
                if !column_is_ours(column, cx.products) {
                    continue;
                }
            }
            let block_claims: Vec<&Claim> = claims.iter().filter(|c| c.block == b).collect();
            for range in sentences::split(&block.text, &cx.extract.abbreviations) {
                let span = block.map.range_to_source(range);
                let sentence = Sentence::read(doc, span, block, &block_claims, cx);
                if let Some(s) = sentence {
                    if let Some((g, used)) = best_match(&s, &items, cx.lex, &cx.extract.stopwords) {
                        derived.push(finding(doc, &s, g, used));
                    }
                }
            }
        }
        // A denial the alignment stage read from a guidance line ("Never
        // say Yardbook is 'NLIS-certified'") is this feature's to report
        // where it reports one: it knows a quoted mention from a claim.
        // Where it reports none, alignment's finding stands (its wording
        // may be too far from the guidance for this feature to see).
        let from_guidance = |f: &Finding| {
            f.rule == NEGATION
                && f.related.first().is_some_and(|r| {
                    items
                        .iter()
                        .any(|g| g.kind == Kind::Claim && g.path == r.path && g.line == r.line)
                })
        };
        findings.retain(|f| {
            !derived.iter().any(|d: &Finding| {
                let overlaps = f.start < d.end && d.start < f.end;
                overlaps
                    && (f.rule.starts_with("risky.")
                        || from_guidance(f)
                        || (f.rule == NEGATION && d.rule == NEGATION))
            })
        });
        // Front-matter `terms:` already reports a term it retires.
        derived.retain(|d| {
            !findings
                .iter()
                .any(|f| f.rule == TERMS_REPLACED && f.start < d.end && d.start < f.end)
        });
        findings.extend(derived);
    }
}

/// What checking a sales doc against guidance needs besides the doc.
pub struct CheckContext<'a> {
    pub lex: &'a GuidanceLexicon,
    pub extract: &'a crate::claims::Lexicon,
    /// Our product names, lower case.
    pub products: &'a [String],
}

/// One sentence of our side, as guidance reads it.
struct Sentence {
    span: Range<usize>,
    ws: Vec<Word>,
    quotes: Vec<Range<usize>>,
    /// Said of us when no clause extraction read says otherwise: a cell of
    /// our column, or "we", "our", a product name.
    fallback: bool,
    /// The clauses extraction kept as claims (source ranges), and whether
    /// each is about us or names the product.
    clauses: Vec<(Range<usize>, bool)>,
    /// The terms its negations deny.
    denied: Vec<String>,
    /// Per word: a possessive of someone else ("council's").
    possessive: Vec<bool>,
}

impl Sentence {
    /// Is the clause holding source offset `at` said of us? The clause
    /// extraction read decides; without one, the sentence's own words.
    fn about_us(&self, at: usize) -> bool {
        match self
            .clauses
            .iter()
            .find(|(r, _)| r.start <= at && at < r.end)
        {
            Some((_, ours)) => *ours || self.fallback && self.clauses.len() == 1,
            None => self.fallback,
        }
    }

    fn read(
        doc: &Doc,
        span: Range<usize>,
        block: &Block,
        claims: &[&Claim],
        cx: &CheckContext<'_>,
    ) -> Option<Sentence> {
        let mut span = span;
        // A sentence may start at its turn's label ("Kate (BDM):** For …"):
        // the label is not what is said.
        let head = doc.source.get(span.clone())?;
        let mut cut = head.len().min(60);
        while !head.is_char_boundary(cut) {
            cut -= 1;
        }
        let near = &head[..cut];
        if let Some(i) = near.find(":**") {
            let label = near[..i].trim_start_matches('*');
            if label.split_whitespace().count() <= 4 && label.starts_with(char::is_uppercase) {
                let rest = &head[i + 3..];
                span.start += i + 3 + (rest.len() - rest.trim_start().len());
            }
        }
        let text = doc.source.get(span.clone())?;
        let trimmed = text.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '?');
        // Questions ask; they claim nothing.
        if trimmed.ends_with('?') || unlisted_speaker(doc, &span, block) {
            return None;
        }
        let ws = words(text);
        // An instruction to the rep ("Say …", "Avoid …") or a condition
        // ("If a resort asks whether …") is not said to anyone. A table
        // cell is a fragment: "Set-and-forget sensors" instructs nobody.
        let first = ws.first().map(|w| w.lower.as_str());
        let instruction = ws
            .first()
            .is_some_and(|w| w.capitalized && cx.extract.imperatives.contains(&w.lower));
        if (instruction && block.column.is_none()) || first == Some("if") {
            return None;
        }
        let overlapping: Vec<&&Claim> = claims
            .iter()
            .filter(|c| c.span.start < span.end && span.start < c.span.end)
            .collect();
        let fallback =
            block.column.is_some() || speaks_of_us(&ws, cx.products, &cx.extract.stopwords);
        let clauses = overlapping
            .iter()
            .map(|c| (c.span.clone(), c.about_us || c.names_product))
            .collect();
        // "the council's records": someone else's; "it's" is no possessive.
        let possessive = ws
            .iter()
            .map(|w| {
                w.lower
                    .strip_suffix("'s")
                    .is_some_and(|base| !w.capitalized && !cx.extract.stopwords.contains(base))
            })
            .collect();
        // What the sentence's negations deny, so "we're certified, so the
        // inspectors won't find anything" still claims the certification.
        let denied = overlapping
            .iter()
            .filter(|c| c.negated)
            .flat_map(|c| c.negated_terms.iter().cloned())
            .collect();
        Some(Sentence {
            quotes: quotations(text),
            span,
            ws,
            fallback,
            clauses,
            denied,
            possessive,
        })
    }
}

/// The sentence speaks of us in words extraction may not have kept as a
/// claim: "we", "our", "it's", or one of our product names.
/// "It's" counts only when the sentence does not open with someone else's
/// name ("CombCloud is the only app …, so it's a fair comparison").
fn speaks_of_us(ws: &[Word], products: &[String], stopwords: &FxHashSet<String>) -> bool {
    let ours = |w: &Word| {
        products
            .iter()
            .any(|p| p.split_whitespace().next() == Some(w.lower.as_str()))
    };
    let opens_with_other = ws.first().is_some_and(|w| {
        w.capitalized && !stopwords.contains(&w.lower) && !ours(w) && w.lower != "it"
    });
    ws.iter().any(|w| {
        ours(w)
            || matches!(
                w.lower.as_str(),
                "we" | "we're" | "we've" | "we'll" | "we'd" | "our" | "ours" | "us"
            )
            || (!opens_with_other && matches!(w.lower.as_str(), "it's" | "it'll"))
    })
}

/// A line that opens with a speaker label onmessage does not list
/// ("**Luca (Kessel Alm):**") while our speaker's turn is in force: another
/// person talks, whose side is unknown, so it is not ours to check.
fn unlisted_speaker(doc: &Doc, span: &Range<usize>, block: &Block) -> bool {
    let Some(turn) = &block.speaker else {
        return false;
    };
    let (line, _) = doc.position(span.start);
    if line == turn.from_line {
        return false;
    }
    let text = doc.line_text(line).trim_start();
    let head = text.strip_prefix("**").unwrap_or(text);
    let Some(colon) = head.find(':') else {
        return false;
    };
    let label = head[..colon].trim_end_matches('*');
    (1..=40).contains(&label.len())
        && label.split_whitespace().count() <= 4
        && label.chars().next().is_some_and(char::is_uppercase)
        && !label.starts_with(turn.name.as_str())
}

/// The folder a sales page governs: its own directory.
fn folder(path: &str) -> String {
    path.rfind('/')
        .map_or(String::new(), |i| path[..i].to_string())
}

/// The longest banned term the sentence uses, with the byte range of the use.
fn best_match<'g>(
    s: &Sentence,
    items: &[&'g Guidance],
    lex: &GuidanceLexicon,
    stopwords: &FxHashSet<String>,
) -> Option<(&'g Guidance, Range<usize>)> {
    let mut best: Option<(&Guidance, Range<usize>)> = None;
    for g in items {
        let Some((first, last)) = find(&s.ws, g, stopwords) else {
            continue;
        };
        let span = s.ws[first].span.start..s.ws[last].span.end;
        if s.quotes
            .iter()
            .any(|q| q.start <= span.start && span.end <= q.end)
        {
            continue; // a mention: "we never say 'seamless'"
        }
        if mentioned(&s.ws, first, lex) || locally_denied(&s.ws, first, g, &s.denied) {
            continue;
        }
        let fits = match g.kind {
            Kind::Claim => {
                s.about_us(s.span.start + span.start)
                    && !trailing_adverb(&s.ws, first, last, g)
                    && !after_preposition(&s.ws, first)
            }
            Kind::Word => !someone_elses(s, first, lex),
            Kind::Name => true,
        };
        let longer = best
            .as_ref()
            .is_none_or(|(b, _)| g.words.len() > b.words.len());
        if fits && longer {
            best = Some((g, s.span.start + span.start..s.span.start + span.end));
        }
    }
    best
}

/// The term's words in order; a strict term allows one word between two of
/// its words ("cut their yard visits in half"), a loose one three.
fn find(ws: &[Word], g: &Guidance, stopwords: &FxHashSet<String>) -> Option<(usize, usize)> {
    let gap = if g.loose { 4 } else { 2 };
    g.words.first()?;
    let is = |j: usize, k: usize| {
        same(&ws[j].stem, &g.words[k])
            && (!stopwords.contains(&ws[j].lower) || ws[j].lower == g.surface[k])
    };
    'start: for i in 0..ws.len() {
        if !is(i, 0) {
            continue;
        }
        let mut at = i;
        for k in 1..g.words.len() {
            let next = (at + 1..(at + 1 + gap).min(ws.len())).find(|&j| is(j, k));
            match next {
                Some(j) => at = j,
                None => continue 'start,
            }
        }
        return Some((i, at));
    }
    None
}

/// "it's in use on certified organic farms": the term describes the farms
/// (after "on" and an optional article), not the product.
fn after_preposition(ws: &[Word], first: usize) -> bool {
    ws[..first]
        .iter()
        .rev()
        .find(|w| !matches!(w.lower.as_str(), "a" | "an" | "the"))
        .is_some_and(|w| PREPOSITIONS.contains(&w.lower.as_str()))
}

/// "check first", "it only …": a one-word absolute ending its clause, with
/// no "the" before it, is an adverb, not a ranking ("the first to …").
fn trailing_adverb(ws: &[Word], first: usize, last: usize, g: &Guidance) -> bool {
    if g.words.len() != 1 {
        return false;
    }
    let after_the = first > 0 && ws[first - 1].lower == "the";
    let ends_clause = ws
        .get(last + 1)
        .is_none_or(|next| next.span.start > ws[last].span.end + 1);
    !after_the && ends_clause
}

/// One word of the term: the same stem, or one stem a short extension of
/// the other ("game-changing" and "game-changer").
fn same(word: &str, term: &str) -> bool {
    let (short, long) = if word.len() <= term.len() {
        (word, term)
    } else {
        (term, word)
    };
    word == term || (short.len() >= 5 && long.starts_with(short) && long.len() - short.len() <= 3)
}

/// "if they say smart laundry", "calls itself the first": the word is
/// talked about, not used.
fn mentioned(ws: &[Word], at: usize, lex: &GuidanceLexicon) -> bool {
    ws[..at]
        .iter()
        .rev()
        .filter(|w| !matches!(w.lower.as_str(), "the" | "a" | "an" | "it"))
        .take(1)
        .any(|w| lex.mention_before.contains(&w.lower))
}

/// A negation just before the term denies it ("not a tool", "never
/// seamless"), unless the term itself is negative ("no more breakdowns"); a
/// negated claim denies what a banned claim would say.
fn locally_denied(ws: &[Word], at: usize, g: &Guidance, denied: &[String]) -> bool {
    let negative = |w: &str| matches!(w, "not" | "no" | "never" | "nothing" | "none" | "without");
    let term_negative = g.words.iter().any(|w| negative(w) || w == "zero");
    if term_negative {
        return false;
    }
    let near = ws[at.saturating_sub(3)..at]
        .iter()
        .any(|w| negative(&w.lower));
    near || g.words.iter().any(|w| denied.iter().any(|d| same(d, w)))
}

/// "your existing tools", "works with the tools they use": someone else's
/// thing, not ours.
fn someone_elses(s: &Sentence, at: usize, lex: &GuidanceLexicon) -> bool {
    (at.saturating_sub(2)..at)
        .any(|i| lex.others_before.contains(&s.ws[i].lower) || s.possessive[i])
}

/// A table column headed by our product or "we"/"our" ("What we say").
fn column_is_ours(column: &str, products: &[String]) -> bool {
    let header: Vec<String> = words(column).into_iter().map(|w| w.lower).collect();
    let lower = column.to_lowercase();
    ["we", "our", "us"]
        .iter()
        .any(|w| header.iter().any(|h| h == w))
        || products
            .iter()
            .any(|p| !p.is_empty() && lower.contains(p.as_str()))
}

fn finding(doc: &Doc, s: &Sentence, g: &Guidance, used: Range<usize>) -> Finding {
    let rule = g.rule();
    let severity = registry::computed_rule(rule).map_or(Severity::Warning, |r| r.severity);
    let said = doc.source[used.clone()].to_string();
    let instead = g
        .replacement
        .as_deref()
        .map(|r| format!("; say \"{r}\" instead"))
        .unwrap_or_default();
    let (span, message) = match rule {
        NEGATION => (
            s.span.clone(),
            format!(
                "\"{said}\" is a claim the brand's guidance rules out ({}: \"{}\"){instead}",
                g.source(),
                g.term
            ),
        ),
        TERMS_REPLACED => (
            used,
            format!(
                "the brand's guidance retires \"{said}\" ({}){instead}",
                g.source()
            ),
        ),
        _ => (
            used,
            format!(
                "the brand's guidance says not to use \"{said}\" ({})",
                g.source()
            ),
        ),
    };
    Finding::in_doc(rule, severity, doc, span, message).with_related(Related {
        path: g.path.clone(),
        line: g.line,
        text: g.source_line.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{self, Speakers};

    fn doc(path: &str, text: &str) -> Doc {
        let mut d = markdown::parse_head(path, text.to_string());
        markdown::parse_body(&mut d, &Speakers::default());
        d
    }

    fn derive(text: &str) -> Vec<Guidance> {
        let brand = doc("brand/voice.md", text);
        Guidebook::derive(
            &[&brand],
            &[],
            &GuidanceLexicon::builtin(),
            &crate::claims::Lexicon::builtin(),
        )
        .items
    }

    fn terms(items: &[Guidance]) -> Vec<(&str, &'static str, Option<&str>)> {
        items
            .iter()
            .map(|g| (g.term.as_str(), g.rule(), g.replacement.as_deref()))
            .collect()
    }

    #[test]
    fn sentences_sections_arrows_and_tables_give_guidance() {
        let items = derive(
            "# Voice\n\nStop saying \"SpinSight\". That was the beta name. Use \"Tumbleworks Monitor\".\n\n\"Disruptive\" is off-limits.\n\n## Claims to avoid\n\n- We no longer say \"settlement in an hour\".\n\n## Deprecated names\n\n- **eAuctionPro** → Yardbook Live. Dropped in 2022.\n\n## Words\n\n| Say | Don't say |\n|---|---|\n| connects to | integrates with |\n",
        );
        assert_eq!(
            terms(&items),
            [
                ("SpinSight", TERMS_REPLACED, Some("Tumbleworks Monitor")),
                ("Disruptive", TERMS_AVOIDED, None),
                ("settlement in an hour", NEGATION, None),
                ("eAuctionPro", TERMS_REPLACED, Some("Yardbook Live")),
                ("integrates with", TERMS_REPLACED, Some("connects to")),
            ]
        );
        assert_eq!(items[0].line, 3);
        assert_eq!(items[4].source(), "brand/voice.md:19");
    }

    #[test]
    fn style_rules_without_a_quoted_term_give_nothing() {
        let items = derive(
            "# Style\n\nDo not use the passive voice. Avoid jargon. **Avoid Blind Forwarding:** include the ticket.\n",
        );
        assert!(items.is_empty(), "{:?}", terms(&items));
    }

    #[test]
    fn quoted_examples_field_names_and_foreign_prose_give_nothing() {
        let items = derive(
            "# Release posts\n\n- \"The `confidential` field for a `Note` is deprecated.\"\n\nThe `confidential` field for a `Note` is deprecated.\n\nこの値は `[ZI] Do Not Call - Direct Phone` フィールドに入ります。\n",
        );
        assert!(items.is_empty(), "{:?}", terms(&items));
        // The subject itself retired still counts.
        let items = derive("# Names\n\nOur PowderPass is retired. Use Summitline Pass.\n");
        assert_eq!(
            terms(&items),
            [("PowderPass", TERMS_REPLACED, Some("Summitline Pass"))]
        );
    }

    #[test]
    fn a_term_after_a_preposition_describes_its_object() {
        let ws = words("It's in use on certified organic farms today.");
        assert_eq!(ws[4].lower, "certified");
        assert!(after_preposition(&ws, 4));
        let ws = words("It is certified organic.");
        assert!(!after_preposition(&ws, 2));
    }

    #[test]
    fn a_function_word_is_no_stem_twin_of_a_term() {
        let items = derive("# Words to avoid\n\n- \"Note\"\n");
        assert_eq!(terms(&items), [("Note", TERMS_AVOIDED, None)]);
        let stopwords = crate::claims::Lexicon::builtin().stopwords;
        let at = |s: &str| find(&words(s), &items[0], &stopwords);
        assert_eq!(at("We won't do that, and do not ask."), None);
        assert_eq!(at("Take a note of it."), Some((2, 2)));
    }

    #[test]
    fn claim_verbs_ban_their_unquoted_object() {
        let items = derive("# Guardrails\n\n- Do not offer Gate hardware free of charge.\n");
        assert_eq!(
            terms(&items),
            [("Gate hardware free of charge", NEGATION, None)]
        );
        assert!(items[0].loose);
    }

    #[test]
    fn sales_guidance_governs_its_folder_and_below() {
        let g = Guidance {
            term: "x".into(),
            words: vec!["x".into()],
            surface: vec!["x".into()],
            loose: false,
            kind: Kind::Word,
            replacement: None,
            path: "sales/enablement/rules.md".into(),
            line: 1,
            source_line: String::new(),
            scope: Some("sales/enablement".into()),
        };
        assert!(g.governs("sales/enablement/letter.md"));
        assert!(g.governs("sales/enablement/q3/call.md"));
        assert!(!g.governs("sales/enablement-old/call.md"));
        assert!(!g.governs("sales/call.md"));
    }

    #[test]
    fn stems_meet_short_extensions_only() {
        assert!(same("chang", "changer"));
        assert!(!same("onli", "onlin"));
        assert!(!same("integr", "integrationist"));
    }
}

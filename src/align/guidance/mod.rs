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

use rustc_hash::FxHashSet;

pub use lexicon::GuidanceLexicon;

use crate::claims::Claim;
use crate::diagnostic::{Finding, Related, Severity};
use crate::markdown::Doc;
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
        let docs = brand
            .iter()
            .map(|d| (*d, None))
            .chain(sales.iter().map(|d| (*d, Some(folder(&d.path)))));
        for (doc, scope) in docs {
            for g in derive::derive_doc(doc, lex, &extract.abbreviations, &extract.stopwords, scope) {
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
    pub fn check_doc(
        &self,
        doc: &Doc,
        claims: &[Claim],
        lex: &GuidanceLexicon,
        findings: &mut Vec<Finding>,
    ) {
        let items: Vec<&Guidance> = self.items.iter().filter(|g| g.governs(&doc.path)).collect();
        if items.is_empty() {
            return;
        }
        let mut derived = Vec::new();
        for claim in claims {
            if let Some((g, span)) = best_match(doc, claim, &items, lex) {
                derived.push(finding(doc, claim, g, span));
            }
        }
        findings.retain(|f| {
            !derived.iter().any(|d: &Finding| {
                let overlaps = f.start < d.end && d.start < f.end;
                overlaps
                    && (f.rule.starts_with("risky.") || (f.rule == NEGATION && d.rule == NEGATION))
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

/// The folder a sales page governs: its own directory.
fn folder(path: &str) -> String {
    path.rfind('/').map_or(String::new(), |i| path[..i].to_string())
}

/// The longest banned term the claim uses, with the byte range of the use.
fn best_match<'g>(
    doc: &Doc,
    claim: &Claim,
    items: &[&'g Guidance],
    lex: &GuidanceLexicon,
) -> Option<(&'g Guidance, Range<usize>)> {
    let base = claim.span.start;
    let text = doc.source.get(claim.span.clone())?;
    let ws = words(text);
    let quotes = quotations(text);
    let block = doc.blocks.get(claim.block);
    let ours_column = block
        .and_then(|b| b.column.as_deref())
        .is_some_and(|c| column_is_ours(c, claim));
    let mut best: Option<(&Guidance, Range<usize>)> = None;
    for g in items {
        let Some((first, last)) = find(&ws, g) else {
            continue;
        };
        let span = ws[first].span.start..ws[last].span.end;
        if quotes.iter().any(|q| q.start <= span.start && span.end <= q.end) {
            continue; // a mention: "we never say 'seamless'"
        }
        if mentioned(&ws, first, lex) || locally_denied(&ws, first, g, claim) {
            continue;
        }
        match g.kind {
            Kind::Claim => {
                if !(claim.about_us || claim.names_product || ours_column) {
                    continue;
                }
            }
            Kind::Word => {
                if someone_elses(&ws, first, lex) {
                    continue;
                }
            }
            Kind::Name => {}
        }
        let longer = best.as_ref().is_none_or(|(b, _)| g.words.len() > b.words.len());
        if longer {
            best = Some((g, base + span.start..base + span.end));
        }
    }
    best
}

/// The term's words in order; a strict term allows one word between two of
/// its words ("cut their yard visits in half"), a loose one three.
fn find(ws: &[Word], g: &Guidance) -> Option<(usize, usize)> {
    let gap = if g.loose { 4 } else { 2 };
    let first = g.words.first()?;
    'start: for i in 0..ws.len() {
        if &ws[i].stem != first {
            continue;
        }
        let mut at = i;
        for w in &g.words[1..] {
            let next = (at + 1..(at + 1 + gap).min(ws.len())).find(|&j| &ws[j].stem == w);
            match next {
                Some(j) => at = j,
                None => continue 'start,
            }
        }
        return Some((i, at));
    }
    None
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
fn locally_denied(ws: &[Word], at: usize, g: &Guidance, claim: &Claim) -> bool {
    let negative = |w: &str| matches!(w, "not" | "no" | "never" | "nothing" | "none" | "without");
    let term_negative = g.words.iter().any(|w| negative(w) || w == "zero");
    if term_negative {
        return false;
    }
    let near = ws[at.saturating_sub(3)..at].iter().any(|w| negative(&w.lower));
    near || (g.kind == Kind::Claim && claim.negated)
}

/// "your existing tools", "works with the tools they use": someone else's
/// thing, not ours.
fn someone_elses(ws: &[Word], at: usize, lex: &GuidanceLexicon) -> bool {
    ws[at.saturating_sub(2)..at].iter().any(|w| {
        lex.others_before.contains(&w.lower) || (w.lower.ends_with("'s") && !w.capitalized)
    })
}

/// A battlecard column headed by our product or "we"/"our".
fn column_is_ours(column: &str, claim: &Claim) -> bool {
    let header: FxHashSet<String> = words(column).into_iter().map(|w| w.lower).collect();
    ["we", "our", "us"].iter().any(|w| header.contains(*w))
        || claim
            .product
            .as_deref()
            .is_some_and(|p| column.to_lowercase().contains(&p.to_lowercase()))
}

fn finding(doc: &Doc, claim: &Claim, g: &Guidance, used: Range<usize>) -> Finding {
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
            claim.span.clone(),
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

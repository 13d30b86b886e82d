//! The report's data, collected once from an `Analysis`: everything the HTML,
//! Markdown and JSON outputs show, and nothing they would have to recompute.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::header::Header;
use super::labels;
use super::score::{
    on_span, overall_score, score_all, supported_claims, FileScore, SCORE_DEFINITION, UNSUPPORTED,
};
use super::topics;
use crate::claims::Claim;
use crate::diagnostic::{Finding, Related, Severity};
use crate::pipeline::{Analysis, FileAnalysis};
use crate::suppress::Suppression;

/// Bumped when a field is renamed or removed (adding fields keeps it).
pub const REPORT_VERSION: u32 = 1;

/// The whole marketing report.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub version: u32,
    /// Repo, date and commit (empty until `Header::gather` fills it in).
    pub header: Header,
    pub summary: Summary,
    pub coverage: Coverage,
    /// Section 3: per brand claim, the sales lines that contradict or drift from it.
    pub contradictions: Vec<DriftGroup>,
    /// `brand.conflict`: brand claims that disagree with each other.
    pub brand_conflicts: Vec<Conflict>,
    /// Section 4 ("Not backed by the brand"): `align.unsupported` sales claims by topic.
    pub field_insights: Vec<Topic>,
    /// Section 5: `terms.replaced`, grouped by the term used.
    pub terms: Vec<TermUse>,
    /// Section 6: every finding no other section lists (`risky.*`, team
    /// packs, `terms.avoided`, `input.*`, `directive.*`), so each finding of
    /// the run can be found in the report.
    pub other_findings: Vec<Listed>,
    /// Findings the baseline hides, as `check` hides them: they count
    /// nowhere else in the report; the HTML shows them on request.
    pub baselined: Vec<Listed>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// False when only some sales files were checked (coverage is partial then).
    pub whole_set: bool,
    pub brand_files: usize,
    pub sales_files: usize,
    pub brand_claims: usize,
    pub sales_claims: usize,
    /// Files that could not be read as text.
    pub skipped: Vec<String>,
    pub findings: SeverityCounts,
    pub by_rule: Vec<RuleCount>,
    pub scores: Vec<FileScore>,
    pub overall_score: Option<f64>,
    pub score_definition: String,
    /// The baseline that hid known findings, when one was applied.
    pub baseline: Option<BaselineSummary>,
}

/// What the baseline did to this run, as `check` reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BaselineSummary {
    /// The baseline file, as given or found beside the config.
    pub file: String,
    /// Current findings it hides.
    pub hidden: usize,
    /// Findings it lists that are gone now.
    pub fixed: usize,
}

/// Sentences the HTML and Markdown reports share, so the two say the same.
pub(crate) const PARTIAL_RUN: &str =
    "only some sales files were checked, so coverage shows only those files.";
pub(crate) const NO_KEY_MESSAGES: &str = "No key messages found. Brand claims count as key messages under headings such as Key messages, Pillars, Value propositions or Proof points.";
pub(crate) const NO_DRIFTS: &str = "No sales line contradicts or drifts from a brand claim.";
pub(crate) const ALL_SUPPORTED: &str = "Every checkable sales claim has a brand claim behind it.";
pub(crate) const NO_REPLACED_TERMS: &str = "No replaced term is in use.";
pub(crate) const NO_OTHER_FINDINGS: &str = "No risky wording, team-rule or other finding.";
/// What the field-insights section groups, in the words of the rule it groups.
pub(crate) const INSIGHTS_TITLE: &str = "Not backed by the brand";

/// The per-file score table's count columns, between the file and its score.
pub(crate) const SCORE_COLUMNS: [&str; 7] = [
    "Claims",
    "Aligned",
    "Drifted",
    "Contradicted",
    "Unsupported",
    "Other errors",
    "Other warnings",
];

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SeverityCounts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub total: usize,
}

impl SeverityCounts {
    /// Errors, warnings, infos and their total, as the reports' columns list them.
    pub fn columns(&self) -> [usize; 4] {
        [self.error, self.warning, self.info, self.total]
    }

    fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
        self.total += 1;
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    pub rule: String,
    /// What the rule's findings mean, in plain words.
    pub label: String,
    #[serde(flatten)]
    pub counts: SeverityCounts,
}

/// Section 2: key messages (rows) × sales files (columns).
#[derive(Clone, Debug, Serialize)]
pub struct Coverage {
    /// The columns: sales file paths, in order.
    pub files: Vec<String>,
    /// Rows, grouped by brand doc and section.
    pub groups: Vec<MessageGroup>,
    pub messages: usize,
    /// Key messages no sales file carries.
    pub uncarried: usize,
    /// Sales files that carry no key message (their columns would be empty;
    /// the HTML and Markdown name them instead of showing the columns).
    pub silent_files: Vec<String>,
}

impl Coverage {
    /// Key messages at least one sales file carries.
    pub fn carried(&self) -> usize {
        self.messages - self.uncarried
    }

    /// Indices of the columns worth showing: files that carry some message.
    pub fn carrying_columns(&self) -> Vec<usize> {
        (0..self.files.len())
            .filter(|&i| {
                self.groups.iter().flat_map(|g| &g.messages).any(|m| {
                    m.cells
                        .get(i)
                        .is_some_and(|c| c.state != CellState::Missing)
                })
            })
            .collect()
    }
}

/// The key messages under one heading path of one brand doc.
#[derive(Clone, Debug, Serialize)]
pub struct MessageGroup {
    pub path: String,
    /// Heading path joined with " › " (empty at the top of the doc).
    pub section: String,
    pub messages: Vec<KeyMessage>,
}

#[derive(Clone, Debug, Serialize)]
pub struct KeyMessage {
    pub text: String,
    pub path: String,
    pub line: usize,
    /// How many sales files carry it at all.
    pub carried_by: usize,
    /// One per `Coverage::files`, same order.
    pub cells: Vec<Cell>,
}

/// How faithfully one sales file carries one key message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CellState {
    /// No claim of the file matches the message.
    Missing,
    /// Every matching claim has an `align.*` error.
    Contradicted,
    /// Matching claims have `align.*` warnings (some may have errors), none is clean.
    Drifted,
    /// Some matching claims are clean, some are not.
    Mixed,
    /// Every matching claim is clean.
    Faithful,
}

impl CellState {
    /// The states in legend order, best first, with what each means.
    pub const LEGEND: [(CellState, &'static str); 5] = [
        (CellState::Faithful, "every mention is on message"),
        (CellState::Mixed, "some mentions drift or contradict"),
        (CellState::Drifted, "mentions drift (warnings)"),
        (CellState::Contradicted, "mentions contradict it (errors)"),
        (CellState::Missing, "not mentioned"),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CellState::Missing => "missing",
            CellState::Contradicted => "contradicted",
            CellState::Drifted => "drifted",
            CellState::Mixed => "mixed",
            CellState::Faithful => "faithful",
        }
    }

    /// A symbol that tells the states apart without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            CellState::Missing => "–",
            CellState::Contradicted => "✗",
            CellState::Drifted => "≈",
            CellState::Mixed => "◐",
            CellState::Faithful => "✓",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub state: CellState,
    /// Matching claims with no `align.*` error or warning.
    pub faithful: usize,
    /// Matching claims whose worst `align.*` finding is a warning.
    pub drifted: usize,
    /// Matching claims with an `align.*` error.
    pub contradicted: usize,
    /// Lines of the matching sales claims.
    pub lines: Vec<usize>,
    /// The matching sales claims themselves, by line.
    pub claims: Vec<Place>,
}

impl Cell {
    fn missing() -> Cell {
        Cell {
            state: CellState::Missing,
            faithful: 0,
            drifted: 0,
            contradicted: 0,
            lines: Vec::new(),
            claims: Vec::new(),
        }
    }

    fn settle(&mut self) {
        let mentions = self.faithful + self.drifted + self.contradicted;
        self.state = if mentions == 0 {
            CellState::Missing
        } else if self.faithful == mentions {
            CellState::Faithful
        } else if self.faithful > 0 {
            CellState::Mixed
        } else if self.drifted > 0 {
            CellState::Drifted
        } else {
            CellState::Contradicted
        };
    }
}

/// A line of a file, with its text on one line.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Place {
    pub path: String,
    pub line: usize,
    pub text: String,
}

/// Section 3: one brand claim and the sales lines against it.
#[derive(Clone, Debug, Serialize)]
pub struct DriftGroup {
    /// The brand claim the findings cite; `None` for findings citing none.
    pub brand: Option<Place>,
    pub key_message: bool,
    /// What the brand's sections call the cited key message ("key message",
    /// "proof point", "pillar", ...); `None` when it is not one.
    pub message_kind: Option<String>,
    pub counts: SeverityCounts,
    pub drifts: Vec<Drift>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Drift {
    pub rule: String,
    /// What the finding means, in plain words.
    pub label: String,
    pub severity: Severity,
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// The sales claim (or line) the finding is on.
    pub text: String,
    pub message: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Conflict {
    pub brand: Place,
    pub other: Option<Place>,
    pub message: String,
}

/// Section 4: unsupported sales claims sharing key terms.
#[derive(Clone, Debug, Serialize)]
pub struct Topic {
    /// The key terms every claim of the topic shares.
    pub terms: Vec<String>,
    /// How many sales files repeat the topic.
    pub files: usize,
    pub claims: Vec<Place>,
}

/// One finding as the report lists it: where, what in plain words, the
/// line it is on and the words it is about.
#[derive(Clone, Debug, Serialize)]
pub struct Listed {
    pub rule: String,
    pub label: String,
    pub severity: Severity,
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// The claim or line the finding is on, on one line.
    pub text: String,
    /// The words the finding points at (empty for a finding with no width).
    pub matched: String,
    pub message: String,
}

impl Listed {
    /// The text around the words the finding points at: (before, matched,
    /// after), or `None` when they are not in it; each format marks them.
    pub fn around_match(&self) -> Option<(&str, &str, &str)> {
        let at = self
            .text
            .find(&self.matched)
            .filter(|_| !self.matched.is_empty())?;
        let end = at + self.matched.len();
        Some((&self.text[..at], &self.matched, &self.text[end..]))
    }
}

/// Section 5: one replaced term still in use.
#[derive(Clone, Debug, Serialize)]
pub struct TermUse {
    /// As written in the sales file (first occurrence's spelling).
    pub wrong: String,
    /// The approved term (empty when the finding carries no fix).
    pub right: String,
    pub count: usize,
    pub files: usize,
    pub places: Vec<Place>,
}

/// Text on one line: claims and lines may span line breaks.
pub(crate) fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Find files by path.
struct Files<'a> {
    by_path: HashMap<&'a str, &'a FileAnalysis>,
    sales: BTreeSet<&'a str>,
}

impl<'a> Files<'a> {
    fn new(analysis: &'a Analysis) -> Files<'a> {
        let by_path = analysis
            .brand
            .iter()
            .chain(&analysis.sales)
            .map(|f| (f.doc.path.as_str(), f))
            .collect();
        let sales = analysis.sales.iter().map(|f| f.doc.path.as_str()).collect();
        Files { by_path, sales }
    }

    fn is_sales(&self, path: &str) -> bool {
        self.sales.contains(path)
    }

    /// The claim a finding sits on, if any.
    fn claim_of(&self, finding: &Finding) -> Option<&'a Claim> {
        let file = self.by_path.get(finding.path.as_str())?;
        file.claims.iter().find(|c| on_span(&c.span, finding))
    }

    /// What a finding is about: its claim's text, else its line's text.
    fn text_of(&self, finding: &Finding) -> String {
        if let Some(claim) = self.claim_of(finding) {
            return squash(&claim.text);
        }
        self.by_path
            .get(finding.path.as_str())
            .map(|f| squash(f.doc.line_text(finding.line)))
            .unwrap_or_default()
    }

    /// What the brand calls the cited line when it is a key message
    /// ("proof point" under Proof points); `None` when it is not one.
    fn message_kind(&self, related: &Related) -> Option<&'static str> {
        let f = self.by_path.get(related.path.as_str())?;
        let claim = f.claims.iter().find(|c| {
            c.key_message
                && f.doc.lines.line_of(c.span.start.min(f.doc.source.len())) == related.line
        })?;
        let headings = f
            .doc
            .blocks
            .get(claim.block)
            .map_or(&[][..], |b| &b.heading_path[..]);
        Some(labels::message_kind(headings))
    }

    /// A finding as the report lists it.
    fn listed(&self, f: &Finding) -> Listed {
        let matched = self
            .by_path
            .get(f.path.as_str())
            .and_then(|file| file.doc.source.get(f.start..f.end))
            .map(squash)
            .unwrap_or_default();
        Listed {
            rule: f.rule.clone(),
            label: labels::plain(&f.rule),
            severity: f.severity,
            path: f.path.clone(),
            line: f.line,
            column: f.column,
            text: self.text_of(f),
            matched,
            message: f.message.clone(),
        }
    }

    /// Does a section other than "other findings" list this finding?
    fn listed_elsewhere(&self, f: &Finding) -> bool {
        let sales = self.is_sales(&f.path);
        (sales && (is_drift(&f.rule) || f.rule == UNSUPPORTED))
            || f.rule == "brand.conflict"
            || f.rule == "terms.replaced"
            // The coverage matrix marks the message "not carried".
            || f.rule == "coverage.missing-key-message"
    }
}

fn line_of(file: &FileAnalysis, offset: usize) -> usize {
    file.doc.position(offset).0
}

/// Collect the report from a finished analysis.
pub fn build(analysis: &Analysis) -> Report {
    let files = Files::new(analysis);
    let scores = score_all(analysis);
    let mut findings = SeverityCounts::default();
    let mut by_rule: BTreeMap<&str, SeverityCounts> = BTreeMap::new();
    for f in &analysis.findings {
        findings.add(f.severity);
        by_rule.entry(&f.rule).or_default().add(f.severity);
    }
    let mut by_rule: Vec<RuleCount> = by_rule
        .into_iter()
        .map(|(rule, counts)| RuleCount {
            rule: rule.to_string(),
            label: labels::plain(rule),
            counts,
        })
        .collect();
    by_rule.sort_by_key(|r| std::cmp::Reverse(r.counts.total));
    let summary = Summary {
        whole_set: analysis.whole_set,
        brand_files: analysis.brand.len(),
        sales_files: analysis.sales.len(),
        brand_claims: analysis.brand.iter().map(|f| f.claims.len()).sum(),
        sales_claims: analysis.sales.iter().map(|f| f.claims.len()).sum(),
        skipped: analysis.skipped.clone(),
        findings,
        by_rule,
        overall_score: overall_score(&scores),
        scores,
        score_definition: SCORE_DEFINITION.to_string(),
        baseline: analysis.baseline.as_ref().map(|b| BaselineSummary {
            file: b.path.display().to_string(),
            hidden: b.outcome.suppressed,
            fixed: b.outcome.fixed,
        }),
    };
    Report {
        version: REPORT_VERSION,
        header: Header::default(),
        summary,
        coverage: coverage(analysis),
        contradictions: contradictions(analysis, &files),
        brand_conflicts: brand_conflicts(analysis, &files),
        field_insights: field_insights(analysis, &files),
        terms: terms(analysis, &files),
        other_findings: analysis
            .findings
            .iter()
            .filter(|f| !files.listed_elsewhere(f))
            .map(|f| files.listed(f))
            .collect(),
        baselined: baselined(analysis, &files),
    }
}

/// The findings the baseline hid, in reporting order.
fn baselined(analysis: &Analysis, files: &Files<'_>) -> Vec<Listed> {
    let mut hidden: Vec<&Finding> = analysis
        .dropped
        .iter()
        .filter(|(_, why)| *why == Suppression::Baseline)
        .map(|(f, _)| f)
        .collect();
    hidden.sort_by(|a, b| {
        (&a.path, a.line, a.column, &a.rule).cmp(&(&b.path, b.line, b.column, &b.rule))
    });
    hidden.into_iter().map(|f| files.listed(f)).collect()
}

/// Drift findings (`align.*` other than `align.unsupported`) compare a sales
/// claim with a brand claim.
fn is_drift(rule: &str) -> bool {
    rule.starts_with("align.") && rule != UNSUPPORTED
}

fn coverage(analysis: &Analysis) -> Coverage {
    let columns = analysis.sales.len();
    // (brand doc, brand claim) → one cell per sales file.
    let mut cells: HashMap<(usize, usize), Vec<Cell>> = HashMap::new();
    let mut by_path: HashMap<&str, Vec<&Finding>> = HashMap::new();
    for f in &analysis.findings {
        by_path.entry(f.path.as_str()).or_default().push(f);
    }
    for (column, file) in analysis.sales.iter().enumerate() {
        let findings = by_path
            .get(file.doc.path.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default();
        let supported = supported_claims(file, findings);
        let drifts: Vec<&Finding> = findings
            .iter()
            .copied()
            .filter(|f| is_drift(&f.rule))
            .collect();
        for m in &file.matches {
            let (Some((doc, claim_index, _)), Some(claim)) = (m.brand, file.claims.get(m.claim))
            else {
                continue;
            };
            if !supported.get(m.claim).copied().unwrap_or(false) {
                continue;
            }
            let worst = drifts
                .iter()
                .filter(|f| on_span(&claim.span, f))
                .map(|f| f.severity)
                .max();
            let row = cells
                .entry((doc, claim_index))
                .or_insert_with(|| vec![Cell::missing(); columns]);
            let cell = &mut row[column];
            match worst {
                Some(Severity::Error) => cell.contradicted += 1,
                Some(Severity::Warning) => cell.drifted += 1,
                _ => cell.faithful += 1,
            }
            let line = line_of(file, claim.span.start);
            cell.lines.push(line);
            cell.claims.push(Place {
                path: file.doc.path.clone(),
                line,
                text: squash(&claim.text),
            });
        }
    }

    let mut groups: Vec<MessageGroup> = Vec::new();
    let mut group_index: HashMap<(usize, String), usize> = HashMap::new();
    let (mut messages, mut uncarried) = (0, 0);
    for (d, brand) in analysis.brand.iter().enumerate() {
        for (c, claim) in brand.claims.iter().enumerate() {
            if !claim.key_message {
                continue;
            }
            let section = brand
                .doc
                .blocks
                .get(claim.block)
                .map(|b| b.heading_path.join(" › "))
                .unwrap_or_default();
            let mut row = cells
                .remove(&(d, c))
                .unwrap_or_else(|| vec![Cell::missing(); columns]);
            for cell in &mut row {
                cell.settle();
                cell.lines.sort_unstable();
                cell.lines.dedup();
                cell.claims.sort();
                cell.claims.dedup();
            }
            let carried_by = row.iter().filter(|c| c.state != CellState::Missing).count();
            messages += 1;
            if carried_by == 0 {
                uncarried += 1;
            }
            let g = *group_index.entry((d, section.clone())).or_insert_with(|| {
                groups.push(MessageGroup {
                    path: brand.doc.path.clone(),
                    section,
                    messages: Vec::new(),
                });
                groups.len() - 1
            });
            groups[g].messages.push(KeyMessage {
                text: squash(&claim.text),
                path: brand.doc.path.clone(),
                line: line_of(brand, claim.span.start),
                carried_by,
                cells: row,
            });
        }
    }
    let mut coverage = Coverage {
        files: analysis.sales.iter().map(|f| f.doc.path.clone()).collect(),
        groups,
        messages,
        uncarried,
        silent_files: Vec::new(),
    };
    let carrying = coverage.carrying_columns();
    coverage.silent_files = (0..columns)
        .filter(|i| !carrying.contains(i))
        .map(|i| coverage.files[i].clone())
        .collect();
    coverage
}

fn contradictions(analysis: &Analysis, files: &Files<'_>) -> Vec<DriftGroup> {
    let mut groups: Vec<DriftGroup> = Vec::new();
    let mut index: HashMap<Option<(String, usize, String)>, usize> = HashMap::new();
    for f in &analysis.findings {
        if !is_drift(&f.rule) || !files.is_sales(&f.path) {
            continue;
        }
        let related = f.related.first();
        let key = related.map(|r| (r.path.clone(), r.line, squash(&r.text)));
        let g = *index.entry(key).or_insert_with(|| {
            groups.push(DriftGroup {
                brand: related.map(|r| Place {
                    path: r.path.clone(),
                    line: r.line,
                    text: squash(&r.text),
                }),
                key_message: related.is_some_and(|r| files.message_kind(r).is_some()),
                message_kind: related
                    .and_then(|r| files.message_kind(r))
                    .map(str::to_string),
                counts: SeverityCounts::default(),
                drifts: Vec::new(),
            });
            groups.len() - 1
        });
        groups[g].counts.add(f.severity);
        groups[g].drifts.push(Drift {
            rule: f.rule.clone(),
            label: labels::plain(&f.rule),
            severity: f.severity,
            path: f.path.clone(),
            line: f.line,
            column: f.column,
            text: files.text_of(f),
            message: f.message.clone(),
        });
    }
    for g in &mut groups {
        g.drifts
            .sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    }
    // Most contradicted first; findings that cite no brand claim last.
    groups.sort_by(|a, b| {
        a.brand
            .is_none()
            .cmp(&b.brand.is_none())
            .then(b.counts.error.cmp(&a.counts.error))
            .then(b.counts.total.cmp(&a.counts.total))
            .then(a.brand.cmp(&b.brand))
    });
    groups
}

fn brand_conflicts(analysis: &Analysis, files: &Files<'_>) -> Vec<Conflict> {
    analysis
        .findings
        .iter()
        .filter(|f| f.rule == "brand.conflict")
        .map(|f| Conflict {
            brand: Place {
                path: f.path.clone(),
                line: f.line,
                text: files.text_of(f),
            },
            other: f.related.first().map(|r| Place {
                path: r.path.clone(),
                line: r.line,
                text: squash(&r.text),
            }),
            message: f.message.clone(),
        })
        .collect()
}

fn field_insights(analysis: &Analysis, files: &Files<'_>) -> Vec<Topic> {
    let mut seen = BTreeSet::new();
    let mut items = Vec::new();
    for f in &analysis.findings {
        if f.rule != UNSUPPORTED || !files.is_sales(&f.path) {
            continue;
        }
        let claim = files.claim_of(f);
        // One entry per claim, however many findings sit on it.
        let at = claim.map_or(f.start, |c| c.span.start);
        if !seen.insert((f.path.as_str(), at)) {
            continue;
        }
        let place = Place {
            path: f.path.clone(),
            line: f.line,
            text: files.text_of(f),
        };
        let terms = claim.map(|c| c.terms.clone()).unwrap_or_default();
        items.push((place, terms));
    }
    topics::group(items)
}

fn terms(analysis: &Analysis, files: &Files<'_>) -> Vec<TermUse> {
    let mut uses: Vec<TermUse> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    for f in &analysis.findings {
        if f.rule != "terms.replaced" {
            continue;
        }
        let Some(file) = files.by_path.get(f.path.as_str()) else {
            continue;
        };
        let wrong = file
            .doc
            .source
            .get(f.start..f.end)
            .map(squash)
            .filter(|w| !w.is_empty())
            .unwrap_or_else(|| f.message.clone());
        let right = f
            .fix
            .as_ref()
            .map(|fix| fix.replacement.clone())
            .unwrap_or_default();
        let key = (wrong.to_lowercase(), right.to_lowercase());
        let i = *index.entry(key).or_insert_with(|| {
            uses.push(TermUse {
                wrong,
                right,
                count: 0,
                files: 0,
                places: Vec::new(),
            });
            uses.len() - 1
        });
        uses[i].count += 1;
        uses[i].places.push(Place {
            path: f.path.clone(),
            line: f.line,
            text: squash(file.doc.line_text(f.line)),
        });
    }
    for u in &mut uses {
        u.places.sort();
        u.files = u
            .places
            .iter()
            .map(|p| &p.path)
            .collect::<BTreeSet<_>>()
            .len();
    }
    uses.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.wrong.cmp(&b.wrong)));
    uses
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squash_puts_text_on_one_line() {
        assert_eq!(squash("  a\n  b\t c \r\n"), "a b c");
    }

    #[test]
    fn cell_state_follows_the_worst_and_best_mentions() {
        let cell = |faithful, drifted, contradicted| {
            let mut c = Cell {
                faithful,
                drifted,
                contradicted,
                ..Cell::missing()
            };
            c.settle();
            c.state
        };
        assert_eq!(cell(0, 0, 0), CellState::Missing);
        assert_eq!(cell(2, 0, 0), CellState::Faithful);
        assert_eq!(cell(1, 0, 1), CellState::Mixed);
        assert_eq!(cell(0, 1, 1), CellState::Drifted);
        assert_eq!(cell(0, 0, 3), CellState::Contradicted);
    }
}

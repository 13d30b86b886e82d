//! The pipeline (see docs/architecture.md): discover → parse → extract →
//! index → align and rules → suppress. `analyze` runs the stages in order,
//! each on the previous stage's output and its own settings; printers and
//! the marketing report read the `Analysis` it returns.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::align::guidance::{CheckContext, Guidance, GuidanceLexicon, Guidebook};
use crate::align::{self, BrandDoc, BrandIndex, ClaimMatch};
use crate::claims::{self, Claim};
use crate::config::{Input, Settings};
use crate::diagnostic::{Finding, Severity};
use crate::discover::{self, Candidate};
use crate::error::{Error, Result};
use crate::markdown::{self, Doc, Role};
use crate::rules::{Rule, RuleSet};
use crate::suppress::{self, BaselineNote, Suppression};

/// One parsed file with what the pipeline learnt about it.
#[derive(Debug)]
pub struct FileAnalysis {
    pub doc: Doc,
    pub role: Role,
    pub claims: Vec<Claim>,
    /// Sales files only: how each claim lines up with the brand.
    pub matches: Vec<ClaimMatch>,
}

/// Everything a run found, before it is printed.
#[derive(Debug, Default)]
pub struct Analysis {
    pub brand: Vec<FileAnalysis>,
    pub sales: Vec<FileAnalysis>,
    /// Suppressed, sorted findings.
    pub findings: Vec<Finding>,
    /// Files that could not be read as text, one message each.
    pub skipped: Vec<String>,
    /// What the repo's rule packs probably did not mean, one message each.
    pub warnings: Vec<String>,
    /// True when every sales file was checked (coverage is only meaningful then).
    pub whole_set: bool,
    /// The rule packs' rules the run ran (SARIF describes them).
    pub rules: Vec<Rule>,
    /// What the baseline hid, when one was applied.
    pub baseline: Option<BaselineNote>,
    /// With `suppress.keep_dropped`: the findings not reported, and why.
    pub dropped: Vec<(Finding, Suppression)>,
}

impl Analysis {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Every parsed file of the run by its relative path, so printers can
    /// quote source lines and fingerprints can read spans.
    pub fn docs_by_path(&self) -> BTreeMap<&str, &Doc> {
        self.brand
            .iter()
            .chain(&self.sales)
            .map(|f| (f.doc.path.as_str(), &f.doc))
            .collect()
    }
}

/// Run the whole pipeline.
pub fn analyze(settings: &Settings) -> Result<Analysis> {
    let candidates = discover_files(settings)?;
    let whole_set = settings.input.stdin.is_none()
        && discover::is_whole_set(&settings.discover, &settings.input.paths);
    let heads = read_heads(candidates, &settings.input);

    let mut analysis = Analysis {
        whole_set,
        ..Analysis::default()
    };
    let (brand_heads, mut sales_heads) = split_by_role(heads, &mut analysis.skipped);
    if let Some((path, _)) = &settings.input.stdin {
        // Only the text on stdin is checked; the repo gives the brand docs.
        let rel = discover::relative(&settings.discover, path);
        sales_heads.retain(|doc| doc.path == rel);
    }
    require_brand(&brand_heads, settings)?;
    check_brand_front_matter(&brand_heads, settings)?;
    let (brand, brand_extract) = parse_brand(brand_heads, settings);
    analysis.brand = brand;

    let brand_docs = brand_view(&analysis.brand);
    let index = BrandIndex::build(&brand_docs, &settings.align, &settings.extract.lexicon)
        .explaining(settings.align.explain);
    let brand_refs: Vec<&Doc> = analysis.brand.iter().map(|f| &f.doc).collect();
    let rules = RuleSet::load(&settings.rules, &brand_refs)?;
    rules.check_selectors("--select", &settings.suppress.select)?;
    rules.check_selectors("--ignore", &settings.suppress.ignore)?;

    let sales_extract = brand_extract.for_sales();
    // Sales pages are parsed before any is checked: their guidance
    // ("never promise …") governs the other files of their folder.
    let sales_docs: Vec<Doc> = sales_heads
        .into_par_iter()
        .map(|mut doc| {
            markdown::parse_body(&mut doc, &settings.markdown.speakers);
            doc
        })
        .collect();
    let guide_lex = GuidanceLexicon::builtin();
    let guidebook = Guidebook::derive(
        &brand_refs,
        &sales_docs.iter().collect::<Vec<&Doc>>(),
        &guide_lex,
        &sales_extract.lexicon,
    );
    let guidance = CheckContext {
        lex: &guide_lex,
        extract: &sales_extract.lexicon,
        products: &sales_extract.products,
    };
    let checked = check_sales(
        sales_docs,
        &index,
        &brand_docs,
        &rules,
        settings,
        &sales_extract,
        (&guidebook, &guidance),
    );

    let mut findings = index.conflicts(&brand_docs);
    // Rule packs may police the brand docs too (`roles: [brand]`); rules
    // without that role skip a doc at once.
    findings.extend(
        analysis
            .brand
            .iter()
            .flat_map(|f| rules.run_for_role(&f.doc, Role::Brand, &f.claims, &[])),
    );
    let mut all_matches = Vec::with_capacity(checked.len());
    for (file, f, m) in checked {
        analysis.sales.push(file);
        findings.extend(f);
        all_matches.push(m);
    }
    if analysis.whole_set {
        findings.extend(align::coverage(&brand_docs, &all_matches));
    }
    drop(brand_docs);
    if !settings.findings_only {
        for (file, matches) in analysis.sales.iter_mut().zip(all_matches) {
            file.matches = matches;
        }
    }

    let known_ids = rules.ids();
    let docs: Vec<&Doc> = analysis
        .brand
        .iter()
        .chain(analysis.sales.iter())
        .map(|f| &f.doc)
        .collect();
    let suppressed = suppress::apply(
        findings,
        &docs,
        &settings.suppress,
        &known_ids,
        analysis.whole_set,
    );
    analysis.findings = suppressed.findings;
    analysis.baseline = suppressed.baseline;
    analysis.dropped = suppressed.dropped;
    analysis.warnings = rules.warnings().to_vec();
    analysis.rules = rules.into_rules();
    Ok(analysis)
}

/// The checks derived from guidance in the repo's brand docs and sales
/// pages (`rules list` shows them), without checking anything.
pub fn derive_guidance(settings: &Settings) -> Result<Vec<Guidance>> {
    let heads = read_heads(discover_files(settings)?, &settings.input);
    let (brand, sales) = split_by_role(heads, &mut Vec::new());
    let parse = |docs: Vec<Doc>| -> Vec<Doc> {
        docs.into_par_iter()
            .map(|mut doc| {
                markdown::parse_body(&mut doc, &settings.markdown.speakers);
                doc
            })
            .collect()
    };
    let (brand, sales) = (parse(brand), parse(sales));
    let book = Guidebook::derive(
        &brand.iter().collect::<Vec<&Doc>>(),
        &sales.iter().collect::<Vec<&Doc>>(),
        &GuidanceLexicon::builtin(),
        &settings.extract.lexicon,
    );
    Ok(book.items)
}

/// The brand docs with their claims, as alignment reads them.
pub fn brand_view(brand: &[FileAnalysis]) -> Vec<BrandDoc<'_>> {
    brand
        .iter()
        .map(|f| BrandDoc {
            doc: &f.doc,
            claims: &f.claims,
        })
        .collect()
}

/// Discovery: the config's files with their roles, plus the text on stdin
/// standing in for the file it names.
fn discover_files(settings: &Settings) -> Result<Vec<Candidate>> {
    let mut candidates = discover::discover(&settings.discover, &settings.input.paths)?;
    if let Some((path, _)) = &settings.input.stdin {
        let rel = discover::relative(&settings.discover, path);
        // Other sales files are never checked with stdin: leave them unread.
        candidates.retain(|c| c.rel != rel && c.role != Role::Sales);
        let role = match settings.input.stdin_is_sales {
            true => Role::Sales,
            false => discover::role_of(&settings.discover, &rel).unwrap_or(Role::Sales),
        };
        candidates.push(Candidate {
            abs: path.clone(),
            rel,
            role,
        });
    }
    Ok(candidates)
}

/// Read every file and its front matter in parallel: only then is a file's
/// role known (front matter overrides the globs), and brand docs must be
/// complete before any sales file is checked.
fn read_heads(
    candidates: Vec<Candidate>,
    input: &Input,
) -> Vec<std::result::Result<(Doc, Role), String>> {
    candidates
        .par_iter()
        .map(|c| {
            let text = match &input.stdin {
                Some((p, text)) if *p == c.abs => text.clone(),
                _ => read_text(c)?,
            };
            let doc = markdown::parse_head(&c.rel, text);
            let role = doc.front_matter.role.unwrap_or(c.role);
            Ok((doc, role))
        })
        .collect()
}

/// Brand docs and sales files; unreadable files go to `skipped`.
fn split_by_role(
    heads: Vec<std::result::Result<(Doc, Role), String>>,
    skipped: &mut Vec<String>,
) -> (Vec<Doc>, Vec<Doc>) {
    let (mut brand, mut sales) = (Vec::new(), Vec::new());
    for result in heads {
        match result {
            Ok((doc, Role::Brand)) => brand.push(doc),
            Ok((doc, Role::Sales)) => sales.push(doc),
            Ok(_) => {}
            Err(message) => skipped.push(message),
        }
    }
    (brand, sales)
}

/// Without a brand doc every claim would be "unsupported": a run with none,
/// from globs or front matter, is a config error.
fn require_brand(brand: &[Doc], settings: &Settings) -> Result<()> {
    if !brand.is_empty() {
        return Ok(());
    }
    let globs = &settings.discover.brand;
    let given = if globs.is_empty() {
        "no `brand` globs are set".to_string()
    } else {
        let listed: Vec<String> = globs.iter().map(|g| format!("`{g}`")).collect();
        format!(
            "the brand globs ({}) match only files whose front matter gives them another role",
            listed.join(", ")
        )
    };
    Err(Error::new(format!(
        "no brand doc to check against under {}: {given}; list the messaging docs under `brand:` in onmessage.yml, pass --brand GLOB, or mark a doc with front matter `onmessage: {{role: brand}}`",
        settings.discover.root.display()
    )))
}

/// The source of truth must be readable.
fn check_brand_front_matter(brand: &[Doc], settings: &Settings) -> Result<()> {
    for doc in brand {
        if let Some((span, message)) = &doc.front_matter_error {
            let (line, column) = doc.position(span.start);
            return Err(Error::at(
                &settings.discover.root.join(&doc.path),
                line,
                column,
                format!("invalid front matter in brand doc: {message}"),
            ));
        }
    }
    Ok(())
}

/// Parse and extract every brand doc; also gives the extraction settings
/// that know our product names, which the sales files are read with.
fn parse_brand(
    heads: Vec<Doc>,
    settings: &Settings,
) -> (Vec<FileAnalysis>, claims::ExtractSettings) {
    let docs: Vec<Doc> = heads
        .into_par_iter()
        .map(|mut doc| {
            markdown::parse_body(&mut doc, &settings.markdown.speakers);
            doc
        })
        .collect();
    // Our names come from all the brand docs, before any is read for claims.
    let extract = settings
        .extract
        .for_brand(&docs.iter().collect::<Vec<&Doc>>());
    let analysed = docs
        .into_par_iter()
        .map(|doc| {
            let claims = claims::extract_doc(&doc, &extract);
            FileAnalysis {
                doc,
                role: Role::Brand,
                claims,
                matches: Vec::new(),
            }
        })
        .collect();
    (analysed, extract)
}

/// Each sales file is extracted, aligned, run through the rules and the
/// derived guidance in one go, so that with `findings_only` its prose and claims are freed at
/// once and peak memory stays near the size of the sources.
fn check_sales(
    docs: Vec<Doc>,
    index: &BrandIndex,
    brand_docs: &[BrandDoc<'_>],
    rules: &RuleSet,
    settings: &Settings,
    extract: &claims::ExtractSettings,
    (guidebook, guidance): (&Guidebook, &CheckContext<'_>),
) -> Vec<(FileAnalysis, Vec<Finding>, Vec<ClaimMatch>)> {
    docs.into_par_iter()
        .map(|mut doc| {
            let mut claims = claims::extract_doc(&doc, extract);
            let (mut findings, matches) =
                align::check_doc(index, brand_docs, &doc, &claims, &settings.align);
            let mut supported = vec![false; claims.len()];
            for m in &matches {
                if m.brand.is_some() {
                    supported[m.claim] = true;
                }
            }
            findings.extend(rules.run(&doc, &claims, &supported));
            guidebook.check_doc(&doc, &claims, guidance, &mut findings);
            if let Some((span, message)) = &doc.front_matter_error {
                findings.push(Finding::in_doc(
                    "input.front-matter",
                    Severity::Error,
                    &doc,
                    span.clone(),
                    format!(
                        "front matter is not valid YAML: {message}; fix it so its settings apply"
                    ),
                ));
            }
            if settings.findings_only {
                doc.release_prose();
                claims = Vec::new();
            }
            let file = FileAnalysis {
                doc,
                role: Role::Sales,
                claims,
                matches: Vec::new(),
            };
            (file, findings, matches)
        })
        .collect()
}

/// Read a candidate as UTF-8 text; binary or non-UTF-8 files are reported, not parsed.
fn read_text(candidate: &Candidate) -> std::result::Result<String, String> {
    let bytes = std::fs::read(&candidate.abs).map_err(|e| format!("{}: {e}", candidate.rel))?;
    if bytes.contains(&0) {
        return Err(format!(
            "{}: skipped: binary file (contains NUL bytes)",
            candidate.rel
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: skipped: not valid UTF-8 (at byte {})",
            candidate.rel,
            e.utf8_error().valid_up_to()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, RunOptions};

    #[test]
    fn findings_only_frees_sales_prose_and_finds_the_same() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo");
        let config = Config::load(&dir.join("onmessage.yml")).unwrap();
        let full = analyze(&config.settings(&RunOptions::default()).unwrap()).unwrap();
        let lean_options = RunOptions {
            findings_only: true,
            ..RunOptions::default()
        };
        let lean = analyze(&config.settings(&lean_options).unwrap()).unwrap();
        assert!(!full.findings.is_empty());
        assert_eq!(full.findings, lean.findings);
        assert!(full.sales.iter().any(|f| !f.claims.is_empty()));
        assert!(full.sales.iter().any(|f| !f.matches.is_empty()));
        let theirs = |f: &FileAnalysis| -> Vec<std::ops::Range<usize>> {
            f.doc
                .blocks
                .iter()
                .filter(|b| b.side == markdown::Side::Theirs)
                .map(|b| b.span.clone())
                .collect()
        };
        assert!(full.sales.iter().any(|f| !theirs(f).is_empty()));
        for (a, b) in full.sales.iter().zip(&lean.sales) {
            assert_eq!(a.doc.path, b.doc.path);
            assert_eq!(a.doc.source, b.doc.source);
            assert!(b.claims.is_empty() && b.matches.is_empty());
            // Only the other side's blocks stay, where they were (suppression
            // reads them), without their text.
            assert_eq!(theirs(a), theirs(b));
            assert_eq!(b.doc.blocks.len(), theirs(b).len());
            assert!(b.doc.blocks.iter().all(|b| b.text.is_empty()));
        }
        // Brand docs are kept whole either way.
        let blocks = |a: &Analysis| a.brand.iter().map(|f| f.doc.blocks.len()).sum::<usize>();
        assert_eq!(blocks(&full), blocks(&lean));
    }

    #[test]
    fn a_file_deleted_after_discovery_is_reported_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let candidate = Candidate {
            abs: dir.path().join("gone.md"),
            rel: "sales/gone.md".into(),
            role: Role::Sales,
        };
        let message = read_text(&candidate).unwrap_err();
        assert!(message.starts_with("sales/gone.md: "), "{message}");
        assert!(!message.contains('\n'));
    }
}

//! onmessage: lint sales material against the brand's messaging docs.
//!
//! The pipeline (see DESIGN.md): discover → parse → extract → index → align
//! and rules → suppress → report. `analyze` runs everything up to the
//! suppressed findings; printers and the marketing report read its result.

pub mod align;
pub mod baseline;
pub mod changed;
pub mod claims;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod error;
pub mod fix;
pub mod markdown;
pub mod output;
pub mod registry;
pub mod report;
pub mod rules;
pub mod scaffold;
pub mod suppress;
pub mod yaml_guard;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::align::{BrandDoc, ClaimMatch};
use crate::claims::Claim;
use crate::config::Config;
use crate::diagnostic::{Finding, Severity};
use crate::discover::Candidate;
use crate::error::{Error, Result};
use crate::markdown::{Doc, Role};

/// What a run checks, beyond the config.
#[derive(Debug, Default, Clone)]
pub struct RunOptions {
    /// Sales files or folders to check; empty means every sales file.
    pub paths: Vec<PathBuf>,
    /// `--select`: only these rule ids or groups (empty: all).
    pub select: Vec<String>,
    /// `--ignore`: never these rule ids or groups.
    pub ignore: Vec<String>,
    /// `--explain`: attach match scores to findings.
    pub explain: bool,
    /// `--stdin`: check this text as if it were the file at this path.
    pub stdin: Option<(PathBuf, String)>,
    /// The caller reads only `findings` and the docs' source, line index and
    /// directives (to quote lines, fingerprint, fix): sales files' blocks,
    /// claims and matches are then freed as soon as each file is checked
    /// (see `Doc::release_prose`), which keeps peak memory near the size of
    /// the sources. `report` needs them and leaves this off.
    pub findings_only: bool,
}

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
    /// True when every sales file was checked (coverage is only meaningful then).
    pub whole_set: bool,
}

impl Analysis {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
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

/// Run the whole pipeline.
pub fn analyze(config: &Config, options: &RunOptions) -> Result<Analysis> {
    let mut candidates = discover::discover(config, &options.paths)?;
    if let Some((path, _)) = &options.stdin {
        let rel = discover::relative(config, path);
        candidates.retain(|c| c.rel != rel);
        let role = discover::role_of(config, &rel).unwrap_or(Role::Sales);
        candidates.push(Candidate {
            abs: path.clone(),
            rel,
            role,
        });
    }
    let lexicon = config.lexicon()?;
    let extract =
        |doc: &Doc| claims::extract_with_language(doc, &lexicon, config.language.as_deref());

    // Read every file and its front matter in parallel: only then is a
    // file's role known (front matter overrides the globs), and brand docs
    // must be complete before any sales file is checked.
    let heads: Vec<std::result::Result<(Doc, Role), String>> = candidates
        .par_iter()
        .map(|c| {
            let text = match &options.stdin {
                Some((p, text)) if *p == c.abs => text.clone(),
                _ => read_text(c)?,
            };
            let doc = markdown::parse_head(&c.rel, text);
            let role = doc.front_matter.role.unwrap_or(c.role);
            Ok((doc, role))
        })
        .collect();
    drop(candidates);

    let mut analysis = Analysis {
        whole_set: options.stdin.is_none() && discover::is_whole_set(config, &options.paths),
        ..Analysis::default()
    };
    let (mut brand_heads, mut sales_heads) = (Vec::new(), Vec::new());
    for result in heads {
        match result {
            Ok((doc, Role::Brand)) => brand_heads.push(doc),
            Ok((doc, Role::Sales)) => sales_heads.push(doc),
            Ok(_) => {}
            Err(message) => analysis.skipped.push(message),
        }
    }
    // The source of truth must be readable.
    for doc in &brand_heads {
        if let Some((span, message)) = &doc.front_matter_error {
            let (line, column) = doc.position(span.start);
            return Err(Error::at(
                &config.root.join(&doc.path),
                line,
                column,
                format!("invalid front matter in brand doc: {message}"),
            ));
        }
    }
    analysis.brand = brand_heads
        .into_par_iter()
        .map(|mut doc| {
            markdown::parse_body(&mut doc, &config.speakers);
            let claims = extract(&doc);
            FileAnalysis {
                doc,
                role: Role::Brand,
                claims,
                matches: Vec::new(),
            }
        })
        .collect();

    let brand_docs: Vec<BrandDoc<'_>> = analysis
        .brand
        .iter()
        .map(|f| BrandDoc {
            doc: &f.doc,
            claims: &f.claims,
        })
        .collect();
    let index =
        align::BrandIndex::build(&brand_docs, &config.align, &lexicon).explaining(options.explain);
    let brand_refs: Vec<&Doc> = analysis.brand.iter().map(|f| &f.doc).collect();
    let rules = rules::RuleSet::load(config, &brand_refs)?;
    rules.check_selectors("--select", &options.select)?;
    rules.check_selectors("--ignore", &options.ignore)?;

    // Each sales file is parsed, extracted and checked in one go, so that
    // with `findings_only` its prose and claims are freed at once and peak
    // memory stays near the size of the sources.
    let per_sales: Vec<(FileAnalysis, Vec<Finding>, Vec<ClaimMatch>)> = sales_heads
        .into_par_iter()
        .map(|mut doc| {
            markdown::parse_body(&mut doc, &config.speakers);
            let mut claims = extract(&doc);
            let (mut findings, matches) =
                align::check_doc(&index, &brand_docs, &doc, &claims, &config.align);
            let mut supported = vec![false; claims.len()];
            for m in &matches {
                if m.brand.is_some() {
                    supported[m.claim] = true;
                }
            }
            findings.extend(rules.run(&doc, &claims, &supported));
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
            if options.findings_only {
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
        .collect();

    let mut findings = index.conflicts(&brand_docs);
    // Rule packs may police the brand docs too (`roles: [brand]`); rules
    // without that role skip a doc at once.
    findings.extend(
        analysis
            .brand
            .iter()
            .flat_map(|f| rules.run_for_role(&f.doc, Role::Brand, &f.claims, &[])),
    );
    let mut all_matches = Vec::with_capacity(per_sales.len());
    for (file, f, m) in per_sales {
        analysis.sales.push(file);
        findings.extend(f);
        all_matches.push(m);
    }
    if analysis.whole_set {
        findings.extend(align::coverage(&brand_docs, &all_matches));
    }
    drop(brand_docs);
    if !options.findings_only {
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
    let mut findings = suppress::apply(findings, &docs, config, options, &known_ids);
    if !options.explain {
        for f in &mut findings {
            f.explain = None;
        }
    }
    diagnostic::sort_and_dedup(&mut findings);
    analysis.findings = findings;
    Ok(analysis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_only_frees_sales_prose_and_finds_the_same() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo");
        let config = Config::load(&dir.join("onmessage.yml")).unwrap();
        let full = analyze(&config, &RunOptions::default()).unwrap();
        let lean = analyze(
            &config,
            &RunOptions {
                findings_only: true,
                ..RunOptions::default()
            },
        )
        .unwrap();
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

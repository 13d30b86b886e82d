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
pub mod marketing;
pub mod registry;
pub mod report;
pub mod rules;
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

    // Read, parse and extract every file in parallel.
    let results: Vec<std::result::Result<FileAnalysis, String>> = candidates
        .par_iter()
        .map(|c| {
            let text = match &options.stdin {
                Some((p, text)) if *p == c.abs => text.clone(),
                _ => read_text(c)?,
            };
            let doc = markdown::parse(&c.rel, text, &config.speakers);
            let role = doc.front_matter.role.unwrap_or(c.role);
            let claims = if role == Role::Ignore {
                Vec::new()
            } else {
                claims::extract_with_language(&doc, &lexicon, config.language.as_deref())
            };
            Ok(FileAnalysis {
                doc,
                role,
                claims,
                matches: Vec::new(),
            })
        })
        .collect();

    let mut analysis = Analysis {
        whole_set: options.stdin.is_none() && discover::is_whole_set(config, &options.paths),
        ..Analysis::default()
    };
    for result in results {
        match result {
            Ok(file) if file.role == Role::Brand => analysis.brand.push(file),
            Ok(file) if file.role == Role::Sales => analysis.sales.push(file),
            Ok(_) => {}
            Err(message) => analysis.skipped.push(message),
        }
    }
    // The source of truth must be readable.
    for brand in &analysis.brand {
        if let Some((span, message)) = &brand.doc.front_matter_error {
            let (line, column) = brand.doc.position(span.start);
            return Err(Error::at(
                &config.root.join(&brand.doc.path),
                line,
                column,
                format!("invalid front matter in brand doc: {message}"),
            ));
        }
    }

    let brand_docs: Vec<BrandDoc<'_>> = analysis
        .brand
        .iter()
        .map(|f| BrandDoc {
            doc: &f.doc,
            claims: &f.claims,
        })
        .collect();
    let index = align::BrandIndex::build(&brand_docs, &config.align);
    let brand_refs: Vec<&Doc> = analysis.brand.iter().map(|f| &f.doc).collect();
    let rules = rules::RuleSet::load(config, &brand_refs)?;
    rules.check_selectors("--select", &options.select)?;
    rules.check_selectors("--ignore", &options.ignore)?;

    let per_sales: Vec<(Vec<Finding>, Vec<ClaimMatch>)> = analysis
        .sales
        .par_iter()
        .map(|file| {
            let (mut findings, matches) =
                align::check_doc(&index, &brand_docs, &file.doc, &file.claims, &config.align);
            let mut supported = vec![false; file.claims.len()];
            for m in &matches {
                if m.brand.is_some() {
                    supported[m.claim] = true;
                }
            }
            findings.extend(rules.run(&file.doc, &file.claims, &supported));
            if let Some((span, message)) = &file.doc.front_matter_error {
                findings.push(Finding::in_doc(
                    "input.front-matter",
                    Severity::Error,
                    &file.doc,
                    span.clone(),
                    format!(
                        "front matter is not valid YAML: {message}; fix it so its settings apply"
                    ),
                ));
            }
            (findings, matches)
        })
        .collect();

    let mut findings = align::brand_conflicts(&brand_docs, &config.align);
    // Rule packs may police the brand docs too (`roles: [brand]`); rules
    // without that role skip a doc at once.
    findings.extend(
        analysis
            .brand
            .iter()
            .flat_map(|f| rules.run_for_role(&f.doc, Role::Brand, &f.claims, &[])),
    );
    let mut all_matches = Vec::with_capacity(per_sales.len());
    for (f, m) in per_sales {
        findings.extend(f);
        all_matches.push(m);
    }
    if analysis.whole_set {
        findings.extend(align::coverage(&brand_docs, &all_matches));
    }
    drop(brand_docs);
    for (file, matches) in analysis.sales.iter_mut().zip(all_matches) {
        file.matches = matches;
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

//! `onmessage baseline`: record today's findings so that `check` reports
//! only new ones.

use crate::cli::{BaselineArgs, GlobalArgs};
use onmessage::baseline::{Baseline, RunScope};
use onmessage::error::Result;
use onmessage::RunOptions;

pub fn run(args: &BaselineArgs, global: &GlobalArgs) -> Result<u8> {
    let config = super::resolve_config(&args.config, args.paths.first().map(|p| p.as_path()))?;
    let options = RunOptions {
        paths: args.paths.clone(),
        findings_only: true,
        ..RunOptions::default()
    };
    let analysis = onmessage::analyze(&config.settings(&options)?)?;
    for message in analysis.skipped.iter().chain(&analysis.warnings) {
        eprintln!("warning: {message}");
    }
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| Baseline::default_path(&config.root));
    // Keep entries for files this run did not look at.
    let previous = if path.is_file() {
        Baseline::load(&path)?
    } else {
        Baseline::default()
    };
    let docs = analysis.docs_by_path();
    let scope = RunScope {
        docs: &docs,
        select: &options.select,
        ignore: &options.ignore,
        whole_set: analysis.whole_set,
    };
    let baseline = Baseline::record(&analysis.findings, &scope, &previous);
    baseline.save(&path)?;
    if !global.quiet {
        eprintln!(
            "wrote {} to {}",
            onmessage::output::plural(baseline.findings.len(), "finding"),
            path.display()
        );
    }
    Ok(0)
}

//! `onmessage baseline`: record today's findings so that `check` reports
//! only new ones.

use crate::baseline::Baseline;
use crate::cli::BaselineArgs;
use crate::error::Result;
use crate::RunOptions;

pub fn run(args: &BaselineArgs) -> Result<u8> {
    let config = super::resolve_config(&args.config, args.paths.first().map(|p| p.as_path()))?;
    let options = RunOptions {
        paths: args.paths.clone(),
        findings_only: true,
        ..RunOptions::default()
    };
    let analysis = crate::analyze(&config, &options)?;
    for message in &analysis.skipped {
        eprintln!("warning: {message}");
    }
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| Baseline::default_path(&config));
    // Keep entries for files this run did not look at.
    let previous = if path.is_file() {
        Baseline::load(&path)?
    } else {
        Baseline::default()
    };
    let baseline = Baseline::record(&analysis, &options, &previous);
    baseline.save(&path)?;
    eprintln!(
        "wrote {} to {}",
        crate::output::plural(baseline.findings.len(), "finding"),
        path.display()
    );
    Ok(0)
}

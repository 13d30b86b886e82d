//! `onmessage check`: lint, print, set the exit code.

use std::io::Write;

use crate::cli::{CheckArgs, FailOn};
use crate::diagnostic::Severity;
use crate::error::{Error, Result};
use crate::report;
use crate::RunOptions;

pub fn run(args: &CheckArgs) -> Result<u8> {
    let config = super::resolve_config(&args.config, args.paths.first().map(|p| p.as_path()))?;
    let options = RunOptions {
        paths: args.paths.clone(),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        explain: args.explain,
        stdin: None,
    };
    let analysis = crate::analyze(&config, &options)?;
    for message in &analysis.skipped {
        eprintln!("warning: {message}");
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let color = report::use_color(args.color);
    report::render(args.format, &analysis, &config, &mut out, color)
        .and_then(|_| out.flush())
        .or_else(ignore_broken_pipe)
        .map_err(|e| Error::new(format!("writing output: {e}")))?;
    if args.strict && !analysis.skipped.is_empty() {
        return Ok(2);
    }
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failed = threshold.is_some_and(|t| analysis.findings.iter().any(|f| f.severity >= t));
    Ok(u8::from(failed))
}

/// A closed pipe (`onmessage check | head`) is not an error.
fn ignore_broken_pipe(e: std::io::Error) -> std::io::Result<()> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e)
    }
}

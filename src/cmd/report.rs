//! `onmessage report`: the marketing view (coverage, contradictions, field
//! insights, scores) as one HTML file, Markdown or JSON.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::{GlobalArgs, ReportArgs, ReportFormat};
use onmessage::config::BaselineChoice;
use onmessage::error::{Error, Result};
use onmessage::report::{self, Header};
use onmessage::RunOptions;

/// Where the HTML report goes when `-o` is not given.
pub const DEFAULT_HTML: &str = "onmessage-report.html";

pub fn run(args: &ReportArgs, global: &GlobalArgs) -> Result<u8> {
    let config = super::resolve_config(&args.config, args.paths.first().map(|p| p.as_path()))?;
    // `onmessage report .` means the whole repo: coverage is only complete
    // when every sales file is read, so a path naming the config's folder
    // restricts nothing.
    let root = std::fs::canonicalize(&config.root).ok();
    let paths = args
        .paths
        .iter()
        .filter(|p| root.is_none() || std::fs::canonicalize(p).ok() != root)
        .cloned()
        .collect();
    // Like `check`: the baseline beside the config hides known findings.
    let options = RunOptions {
        paths,
        baseline: match &args.baseline {
            _ if args.no_baseline => BaselineChoice::Off,
            Some(path) => BaselineChoice::File(path.clone()),
            None => BaselineChoice::Default,
        },
        ..RunOptions::default()
    };
    let mut settings = config.settings(&options)?;
    // Keep what the baseline hid: the report can show it on request.
    settings.suppress.keep_dropped = true;
    let analysis = onmessage::analyze(&settings)?;
    for message in analysis.skipped.iter().chain(&analysis.warnings) {
        eprintln!("warning: {message}");
    }
    let mut report = report::build(&analysis);
    report.header = Header::gather(&config.root);
    if let Some(b) = &mut report.summary.baseline {
        if let Ok(rel) = std::path::Path::new(&b.file).strip_prefix(&config.root) {
            b.file = rel.display().to_string();
        }
        if b.hidden > 0 {
            super::note(
                global,
                format_args!(
                    "{} hidden by the baseline {}",
                    onmessage::output::plural(b.hidden, "known finding"),
                    b.file
                ),
            );
        }
    }
    let output = match (&args.output, args.format) {
        (Some(path), _) => Some(path.clone()),
        (None, ReportFormat::Html) => Some(PathBuf::from(DEFAULT_HTML)),
        (None, _) => None,
    };
    let mut bytes = Vec::new();
    report::render(args.format, &report, &mut bytes)
        .map_err(|e| Error::new(format!("rendering the report: {e}")))?;
    match output {
        Some(path) if path.as_os_str() != "-" => {
            std::fs::write(&path, &bytes).map_err(|e| Error::io(&path, e))?;
            let s = &report.summary;
            if !global.quiet {
                eprintln!(
                "wrote {} ({} sales files, {} key messages of which {} carried by none, overall score {})",
                path.display(),
                s.sales_files,
                report.coverage.messages,
                report.coverage.uncarried,
                s.overall_score
                    .map_or("n/a".to_string(), |x| format!("{x}"))
                );
            }
        }
        _ => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            if let Err(e) = out.write_all(&bytes).and_then(|_| out.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(Error::new(format!("writing output: {e}")));
                }
            }
        }
    }
    Ok(0)
}

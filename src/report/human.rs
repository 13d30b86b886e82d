//! `--format human`: rustc-like, `path:line:col`, the line with the span underlined.

use std::io::{self, Write};

use crate::diagnostic::Severity;
use crate::Analysis;

pub fn write(analysis: &Analysis, out: &mut dyn Write, color: bool) -> io::Result<()> {
    let _ = color;
    for f in &analysis.findings {
        writeln!(
            out,
            "{}[{}]: {}\n  --> {}:{}:{}",
            f.severity, f.rule, f.message, f.path, f.line, f.column
        )?;
    }
    writeln!(
        out,
        "{} errors, {} warnings, {} infos",
        analysis.count(Severity::Error),
        analysis.count(Severity::Warning),
        analysis.count(Severity::Info)
    )
}

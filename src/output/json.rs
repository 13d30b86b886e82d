//! `--format json`: one object, `{"findings": [...], "summary": {...}}`.

use std::io::{self, Write};

use serde_json::json;

use crate::diagnostic::Severity;
use crate::pipeline::Analysis;

pub fn write(analysis: &Analysis, out: &mut dyn Write) -> io::Result<()> {
    let value = json!({
        "findings": analysis.findings,
        "summary": {
            "files": analysis.brand.len() + analysis.sales.len(),
            "sales_files": analysis.sales.len(),
            "brand_files": analysis.brand.len(),
            "findings": analysis.findings.len(),
            "errors": analysis.count(Severity::Error),
            "warnings": analysis.count(Severity::Warning),
            "infos": analysis.count(Severity::Info),
        }
    });
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)
}

//! The JSON report: the same data as the other formats, for dashboards.
//! Its shape is documented in docs/report.md; `version` changes only when a
//! field is renamed or removed.

use std::io::{self, Write};

use super::model::Report;

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

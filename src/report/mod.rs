//! The marketing view of a run: which key messages the field carries, which
//! brand claims keep being contradicted, what the field says that marketing
//! never wrote, and an alignment score per sales file.
//!
//! `build` turns an `Analysis` into a `Report` (plain data); one module per
//! output format writes that `Report`. `check --min-score` uses `file_scores`.

mod html;
mod json;
mod markdown;
mod model;
mod score;
mod topics;

use std::io::{self, Write};

pub use model::{
    build, Cell, CellState, Conflict, Coverage, Drift, DriftGroup, KeyMessage, MessageGroup, Place,
    Report, RuleCount, SeverityCounts, Summary, TermUse, Topic,
};
pub use score::{file_scores, files_below, overall_score, score_file, FileScore, SCORE_DEFINITION};

use crate::cli::ReportFormat;

/// Write `report` in `format`.
pub fn render(format: ReportFormat, report: &Report, out: &mut dyn Write) -> io::Result<()> {
    match format {
        ReportFormat::Html => html::write(report, out),
        ReportFormat::Markdown => markdown::write(report, out),
        ReportFormat::Json => json::write(report, out),
    }
}

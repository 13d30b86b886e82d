//! The marketing view of a run: which key messages the field carries, which
//! brand claims keep being contradicted, what the field says that marketing
//! never wrote, and an alignment score per sales file.
//!
//! `build` turns an `Analysis` into a `Report` (plain data); one module per
//! output format writes that `Report`. `check --min-score` uses `file_scores`.

mod header;
mod html;
mod json;
mod labels;
mod markdown;
mod model;
mod score;
mod topics;

use std::io::{self, Write};

pub use header::Header;
pub use labels::{family, message_kind, plain};
pub use model::{
    build, BaselineSummary, Cell, CellState, Conflict, Coverage, Drift, DriftGroup, KeyMessage,
    Listed, MessageGroup, Place, Report, RuleCount, SeverityCounts, Summary, TermUse, Topic,
};
pub use score::{file_scores, files_below, overall_score, score_file, FileScore, SCORE_DEFINITION};

/// The `report` command's formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Html,
    Markdown,
    Json,
}

impl ReportFormat {
    pub const ALL: [ReportFormat; 3] = [
        ReportFormat::Html,
        ReportFormat::Markdown,
        ReportFormat::Json,
    ];

    /// The name users type (`--format html`).
    pub fn name(self) -> &'static str {
        match self {
            ReportFormat::Html => "html",
            ReportFormat::Markdown => "markdown",
            ReportFormat::Json => "json",
        }
    }
}

impl std::str::FromStr for ReportFormat {
    type Err = String;

    fn from_str(name: &str) -> Result<ReportFormat, String> {
        ReportFormat::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
            .ok_or_else(|| format!("unknown format `{name}`"))
    }
}

/// Write `report` in `format`.
pub fn render(format: ReportFormat, report: &Report, out: &mut dyn Write) -> io::Result<()> {
    match format {
        ReportFormat::Html => html::write(report, out),
        ReportFormat::Markdown => markdown::write(report, out),
        ReportFormat::Json => json::write(report, out),
    }
}

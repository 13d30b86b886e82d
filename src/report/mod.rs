//! Printers: one module per output format, all fed the same `Analysis`.
//! Printers only write; findings never format themselves.

pub mod human;
pub mod json;

use std::io::{self, IsTerminal, Write};

use crate::cli::{ColorChoice, Format};
use crate::config::Config;
use crate::Analysis;

/// Write `analysis` in `format`.
pub fn render(
    format: Format,
    analysis: &Analysis,
    config: &Config,
    out: &mut dyn Write,
    color: bool,
) -> io::Result<()> {
    let _ = config;
    match format {
        Format::Human => human::write(analysis, out, color),
        Format::Json => json::write(analysis, out),
        Format::Sarif | Format::Github | Format::Markdown => Err(io::Error::other(format!(
            "format {format:?} is not implemented yet"
        ))),
    }
}

/// Colours: `--color`, then NO_COLOR, then whether stdout is a terminal.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

//! Command-line definitions only; no logic lives here.

use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "onmessage",
    version,
    about = "Keep sales material on message: lint scripts, emails and battlecards against the brand's messaging docs.",
    after_help = "New here? Run `onmessage init` in your content repo to write a starter onmessage.yml, then `onmessage check`."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every subcommand accepts, before or after its name.
#[derive(Debug, Args, Default, Clone)]
pub struct GlobalArgs {
    /// The config file (default: onmessage.yml found by walking up from the first path, else from the current directory).
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    /// When to colour `check`'s human output (the other commands print no colour).
    #[arg(long, value_enum, default_value = "auto", global = true)]
    pub color: ColorChoice,
    /// Print findings only: no summary, notes or progress.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check sales files against the brand docs and rule packs.
    Check(CheckArgs),
    /// Print the claims extracted from files (a tuning aid).
    Claims(ClaimsArgs),
    /// Trace one line through every stage: why it was flagged, or why not.
    Why(WhyArgs),
    /// List, test, explain rules, or print the rule-pack JSON Schema.
    Rules(RulesArgs),
    /// Record current findings so that `check` reports only new ones.
    Baseline(BaselineArgs),
    /// Write the marketing report: coverage, contradictions, field insights.
    Report(ReportArgs),
    /// Write a starter onmessage.yml and rule pack for a content repo.
    Init(InitArgs),
}

/// Where the config comes from; shared by every command that reads content.
#[derive(Debug, Args, Default, Clone)]
pub struct ConfigArgs {
    /// The global `--config`, copied here before the command runs.
    #[arg(skip)]
    pub config: Option<PathBuf>,
    /// Glob for brand docs (repeatable; replaces the config's `brand`).
    #[arg(long, value_name = "GLOB")]
    pub brand: Vec<String>,
    /// Glob for sales files (repeatable; replaces the config's `sales`).
    #[arg(long, value_name = "GLOB")]
    pub sales: Vec<String>,
}

pub use onmessage::output::Format;
pub use onmessage::report::ReportFormat;

/// `--format` for `check`: every output format, case-insensitive.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    formats(&Format::ALL)
}

/// `--format` for the commands that print human or json only.
fn human_or_json() -> impl clap::builder::TypedValueParser<Value = Format> {
    formats(&[Format::Human, Format::Json])
}

/// A `--format` parser that accepts (and `--help` lists) only `allowed`.
fn formats(allowed: &[Format]) -> impl clap::builder::TypedValueParser<Value = Format> {
    clap::builder::PossibleValuesParser::new(allowed.iter().map(|f| f.name()))
        .map(|name| name.parse::<Format>().expect("a listed format name"))
}

/// `--format` for `report`.
fn report_format_parser() -> impl clap::builder::TypedValueParser<Value = ReportFormat> {
    clap::builder::PossibleValuesParser::new(ReportFormat::ALL.map(ReportFormat::name))
        .map(|name| name.parse::<ReportFormat>().expect("a listed format name"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args, Clone)]
pub struct CheckArgs {
    /// Sales files or folders to check (default: every sales file of the config); `-` reads standard input.
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Output format.
    #[arg(long, value_parser = format_parser(), default_value = "human")]
    pub format: Format,
    /// Write the output to PATH instead of standard output; `FORMAT=PATH` (repeatable) also writes FORMAT there, e.g. `-o sarif=onmessage.sarif`.
    #[arg(short = 'o', long, value_name = "PATH|FORMAT=PATH")]
    pub output: Vec<String>,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value = "warning")]
    pub fail_on: FailOn,
    /// Exit 2 when any file had to be skipped (binary, not UTF-8).
    #[arg(long)]
    pub strict: bool,
    /// Show each finding's matched brand claim score and the runners-up.
    #[arg(long)]
    pub explain: bool,
    /// Only these rule ids or groups (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,
    /// Never these rule ids or groups (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long = "threads", value_name = "N")]
    pub threads: Option<usize>,
    /// Read the file to check from standard input (as the path `-` does).
    #[arg(long)]
    pub stdin: bool,
    /// The path standard input stands for: config and role come from it (default: stdin.md, a sales file in the current directory).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Check only sales files changed since this git revision (all of them if a brand doc changed).
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// Baseline file (default: .onmessage-baseline.json beside the config, if present).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Ignore any baseline file.
    #[arg(long)]
    pub no_baseline: bool,
    /// Apply safe fixes in place.
    #[arg(long)]
    pub fix: bool,
    /// Print the fixes as a unified diff and change nothing; exit 1 when there is something to fix.
    #[arg(long)]
    pub diff: bool,
    /// Exit 1 when any sales file's alignment score is below N (0 to 100).
    #[arg(long, value_name = "N", value_parser = score_parser)]
    pub min_score: Option<f64>,
    /// Print how many findings each rule has instead of the findings.
    #[arg(long, conflicts_with_all = ["show_files", "show_config"])]
    pub statistics: bool,
    /// Print each file with its role (brand, sales, ignore) and the glob or front matter that gave it, and check nothing.
    #[arg(long, conflicts_with = "show_config")]
    pub show_files: bool,
    /// Print the resolved settings and check nothing.
    #[arg(long)]
    pub show_config: bool,
}

/// `--min-score`: a number from 0 to 100.
fn score_parser(value: &str) -> Result<f64, String> {
    let score: f64 = value
        .parse()
        .map_err(|_| format!("`{value}` is not a number"))?;
    if (0.0..=100.0).contains(&score) {
        Ok(score)
    } else {
        Err(format!("{value} is not from 0 to 100"))
    }
}

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Files to extract claims from; `-` reads standard input.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Output format.
    #[arg(long, value_parser = human_or_json(), default_value = "human")]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct WhyArgs {
    /// The line to trace: FILE:LINE, or FILE:LINE:COL as `check` prints it.
    #[arg(value_name = "FILE:LINE")]
    pub location: String,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Output format.
    #[arg(long, value_parser = human_or_json(), default_value = "human")]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    pub command: RulesCommand,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Every rule that can run: id, kind, severity, source, enabled.
    List {
        /// Output format.
        #[arg(long, value_parser = human_or_json(), default_value = "human")]
        format: Format,
    },
    /// Run the rules' examples (all packs, or these pack files).
    Test {
        /// Pack files to test (default: every pack the config uses).
        packs: Vec<PathBuf>,
    },
    /// Describe one rule.
    Explain {
        /// The rule id, e.g. `align.number-mismatch`.
        id: String,
    },
    /// Print the JSON Schema of the rule-pack format.
    Schema,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// Sales files or folders to record (default: every sales file of the config).
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Write the baseline to FILE (default: .onmessage-baseline.json beside the config).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Sales files or folders to report on (default: every sales file of the config).
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Output format.
    #[arg(long, value_parser = report_format_parser(), default_value = "html")]
    pub format: ReportFormat,
    /// Write the report to FILE (default: onmessage-report.html for HTML, standard output otherwise; `-`: standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Baseline file (default: .onmessage-baseline.json beside the config, if present).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Ignore any baseline file.
    #[arg(long)]
    pub no_baseline: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The content repo.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Print what init would write, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Overwrite an existing onmessage.yml and starter pack.
    #[arg(long)]
    pub force: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every subcommand and argument, with its path for messages.
    fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<(String, clap::Command)>) {
        out.push((path.to_string(), cmd.clone()));
        for sub in cmd.get_subcommands() {
            walk(sub, &format!("{path} {}", sub.get_name()), out);
        }
    }

    #[test]
    fn every_subcommand_and_argument_has_help_and_no_default_is_printed_twice() {
        let mut cmd = Cli::command();
        cmd.build();
        let mut all = Vec::new();
        walk(&cmd, "onmessage", &mut all);
        for (path, cmd) in &all {
            if path != "onmessage"
                && path != "onmessage help"
                && !path.starts_with("onmessage help ")
            {
                assert!(cmd.get_about().is_some(), "`{path}` has no help text");
            }
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                let help = arg.get_help().map(|h| h.to_string());
                let help = help.unwrap_or_else(|| panic!("`{path}`: `{id}` has no help text"));
                if !arg.get_default_values().is_empty() {
                    assert!(
                        !help.contains("(default"),
                        "`{path}`: `{id}` prints its default twice: {help}"
                    );
                }
            }
        }
    }
}

//! Command-line definitions only; no logic lives here.

use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "onmessage",
    version,
    about = "Keep sales material on message: lint scripts, emails and battlecards against the brand's messaging docs."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
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
    /// The config file (default: onmessage.yml found by walking up from the first path, else from the current directory).
    #[arg(long, value_name = "FILE")]
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

/// `--format` for `check`: the library's format names, case-insensitive.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    clap::builder::PossibleValuesParser::new(Format::ALL.map(Format::name))
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
    /// Sales files or folders to check (default: every sales file of the config).
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Output format on standard output.
    #[arg(long, value_parser = format_parser(), default_value = "human")]
    pub format: Format,
    /// Also write FORMAT to PATH (repeatable), e.g. `--output sarif=onmessage.sarif`.
    #[arg(long, value_name = "FORMAT=PATH")]
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
    /// When to use colours.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long = "threads", value_name = "N")]
    pub threads: Option<usize>,
    /// Read the file to check from standard input.
    #[arg(long, requires = "stdin_filename")]
    pub stdin: bool,
    /// The path standard input stands for (config and role come from it).
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
    /// With --fix: print a unified diff instead of writing.
    #[arg(long, requires = "fix")]
    pub diff: bool,
    /// Exit 1 when any sales file's alignment score is below N (0-100).
    #[arg(long, value_name = "N")]
    pub min_score: Option<f64>,
}

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Files to extract claims from.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[arg(long, value_parser = format_parser(), default_value = "human")]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct WhyArgs {
    /// The line to trace: FILE:LINE, or FILE:LINE:COL as `check` prints it.
    #[arg(value_name = "FILE:LINE")]
    pub location: String,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// `human` or `json`.
    #[arg(long, value_parser = format_parser(), default_value = "human")]
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
        #[arg(long, value_parser = format_parser(), default_value = "human")]
        format: Format,
    },
    /// Run the rules' examples (all packs, or these pack files).
    Test { packs: Vec<PathBuf> },
    /// Describe one rule.
    Explain { id: String },
    /// Print the JSON Schema of the rule-pack format.
    Schema,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Where to write (default: .onmessage-baseline.json beside the config).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[arg(long, value_parser = report_format_parser(), default_value = "html")]
    pub format: ReportFormat,
    /// Output file (default: onmessage-report.html for HTML, standard output otherwise).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The content repo (default: the current directory).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Print what init would write, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Overwrite an existing onmessage.yml and starter pack.
    #[arg(long)]
    pub force: bool,
}

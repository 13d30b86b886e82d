//! Printers: one module per output format, all fed the same `Analysis`.
//! Printers only write; findings never format themselves.

pub mod github;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod statistics;

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use crate::pipeline::Analysis;

/// `check`'s output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Markdown,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Human,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Markdown,
    ];

    /// The name users type (`--format sarif`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Markdown => "markdown",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    /// Case-insensitive, like the command line's `--format`.
    fn from_str(name: &str) -> Result<Format, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
            .ok_or_else(|| format!("unknown format `{name}`"))
    }
}

/// What every printer of a run needs besides the analysis.
#[derive(Clone, Debug, Default)]
pub struct OutputSettings {
    /// The config's folder relative to the enclosing git repository (`docs/`
    /// or empty): GitHub wants repository-relative paths, ours are
    /// config-relative.
    pub repo_prefix: String,
    /// Colour the human output.
    pub color: bool,
    /// `-q`: the human output lists findings only, without the summary.
    pub quiet: bool,
}

impl OutputSettings {
    pub fn new(root: &Path, color: bool) -> OutputSettings {
        OutputSettings {
            repo_prefix: repo_prefix(root),
            color,
            quiet: false,
        }
    }
}

/// Write `analysis` in `format`; SARIF lists the computed rules.
pub fn render(
    format: Format,
    analysis: &Analysis,
    settings: &OutputSettings,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rules = sarif::computed_rule_infos();
    render_with_rules(format, analysis, settings, &rules, out)
}

/// Write `analysis` in `format`; `rules` is every rule that can run (for
/// SARIF's rule list), computed and YAML.
pub fn render_with_rules(
    format: Format,
    analysis: &Analysis,
    settings: &OutputSettings,
    rules: &[sarif::RuleInfo],
    out: &mut dyn Write,
) -> io::Result<()> {
    let prefix = &settings.repo_prefix;
    match format {
        Format::Human => human::write(analysis, out, settings.color, !settings.quiet),
        Format::Json => json::write(analysis, out),
        Format::Sarif => sarif::write(analysis, prefix, rules, out),
        Format::Github => github::write(analysis, prefix, out),
        Format::Markdown => markdown::write(analysis, out),
    }
}

fn repo_prefix(root: &Path) -> String {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let Some(repo) = root.ancestors().find(|dir| dir.join(".git").exists()) else {
        return String::new();
    };
    let rel = root.strip_prefix(repo).unwrap_or(&root);
    let rel = rel.to_string_lossy().replace('\\', "/");
    if rel.is_empty() {
        rel
    } else {
        format!("{rel}/")
    }
}

/// Content is untrusted: control characters (ESC above all, which would let a
/// Markdown file drive the reader's terminal) are shown as `\u{..}` escapes.
/// Tabs become a space so underlines stay aligned with the text above them.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push(' '),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// "3 sales files checked against 2 brand docs": what a run read, for the
/// summaries.
pub fn checked(analysis: &Analysis) -> String {
    format!(
        "{} checked against {}",
        plural(analysis.sales.len(), "sales file"),
        plural(analysis.brand.len(), "brand doc")
    )
}

/// How many findings carry a fix that `--fix` applies.
pub fn fixable(analysis: &Analysis) -> usize {
    analysis.findings.iter().filter(|f| f.fix.is_some()).count()
}

/// "1 error", "2 warnings", "3 info": a count with its noun.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 || noun == "info" {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_controls_hides_escape_sequences() {
        let escaped = escape_controls("red \u{1b}[31mtext\u{7}\r");
        assert!(!escaped.chars().any(char::is_control));
        assert_eq!(escaped, "red \\u{1b}[31mtext\\u{7}\\u{d}");
        assert!(matches!(escape_controls("plain"), Cow::Borrowed(_)));
        assert_eq!(escape_controls("a\tb"), "a b");
    }
}

//! Printers: one module per output format, all fed the same `Analysis`.
//! Printers only write; findings never format themselves.

pub mod github;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};

use crate::cli::{ColorChoice, Format};
use crate::config::Config;
use crate::markdown::Doc;
use crate::Analysis;

/// Write `analysis` in `format`; SARIF lists the computed rules.
pub fn render(
    format: Format,
    analysis: &Analysis,
    config: &Config,
    out: &mut dyn Write,
    color: bool,
) -> io::Result<()> {
    let rules = sarif::computed_rule_infos();
    render_with_rules(format, analysis, config, &rules, out, color)
}

/// Write `analysis` in `format`; `rules` is every rule that can run (for
/// SARIF's rule list), computed and YAML.
pub fn render_with_rules(
    format: Format,
    analysis: &Analysis,
    config: &Config,
    rules: &[sarif::RuleInfo],
    out: &mut dyn Write,
    color: bool,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(analysis, out, color),
        Format::Json => json::write(analysis, out),
        Format::Sarif => sarif::write(analysis, &repo_prefix(config), rules, out),
        Format::Github => github::write(analysis, &repo_prefix(config), out),
        Format::Markdown => markdown::write(analysis, out),
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

/// The config's folder relative to the enclosing git repository, as a path
/// prefix (`docs/` or empty): GitHub wants repository-relative paths, ours
/// are config-relative.
pub fn repo_prefix(config: &Config) -> String {
    let root = std::fs::canonicalize(&config.root).unwrap_or_else(|_| config.root.clone());
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

/// Every parsed file of the run by its relative path, so printers can quote
/// source lines.
pub fn docs_by_path(analysis: &Analysis) -> BTreeMap<&str, &Doc> {
    analysis
        .brand
        .iter()
        .chain(&analysis.sales)
        .map(|f| (f.doc.path.as_str(), &f.doc))
        .collect()
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

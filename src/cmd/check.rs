//! `onmessage check`: lint, print (to stdout and any `--output` files),
//! set the exit code.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use crate::baseline::Baseline;
use crate::changed::{self, Scope};
use crate::cli::{CheckArgs, FailOn, Format};
use crate::config::Config;
use crate::diagnostic::Severity;
use crate::error::{Error, Result};
use crate::markdown::Doc;
use crate::output::{self, sarif, sarif::RuleInfo};
use crate::rules::RuleSet;
use crate::{Analysis, RunOptions};

pub fn run(args: &CheckArgs) -> Result<u8> {
    set_threads(args.threads);
    let outputs = parse_outputs(&args.output)?;
    let stdin = read_stdin(args)?;
    let first_path = match &stdin {
        Some((path, _)) => Some(path.as_path()),
        None => args.paths.first().map(PathBuf::as_path),
    };
    let config = super::resolve_config(&args.config, first_path)?;
    let mut options = RunOptions {
        paths: args.paths.clone(),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        explain: args.explain,
        stdin: None,
        // `--min-score` scores files from their claims; otherwise only the
        // findings are printed.
        findings_only: args.min_score.is_none(),
    };
    if let Some((path, text)) = stdin {
        // Naming the file keeps the other sales files unread. A file that
        // does not exist yet cannot be named (discovery would reject it), so
        // then every file is read and the findings are filtered below.
        options.paths = if path.exists() {
            vec![path.clone()]
        } else {
            Vec::new()
        };
        options.stdin = Some((path, text));
    }

    let analysis = match &args.changed_since {
        Some(rev) => match restrict_to_changed(&config, rev, &mut options)? {
            true => crate::analyze(&config, &options)?,
            false => Analysis::default(),
        },
        None => crate::analyze(&config, &options)?,
    };
    // Never dropped: freeing every file's data costs a few percent of a run
    // just before the process ends and the OS reclaims it all at once.
    let mut analysis = std::mem::ManuallyDrop::new(analysis);
    if let Some((path, _)) = &options.stdin {
        // An editor asked about one file: report only that file.
        let rel = crate::discover::relative(&config, path);
        analysis.findings.retain(|f| f.path == rel);
    }
    let baseline_note = apply_baseline(args, &config, &options, &mut analysis)?;
    if let Some(note) = &baseline_note {
        eprintln!("note: {note}");
    }
    for message in &analysis.skipped {
        eprintln!("warning: {message}");
    }

    if args.fix {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        let outcome = crate::fix::apply_fixes(&config.root, &analysis, args.diff, &mut out)?;
        for message in &outcome.refused {
            eprintln!("warning: not fixed: {message}");
        }
        if args.diff {
            // The diff is the output; nothing was written.
            return Ok(u8::from(outcome.applied > 0));
        }
        eprintln!(
            "fixed {} in {}",
            output::plural(outcome.applied, "finding"),
            output::plural(outcome.files, "file")
        );
        // What was fixed is no longer a finding.
        let fixed: std::collections::HashSet<usize> = outcome.fixed.iter().copied().collect();
        let mut index = 0;
        analysis.findings.retain(|_| {
            index += 1;
            !fixed.contains(&(index - 1))
        });
    }
    let low_scores = args
        .min_score
        .map_or_else(Vec::new, |min| crate::report::files_below(&analysis, min));

    let color = output::use_color(args.color);
    let wants_sarif =
        args.format == Format::Sarif || outputs.iter().any(|(f, _)| *f == Format::Sarif);
    let rules = if wants_sarif {
        known_rules(&config, &analysis)?
    } else {
        Vec::new()
    };
    let printing = Printing {
        analysis: &analysis,
        config: &config,
        rules: &rules,
        note: baseline_note.as_deref(),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    printing
        .write(args.format, &mut out, color)
        .and_then(|_| out.flush())
        .or_else(ignore_broken_pipe)
        .map_err(|e| Error::new(format!("writing output: {e}")))?;
    for (format, path) in &outputs {
        let file = File::create(path).map_err(|e| Error::io(path, e))?;
        let mut out = BufWriter::new(file);
        printing
            .write(*format, &mut out, false)
            .and_then(|_| out.flush())
            .map_err(|e| Error::io(path, e))?;
    }

    if args.strict && !analysis.skipped.is_empty() {
        return Ok(2);
    }
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failed = threshold.is_some_and(|t| analysis.findings.iter().any(|f| f.severity >= t));
    for (path, score) in &low_scores {
        eprintln!(
            "{path}: alignment score {score:.0} is below --min-score {}",
            args.min_score.unwrap_or_default()
        );
    }
    Ok(u8::from(failed || !low_scores.is_empty()))
}

/// `-j N`: size rayon's global pool once; 0 or absent keeps one per core.
fn set_threads(threads: Option<usize>) {
    if let Some(n) = threads.filter(|n| *n > 0) {
        // Fails only if the pool already exists (a second run in one process).
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
}

/// `--output FORMAT=PATH` values, checked before any work is done.
pub fn parse_outputs(values: &[String]) -> Result<Vec<(Format, PathBuf)>> {
    values
        .iter()
        .map(|value| {
            let (name, path) = value
                .split_once('=')
                .filter(|(n, p)| !n.is_empty() && !p.is_empty())
                .ok_or_else(|| {
                    Error::new(format!(
                        "--output `{value}`: expected FORMAT=PATH, e.g. sarif=onmessage.sarif"
                    ))
                })?;
            let format = Format::from_str(name, true).map_err(|_| {
                let names: Vec<String> = Format::value_variants()
                    .iter()
                    .filter_map(|f| f.to_possible_value())
                    .map(|v| v.get_name().to_string())
                    .collect();
                Error::new(format!(
                    "--output `{value}`: unknown format `{name}` (expected one of {})",
                    names.join(", ")
                ))
            })?;
            Ok((format, PathBuf::from(path)))
        })
        .collect()
}

/// What every output of one run is printed from.
struct Printing<'a> {
    analysis: &'a Analysis,
    config: &'a Config,
    rules: &'a [RuleInfo],
    /// What the baseline did, repeated at the end of the Markdown summary.
    note: Option<&'a str>,
}

impl Printing<'_> {
    fn write(&self, format: Format, out: &mut dyn Write, color: bool) -> std::io::Result<()> {
        output::render_with_rules(format, self.analysis, self.config, self.rules, out, color)?;
        match self.note {
            Some(note) if format == Format::Markdown => output::markdown::write_note(out, note),
            _ => Ok(()),
        }
    }
}

/// Every rule that can run, for SARIF's rule list.
fn known_rules(config: &Config, analysis: &Analysis) -> Result<Vec<RuleInfo>> {
    let brand: Vec<&Doc> = analysis.brand.iter().map(|f| &f.doc).collect();
    let set = RuleSet::load(config, &brand)?;
    Ok(sarif::rule_infos(&set, &config.rules))
}

/// `--stdin --stdin-filename PATH`: the text and the path it stands for.
fn read_stdin(args: &CheckArgs) -> Result<Option<(PathBuf, String)>> {
    if !args.stdin {
        return Ok(None);
    }
    if !args.paths.is_empty() {
        return Err(Error::new(
            "--stdin checks one text: give its path with --stdin-filename, not as an argument",
        ));
    }
    if args.changed_since.is_some() {
        return Err(Error::new(
            "--stdin cannot be combined with --changed-since",
        ));
    }
    let path = args
        .stdin_filename
        .clone()
        .ok_or_else(|| Error::new("--stdin needs --stdin-filename PATH"))?;
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| Error::new(format!("reading standard input: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::new(format!(
            "standard input is not valid UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok(Some((path, text)))
}

/// Narrow `options.paths` to the sales files changed since `rev` (within any
/// paths given). Returns false when there is nothing to check.
fn restrict_to_changed(config: &Config, rev: &str, options: &mut RunOptions) -> Result<bool> {
    let within: Vec<PathBuf> = options
        .paths
        .iter()
        .map(|p| std::fs::canonicalize(p).map_err(|e| Error::io(p, e)))
        .collect::<Result<_>>()?;
    match changed::scope(config, rev)? {
        Scope::Everything => Ok(true),
        Scope::Files(files) => {
            let files: Vec<PathBuf> = files
                .into_iter()
                .filter(|f| within.is_empty() || within.iter().any(|w| f.starts_with(w)))
                .collect();
            if files.is_empty() {
                eprintln!("note: no sales file changed since {rev}; nothing to check");
                return Ok(false);
            }
            options.paths = files;
            Ok(true)
        }
    }
}

/// Hide baselined findings; a sentence saying how many are hidden and how
/// many are gone, if any.
fn apply_baseline(
    args: &CheckArgs,
    config: &Config,
    options: &RunOptions,
    analysis: &mut Analysis,
) -> Result<Option<String>> {
    if args.no_baseline {
        return Ok(None);
    }
    let path = match &args.baseline {
        Some(path) if !path.is_file() => {
            return Err(Error::new(format!(
                "{}: baseline file not found",
                path.display()
            )))
        }
        Some(path) => path.clone(),
        None => {
            let path = Baseline::default_path(config);
            if !path.is_file() {
                return Ok(None);
            }
            path
        }
    };
    let baseline = Baseline::load(&path)?;
    let outcome = baseline.apply(analysis, options);
    if outcome.suppressed == 0 && outcome.fixed == 0 {
        return Ok(None);
    }
    Ok(Some(format!(
        "{} hidden by the baseline {}; {} no longer {}{}",
        output::plural(outcome.suppressed, "finding"),
        path.display(),
        output::plural(outcome.fixed, "baselined finding"),
        if outcome.fixed == 1 {
            "occurs"
        } else {
            "occur"
        },
        if outcome.fixed > 0 {
            " (run `onmessage baseline` to drop them)"
        } else {
            ""
        }
    )))
}

/// A closed pipe (`onmessage check | head`) is not an error.
fn ignore_broken_pipe(e: std::io::Error) -> std::io::Result<()> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_parse_format_and_path() {
        let parsed =
            parse_outputs(&["sarif=out/a.sarif".into(), "Markdown=s=1.md".into()]).unwrap();
        assert_eq!(
            parsed,
            vec![
                (Format::Sarif, PathBuf::from("out/a.sarif")),
                (Format::Markdown, PathBuf::from("s=1.md"))
            ]
        );
        let err = parse_outputs(&["xml=a".into()]).unwrap_err().to_string();
        assert!(
            err.contains("unknown format `xml`") && err.contains("sarif"),
            "{err}"
        );
        assert!(parse_outputs(&["sarif".into()]).is_err());
        assert!(parse_outputs(&["=a".into()]).is_err());
    }
}

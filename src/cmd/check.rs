//! `onmessage check`: lint, print (to stdout and any `--output` files),
//! set the exit code.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;

use onmessage::changed;
use onmessage::config::{BaselineChoice, RunOptions};
use onmessage::diagnostic::Severity;
use onmessage::error::{Error, Result};
use onmessage::output::{self, sarif, sarif::RuleInfo, OutputSettings};
use onmessage::pipeline::Analysis;
use onmessage::suppress::BaselineNote;

use crate::cli::{CheckArgs, ColorChoice, FailOn, Format};

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
        baseline: match &args.baseline {
            _ if args.no_baseline => BaselineChoice::Off,
            Some(path) => BaselineChoice::File(path.clone()),
            None => BaselineChoice::Default,
        },
    };
    if let Some((path, text)) = stdin {
        // Naming the file keeps the other sales files unread. A file that
        // does not exist yet cannot be named (discovery would reject it), so
        // then every file is read and the findings are filtered to it.
        options.paths = if path.exists() {
            vec![path.clone()]
        } else {
            Vec::new()
        };
        options.stdin = Some((path, text));
    }
    let mut settings = config.settings(&options)?;

    let analysis = match &args.changed_since {
        Some(rev) => match changed::narrow(
            &settings.discover,
            &settings.changed,
            rev,
            &settings.input.paths,
        )? {
            Some(paths) => {
                settings.input.paths = paths;
                onmessage::analyze(&settings)?
            }
            None => {
                eprintln!("note: no sales file changed since {rev}; nothing to check");
                Analysis::default()
            }
        },
        None => onmessage::analyze(&settings)?,
    };
    // Never dropped: freeing every file's data costs a few percent of a run
    // just before the process ends and the OS reclaims it all at once.
    let mut analysis = std::mem::ManuallyDrop::new(analysis);
    let baseline_note = analysis.baseline.as_ref().and_then(baseline_note);
    if let Some(note) = &baseline_note {
        eprintln!("note: {note}");
    }
    for message in analysis.skipped.iter().chain(&analysis.warnings) {
        eprintln!("warning: {message}");
    }

    if args.fix {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        let outcome = onmessage::fix::apply(&config.root, &mut analysis, args.diff, &mut out)?;
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
    }
    let low_scores = args.min_score.map_or_else(Vec::new, |min| {
        onmessage::report::files_below(&analysis, min)
    });

    let wants_sarif =
        args.format == Format::Sarif || outputs.iter().any(|(f, _)| *f == Format::Sarif);
    let rules = if wants_sarif {
        sarif::rule_infos(&analysis.rules, &config.rules)
    } else {
        Vec::new()
    };
    let printing = Printing {
        analysis: &analysis,
        settings: OutputSettings::new(&config.root, use_color(args.color)),
        rules: &rules,
        note: baseline_note.as_deref(),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    printing
        .write(args.format, &mut out, printing.settings.color)
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

/// Colours: `--color`, then NO_COLOR, then whether stdout is a terminal.
fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
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
            let format = name.parse::<Format>().map_err(|_| {
                let names: Vec<&str> = Format::ALL.map(Format::name).to_vec();
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
    settings: OutputSettings,
    rules: &'a [RuleInfo],
    /// What the baseline did, repeated at the end of the Markdown summary.
    note: Option<&'a str>,
}

impl Printing<'_> {
    fn write(&self, format: Format, out: &mut dyn Write, color: bool) -> io::Result<()> {
        let settings = OutputSettings {
            color,
            ..self.settings.clone()
        };
        output::render_with_rules(format, self.analysis, &settings, self.rules, out)?;
        match self.note {
            Some(note) if format == Format::Markdown => output::markdown::write_note(out, note),
            _ => Ok(()),
        }
    }
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

/// How many findings the baseline hid and how many are gone, if any.
fn baseline_note(note: &BaselineNote) -> Option<String> {
    let outcome = note.outcome;
    if outcome.suppressed == 0 && outcome.fixed == 0 {
        return None;
    }
    Some(format!(
        "{} hidden by the baseline {}; {} no longer {}{}",
        output::plural(outcome.suppressed, "finding"),
        note.path.display(),
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
    ))
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

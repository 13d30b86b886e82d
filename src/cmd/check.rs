//! `onmessage check`: lint, print (to stdout and any `--output` files),
//! set the exit code.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use onmessage::changed;
use onmessage::config::{BaselineChoice, RunOptions};
use onmessage::diagnostic::Severity;
use onmessage::error::{Error, Result};
use onmessage::output::{self, sarif, sarif::RuleInfo, OutputSettings};
use onmessage::pipeline::Analysis;
use onmessage::suppress::BaselineNote;

use crate::cli::{CheckArgs, ColorChoice, FailOn, Format, GlobalArgs};

pub fn run(args: &CheckArgs, global: &GlobalArgs) -> Result<u8> {
    set_threads(args.threads);
    if args.statistics && !output::statistics::FORMATS.contains(&args.format) {
        return Err(Error::new(format!(
            "`onmessage check --statistics` prints human or json, not `{}`",
            args.format.name()
        )));
    }
    let outputs = parse_outputs(&args.output)?;
    let stdin = read_stdin(args)?;
    let paths: Vec<PathBuf> = args
        .paths
        .iter()
        .filter(|p| !is_stdin(p))
        .cloned()
        .collect();
    let first_path = match &stdin {
        Some((path, _)) => Some(path.as_path()),
        None => paths.first().map(PathBuf::as_path),
    };
    let config = super::resolve_config(&args.config, first_path)?;
    if args.show_config {
        super::show::config(&config, args)?;
        return Ok(0);
    }
    if args.show_files {
        super::show::files(&config, &paths)?;
        return Ok(0);
    }
    let mut options = RunOptions {
        paths,
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        explain: args.explain,
        stdin: None,
        stdin_is_sales: args.stdin_filename.is_none(),
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
        // does not exist yet (`stdin.md`) cannot be named (discovery would
        // reject it); the pipeline then checks the stdin text alone.
        options.paths = if path.exists() {
            vec![path.clone()]
        } else {
            Vec::new()
        };
        options.stdin = Some((path, text));
    }
    let mut settings = config.settings(&options)?;
    // The files named on the command line (or standing for stdin), to tell
    // the user which of them are brand docs.
    let named: Vec<String> = options
        .stdin
        .iter()
        .map(|(path, _)| path)
        .chain(options.paths.iter().filter(|p| p.is_file()))
        .map(|p| onmessage::discover::relative(&settings.discover, p))
        .collect();
    // Naming the repo's own folder narrows nothing.
    let mut narrowed = options.stdin.is_some()
        || !onmessage::discover::is_whole_set(&settings.discover, &options.paths);

    let mut nothing_to_check = None;
    let analysis = match &args.changed_since {
        Some(rev) => match changed::narrow(
            &settings.discover,
            &settings.changed,
            rev,
            &settings.input.paths,
        )? {
            Some(paths) => {
                narrowed = true;
                settings.input.paths = paths;
                onmessage::analyze(&settings)?
            }
            None => {
                nothing_to_check = Some(format!("no sales file changed since {rev}"));
                Analysis::default()
            }
        },
        None => onmessage::analyze(&settings)?,
    };
    let named_brand: Vec<&str> = analysis
        .brand
        .iter()
        .map(|f| f.doc.path.as_str())
        .filter(|path| named.iter().any(|n| n == path))
        .collect();
    for path in &named_brand {
        super::note(
            global,
            format_args!("{path} is a brand doc: checked for brand conflicts only"),
        );
    }
    // A narrowed run (paths, a pre-commit file list, `--changed-since`) that
    // leaves no sales file passes: a change that touches no sales file must
    // not fail on findings elsewhere.
    let analysis = if narrowed && analysis.sales.is_empty() && named_brand.is_empty() {
        nothing_to_check = Some("no sales file among the given paths".to_string());
        Analysis::default()
    } else {
        analysis
    };
    if let Some(reason) = &nothing_to_check {
        super::note(global, format_args!("{reason}; nothing to check"));
    }
    // Never dropped: freeing every file's data costs a few percent of a run
    // just before the process ends and the OS reclaims it all at once.
    let mut analysis = std::mem::ManuallyDrop::new(analysis);
    let baseline_note = analysis.baseline.as_ref().and_then(baseline_note);
    if let Some(note) = &baseline_note {
        super::note(global, note);
    }
    for message in analysis.skipped.iter().chain(&analysis.warnings) {
        eprintln!("warning: {message}");
    }

    if args.fix || args.diff {
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
        if !global.quiet {
            eprintln!(
                "fixed {} in {}",
                output::plural(outcome.applied, "finding"),
                output::plural(outcome.files, "file")
            );
        }
    }
    let low_scores = args.min_score.map_or_else(Vec::new, |min| {
        onmessage::report::files_below(&analysis, min)
    });

    let wants_sarif =
        args.format == Format::Sarif || outputs.also.iter().any(|(f, _)| *f == Format::Sarif);
    let rules = if wants_sarif {
        sarif::rule_infos(&analysis.rules, &config.rules)
    } else {
        Vec::new()
    };
    let printing = Printing {
        analysis: &analysis,
        settings: OutputSettings {
            quiet: global.quiet || nothing_to_check.is_some(),
            ..OutputSettings::new(&config.root, false)
        },
        rules: &rules,
        note: baseline_note.as_deref(),
        statistics: args.statistics,
    };
    match &outputs.main {
        None => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            let skip =
                args.format == Format::Human && nothing_to_check.is_some() && !args.statistics;
            if !skip {
                printing
                    .write(args.format, &mut out, use_color(global.color), true)
                    .and_then(|_| out.flush())
                    .or_else(ignore_broken_pipe)
                    .map_err(|e| Error::new(format!("writing output: {e}")))?;
            }
        }
        Some(path) => printing.write_file(args.format, path, true)?,
    }
    for (format, path) in &outputs.also {
        printing.write_file(*format, path, false)?;
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

/// Is this path argument `-`, standard input?
fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
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

/// Where `-o`/`--output` sends the output.
#[derive(Debug, Default, PartialEq)]
pub struct Outputs {
    /// `-o PATH`: the `--format` output goes here instead of standard output.
    pub main: Option<PathBuf>,
    /// `-o FORMAT=PATH`: these formats go to these files too.
    pub also: Vec<(Format, PathBuf)>,
}

/// `-o` values, checked before any work is done. A value is `FORMAT=PATH`
/// when the part before its first `=` is a format name; otherwise it is the
/// path of the main output.
pub fn parse_outputs(values: &[String]) -> Result<Outputs> {
    let mut outputs = Outputs::default();
    for value in values {
        if value.is_empty() {
            return Err(Error::new(
                "--output: expected PATH or FORMAT=PATH, e.g. sarif=onmessage.sarif",
            ));
        }
        let split = value.split_once('=');
        let format = split.and_then(|(name, path)| Some((name.parse::<Format>().ok()?, path)));
        // `xml=out.xml`: a word before the `=` is meant as a format, so a
        // typo is an error rather than a file named `xml=out.xml`.
        if let (None, Some((name, _))) = (format, split) {
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()) {
                let names: Vec<&str> = Format::ALL.map(Format::name).to_vec();
                return Err(Error::new(format!(
                    "--output `{value}`: unknown format `{name}` (expected one of {}); for a file of that name write ./{value}",
                    names.join(", ")
                )));
            }
        }
        match format {
            Some((_, "")) => {
                return Err(Error::new(format!(
                    "--output `{value}`: expected FORMAT=PATH, e.g. sarif=onmessage.sarif"
                )))
            }
            Some((format, path)) => outputs.also.push((format, PathBuf::from(path))),
            None if outputs.main.is_some() => {
                return Err(Error::new(format!(
                    "--output `{value}`: the main output already goes to {}; give other formats as FORMAT=PATH",
                    outputs.main.as_ref().map_or_else(String::new, |p| p.display().to_string())
                )))
            }
            None => outputs.main = Some(PathBuf::from(value)),
        }
    }
    Ok(outputs)
}

/// What every output of one run is printed from.
struct Printing<'a> {
    analysis: &'a Analysis,
    settings: OutputSettings,
    rules: &'a [RuleInfo],
    /// What the baseline did, repeated at the end of the Markdown summary.
    note: Option<&'a str>,
    /// `--statistics`: counts per rule instead of the findings.
    statistics: bool,
}

impl Printing<'_> {
    /// Write `format`; the main output (`main`) shows counts per rule
    /// instead with `--statistics`.
    fn write(
        &self,
        format: Format,
        out: &mut dyn Write,
        color: bool,
        main: bool,
    ) -> io::Result<()> {
        let settings = OutputSettings {
            color,
            ..self.settings.clone()
        };
        if self.statistics && main {
            return output::statistics::write(format, self.analysis, &settings, out);
        }
        output::render_with_rules(format, self.analysis, &settings, self.rules, out)?;
        match self.note {
            Some(note) if format == Format::Markdown => output::markdown::write_note(out, note),
            _ => Ok(()),
        }
    }

    /// Write `format` to the file at `path`, without colours.
    fn write_file(&self, format: Format, path: &Path, main: bool) -> Result<()> {
        let file = File::create(path).map_err(|e| Error::io(path, e))?;
        let mut out = BufWriter::new(file);
        self.write(format, &mut out, false, main)
            .and_then(|_| out.flush())
            .map_err(|e| Error::io(path, e))
    }
}

/// `--stdin` or the path `-`: the text and the path it stands for
/// (`--stdin-filename`, else `stdin.md` in the current directory).
fn read_stdin(args: &CheckArgs) -> Result<Option<(PathBuf, String)>> {
    let dash = args.paths.iter().any(|p| is_stdin(p));
    if !args.stdin && !dash {
        if args.stdin_filename.is_some() {
            return Err(Error::new(
                "--stdin-filename names the text on standard input: add `-` or --stdin",
            ));
        }
        return Ok(None);
    }
    if args.paths.iter().any(|p| !is_stdin(p)) || args.paths.len() > 1 {
        return Err(Error::new(
            "standard input is checked on its own: give `-` (or --stdin) and no other path; name the text with --stdin-filename",
        ));
    }
    if args.changed_since.is_some() {
        return Err(Error::new(
            "standard input cannot be checked with --changed-since",
        ));
    }
    let path = match &args.stdin_filename {
        Some(path) => path.clone(),
        None => std::env::current_dir()
            .map_err(|e| Error::new(format!("current directory: {e}")))?
            .join(STDIN_NAME),
    };
    Ok(Some((path, read_all_stdin()?)))
}

/// What standard input is called without `--stdin-filename`.
pub const STDIN_NAME: &str = "stdin.md";

/// All of standard input, as UTF-8.
pub fn read_all_stdin() -> Result<String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| Error::new(format!("reading standard input: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        Error::new(format!(
            "standard input is not valid UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        ))
    })
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
    fn outputs_are_a_main_path_or_format_and_path() {
        let parsed = parse_outputs(&[
            "sarif=out/a.sarif".into(),
            "Markdown=s=1.md".into(),
            "out/main.txt".into(),
        ])
        .unwrap();
        assert_eq!(
            parsed,
            Outputs {
                main: Some(PathBuf::from("out/main.txt")),
                also: vec![
                    (Format::Sarif, PathBuf::from("out/a.sarif")),
                    (Format::Markdown, PathBuf::from("s=1.md"))
                ],
            }
        );
        // Not a format before the `=`: the whole value is a path, unless it
        // looks like a mistyped format.
        let parsed = parse_outputs(&["out/report=v2.txt".into()]).unwrap();
        assert_eq!(parsed.main, Some(PathBuf::from("out/report=v2.txt")));
        let err = parse_outputs(&["xml=a".into()]).unwrap_err().to_string();
        assert!(
            err.contains("unknown format `xml`") && err.contains("sarif"),
            "{err}"
        );
        assert!(parse_outputs(&["a.txt".into(), "b.txt".into()]).is_err());
        assert!(parse_outputs(&["sarif=".into()]).is_err());
        assert!(parse_outputs(&["".into()]).is_err());
    }
}

//! `onmessage init [DIR]`: draft a config and starter pack for a content
//! repo (see `scaffold`), write them (or, with `--dry-run`, print them), and
//! say what was found.

use std::io::Write;
use std::path::Path;

use crate::cli::InitArgs;
use onmessage::error::Result;
use onmessage::scaffold::{self, Guess, NewFile, Setup, REPORT_FILE};

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// "1 file", "2 files".
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", plural(n))
}

fn describe_choice(out: &mut String, title: &str, guess: &Guess, hint: &str) {
    let total = guess.files;
    out.push_str(&format!("{title} ({total} file{}):\n", plural(total)));
    if guess.globs.is_empty() && guess.left_out.is_empty() {
        out.push_str(&format!("  none found: {hint}\n"));
    }
    for (glob, n) in &guess.globs {
        out.push_str(&format!("  {glob}  ({n})\n"));
    }
    if !guess.left_out.is_empty() {
        out.push_str(&format!(
            "  left out {} (listed in the config): no glob takes {} without other files\n",
            count(guess.left_out.len(), "file"),
            if guess.left_out.len() == 1 {
                "it"
            } else {
                "them"
            }
        ));
    }
}

/// What the scan found, in a few lines.
fn summary(setup: &Setup, dir: &Path) -> String {
    let place = if dir == Path::new(".") {
        "this folder".to_string()
    } else {
        dir.display().to_string()
    };
    let mut out = format!(
        "Scanned {} Markdown file{} in {place}.\n",
        setup.scanned,
        plural(setup.scanned),
    );
    describe_choice(
        &mut out,
        "Brand docs",
        &setup.brand,
        "add globs under `brand:` (folders named messaging, positioning, brand, marketing or message-house are found automatically)",
    );
    describe_choice(
        &mut out,
        "Sales material",
        &setup.sales,
        "add globs under `sales:`; until then every Markdown file that is not a brand doc counts as sales material",
    );
    if !setup.unassigned.is_empty() {
        let n = setup.unassigned.len();
        out.push_str(&format!(
            "Left out: {n} Markdown file{} whose names say neither (listed in the config).\n",
            plural(n)
        ));
    }
    out
}

pub fn run(args: &InitArgs) -> Result<u8> {
    let dir: &Path = &args.dir;
    let setup = scaffold::plan(dir)?;
    let files = [&setup.config, &setup.pack];
    let mut out = summary(&setup, dir);
    if args.dry_run {
        for file in files {
            let verb = match (file.exists, args.force) {
                (false, _) => "Would write",
                (true, true) => "Would overwrite",
                (true, false) => "Would refuse to overwrite (use --force)",
            };
            out.push_str(&format!(
                "\n{verb} {}:\n{}",
                shown(&file.path).display(),
                file.text
            ));
        }
        if let Some(gitignore) = &setup.gitignore {
            out.push_str(&format!(
                "\nWould add /{REPORT_FILE} to {}.\n",
                shown(gitignore).display()
            ));
        }
        print(&out);
        return Ok(0);
    }
    // Refuse before writing anything, so a refused run leaves the repo as it was.
    if !args.force {
        if let Some(file) = files.iter().find(|f| f.exists) {
            return Err(scaffold::already_exists(shown(&file.path)));
        }
    }
    for file in files {
        scaffold::write_file(file, args.force)?;
    }
    if let Some(gitignore) = &setup.gitignore {
        scaffold::ignore_report(gitignore)?;
        out.push_str(&format!(
            "Added /{REPORT_FILE} to {}.\n",
            shown(gitignore).display()
        ));
    }
    out.push_str(&wrote(&setup.config, &setup.pack, args.force));
    let cd = if dir == Path::new(".") {
        String::new()
    } else {
        format!("cd {} && ", dir.display())
    };
    out.push_str(&format!(
        "Next: {cd}onmessage check        # lint the sales material\n      {cd}onmessage report       # coverage report in {REPORT_FILE}\n"
    ));
    print(&out);
    Ok(0)
}

fn wrote(config: &NewFile, pack: &NewFile, force: bool) -> String {
    let verb = |f: &NewFile| {
        if force && f.exists {
            "overwrote"
        } else {
            "wrote"
        }
    };
    let (first, second) = (verb(config), verb(pack));
    let second = if first == second {
        String::new()
    } else {
        format!("{second} ")
    };
    let mut first = first.to_string();
    first[..1].make_ascii_uppercase();
    format!(
        "{first} {} and {second}{} (its example rules are commented out: it reports nothing until you edit it).\n",
        shown(&config.path).display(),
        shown(&pack.path).display()
    )
}

/// A path as the user typed its folder: `onmessage.yml`, not `./onmessage.yml`.
fn shown(path: &Path) -> &Path {
    path.strip_prefix(".").unwrap_or(path)
}

fn print(out: &str) {
    // The files are written; a closed pipe only loses this summary.
    let _ = std::io::stdout().write_all(out.as_bytes());
}

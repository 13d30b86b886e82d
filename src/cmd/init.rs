//! `onmessage init [DIR]`: draft a config and starter pack for a content
//! repo (see `scaffold`), write them, and say what was found.

use std::io::Write;
use std::path::Path;

use crate::cli::InitArgs;
use onmessage::error::Result;
use onmessage::scaffold::{self, Guess};

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn describe_choice(out: &mut String, title: &str, guess: &Guess, hint: &str) {
    let total = guess.files;
    out.push_str(&format!("{title} ({total} file{}):\n", plural(total)));
    if guess.globs.is_empty() {
        out.push_str(&format!("  none found: {hint}\n"));
    }
    for (glob, n) in &guess.globs {
        out.push_str(&format!("  {glob}  ({n})\n"));
    }
}

pub fn run(args: &InitArgs) -> Result<u8> {
    let dir: &Path = &args.dir;
    let setup = scaffold::plan(dir)?;
    scaffold::create_new(&setup.config)?;
    scaffold::create_new(&setup.pack)?;

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
        "add globs under `brand:` (folders or files named messaging, positioning, brand or marketing are found automatically)",
    );
    describe_choice(
        &mut out,
        "Sales material",
        &setup.sales,
        "add globs under `sales:`; until then every Markdown file that is not a brand doc counts as sales material",
    );
    if setup.unassigned > 0 {
        out.push_str(&format!(
            "Left out: {} Markdown file{} whose names say neither.\n",
            setup.unassigned,
            plural(setup.unassigned)
        ));
    }
    out.push_str(&format!(
        "Wrote {} and {} (one example rule of each kind).\n",
        setup.config.path.display(),
        setup.pack.path.display()
    ));
    let cd = if dir == Path::new(".") {
        String::new()
    } else {
        format!("cd {} && ", dir.display())
    };
    out.push_str(&format!(
        "Next: {cd}onmessage check        # lint the sales material\n      {cd}onmessage report       # coverage report in onmessage-report.html\n"
    ));
    // The files are written; a closed pipe only loses this summary.
    let _ = std::io::stdout().write_all(out.as_bytes());
    Ok(0)
}

//! One module per subcommand: turn parsed arguments into library calls and an exit code.

pub mod baseline;
pub mod check;
pub mod claims;
pub mod init;
pub mod report;
pub mod rules;
pub mod show;
pub mod why;

use std::path::{Path, PathBuf};

use crate::cli::{Cli, Command, ConfigArgs, GlobalArgs};
use onmessage::config::Config;
use onmessage::error::{Error, Result};

pub fn run(cli: Cli) -> Result<u8> {
    let global = cli.global;
    // `--config` is global (accepted after any subcommand); the commands read
    // it from their `ConfigArgs`.
    let with_config = |mut args: ConfigArgs| {
        args.config = global.config.clone();
        args
    };
    match cli.command {
        Command::Check(mut args) => {
            args.config = with_config(args.config);
            check::run(&args, &global)
        }
        Command::Claims(mut args) => {
            args.config = with_config(args.config);
            claims::run(&args)
        }
        Command::Why(mut args) => {
            args.config = with_config(args.config);
            why::run(&args)
        }
        Command::Rules(mut args) => {
            args.config = with_config(args.config);
            rules::run(&args)
        }
        Command::Baseline(mut args) => {
            args.config = with_config(args.config);
            baseline::run(&args, &global)
        }
        Command::Report(mut args) => {
            args.config = with_config(args.config);
            report::run(&args, &global)
        }
        Command::Init(args) => init::run(&args),
    }
}

/// `note: …` on standard error, unless `-q`.
pub fn note(global: &GlobalArgs, message: impl std::fmt::Display) {
    if !global.quiet {
        eprintln!("note: {message}");
    }
}

/// Find and load the config for a command that checks content against the
/// brand: as `find_config`, but a run with neither a config file nor
/// `--brand` would check everything against nothing, so it is an error.
pub fn resolve_config(args: &ConfigArgs, first_path: Option<&Path>) -> Result<Config> {
    let config = find_config(args, first_path)?;
    if config.file.is_none() && args.brand.is_empty() {
        let cwd = std::env::current_dir().unwrap_or_default();
        let mut searched: Vec<String> = first_path
            .map(|p| p.display().to_string())
            .into_iter()
            .collect();
        searched.push(cwd.display().to_string());
        searched.dedup();
        return Err(Error::new(format!(
            "no {} found (searched up from {}); run `onmessage init` to write one, or pass --config FILE or --brand GLOB",
            onmessage::config::CONFIG_FILE,
            searched.join(" and ")
        )));
    }
    Ok(config)
}

/// Find and load the config: `--config`, else walk up from the first path,
/// else from the current directory; `--brand`/`--sales` override its globs.
/// With no config file, globs and paths are relative to the current directory.
pub fn find_config(args: &ConfigArgs, first_path: Option<&Path>) -> Result<Config> {
    let cwd = std::env::current_dir().map_err(|e| Error::new(format!("current directory: {e}")))?;
    let found = match &args.config {
        Some(path) => {
            if !path.is_file() {
                return Err(Error::new(format!(
                    "{}: config file not found",
                    path.display()
                )));
            }
            Some(path.clone())
        }
        None => first_path
            .and_then(Config::find)
            .or_else(|| Config::find(&cwd)),
    };
    let mut config = match found {
        Some(path) => Config::load(&path)?,
        None => Config {
            root: cwd.clone(),
            ..Config::default()
        },
    };
    if config.root.as_os_str().is_empty() {
        config.root = PathBuf::from(".");
    }
    if !args.brand.is_empty() {
        config.brand = args.brand.clone();
    }
    if !args.sales.is_empty() {
        config.sales = args.sales.clone();
        config.sales_listed = true;
    }
    Ok(config)
}

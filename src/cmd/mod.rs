//! One module per subcommand: turn parsed arguments into library calls and an exit code.

pub mod baseline;
pub mod check;
pub mod claims;
pub mod init;
pub mod report;
pub mod rules;
pub mod why;

use std::path::{Path, PathBuf};

use crate::cli::{Cli, Command, ConfigArgs};
use onmessage::config::Config;
use onmessage::error::{Error, Result};

pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Claims(args) => claims::run(&args),
        Command::Why(args) => why::run(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Baseline(args) => baseline::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Init(args) => init::run(&args),
    }
}

/// Find and load the config: `--config`, else walk up from the first path,
/// else from the current directory; `--brand`/`--sales` override its globs.
/// With no config file, globs and paths are relative to the current directory.
pub fn resolve_config(args: &ConfigArgs, first_path: Option<&Path>) -> Result<Config> {
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
    }
    Ok(config)
}

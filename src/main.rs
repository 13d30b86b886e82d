use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = onmessage::cli::Cli::parse();
    match onmessage::cmd::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}

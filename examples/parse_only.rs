//! The benchmark's floor: walk a folder, read every `.md` file and run
//! pulldown-cmark over it with source offsets, doing nothing with the events.
//!
//! ```text
//! cargo run --release --example parse_only -- DIR
//! ```
//!
//! It walks and reads the way `onmessage check` does (the `ignore` crate,
//! files in parallel with rayon, `RAYON_NUM_THREADS` honoured), so the ratio
//! of the two throughputs measures only what onmessage adds on top of parsing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use pulldown_cmark::Parser;
use rayon::prelude::*;

fn markdown_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = ignore::WalkBuilder::new(root)
        .require_git(false)
        .build()
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_some_and(|t| t.is_file()))
        .map(|entry| entry.into_path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    files.sort();
    files
}

/// Parse one file; returns (bytes, events) so the work cannot be optimised away.
fn parse_file(path: &Path) -> (u64, u64) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return (0, 0);
    };
    // The crate's own extensions, so both sides of the ratio parse the same
    // constructs.
    let events = Parser::new_ext(&text, onmessage::markdown::options())
        .into_offset_iter()
        .map(|(_, range)| u64::from(range.end >= range.start))
        .sum();
    (text.len() as u64, events)
}

fn main() -> ExitCode {
    let Some(root) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: parse_only DIR");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let files = markdown_files(&root);
    let (bytes, events) = files
        .par_iter()
        .map(|path| parse_file(path))
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "parse_only: {} files, {:.1} MB, {} events in {:.3} s ({:.1} MB/s)",
        files.len(),
        bytes as f64 / 1e6,
        events,
        seconds,
        bytes as f64 / 1e6 / seconds
    );
    ExitCode::SUCCESS
}

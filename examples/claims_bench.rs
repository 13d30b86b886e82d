//! Extraction alone, for performance work on `src/claims`: parse every `.md`
//! file under the given folders once, then time `claims::extract` over all of
//! them (single thread) and print a digest of every extracted claim, so a
//! change can be checked to leave the output byte for byte the same.
//!
//! ```text
//! cargo run --release --example claims_bench -- [--rounds N] [--dump FILE] DIR...
//! ```

use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::time::Instant;

use onmessage::claims::{extract, Lexicon};
use onmessage::markdown;
use onmessage::markdown::Speakers;

fn main() {
    let mut rounds = 3;
    let mut dump = None;
    let mut dirs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rounds" => rounds = args.next().and_then(|n| n.parse().ok()).unwrap_or(3),
            "--dump" => dump = args.next().map(PathBuf::from),
            _ => dirs.push(PathBuf::from(a)),
        }
    }
    let mut files: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|d| ignore::WalkBuilder::new(d).require_git(false).build())
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    let speakers = Speakers::default();
    let docs: Vec<_> = files
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            Some(markdown::parse(&p.to_string_lossy(), text, &speakers))
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.source.len()).sum();
    let lex = Lexicon::builtin();
    let mut best = f64::MAX;
    let mut all = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        all = docs.iter().map(|d| extract(d, &lex)).collect::<Vec<_>>();
        best = best.min(t.elapsed().as_secs_f64());
    }
    let json = serde_json::to_string(&all).expect("claims serialise");
    let mut h = std::collections::hash_map::DefaultHasher::new();
    json.hash(&mut h);
    let count: usize = all.iter().map(Vec::len).sum();
    println!(
        "{} files, {:.1} MB, {count} claims, best of {rounds}: {best:.3} s ({:.1} MB/s), digest {:016x}",
        docs.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / best,
        h.finish()
    );
    if let Some(path) = dump {
        std::fs::write(path, json).expect("dump written");
    }
}

//! `onmessage claims FILE…`: print the claims extracted from files, a tuning
//! aid for lexicons and thresholds. Human output by default, `--format json`
//! for tools.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::json;

use crate::cli::{ClaimsArgs, Format};
use onmessage::claims::{self, Claim, ExtractSettings};
use onmessage::error::{Error, Result};
use onmessage::markdown::{self, Doc};

pub fn run(args: &ClaimsArgs) -> Result<u8> {
    let is_stdin = |p: &PathBuf| p.as_os_str() == "-";
    // With `-` first, the config is found from the current directory.
    let first = args.files.first().filter(|p| !is_stdin(p));
    let config = super::find_config(&args.config, first.map(PathBuf::as_path))?;
    let discover = config.discover_settings();
    let extract = ExtractSettings {
        lexicon: config.lexicon()?,
        language: config.language.clone(),
        products: Vec::new(),
    };
    let mut files = Vec::new();
    let mut stdin_read = false;
    for path in &args.files {
        let (rel, text) = if is_stdin(path) {
            if std::mem::replace(&mut stdin_read, true) {
                return Err(Error::new("`-` (standard input) can be given only once"));
            }
            (
                super::check::STDIN_NAME.to_string(),
                super::check::read_all_stdin()?,
            )
        } else {
            (onmessage::discover::relative(&discover, path), read(path)?)
        };
        let doc = markdown::parse(&rel, text, &config.speakers);
        let claims = claims::extract_doc(&doc, &extract);
        files.push((doc, claims));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match args.format {
        Format::Json => {
            let value: Vec<_> = files.iter().map(|(d, c)| file_json(d, c)).collect();
            serde_json::to_writer_pretty(&mut out, &value)
                .map_err(std::io::Error::other)
                .and_then(|_| writeln!(out))
        }
        Format::Human => files
            .iter()
            .try_for_each(|(d, c)| write_human(&mut out, d, c)),
        other => {
            return Err(Error::new(format!(
                "`onmessage claims` prints human or json, not `{}`",
                other.name()
            )))
        }
    };
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::new(format!("writing output: {e}")))
        }
        _ => Ok(0),
    }
}

/// A file's text; not UTF-8 is an error naming it.
fn read(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        Error::new(format!(
            "{}: not valid UTF-8 (at byte {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}

fn file_json(doc: &Doc, claims: &[Claim]) -> serde_json::Value {
    let claims: Vec<_> = claims
        .iter()
        .map(|c| {
            let (line, column) = doc.position(c.span.start);
            let (end_line, end_column) = doc.position(c.span.end);
            json!({
                "text": c.text,
                "line": line,
                "column": column,
                "end_line": end_line,
                "end_column": end_column,
                "kinds": c.kinds,
                "quantities": c.quantities,
                "negated": c.negated,
                "strength": c.strength,
                "terms": c.terms,
                "entities": c.entities,
                "key_message": c.key_message,
                "product": c.product,
            })
        })
        .collect();
    json!({ "path": doc.path, "claims": claims })
}

fn write_human(out: &mut dyn Write, doc: &Doc, claims: &[Claim]) -> std::io::Result<()> {
    writeln!(out, "{}: {} claim(s)", doc.path, claims.len())?;
    for c in claims {
        let (line, column) = doc.position(c.span.start);
        writeln!(out, "  {}:{line}:{column}: {}", doc.path, c.text)?;
        let kinds: Vec<_> = c
            .kinds
            .iter()
            .map(|k| format!("{k:?}").to_lowercase())
            .collect();
        let mut facts = vec![
            format!("strength {}", format!("{:?}", c.strength).to_lowercase()),
            format!("kinds [{}]", kinds.join(", ")),
        ];
        if c.negated {
            facts.push("negated".into());
        }
        if c.key_message {
            facts.push("key message".into());
        }
        writeln!(out, "      {}", facts.join(" · "))?;
        for q in &c.quantities {
            let high = q.high.map(|h| format!("–{h}")).unwrap_or_default();
            writeln!(
                out,
                "      quantity \"{}\" = {}{high} {} ({:?}, {:?}{})",
                q.text,
                q.value,
                q.unit,
                q.dimension,
                q.qualifier,
                if q.averaged { ", averaged" } else { "" }
            )?;
        }
        writeln!(out, "      terms: {}", c.terms.join(", "))?;
    }
    Ok(())
}

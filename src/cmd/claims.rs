//! `onmessage claims FILE…`: print the claims extracted from files, a tuning
//! aid for lexicons and thresholds. Human output by default, `--format json`
//! for tools.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::json;

use crate::cli::{ClaimsArgs, Format};
use onmessage::claims::words::tokenize;
use onmessage::claims::{self, Claim, Dimension, ExtractSettings, Lexicon, Quantity};
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
        product_parts: Vec::new(),
        whole_rows: true,
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
            let value: Vec<_> = files
                .iter()
                .map(|(d, c)| file_json(d, c, &extract.lexicon))
                .collect();
            serde_json::to_writer_pretty(&mut out, &value)
                .map_err(std::io::Error::other)
                .and_then(|_| writeln!(out))
        }
        Format::Human => files
            .iter()
            .try_for_each(|(d, c)| write_human(&mut out, d, c, &extract.lexicon)),
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

fn file_json(doc: &Doc, claims: &[Claim], lexicon: &Lexicon) -> serde_json::Value {
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
                "words": words_as_written(c, lexicon),
                "entities": c.entities,
                "key_message": c.key_message,
                "product": c.product,
            })
        })
        .collect();
    json!({ "path": doc.path, "claims": claims })
}

/// Each of the claim's terms as the claim writes it (`Invoice` for the stem
/// `invoic`, `go live` for the synonym group `are live`); a term whose words
/// cannot be found in the text is shown as the term.
fn words_as_written(claim: &Claim, lexicon: &Lexicon) -> Vec<String> {
    let text = claim.text.as_str();
    let tokens = tokenize(text);
    let mut written: Vec<(String, &str)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((n, p)) = lexicon.synonym_phrases.match_at(&tokens, i) {
            let span = &text[tokens[i].start..tokens[i + n - 1].end];
            written.push((lexicon.phrase_canon[p].clone(), span));
            i += n;
            continue;
        }
        let t = &tokens[i];
        if t.is_word() {
            written.push((lexicon.term(&t.lower), &text[t.start..t.end]));
        }
        i += 1;
    }
    claim
        .terms
        .iter()
        .map(|term| {
            written
                .iter()
                .find(|(t, _)| t == term)
                .map_or_else(|| term.clone(), |(_, w)| w.to_string())
        })
        .collect()
}

/// A number without float noise: at most `decimals` decimals, no trailing zeros.
fn number(value: f64, decimals: usize) -> String {
    let s = format!("{value:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A normalised amount with its unit: `91 days`, `80%`, `3x`, `49 usd/month`.
fn amount(value: f64, high: Option<f64>, unit: &str, decimals: usize) -> String {
    let range = match high {
        Some(h) => format!("{}–{}", number(value, decimals), number(h, decimals)),
        None => number(value, decimals),
    };
    let last = high.unwrap_or(value);
    match unit {
        "%" | "x" => format!("{range}{unit}"),
        "day" if last != 1.0 => format!("{range} days"),
        _ => format!("{range} {unit}"),
    }
}

/// A quantity as written, and its normalised value when it differs:
/// `3 months (≈ 91 days)`, `two weeks (= 14 days)`, `99.9%`.
fn quantity_line(q: &Quantity) -> String {
    let exact = amount(q.value, q.high, &q.unit, 2);
    let written_number = number(q.value, 2);
    let same_figure = q
        .text
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .any(|n| n == written_number);
    if same_figure || q.dimension == Dimension::Count || q.dimension == Dimension::Number {
        return q.text.clone();
    }
    // Converted units: whole numbers from 10 up, one decimal below.
    let decimals = if q.high.unwrap_or(q.value).abs() >= 10.0 {
        0
    } else {
        1
    };
    let rounded = amount(q.value, q.high, &q.unit, decimals);
    let sign = if rounded == exact { "=" } else { "≈" };
    format!("{} ({sign} {rounded})", q.text)
}

/// `UpTo` as `up to`: an enum's name in plain words.
fn plain(debug: impl std::fmt::Debug) -> String {
    let name = format!("{debug:?}");
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

fn write_human(
    out: &mut dyn Write,
    doc: &Doc,
    claims: &[Claim],
    lexicon: &Lexicon,
) -> std::io::Result<()> {
    let n = claims.len();
    writeln!(
        out,
        "{}: {n} claim{}",
        doc.path,
        if n == 1 { "" } else { "s" }
    )?;
    for c in claims {
        let (line, column) = doc.position(c.span.start);
        writeln!(out, "  {}:{line}:{column}: {}", doc.path, c.text)?;
        let kinds: Vec<_> = c.kinds.iter().map(plain).collect();
        let mut facts = vec![
            format!("strength {}", plain(c.strength)),
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
            let mut about = vec![plain(q.dimension), plain(q.qualifier)];
            if q.averaged {
                about.push("averaged".into());
            }
            writeln!(
                out,
                "      quantity: {} · {}",
                quantity_line(q),
                about.join(", ")
            )?;
        }
        writeln!(
            out,
            "      terms: {}",
            words_as_written(c, lexicon).join(", ")
        )?;
    }
    Ok(())
}

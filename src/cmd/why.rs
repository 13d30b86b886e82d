//! `onmessage why FILE:LINE`: trace one line through every stage and print
//! it, for a person (human) or a tool (json).

use std::io::{self, Write};
use std::path::PathBuf;

use onmessage::config::{BaselineChoice, RunOptions};
use onmessage::error::{Error, Result};
use onmessage::markdown::Side;
use onmessage::trace::{self, ClauseTrace, LineTrace};

use crate::cli::{Format, WhyArgs};

pub fn run(args: &WhyArgs) -> Result<u8> {
    let (path, line) = parse_location(&args.location)?;
    let config = super::resolve_config(&args.config, Some(&path))?;
    // The same baseline `check` applies, so a baselined finding shows as such.
    let options = RunOptions {
        baseline: BaselineChoice::Default,
        ..RunOptions::default()
    };
    let settings = config.settings(&options)?;
    let traced = trace::trace_line(&settings, &path, line)?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let written = match args.format {
        Format::Json => serde_json::to_writer_pretty(&mut out, &traced)
            .map_err(io::Error::other)
            .and_then(|_| writeln!(out)),
        Format::Human => write_human(&mut out, &traced),
        other => {
            return Err(Error::new(format!(
                "`onmessage why` prints human or json, not {}",
                other.name()
            )))
        }
    };
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Error::new(format!("writing output: {e}")))
        }
        _ => Ok(0),
    }
}

/// `FILE:LINE` or `FILE:LINE:COL`; a path may itself hold colons.
fn parse_location(location: &str) -> Result<(PathBuf, usize)> {
    let number = |s: &str| s.parse::<usize>().ok().filter(|n| *n > 0);
    let mut parts = location.rsplitn(3, ':');
    let (last, middle, first) = (parts.next(), parts.next(), parts.next());
    let found = match (last, middle, first) {
        (Some(col), Some(line), Some(file)) if number(col).is_some() && number(line).is_some() => {
            Some((file.to_string(), number(line)))
        }
        (Some(line), Some(_), _) if number(line).is_some() => {
            let file = &location[..location.len() - line.len() - 1];
            Some((file.to_string(), number(line)))
        }
        _ => None,
    };
    match found {
        Some((file, Some(line))) if !file.is_empty() => Ok((PathBuf::from(file), line)),
        _ => Err(Error::new(format!(
            "`{location}`: expected FILE:LINE (or FILE:LINE:COL), e.g. sales/call.md:12"
        ))),
    }
}

fn write_human(out: &mut dyn Write, t: &LineTrace) -> io::Result<()> {
    let b = &t.block;
    writeln!(out, "{}:{} ({} file)", t.path, t.line, t.role)?;
    let under = if b.heading_path.is_empty() {
        String::new()
    } else {
        format!(", under \"{}\"", b.heading_path.join(" > "))
    };
    writeln!(
        out,
        "  block: {}, lines {}-{}{under}",
        b.kind, b.line, b.end_line
    )?;
    if t.sentences.is_empty() {
        writeln!(out, "  no sentence starts on this line")?;
    }
    for (n, s) in t.sentences.iter().enumerate() {
        writeln!(
            out,
            "  sentence {} (column {}): {}",
            n + 1,
            s.column,
            s.text.trim()
        )?;
        let side = match s.speaker.side {
            Side::Ours => "ours",
            Side::Theirs => "theirs: not checked",
        };
        writeln!(out, "    speaker: {} ({side})", s.speaker.reason)?;
        for clause in &s.clauses {
            write_clause(out, clause)?;
        }
    }
    Ok(())
}

fn write_clause(out: &mut dyn Write, c: &ClauseTrace) -> io::Result<()> {
    let verdict = if c.claim.is_claim { "yes" } else { "no" };
    writeln!(out, "    claim: {verdict}: {}", c.claim.reason)?;
    if !c.features.is_null() {
        write_features(out, &c.features)?;
    }
    if let Some(brand) = &c.brand {
        writeln!(out, "    brand: {brand}")?;
    }
    if !c.candidates.is_empty() {
        writeln!(out, "    brand candidates:")?;
        for cand in &c.candidates {
            let accepted = cand["accepted"].as_bool() == Some(true);
            let reason = cand["reason"]
                .as_str()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            writeln!(
                out,
                "      {} {:.3} {}:{} {}{reason}",
                if accepted { "accepted" } else { "set aside" },
                cand["score"].as_f64().unwrap_or_default(),
                cand["path"].as_str().unwrap_or_default(),
                cand["line"],
                cand["text"].as_str().unwrap_or_default(),
            )?;
        }
    }
    if !c.comparisons.is_empty() {
        writeln!(out, "    comparisons:")?;
        for cmp in &c.comparisons {
            let mark = if cmp["decided"].as_bool() == Some(true) {
                " <- reported"
            } else {
                ""
            };
            writeln!(
                out,
                "      {}: {}{mark}",
                cmp["check"].as_str().unwrap_or_default(),
                cmp["result"].as_str().unwrap_or_default()
            )?;
        }
    }
    if c.findings.is_empty() {
        writeln!(out, "    findings: none")?;
    }
    for f in &c.findings {
        let state = match f.suppressed {
            Some(why) => format!("suppressed: {why}"),
            None => "reported".to_string(),
        };
        writeln!(
            out,
            "    finding: {}:{} {} ({}, {state}): {}",
            f.line, f.column, f.rule, f.severity, f.message
        )?;
    }
    Ok(())
}

/// Figures, polarity, strength, subject and terms, one line each.
fn write_features(out: &mut dyn Write, f: &serde_json::Value) -> io::Result<()> {
    let list = |v: &serde_json::Value| -> String {
        let items: Vec<String> = v
            .as_array()
            .into_iter()
            .flatten()
            .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))
            .collect();
        if items.is_empty() {
            "none".into()
        } else {
            items.join(", ")
        }
    };
    for q in f["figures"].as_array().into_iter().flatten() {
        writeln!(
            out,
            "    figure: \"{}\" = {} {} ({}, qualifier {})",
            q["text"].as_str().unwrap_or_default(),
            q["value"],
            q["unit"].as_str().unwrap_or_default(),
            q["dimension"].as_str().unwrap_or_default(),
            q["qualifier"].as_str().unwrap_or_default()
        )?;
    }
    let polarity = &f["polarity"];
    let negated = if polarity["negated"] == true {
        format!("negated, covering {}", list(&polarity["covers"]))
    } else {
        "affirmative".into()
    };
    writeln!(
        out,
        "    polarity: {negated}; strength: {}; kinds: {}",
        f["strength"].as_str().unwrap_or_default(),
        list(&f["kinds"])
    )?;
    let subject = &f["subject"];
    writeln!(
        out,
        "    subject: {}; product: {}",
        if subject["about_us"] == true {
            "us"
        } else {
            "not read as us"
        },
        subject["product"].as_str().unwrap_or("any")
    )?;
    writeln!(out, "    terms: {}", list(&f["terms"]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_take_a_line_and_an_optional_column() {
        let at = |s: &str| parse_location(s).map(|(p, l)| (p.display().to_string(), l));
        assert_eq!(at("sales/a.md:12").unwrap(), ("sales/a.md".into(), 12));
        assert_eq!(at("sales/a.md:12:7").unwrap(), ("sales/a.md".into(), 12));
        assert_eq!(at("C:/x/a.md:3").unwrap(), ("C:/x/a.md".into(), 3));
        assert!(at("sales/a.md").is_err());
        assert!(at("sales/a.md:0").is_err());
        assert!(at(":4").is_err());
    }
}

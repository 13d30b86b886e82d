//! `check --show-files` and `check --show-config`: what a run would read and
//! with which settings, without checking anything.

use std::path::PathBuf;

use serde_json::json;

use super::rules::print;
use crate::cli::CheckArgs;
use onmessage::config::Config;
use onmessage::discover;
use onmessage::error::{Error, Result};
use onmessage::markdown::Role;

/// Each file with its role and what gave it that role, one per line.
pub fn files(config: &Config, paths: &[PathBuf]) -> Result<()> {
    let rows = discover::explain_roles(&config.discover_settings(), paths)?;
    let width = rows
        .iter()
        .map(|r| r.rel.chars().count())
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for row in &rows {
        let role = match row.role {
            Role::Brand => "brand",
            Role::Sales => "sales",
            Role::Ignore => "ignore",
        };
        text.push_str(&format!(
            "{role:<6}  {:<width$}  {}\n",
            onmessage::output::escape_controls(&row.rel),
            row.source
        ));
    }
    print(&text)?;
    // Then what would stop a check, if anything: a glob that matched nothing.
    discover::discover(&config.discover_settings(), paths)?;
    if !rows.iter().any(|r| r.role == Role::Brand) {
        return Err(Error::new(
            "no brand doc: a check needs one, from the `brand` globs or front matter `onmessage: {role: brand}`",
        ));
    }
    Ok(())
}

/// The settings the run would use, resolved, as YAML.
pub fn config(config: &Config, args: &CheckArgs) -> Result<()> {
    let sales = if config.sales_listed {
        json!(config.sales)
    } else {
        json!("every Markdown file that is not a brand doc")
    };
    // A mapping, not a JSON object, so the keys keep the config's order.
    let mut value = serde_yaml::Mapping::new();
    let mut put = |key: &str, v: serde_json::Value| {
        let v = serde_yaml::to_value(v).unwrap_or(serde_yaml::Value::Null);
        value.insert(key.into(), v);
    };
    put(
        "config",
        json!(config.file.as_ref().map(|p| p.display().to_string())),
    );
    put("root", json!(config.root.display().to_string()));
    put("brand", json!(config.brand));
    put("sales", sales);
    put("exclude", json!(config.exclude));
    put(
        "speakers",
        json!({ "ours": config.speakers.ours, "theirs": config.speakers.theirs }),
    );
    put("language", json!(config.language));
    put(
        "lexicons",
        json!(config.lexicons.as_ref().map(|p| p.display().to_string())),
    );
    put(
        "align",
        json!({
            "threshold": config.align.threshold,
            "margin": config.align.margin,
            "conflict_threshold": config.align.conflict_threshold,
            "unsupported": config.align.unsupported,
            "products": config.align.products,
        }),
    );
    put(
        "rules",
        json!({
            "packs": config.rules.packs,
            "disable": config.rules.disable,
            "severity": config.rules.severity,
        }),
    );
    put(
        "run",
        json!({
            "format": args.format.name(),
            "fail_on": format!("{:?}", args.fail_on).to_lowercase(),
            "select": args.select,
            "ignore": args.ignore,
            "baseline": baseline(config, args),
        }),
    );
    let text = serde_yaml::to_string(&value)
        .map_err(|e| Error::new(format!("printing the settings: {e}")))?;
    print(&text)
}

/// The baseline file `check` would apply, if any.
fn baseline(config: &Config, args: &CheckArgs) -> Option<String> {
    if args.no_baseline {
        return None;
    }
    let path = match &args.baseline {
        Some(path) => path.clone(),
        None => onmessage::baseline::Baseline::default_path(&config.root),
    };
    path.is_file().then(|| path.display().to_string())
}

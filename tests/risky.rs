//! The risky-pack quality bar (issue 16): the labelled sentences of
//! tests/risky-blind/ (see its README), each written as one sales file of a
//! temporary repo, checked by the binary with `check --format json`. A row
//! is flagged when any `risky.*` finding lands in its file. Risky rows
//! should be flagged; benign and mention rows should not.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

mod common;

/// One labelled row.
struct Row {
    id: String,
    label: String,
    text: String,
}

fn rows(name: &str) -> Vec<Row> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/risky-blind")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.splitn(5, '\t').collect();
            assert_eq!(cols.len(), 5, "{name}: {l}");
            Row {
                id: cols[0].to_string(),
                label: cols[1].to_string(),
                text: cols[4].to_string(),
            }
        })
        .collect()
}

const CONFIG: &str = "brand:\n  - \"messaging/**/*.md\"\nsales:\n  - \"sales/**/*.md\"\nspeakers:\n  ours: [Rep]\n  theirs: [Prospect, Customer]\n";

/// A row as a sales file. A speaker label counts only in a file with two
/// of them, so a labelled row is followed by a plain turn of ours that no
/// rule reports.
fn sales_file(text: &str) -> String {
    let labelled = text.starts_with("**") && text.contains(":**");
    if labelled {
        format!("{text}\n\n**Rep:** Thanks for your time today.\n")
    } else {
        format!("{text}\n")
    }
}

/// Row id → the risky rules that fired on it (rows with none are left out).
/// All rows are checked in one run, one sales file each. Each file opts out
/// of guidance (`<!-- onmessage-disable guidance -->`): a guidance row
/// ("Never promise …") would otherwise govern the files beside it.
fn flagged(rows: &[Row]) -> BTreeMap<String, Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    common::write(dir.path(), "onmessage.yml", CONFIG);
    common::write(
        dir.path(),
        "messaging/brand.md",
        "# Messaging\n\nOur product helps teams work faster.\n",
    );
    for row in rows {
        common::write(
            dir.path(),
            &format!("sales/{}.md", row.id),
            &format!(
                "<!-- onmessage-disable guidance -->\n\n{}",
                sales_file(&row.text)
            ),
        );
    }
    let out = Command::new(env!("CARGO_BIN_EXE_onmessage"))
        .args(["check", "--format", "json", "--no-baseline"])
        .current_dir(dir.path())
        .output()
        .expect("binary runs");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        common::stderr(&out)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in report["findings"].as_array().into_iter().flatten() {
        let rule = f["rule"].as_str().unwrap_or_default();
        let path = f["path"].as_str().unwrap_or_default();
        if !rule.starts_with("risky.") {
            continue;
        }
        let id = path.trim_start_matches("sales/").trim_end_matches(".md");
        found
            .entry(id.to_string())
            .or_default()
            .push(rule.to_string());
    }
    found
}

/// (risky recall, benign flagged, mention flagged), printing every miss.
fn score(name: &str) -> (f64, f64, f64) {
    let rows = rows(name);
    let found = flagged(&rows);
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for row in &rows {
        let fired = found.get(&row.id);
        let entry = counts.entry(row.label.as_str()).or_default();
        entry.1 += 1;
        if fired.is_some() {
            entry.0 += 1;
        }
        let wrong = (row.label == "risky") != fired.is_some();
        if wrong {
            eprintln!(
                "{name} {} {} {:?}: {}",
                row.id,
                row.label,
                fired.cloned().unwrap_or_default(),
                row.text
            );
        }
    }
    let rate = |label: &str| {
        let (hit, all) = counts.get(label).copied().unwrap_or((0, 0));
        hit as f64 / all.max(1) as f64
    };
    let figures = (rate("risky"), rate("benign"), rate("mention"));
    eprintln!(
        "{name}: risky recall {:.3}, benign flagged {:.3}, mention flagged {:.3}",
        figures.0, figures.1, figures.2
    );
    figures
}

/// Each floor is set just under what the pack reached.
fn assert_floors(name: &str, recall: f64, benign: f64, mention: f64) {
    let (r, b, m) = score(name);
    assert!(r >= recall, "{name}: risky recall {r:.3} < {recall}");
    assert!(b <= benign, "{name}: benign flagged {b:.3} > {benign}");
    assert!(m <= mention, "{name}: mention flagged {m:.3} > {mention}");
}

#[test]
fn risky_dev_set() {
    // Reached: recall 0.991, benign flagged 0.000, mention flagged 0.000.
    assert_floors("dev.tsv", 0.97, 0.02, 0.02);
}

#[test]
fn risky_sealed_set() {
    // First run, before any change made after it: recall 0.473, benign
    // flagged 0.000, mention flagged 0.019.
    assert_floors("sealed.tsv", 0.46, 0.01, 0.03);
}

//! The alignment quality bar: precision and recall of `align.*` and
//! `brand.conflict` on the labelled set under tests/alignment/, and the
//! exact findings of the demo repo (fixtures/demo/EXPECTED.md).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use onmessage::config::Config;
use onmessage::diagnostic::Finding;
use onmessage::{analyze, RunOptions};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(dir: &Path) -> Vec<Finding> {
    let config = Config::load(&dir.join("onmessage.yml")).expect("config loads");
    analyze(&config.settings(&RunOptions::default()).unwrap())
        .expect("analysis runs")
        .findings
}

fn scored(rule: &str) -> bool {
    rule.starts_with("align.") || rule == "brand.conflict"
}

/// The repos of a labelled set: its folders holding an `onmessage.yml`, sorted.
fn repos(base: &Path) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(base)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("onmessage.yml").is_file())
        .collect();
    folders.sort();
    folders
}

/// (path, line, rule) of every `<!-- expect: RULE[, RULE] -->` marker.
fn expectations(dir: &Path) -> BTreeSet<(String, usize, String)> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let rel = path
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&path).unwrap();
            for (n, line) in text.lines().enumerate() {
                if let Some(start) = line.find("<!-- expect:") {
                    let rest = &line[start + "<!-- expect:".len()..];
                    let rules = &rest[..rest.find("-->").expect("marker closes")];
                    for rule in rules.split(',').map(str::trim).filter(|r| !r.is_empty()) {
                        out.insert((rel.clone(), n + 1, rule.to_string()));
                    }
                }
            }
        }
    }
    out
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn precision(self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

#[test]
fn labelled_set_precision_and_recall() {
    let base = root().join("tests/alignment");
    let mut per_rule: BTreeMap<String, Counts> = BTreeMap::new();
    let mut misses = Vec::new();
    let folders = repos(&base);
    assert!(folders.len() >= 3, "labelled set folders missing");
    let mut cases = 0;
    for dir in &folders {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let expected = expectations(dir);
        cases += expected.len();
        let actual: BTreeSet<(String, usize, String)> = run(dir)
            .into_iter()
            .filter(|f| scored(&f.rule))
            .map(|f| (f.path, f.line, f.rule))
            .collect();
        for hit in actual.intersection(&expected) {
            per_rule.entry(hit.2.clone()).or_default().tp += 1;
        }
        for fp in actual.difference(&expected) {
            per_rule.entry(fp.2.clone()).or_default().fp += 1;
            misses.push(format!("  unexpected {} at {name}/{}:{}", fp.2, fp.0, fp.1));
        }
        for missed in expected.difference(&actual) {
            per_rule.entry(missed.2.clone()).or_default().fn_ += 1;
            misses.push(format!(
                "  missed     {} at {name}/{}:{}",
                missed.2, missed.0, missed.1
            ));
        }
    }
    let mut total = Counts::default();
    println!(
        "\n{:<28} {:>4} {:>4} {:>4} {:>9} {:>7}",
        "rule", "tp", "fp", "fn", "precision", "recall"
    );
    for (rule, c) in &per_rule {
        println!(
            "{rule:<28} {:>4} {:>4} {:>4} {:>9.2} {:>7.2}",
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall()
        );
        total.tp += c.tp;
        total.fp += c.fp;
        total.fn_ += c.fn_;
    }
    println!(
        "{:<28} {:>4} {:>4} {:>4} {:>9.2} {:>7.2}",
        "overall",
        total.tp,
        total.fp,
        total.fn_,
        total.precision(),
        total.recall()
    );
    for m in &misses {
        println!("{m}");
    }
    assert!(cases >= 60, "the labelled set lost its markers ({cases})");
    assert!(
        total.precision() >= 0.90 && total.recall() >= 0.90,
        "overall precision {:.2} / recall {:.2} below 0.90",
        total.precision(),
        total.recall()
    );
    for (rule, c) in &per_rule {
        assert!(
            c.precision() >= 0.80 && c.recall() >= 0.80,
            "{rule}: precision {:.2} / recall {:.2} below 0.80",
            c.precision(),
            c.recall()
        );
    }
}

/// Rows of EXPECTED.md's table: (file, line, rule).
fn demo_expected() -> BTreeSet<(String, usize, String)> {
    let text = std::fs::read_to_string(root().join("fixtures/demo/EXPECTED.md")).unwrap();
    text.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            let n = cells.get(1)?.parse::<usize>().ok()?;
            Some((cells[0].to_string(), n, cells[2].to_string()))
        })
        .collect()
}

fn demo_group(rule: &str) -> bool {
    scored(rule) || rule.starts_with("coverage.")
}

#[test]
fn demo_findings_are_exactly_the_expected_ones() {
    let expected: BTreeSet<_> = demo_expected()
        .into_iter()
        .filter(|(_, _, rule)| demo_group(rule))
        .collect();
    assert!(expected.len() >= 10, "EXPECTED.md table not parsed");
    let findings = run(&root().join("fixtures/demo"));
    let actual: BTreeSet<_> = findings
        .iter()
        .filter(|f| demo_group(&f.rule))
        .map(|f| (f.path.clone(), f.line, f.rule.clone()))
        .collect();
    let missing: Vec<_> = expected.difference(&actual).collect();
    let extra: Vec<_> = actual.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "demo findings differ from EXPECTED.md\nmissing: {missing:#?}\nunexpected: {extra:#?}"
    );
}

#[test]
fn every_alignment_finding_cites_the_brand_and_quotes_it() {
    let findings = run(&root().join("fixtures/demo"));
    for f in findings
        .iter()
        .filter(|f| f.rule.starts_with("align.") && f.rule != "align.unsupported")
    {
        let related = f
            .related
            .first()
            .unwrap_or_else(|| panic!("{} has no related brand claim", f.rule));
        assert!(related.path.starts_with("messaging/"), "{related:?}");
        assert!(related.line > 0 && !related.text.is_empty());
        assert!(
            f.message.contains(&related.path),
            "message does not quote the brand: {}",
            f.message
        );
    }
}

#[test]
fn explain_carries_the_score_and_runners_up() {
    let dir = root().join("fixtures/demo");
    let config = Config::load(&dir.join("onmessage.yml")).unwrap();
    let options = RunOptions {
        explain: true,
        ..RunOptions::default()
    };
    let analysis = analyze(&config.settings(&options).unwrap()).unwrap();
    let f = analysis
        .findings
        .iter()
        .find(|f| f.rule == "align.number-mismatch")
        .expect("a number mismatch on the demo");
    let explain = f.explain.as_ref().expect("explain attached");
    assert!(
        explain["score"]
            .as_f64()
            .is_some_and(|s| s > 0.0 && s <= 1.0),
        "{explain}"
    );
    assert!(explain["runners_up"].is_array());
    let plain = analyze(&config.settings(&RunOptions::default()).unwrap()).unwrap();
    assert!(plain.findings.iter().all(|f| f.explain.is_none()));
}

#[test]
fn product_scoping_keeps_products_apart() {
    // keystone: Vault costs $4, SSO $6. A Vault line saying $6 is a mismatch
    // only because the SSO claim is out of scope.
    let findings = run(&root().join("tests/alignment/keystone"));
    let line_of = |needle: &str| {
        let text =
            std::fs::read_to_string(root().join("tests/alignment/keystone/sales/vault-call.md"))
                .unwrap();
        text.lines().position(|l| l.contains(needle)).unwrap() + 1
    };
    let six = line_of("Vault is $6 per user per month.");
    assert!(findings.iter().any(|f| f.path == "sales/vault-call.md"
        && f.line == six
        && f.rule == "align.number-mismatch"));
    let four = line_of("Vault is $4 per user per month.");
    assert!(!findings
        .iter()
        .any(|f| f.path == "sales/vault-call.md" && f.line == four));
}

/// Noise on real content: `align.*` findings per 1,000 sales sentences on the
/// Sourcegraph handbook (a corpus outside the repo). Run with
/// `ONMESSAGE_CORPUS=/path/to/sourcegraph-handbook cargo test --release --test alignment -- --ignored --nocapture`.
#[test]
#[ignore]
fn noise_on_a_real_handbook() {
    let Some(dir) = std::env::var_os("ONMESSAGE_CORPUS").map(PathBuf::from) else {
        eprintln!("set ONMESSAGE_CORPUS to a content repo with an onmessage.yml");
        return;
    };
    let config = Config::load(&dir.join("onmessage.yml")).unwrap();
    let analysis = analyze(&config.settings(&RunOptions::default()).unwrap()).unwrap();
    let lexicon = onmessage::claims::Lexicon::builtin();
    let sentences: usize = analysis
        .sales
        .iter()
        .flat_map(|f| f.doc.blocks.iter())
        .filter(|b| b.side == onmessage::markdown::Side::Ours)
        .map(|b| onmessage::claims::sentences::split(&b.text, &lexicon.abbreviations).len())
        .sum();
    let align: Vec<&Finding> = analysis
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("align."))
        .collect();
    let per_thousand = align.len() as f64 * 1000.0 / sentences.max(1) as f64;
    println!(
        "{} sales files, {sentences} sales sentences, {} align findings: {per_thousand:.2} per 1,000 sentences",
        analysis.sales.len(),
        align.len()
    );
    for f in &align {
        println!("{}:{}: {}: {}", f.path, f.line, f.rule, f.message);
    }
    assert!(
        per_thousand < 5.0,
        "too noisy: {per_thousand:.2} per 1,000 sentences"
    );
}

/// `../shared/alignment-dev`, beside the project, when it is there.
fn development_set() -> Option<PathBuf> {
    let dir = root().join("../shared/alignment-dev");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none_or(|v| v != "true"),
        "CI=true but ../shared/alignment-dev is missing: the development set must be scored"
    );
    eprintln!("SKIPPED: ../shared/alignment-dev is not beside the project");
    None
}

/// The development set (six repos written by someone who never saw the
/// engine), scored as its README says: a marked line is caught by a finding
/// of one of its rules; a finding on an unmarked sales line, or of a rule
/// its marker does not list, is false. Per line, like the set's own script.
///
/// The issue's bar is recall ≥ 0.90 and precision ≥ 0.95; the engine is not
/// there yet. The floors below are the level reached, so a change that
/// loses ground fails; raise them as it improves.
#[test]
fn development_set_holds_its_level() {
    const RECALL_FLOOR: f64 = 0.73;
    const PRECISION_FLOOR: f64 = 0.95;
    let Some(base) = development_set() else {
        return;
    };
    let folders = repos(&base);
    assert!(folders.len() >= 6, "development set repos missing");
    let score = score_marked(&folders, "alignment-dev");
    assert!(
        score.marked >= 60,
        "the development set lost its markers ({})",
        score.marked
    );
    score.holds(RECALL_FLOOR, PRECISION_FLOOR);
}

/// The four repos helpers wrote blind for this issue (`tests/alignment-blind`),
/// scored like the development set. Their first run was recall 0.40,
/// precision 0.68; the floors are the level reached since.
#[test]
fn blind_repos_hold_their_level() {
    const RECALL_FLOOR: f64 = 0.53;
    const PRECISION_FLOOR: f64 = 0.85;
    let folders = repos(&root().join("tests/alignment-blind"));
    assert!(folders.len() >= 4, "blind repos missing");
    score_marked(&folders, "alignment-blind").holds(RECALL_FLOOR, PRECISION_FLOOR);
}

/// Line-level recall and precision of a labelled set.
struct Score {
    name: &'static str,
    marked: usize,
    recall: f64,
    precision: f64,
}

impl Score {
    fn holds(&self, recall_floor: f64, precision_floor: f64) {
        assert!(
            self.recall >= recall_floor && self.precision >= precision_floor,
            "{} fell below its level: recall {:.2} (floor {recall_floor}), precision {:.2} (floor {precision_floor})",
            self.name,
            self.recall,
            self.precision
        );
    }
}

/// Scores repos as the development set's README says: a marked line is
/// caught by a finding of one of its rules; a finding on an unmarked sales
/// line, or of a rule its marker does not list, is false. Per line.
fn score_marked(folders: &[PathBuf], name: &'static str) -> Score {
    let (mut marked, mut caught, mut flagged, mut true_lines) = (0, 0, 0, 0);
    let mut per_rule: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for dir in folders {
        let mut lines: BTreeMap<(String, usize), Vec<String>> = BTreeMap::new();
        for (path, line, rule) in expectations(dir) {
            lines.entry((path, line)).or_default().push(rule);
        }
        let mut got: BTreeMap<(String, usize), BTreeSet<String>> = BTreeMap::new();
        for f in run(dir).into_iter().filter(|f| scored(&f.rule)) {
            got.entry((f.path, f.line)).or_default().insert(f.rule);
        }
        for (at, rules) in &lines {
            marked += 1;
            let hit = got
                .get(at)
                .is_some_and(|g| rules.iter().any(|r| g.contains(r)));
            caught += usize::from(hit);
            // `expectations` sorts a marker's rules: the precise (first) one
            // is read again from the file for the per-rule table.
            let precise = precise_rule(dir, at).unwrap_or_else(|| rules[0].clone());
            let entry = per_rule.entry(precise).or_default();
            entry.0 += usize::from(hit);
            entry.1 += 1;
        }
        for (at, rules) in &got {
            flagged += 1;
            let listed = lines.get(at);
            let ok = listed.is_some_and(|l| rules.iter().any(|r| l.contains(r)));
            true_lines += usize::from(ok);
            if !ok {
                let repo = dir.file_name().unwrap().to_string_lossy();
                println!("  false {rules:?} at {repo}/{}:{}", at.0, at.1);
            }
        }
    }
    let recall = caught as f64 / marked.max(1) as f64;
    let precision = true_lines as f64 / flagged.max(1) as f64;
    for (rule, (hit, of)) in &per_rule {
        println!(
            "{rule:<28} {hit:>3}/{of:<3} recall {:.2}",
            *hit as f64 / *of as f64
        );
    }
    println!("{name}: recall {recall:.2} ({caught}/{marked}), precision {precision:.2} ({true_lines}/{flagged})");
    Score {
        name,
        marked,
        recall,
        precision,
    }
}

/// Coverage follows paraphrase: a key message that a faithful paraphrase
/// listed in a development repo's `NOTES.md` restates is carried, so no
/// `coverage.missing-key-message` falls on its brand line.
#[test]
fn a_paraphrased_key_message_is_carried() {
    let Some(base) = development_set() else {
        return;
    };
    let brand_line = regex::Regex::new(r"(brand/[\w./-]+\.md):(\d+)").unwrap();
    let (mut missing, mut wrong) = (0, Vec::new());
    for dir in repos(&base) {
        let notes = std::fs::read_to_string(dir.join("NOTES.md")).expect("NOTES.md");
        let Some((_, paraphrases)) = notes.split_once("## Faithful paraphrases") else {
            continue;
        };
        // The second column of each row names the brand line(s) restated.
        let restated: BTreeSet<(String, usize)> = paraphrases
            .lines()
            .filter_map(|row| row.trim().trim_matches('|').split('|').nth(1))
            .flat_map(|cell| {
                brand_line
                    .captures_iter(cell)
                    .map(|c| (c[1].to_string(), c[2].parse().unwrap()))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(
            !restated.is_empty(),
            "{}: no paraphrase rows read",
            dir.display()
        );
        for f in run(&dir) {
            if f.rule != "coverage.missing-key-message" {
                continue;
            }
            missing += 1;
            if restated.contains(&(f.path.clone(), f.line)) {
                wrong.push(format!("{}/{}:{}", dir.display(), f.path, f.line));
            }
        }
    }
    println!(
        "alignment-dev: {missing} key messages not carried, {} of them paraphrased",
        wrong.len()
    );
    assert!(
        wrong.is_empty(),
        "paraphrased key messages reported as not carried: {wrong:?}"
    );
}

/// The first rule of the marker on a line: the precise one.
fn precise_rule(dir: &Path, (path, line): &(String, usize)) -> Option<String> {
    let text = std::fs::read_to_string(dir.join(path)).ok()?;
    let l = text.lines().nth(line - 1)?;
    let rest = &l[l.find("<!-- expect:")? + "<!-- expect:".len()..];
    let rules = &rest[..rest.find("-->")?];
    Some(rules.split(',').next()?.trim().to_string())
}

/// A finding's message says what drifted and what to do in at most 160
/// characters before it cites the brand claim ("… (brand/x.md:3: …)"):
/// on the demo, every labelled repo, and the development set when present.
#[test]
fn messages_are_short_before_their_citation() {
    let mut dirs: Vec<PathBuf> = vec![root().join("fixtures/demo")];
    for base in [Some(root().join("tests/alignment")), development_set()]
        .into_iter()
        .flatten()
    {
        dirs.extend(repos(&base));
    }
    let mut checked = 0;
    for dir in &dirs {
        for f in run(dir).iter().filter(|f| f.rule.starts_with("align.")) {
            let head = match f.related.first() {
                Some(r) => f.message.split(&format!(" ({}", r.path)).next().unwrap(),
                None => f.message.as_str(),
            };
            assert!(
                head.chars().count() <= 160,
                "{}:{} {}: {} characters before the citation: {head}",
                f.path,
                f.line,
                f.rule,
                head.chars().count()
            );
            checked += 1;
        }
    }
    assert!(checked >= 100, "too few findings to judge: {checked}");
}

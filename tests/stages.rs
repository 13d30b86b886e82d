//! Where labelled lines are lost: runs `onmessage why FILE:LINE --format json`
//! on every labelled line of tests/alignment/*/, tests/alignment-blind/*/ and
//! ../shared/alignment-dev/*/
//! and prints, per set of lines, the first engine stage that loses each one.
//!
//! This target REPORTS; it does not hold a quality bar (tests/alignment.rs
//! does). Run it as `cargo test --test stages -- --nocapture`.
//!
//! It fails only when it could pass by tracing nothing: CI=true without
//! ../shared, no line traced at all, `why` missing, or `why` breaking its
//! contract (an exit code other than 0 or 2, or stdout that is not JSON).
//!
//! `STAGES_BIN=/path/to/onmessage` traces with another build instead.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde_json::Value;

// ---------------------------------------------------------------------------
// Labels: markers in the sales files, gold brand lines in NOTES.md.

/// A brand line as NOTES.md names it: (path relative to the repo, 1-based line).
type BrandLine = (String, usize);

/// `Some(rules)` for a line ending in `<!-- expect: RULE[, RULE…] -->`.
/// Tolerates text after the marker (tests/alignment's table rows put the
/// closing pipe after it).
fn marker(line: &str) -> Option<Vec<String>> {
    let start = line.find("<!-- expect:")?;
    let rest = &line[start + "<!-- expect:".len()..];
    let rules = &rest[..rest.find("-->")?];
    let rules: Vec<String> = rules
        .split(',')
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .collect();
    (!rules.is_empty()).then_some(rules)
}

/// Every marker of the repo's Markdown, keyed by (relative path, line).
/// The repo's own NOTES.md / README.md are documentation, not content.
fn markers(dir: &Path) -> BTreeMap<(String, usize), Vec<String>> {
    let mut out = BTreeMap::new();
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
            let rel = rel_path(&path, dir);
            if rel == "NOTES.md" || rel == "README.md" {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (n, line) in text.lines().enumerate() {
                if let Some(rules) = marker(line) {
                    out.insert((rel.clone(), n + 1), rules);
                }
            }
        }
    }
    out
}

fn rel_path(path: &Path, dir: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

/// "sales/x.md:12" (backticks and spaces tolerated) as (path, line).
fn file_line(cell: &str) -> Option<(String, usize)> {
    let cell = cell.trim().trim_matches('`').trim();
    let (path, line) = cell.rsplit_once(':')?;
    let line = line.trim().trim_matches('`').parse().ok()?;
    let path = path.trim().trim_matches('`').trim_start_matches("./");
    (!path.is_empty()).then(|| (path.to_string(), line))
}

/// "brand/x.md:28; brand/y.md:7" → both lines; "none" → empty. `None` when
/// the cell is neither (a typo in the notes, reported rather than guessed).
fn brand_lines(cell: &str) -> Option<Vec<BrandLine>> {
    let cell = cell.trim().trim_matches('`').trim();
    if cell.eq_ignore_ascii_case("none") || cell.is_empty() {
        return Some(Vec::new());
    }
    cell.split([';', ','])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(file_line)
        .collect()
}

fn cells(row: &str) -> Vec<String> {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let row = row.strip_suffix('|').unwrap_or(row);
    row.split('|').map(|c| c.trim().to_string()).collect()
}

fn is_separator(cells: &[String]) -> bool {
    cells
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

#[derive(Debug, Default)]
struct Notes {
    /// Marked sales line → its gold brand lines (empty for "none").
    marked: BTreeMap<(String, usize), Vec<BrandLine>>,
    /// Faithful paraphrase sales line → the brand line(s) it restates.
    paraphrases: BTreeMap<(String, usize), Vec<BrandLine>>,
    /// Rows that could not be read, for the report.
    problems: Vec<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum Section {
    Other,
    Marked,
    Paraphrases,
}

/// The "## Marked lines" and "## Faithful paraphrases" tables of a NOTES.md.
/// Columns are found by their header names, so their order may change.
fn parse_notes(text: &str) -> Notes {
    let mut notes = Notes::default();
    let mut section = Section::Other;
    // (sales column, brand column) once the section's header row is read.
    let mut columns: Option<(usize, usize)> = None;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with('#') {
            let heading = trimmed.trim_start_matches('#').trim().to_lowercase();
            section = if heading.starts_with("marked lines") {
                Section::Marked
            } else if heading.starts_with("faithful paraphrase") {
                Section::Paraphrases
            } else {
                Section::Other
            };
            columns = None;
            continue;
        }
        if section == Section::Other || !trimmed.starts_with('|') {
            continue;
        }
        let row = cells(trimmed);
        if is_separator(&row) {
            continue;
        }
        let Some((sales_col, brand_col)) = columns else {
            let lower: Vec<String> = row
                .iter()
                .map(|c| c.trim_matches('`').to_lowercase())
                .collect();
            let sales = lower.iter().position(|c| c.starts_with("sales"));
            let brand = lower.iter().position(|c| c.starts_with("brand"));
            match (sales, brand) {
                (Some(s), Some(b)) => columns = Some((s, b)),
                _ => notes.problems.push(format!(
                    "NOTES.md:{}: table header without Sales/Brand columns",
                    n + 1
                )),
            }
            continue;
        };
        let sales = row.get(sales_col).and_then(|c| file_line(c));
        let brand = row.get(brand_col).and_then(|c| brand_lines(c));
        match (sales, brand) {
            (Some(sales), Some(brand)) => {
                let map = match section {
                    Section::Marked => &mut notes.marked,
                    _ => &mut notes.paraphrases,
                };
                map.insert(sales, brand);
            }
            _ => notes
                .problems
                .push(format!("NOTES.md:{}: row not understood: {trimmed}", n + 1)),
        }
    }
    notes
}

// ---------------------------------------------------------------------------
// Stages.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    NotInProse,
    WrongSpeaker,
    NotAClaim,
    GoldNotCandidate,
    GoldNotAccepted,
    ComparedWrongly,
    Suppressed,
    /// "found" for a marked line, "clean" for a paraphrase.
    Kept,
}

const STAGES: [Stage; 8] = [
    Stage::NotInProse,
    Stage::WrongSpeaker,
    Stage::NotAClaim,
    Stage::GoldNotCandidate,
    Stage::GoldNotAccepted,
    Stage::ComparedWrongly,
    Stage::Suppressed,
    Stage::Kept,
];

impl Stage {
    fn label(self, kept: &'static str) -> &'static str {
        match self {
            Stage::NotInProse => "not in prose",
            Stage::WrongSpeaker => "wrong speaker",
            Stage::NotAClaim => "not a claim",
            Stage::GoldNotCandidate => "gold brand claim not a candidate",
            Stage::GoldNotAccepted => "gold not accepted",
            Stage::ComparedWrongly => "compared wrongly",
            Stage::Suppressed => "suppressed",
            Stage::Kept => kept,
        }
    }
    fn is_gold(self) -> bool {
        matches!(self, Stage::GoldNotCandidate | Stage::GoldNotAccepted)
    }
}

/// Where one line ended up. `gold_na`: the line had no gold brand line, so
/// the two gold stages were skipped for it (shown as n/a).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Outcome {
    stage: Stage,
    gold_na: bool,
}

fn sentences(trace: &Value) -> &[Value] {
    trace["sentences"].as_array().map_or(&[], Vec::as_slice)
}

/// Unlabelled text is ours, so only an explicit "theirs" is theirs.
fn is_ours(sentence: &Value) -> bool {
    sentence["speaker"]["side"].as_str() != Some("theirs")
}

fn clauses(sentence: &Value) -> &[Value] {
    sentence["clauses"].as_array().map_or(&[], Vec::as_slice)
}

fn list<'a>(clause: &'a Value, key: &str) -> &'a [Value] {
    clause[key].as_array().map_or(&[], Vec::as_slice)
}

fn is_claim(clause: &Value) -> bool {
    clause["claim"]["is_claim"].as_bool() == Some(true)
}

/// `why` may print a path as the repo-relative one or with a prefix; compare
/// on whole trailing path components.
fn same_path(reported: &str, gold: &str) -> bool {
    let reported = reported.replace('\\', "/");
    let reported = reported.trim_start_matches("./");
    reported == gold || reported.ends_with(&format!("/{gold}"))
}

/// The clause's candidates that are gold brand lines.
fn gold_candidates<'a>(clause: &'a Value, gold: &[BrandLine]) -> Vec<&'a Value> {
    list(clause, "candidates")
        .iter()
        .filter(|c| {
            let path = c["path"].as_str().unwrap_or("");
            let line = c["line"].as_u64().unwrap_or(0) as usize;
            gold.iter().any(|(p, l)| *l == line && same_path(path, p))
        })
        .collect()
}

/// A finding belongs to the line its sales span starts on (the marker
/// convention); a sentence spilling over from the line above is not this
/// line's. A finding without a line is kept.
fn on_line(finding: &Value, line: usize) -> bool {
    finding["line"].as_u64().is_none_or(|l| l as usize == line)
}

fn unsuppressed(finding: &Value) -> bool {
    finding["suppressed"].is_null()
}

/// Stage of a marked line. `trace` is `None` when `why` exited 2. An empty
/// `gold` means no brand line exists ("none"), so the gold stages are n/a.
fn classify_marked(
    trace: Option<&Value>,
    line: usize,
    rules: &[String],
    gold: &[BrandLine],
) -> Outcome {
    let gold_na = gold.is_empty();
    let at = |stage| Outcome { stage, gold_na };
    let Some(trace) = trace else {
        return at(Stage::NotInProse);
    };
    let all = sentences(trace);
    if all.is_empty() {
        return at(Stage::NotInProse);
    }
    let ours: Vec<&Value> = all.iter().filter(|s| is_ours(s)).collect();
    if ours.is_empty() {
        return at(Stage::WrongSpeaker);
    }
    let ours: Vec<&Value> = ours.iter().flat_map(|s| clauses(s)).collect();
    if !ours.iter().any(|c| is_claim(c)) {
        return at(Stage::NotAClaim);
    }
    if !gold_na {
        let golds: Vec<&Value> = ours.iter().flat_map(|c| gold_candidates(c, gold)).collect();
        if golds.is_empty() {
            return at(Stage::GoldNotCandidate);
        }
        if !golds.iter().any(|c| c["accepted"].as_bool() == Some(true)) {
            return at(Stage::GoldNotAccepted);
        }
    }
    let acceptable: Vec<&Value> = ours
        .iter()
        .flat_map(|c| list(c, "findings"))
        .filter(|f| on_line(f, line))
        .filter(|f| rules.iter().any(|r| f["rule"].as_str() == Some(r)))
        .collect();
    if acceptable.is_empty() {
        return at(Stage::ComparedWrongly);
    }
    if !acceptable.iter().any(|f| unsuppressed(f)) {
        return at(Stage::Suppressed);
    }
    at(Stage::Kept)
}

/// Stage a paraphrase's false finding comes from: `Kept` ("clean") when no
/// `align.*` finding is on the line; `Suppressed` when all of them are
/// hidden; otherwise the most upstream cause among the unsuppressed ones.
fn classify_paraphrase(trace: Option<&Value>, line: usize, gold: &[BrandLine]) -> Outcome {
    let gold_na = gold.is_empty();
    let at = |stage| Outcome { stage, gold_na };
    let Some(trace) = trace else {
        return at(Stage::Kept);
    };
    let mut false_findings = Vec::new();
    for sentence in sentences(trace) {
        for clause in clauses(sentence) {
            for finding in list(clause, "findings") {
                let align = finding["rule"]
                    .as_str()
                    .is_some_and(|r| r.starts_with("align."));
                if align && on_line(finding, line) {
                    false_findings.push((sentence, clause, finding));
                }
            }
        }
    }
    if false_findings.is_empty() {
        return at(Stage::Kept);
    }
    let live: Vec<_> = false_findings
        .iter()
        .filter(|(_, _, f)| unsuppressed(f))
        .collect();
    if live.is_empty() {
        return at(Stage::Suppressed);
    }
    let stage = live
        .iter()
        .map(|(sentence, clause, _)| {
            if !is_ours(sentence) {
                Stage::WrongSpeaker
            } else if !is_claim(clause) {
                Stage::NotAClaim
            } else if gold_na {
                Stage::ComparedWrongly
            } else {
                let golds = gold_candidates(clause, gold);
                if golds.is_empty() {
                    Stage::GoldNotCandidate
                } else if !golds.iter().any(|c| c["accepted"].as_bool() == Some(true)) {
                    Stage::GoldNotAccepted
                } else {
                    Stage::ComparedWrongly
                }
            }
        })
        .min()
        .unwrap();
    at(stage)
}

/// Why a clean paraphrase is clean, when it is for a reason upstream of the
/// checks (a footnote: such lines are not evidence that the checks agree).
fn clean_upstream(trace: Option<&Value>) -> Option<Stage> {
    let Some(trace) = trace else {
        return Some(Stage::NotInProse);
    };
    let all = sentences(trace);
    if all.is_empty() {
        return Some(Stage::NotInProse);
    }
    let ours: Vec<&Value> = all.iter().filter(|s| is_ours(s)).collect();
    if ours.is_empty() {
        return Some(Stage::WrongSpeaker);
    }
    if !ours.iter().flat_map(|s| clauses(s)).any(is_claim) {
        return Some(Stage::NotAClaim);
    }
    None
}

// ---------------------------------------------------------------------------
// Running `why`.

struct Trace {
    /// `None` when `why` exited 2 (not a content file, or no prose there).
    json: Option<Value>,
    /// First stderr line of an exit 2, for the details.
    note: String,
}

enum RunError {
    Missing,
    Broken(String),
}

fn run_why(dir: &Path, path: &str, line: usize) -> Result<Trace, RunError> {
    let target = format!("{path}:{line}");
    // STAGES_BIN traces with another build (another worktree's binary).
    let mut cmd = match std::env::var_os("STAGES_BIN") {
        Some(bin) => assert_cmd::Command::new(bin),
        None => assert_cmd::Command::cargo_bin("onmessage").expect("the onmessage binary is built"),
    };
    let out = cmd
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["why", &target, "--format", "json"])
        .output()
        .map_err(|e| RunError::Broken(format!("{target}: cannot run: {e}")))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    // clap's words for a subcommand it does not know.
    if stderr.contains("unrecognized subcommand") || stderr.contains("unexpected argument 'why'") {
        return Err(RunError::Missing);
    }
    match out.status.code() {
        Some(0) => serde_json::from_slice(&out.stdout)
            .map(|json| Trace {
                json: Some(json),
                note: String::new(),
            })
            .map_err(|e| {
                RunError::Broken(format!(
                    "{}/{target}: stdout is not JSON ({e}): {}",
                    dir.display(),
                    String::from_utf8_lossy(&out.stdout)
                        .chars()
                        .take(300)
                        .collect::<String>()
                ))
            }),
        Some(2) => Ok(Trace {
            json: None,
            note: stderr.lines().next().unwrap_or("").to_string(),
        }),
        code => Err(RunError::Broken(format!(
            "{}/{target}: exit {code:?}: {}",
            dir.display(),
            stderr.trim()
        ))),
    }
}

/// Runs every job on a few threads: one process per line, so the wall time
/// is the process count over the threads.
fn run_all(jobs: &[(PathBuf, String, usize)]) -> Vec<Result<Trace, RunError>> {
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 4);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Trace, RunError>>>> =
        Mutex::new((0..jobs.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((dir, path, line)) = jobs.get(i) else {
                    break;
                };
                let result = run_why(dir, path, *line);
                results.lock().unwrap()[i] = Some(result);
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(Option::unwrap)
        .collect()
}

// ---------------------------------------------------------------------------
// The report.

struct Repo {
    set: &'static str,
    name: String,
    dir: PathBuf,
    markers: BTreeMap<(String, usize), Vec<String>>,
    notes: Notes,
    has_notes: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Marked,
    Paraphrase,
}

struct Case {
    repo: usize,
    kind: Kind,
    path: String,
    line: usize,
    rules: Vec<String>,
    gold: Vec<BrandLine>,
}

#[derive(Default, Clone)]
struct Tally {
    stages: BTreeMap<Stage, usize>,
    gold_na: usize,
    total: usize,
}

impl Tally {
    fn add(&mut self, o: Outcome) {
        *self.stages.entry(o.stage).or_default() += 1;
        // Lines that reached the gold stages without a gold line.
        if o.gold_na && o.stage > Stage::NotAClaim {
            self.gold_na += 1;
        }
        self.total += 1;
    }
    fn get(&self, s: Stage) -> usize {
        self.stages.get(&s).copied().unwrap_or(0)
    }
}

fn repos_in(set: &'static str, base: &Path) -> Vec<Repo> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(base)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("onmessage.yml").is_file())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let notes_path = dir.join("NOTES.md");
            let has_notes = notes_path.is_file();
            let notes = if has_notes {
                parse_notes(&std::fs::read_to_string(&notes_path).unwrap())
            } else {
                Notes::default()
            };
            Repo {
                set,
                name: dir.file_name().unwrap().to_string_lossy().to_string(),
                markers: markers(&dir),
                notes,
                has_notes,
                dir,
            }
        })
        .collect()
}

fn print_table(title: &str, kept: &'static str, sets: &[(&str, Tally)]) {
    println!("\n{title}");
    print!("  {:<34}", "stage");
    for (name, _) in sets {
        print!(" {name:>20}");
    }
    println!();
    for stage in STAGES {
        print!("  {:<34}", stage.label(kept));
        for (_, t) in sets {
            let cell = if stage.is_gold() && t.gold_na > 0 {
                format!("{} (n/a {})", t.get(stage), t.gold_na)
            } else {
                t.get(stage).to_string()
            };
            print!(" {cell:>20}");
        }
        println!();
    }
    print!("  {:<34}", "total");
    for (_, t) in sets {
        print!(" {:>20}", t.total);
    }
    println!();
}

fn summary(outcomes: &[Outcome], kept: &str) -> String {
    let mut lost: BTreeMap<Stage, usize> = BTreeMap::new();
    for o in outcomes.iter().filter(|o| o.stage != Stage::Kept) {
        *lost.entry(o.stage).or_default() += 1;
    }
    let kept_n = outcomes.len() - lost.values().sum::<usize>();
    let mut s = format!("{kept_n}/{} {kept}", outcomes.len());
    if !lost.is_empty() {
        let parts: Vec<String> = lost
            .iter()
            .map(|(st, n)| format!("{n} {}", st.label("")))
            .collect();
        s.push_str(&format!(" ({})", parts.join(", ")));
    }
    s
}

/// Rules of the line's findings, for the details of a lost line.
fn found_rules(trace: Option<&Value>, line: usize) -> String {
    let Some(trace) = trace else {
        return String::new();
    };
    let mut rules = BTreeSet::new();
    for s in sentences(trace) {
        for c in clauses(s) {
            for f in list(c, "findings").iter().filter(|f| on_line(f, line)) {
                let rule = f["rule"].as_str().unwrap_or("?");
                match f["suppressed"].as_str() {
                    Some(by) => rules.insert(format!("{rule} (suppressed: {by})")),
                    None => rules.insert(rule.to_string()),
                };
            }
        }
    }
    if rules.is_empty() {
        "no finding".into()
    } else {
        rules.into_iter().collect::<Vec<_>>().join(", ")
    }
}

#[test]
fn stages_report() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut repos = repos_in("tests/alignment", &root.join("tests/alignment"));
    repos.extend(repos_in(
        "tests/alignment-blind",
        &root.join("tests/alignment-blind"),
    ));
    let shared = root.join("../shared/alignment-dev");
    if shared.is_dir() {
        repos.extend(repos_in("alignment-dev", &shared));
    } else if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "{} is missing (CI=true: the dev set must be traced)",
            shared.display()
        );
    } else {
        println!(
            "skip: {} is missing; tracing tests/alignment only",
            shared.display()
        );
    }

    // Cases, and the label problems worth a line in the report.
    let mut warnings = Vec::new();
    let mut cases = Vec::new();
    for (i, repo) in repos.iter().enumerate() {
        if !repo.has_notes {
            warnings.push(format!(
                "{}/{}: no NOTES.md (gold lines unknown, no paraphrases)",
                repo.set, repo.name
            ));
        }
        for p in &repo.notes.problems {
            warnings.push(format!("{}/{}/{p}", repo.set, repo.name));
        }
        for ((path, line), rules) in &repo.markers {
            // brand.conflict markers sit on brand lines and have no sales claim to trace.
            if !rules.iter().any(|r| r.starts_with("align.")) {
                continue;
            }
            let gold = match repo.notes.marked.get(&(path.clone(), *line)) {
                Some(g) => g.clone(),
                None => {
                    if repo.has_notes {
                        warnings.push(format!(
                            "{}/{}/{path}:{line}: marked, but not in NOTES.md",
                            repo.set, repo.name
                        ));
                    }
                    Vec::new()
                }
            };
            cases.push(Case {
                repo: i,
                kind: Kind::Marked,
                path: path.clone(),
                line: *line,
                rules: rules.clone(),
                gold,
            });
        }
        for (path, line) in repo.notes.marked.keys() {
            if !repo.markers.contains_key(&(path.clone(), *line)) {
                warnings.push(format!(
                    "{}/{}/{path}:{line}: in NOTES.md's marked lines, but has no marker",
                    repo.set, repo.name
                ));
            }
        }
        for ((path, line), gold) in &repo.notes.paraphrases {
            if repo.markers.contains_key(&(path.clone(), *line)) {
                warnings.push(format!(
                    "{}/{}/{path}:{line}: listed as a paraphrase, but marked",
                    repo.set, repo.name
                ));
                continue;
            }
            cases.push(Case {
                repo: i,
                kind: Kind::Paraphrase,
                path: path.clone(),
                line: *line,
                rules: Vec::new(),
                gold: gold.clone(),
            });
        }
    }
    assert!(!cases.is_empty(), "no labelled line found to trace");

    // Fail fast, with one process, when the subcommand is not there yet.
    let first = &cases[0];
    if let Err(RunError::Missing) = run_why(&repos[first.repo].dir, &first.path, first.line) {
        panic!("`onmessage why` is missing: the binary does not know the subcommand");
    }

    let started = std::time::Instant::now();
    let jobs: Vec<(PathBuf, String, usize)> = cases
        .iter()
        .map(|c| (repos[c.repo].dir.clone(), c.path.clone(), c.line))
        .collect();
    let results = run_all(&jobs);
    let elapsed = started.elapsed();

    let mut broken = Vec::new();
    let mut traced = 0;
    // (set, kind) → tally; repo → outcomes per kind; details of lost lines.
    let mut tallies: BTreeMap<(&str, bool), Tally> = BTreeMap::new();
    let mut per_repo: Vec<(Vec<Outcome>, Vec<Outcome>)> =
        repos.iter().map(|_| Default::default()).collect();
    let mut details: Vec<(Kind, Stage, String)> = Vec::new();
    let mut clean_upstreams: BTreeMap<Stage, usize> = BTreeMap::new();
    for (case, result) in cases.iter().zip(&results) {
        let trace = match result {
            Ok(t) => t,
            Err(RunError::Missing) => {
                panic!("`onmessage why` is missing: the binary does not know the subcommand")
            }
            Err(RunError::Broken(msg)) => {
                broken.push(msg.clone());
                continue;
            }
        };
        traced += 1;
        let repo = &repos[case.repo];
        let json = trace.json.as_ref();
        let (outcome, marked) = match case.kind {
            Kind::Marked => (
                classify_marked(json, case.line, &case.rules, &case.gold),
                true,
            ),
            Kind::Paraphrase => (classify_paraphrase(json, case.line, &case.gold), false),
        };
        tallies.entry((repo.set, marked)).or_default().add(outcome);
        tallies.entry(("pooled", marked)).or_default().add(outcome);
        let slot = &mut per_repo[case.repo];
        if marked {
            slot.0.push(outcome)
        } else {
            slot.1.push(outcome)
        }
        if !marked && outcome.stage == Stage::Kept {
            if let Some(s) = clean_upstream(json) {
                *clean_upstreams.entry(s).or_default() += 1;
            }
        }
        if outcome.stage != Stage::Kept {
            let want = if marked {
                format!("want {}; ", case.rules.join("|"))
            } else {
                String::new()
            };
            let got = if json.is_some() {
                found_rules(json, case.line)
            } else {
                format!("exit 2: {}", trace.note)
            };
            let gold = if case.gold.is_empty() {
                "none".to_string()
            } else {
                case.gold
                    .iter()
                    .map(|(p, l)| format!("{p}:{l}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            details.push((
                case.kind,
                outcome.stage,
                format!(
                    "{}/{}:{}  {want}got {got}; gold {gold}",
                    repo.name, case.path, case.line
                ),
            ));
        }
    }

    println!(
        "\nonmessage why: {traced} lines traced in {:.1}s",
        elapsed.as_secs_f64()
    );
    let sets: Vec<&str> = {
        let mut s: Vec<&str> = repos.iter().map(|r| r.set).collect();
        s.dedup();
        s.push("pooled");
        s
    };
    for (marked, title, kept) in [
        (
            true,
            "Marked lines: the first stage that loses each one",
            "found",
        ),
        (
            false,
            "Paraphrase lines: where each false align.* finding comes from",
            "clean",
        ),
    ] {
        let columns: Vec<(&str, Tally)> = sets
            .iter()
            .map(|s| (*s, tallies.get(&(*s, marked)).cloned().unwrap_or_default()))
            .collect();
        print_table(title, kept, &columns);
    }
    if !clean_upstreams.is_empty() {
        let parts: Vec<String> = clean_upstreams
            .iter()
            .map(|(s, n)| format!("{n} {}", s.label("")))
            .collect();
        println!(
            "  (of the clean paraphrases, never reached the checks: {})",
            parts.join(", ")
        );
    }

    println!("\nPer repo");
    for (repo, (marked, para)) in repos.iter().zip(&per_repo) {
        println!(
            "  {}/{}: marked {}; paraphrases {}",
            repo.set,
            repo.name,
            summary(marked, "found"),
            summary(para, "clean")
        );
    }

    details.sort_by(|a, b| {
        (a.0 == Kind::Paraphrase, a.1)
            .cmp(&(b.0 == Kind::Paraphrase, b.1))
            .then(a.2.cmp(&b.2))
    });
    if !details.is_empty() {
        println!("\nLines lost, by stage");
        let mut last = None;
        for (kind, stage, text) in &details {
            if last != Some((*kind, *stage)) {
                let what = if *kind == Kind::Marked {
                    "marked"
                } else {
                    "paraphrase"
                };
                println!("  {what}, {}:", stage.label(""));
                last = Some((*kind, *stage));
            }
            println!("    {text}");
        }
    }
    if !warnings.is_empty() {
        println!("\nLabel warnings");
        for w in &warnings {
            println!("  {w}");
        }
    }
    if !broken.is_empty() {
        panic!(
            "`onmessage why` broke its contract on {} lines:\n{}",
            broken.len(),
            broken.join("\n")
        );
    }
    assert!(traced > 0, "zero lines traced");
}

// ---------------------------------------------------------------------------
// The parsing and the classification, on canned input.

#[cfg(test)]
mod canned {
    use super::*;
    use serde_json::json;

    fn rules(r: &[&str]) -> Vec<String> {
        r.iter().map(|s| s.to_string()).collect()
    }

    fn gold(lines: &[(&str, usize)]) -> Vec<BrandLine> {
        lines.iter().map(|(p, l)| (p.to_string(), *l)).collect()
    }

    /// One traced line (12) with one sentence and one clause.
    fn trace(side: &str, is_claim: bool, candidates: Value, findings: Value) -> Value {
        json!({
            "path": "sales/call.md", "line": 12,
            "block": {"kind": "paragraph", "heading_path": ["Pricing"], "line": 12, "end_line": 12},
            "sentences": [{
                "text": "Plans start at $20.", "column": 1,
                "speaker": {"name": if side == "ours" { json!("Rep") } else { json!("Prospect") }, "side": side, "from_line": 12},
                "clauses": [{
                    "text": "Plans start at $20.", "column": 1,
                    "claim": {"is_claim": is_claim, "reason": "figure"},
                    "features": {},
                    "candidates": candidates,
                    "comparisons": [],
                    "findings": findings,
                }]
            }]
        })
    }

    fn cand(path: &str, line: u64, accepted: bool) -> Value {
        json!({"path": path, "line": line, "text": "…", "score": 0.8, "accepted": accepted, "reason": "terms"})
    }

    fn finding(rule: &str, line: u64, suppressed: Option<&str>) -> Value {
        json!({"rule": rule, "message": "…", "line": line, "column": 1, "suppressed": suppressed})
    }

    const NM: &str = "align.number-mismatch";

    fn marked(t: Option<&Value>, g: &[(&str, usize)]) -> Outcome {
        classify_marked(t, 12, &rules(&[NM, "align.unsupported"]), &gold(g))
    }

    #[test]
    fn marked_stages_in_order() {
        let g = [("brand/m.md", 21)];
        let stage = |t: Option<&Value>| marked(t, &g).stage;
        assert_eq!(stage(None), Stage::NotInProse);
        assert_eq!(stage(Some(&json!({"sentences": []}))), Stage::NotInProse);
        let theirs = trace(
            "theirs",
            true,
            json!([cand("brand/m.md", 21, true)]),
            json!([finding(NM, 12, None)]),
        );
        assert_eq!(stage(Some(&theirs)), Stage::WrongSpeaker);
        let no_claim = trace("ours", false, json!([]), json!([]));
        assert_eq!(stage(Some(&no_claim)), Stage::NotAClaim);
        let other = trace(
            "ours",
            true,
            json!([cand("brand/m.md", 9, true)]),
            json!([]),
        );
        assert_eq!(stage(Some(&other)), Stage::GoldNotCandidate);
        let rejected = trace(
            "ours",
            true,
            json!([cand("brand/m.md", 21, false)]),
            json!([]),
        );
        assert_eq!(stage(Some(&rejected)), Stage::GoldNotAccepted);
        let wrong = trace(
            "ours",
            true,
            json!([cand("brand/m.md", 21, true)]),
            json!([finding("align.escalation", 12, None)]),
        );
        assert_eq!(stage(Some(&wrong)), Stage::ComparedWrongly);
        let hidden = trace(
            "ours",
            true,
            json!([cand("brand/m.md", 21, true)]),
            json!([finding(NM, 12, Some("baseline"))]),
        );
        assert_eq!(stage(Some(&hidden)), Stage::Suppressed);
        let found = trace(
            "ours",
            true,
            json!([cand("brand/m.md", 21, true)]),
            json!([finding(NM, 12, None)]),
        );
        assert_eq!(
            marked(Some(&found), &g),
            Outcome {
                stage: Stage::Kept,
                gold_na: false
            }
        );
    }

    #[test]
    fn any_listed_rule_and_any_gold_line_count() {
        let g = [("brand/a.md", 3), ("brand/b.md", 7)];
        let t = trace(
            "ours",
            true,
            json!([cand("brand/b.md", 7, true)]),
            json!([finding("align.unsupported", 12, None)]),
        );
        assert_eq!(marked(Some(&t), &g).stage, Stage::Kept);
        // A prefixed path still names the gold file.
        let t = trace(
            "ours",
            true,
            json!([cand("./brand/a.md", 3, true)]),
            json!([finding(NM, 12, None)]),
        );
        assert_eq!(marked(Some(&t), &g).stage, Stage::Kept);
        // …but a file that merely ends with the same name does not.
        let t = trace(
            "ours",
            true,
            json!([cand("brand/xa.md", 3, true)]),
            json!([finding(NM, 12, None)]),
        );
        assert_eq!(
            marked(Some(&t), &[("a.md", 3)]).stage,
            Stage::GoldNotCandidate
        );
    }

    #[test]
    fn no_gold_skips_the_gold_stages() {
        let t = trace("ours", true, json!([]), json!([]));
        assert_eq!(
            marked(Some(&t), &[]),
            Outcome {
                stage: Stage::ComparedWrongly,
                gold_na: true
            }
        );
        let t = trace(
            "ours",
            true,
            json!([]),
            json!([finding("align.unsupported", 12, None)]),
        );
        assert_eq!(
            marked(Some(&t), &[]),
            Outcome {
                stage: Stage::Kept,
                gold_na: true
            }
        );
        let mut tally = Tally::default();
        tally.add(marked(Some(&t), &[]));
        tally.add(marked(None, &[])); // lost before the gold stages: not n/a there
        assert_eq!((tally.gold_na, tally.total), (1, 2));
    }

    #[test]
    fn a_finding_from_another_line_is_not_this_lines() {
        let t = trace(
            "ours",
            true,
            json!([cand("brand/m.md", 21, true)]),
            json!([finding(NM, 11, None)]),
        );
        assert_eq!(
            marked(Some(&t), &[("brand/m.md", 21)]).stage,
            Stage::ComparedWrongly
        );
        assert_eq!(
            classify_paraphrase(Some(&t), 12, &gold(&[("brand/m.md", 21)])).stage,
            Stage::Kept
        );
    }

    #[test]
    fn mixed_speakers_use_our_sentences() {
        let mut t = trace(
            "ours",
            true,
            json!([cand("brand/m.md", 21, true)]),
            json!([finding(NM, 12, None)]),
        );
        let theirs = trace("theirs", false, json!([]), json!([]))["sentences"][0].clone();
        t["sentences"].as_array_mut().unwrap().insert(0, theirs);
        assert_eq!(marked(Some(&t), &[("brand/m.md", 21)]).stage, Stage::Kept);
        // Unlabelled (no speaker object) is ours.
        let mut u = t.clone();
        u["sentences"][1]["speaker"] = Value::Null;
        assert_eq!(marked(Some(&u), &[("brand/m.md", 21)]).stage, Stage::Kept);
    }

    #[test]
    fn paraphrase_stages() {
        let g = gold(&[("brand/m.md", 21)]);
        let stage = |t: &Value| classify_paraphrase(Some(t), 12, &g).stage;
        assert_eq!(classify_paraphrase(None, 12, &g).stage, Stage::Kept);
        let clean = trace(
            "ours",
            true,
            json!([cand("brand/m.md", 21, true)]),
            json!([]),
        );
        assert_eq!(stage(&clean), Stage::Kept);
        assert_eq!(clean_upstream(Some(&clean)), None);
        assert_eq!(clean_upstream(None), Some(Stage::NotInProse));
        let not_terms = trace(
            "ours",
            true,
            json!([]),
            json!([finding("align.unsupported", 12, None)]),
        );
        assert_eq!(stage(&not_terms), Stage::GoldNotCandidate);
        let rejected = trace(
            "ours",
            true,
            json!([cand("brand/m.md", 21, false), cand("brand/m.md", 9, true)]),
            json!([finding(NM, 12, None)]),
        );
        assert_eq!(stage(&rejected), Stage::GoldNotAccepted);
        let wrong = trace(
            "ours",
            true,
            json!([cand("brand/m.md", 21, true)]),
            json!([finding("align.qualifier-dropped", 12, None)]),
        );
        assert_eq!(stage(&wrong), Stage::ComparedWrongly);
        let hidden = trace(
            "ours",
            true,
            json!([cand("brand/m.md", 21, true)]),
            json!([finding(NM, 12, Some("directive"))]),
        );
        assert_eq!(stage(&hidden), Stage::Suppressed);
        let non_claim = trace("ours", false, json!([]), json!([finding(NM, 12, None)]));
        assert_eq!(stage(&non_claim), Stage::NotAClaim);
        // Not an align.* rule: not a false finding here.
        let terms = trace(
            "ours",
            true,
            json!([]),
            json!([finding("terms.retired", 12, None)]),
        );
        assert_eq!(stage(&terms), Stage::Kept);
    }

    #[test]
    fn markers_parse() {
        assert_eq!(
            marker("**Rep:** x. <!-- expect: align.negation, align.unsupported -->"),
            Some(rules(&["align.negation", "align.unsupported"]))
        );
        assert_eq!(
            marker("| a | b <!-- expect: align.escalation --> |"),
            Some(rules(&["align.escalation"]))
        );
        assert_eq!(marker("**Rep:** plain line"), None);
    }

    #[test]
    fn notes_tables_parse() {
        let text = "\
# x: notes

## Marked lines (3)

| Sales line | Expected rule | Brand counterpart | Why | Subtle |
|---|---|---|---|---|
| sales/call.md:11 | `align.qualifier-dropped` (also accepted: `align.escalation`) | brand/a.md:28; brand/b.md:7 | mean as ceiling | yes |
| `sales/call.md:21` | `align.unsupported` | none | no such integration |  |
| sales/email.md:9 | `align.escalation` | `brand/a.md:38` | most → never |  |

## Faithful paraphrases: no finding expected (2)

| Sales line | Brand line | What changed |
|:--|:--|:--|
| sales/call.md:8 | brand/a.md:22 | synonyms |
| sales/email.md:7 | brand/a.md:22; brand/a.md:24 | two messages |

## Everything else

| Sales line | Brand line |
|---|---|
| sales/call.md:1 | brand/a.md:1 |
";
        let notes = parse_notes(text);
        assert!(notes.problems.is_empty(), "{:?}", notes.problems);
        assert_eq!(notes.marked.len(), 3);
        assert_eq!(
            notes.marked[&("sales/call.md".into(), 11)],
            gold(&[("brand/a.md", 28), ("brand/b.md", 7)])
        );
        assert_eq!(notes.marked[&("sales/call.md".into(), 21)], gold(&[]));
        assert_eq!(
            notes.marked[&("sales/email.md".into(), 9)],
            gold(&[("brand/a.md", 38)])
        );
        assert_eq!(notes.paraphrases.len(), 2);
        assert_eq!(
            notes.paraphrases[&("sales/email.md".into(), 7)],
            gold(&[("brand/a.md", 22), ("brand/a.md", 24)])
        );
        let bad = parse_notes("## Marked lines\n\n| Sales line | Brand counterpart |\n|---|---|\n| sales/x.md | brand/a.md:1 |\n");
        assert_eq!(bad.problems.len(), 1);
    }

    #[test]
    fn shared_notes_parse_whole() {
        // Every row of the dev set's notes is understood (when it is here).
        let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/alignment-dev");
        let Ok(dirs) = std::fs::read_dir(&shared) else {
            return;
        };
        for dir in dirs
            .map(|d| d.unwrap().path())
            .filter(|d| d.join("NOTES.md").is_file())
        {
            let notes = parse_notes(&std::fs::read_to_string(dir.join("NOTES.md")).unwrap());
            assert!(
                notes.problems.is_empty(),
                "{}: {:?}",
                dir.display(),
                notes.problems
            );
            assert!(
                !notes.marked.is_empty() && !notes.paraphrases.is_empty(),
                "{}",
                dir.display()
            );
        }
    }
}

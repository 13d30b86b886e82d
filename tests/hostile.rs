//! Hostile input: whatever a content repo, config or rule pack contains,
//! `onmessage check` ends in bounded time with exit 0/1 and at most one-line
//! warnings, or (config and rule packs only) a one-line error and exit 2.
//! Never a panic, never a hang. Inputs are generated here, not checked in.

use std::fs;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::Value;

/// Generous: debug builds on a shared 2-core machine. A hang still fails.
const TIMEOUT: Duration = Duration::from_secs(120);

const CONFIG: &str = "brand:\n  - \"brand/**/*.md\"\nsales:\n  - \"sales/**/*.md\"\n";

const BRAND: &str =
    "---\nproduct: Acme Flow\nterms:\n  - use: Acme Flow\n    not: [AcmeFlow]\n---\n\
# Acme Flow messaging\n\n## Key messages\n\n- Acme Flow cuts onboarding time by up to 40%.\n\
- Acme Flow never stores customer credentials.\n";

/// A small content repo in a temporary folder.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.write("onmessage.yml", CONFIG);
        repo.write("brand/messaging.md", BRAND);
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }

    /// `onmessage check --format json` in the repo, killed after `TIMEOUT`.
    fn check(&self, extra: &[&str]) -> Output {
        let started = Instant::now();
        let output = Command::cargo_bin("onmessage")
            .unwrap()
            .current_dir(self.path())
            .args(["check", "--format", "json", "--fail-on", "never"])
            .args(extra)
            .timeout(TIMEOUT)
            .output()
            .unwrap();
        assert!(
            started.elapsed() < TIMEOUT,
            "check did not finish within {TIMEOUT:?}"
        );
        output
    }
}

/// How many files the run analysed (brand and sales).
fn files(json: &Value) -> u64 {
    json["summary"]["files"].as_u64().expect("summary.files")
}

/// The rules that fired on `path`.
fn rules_on(json: &Value, path: &str) -> Vec<String> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == path)
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// No panic, no backtrace, every message on stderr a single prefixed line.
fn assert_tidy_stderr(output: &Output) {
    let err = stderr(output);
    assert!(!err.contains("panicked"), "panic: {err}");
    assert!(!err.contains("RUST_BACKTRACE"), "panic: {err}");
    for line in err.lines() {
        assert!(
            line.starts_with("warning: ") || line.starts_with("error: "),
            "stderr line without a prefix (a multi-line message?): {line:?}\n{err}"
        );
    }
}

/// The run survived the input: exit 0 (findings are not failures with
/// `--fail-on never`), tidy stderr, valid JSON on stdout. Returns the JSON.
fn assert_survived(output: &Output) -> Value {
    assert_tidy_stderr(output);
    assert_eq!(
        output.status.code(),
        Some(0),
        "exit status {:?}, stderr: {}",
        output.status,
        stderr(output)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is the JSON report")
}

/// The run refused the input: exit 2 and a one-line `error:` naming `file`.
fn assert_refused(output: &Output, file: &str) -> String {
    assert_tidy_stderr(output);
    assert_eq!(
        output.status.code(),
        Some(2),
        "exit status {:?}, stderr: {}",
        output.status,
        stderr(output)
    );
    let err = stderr(output);
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 1, "exactly one error line: {err}");
    assert!(errors[0].contains(file), "the error names {file}: {err}");
    errors[0].to_string()
}

// ---------------------------------------------------------------- content files

#[test]
fn empty_file() {
    let repo = Repo::new();
    repo.write("sales/empty.md", "");
    let output = repo.check(&[]);
    assert_eq!(files(&assert_survived(&output)), 2);
    assert_eq!(stderr(&output), "");
}

#[test]
fn front_matter_only() {
    let repo = Repo::new();
    repo.write("sales/fm.md", "---\ntitle: Only front matter\n---\n");
    repo.write("sales/fm-no-newline.md", "---\ntitle: x\n---");
    let json = assert_survived(&repo.check(&[]));
    assert_eq!(files(&json), 3);
    assert!(rules_on(&json, "sales/fm.md").is_empty());
    assert!(rules_on(&json, "sales/fm-no-newline.md").is_empty());
}

#[test]
fn unterminated_front_matter() {
    let repo = Repo::new();
    repo.write(
        "sales/open.md",
        "---\ntitle: never closed\n\nRep: AcmeFlow cuts onboarding time by 90%.\n",
    );
    repo.write("sales/dashes.md", "---");
    assert_eq!(files(&assert_survived(&repo.check(&[]))), 3);
}

#[test]
fn twenty_megabyte_single_line() {
    let repo = Repo::new();
    // An inline image pasted as a data URI: one 20 MB line with a little prose.
    let blob = "iVBORw0KGgoAAAANSUhEUgAA".repeat(20_000_000 / 24);
    repo.write(
        "sales/one-line.md",
        format!("Rep: AcmeFlow cuts onboarding time by 40%. ![chart](data:image/png;base64,{blob}) Ask about their stack."),
    );
    // 100 KB of prose on one line, findings in every sentence: positions on
    // it must not cost the whole line each. (Kept small: every sentence is a
    // claim, and a debug build aligns only a few hundred a second.)
    let sentence = "Rep: AcmeFlow cuts onboarding time by 40% for every team. ";
    repo.write(
        "sales/long-prose.md",
        sentence.repeat(100_000 / sentence.len()),
    );
    let human = repo.path().join("human.txt");
    let output = format!("human={}", human.display());
    let json = assert_survived(&repo.check(&["--output", &output]));
    assert_eq!(files(&json), 3);
    assert!(rules_on(&json, "sales/one-line.md").contains(&"terms.replaced".to_string()));
    // The terminal gets a window around each span, not the 20 MB line.
    let printed = std::fs::read_to_string(&human).unwrap();
    let longest = printed.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(longest < 400, "a {longest}-character line was printed");
    assert!(
        printed.contains("…"),
        "no window marker in the human output"
    );
}

#[test]
fn fifty_thousand_nested_quotes_and_lists() {
    let repo = Repo::new();
    let depth = 50_000;
    repo.write(
        "sales/quotes.md",
        format!("{}Rep: AcmeFlow is deep.\n", "> ".repeat(depth)),
    );
    repo.write(
        "sales/lists.md",
        format!("{}Rep: AcmeFlow is deep.\n", "- ".repeat(depth)),
    );
    repo.write(
        "sales/mixed.md",
        format!("{}Rep: AcmeFlow is deep.\n", "> 1. ".repeat(depth / 2)),
    );
    // One level per line: each line opens a quote one deeper than the last.
    let mut lines = String::new();
    for i in 1..=5_000 {
        lines.push_str(&">".repeat(i));
        lines.push_str(" AcmeFlow\n");
    }
    repo.write("sales/staircase.md", lines);
    assert_eq!(files(&assert_survived(&repo.check(&[]))), 5);
}

#[test]
fn nul_bytes() {
    let repo = Repo::new();
    repo.write("sales/nul.md", b"Rep: AcmeFlow\0 is fast.\n".as_slice());
    let output = repo.check(&[]);
    assert_eq!(files(&assert_survived(&output)), 1);
    assert_eq!(
        stderr(&output),
        "warning: sales/nul.md: skipped: binary file (contains NUL bytes)\n"
    );
    // A skipped file is only fatal when asked for.
    let strict = repo.check(&["--strict"]);
    assert_tidy_stderr(&strict);
    assert_eq!(strict.status.code(), Some(2));
}

#[test]
fn invalid_utf8_in_the_middle() {
    let repo = Repo::new();
    let mut bytes = b"Rep: AcmeFlow is fast.\n".repeat(100);
    bytes.extend_from_slice(&[0xff, 0xfe, 0xc3, 0x28]);
    bytes.extend_from_slice(b"\nRep: more text.\n");
    repo.write("sales/latin1.md", bytes);
    let output = repo.check(&[]);
    assert_eq!(files(&assert_survived(&output)), 1);
    assert_eq!(
        stderr(&output),
        "warning: sales/latin1.md: skipped: not valid UTF-8 (at byte 2300)\n"
    );
}

#[test]
fn crlf_mixed_endings_and_bom() {
    let repo = Repo::new();
    repo.write("sales/crlf.md", "# Call\r\n\r\nRep: AcmeFlow helps.\r\n");
    repo.write(
        "sales/mixed.md",
        "# Call\r\n\nRep: AcmeFlow helps.\rRep: again AcmeFlow.\n\r\n",
    );
    repo.write("sales/bom.md", "\u{feff}Rep: AcmeFlow helps.\n");
    repo.write(
        "sales/bom-fm.md",
        "\u{feff}---\ntitle: x\n---\nRep: AcmeFlow.\n",
    );
    repo.write(
        "sales/bom-bad-fm.md",
        "\u{feff}---\r\ntitle: [unclosed\r\n---\r\nRep: AcmeFlow.\r\n",
    );
    let json = assert_survived(&repo.check(&[]));
    assert_eq!(files(&json), 6);
    assert!(!rules_on(&json, "sales/bom-fm.md").contains(&"input.front-matter".to_string()));
    // Front matter after a BOM is still front matter, so its error is reported.
    assert!(rules_on(&json, "sales/bom-bad-fm.md").contains(&"input.front-matter".to_string()));
}

#[test]
fn rtl_emoji_and_combining_marks() {
    let repo = Repo::new();
    repo.write(
        "sales/unicode.md",
        "# שלום 🙂\n\nRep: مرحبا AcmeFlow 👩‍👩‍👧‍👦 e\u{301}\u{302} AcmeFlow \u{202e}reversed\u{202c}.\n\n| 🙂 | \u{200f}x |\n| --- | --- |\n| AcmeFlow | 1 |\n",
    );
    assert_eq!(files(&assert_survived(&repo.check(&[]))), 2);
}

#[test]
fn five_megabyte_table() {
    let repo = Repo::new();
    let mut table = String::from("| Feature | Us | Them |\n| --- | --- | --- |\n");
    let mut i = 0;
    while table.len() < 5_000_000 {
        // Every hundredth row holds a finding: the rest are plain cells.
        if i % 100 == 0 {
            table.push_str(&format!("| AcmeFlow feature {i} | Yes | No |\n"));
        } else {
            table.push_str(&format!("| Feature {i} | Yes | No |\n"));
        }
        i += 1;
    }
    repo.write("sales/table.md", table);
    assert_eq!(files(&assert_survived(&repo.check(&[]))), 2);
}

#[cfg(unix)]
#[test]
fn symlink_loop_and_symlink_outside_the_repo() {
    use std::os::unix::fs::symlink;
    let repo = Repo::new();
    repo.write("sales/real.md", "Rep: fine.\n");
    fs::create_dir_all(repo.path().join("sales/loop")).unwrap();
    symlink("..", repo.path().join("sales/loop/up")).unwrap();
    symlink("self.md", repo.path().join("sales/self.md")).unwrap();
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("secret.md"),
        "Rep: AcmeFlow eliminates all costs.\n",
    )
    .unwrap();
    symlink(
        outside.path().join("secret.md"),
        repo.path().join("sales/outside.md"),
    )
    .unwrap();
    symlink(outside.path(), repo.path().join("sales/outside-dir")).unwrap();
    let output = repo.check(&[]);
    let json = assert_survived(&output);
    // The brand doc and real.md; neither link target is read.
    assert_eq!(files(&json), 2);
    assert_eq!(stderr(&output), "");
    let text = json.to_string();
    assert!(
        !text.contains("outside"),
        "a symlink out of the repo was followed: {text}"
    );
}

#[cfg(unix)]
#[test]
fn fifo_and_folder_named_like_markdown() {
    let repo = Repo::new();
    repo.write("sales/real.md", "Rep: fine.\n");
    fs::create_dir_all(repo.path().join("sales/x.md")).unwrap();
    repo.write("sales/x.md/inner.md", "Rep: inside a folder named x.md.\n");
    let fifo = repo.path().join("sales/pipe.md");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success(), "mkfifo failed");
    // Opening the FIFO for reading would block forever: the timeout catches a hang.
    let output = repo.check(&[]);
    // The brand doc, real.md and the file inside the folder named x.md.
    assert_eq!(files(&assert_survived(&output)), 3);
    assert!(!stderr(&output).contains("x.md:"), "{}", stderr(&output));
}

#[test]
fn files_deleted_while_the_check_runs() {
    let repo = Repo::new();
    // One file stays, so the sales glob always matches something.
    repo.write("sales/kept.md", "Rep: AcmeFlow is here to stay.\n");
    for i in 0..2_000 {
        repo.write(
            &format!("sales/f{i:04}.md"),
            format!("# Script {i}\n\nRep: AcmeFlow cuts onboarding time by {i}%.\n"),
        );
    }
    let root = repo.path().to_path_buf();
    let deleter = std::thread::spawn(move || {
        for i in (0..2_000).rev() {
            let _ = fs::remove_file(root.join(format!("sales/f{i:04}.md")));
        }
    });
    let output = repo.check(&[]);
    deleter.join().unwrap();
    assert_survived(&output);
    // A file that vanished is reported by name, one line each, never as a failure.
    for line in stderr(&output).lines() {
        assert!(line.starts_with("warning: sales/f"), "{line}");
    }
}

// ---------------------------------------------------------------- config files

/// Check a repo whose onmessage.yml is `config`: exit 2 with a one-line error naming it.
fn refused_config(config: &[u8]) -> String {
    let repo = Repo::new();
    repo.write("onmessage.yml", config);
    repo.write("sales/a.md", "Rep: fine.\n");
    assert_refused(&repo.check(&[]), "onmessage.yml")
}

#[test]
fn config_syntax_errors_name_file_and_line() {
    let cases: &[(&str, &[u8])] = &[
        ("tab indentation", b"brand:\n\t- \"a/**\"\n"),
        ("unterminated quote", b"brand:\n  - \"a/**\n"),
        ("unclosed flow sequence", b"brand: [a, b\nsales: []\n"),
        ("bad indentation", b"brand:\n  - a\n sales: b\n"),
        ("duplicate key", b"brand: [a]\nbrand: [b]\n"),
        ("undefined alias", b"brand: *nothing\n"),
        ("directive garbage", b"%YAML 9.9\n---\nbrand: []\n"),
        ("two documents", b"brand: []\n---\nsales: []\n"),
    ];
    for (what, config) in cases {
        let error = refused_config(config);
        assert!(
            error.contains("onmessage.yml:"),
            "{what}: error has no location: {error}"
        );
    }
}

#[test]
fn config_schema_errors_name_the_field() {
    let error = refused_config(b"brand: [a]\nsails: [b]\n");
    assert!(error.contains("sails"), "{error}");
    let error = refused_config(b"brand: 42\n");
    assert!(error.contains("brand"), "{error}");
    let error = refused_config(b"speakers:\n  ours: [Rep]\n  thiers: [Buyer]\n");
    assert!(error.contains("thiers"), "{error}");
    let error = refused_config(b"- just\n- a list\n");
    assert!(error.contains("onmessage.yml"), "{error}");
}

#[test]
fn config_that_is_not_utf8_or_not_a_file() {
    refused_config(b"brand: [\xff\xfe]\n");
    refused_config(b"brand: [a]\0\n");
    let repo = Repo::new();
    let output = Command::cargo_bin("onmessage")
        .unwrap()
        .current_dir(repo.path())
        .args(["check", "--config", "brand"])
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    assert_refused(&output, "brand");
}

/// The classic "billion laughs": nine levels of nine aliases each.
fn alias_bomb() -> String {
    let mut yaml = String::from("a0: &a0 [\"lol\"]\n");
    for level in 1..10 {
        let refs = vec![format!("*a{}", level - 1); 9].join(", ");
        yaml.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
    }
    yaml
}

#[test]
fn config_alias_bomb_is_bounded() {
    let started = Instant::now();
    refused_config(alias_bomb().as_bytes());
    let mut nested = alias_bomb();
    nested.push_str("brand: *a9\n");
    refused_config(nested.as_bytes());
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn config_deep_nesting_is_bounded() {
    // libyaml's time grows with the square of the flow depth: refused before parsing.
    let started = Instant::now();
    let deep = format!("brand: {}a{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let error = refused_config(deep.as_bytes());
    assert!(error.contains("onmessage.yml:1:"), "{error}");
    let deep_map = format!("brand: {}\n", "{a: ".repeat(50_000) + &"}".repeat(50_000));
    refused_config(deep_map.as_bytes());
    // Block nesting costs its own size in indentation, so it stays cheap.
    let mut block = String::from("brand:\n");
    for i in 1..2_000 {
        block.push_str(&" ".repeat(i));
        block.push_str("a:\n");
    }
    refused_config(block.as_bytes());
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn front_matter_bombs_in_content_files_are_bounded() {
    let repo = Repo::new();
    repo.write(
        "sales/deep.md",
        format!(
            "---\ntitle: {}x{}\n---\nRep: hi.\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    );
    repo.write(
        "sales/laughs.md",
        format!("---\n{}---\nRep: hi.\n", alias_bomb()),
    );
    let started = Instant::now();
    let json = assert_survived(&repo.check(&[]));
    assert!(started.elapsed() < Duration::from_secs(30));
    // Unusable front matter is a finding on the file, not the end of the run.
    assert_eq!(rules_on(&json, "sales/deep.md"), ["input.front-matter"]);
    assert_eq!(rules_on(&json, "sales/laughs.md"), ["input.front-matter"]);
}

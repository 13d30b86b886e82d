//! `check --fix`: apply the safe fixes findings carry, without ever losing data.
//!
//! A file is rewritten only when it is byte-for-byte what the analysis read
//! (anything else means someone edited it meanwhile), through a temporary file
//! in the same folder that is renamed over the original, so a crash leaves
//! either the old or the new file and never half of one. Overlapping fixes are
//! resolved by keeping the first; applying the fixes of an analysis of the
//! fixed files changes nothing. With `diff_only`, a unified diff is written
//! instead and no file is touched.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::pipeline::{Analysis, FileAnalysis};

/// What `apply_fixes` did (or, with `diff_only`, would do).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FixOutcome {
    /// Files rewritten (or shown in the diff).
    pub files: usize,
    /// Fixes applied (or shown).
    pub applied: usize,
    /// Fixes left out because they overlap an earlier fix in the same file
    /// (a second run, after the first fix is in, may apply them).
    pub overlapping: usize,
    /// Indices into `Analysis::findings` whose fix was applied (or shown).
    pub fixed: Vec<usize>,
    /// One line per file that was left alone: changed since it was read,
    /// unreadable, a symlink, or a write that failed.
    pub refused: Vec<String>,
}

/// One edit: replace `start..end` of the source with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Edit<'a> {
    start: usize,
    end: usize,
    replacement: &'a str,
    finding: usize,
}

/// Apply every fix of `analysis.findings` (or, with `diff_only`, print them
/// as a unified diff), and drop the findings that were fixed: they are no
/// longer findings.
pub fn apply(
    root: &Path,
    analysis: &mut Analysis,
    diff_only: bool,
    out: &mut dyn Write,
) -> Result<FixOutcome> {
    let outcome = apply_fixes(root, analysis, diff_only, out)?;
    if !diff_only {
        let fixed: std::collections::HashSet<usize> = outcome.fixed.iter().copied().collect();
        let mut index = 0;
        analysis.findings.retain(|_| {
            index += 1;
            !fixed.contains(&(index - 1))
        });
    }
    Ok(outcome)
}

/// Apply (or, with `diff_only`, print as a unified diff) every fix of
/// `analysis.findings`. Paths are relative to `root` (the config's folder).
/// Problems with single files are listed in `FixOutcome::refused`; only a
/// failure to write `out` is an error.
pub fn apply_fixes(
    root: &Path,
    analysis: &Analysis,
    diff_only: bool,
    out: &mut dyn Write,
) -> Result<FixOutcome> {
    let mut by_path: BTreeMap<&str, Vec<Edit<'_>>> = BTreeMap::new();
    for (i, finding) in analysis.findings.iter().enumerate() {
        if let Some(fix) = &finding.fix {
            by_path.entry(&finding.path).or_default().push(Edit {
                start: fix.start,
                end: fix.end,
                replacement: &fix.replacement,
                finding: i,
            });
        }
    }

    let mut outcome = FixOutcome::default();
    for (path, edits) in by_path {
        let Some(file) = find_file(analysis, path) else {
            outcome
                .refused
                .push(format!("{path}: not fixed: the file was not analysed"));
            continue;
        };
        let source = &file.doc.source;
        let (edits, overlapping) = usable_edits(source, edits);
        outcome.overlapping += overlapping;
        let fixed = apply_edits(source, &edits);
        if fixed == *source {
            continue;
        }
        let abs = root.join(path);
        if let Err(reason) = unchanged_since_read(&abs, source) {
            outcome.refused.push(format!("{path}: not fixed: {reason}"));
            continue;
        }
        if diff_only {
            write_diff(out, path, source, &edits)
                .map_err(|e| Error::new(format!("writing the diff: {e}")))?;
        } else if let Err(e) = write_atomically(&abs, fixed.as_bytes()) {
            outcome.refused.push(format!("{path}: not fixed: {e}"));
            continue;
        }
        outcome.files += 1;
        outcome.applied += edits.len();
        outcome.fixed.extend(edits.iter().map(|e| e.finding));
    }
    outcome.fixed.sort_unstable();
    Ok(outcome)
}

fn find_file<'a>(analysis: &'a Analysis, path: &str) -> Option<&'a FileAnalysis> {
    analysis
        .sales
        .iter()
        .chain(analysis.brand.iter())
        .find(|f| f.doc.path == path)
}

/// Sort edits, drop the ones that do not fit the source, identical duplicates
/// (two rules proposing the same fix) and edits overlapping an earlier one.
/// Returns the edits to apply and how many were dropped for overlapping.
fn usable_edits<'a>(source: &str, mut edits: Vec<Edit<'a>>) -> (Vec<Edit<'a>>, usize) {
    edits.retain(|e| {
        e.start <= e.end
            && e.end <= source.len()
            && source.is_char_boundary(e.start)
            && source.is_char_boundary(e.end)
            && source[e.start..e.end] != *e.replacement
    });
    edits.sort_by(|a, b| {
        (a.start, a.end, a.replacement, a.finding).cmp(&(b.start, b.end, b.replacement, b.finding))
    });
    let mut kept: Vec<Edit<'a>> = Vec::with_capacity(edits.len());
    let mut overlapping = 0;
    for edit in edits {
        match kept.last() {
            Some(last)
                if last.start == edit.start
                    && last.end == edit.end
                    && last.replacement == edit.replacement => {}
            // Two insertions at one point, or an edit starting inside the previous one.
            Some(last) if edit.start < last.end || edit.start == last.start => overlapping += 1,
            _ => kept.push(edit),
        }
    }
    (kept, overlapping)
}

/// The source with sorted, non-overlapping edits applied.
fn apply_edits(source: &str, edits: &[Edit<'_>]) -> String {
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for edit in edits {
        out.push_str(&source[at..edit.start]);
        out.push_str(edit.replacement);
        at = edit.end;
    }
    out.push_str(&source[at..]);
    out
}

/// Refuse a file that is not exactly what was analysed, or that is a symlink
/// (renaming over it would replace the link, and its target may lie outside the repo).
fn unchanged_since_read(path: &Path, source: &str) -> std::result::Result<(), String> {
    let meta = fs::symlink_metadata(path).map_err(|e| e.to_string())?;
    if meta.file_type().is_symlink() {
        return Err("it is a symbolic link".into());
    }
    if !meta.is_file() {
        return Err("it is not a regular file".into());
    }
    let now = fs::read(path).map_err(|e| e.to_string())?;
    if now != source.as_bytes() {
        return Err("it changed since it was read; run the check again".into());
    }
    Ok(())
}

/// Write `contents` to `path` through a temporary file in the same folder and
/// a rename, keeping the file's permissions.
fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let permissions = fs::metadata(path)?.permissions();
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (temp_path, mut temp) = create_temp(&dir, &name)?;
    let written = temp
        .write_all(contents)
        .and_then(|_| temp.set_permissions(permissions))
        .and_then(|_| temp.sync_all())
        .and_then(|_| {
            drop(temp);
            fs::rename(&temp_path, path)
        });
    if written.is_err() {
        let _ = fs::remove_file(&temp_path);
    }
    written
}

/// A new, exclusively created file beside the one being replaced.
fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, fs::File)> {
    let pid = std::process::id();
    let mut last_error = None;
    for attempt in 0..64 {
        let candidate = dir.join(format!(".{name}.onmessage-fix-{pid}-{attempt}.tmp"));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => return Ok((candidate, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last_error = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last_error.unwrap_or_else(|| io::Error::other("no free temporary file name")))
}

/// Lines of context around each change, as `diff -u` and git print.
const CONTEXT: usize = 3;

/// One changed stretch: old lines `first..=last` (0-based) become `new`.
struct Region {
    first: usize,
    last: usize,
    new: Vec<String>,
}

/// Print the edits as a unified diff of `path`.
fn write_diff(out: &mut dyn Write, path: &str, source: &str, edits: &[Edit<'_>]) -> io::Result<()> {
    let old: Vec<&str> = source.split_inclusive('\n').collect();
    let starts: Vec<usize> = old
        .iter()
        .scan(0, |at, line| {
            let start = *at;
            *at += line.len();
            Some(start)
        })
        .collect();
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);

    // Group edits by the old lines they touch; edits sharing a line form one region.
    let mut groups: Vec<(usize, usize, Vec<&Edit<'_>>)> = Vec::new();
    for edit in edits {
        let first = line_of(edit.start);
        let last = line_of(edit.end.saturating_sub(1).max(edit.start));
        match groups.last_mut() {
            Some(group) if first <= group.1 => {
                group.1 = group.1.max(last);
                group.2.push(edit);
            }
            _ => groups.push((first, last, vec![edit])),
        }
    }
    let regions: Vec<Region> = groups
        .into_iter()
        .map(|(first, last, edits)| {
            let base = starts[first];
            let end = starts[last] + old[last].len();
            let mut text = String::new();
            let mut at = base;
            for edit in edits {
                text.push_str(&source[at..edit.start]);
                text.push_str(edit.replacement);
                at = edit.end;
            }
            text.push_str(&source[at..end]);
            Region {
                first,
                last,
                new: text.split_inclusive('\n').map(str::to_string).collect(),
            }
        })
        .collect();

    writeln!(out, "--- a/{}", escape_controls(path))?;
    writeln!(out, "+++ b/{}", escape_controls(path))?;
    // Lines added minus lines removed by the regions before the current hunk.
    let mut shift: isize = 0;
    let mut i = 0;
    while i < regions.len() {
        // Regions whose context windows touch share a hunk.
        let mut j = i;
        while j + 1 < regions.len() && regions[j + 1].first <= regions[j].last + 2 * CONTEXT + 1 {
            j += 1;
        }
        let from = regions[i].first.saturating_sub(CONTEXT);
        let to = (regions[j].last + CONTEXT).min(old.len() - 1);
        let old_count = to - from + 1;
        let hunk_shift: isize = regions[i..=j]
            .iter()
            .map(|r| r.new.len() as isize - (r.last - r.first + 1) as isize)
            .sum();
        let new_count = (old_count as isize + hunk_shift) as usize;
        let new_from = from as isize + shift;
        writeln!(
            out,
            "@@ -{} +{} @@",
            hunk_range(from + 1, old_count),
            hunk_range((new_from + 1) as usize, new_count)
        )?;
        let mut line = from;
        for region in &regions[i..=j] {
            for context in &old[line..region.first] {
                write_line(out, ' ', context)?;
            }
            for removed in &old[region.first..=region.last] {
                write_line(out, '-', removed)?;
            }
            for added in &region.new {
                write_line(out, '+', added)?;
            }
            line = region.last + 1;
        }
        for context in &old[line..=to] {
            write_line(out, ' ', context)?;
        }
        shift += hunk_shift;
        i = j + 1;
    }
    Ok(())
}

/// `start,count` as unified diffs write it (an empty range names the line before).
fn hunk_range(start: usize, count: usize) -> String {
    match count {
        0 => format!("{},0", start - 1),
        1 => start.to_string(),
        _ => format!("{start},{count}"),
    }
}

fn write_line(out: &mut dyn Write, marker: char, line: &str) -> io::Result<()> {
    match line.strip_suffix('\n') {
        Some(body) => writeln!(out, "{marker}{}", escape_controls(body)),
        None => {
            writeln!(out, "{marker}{}", escape_controls(line))?;
            writeln!(out, "\\ No newline at end of file")
        }
    }
}

/// Terminal control characters from content must not reach the terminal
/// (an ESC could recolour or rewrite the screen): show them as `\u{…}`.
fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let is_control = |c: char| c.is_control() && c != '\t' && c != '\r';
    if !text.chars().any(is_control) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if is_control(c) {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Finding, Severity};
    use crate::markdown::{Doc, FrontMatter, LineIndex, Role};

    fn doc(path: &str, source: &str) -> Doc {
        Doc {
            path: path.to_string(),
            source: source.to_string(),
            lines: LineIndex::new(source),
            front_matter: FrontMatter::default(),
            front_matter_error: None,
            blocks: Vec::new(),
            directives: Vec::new(),
        }
    }

    /// What a `replace` rule would report: every occurrence of `from` becomes `to`.
    fn replace_findings(doc: &Doc, from: &str, to: &str) -> Vec<Finding> {
        doc.source
            .match_indices(from)
            .map(|(at, _)| {
                let span = at..at + from.len();
                Finding::at(
                    "terms.replaced",
                    Severity::Warning,
                    &doc.path,
                    &doc.source,
                    &doc.lines,
                    span.clone(),
                    format!("say `{to}`, not `{from}`"),
                )
                .with_fix(&doc.source, &doc.lines, span, to)
            })
            .collect()
    }

    /// Read the files back from disk and analyse them like a run would.
    fn analysis_of(root: &Path, paths: &[&str], from: &str, to: &str) -> Analysis {
        let mut analysis = Analysis::default();
        for path in paths {
            let text = fs::read_to_string(root.join(path)).unwrap();
            let doc = doc(path, &text);
            analysis.findings.extend(replace_findings(&doc, from, to));
            analysis.sales.push(FileAnalysis {
                doc,
                role: Role::Sales,
                claims: Vec::new(),
                matches: Vec::new(),
            });
        }
        analysis
    }

    fn run(root: &Path, analysis: &Analysis, diff_only: bool) -> (FixOutcome, String) {
        let mut out = Vec::new();
        let outcome = apply_fixes(root, analysis, diff_only, &mut out).unwrap();
        (outcome, String::from_utf8(out).unwrap())
    }

    #[test]
    fn applies_fixes_and_a_second_run_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let text = "# Pitch\n\nRep: AcmeFlow saves time. AcmeFlow is fast.\n\nRep: Try AcmeFlow.\n";
        fs::write(dir.path().join("a.md"), text).unwrap();
        let analysis = analysis_of(dir.path(), &["a.md"], "AcmeFlow", "Acme Flow");
        let (outcome, out) = run(dir.path(), &analysis, false);
        assert_eq!(outcome.files, 1);
        assert_eq!(outcome.applied, 3);
        assert_eq!(outcome.fixed, vec![0, 1, 2]);
        assert!(outcome.refused.is_empty());
        assert!(out.is_empty());
        let fixed = fs::read_to_string(dir.path().join("a.md")).unwrap();
        assert_eq!(
            fixed,
            "# Pitch\n\nRep: Acme Flow saves time. Acme Flow is fast.\n\nRep: Try Acme Flow.\n"
        );

        let again = analysis_of(dir.path(), &["a.md"], "AcmeFlow", "Acme Flow");
        let (outcome, _) = run(dir.path(), &again, false);
        assert_eq!(outcome, FixOutcome::default());
        assert_eq!(fs::read_to_string(dir.path().join("a.md")).unwrap(), fixed);
    }

    /// The real pipeline: brand front matter retires `AcmeFlow`, `terms.replaced`
    /// attaches fixes, `apply_fixes` writes them, and a second run finds nothing.
    #[test]
    fn terms_replaced_fixes_through_the_whole_pipeline_are_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |rel: &str, text: &str| {
            let path = root.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        };
        write(
            "onmessage.yml",
            "brand: [\"brand/**/*.md\"]\nsales: [\"sales/**/*.md\"]\n",
        );
        write(
            "brand/guide.md",
            "---\nterms:\n  - use: Acme Flow\n    not: [AcmeFlow]\n---\n# Guide\n\nAcme Flow syncs data in real time.\n",
        );
        let script =
            "# Call\n\n**Rep:** AcmeFlow syncs data in real time.\n\n- Try *AcmeFlow* today\n";
        write("sales/call.md", script);
        let config = crate::config::Config::load(&root.join("onmessage.yml")).unwrap();
        let settings = config
            .settings(&crate::config::RunOptions::default())
            .unwrap();

        let first = crate::pipeline::analyze(&settings).unwrap();
        let (outcome, _) = run(root, &first, false);
        assert_eq!(outcome.files, 1, "{:?}", first.findings);
        assert_eq!(outcome.applied, 2);
        let fixed = fs::read_to_string(root.join("sales/call.md")).unwrap();
        assert_eq!(
            fixed,
            "# Call\n\n**Rep:** Acme Flow syncs data in real time.\n\n- Try *Acme Flow* today\n"
        );

        let second = crate::pipeline::analyze(&settings).unwrap();
        assert!(second.findings.iter().all(|f| f.fix.is_none()));
        let (outcome, _) = run(root, &second, false);
        assert_eq!(outcome, FixOutcome::default());
        assert_eq!(
            fs::read_to_string(root.join("sales/call.md")).unwrap(),
            fixed
        );
    }

    #[test]
    fn refuses_a_file_changed_since_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.md"), "Rep: AcmeFlow rocks.\n").unwrap();
        let analysis = analysis_of(dir.path(), &["a.md"], "AcmeFlow", "Acme Flow");
        let edited = "Rep: AcmeFlow rocks.\nRep: a line someone just added.\n";
        fs::write(dir.path().join("a.md"), edited).unwrap();
        let (outcome, _) = run(dir.path(), &analysis, false);
        assert_eq!(outcome.files, 0);
        assert_eq!(outcome.refused.len(), 1);
        assert!(outcome.refused[0].starts_with("a.md: not fixed: it changed"));
        assert_eq!(fs::read_to_string(dir.path().join("a.md")).unwrap(), edited);
    }

    #[test]
    fn refuses_a_deleted_file_without_recreating_it() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.md"), "Rep: AcmeFlow rocks.\n").unwrap();
        let analysis = analysis_of(dir.path(), &["a.md"], "AcmeFlow", "Acme Flow");
        fs::remove_file(dir.path().join("a.md")).unwrap();
        let (outcome, _) = run(dir.path(), &analysis, false);
        assert_eq!(outcome.refused.len(), 1);
        assert!(!dir.path().join("a.md").exists());
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_leaves_no_temporary_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "Rep: AcmeFlow rocks.\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let analysis = analysis_of(dir.path(), &["a.md"], "AcmeFlow", "Acme Flow");
        let (outcome, _) = run(dir.path(), &analysis, false);
        assert_eq!(outcome.files, 1);
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.md")]);
    }

    #[cfg(unix)]
    #[test]
    fn refuses_to_write_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("real.md");
        fs::write(&target, "Rep: AcmeFlow rocks.\n").unwrap();
        std::os::unix::fs::symlink(&target, dir.path().join("a.md")).unwrap();
        let analysis = analysis_of(dir.path(), &["a.md"], "AcmeFlow", "Acme Flow");
        let (outcome, _) = run(dir.path(), &analysis, false);
        assert_eq!(outcome.files, 0);
        assert!(outcome.refused[0].contains("symbolic link"));
        assert_eq!(
            fs::read_to_string(&target).unwrap(),
            "Rep: AcmeFlow rocks.\n"
        );
    }

    #[test]
    fn overlapping_fixes_keep_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let text = "Rep: Acme Flow Cloud is here.\n";
        fs::write(dir.path().join("a.md"), text).unwrap();
        let mut analysis = analysis_of(dir.path(), &["a.md"], "Acme Flow Cloud", "Acme Flow");
        let d = &analysis.sales[0].doc;
        let later = replace_findings(d, "Flow Cloud", "Flow");
        let duplicate = replace_findings(d, "Acme Flow Cloud", "Acme Flow");
        analysis.findings.extend(later);
        analysis.findings.extend(duplicate);
        let (outcome, _) = run(dir.path(), &analysis, false);
        assert_eq!(outcome.applied, 1);
        assert_eq!(outcome.overlapping, 1);
        assert_eq!(
            fs::read_to_string(dir.path().join("a.md")).unwrap(),
            "Rep: Acme Flow is here.\n"
        );
    }

    #[test]
    fn fixes_outside_the_source_or_inside_a_character_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let text = "Rep: héllo\n";
        fs::write(dir.path().join("a.md"), text).unwrap();
        let mut analysis = analysis_of(dir.path(), &["a.md"], "nothing", "x");
        let d = &analysis.sales[0].doc;
        let bad = |start: usize, end: usize| {
            let mut f = Finding::at(
                "t.x",
                Severity::Info,
                "a.md",
                &d.source,
                &d.lines,
                0..1,
                "m",
            );
            f.fix = Some(crate::diagnostic::Fix {
                replacement: "X".into(),
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 1,
                start,
                end,
            });
            f
        };
        let findings = vec![bad(7, 8), bad(5, 100), bad(9, 3)];
        analysis.findings.extend(findings);
        let (outcome, _) = run(dir.path(), &analysis, false);
        assert_eq!(outcome, FixOutcome::default());
        assert_eq!(fs::read_to_string(dir.path().join("a.md")).unwrap(), text);
    }

    #[test]
    fn diff_prints_a_unified_diff_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::new();
        for i in 1..=20 {
            text.push_str(&format!("line {i}\n"));
        }
        text = text.replace("line 2\n", "Rep: AcmeFlow is fast.\n");
        text = text.replace("line 4\n", "Rep: AcmeFlow and AcmeFlow.\n");
        text = text.replace("line 18\n", "Rep: AcmeFlow again.\n");
        text.push_str("AcmeFlow"); // no newline at the end
        fs::write(dir.path().join("s.md"), &text).unwrap();
        let analysis = analysis_of(dir.path(), &["s.md"], "AcmeFlow", "Acme\nFlow");
        let (outcome, diff) = run(dir.path(), &analysis, true);
        assert_eq!(outcome.files, 1);
        assert_eq!(outcome.applied, 5);
        assert_eq!(fs::read_to_string(dir.path().join("s.md")).unwrap(), text);
        let expected = "\
--- a/s.md
+++ b/s.md
@@ -1,7 +1,10 @@
 line 1
-Rep: AcmeFlow is fast.
+Rep: Acme
+Flow is fast.
 line 3
-Rep: AcmeFlow and AcmeFlow.
+Rep: Acme
+Flow and Acme
+Flow.
 line 5
 line 6
 line 7
@@ -15,7 +18,9 @@
 line 15
 line 16
 line 17
-Rep: AcmeFlow again.
+Rep: Acme
+Flow again.
 line 19
 line 20
-AcmeFlow
\\ No newline at end of file
+Acme
+Flow
\\ No newline at end of file
";
        assert_eq!(diff, expected);
    }

    #[test]
    fn diff_escapes_terminal_control_characters() {
        let dir = tempfile::tempdir().unwrap();
        let text = "Rep: \u{1b}[2J AcmeFlow\n";
        fs::write(dir.path().join("e.md"), text).unwrap();
        let analysis = analysis_of(dir.path(), &["e.md"], "AcmeFlow", "Acme Flow");
        let (_, diff) = run(dir.path(), &analysis, true);
        assert!(!diff.contains('\u{1b}'));
        assert!(diff.contains("-Rep: \\u{1b}[2J AcmeFlow\n"));
    }
}

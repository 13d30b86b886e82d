//! The report's header: which repo, which day, which commit, so a copy that
//! is forwarded or attached to a ticket still says what it describes.

use std::path::Path;
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

/// Where and when a report was made.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Header {
    /// The git work tree's folder name, else the config's folder name.
    pub repo: String,
    /// The day the report was written, `YYYY-MM-DD` (UTC).
    pub date: String,
    /// The short commit id of `HEAD`, when the repo is in git.
    pub commit: Option<String>,
    /// Tracked files differ from that commit.
    pub uncommitted_changes: bool,
}

impl Header {
    /// The header for a report on the repo at `root`, written today.
    /// `SOURCE_DATE_EPOCH` (seconds) fixes the date, for reproducible files.
    pub fn gather(root: &Path) -> Header {
        let seconds = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or_else(|| {
                SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64)
            });
        let toplevel = git(root, &["rev-parse", "--show-toplevel"]);
        let commit = toplevel
            .as_ref()
            .and_then(|_| git(root, &["rev-parse", "--short", "HEAD"]));
        // Untracked files are left out: the report itself is usually one.
        let uncommitted_changes = commit.is_some()
            && git(root, &["status", "--porcelain", "--untracked-files=no"])
                .is_some_and(|s| !s.is_empty());
        let folder = |p: &Path| {
            let p = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string())
        };
        let repo = match &toplevel {
            Some(top) => folder(Path::new(top)),
            None => folder(root),
        };
        Header {
            repo,
            date: date(seconds),
            commit,
            uncommitted_changes,
        }
    }
}

/// `git -C root ARGS`'s trimmed output, or `None` when git is missing or fails.
fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Seconds since 1970 as a UTC calendar date (`YYYY-MM-DD`), by the
/// days-to-civil algorithm (proleptic Gregorian calendar).
fn date(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc_calendar_days() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(951_782_400), "2000-02-29");
        assert_eq!(date(1_795_000_000), "2026-11-18");
        assert_eq!(date(1_796_083_199), "2026-11-30");
        assert_eq!(date(-1), "1969-12-31");
    }
}

//! `onmessage.yml`: which files are brand docs and which are sales material,
//! speakers, alignment thresholds and rule packs; and its resolution, with
//! the command line's choices, into one settings value per stage.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::align::AlignSettings;
use crate::baseline::Baseline;
use crate::changed::ChangedSettings;
use crate::claims::ExtractSettings;
use crate::discover::DiscoverSettings;
use crate::error::{Error, Result};
use crate::markdown::{MarkdownSettings, Speakers};
use crate::rules::RulesSettings;
use crate::suppress::SuppressSettings;

pub const CONFIG_FILE: &str = "onmessage.yml";

/// The file as written; every key optional, unknown keys rejected.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ConfigFile {
    #[serde(deserialize_with = "crate::yaml::list::one_or_many")]
    pub brand: Vec<String>,
    /// `None` when the key is absent: every Markdown file that is not a brand
    /// doc is sales. `Some([])` means no sales files.
    #[serde(deserialize_with = "crate::yaml::list::some_one_or_many")]
    pub sales: Option<Vec<String>>,
    #[serde(deserialize_with = "crate::yaml::list::one_or_many")]
    pub exclude: Vec<String>,
    pub speakers: Speakers,
    pub language: Option<String>,
    pub lexicons: Option<String>,
    pub align: AlignSettings,
    pub rules: crate::rules::RulesConfig,
}

/// The configuration as loaded: the file's values (or the defaults) and
/// where it lives. `settings` resolves it for a run.
#[derive(Debug, Default)]
pub struct Config {
    /// Folder that globs and reported paths are relative to.
    pub root: PathBuf,
    /// The config file, if one was found.
    pub file: Option<PathBuf>,
    pub brand: Vec<String>,
    pub sales: Vec<String>,
    /// Whether `sales` was given (in the file or with `--sales`); when it was
    /// not, every Markdown file that is not a brand doc is sales.
    pub sales_listed: bool,
    pub exclude: Vec<String>,
    pub speakers: Speakers,
    pub language: Option<String>,
    /// A folder of lexicon files that extend the built-in ones, relative to `root`.
    pub lexicons: Option<PathBuf>,
    pub align: AlignSettings,
    pub rules: crate::rules::RulesConfig,
}

/// What a run checks, beyond the config: the command line's choices.
#[derive(Debug, Default, Clone)]
pub struct RunOptions {
    /// Sales files or folders to check; empty means every sales file.
    pub paths: Vec<PathBuf>,
    /// `--select`: only these rule ids or groups (empty: all).
    pub select: Vec<String>,
    /// `--ignore`: never these rule ids or groups.
    pub ignore: Vec<String>,
    /// `--explain`: attach match scores to findings.
    pub explain: bool,
    /// `--stdin`: check this text as if it were the file at this path.
    pub stdin: Option<(PathBuf, String)>,
    /// The stdin text is a sales file whatever the globs say of its path
    /// (no `--stdin-filename`: the path is a stand-in).
    pub stdin_is_sales: bool,
    /// The caller reads only `findings` and the docs' source, line index and
    /// directives (to quote lines, fingerprint, fix): sales files' blocks,
    /// claims and matches are then freed as soon as each file is checked
    /// (see `Doc::release_prose`), which keeps peak memory near the size of
    /// the sources. `report` needs them and leaves this off.
    pub findings_only: bool,
    pub baseline: BaselineChoice,
}

/// Which baseline hides known findings.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub enum BaselineChoice {
    /// None (`--no-baseline`, and every command but `check`).
    #[default]
    Off,
    /// `.onmessage-baseline.json` beside the config, when there is one.
    Default,
    /// This file, which must exist (`--baseline FILE`).
    File(PathBuf),
}

/// The files a run reads: sales paths to narrow to, and text given on stdin.
#[derive(Debug, Default, Clone)]
pub struct Input {
    pub paths: Vec<PathBuf>,
    pub stdin: Option<(PathBuf, String)>,
    /// See `RunOptions::stdin_is_sales`.
    pub stdin_is_sales: bool,
}

/// Everything a run needs, resolved once: one value per stage.
#[derive(Debug, Default, Clone)]
pub struct Settings {
    pub input: Input,
    pub discover: DiscoverSettings,
    pub changed: ChangedSettings,
    pub markdown: MarkdownSettings,
    pub extract: ExtractSettings,
    pub align: AlignSettings,
    pub rules: RulesSettings,
    pub suppress: SuppressSettings,
    /// Free each sales file's prose once it is checked (see `RunOptions`).
    pub findings_only: bool,
}

impl Config {
    /// Resolve the config and the run's options into each stage's settings.
    pub fn settings(&self, options: &RunOptions) -> Result<Settings> {
        let discover = self.discover_settings();
        let only_path = options
            .stdin
            .as_ref()
            .map(|(path, _)| crate::discover::relative(&discover, path));
        let baseline_path = match &options.baseline {
            BaselineChoice::Off => None,
            BaselineChoice::Default => {
                Some(Baseline::default_path(&self.root)).filter(|p| p.is_file())
            }
            BaselineChoice::File(path) if !path.is_file() => {
                return Err(Error::new(format!(
                    "{}: baseline file not found",
                    path.display()
                )))
            }
            BaselineChoice::File(path) => Some(path.clone()),
        };
        let baseline = match baseline_path {
            Some(path) => Some((path.clone(), Baseline::load(&path)?)),
            None => None,
        };
        let mut watched: Vec<PathBuf> = self.file.iter().cloned().collect();
        watched.extend(self.rules.packs.iter().map(|p| self.root.join(p)));
        Ok(Settings {
            input: Input {
                paths: options.paths.clone(),
                stdin: options.stdin.clone(),
                stdin_is_sales: options.stdin_is_sales,
            },
            discover,
            changed: ChangedSettings { watched },
            markdown: MarkdownSettings {
                speakers: self.speakers.clone(),
            },
            extract: ExtractSettings {
                lexicon: self.lexicon()?,
                language: self.language.clone(),
                products: Vec::new(),
                product_parts: Vec::new(),
                whole_rows: true,
            },
            align: AlignSettings {
                explain: options.explain,
                ..self.align.clone()
            },
            rules: self.rules_settings(),
            suppress: SuppressSettings {
                rules: self.rules.clone(),
                select: options.select.clone(),
                ignore: options.ignore.clone(),
                explain: options.explain,
                only_path,
                baseline,
                keep_dropped: false,
            },
            findings_only: options.findings_only,
        })
    }

    /// Discovery's settings alone (`init`, `claims` and path resolution need no more).
    pub fn discover_settings(&self) -> DiscoverSettings {
        DiscoverSettings {
            root: self.root.clone(),
            origin: self.file.clone(),
            brand: self.brand.clone(),
            sales: self.sales.clone(),
            sales_listed: self.sales_listed,
            exclude: self.exclude.clone(),
        }
    }

    /// The rules stage's settings alone (`rules list/test/explain`).
    pub fn rules_settings(&self) -> RulesSettings {
        RulesSettings {
            root: self.root.clone(),
            config_file: self.file.clone(),
            config: self.rules.clone(),
        }
    }

    /// The lexicons this run uses: the built-in ones, plus the repo's own.
    pub fn lexicon(&self) -> Result<crate::claims::Lexicon> {
        match &self.lexicons {
            Some(dir) => crate::claims::overrides::load(&self.root.join(dir)),
            None => Ok(crate::claims::Lexicon::builtin()),
        }
    }

    /// Parse a config file's text; errors name the file, line and key.
    pub fn from_yaml(path: &Path, text: &str) -> Result<Config> {
        let file: ConfigFile = if text.trim().is_empty() {
            ConfigFile::default()
        } else {
            crate::yaml::guard::check(text)
                .map_err(|(line, message)| Error::at(path, line, 1, message))?;
            serde_yaml::from_str(text).map_err(|e| Error::yaml_in(path, text, &e))?
        };
        let root = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        Ok(Config {
            root,
            file: Some(path.to_path_buf()),
            brand: file.brand,
            sales_listed: file.sales.is_some(),
            sales: file.sales.unwrap_or_default(),
            exclude: file.exclude,
            speakers: file.speakers,
            language: file.language,
            lexicons: file.lexicons.map(PathBuf::from),
            align: file.align,
            rules: file.rules,
        })
    }

    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Config::from_yaml(path, &text)
    }

    /// Walk up from `start` looking for `onmessage.yml`.
    pub fn find(start: &Path) -> Option<PathBuf> {
        let start = if start.is_absolute() {
            start.to_path_buf()
        } else {
            std::env::current_dir().ok()?.join(start)
        };
        let start = if start.is_file() || !start.exists() {
            start.parent()?.to_path_buf()
        } else {
            start.to_path_buf()
        };
        let start = std::fs::canonicalize(&start).unwrap_or(start);
        start
            .ancestors()
            .map(|dir| dir.join(CONFIG_FILE))
            .find(|p| p.is_file())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::from_yaml(Path::new("repo/onmessage.yml"), text)
    }

    #[test]
    fn reads_globs_speakers_and_rules() {
        let c = parse(
            "brand: [\"messaging/**/*.md\"]\nsales:\n  - sales/**\nexclude: [sales/archive]\nspeakers:\n  ours: [Rep]\n  theirs: [Prospect]\nrules:\n  disable: [risky]\n  severity: {align.unsupported: info}\n",
        )
        .unwrap();
        assert_eq!(c.root, PathBuf::from("repo"));
        assert_eq!(c.brand, vec!["messaging/**/*.md"]);
        assert_eq!(c.sales, vec!["sales/**"]);
        assert_eq!(c.exclude, vec!["sales/archive"]);
        assert_eq!(c.speakers.ours, vec!["Rep"]);
        assert_eq!(c.rules.disable, vec!["risky"]);
        assert_eq!(
            c.rules.severity.get("align.unsupported"),
            Some(&crate::diagnostic::Severity::Info)
        );
    }

    #[test]
    fn an_empty_sales_list_is_told_apart_from_an_absent_one() {
        let listed = parse("brand: [m.md]\nsales: []\n").unwrap();
        assert!(listed.sales.is_empty() && listed.sales_listed);
        assert!(listed.discover_settings().sales_listed);
        let absent = parse("brand: [m.md]\n").unwrap();
        assert!(absent.sales.is_empty() && !absent.sales_listed);
    }

    #[test]
    fn empty_file_is_the_default_config() {
        let c = parse("# nothing yet\n").unwrap();
        assert!(c.brand.is_empty());
        assert_eq!(c.speakers, Speakers::default());
    }

    #[test]
    fn unknown_keys_are_errors_naming_file_key_and_line() {
        let err = parse("brand: [a.md]\nsale: [b.md]\n").unwrap_err();
        assert!(err.message.starts_with("repo/onmessage.yml:2:"), "{err}");
        assert!(err.message.contains("unknown field `sale`"), "{err}");

        let err = parse("speakers:\n  ours: [Rep]\n  others: [X]\n").unwrap_err();
        assert!(err.message.starts_with("repo/onmessage.yml:3:"), "{err}");
        assert!(err.message.contains("`others`"), "{err}");
    }

    #[test]
    fn wrong_types_and_bad_yaml_are_located() {
        let err = parse("brand: {messaging: 1}\n").unwrap_err();
        assert!(err.message.starts_with("repo/onmessage.yml:1:"), "{err}");
        let err = parse("rules:\n  severity: {terms: fatal}\n").unwrap_err();
        assert!(err.message.starts_with("repo/onmessage.yml:2:"), "{err}");
        let err = parse("brand: [a\n").unwrap_err();
        assert!(err.message.starts_with("repo/onmessage.yml:"), "{err}");
    }

    #[test]
    fn find_walks_up_from_a_file_or_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("sales/calls")).unwrap();
        std::fs::write(root.join(CONFIG_FILE), "brand: []\n").unwrap();
        std::fs::write(root.join("sales/calls/a.md"), "hi\n").unwrap();
        let want = std::fs::canonicalize(root.join(CONFIG_FILE)).unwrap();
        assert_eq!(
            Config::find(&root.join("sales/calls/a.md")),
            Some(want.clone())
        );
        assert_eq!(Config::find(&root.join("sales")), Some(want));
    }
}

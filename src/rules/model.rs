//! The rule-pack file format, exactly as written in YAML. Field names are part
//! of the public format (see docs/rules.md and `rules schema`); unknown fields
//! are errors. Checks that need more than one field live in `compile`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::claims::{ClaimKind, Strength};
use crate::diagnostic::Severity;
use crate::markdown::{BlockKind, Role};

/// One pack file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    /// The group every rule id of the pack is reported under (`risky`).
    pub pack: String,
    #[serde(default)]
    pub description: String,
    /// Named word lists that patterns use as `{name}`: each entry is a regex
    /// fragment, and `{name}` stands for any one of them.
    #[serde(default)]
    pub lists: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub rules: Vec<RuleSpec>,
}

/// What text a rule reads: any prose of ours (`text`), or only the
/// sentences our side says to a customer (`claims`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Context {
    #[default]
    Text,
    Claims,
}

impl Context {
    pub fn as_str(self) -> &'static str {
        match self {
            Context::Text => "text",
            Context::Claims => "claims",
        }
    }
}

/// What a rule checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleKind {
    Forbid,
    Replace,
    Require,
    Limit,
    Claim,
}

impl RuleKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Forbid => "forbid",
            RuleKind::Replace => "replace",
            RuleKind::Require => "require",
            RuleKind::Limit => "limit",
            RuleKind::Claim => "claim",
        }
    }
}

/// Where `require` and `limit` count: the whole file or the section under
/// the nearest heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Within {
    #[default]
    File,
    Section,
}

impl Within {
    pub fn as_str(self) -> &'static str {
        match self {
            Within::File => "file",
            Within::Section => "section",
        }
    }
}

/// Terms and patterns, as used by `when:` and `need:`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchSpec {
    #[serde(default)]
    pub terms: Vec<String>,
    #[serde(default)]
    pub patterns: Vec<String>,
}

/// `examples:` — snippets `rules test` runs.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub valid: Vec<String>,
    #[serde(default)]
    pub invalid: Vec<String>,
}

/// One value or a list of them (`strength: absolute` or `strength: [plain, absolute]`).
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    pub fn into_vec(self) -> Vec<T> {
        match self {
            OneOrMany::One(x) => vec![x],
            OneOrMany::Many(xs) => xs,
        }
    }
}

fn warning() -> Severity {
    Severity::Warning
}

/// One rule, all kinds' fields together; `compile` checks that each kind
/// gets the fields it needs and no others.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    pub kind: RuleKind,
    #[serde(default = "warning")]
    pub severity: Severity,
    pub message: String,
    #[serde(default)]
    pub description: String,

    // Where it applies.
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub blocks: Vec<BlockKind>,
    #[serde(default)]
    pub speakers: Vec<String>,
    #[serde(default)]
    pub paths: Vec<String>,
    #[serde(default)]
    pub exceptions: Vec<String>,
    #[serde(default)]
    pub case_sensitive: bool,
    #[serde(default)]
    pub context: Context,

    // forbid, limit
    #[serde(default)]
    pub terms: Vec<String>,
    #[serde(default)]
    pub patterns: Vec<String>,
    // replace
    #[serde(default)]
    pub swap: BTreeMap<String, String>,
    // require
    pub when: Option<MatchSpec>,
    pub need: Option<MatchSpec>,
    // require, limit
    pub within: Option<Within>,
    // limit
    pub max: Option<usize>,
    // claim
    #[serde(default)]
    pub kinds: Vec<ClaimKind>,
    pub strength: Option<OneOrMany<Strength>>,
    pub supported: Option<bool>,

    #[serde(default)]
    pub examples: Examples,
}

/// The fields a rule may have whatever its kind.
const COMMON_FIELDS: [&str; 12] = [
    "id",
    "kind",
    "severity",
    "message",
    "description",
    "roles",
    "blocks",
    "speakers",
    "paths",
    "exceptions",
    "case_sensitive",
    "context",
];

/// The fields only some kinds of rule take.
pub const KIND_SPECIFIC_FIELDS: [&str; 10] = [
    "terms",
    "patterns",
    "swap",
    "when",
    "need",
    "within",
    "max",
    "kinds",
    "strength",
    "supported",
];

/// Every field name a rule accepts, in the order docs and the schema list them.
pub const RULE_FIELDS: &[&str] =
    &join::<23>(&[&COMMON_FIELDS, &KIND_SPECIFIC_FIELDS, &["examples"]]);

/// The parts one after another, at compile time; `N` must be their length.
const fn join<const N: usize>(parts: &[&[&'static str]]) -> [&'static str; N] {
    let mut out = [""; N];
    let (mut i, mut n) = (0, 0);
    while i < parts.len() {
        let mut j = 0;
        while j < parts[i].len() {
            out[n] = parts[i][j];
            n += 1;
            j += 1;
        }
        i += 1;
    }
    assert!(n == N, "join: N is not the parts' length");
    out
}

//! YAML rule packs and the computed `terms.replaced` rule.
//!
//! A pack file (`model`) is validated and compiled (`compile`, with
//! positions from `locate`) into `Rule`s; all their term lists become one
//! `matcher::Matchers`; `run` applies them to a document. Built-in packs
//! ship in the binary; a repo's packs add to them and may override a
//! built-in rule by defining the same `<pack>.<id>`.

mod compile;
mod context;
mod matcher;
pub mod model;
pub mod pages;
mod prefilter;
mod run;
pub mod schema;
mod text;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use compile::{Check, Origin, Rule, Scope, RESERVED_GROUPS};
pub use matcher::{Terms, TermsView};
pub use model::{RuleKind, Within};

use crate::claims::{Claim, Lexicon};
use crate::diagnostic::{Finding, Severity};
use crate::error::{Error, Result};
use crate::markdown::{Block, BlockKind, Doc, FrontMatter, LineIndex, Role};
use crate::registry;
use matcher::{Literal, Matchers};
use run::Mode;

/// `rules:` in onmessage.yml.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct RulesConfig {
    /// Extra packs, relative to the config's folder.
    #[serde(deserialize_with = "crate::yaml::list::one_or_many")]
    pub packs: Vec<String>,
    /// Rule ids or groups that never run.
    #[serde(deserialize_with = "crate::yaml::list::one_or_many")]
    pub disable: Vec<String>,
    /// Severity per rule id or group.
    pub severity: BTreeMap<String, Severity>,
}

impl RulesConfig {
    /// Does `disable` turn this rule off (by its id or one of its groups)?
    pub fn is_disabled(&self, id: &str) -> bool {
        self.disable.iter().any(|p| registry::selects(p, id))
    }

    /// The rule's severity after `severity:` overrides. When several
    /// entries select it, the most specific wins: `risky.guarantee: error`
    /// beats `risky: info`.
    pub fn severity_for(&self, id: &str, default: Severity) -> Severity {
        self.severity
            .iter()
            .filter(|(p, _)| registry::selects(p, id))
            .max_by_key(|(p, _)| p.len())
            .map_or(default, |(_, s)| *s)
    }
}

/// The rules stage's settings: `rules:` in onmessage.yml and where it was read.
#[derive(Clone, Debug, Default)]
pub struct RulesSettings {
    /// Folder that `packs` are relative to.
    pub root: PathBuf,
    /// The config file, to point at its lines in errors (None: no file).
    pub config_file: Option<PathBuf>,
    pub config: RulesConfig,
}

/// The packs shipped in the binary: (name, YAML).
pub const BUILTIN_PACKS: &[(&str, &str)] = &[("risky", include_str!("../../rules/risky.yml"))];

/// The id brand front-matter terms are reported under.
pub const TERMS_REPLACED: &str = "terms.replaced";

/// All rules of a run, compiled once.
pub struct RuleSet {
    rules: Vec<Rule>,
    matchers: Matchers,
    /// What the repo's packs probably did not mean (see `compile::Compiled`).
    warnings: Vec<String>,
}

impl RuleSet {
    /// Built-in packs, the repo's packs, and `terms.replaced` from brand front matter.
    pub fn load(settings: &RulesSettings, brand_docs: &[&Doc]) -> Result<RuleSet> {
        let mut rules = builtin_rules()?;
        let mut warnings = Vec::new();
        for pack in &settings.config.packs {
            let path = settings.root.join(pack);
            let text = std::fs::read_to_string(&path).map_err(|e| {
                Error::new(format!(
                    "{}: cannot read rule pack listed in `rules.packs`: {e}",
                    path.display()
                ))
            })?;
            let repo = compile::compile_pack(&path, &text, Origin::File(pack.clone()))?;
            merge(&mut rules, repo.rules)?;
            warnings.extend(repo.warnings);
        }
        let fronts: Vec<(&str, &FrontMatter)> = brand_docs
            .iter()
            .map(|d| (d.path.as_str(), &d.front_matter))
            .collect();
        if let Some(rule) = terms_replaced(&fronts) {
            rules.push(rule);
        }
        let set = RuleSet::from_rules(rules, warnings);
        set.check_config(settings)?;
        Ok(set)
    }

    /// The given pack files only (for `rules test FILE…`), no built-ins.
    pub fn from_pack_files(paths: &[PathBuf]) -> Result<RuleSet> {
        let mut rules = Vec::new();
        let mut warnings = Vec::new();
        for path in paths {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            let pack =
                compile::compile_pack(path, &text, Origin::File(path.display().to_string()))?;
            merge(&mut rules, pack.rules)?;
            warnings.extend(pack.warnings);
        }
        Ok(RuleSet::from_rules(rules, warnings))
    }

    /// Compile the term lists of `rules` together.
    fn from_rules(mut rules: Vec<Rule>, warnings: Vec<String>) -> RuleSet {
        let matchers = Matchers::build(rules.iter_mut().flat_map(Rule::terms_mut));
        RuleSet {
            rules,
            matchers,
            warnings,
        }
    }

    /// Warnings about the repo's packs, to print once per run.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Every rule id this run knows (for directives and `--select`).
    pub fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.rules.iter().map(|r| r.id.clone()).collect();
        ids.push(TERMS_REPLACED.to_string());
        ids.sort();
        ids.dedup();
        ids
    }

    /// The YAML rules (and `terms.replaced` when brand docs define terms).
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rules, once the run no longer matches with them (SARIF describes them).
    pub fn into_rules(self) -> Vec<Rule> {
        self.rules
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Run on one sales doc. `supported[i]` says whether claim i has a brand claim behind it.
    pub fn run(&self, doc: &Doc, claims: &[Claim], supported: &[bool]) -> Vec<Finding> {
        self.run_for_role(doc, Role::Sales, claims, supported)
    }

    /// Run on a doc of any role; only rules whose `roles` include it apply.
    pub fn run_for_role(
        &self,
        doc: &Doc,
        role: Role,
        claims: &[Claim],
        supported: &[bool],
    ) -> Vec<Finding> {
        run::run_doc(
            &self.rules,
            &self.matchers,
            doc,
            role,
            claims,
            supported,
            Mode::Scoped,
        )
    }

    /// Run every rule on one snippet, ignoring rule scopes, as `rules test`
    /// does with examples. Claims come from `lexicon`; none is supported.
    pub fn run_example(&self, text: &str, lexicon: &Lexicon) -> Vec<Finding> {
        let doc = example_doc(text);
        let claims = crate::claims::extract(&doc, lexicon);
        let supported = vec![false; claims.len()];
        run::run_doc(
            &self.rules,
            &self.matchers,
            &doc,
            Role::Sales,
            &claims,
            &supported,
            Mode::Examples,
        )
    }

    /// Run the examples of every rule `filter` keeps.
    pub fn test_examples(&self, filter: impl Fn(&Rule) -> bool) -> ExampleReport {
        let lexicon = Lexicon::builtin();
        let mut report = ExampleReport::default();
        for rule in self.rules.iter().filter(|r| filter(r)) {
            report.rules += 1;
            // A pack rule nobody tested: what it flags is a guess until it has examples.
            let from_pack = !matches!(rule.origin, compile::Origin::FrontMatter);
            if from_pack && rule.examples.valid.is_empty() && rule.examples.invalid.is_empty() {
                report.without_examples.push(rule.id.clone());
            }
            let cases = rule
                .examples
                .invalid
                .iter()
                .map(|t| (t, false))
                .chain(rule.examples.valid.iter().map(|t| (t, true)));
            for (text, valid) in cases {
                let found = self.run_example(text, &lexicon);
                let fired = found.iter().any(|f| f.rule == rule.id);
                if fired == valid {
                    report.failures.push(ExampleFailure {
                        rule: rule.id.clone(),
                        valid,
                        text: text.clone(),
                        found,
                    });
                } else {
                    report.passed += 1;
                }
            }
        }
        report
    }

    /// Every rule id of this run: the packs' and the computed ones.
    fn known_ids(&self) -> Vec<String> {
        let mut known = self.ids();
        known.extend(registry::computed_rules().iter().map(|r| r.id.to_string()));
        known
    }

    /// `--select` / `--ignore` patterns must name a rule or group: a typo
    /// would otherwise silently check nothing (or everything).
    pub fn check_selectors(&self, flag: &str, patterns: &[String]) -> Result<()> {
        let known = self.known_ids();
        match patterns.iter().find_map(|p| unknown_pattern(p, &known)) {
            Some(problem) => Err(Error::new(format!("{flag}: {problem}"))),
            None => Ok(()),
        }
    }

    /// `disable:` and `severity:` entries must name a rule or group that
    /// exists; a typo would otherwise silently change nothing.
    fn check_config(&self, settings: &RulesSettings) -> Result<()> {
        let known = self.known_ids();
        let entries = settings
            .config
            .disable
            .iter()
            .enumerate()
            .map(|(i, p)| (format!("rules.disable[{i}]"), p))
            .chain(
                settings
                    .config
                    .severity
                    .keys()
                    .map(|p| (format!("rules.severity.{p}"), p)),
            );
        for (field, pattern) in entries {
            let Some(problem) = unknown_pattern(pattern, &known) else {
                continue;
            };
            let message = format!("{field}: {problem}");
            return Err(match &settings.config_file {
                Some(file) => {
                    let text = std::fs::read_to_string(file).unwrap_or_default();
                    let (line, column) = crate::yaml::locate::Locator::new(&text).nearest(&field);
                    Error::at(file, line, column, message)
                }
                None => Error::new(message),
            });
        }
        Ok(())
    }
}

/// The id or group nearest to a misspelt one.
/// "no rule or group `x` (did you mean `y`?)" when `pattern` selects no rule.
fn unknown_pattern(pattern: &str, known: &[String]) -> Option<String> {
    let pattern = pattern.to_string();
    if registry::unknown_patterns(std::slice::from_ref(&pattern), known).is_empty() {
        return None;
    }
    let hint = closest(&pattern, known)
        .map(|c| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default();
    Some(format!("no rule or group `{pattern}`{hint}"))
}

pub fn closest<'a>(wanted: &str, known: &'a [String]) -> Option<&'a str> {
    let groups = known.iter().filter_map(|id| id.split('.').next());
    known
        .iter()
        .map(String::as_str)
        .chain(groups)
        .map(|c| (strsim::levenshtein(wanted, c), c))
        .filter(|(d, c)| *d <= 3.max(c.len() / 4))
        .min()
        .map(|(_, c)| c)
}

/// Examples that did not do what they say.
#[derive(Debug, Default)]
pub struct ExampleReport {
    pub rules: usize,
    pub passed: usize,
    pub failures: Vec<ExampleFailure>,
    /// Pack rules with no example at all: they fail `rules test`.
    pub without_examples: Vec<String>,
}

impl ExampleReport {
    /// Did every example pass, and does every pack rule have one?
    pub fn ok(&self) -> bool {
        self.failures.is_empty() && self.without_examples.is_empty()
    }
}

#[derive(Debug)]
pub struct ExampleFailure {
    pub rule: String,
    /// True for a `valid` example that fired, false for an `invalid` one that did not.
    pub valid: bool,
    pub text: String,
    /// Everything the snippet produced.
    pub found: Vec<Finding>,
}

/// The built-in packs, compiled.
pub fn builtin_rules() -> Result<Vec<Rule>> {
    let mut rules = Vec::new();
    for (name, text) in BUILTIN_PACKS {
        let file = PathBuf::from(format!("rules/{name}.yml"));
        let pack = compile::compile_pack(&file, text, Origin::BuiltIn(name.to_string()))?;
        debug_assert!(pack.warnings.is_empty(), "{:?}", pack.warnings);
        merge(&mut rules, pack.rules)?;
    }
    Ok(rules)
}

/// Add `new` rules: one with the id of a built-in replaces it in place; two
/// repo packs defining one id is an error naming both places.
fn merge(rules: &mut Vec<Rule>, new: Vec<Rule>) -> Result<()> {
    let mut index: HashMap<String, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    for rule in new {
        match index.get(&rule.id) {
            Some(&i) if matches!(rules[i].origin, Origin::BuiltIn(_)) => rules[i] = rule,
            Some(&i) => {
                let (file, line, column) = &rule.defined_at;
                let (first, l, c) = &rules[i].defined_at;
                return Err(Error::at(
                    Path::new(file),
                    *line,
                    *column,
                    format!(
                        "duplicate rule id `{}` (already defined at {first}:{l}:{c})",
                        rule.id
                    ),
                ));
            }
            None => {
                index.insert(rule.id.clone(), rules.len());
                rules.push(rule);
            }
        }
    }
    Ok(())
}

/// Brand docs' front-matter `terms:` as one replace rule. The first brand
/// doc to retire a variant decides its replacement.
fn terms_replaced(fronts: &[(&str, &FrontMatter)]) -> Option<Rule> {
    let mut literals = Vec::new();
    let mut suggestions = Vec::new();
    let mut approved = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (_, front) in fronts {
        for pair in &front.terms {
            let right = pair.use_term.trim();
            if right.is_empty() {
                continue;
            }
            approved.push(Literal {
                text: right.to_string(),
                case_sensitive: true,
            });
            for wrong in &pair.not {
                let wrong = wrong.trim();
                if wrong.is_empty() || wrong == right || !seen.insert(wrong.to_lowercase()) {
                    continue;
                }
                literals.push(Literal {
                    text: wrong.to_string(),
                    case_sensitive: wrong.to_lowercase() == right.to_lowercase(),
                });
                suggestions.push(right.to_string());
            }
        }
    }
    if literals.is_empty() {
        return None;
    }
    let computed = registry::computed_rule(TERMS_REPLACED);
    Some(Rule {
        id: TERMS_REPLACED.to_string(),
        pack: "terms".to_string(),
        kind: RuleKind::Replace,
        severity: computed.map_or(Severity::Warning, |r| r.severity),
        message: "use the approved term \"{suggestion}\" instead of \"{match}\"".to_string(),
        description: computed.map_or("", |r| r.description).to_string(),
        origin: Origin::FrontMatter,
        defined_at: (fronts[0].0.to_string(), 1, 1),
        scope: Scope {
            roles: vec![Role::Sales],
            blocks: Vec::new(),
            speakers: Vec::new(),
            paths: None,
            path_globs: Vec::new(),
        },
        context: model::Context::Text,
        exception_phrases: Vec::new(),
        exceptions: Terms {
            literals: approved,
            ..Terms::default()
        },
        check: Check::Replace {
            terms: Terms {
                literals,
                ..Terms::default()
            },
            suggestions,
        },
        examples: model::Examples::default(),
    })
}

/// A snippet as a one-paragraph document of ours.
pub fn example_doc(text: &str) -> Doc {
    Doc {
        path: "example.md".to_string(),
        source: text.to_string(),
        lines: LineIndex::new(text),
        front_matter: FrontMatter::default(),
        front_matter_error: None,
        blocks: vec![Block::whole(BlockKind::Paragraph, text)],
        directives: Vec::new(),
    }
}

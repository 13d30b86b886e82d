//! YAML rule packs and the computed `terms.replaced` rule. (Skeleton: owned by the rules work.)

use serde::Deserialize;
use std::collections::BTreeMap;

use crate::claims::Claim;
use crate::config::Config;
use crate::diagnostic::{Finding, Severity};
use crate::error::Result;
use crate::markdown::Doc;

/// `rules:` in onmessage.yml.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct RulesConfig {
    /// Extra packs, relative to the config's folder.
    pub packs: Vec<String>,
    /// Rule ids or groups that never run.
    pub disable: Vec<String>,
    /// Severity per rule id or group.
    pub severity: BTreeMap<String, Severity>,
}

/// All rules of a run, compiled once.
pub struct RuleSet {}

impl RuleSet {
    /// Built-in packs, the repo's packs, and `terms.replaced` from brand front matter.
    pub fn load(config: &Config, brand_docs: &[&Doc]) -> Result<RuleSet> {
        let _ = (config, brand_docs);
        Ok(RuleSet {})
    }

    /// Every rule id this run knows (for directives and `--select`).
    pub fn ids(&self) -> Vec<String> {
        Vec::new()
    }

    /// Run on one doc. `supported[i]` says whether claim i has a brand claim behind it.
    pub fn run(&self, doc: &Doc, claims: &[Claim], supported: &[bool]) -> Vec<Finding> {
        let _ = (doc, claims, supported);
        Vec::new()
    }
}

//! Alignment: index brand claims, match each sales claim to its best brand
//! claim(s) and report drift. (Skeleton: owned by the alignment work.)

use serde::Deserialize;

use crate::claims::Claim;
use crate::diagnostic::Finding;
use crate::markdown::Doc;

/// `align:` in onmessage.yml.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct AlignConfig {
    /// Minimum similarity for a brand claim to count as the same topic.
    pub threshold: f64,
}

impl Default for AlignConfig {
    fn default() -> Self {
        AlignConfig { threshold: 0.35 }
    }
}

/// A brand doc with its claims.
pub struct BrandDoc<'a> {
    pub doc: &'a Doc,
    pub claims: &'a [Claim],
}

/// The brand claims, indexed once and shared read-only.
pub struct BrandIndex {}

impl BrandIndex {
    pub fn build(brand: &[BrandDoc<'_>], config: &AlignConfig) -> BrandIndex {
        let _ = (brand, config);
        BrandIndex {}
    }
}

/// How one sales claim lines up with the brand.
#[derive(Clone, Debug)]
pub struct ClaimMatch {
    /// Index of the sales claim in its doc's claims.
    pub claim: usize,
    /// Best brand claim: (brand doc index, claim index, score).
    pub brand: Option<(usize, usize, f64)>,
}

/// Align one sales doc's claims: findings plus the match of each claim.
pub fn check_doc(
    index: &BrandIndex,
    brand: &[BrandDoc<'_>],
    doc: &Doc,
    claims: &[Claim],
    config: &AlignConfig,
) -> (Vec<Finding>, Vec<ClaimMatch>) {
    let _ = (index, brand, doc, claims, config);
    (Vec::new(), Vec::new())
}

/// `brand.conflict` findings among the brand docs.
pub fn brand_conflicts(brand: &[BrandDoc<'_>], config: &AlignConfig) -> Vec<Finding> {
    let _ = (brand, config);
    Vec::new()
}

/// `coverage.missing-key-message`: key messages no sales claim carries.
pub fn coverage(brand: &[BrandDoc<'_>], matches: &[Vec<ClaimMatch>]) -> Vec<Finding> {
    let _ = (brand, matches);
    Vec::new()
}

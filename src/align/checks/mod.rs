//! The comparisons between one sales claim and the brand claims on its
//! topic. Each rule lives in its own file with its documentation; `judge`
//! runs them from the most specific to the most general and keeps the first
//! verdict, so a claim gets at most one `align.*` finding.

pub mod brand_disagreement;
mod escalation;
mod negation;
mod number_mismatch;
mod qualifier_dropped;
mod unsupported;

use std::collections::HashSet;
use std::ops::Range;

use crate::claims::{Claim, Lexicon, Quantity};

use super::index::{BrandIndex, Candidate, ClaimRef, Query};
use super::{cite, AlignSettings, BrandDoc};

/// Share of a brand claim's topic weight a sales line must cover before it
/// can contradict it.
const MIN_BRAND_COVERED: f64 = 0.25;
/// With one shared word, the share of the sales line's topic weight that
/// word must carry.
const MIN_SALES_EXPLAINED: f64 = 0.2;

/// What one sales claim is compared with.
pub struct Context<'a> {
    pub sales: &'a Claim,
    /// The sales claim's terms resolved against the index.
    pub query: &'a Query,
    /// The run's word lists (the built-in ones plus the repo's).
    pub lexicon: &'a Lexicon,
    pub brand: &'a [BrandDoc<'a>],
    /// Brand claims weighed together, best first (plus conflict partners).
    pub near: &'a [Candidate],
    /// Brand denials on the topic that were not weighed with the best.
    pub denials: &'a [Candidate],
    /// When no brand claim is weighed, the top one sharing a word.
    pub closest: Option<Candidate>,
    /// The best brand claim above the threshold.
    pub best: Option<Candidate>,
    /// Per figure of the sales claim, the distinct brand figures it is
    /// compared with (see [`distinct_figures`]).
    pub figures: &'a [Vec<(ClaimRef, Quantity)>],
    pub index: &'a super::index::BrandIndex,
    /// Every word and name the brand docs use.
    pub vocabulary: &'a HashSet<String>,
    /// Our product names, lower case.
    pub product_names: &'a [String],
    pub config: &'a AlignSettings,
}

impl Context<'_> {
    pub fn claim(&self, at: ClaimRef) -> &Claim {
        &self.brand[at.0].claims[at.1]
    }

    /// The near brand claims, best first.
    pub fn near_claims(&self) -> impl Iterator<Item = (ClaimRef, &Claim)> {
        self.near.iter().map(|c| (c.at, self.claim(c.at)))
    }

    /// Every figure of this kind the near brand claims state, best claim first.
    pub fn figures_of_kind(&self, kind: u32) -> Vec<(ClaimRef, &Quantity)> {
        figures_of_kind(self.index, self.brand, self.near, kind)
    }

    /// Does the sales claim name one of our products?
    pub fn names_product(&self) -> bool {
        if self.sales.names_product {
            return true;
        }
        let text = self.sales.text.to_lowercase();
        self.product_names.iter().any(|p| {
            text.match_indices(p.as_str()).any(|(i, _)| {
                let before = text[..i].chars().next_back();
                let after = text[i + p.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
        })
    }

    /// Is this brand claim on the sales claim's topic firmly enough to call
    /// the two contradictory? Retrieval's threshold says "may be the same
    /// topic", which is enough to back a line; a contradiction (an error) also
    /// needs the sales line to cover a good part of what the brand claim is
    /// about, and a single shared word to be a good part of what the sales
    /// line is about ("the total revenue … $9" shares only "total" with
    /// "Total annual benefit: $200k").
    ///
    /// The same figure with a shared word is as firm: "Your store will be
    /// live in under an hour" is about "Most merchants publish their first
    /// store in under an hour".
    pub fn firmly_on_topic(&self, at: ClaimRef) -> bool {
        let entry = self.index.entry(at);
        let shared = self.index.shared_count(self.query, entry);
        if shared >= 1
            && super::states_same_figure(self.index, self.query, self.sales, at, self.claim(at))
        {
            return true;
        }
        // Two shared words and a best case of the same measure: "RFIs close
        // up to 50% faster" is about "… cut their RFI turnaround by up to
        // 35%, because every RFI has an owner, a due date …".
        if shared >= 2 && super::bounded_alike(self.sales, self.claim(at)) {
            return true;
        }
        self.on_topic_by_words(at)
    }

    /// `firmly_on_topic` from shared words alone.
    fn on_topic_by_words(&self, at: ClaimRef) -> bool {
        let entry = self.index.entry(at);
        if self.index.coverage(self.query, entry) < MIN_BRAND_COVERED {
            return false;
        }
        self.index.shared_count(self.query, entry) >= 2
            || self.index.explained(self.query, entry) >= MIN_SALES_EXPLAINED
    }

    /// Does a brand claim on the sales claim's topic by its words state
    /// this figure? Then the brand does state it, even where retrieval
    /// weighed other claims: "roughly fifteen minutes to install" is backed
    /// by a table row "Gateway install time | About 15 minutes per vehicle".
    /// The figure itself is no evidence of the topic here.
    ///
    /// A second figure of the sales line stated in the same brand block (or
    /// table row) is evidence of the topic too: "25 or more probes brings it to $169" and
    /// the price-list row "Volume tier | $169 per probe per season | 25 or
    /// more probes" share two figures however few words they share.
    pub fn stated_on_topic(&self, q: &Quantity) -> bool {
        let states = |c: &Claim, q: &Quantity| {
            c.quantities
                .iter()
                .any(|bq| bq.comparable(q) && bq.same_value(q))
        };
        self.brand.iter().enumerate().any(|(d, doc)| {
            doc.claims.iter().enumerate().any(|(c, claim)| {
                if !(super::same_scope(self.sales, claim)
                    && !names_another(self.sales, claim)
                    && states(claim, q))
                {
                    return false;
                }
                let another_in_block = || {
                    self.sales.quantities.iter().any(|other| {
                        !std::ptr::eq(other, q)
                            && doc
                                .claims
                                .iter()
                                .filter(|b| b.block == claim.block || b.line == claim.line)
                                .any(|b| states(b, other))
                    })
                };
                self.on_topic_by_words((d, c)) || another_in_block()
            })
        })
    }

    /// `path:line` and text of a brand claim, for messages.
    pub fn quote_brand(&self, at: ClaimRef) -> String {
        let r = cite(self.brand, at);
        format!("{}:{}: \"{}\"", r.path, r.line, short(&r.text))
    }
}

/// Does each claim name something the other does not ("Bramble BOP
/// starts at …" and "Bramble Cyber starts at …")? Then they are about
/// different things, however many words they share.
fn names_another(a: &Claim, b: &Claim) -> bool {
    let lacks = |x: &Claim, y: &Claim| x.entities.iter().any(|e| !y.entities.contains(e));
    lacks(a, b) && lacks(b, a)
}

fn figures_of_kind<'b>(
    index: &BrandIndex,
    brand: &'b [BrandDoc<'_>],
    near: &[Candidate],
    kind: u32,
) -> Vec<(ClaimRef, &'b Quantity)> {
    let mut out = Vec::new();
    for c in near {
        let entry = index.entry(c.at);
        if !index.states_kind(entry, kind) {
            continue;
        }
        // Same kind id: same dimension and unit, i.e. `comparable`.
        out.extend(
            brand[c.at.0].claims[c.at.1]
                .quantities
                .iter()
                .zip(index.figure_kinds(entry))
                .filter(|&(_, &k)| k == kind)
                .map(|(bq, _)| (c.at, bq)),
        );
    }
    out
}

/// Per figure of a sales claim (its `query`), the figures of the same kind
/// that the `near` brand claims state, best claim first, keeping the first
/// of equal ones (same value, range, qualifier and "on average"): the
/// figure checks judge equal figures alike and cite the first. Templated
/// brand docs repeat a handful of figures across dozens of near claims, and
/// a repeated sales claim reuses this list with its lookup.
pub fn distinct_figures(
    index: &BrandIndex,
    brand: &[BrandDoc<'_>],
    query: &Query,
    near: &[Candidate],
    count: usize,
) -> Vec<Vec<(ClaimRef, Quantity)>> {
    (0..count)
        .map(|i| {
            let Some(kind) = query.figure_kind(i) else {
                return Vec::new();
            };
            let mut out: Vec<(ClaimRef, Quantity)> = Vec::new();
            for (at, bq) in figures_of_kind(index, brand, near, kind) {
                let equal = |(_, o): &(ClaimRef, Quantity)| {
                    o.value.to_bits() == bq.value.to_bits()
                        && o.high.map(f64::to_bits) == bq.high.map(f64::to_bits)
                        && o.qualifier == bq.qualifier
                        && o.averaged == bq.averaged
                };
                if !out.iter().any(equal) {
                    out.push((at, bq.clone()));
                }
            }
            out
        })
        .collect()
}

/// A finding-to-be.
pub struct Verdict {
    pub rule: &'static str,
    /// The brand claim compared with (cited in `related`).
    pub brand: Option<ClaimRef>,
    /// Where in the sales doc; `None` means the whole claim.
    pub span: Option<Range<usize>>,
    pub message: String,
}

/// Shorten a quotation for a one-line message.
pub fn short(text: &str) -> String {
    let text = text.trim();
    // Short enough that a message stays within 160 characters before its
    // citation; the span already shows the whole line.
    if text.chars().count() <= 70 {
        return text.to_string();
    }
    let cut: String = text.chars().take(67).collect();
    format!("{}…", cut.trim_end())
}

/// Run the checks in order of specificity.
pub fn judge(ctx: &Context<'_>) -> Option<Verdict> {
    ORDER.iter().find_map(|check| check.run(ctx))
}

/// One check as `judge` runs it.
pub struct Check {
    /// What `why` calls it.
    pub name: &'static str,
    pub check: fn(&Context<'_>) -> Option<Verdict>,
    /// A contradiction cites a brand claim; a weak match is no contradiction.
    pub needs_firm_topic: bool,
}

impl Check {
    /// The verdict, kept only when the brand claim it cites is firmly on topic.
    pub fn run(&self, ctx: &Context<'_>) -> Option<Verdict> {
        (self.check)(ctx).filter(|v| !self.needs_firm_topic || firm(ctx, v))
    }
}

fn firm(ctx: &Context<'_>, v: &Verdict) -> bool {
    v.brand.is_none_or(|at| ctx.firmly_on_topic(at))
}

/// The checks in the order `judge` tries them; the first verdict wins. A
/// promise ("guarantees a 40% cut") is the worse drift of escalation and a
/// dropped qualifier: putting the hedge back restores the brand's qualifier
/// as well.
pub const ORDER: &[Check] = &[
    Check {
        name: "names no brand doc mentions",
        check: unsupported::unknown_names,
        needs_firm_topic: false,
    },
    Check {
        name: "negation",
        // Firmness is judged inside: a short brand denial is on topic
        // through what it denies.
        check: negation::check,
        needs_firm_topic: false,
    },
    Check {
        name: "number-mismatch",
        check: number_mismatch::check,
        needs_firm_topic: true,
    },
    Check {
        name: "qualifier-dropped",
        check: qualifier_dropped::check,
        needs_firm_topic: true,
    },
    Check {
        name: "escalation",
        check: escalation::check,
        needs_firm_topic: true,
    },
    Check {
        name: "unsupported",
        check: unsupported::check,
        needs_firm_topic: false,
    },
];

#[cfg(test)]
mod tests {
    use crate::align::{check_doc, AlignSettings, BrandDoc, BrandIndex};
    use crate::claims::tests::doc;
    use crate::claims::{extract, Lexicon};
    use crate::markdown::{BlockKind, Doc};

    /// The `align.*` rules reported on each sales line, against one brand doc.
    fn findings(brand_lines: &[&str], sales_lines: &[&str]) -> Vec<(usize, String)> {
        let brand = doc("brand/messaging.md", brand_lines);
        findings_in(&brand, &doc("sales/call.md", sales_lines))
    }

    /// The same, of two docs however they were made (lines, or parsed Markdown).
    fn findings_in(brand_doc: &Doc, sales: &Doc) -> Vec<(usize, String)> {
        findings_with(brand_doc, sales, &AlignSettings::default())
    }

    /// The same, with these settings (`align.products`, …).
    fn findings_with(brand_doc: &Doc, sales: &Doc, config: &AlignSettings) -> Vec<(usize, String)> {
        let lex = Lexicon::builtin();
        let brand_claims = extract(brand_doc, &lex);
        let brand = [BrandDoc {
            doc: brand_doc,
            claims: &brand_claims,
        }];
        let index = BrandIndex::build(&brand, config, &lex);
        let claims = extract(sales, &lex);
        let (found, _) = check_doc(&index, &brand, sales, &claims, config);
        found.into_iter().map(|f| (f.line, f.rule)).collect()
    }

    /// The faithful line draws nothing; the drifted one draws `rule`.
    fn faithful_then_drift(brand: &[&str], faithful: &str, drift: &str, rule: &str) {
        assert_eq!(findings(brand, &[faithful]), vec![], "{faithful}");
        assert_eq!(findings(brand, &[drift]), first_line(rule), "{drift}");
    }

    /// One finding of `rule`, on the first line.
    fn first_line(rule: &str) -> Vec<(usize, String)> {
        vec![(1, rule.to_string())]
    }

    fn conflicts(brand_doc: &Doc) -> Vec<usize> {
        let claims = extract(brand_doc, &Lexicon::builtin());
        let brand = [BrandDoc {
            doc: brand_doc,
            claims: &claims,
        }];
        BrandIndex::build(&brand, &AlignSettings::default(), &Lexicon::builtin())
            .conflicts(&brand)
            .into_iter()
            .map(|f| f.line)
            .collect()
    }

    #[test]
    fn one_shared_word_is_no_contradiction() {
        // "launch" is the sales line's only topic word, so retrieval calls
        // it the same topic; but it is a fifth of what the brand line is about.
        let brand =
            ["Typically we draft the launch post 3-4 weeks ahead, then review the narrative."];
        let weak = ["Launch is 3-5 minutes."];
        assert_eq!(findings(&brand, &weak), vec![]);
        let brand = ["The total annual benefit is $200,000 per year."];
        let drift = ["The total annual benefit is $150,000 per year."];
        assert_eq!(
            findings(&brand, &drift),
            vec![(1, "align.number-mismatch".to_string())]
        );
    }

    #[test]
    fn a_denial_needs_a_side_about_us() {
        let naming_guide = ["You know how to use it."];
        let handbook = ["The prospect may not know much about the product yet."];
        assert_eq!(findings(&naming_guide, &handbook), vec![]);
        let brand = ["We do not offer payroll."];
        let drift = ["We handle payroll for you as well."];
        assert_eq!(
            findings(&brand, &drift),
            vec![(1, "align.negation".to_string())]
        );
    }

    #[test]
    fn it_after_a_name_is_that_name() {
        let brand = [
            "Loomcast syncs two ways with Salesforce and HubSpot CRM every 5 minutes.",
            "Microsoft Dynamics 365 is not supported.",
        ];
        // "it" is Dynamics, which the brand denies in the passive.
        let sales = ["Dynamics works fine; it syncs both ways, same as Salesforce."];
        assert_eq!(findings(&brand, &sales), first_line("align.negation"));
        // A full stop parts them: "it" is the product again, and syncs as
        // the brand says.
        let sales = ["Dynamics is popular. It syncs both ways with Salesforce."];
        assert_eq!(findings(&brand, &sales), vec![]);
    }

    #[test]
    fn a_short_denial_below_the_best_match_still_counts() {
        // The journey-builder claim is the best match on words; the denial
        // shares only "SMS" but that is what it denies.
        let brand = [
            "The drag-and-drop journey builder means marketers don't need a developer to build a nurture.",
            "We do not offer SMS or WhatsApp messaging.",
            "Copperline does not offer a bundle discount.",
        ];
        let sales = [
            "Yes, you can run SMS right from the same journey builder.",
            "You get a bundle discount when you add cyber cover.",
        ];
        assert_eq!(
            findings(&brand, &sales),
            first_line("align.negation"),
            "a competitor's denial is not ours to contradict"
        );
        // Neither side claims a capability: the denial is not contradicted.
        let brand = [
            "Our typefaces do not require tracking, and neither do we have any special rules.",
            "The drag-and-drop journey builder means marketers don't need a developer.",
        ];
        let sales = ["We track visitor behavior over multiple visits in the journey builder."];
        assert_eq!(findings(&brand, &sales), vec![]);
    }

    #[test]
    fn a_promise_of_what_the_closest_brand_claim_hedges_is_an_escalation() {
        let brand = [
            "Juniper operates 1,400 fast-charging stalls at 220 sites.",
            "Fast charging can bring new visitors to a host's property.",
        ];
        let promise = doc(
            "sales/call.md",
            &["We put Juniper in your lot and it will bring you new shoppers, guaranteed."],
        );
        let config = AlignSettings {
            products: vec!["Juniper".into()],
            ..AlignSettings::default()
        };
        let found =
            |brand: &[&str]| findings_with(&doc("brand/messaging.md", brand), &promise, &config);
        assert_eq!(found(&brand), first_line("align.escalation"));
        // With no hedged brand claim near, nothing backs the promise.
        assert_eq!(found(&brand[..1]), first_line("align.unsupported"));
    }

    #[test]
    fn ten_business_days_are_two_weeks() {
        faithful_then_drift(
            &["A 100-vehicle fleet is typically installed in 10 business days."],
            "A 100-vehicle fleet is usually fully installed in two weeks.",
            "A 100-vehicle fleet is usually fully installed in five weeks.",
            "align.number-mismatch",
        );
    }

    #[test]
    fn a_figure_stated_of_another_name_backs_nothing() {
        let brand = [
            "Bramble BOP starts at $39 per month.",
            "Bramble Cyber starts at $29 per month.",
            "Bulk pricing for Bramble BOP is $35 per month for 10 or more sites.",
        ];
        let drift = ["Bramble BOP starts at just $29 a month."];
        assert_eq!(
            findings(&brand, &drift),
            first_line("align.number-mismatch")
        );
        let backed = ["Bramble BOP is $35 per month when you insure 10 or more sites."];
        assert_eq!(findings(&brand, &backed), vec![]);
    }

    #[test]
    fn not_just_is_no_denial() {
        let brand = ["We don't just do what has always been done."];
        let sales = ["It is important to know when we are done."];
        assert_eq!(findings(&brand, &sales), vec![]);
    }

    #[test]
    fn almost_never_is_a_rarity_not_a_denial() {
        let rarely = doc(
            "brand/video.md",
            &[
                "We almost never use title slides in product videos.",
                "# Later",
                "We use title slides in product videos for launches.",
            ],
        );
        assert_eq!(conflicts(&rarely), Vec::<usize>::new());
        let denied = doc(
            "brand/video.md",
            &[
                "We never use title slides in product videos.",
                "# Later",
                "We use title slides in product videos for launches.",
            ],
        );
        assert_eq!(conflicts(&denied), vec![3]);
    }

    #[test]
    fn a_count_made_universal_must_be_the_same_count() {
        faithful_then_drift(
            &["We connect to more than 200 apps."],
            "Identify the total cost of all the apps you will buy this year.",
            "We connect to all of your apps.",
            "align.escalation",
        );
    }

    #[test]
    fn a_ranking_must_be_said_of_us() {
        let brand = ["We help finance teams close the books."];
        let not_of_us = [
            "Our job is to put our best ideas into the product.",
            "Our public channel is the best way to reach the team.",
            "We want to present the most valuable information to buyers.",
        ];
        assert_eq!(findings(&brand, &not_of_us), vec![]);
        let of_us = [
            "We are the most secure password manager on the market.",
            "Our app is the highest-rated fleet app in the store.",
            "Customers tell us Ledgerly is one of the easiest tools to run.",
        ];
        let rules: Vec<_> = findings(&brand, &of_us).into_iter().map(|f| f.1).collect();
        assert_eq!(rules, vec!["align.unsupported"; 3]);
    }

    #[test]
    fn a_bound_on_a_figure_is_no_comparison_and_people_are_no_integration() {
        let brand = ["We help finance teams close the books."];
        let sales = [
            "Our trials do not run longer than 30 days.",
            "We always pay for at least an hour, even if the session takes less than the full hour.",
            "It creates more chances to connect with each other as designers.",
            "We are 3x faster than Acme.",
            "It integrates with Salesforce and HubSpot.",
        ];
        assert_eq!(
            findings(&brand, &sales),
            vec![
                (4, "align.unsupported".to_string()),
                (5, "align.unsupported".to_string())
            ]
        );
    }

    #[test]
    fn list_items_of_one_section_enumerate_rather_than_conflict() {
        let lines = [
            "# Levels",
            "Level one members get 5 credits in the store.",
            "Level two members get 50 credits in the store.",
            "# Later",
            "Level two members get 50 credits in the store.",
        ];
        let mut listed = doc("brand/levels.md", &lines);
        for b in &mut listed.blocks[1..3] {
            b.kind = BlockKind::List;
        }
        // The two list items are siblings; the later section's line is not.
        assert_eq!(conflicts(&listed), vec![5]);
    }

    #[test]
    fn differently_named_things_do_not_conflict() {
        let versions = doc(
            "brand/setup.md",
            &[
                "Cluster setup on GKE takes about 20 minutes with the guided installer and default node pools.",
                "Cluster setup on EKS takes about 35 minutes with the guided installer and default node pools.",
            ],
        );
        assert_eq!(conflicts(&versions), Vec::<usize>::new());
        let real = doc(
            "brand/setup.md",
            &[
                "Cluster setup on GKE takes about 20 minutes with the guided installer and default node pools.",
                "Cluster setup on GKE takes about 35 minutes with the guided installer and default node pools.",
            ],
        );
        assert_eq!(conflicts(&real), vec![2]);
    }

    #[test]
    fn differently_dated_items_do_not_conflict() {
        let talks = |second: &str| {
            doc(
                "brand/library.md",
                &[
                    "# Webinars",
                    "Introduction to continuous delivery with the GitLab platform - Mar 23 2022 (22 mins)",
                    "# Older",
                    second,
                ],
            )
        };
        let other_date = talks(
            "Introduction to continuous delivery with the GitLab platform - Jan 12 2022 (25 mins)",
        );
        assert_eq!(conflicts(&other_date), Vec::<usize>::new());
        let same_date = talks(
            "Introduction to continuous delivery with the GitLab platform - Mar 23 2022 (25 mins)",
        );
        assert_eq!(conflicts(&same_date), vec![4]);
    }

    #[test]
    fn a_best_case_of_the_same_measure_is_compared_in_a_long_brand_claim() {
        faithful_then_drift(
            &[
                "Most project teams cut their RFI turnaround by up to 35% within their first six months, because every RFI has an owner, a due date and a visible trail that the design team can respond to from the same screen.",
                "Guests can answer RFIs, upload submittals and view drawings.",
                "It brings RFIs, submittals, daily logs and drawings into one place.",
                "Girder starts once a job is won.",
            ],
            "Once every RFI has an owner and a due date, most teams cut turnaround by up to 35%.",
            "Once every question has an owner and a due date, RFIs close up to 50% faster.",
            "align.number-mismatch",
        );
    }

    #[test]
    fn dropping_the_brands_usual_case_hedge_drops_a_qualifier() {
        let brand = ["Most customers are fully onboarded in under 14 days."];
        let drift = ["Customers are fully onboarded in under 14 days."];
        assert_eq!(
            findings(&brand, &drift),
            vec![(1, "align.qualifier-dropped".to_string())]
        );
        let kept = ["Most of our customers are fully onboarded in under 14 days."];
        assert_eq!(findings(&brand, &kept), vec![]);
        // "can" says the figure is possible, not usual: stating the figure keeps it.
        let brand = ["On a 350 kW stall, a compatible EV can charge in about 18 minutes."];
        let same = ["A compatible EV charges in about 18 minutes on a 350 kW stall."];
        assert_eq!(findings(&brand, &same), vec![]);
    }

    #[test]
    fn a_contracted_subject_is_still_the_subject() {
        let brand = ["We help finance teams close the books."];
        let sales = ["We're ranked number one on G2 for finance automation."];
        assert_eq!(
            findings(&brand, &sales),
            vec![(1, "align.unsupported".to_string())]
        );
    }

    #[test]
    fn the_same_figure_admits_a_brand_claim_below_the_threshold() {
        let brand = ["Average inbox placement across customer sends was 97% in 2024."];
        let drift = ["Your emails will land in the inbox 97% of the time."];
        assert_eq!(
            findings(&brand, &drift),
            vec![(1, "align.qualifier-dropped".to_string())]
        );
        // The same figure on another topic is no match.
        let other = ["Our support team answers 97% of tickets on the first day."];
        assert_eq!(findings(&brand, &other), vec![]);
    }

    /// Findings per line when both sides are parsed from Markdown (tables).
    fn parsed_findings(brand_md: &str, sales_md: &str) -> Vec<(usize, String)> {
        use crate::markdown::{parse, Speakers};
        let brand = parse("brand/messaging.md", brand_md.into(), &Speakers::default());
        let sales = parse("sales/battlecard.md", sales_md.into(), &Speakers::default());
        findings_in(&brand, &sales)
    }

    #[test]
    fn a_table_cell_states_its_rows_value() {
        let brand = "GPS positions update every 30 seconds while a vehicle is moving.\n";
        let card = "| | Kestrel | Ask them |\n|---|---|---|\n| GPS updates | Every 10 seconds while moving | \"How often?\" |\n| Dash cams | Every 10 seconds while moving | \"Which ones?\" |\n";
        // Only the row whose label names the topic is compared with it.
        assert_eq!(
            parsed_findings(brand, card),
            vec![(3, "align.number-mismatch".to_string())]
        );
    }

    #[test]
    fn a_clear_winner_just_under_the_threshold_is_compared() {
        // Words score 0.34, under align.threshold 0.35, and no other brand
        // claim comes near it.
        let brand = [
            "Reviewers can hold a suspicious invoice on the controller's behalf, using the approval rules the controller picks during onboarding and quarterly audits.",
            "Ledgerly reviewers check vendor records 24 hours a day from two offices.",
            "Most controllers finish onboarding in under 14 days.",
            "Every controller gets a named approval lead.",
        ];
        let drift =
            ["Our reviewers will always hold a suspicious payment the moment they spot it."];
        assert_eq!(
            findings(&brand, &drift),
            vec![(1, "align.escalation".to_string())]
        );
    }

    #[test]
    fn a_denial_denies_each_alternative() {
        let brand = ["We don't offer a late-payment guarantee or invoice insurance of our own."];
        let drift = ["Our late-payment guarantee covers you when a vendor pays late."];
        assert_eq!(
            findings(&brand, &drift),
            vec![(1, "align.negation".to_string())]
        );
    }

    #[test]
    fn a_caveat_under_a_dont_claim_heading_is_not_denied() {
        let brand = [
            "# What we do not claim",
            "Approval times depend on the approver, the invoice amount and the time of day.",
            "Payroll processing for contractors.",
        ];
        let faithful = ["Approval times depend on the approver and on the invoice amount."];
        assert_eq!(findings(&brand, &faithful), vec![]);
        let drift = ["We run payroll for your contractors too."];
        assert_eq!(
            findings(&brand, &drift),
            vec![(1, "align.negation".to_string())]
        );
    }

    #[test]
    fn idioms_and_dummy_subjects_are_no_comparison_of_ours() {
        let brand = ["We help finance teams close the books."];
        let not_ours = [
            "It is best to include more context than to give room to misinterpretation.",
            "We match internal jobs to salary data rather than to titles.",
            "Staff other than the finance team see a summary of the books.",
        ];
        assert_eq!(findings(&brand, &not_ours), vec![]);
        let ours = ["It closes the books faster than Acme Ledger."];
        assert_eq!(
            findings(&brand, &ours),
            vec![(1, "align.unsupported".to_string())]
        );
    }

    #[test]
    fn a_sales_denial_must_be_said_of_us() {
        let brand = ["We answer every question about invoice approvals within a day."];
        let idiom = ["There is no such thing as a stupid question about invoice approvals."];
        assert_eq!(findings(&brand, &idiom), vec![]);
        let ours = ["We don't answer questions about invoice approvals."];
        assert_eq!(
            findings(&brand, &ours),
            vec![(1, "align.negation".to_string())]
        );
    }

    #[test]
    fn a_brand_table_row_is_one_fact() {
        let pricing = "| Tier | Price | Adds |\n|---|---|---|\n| Starter | $99/month | Email and forms |\n| Scale | $1,500/month | Dedicated IP, custom objects, SSO |\n";
        let drift = "Scale is $1,200 a month and adds a dedicated IP, custom objects and SSO.\n";
        assert_eq!(
            parsed_findings(pricing, drift),
            vec![(1, "align.number-mismatch".to_string())]
        );
        let faithful = "Scale is $1,500 a month and adds a dedicated IP, custom objects and SSO.\n";
        assert_eq!(parsed_findings(pricing, faithful), vec![]);
    }

    #[test]
    fn a_thing_the_brand_makes_claims_of_is_ours() {
        let brand =
            ["Abandoned-cart emails help merchants recover sales they would otherwise lose."];
        let drift =
            ["Abandoned-cart emails win back every sale you'd otherwise lose, automatically."];
        assert_eq!(
            findings(&brand, &drift),
            vec![(1, "align.escalation".to_string())]
        );
        // Another subject with "every" claims nothing of ours.
        let other = ["Merchants check every sale they lose in the report."];
        assert_eq!(findings(&brand, &other), vec![]);
    }
}

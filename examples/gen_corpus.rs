//! Write a realistic, deterministic content repo for benchmarks and robustness runs.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --files 4000 --brand-claims 1000 --seed 7 --out /tmp/corpus
//! ```
//!
//! The repo has `onmessage.yml`, brand docs under `messaging/` (front matter
//! with products and retired terms, positioning, key messages, proof-point
//! tables, value propositions) and sales files under `sales/` (call scripts
//! with Rep/Prospect lines, objection handling, emails, battlecards) that
//! repeat, paraphrase and sometimes drift from the brand claims.
//!
//! The sales files depend only on `--files` and `--seed`, never on
//! `--brand-claims`, so the same sales set can be checked against brand docs
//! of different sizes. Sales files quote from a fixed pool of the first
//! `SALES_POOL` brand claims; with fewer brand claims than that, some sales
//! claims simply have no brand claim behind them.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Brand claims the sales files draw from (kept fixed so sales never change with `--brand-claims`).
const SALES_POOL: usize = 250;
/// Brand claims per brand doc.
const CLAIMS_PER_BRAND_DOC: usize = 40;

/// SplitMix64: tiny, fast and good enough for generating text.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut rng = Rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next() % u64::from(hi - lo + 1)) as u32
    }

    fn chance(&mut self, percent: u32) -> bool {
        self.range(1, 100) <= percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const PRODUCTS: &[&str] = &[
    "Acme Flow",
    "Acme Vault",
    "Acme Insight",
    "Acme Relay",
    "Acme Pulse",
    "Acme Ledger",
];

/// Retired spellings of each product (front-matter `terms`), index-aligned with PRODUCTS.
const RETIRED: &[&[&str]] = &[
    &["AcmeFlow", "Flow Cloud"],
    &["AcmeVault", "Vault Pro"],
    &["Acme Insights", "InsightHub"],
    &["AcmeRelay"],
    &["Acme Pulse Cloud", "PulseBoard"],
    &["AcmeLedger"],
];

/// (verb, escalated verb, metric) triples: what a claim improves.
const METRICS: &[(&str, &str, &str)] = &[
    ("reduces", "eliminates", "onboarding time"),
    ("cuts", "eliminates", "infrastructure costs"),
    ("shortens", "ends", "code review cycles"),
    ("lowers", "eliminates", "incident response time"),
    ("reduces", "removes", "manual data entry"),
    ("cuts", "eliminates", "time spent on compliance audits"),
    ("reduces", "eliminates", "failed deployments"),
    ("lowers", "ends", "support ticket volume"),
    ("shortens", "eliminates", "time to first value"),
    ("reduces", "eliminates", "unplanned downtime"),
    ("cuts", "ends", "licence spend"),
    ("reduces", "eliminates", "security review backlog"),
    ("shortens", "eliminates", "month-end close"),
    ("lowers", "eliminates", "churn among new accounts"),
    ("reduces", "removes", "context switching for engineers"),
    ("cuts", "eliminates", "cloud storage bills"),
    ("shortens", "ends", "sales cycles"),
    ("reduces", "eliminates", "alert fatigue"),
    ("lowers", "eliminates", "mean time to recovery"),
    ("reduces", "eliminates", "duplicate records"),
];

const AUDIENCES: &[&str] = &[
    "for mid-market teams",
    "for enterprise IT",
    "across distributed teams",
    "for regulated industries",
    "in the first quarter after rollout",
    "for teams of 50 or more engineers",
    "",
    "",
    "",
];

const CAPABILITIES: &[&str] = &[
    "encrypts every backup with AES-256",
    "connects to Salesforce, HubSpot and Zendesk out of the box",
    "supports single sign-on through Okta and Azure AD",
    "keeps an audit trail of every change",
    "runs in your own cloud account",
    "syncs data in real time",
    "ships with role-based access control",
    "exports every report to CSV and PDF",
    "deploys in a single afternoon",
    "scales to millions of events per day",
];

const NEVER: &[&str] = &[
    "never stores customer credentials",
    "never sells customer data",
    "does not require an agent on your servers",
    "never locks you into a multi-year contract",
    "does not charge per seat",
];

const FILLER: &[&str] = &[
    "Ask about their current workflow before you pitch anything.",
    "Confirm who else joins the evaluation.",
    "Take notes in the CRM during the call.",
    "Keep the first call to thirty minutes.",
    "Listen more than you talk.",
    "Send the recap email the same day.",
    "Agree on a date for the next step before you hang up.",
    "Log the call in Salesforce within 24 hours.",
    "Use the prospect's own words when you summarise.",
    "If the champion goes quiet, reach out to the economic buyer.",
    "Book the technical deep dive with a solutions engineer.",
    "Check the account plan for open opportunities first.",
];

const PROSPECT_LINES: &[&str] = &[
    "We spend about 30 hours a week on this today.",
    "Our current vendor is cheaper.",
    "We tried something like this two years ago and it failed.",
    "How long does implementation take?",
    "We have 400 engineers across three time zones.",
    "Security will want to review everything.",
    "Our budget is frozen until Q3.",
    "Can it work with our existing tools?",
    "We lose roughly 12% of new accounts in the first 90 days.",
    "Who else in our industry uses you?",
];

const OBJECTIONS: &[&str] = &[
    "It's too expensive",
    "We already have a tool for this",
    "Now is not a good time",
    "Security won't approve a new vendor",
    "We can build this ourselves",
    "Your competitor offered a bigger discount",
];

const COMPETITORS: &[&str] = &[
    "Globex",
    "Initech",
    "Umbrella Analytics",
    "Hooli",
    "Vandelay",
];

/// One generated brand claim; sales files render it faithfully or with drift.
#[derive(Clone)]
struct ClaimSeed {
    product: usize,
    form: Form,
}

#[derive(Clone)]
enum Form {
    /// "{product} {verb} {metric} by up to {n}% {audience}."
    Metric {
        metric: usize,
        value: u32,
        up_to: bool,
        hedged: bool,
        audience: usize,
    },
    /// "{product} {capability}."
    Capability(usize),
    /// "{product} never …"
    Never(usize),
    /// "{product} is trusted by {n} companies" / uptime.
    Count { kind: usize, value: u32 },
    /// "{product} is {n}x faster than {competitor} at …"
    Comparative {
        competitor: usize,
        factor: u32,
        metric: usize,
    },
}

impl ClaimSeed {
    /// The i-th claim of the brand, the same whatever the total.
    fn nth(seed: u64, i: usize) -> ClaimSeed {
        let mut rng = Rng::new(seed, 1_000_000 + i as u64);
        let product = rng.below(PRODUCTS.len());
        let form = match rng.below(10) {
            0..=4 => Form::Metric {
                metric: rng.below(METRICS.len()),
                value: rng.range(2, 19) * 5,
                up_to: rng.chance(50),
                hedged: rng.chance(40),
                audience: rng.below(AUDIENCES.len()),
            },
            5 | 6 => Form::Capability(rng.below(CAPABILITIES.len())),
            7 => Form::Never(rng.below(NEVER.len())),
            8 => Form::Count {
                kind: rng.below(3),
                value: rng.range(12, 480) * 10,
            },
            _ => Form::Comparative {
                competitor: rng.below(COMPETITORS.len()),
                factor: rng.range(2, 6),
                metric: rng.below(METRICS.len()),
            },
        };
        ClaimSeed { product, form }
    }

    fn render(&self, drift: Drift) -> String {
        let product = PRODUCTS[self.product];
        match &self.form {
            Form::Metric {
                metric,
                value,
                up_to,
                hedged,
                audience,
            } => {
                let (verb, escalated, what) = METRICS[*metric];
                let value = if drift == Drift::Number {
                    value + 15
                } else {
                    *value
                };
                let qualifier = if *up_to && drift != Drift::DropQualifier {
                    "up to "
                } else {
                    ""
                };
                let audience = AUDIENCES[*audience];
                let sep = if audience.is_empty() { "" } else { " " };
                if drift == Drift::Escalate {
                    return format!("{product} {escalated} {what}{sep}{audience}.");
                }
                let verb = if *hedged {
                    format!("helps {}", base_verb(verb))
                } else {
                    verb.to_string()
                };
                if drift == Drift::Paraphrase {
                    return format!(
                        "With {product}, teams see {what} drop by {qualifier}{value}%{sep}{audience}."
                    );
                }
                format!("{product} {verb} {what} by {qualifier}{value}%{sep}{audience}.")
            }
            Form::Capability(c) => {
                if drift == Drift::Paraphrase {
                    format!("Out of the box, {product} {}.", CAPABILITIES[*c])
                } else {
                    format!("{product} {}.", CAPABILITIES[*c])
                }
            }
            Form::Never(n) => {
                let text = NEVER[*n];
                if drift == Drift::Negate {
                    let flipped = text.replacen("never ", "", 1).replacen("does not ", "", 1);
                    format!("{product} {flipped}.")
                } else {
                    format!("{product} {text}.")
                }
            }
            Form::Count { kind, value } => {
                let value = if drift == Drift::Number {
                    value * 2
                } else {
                    *value
                };
                match kind {
                    0 => format!(
                        "{product} is trusted by {} companies worldwide.",
                        thousands(value)
                    ),
                    1 => format!(
                        "{product} has kept 99.{}% uptime over the last twelve months.",
                        value % 100
                    ),
                    _ => format!(
                        "Customers run more than {} workflows a day on {product}.",
                        thousands(value * 10)
                    ),
                }
            }
            Form::Comparative {
                competitor,
                factor,
                metric,
            } => {
                let factor = if drift == Drift::Number {
                    factor + 3
                } else {
                    *factor
                };
                let (_, _, what) = METRICS[*metric];
                let best = if drift == Drift::Escalate {
                    "the fastest tool on the market for"
                } else {
                    "faster than"
                };
                if drift == Drift::Escalate {
                    format!("{product} is {best} {what}.")
                } else {
                    format!(
                        "{product} is {factor}x {best} {} when it comes to {what}.",
                        COMPETITORS[*competitor]
                    )
                }
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Drift {
    Faithful,
    Paraphrase,
    Number,
    DropQualifier,
    Escalate,
    Negate,
}

impl Drift {
    /// Most sales claims are faithful; about one in six drifts.
    fn choose(rng: &mut Rng) -> Drift {
        match rng.below(24) {
            0 => Drift::Number,
            1 => Drift::DropQualifier,
            2 => Drift::Escalate,
            3 => Drift::Negate,
            4..=9 => Drift::Paraphrase,
            _ => Drift::Faithful,
        }
    }
}

fn base_verb(verb: &str) -> &str {
    verb.strip_suffix("es")
        .filter(|v| v.ends_with("sh"))
        .or_else(|| verb.strip_suffix('s'))
        .unwrap_or(verb)
}

fn thousands(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A brand doc holding claims `first..first+count`.
fn brand_doc(seed: u64, doc: usize, first: usize, count: usize) -> String {
    let mut rng = Rng::new(seed, 2_000_000 + doc as u64);
    let claims: Vec<String> = (first..first + count)
        .map(|i| ClaimSeed::nth(seed, i).render(Drift::Faithful))
        .collect();
    let product = doc % PRODUCTS.len();
    let mut out = String::with_capacity(count * 120);
    let _ = writeln!(out, "---");
    let _ = writeln!(
        out,
        "title: {} messaging guide, part {}",
        PRODUCTS[product],
        doc + 1
    );
    let _ = writeln!(out, "product: {}", PRODUCTS[product]);
    let _ = writeln!(out, "products: [{}]", PRODUCTS.join(", "));
    let _ = writeln!(out, "terms:");
    for (p, retired) in PRODUCTS.iter().zip(RETIRED) {
        let _ = writeln!(out, "  - use: {p}");
        let _ = writeln!(out, "    not: [{}]", retired.join(", "));
    }
    let _ = writeln!(out, "  - use: sign in");
    let _ = writeln!(out, "    not: [login to, log-in to]");
    let _ = writeln!(out, "---\n");
    let _ = writeln!(out, "# {} messaging guide\n", PRODUCTS[product]);
    let _ = writeln!(
        out,
        "This page is the source of truth for how we talk about {}. Sales, support and \
         partner teams quote from it; update it before you change a deck.\n",
        PRODUCTS[product]
    );

    // Split the claims over the usual sections.
    let mut rest = claims.iter();
    let mut take = |n: usize| rest.by_ref().take(n).cloned().collect::<Vec<_>>();
    let quarter = count.div_ceil(4).max(1);

    let _ = writeln!(out, "## Positioning\n");
    for chunk in take(quarter).chunks(3) {
        let _ = writeln!(out, "{}\n", chunk.join(" "));
    }

    let _ = writeln!(out, "## Key messages\n");
    for (i, claim) in take(quarter).iter().enumerate() {
        let _ = writeln!(out, "{}. **Message {}.** {claim}", i + 1, i + 1);
    }
    out.push('\n');

    let _ = writeln!(out, "## Proof points\n");
    let _ = writeln!(out, "| Proof point | Source |");
    let _ = writeln!(out, "| --- | --- |");
    for claim in take(quarter) {
        let source = rng.pick(&[
            "2024 customer survey (n=312)",
            "Independent benchmark, March 2025",
            "Customer case study",
            "Internal telemetry, last 12 months",
        ]);
        let _ = writeln!(out, "| {claim} | {source} |");
    }
    out.push('\n');

    let _ = writeln!(out, "## Value propositions\n");
    let remaining = take(usize::MAX);
    for (i, chunk) in remaining.chunks(4).enumerate() {
        let _ = writeln!(
            out,
            "### For {}\n",
            rng.pick(&[
                "IT leaders",
                "engineering managers",
                "finance",
                "security teams",
                "operations"
            ])
        );
        for claim in chunk {
            let _ = writeln!(out, "- {claim}");
        }
        if i % 2 == 0 {
            let _ = writeln!(out, "\n> Say it plainly; the numbers do the work.");
        }
        out.push('\n');
    }

    let _ = writeln!(out, "## Language we avoid\n");
    let _ = writeln!(
        out,
        "Do not say \"{}\" or \"{}\"; say {} instead. Never promise results we cannot show.",
        RETIRED[product][0],
        RETIRED[(product + 1) % PRODUCTS.len()][0],
        PRODUCTS[product]
    );
    out
}

/// One sales claim sentence: a pool claim, rendered with the drift the rng picks,
/// sometimes with a retired product name.
fn sales_claim(seed: u64, rng: &mut Rng) -> String {
    let claim = ClaimSeed::nth(seed, rng.below(SALES_POOL));
    let mut text = claim.render(Drift::choose(rng));
    if rng.chance(4) {
        let name = PRODUCTS[claim.product];
        text = text.replacen(name, RETIRED[claim.product][0], 1);
    }
    text
}

fn call_script(seed: u64, rng: &mut Rng, n: usize) -> String {
    let product = *rng.pick(PRODUCTS);
    let mut out = String::new();
    if rng.chance(50) {
        let _ = writeln!(
            out,
            "---\ntitle: Discovery call {n}\nowner: sales-enablement\n---\n"
        );
    }
    let _ = writeln!(out, "# Discovery call script: {product} ({n})\n");
    let _ = writeln!(out, "{}\n", rng.pick(FILLER));
    for section in ["Opening", "Discovery", "Pitch", "Next steps"] {
        let _ = writeln!(out, "## {section}\n");
        for _ in 0..rng.range(2, 5) {
            if rng.chance(40) {
                let _ = writeln!(out, "**Prospect:** {}\n", rng.pick(PROSPECT_LINES));
            }
            let label = rng.pick(&["**Rep:**", "Rep:", "**AE:**"]);
            let mut line = String::new();
            if section == "Discovery" && rng.chance(50) {
                let questions = [
                    "Walk me through how you handle this today.",
                    "What happens when that breaks?",
                    "Who owns that process?",
                ];
                let question = *rng.pick(&questions);
                line.push_str(question);
            } else {
                line.push_str(&sales_claim(seed, rng));
                if rng.chance(50) {
                    line.push(' ');
                    line.push_str(&sales_claim(seed, rng));
                }
            }
            let _ = writeln!(out, "{label} {line}\n");
        }
        if rng.chance(40) {
            let _ = writeln!(out, "Notes for the rep:\n");
            for _ in 0..rng.range(2, 4) {
                let _ = writeln!(out, "- {}", rng.pick(FILLER));
            }
            out.push('\n');
        }
    }
    out
}

fn objection_handling(seed: u64, rng: &mut Rng, n: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Objection handling, set {n}\n");
    let _ = writeln!(
        out,
        "Acknowledge, ask a question, then answer. {}\n",
        rng.pick(FILLER)
    );
    for _ in 0..rng.range(3, 6) {
        let objection = rng.pick(OBJECTIONS);
        let _ = writeln!(out, "## Objection: \"{objection}\"\n");
        let _ = writeln!(out, "**Prospect:** {objection}.\n");
        let _ = writeln!(
            out,
            "**Rep:** I hear that a lot. {}\n",
            sales_claim(seed, rng)
        );
        let _ = writeln!(out, "Proof to share:\n");
        for _ in 0..rng.range(2, 4) {
            let _ = writeln!(out, "- {}", sales_claim(seed, rng));
        }
        let _ = writeln!(out, "\n<!-- keep this answer under a minute -->\n");
    }
    out
}

fn email(seed: u64, rng: &mut Rng, n: usize) -> String {
    let product = *rng.pick(PRODUCTS);
    let mut out = String::new();
    let _ = writeln!(out, "# Follow-up email template {n}\n");
    let _ = writeln!(out, "**Subject:** Next steps on {product}\n");
    let _ = writeln!(out, "Hi {{first_name}},\n");
    let _ = writeln!(
        out,
        "Thanks for your time today. As promised, here is a short recap. {}\n",
        sales_claim(seed, rng)
    );
    let _ = writeln!(out, "Three things teams like yours tell us:\n");
    for i in 0..3 {
        let _ = writeln!(out, "{}. {}", i + 1, sales_claim(seed, rng));
    }
    let _ = writeln!(
        out,
        "\nYou can [book time with our team](https://example.com/book?ref={n}) or reply here.\n"
    );
    let _ = writeln!(out, "Best,  \n{{sender_name}}\n");
    out
}

fn battlecard(seed: u64, rng: &mut Rng, n: usize) -> String {
    let competitor = *rng.pick(COMPETITORS);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "---\ntitle: Battlecard vs {competitor}\nupdated: 2025-0{}-1{}\n---\n",
        rng.range(1, 9),
        rng.range(0, 9)
    );
    let _ = writeln!(out, "# Battlecard: us vs {competitor} ({n})\n");
    let _ = writeln!(out, "## Why we win\n");
    for _ in 0..rng.range(3, 6) {
        let _ = writeln!(out, "- {}", sales_claim(seed, rng));
    }
    let _ = writeln!(out, "\n## Comparison\n");
    let _ = writeln!(out, "| Capability | Us | {competitor} |");
    let _ = writeln!(out, "| --- | --- | --- |");
    for _ in 0..rng.range(4, 8) {
        let cap = rng.pick(CAPABILITIES);
        let _ = writeln!(
            out,
            "| {cap} | Yes | {} |",
            rng.pick(&["No", "Partial", "Add-on ($12/user/month)", "Roadmap"])
        );
    }
    let _ = writeln!(out, "\n## Landmines to set\n");
    let _ = writeln!(
        out,
        "Ask how long their last {competitor} upgrade took. {}\n",
        sales_claim(seed, rng)
    );
    let _ = writeln!(
        out,
        "```text\nDemo account: demo-{n}@example.com (reset nightly)\n```\n"
    );
    out
}

struct Args {
    files: usize,
    brand_claims: usize,
    seed: u64,
    out: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        files: 1000,
        brand_claims: 1000,
        seed: 1,
        out: PathBuf::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--files" => args.files = value()?.parse().map_err(|e| format!("--files: {e}"))?,
            "--brand-claims" => {
                args.brand_claims = value()?
                    .parse()
                    .map_err(|e| format!("--brand-claims: {e}"))?
            }
            "--seed" => args.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--out" => args.out = PathBuf::from(value()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.out.as_os_str().is_empty() {
        return Err("--out DIR is required".into());
    }
    Ok(args)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn generate(args: &Args) -> Result<u64, String> {
    let mut bytes = 0u64;
    let config = "brand:\n  - \"messaging/**/*.md\"\nsales:\n  - \"sales/**/*.md\"\n";
    write(&args.out.join("onmessage.yml"), config)?;

    let docs = args.brand_claims.div_ceil(CLAIMS_PER_BRAND_DOC);
    for doc in 0..docs {
        let first = doc * CLAIMS_PER_BRAND_DOC;
        let count = CLAIMS_PER_BRAND_DOC.min(args.brand_claims - first);
        let text = brand_doc(args.seed, doc, first, count);
        bytes += text.len() as u64;
        write(
            &args.out.join(format!("messaging/guide-{doc:04}.md")),
            &text,
        )?;
    }

    for n in 0..args.files {
        let mut rng = Rng::new(args.seed, n as u64);
        let (folder, text) = match n % 4 {
            0 => ("calls", call_script(args.seed, &mut rng, n)),
            1 => ("objections", objection_handling(args.seed, &mut rng, n)),
            2 => ("emails", email(args.seed, &mut rng, n)),
            _ => ("battlecards", battlecard(args.seed, &mut rng, n)),
        };
        bytes += text.len() as u64;
        // Spread files over sub-folders like a real repo.
        let path = args
            .out
            .join("sales")
            .join(folder)
            .join(format!("team-{:02}", n % 17))
            .join(format!("{folder}-{n:05}.md"));
        write(&path, &text)?;
    }
    Ok(bytes)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            eprintln!("usage: gen_corpus --files N --brand-claims M --seed S --out DIR");
            return ExitCode::from(2);
        }
    };
    match generate(&args) {
        Ok(bytes) => {
            eprintln!(
                "gen_corpus: wrote {} sales files and {} brand claims ({:.1} MB) to {}",
                args.files,
                args.brand_claims,
                bytes as f64 / 1e6,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::from(2)
        }
    }
}

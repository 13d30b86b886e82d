//! Pack file → validated, compiled rules. Every error names the pack file,
//! the line and column of the offending value, and the field.

use std::collections::HashMap;
use std::path::Path;

use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::Regex;

use super::matcher::{build_regex, LazyRegex, Literal, Terms};
use super::model::{Context, Examples, MatchSpec, PackFile, RuleKind, RuleSpec, Within};
use crate::claims::{ClaimKind, Strength};
use crate::diagnostic::Severity;
use crate::error::{Error, Result};
use crate::markdown::{BlockKind, Role};
use crate::yaml::locate::Locator;

/// Groups that computed rules use; a pack may not take their names.
pub const RESERVED_GROUPS: &[&str] = &["align", "brand", "coverage", "terms", "input", "directive"];

/// Where a rule came from, for `rules list` and error messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A pack shipped in the binary (`rules/<name>.yml`).
    BuiltIn(String),
    /// A pack file named in the config (path as given there).
    File(String),
    /// Brand docs' front-matter `terms:`.
    FrontMatter,
}

impl Origin {
    pub fn label(&self) -> String {
        match self {
            Origin::BuiltIn(_) => "built-in".to_string(),
            Origin::File(path) => path.clone(),
            Origin::FrontMatter => "brand front matter".to_string(),
        }
    }
}

/// Which files and blocks a rule looks at.
#[derive(Clone, Debug)]
pub struct Scope {
    pub roles: Vec<Role>,
    pub blocks: Vec<BlockKind>,
    /// Lowercased speaker labels; empty: any block, labelled or not.
    pub speakers: Vec<String>,
    pub paths: Option<GlobSet>,
    /// The globs as written, for display.
    pub path_globs: Vec<String>,
}

/// What a rule checks, compiled.
#[derive(Clone, Debug)]
pub enum Check {
    Forbid(Terms),
    /// `suggestions[i]` replaces literal `i`.
    Replace {
        terms: Terms,
        suggestions: Vec<String>,
    },
    Require {
        when: Terms,
        need: Terms,
        within: Within,
    },
    Limit {
        terms: Terms,
        max: usize,
        within: Within,
    },
    Claim {
        kinds: Vec<ClaimKind>,
        strength: Vec<Strength>,
        supported: Option<bool>,
    },
}

/// One compiled rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// `<pack>.<id>`, as reported.
    pub id: String,
    pub pack: String,
    pub kind: RuleKind,
    pub severity: Severity,
    pub message: String,
    pub description: String,
    pub origin: Origin,
    /// Pack file and 1-based line/column of the rule's `id`, for duplicate errors.
    pub defined_at: (String, usize, usize),
    pub scope: Scope,
    /// What text the rule reads: any prose, or customer-facing claims only.
    pub context: Context,
    /// `exceptions:` as written (`exceptions` also holds implicit ones).
    pub exception_phrases: Vec<String>,
    pub exceptions: Terms,
    pub check: Check,
    pub examples: Examples,
}

impl Rule {
    /// Where the rule applies, in words.
    pub fn scope_summary(&self) -> String {
        let join = |xs: Vec<&str>| xs.join(", ");
        let roles = join(
            self.scope
                .roles
                .iter()
                .map(|r| match r {
                    Role::Brand => "brand",
                    Role::Sales => "sales",
                    Role::Ignore => "ignored",
                })
                .collect(),
        );
        let mut parts = vec![format!("{roles} files")];
        if !self.scope.blocks.is_empty() {
            parts.push(format!(
                "blocks: {}",
                join(self.scope.blocks.iter().map(|b| b.as_str()).collect())
            ));
        }
        if !self.scope.speakers.is_empty() {
            parts.push(format!("speakers: {}", self.scope.speakers.join(", ")));
        }
        if !self.scope.path_globs.is_empty() {
            parts.push(format!("paths: {}", self.scope.path_globs.join(", ")));
        }
        parts.push("our side's lines only".to_string());
        if self.context == Context::Claims {
            parts.push("customer-facing sentences only (context: claims)".to_string());
        }
        parts.join("; ")
    }

    /// Every term list of the rule, for building the run's matchers.
    pub fn terms_mut(&mut self) -> Vec<&mut Terms> {
        let mut out = vec![&mut self.exceptions];
        match &mut self.check {
            Check::Forbid(t) => out.push(t),
            Check::Replace { terms, .. } | Check::Limit { terms, .. } => out.push(terms),
            Check::Require { when, need, .. } => {
                out.push(when);
                out.push(need);
            }
            Check::Claim { .. } => {}
        }
        out
    }
}

/// A located error in one pack file.
struct Ctx<'a> {
    file: &'a Path,
    locator: Locator,
    /// Whether patterns are compiled to check them: a user's pack is, so
    /// that a pattern too large or matching empty text is reported at load.
    /// A built-in pack's are only parsed, and compiled when first run:
    /// compiling them all was most of a short run, and the tests compile
    /// each (`builtin_patterns_pass_every_load_check`).
    compile_patterns: bool,
}

impl Ctx<'_> {
    fn err(&self, field: &str, message: impl std::fmt::Display) -> Error {
        let (line, column) = self.locator.nearest(field);
        Error::at(self.file, line, column, format!("{field}: {message}"))
    }

    fn pos(&self, field: &str) -> (usize, usize) {
        self.locator.nearest(field)
    }
}

/// A compiled pack: its rules, and warnings about what it probably did not
/// mean (each `path:line:col: message`, naming the rule).
#[derive(Debug, Default)]
pub struct Compiled {
    pub rules: Vec<Rule>,
    pub warnings: Vec<String>,
}

/// Parse and compile one pack file's text. `file` is how errors name it.
pub fn compile_pack(file: &Path, text: &str, origin: Origin) -> Result<Compiled> {
    let compile_patterns = !matches!(origin, Origin::BuiltIn(_));
    compile_pack_with(file, text, origin, compile_patterns)
}

fn compile_pack_with(
    file: &Path,
    text: &str,
    origin: Origin,
    compile_patterns: bool,
) -> Result<Compiled> {
    if text.trim().is_empty() {
        return Err(Error::at(
            file,
            1,
            1,
            "empty rule pack: expected `pack:` and `rules:`",
        ));
    }
    let pack: PackFile = serde_yaml::from_str(text).map_err(|e| Error::yaml_in(file, text, &e))?;
    let ctx = Ctx {
        file,
        locator: Locator::new(text),
        compile_patterns,
    };
    check_name(&ctx, "pack", &pack.pack, "pack name")?;
    if RESERVED_GROUPS.contains(&pack.pack.as_str()) {
        return Err(ctx.err(
            "pack",
            format!(
                "`{}` is reserved for onmessage's computed rules; choose another pack name",
                pack.pack
            ),
        ));
    }
    let lists = compile_lists(&ctx, &pack.lists)?;
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut rules = Vec::with_capacity(pack.rules.len());
    for (i, spec) in pack.rules.iter().enumerate() {
        let at = format!("rules[{i}]");
        if let Some(first) = seen.insert(&spec.id, i) {
            let (line, column) = ctx.pos(&format!("rules[{first}].id"));
            return Err(ctx.err(
                &format!("{at}.id"),
                format!(
                    "duplicate rule id `{}` (first defined at {}:{line}:{column})",
                    spec.id,
                    file.display()
                ),
            ));
        }
        let expanded;
        let spec = if lists.is_empty() {
            spec
        } else {
            expanded = expand_spec(&ctx, &at, spec, &lists)?;
            &expanded
        };
        rules.push(compile_rule(&ctx, &at, &pack.pack, spec, origin.clone())?);
    }
    let warnings = pack
        .rules
        .iter()
        .enumerate()
        .flat_map(|(i, spec)| escaped_patterns(&ctx, i, &pack.pack, spec))
        .collect();
    Ok(Compiled { rules, warnings })
}

/// Each `lists:` entry as one regex group, `(?:a|b|c)`, longest entry
/// first so that a longer phrase wins over its prefix.
fn compile_lists(
    ctx: &Ctx,
    lists: &std::collections::BTreeMap<String, Vec<String>>,
) -> Result<HashMap<String, String>> {
    let mut out = HashMap::new();
    for (name, entries) in lists {
        let field = format!("lists.{name}");
        let named = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !named {
            return Err(ctx.err(
                &field,
                format!("invalid list name `{name}`: use lowercase letters, digits and `_`"),
            ));
        }
        if entries.is_empty() || entries.iter().any(|e| e.trim().is_empty()) {
            return Err(ctx.err(&field, "a list needs entries, none of them empty"));
        }
        let mut sorted: Vec<&String> = entries.iter().collect();
        sorted.sort_by_key(|e| std::cmp::Reverse(e.len()));
        for (j, entry) in entries.iter().enumerate() {
            let error = if ctx.compile_patterns {
                Regex::new(entry).err().map(|e| e.to_string())
            } else {
                regex_syntax::Parser::new()
                    .parse(entry)
                    .err()
                    .map(|e| e.to_string())
            };
            if let Some(e) = error {
                return Err(ctx.err(&format!("{field}[{j}]"), format!("invalid regex: {e}")));
            }
        }
        let group = sorted
            .iter()
            .map(|e| e.replace(' ', r"\s+"))
            .collect::<Vec<_>>()
            .join("|");
        out.insert(name.clone(), format!("(?:{group})"));
    }
    Ok(out)
}

/// `{name}` in a pattern, replaced by its list's group. Regex repetitions
/// (`{2}`, `{1,3}`) hold no letters, so they are never taken for a list.
fn expand_pattern(
    ctx: &Ctx,
    field: &str,
    pattern: &str,
    lists: &HashMap<String, String>,
) -> Result<String> {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}');
        let name = close.map(|c| &after[..c]);
        match name {
            Some(n) if n.chars().next().is_some_and(|c| c.is_ascii_lowercase()) => {
                let Some(group) = lists.get(n) else {
                    return Err(ctx.err(field, format!("no list `{n}` in `lists:`")));
                };
                out.push_str(&rest[..open]);
                out.push_str(group);
                rest = &after[n.len() + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// A rule with its patterns' `{name}`s expanded.
fn expand_spec(
    ctx: &Ctx,
    at: &str,
    spec: &RuleSpec,
    lists: &HashMap<String, String>,
) -> Result<RuleSpec> {
    let mut spec = spec.clone();
    let expand_all = |field: &str, patterns: &mut Vec<String>| -> Result<()> {
        for (j, p) in patterns.iter_mut().enumerate() {
            *p = expand_pattern(ctx, &format!("{at}.{field}[{j}]"), p, lists)?;
        }
        Ok(())
    };
    expand_all("patterns", &mut spec.patterns)?;
    if let Some(when) = spec.when.as_mut() {
        expand_all("when.patterns", &mut when.patterns)?;
    }
    if let Some(need) = spec.need.as_mut() {
        expand_all("need.patterns", &mut need.patterns)?;
    }
    Ok(spec)
}

/// Patterns holding a control character: a double-quoted YAML string read
/// `"\bword\b"` as backspaces, so the regex matches nothing the writer meant.
fn escaped_patterns(ctx: &Ctx, i: usize, pack: &str, spec: &RuleSpec) -> Vec<String> {
    let lists = [
        ("patterns", Some(&spec.patterns)),
        ("when.patterns", spec.when.as_ref().map(|m| &m.patterns)),
        ("need.patterns", spec.need.as_ref().map(|m| &m.patterns)),
    ];
    let mut out = Vec::new();
    for (field, list) in lists {
        for (j, pattern) in list.into_iter().flatten().enumerate() {
            let Some(c) = pattern.chars().find(|c| c.is_control()) else {
                continue;
            };
            let (line, column) = ctx.pos(&format!("rules[{i}].{field}[{j}]"));
            let escape = match c {
                '\u{7}' => "\\a".to_string(),
                '\u{8}' => "\\b".to_string(),
                '\t' => "\\t".to_string(),
                '\n' => "\\n".to_string(),
                '\u{b}' => "\\v".to_string(),
                '\u{c}' => "\\f".to_string(),
                '\r' => "\\r".to_string(),
                '\u{1b}' => "\\e".to_string(),
                '\0' => "\\0".to_string(),
                other => format!("U+{:04X}", u32::from(other)),
            };
            out.push(format!(
                "{}:{line}:{column}: rule `{pack}.{}`: pattern {pattern:?} holds a control character: in double quotes YAML reads `{escape}` as an escape, not as regex syntax; use single quotes for regexes ('\\bword\\b')",
                ctx.file.display(),
                spec.id,
            ));
        }
    }
    out
}

fn check_name(ctx: &Ctx, field: &str, name: &str, what: &str) -> Result<()> {
    let ok = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(ctx.err(
            field,
            format!(
                "invalid {what} `{name}`: use lowercase letters, digits, `-` and `_` (no dots)"
            ),
        ))
    }
}

/// The fields each kind may use, beyond the common ones.
fn kind_fields(kind: RuleKind) -> &'static [&'static str] {
    match kind {
        RuleKind::Forbid => &["terms", "patterns"],
        RuleKind::Replace => &["swap"],
        RuleKind::Require => &["when", "need", "within"],
        RuleKind::Limit => &["terms", "patterns", "max", "within"],
        RuleKind::Claim => &["kinds", "strength", "supported"],
    }
}

/// Kind-specific fields that are set.
fn set_fields(spec: &RuleSpec) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut add = |set: bool, name| {
        if set {
            out.push(name)
        }
    };
    add(!spec.terms.is_empty(), "terms");
    add(!spec.patterns.is_empty(), "patterns");
    add(!spec.swap.is_empty(), "swap");
    add(spec.when.is_some(), "when");
    add(spec.need.is_some(), "need");
    add(spec.within.is_some(), "within");
    add(spec.max.is_some(), "max");
    add(!spec.kinds.is_empty(), "kinds");
    add(spec.strength.is_some(), "strength");
    add(spec.supported.is_some(), "supported");
    out
}

/// The placeholders a kind's message may use.
fn placeholders(kind: RuleKind) -> &'static [&'static str] {
    match kind {
        RuleKind::Replace => &["match", "suggestion"],
        RuleKind::Limit => &["match", "count", "max"],
        _ => &["match"],
    }
}

fn compile_rule(ctx: &Ctx, at: &str, pack: &str, spec: &RuleSpec, origin: Origin) -> Result<Rule> {
    check_name(ctx, &format!("{at}.id"), &spec.id, "rule id")?;
    let id = format!("{pack}.{}", spec.id);
    let allowed = kind_fields(spec.kind);
    for field in set_fields(spec) {
        if !allowed.contains(&field) {
            return Err(ctx.err(
                &format!("{at}.{field}"),
                format!(
                    "`{field}` does not apply to a `{}` rule (it takes {})",
                    spec.kind.as_str(),
                    allowed
                        .iter()
                        .map(|f| format!("`{f}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
    check_message(ctx, at, spec)?;
    let case_sensitive = spec.case_sensitive;
    let check = match spec.kind {
        RuleKind::Forbid => {
            let terms = rule_terms(ctx, &id, at, spec)?;
            Check::Forbid(terms)
        }
        RuleKind::Replace => {
            if spec.swap.is_empty() {
                return Err(ctx.err(at, "a `replace` rule needs `swap: {wrong: right, …}`"));
            }
            let mut literals = Vec::new();
            let mut suggestions = Vec::new();
            for (wrong, right) in &spec.swap {
                let field = format!("{at}.swap.{wrong}");
                if wrong.trim().is_empty() || right.trim().is_empty() {
                    return Err(ctx.err(&field, "swap terms must not be empty"));
                }
                literals.push(Literal {
                    text: wrong.clone(),
                    case_sensitive: case_sensitive || same_but_case(wrong, right),
                });
                suggestions.push(right.clone());
            }
            Check::Replace {
                terms: Terms {
                    literals,
                    ..Terms::default()
                },
                suggestions,
            }
        }
        RuleKind::Require => {
            let when = match_spec(ctx, &id, at, "when", spec.when.as_ref(), case_sensitive)?;
            let need = match_spec(ctx, &id, at, "need", spec.need.as_ref(), case_sensitive)?;
            Check::Require {
                when,
                need,
                within: spec.within.unwrap_or_default(),
            }
        }
        RuleKind::Limit => {
            let terms = rule_terms(ctx, &id, at, spec)?;
            let Some(max) = spec.max else {
                return Err(ctx.err(at, "a `limit` rule needs `max`"));
            };
            Check::Limit {
                terms,
                max,
                within: spec.within.unwrap_or_default(),
            }
        }
        RuleKind::Claim => {
            let strength = spec
                .strength
                .clone()
                .map(|s| s.into_vec())
                .unwrap_or_default();
            if spec.kinds.is_empty() && strength.is_empty() && spec.supported.is_none() {
                return Err(ctx.err(
                    at,
                    "a `claim` rule needs at least one of `kinds`, `strength`, `supported`",
                ));
            }
            Check::Claim {
                kinds: spec.kinds.clone(),
                strength,
                supported: spec.supported,
            }
        }
    };
    let mut exceptions = terms(
        ctx,
        &id,
        at,
        "exceptions",
        &spec.exceptions,
        &[],
        case_sensitive,
    )?;
    if let Check::Replace { suggestions, .. } = &check {
        // The approved term itself is never a wrong one ("Acme Flow Pro"
        // must not be reported for containing the retired "Flow Pro").
        for right in suggestions {
            exceptions.literals.push(Literal {
                text: right.clone(),
                case_sensitive: true,
            });
        }
    }
    let mut speakers = Vec::new();
    for (j, s) in spec.speakers.iter().enumerate() {
        if s.trim().is_empty() {
            return Err(ctx.err(&format!("{at}.speakers[{j}]"), "empty speaker label"));
        }
        speakers.push(s.trim().to_lowercase());
    }
    let paths = globs(ctx, at, &spec.paths)?;
    let (line, column) = ctx.pos(&format!("{at}.id"));
    Ok(Rule {
        id,
        pack: pack.to_string(),
        kind: spec.kind,
        severity: spec.severity,
        message: spec.message.clone(),
        description: spec.description.clone(),
        origin,
        defined_at: (ctx.file.display().to_string(), line, column),
        scope: Scope {
            roles: if spec.roles.is_empty() {
                vec![Role::Sales]
            } else {
                spec.roles.clone()
            },
            blocks: spec.blocks.clone(),
            speakers,
            paths,
            path_globs: spec.paths.clone(),
        },
        context: spec.context,
        exception_phrases: spec.exceptions.clone(),
        exceptions,
        check,
        examples: spec.examples.clone(),
    })
}

/// "GitHub" → "Github" must be matched with case, or the right term would
/// match too.
fn same_but_case(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

fn check_message(ctx: &Ctx, at: &str, spec: &RuleSpec) -> Result<()> {
    let field = format!("{at}.message");
    if spec.message.trim().is_empty() {
        return Err(ctx.err(&field, "message must not be empty"));
    }
    let allowed = placeholders(spec.kind);
    let mut rest = spec.message.as_str();
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !allowed.contains(&name) {
            return Err(ctx.err(
                &field,
                format!(
                    "unknown placeholder `{{{name}}}` in a `{}` rule's message (available: {})",
                    spec.kind.as_str(),
                    allowed
                        .iter()
                        .map(|p| format!("`{{{p}}}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        rest = &after[close + 1..];
    }
    Ok(())
}

fn match_spec(
    ctx: &Ctx,
    rule: &str,
    at: &str,
    field: &str,
    spec: Option<&MatchSpec>,
    case_sensitive: bool,
) -> Result<Terms> {
    let path = format!("{at}.{field}");
    let Some(spec) = spec else {
        return Err(ctx.err(
            at,
            format!("a `require` rule needs `{field}: {{terms: […], patterns: […]}}`"),
        ));
    };
    let t = terms(
        ctx,
        rule,
        &path,
        "",
        &spec.terms,
        &spec.patterns,
        case_sensitive,
    )?;
    if t.is_empty() {
        return Err(ctx.err(&path, format!("`{field}` needs `terms` or `patterns`")));
    }
    Ok(t)
}

/// Compile a `forbid` or `limit` rule's own `terms` and `patterns`, which
/// must not both be empty.
fn rule_terms(ctx: &Ctx, rule: &str, at: &str, spec: &RuleSpec) -> Result<Terms> {
    let t = terms(
        ctx,
        rule,
        at,
        "",
        &spec.terms,
        &spec.patterns,
        spec.case_sensitive,
    )?;
    if t.is_empty() {
        return Err(ctx.err(
            at,
            format!(
                "a `{}` rule needs `terms` or `patterns`",
                spec.kind.as_str()
            ),
        ));
    }
    Ok(t)
}

/// Compile literal `terms` (at `<at>.<field>` or `<at>.terms`) and `patterns`.
fn terms(
    ctx: &Ctx,
    rule: &str,
    at: &str,
    field: &str,
    literals: &[String],
    patterns: &[String],
    case_sensitive: bool,
) -> Result<Terms> {
    let literal_field = if field.is_empty() { "terms" } else { field };
    let mut out = Terms::default();
    for (j, term) in literals.iter().enumerate() {
        if term.trim().is_empty() {
            return Err(ctx.err(&format!("{at}.{literal_field}[{j}]"), "empty term"));
        }
        out.literals.push(Literal {
            text: term.clone(),
            case_sensitive,
        });
    }
    for (j, pattern) in patterns.iter().enumerate() {
        out.patterns.push(regex(
            ctx,
            rule,
            &format!("{at}.patterns[{j}]"),
            pattern,
            case_sensitive,
        )?);
    }
    Ok(out)
}

/// Check one pattern, and compile it if `ctx` says so. The case flag goes
/// inline (`(?i)`) so that what the matcher derives from the pattern's text
/// (its required words, its boundary-free filter) keeps it.
fn regex(
    ctx: &Ctx,
    rule: &str,
    field: &str,
    pattern: &str,
    case_sensitive: bool,
) -> Result<LazyRegex> {
    let flagged = if case_sensitive {
        pattern.to_string()
    } else {
        format!("(?i){pattern}")
    };
    if !ctx.compile_patterns {
        // The parser is the one the regex crate runs first, with the same
        // settings: a pattern it takes compiles but for size.
        return match regex_syntax::Parser::new().parse(&flagged) {
            Ok(hir) => Ok(LazyRegex::parsed(flagged, hir)),
            Err(e) => Err(ctx.err(field, format!("invalid regex in rule `{rule}`: {e}"))),
        };
    }
    // Compiling is most of loading a pack: the pattern as written is
    // compiled only to explain a failure in its own terms.
    let re = build_regex(&flagged).map_err(|flagged_error| {
        let what = match build_regex(pattern) {
            Err(regex::Error::CompiledTooBig(limit)) => format!(
                "pattern of rule `{rule}` is too large: it compiles to more than {limit} bytes; split it or use `terms`"
            ),
            Err(e) => format!("invalid regex in rule `{rule}`: {e}"),
            Ok(_) => format!("invalid regex in rule `{rule}`: {flagged_error}"),
        };
        ctx.err(field, what)
    })?;
    if re.is_match("") {
        return Err(ctx.err(
            field,
            format!("pattern of rule `{rule}` matches empty text, so it would match everywhere"),
        ));
    }
    Ok(LazyRegex::compiled(re))
}

fn globs(ctx: &Ctx, at: &str, paths: &[String]) -> Result<Option<GlobSet>> {
    if paths.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for (j, p) in paths.iter().enumerate() {
        let glob = Glob::new(p)
            .map_err(|e| ctx.err(&format!("{at}.paths[{j}]"), format!("invalid glob: {e}")))?;
        builder.add(glob);
    }
    builder
        .build()
        .map(Some)
        .map_err(|e| ctx.err(&format!("{at}.paths"), format!("invalid globs: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A built-in pack's patterns are only parsed at load; compiled as a
    /// user's pack is, they pass every check, and the rules are the same.
    #[test]
    fn builtin_patterns_pass_every_load_check() {
        for (name, text) in crate::rules::BUILTIN_PACKS {
            let file = std::path::PathBuf::from(format!("rules/{name}.yml"));
            let origin = || Origin::BuiltIn(name.to_string());
            let mut checked = compile_pack_with(&file, text, origin(), true)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut lazy = compile_pack(&file, text, origin()).unwrap();
            let sources = |c: &mut Compiled| -> Vec<String> {
                c.rules
                    .iter_mut()
                    .flat_map(Rule::terms_mut)
                    .flat_map(|t| t.patterns.iter().map(|p| p.as_str().to_string()))
                    .collect()
            };
            let patterns = sources(&mut checked);
            assert!(patterns.len() > 50, "{name}: {} patterns", patterns.len());
            assert_eq!(patterns, sources(&mut lazy), "{name}");
        }
    }

    #[test]
    fn user_patterns_are_compiled_at_load_and_builtin_ones_on_first_use() {
        let text = "pack: acme\nrules:\n  - id: a\n    kind: forbid\n    message: no\n    patterns: ['\\bfoo\\b']\n";
        let file = Path::new("acme.yml");
        let first = |c: Compiled| match &c.rules[0].check {
            Check::Forbid(t) => t.patterns[0].clone(),
            other => panic!("{other:?}"),
        };
        let user = first(compile_pack(file, text, Origin::File("acme.yml".into())).unwrap());
        let builtin = first(compile_pack(file, text, Origin::BuiltIn("acme".into())).unwrap());
        assert_eq!(user.as_str(), r"(?i)\bfoo\b");
        assert_eq!(builtin.as_str(), user.as_str());
        assert!(user.is_compiled() && !builtin.is_compiled());
        assert!(builtin.regex().is_match("a FOO b") && builtin.is_compiled());
    }
}

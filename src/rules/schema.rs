//! JSON Schema of the pack format, for editors (`rules schema`, and
//! `rules/schema.json`, which a test keeps identical to this output).

use serde_json::{json, Value};

use super::model::KIND_SPECIFIC_FIELDS;

fn string_list(description: &str) -> Value {
    json!({"type": "array", "items": {"type": "string", "minLength": 1}, "description": description})
}

fn enum_list(values: &[&str], description: &str) -> Value {
    json!({"type": "array", "items": {"enum": values}, "uniqueItems": true, "description": description})
}

fn match_spec(description: &str) -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "description": description,
        "properties": {
            "terms": string_list("Literal phrases; case-insensitive unless `case_sensitive`, whole words only."),
            "patterns": string_list("Regular expressions (Rust `regex` syntax, no look-around).")
        }
    })
}

/// Fields a kind requires and fields it forbids, as `if kind = X then …`.
fn kind_rule(kind: &str, required: &[&str], forbidden: &[&str]) -> Value {
    let not: Vec<Value> = forbidden.iter().map(|f| json!({"required": [f]})).collect();
    let mut then = json!({ "not": {"anyOf": not} });
    if !required.is_empty() {
        then["required"] = json!(required);
    }
    json!({
        "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
        "then": then
    })
}

/// The fields of one rule.
fn rule_properties() -> Value {
    let strength = json!({"enum": ["hedged", "plain", "absolute"]});
    json!({
        "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]*$", "description": "Unique in the pack; reported as `<pack>.<id>`."},
        "kind": {"enum": ["forbid", "replace", "require", "limit", "claim"]},
        "severity": {"enum": ["error", "warning", "info"], "default": "warning"},
        "message": {"type": "string", "minLength": 1, "description": "Shown with each finding. Placeholders: `{match}`; `{suggestion}` (replace); `{count}`, `{max}` (limit)."},
        "description": {"type": "string", "description": "Why it matters; shown by `onmessage rules explain`."},
        "roles": enum_list(&["sales", "brand"], "Files the rule reads (default: sales)."),
        "blocks": enum_list(&["heading", "paragraph", "list", "quote", "table"], "Block kinds the rule reads (default: all)."),
        "speakers": string_list("Only lines of these speakers (default: every line of ours)."),
        "paths": string_list("Only files matching these globs, relative to the config's folder."),
        "exceptions": string_list("Phrases that excuse a match they overlap (e.g. `zero-downtime deployment` for `zero downtime`)."),
        "case_sensitive": {"type": "boolean", "default": false},
        "context": {"enum": ["text", "claims"], "default": "text", "description": "What the rule reads: `text`, any prose of ours; `claims`, only sentences our side says to a customer (not quoted mentions, guidance to reps, labels, scale definitions or reported speech)."},
        "terms": string_list("forbid, limit: literal phrases."),
        "patterns": string_list("forbid, limit: regular expressions."),
        "swap": {"type": "object", "additionalProperties": {"type": "string", "minLength": 1}, "minProperties": 1, "description": "replace: {wrong: right}."},
        "when": match_spec("require: the trigger."),
        "need": match_spec("require: what must appear in the same file or section."),
        "within": {"enum": ["file", "section"], "default": "file", "description": "require, limit: where to look or count."},
        "max": {"type": "integer", "minimum": 0, "description": "limit: most occurrences allowed."},
        "kinds": enum_list(&["quantity", "superlative", "comparative", "absolute", "capability", "negative"], "claim: any of these claim kinds."),
        "strength": {"anyOf": [strength.clone(), {"type": "array", "items": strength}], "description": "claim: how strongly it is put."},
        "supported": {"type": "boolean", "description": "claim: whether a brand claim is behind it."},
        "examples": {
            "type": "object",
            "additionalProperties": false,
            "properties": {
                "valid": string_list("Snippets the rule must not report."),
                "invalid": string_list("Snippets the rule must report.")
            }
        }
    })
}

/// The schema, field for field the same as `model::RuleSpec`.
pub fn schema() -> Value {
    let others = |allowed: &[&str]| -> Vec<&str> {
        KIND_SPECIFIC_FIELDS
            .iter()
            .copied()
            .filter(|f| !allowed.contains(f))
            .collect()
    };
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://onmessage.dev/schema/rule-pack.json",
        "title": "onmessage rule pack",
        "description": "A pack of rules that onmessage applies to sales material. See docs/rules.md.",
        "type": "object",
        "additionalProperties": false,
        "required": ["pack", "rules"],
        "properties": {
            "pack": {
                "type": "string",
                "pattern": "^[a-z0-9][a-z0-9_-]*$",
                "not": {"enum": super::RESERVED_GROUPS},
                "description": "The group rule ids are reported under: `<pack>.<id>`."
            },
            "description": {"type": "string"},
            "lists": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
                "propertyNames": {"pattern": "^[a-z][a-z0-9_]*$"},
                "description": "Named word lists (regex fragments) that patterns use as `{name}`: any one of the list's entries."
            },
            "rules": {"type": "array", "items": {"$ref": "#/definitions/rule"}}
        },
        "definitions": {
            "rule": {
                "type": "object",
                "additionalProperties": false,
                "required": ["id", "kind", "message"],
                "properties": rule_properties(),
                "allOf": [
                    kind_rule("forbid", &[], &others(&["terms", "patterns"])),
                    kind_rule("replace", &["swap"], &others(&["swap"])),
                    kind_rule("require", &["when", "need"], &others(&["when", "need", "within"])),
                    kind_rule("limit", &["max"], &others(&["terms", "patterns", "max", "within"])),
                    kind_rule("claim", &[], &others(&["kinds", "strength", "supported"]))
                ]
            }
        }
    })
}

/// The schema as `rules schema` prints it (and `rules/schema.json` holds).
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).expect("schema serialises");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::model::RULE_FIELDS;

    #[test]
    fn schema_lists_exactly_the_model_fields() {
        let s = schema();
        let mut props: Vec<&str> = s["definitions"]["rule"]["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        props.sort();
        let mut fields = RULE_FIELDS.to_vec();
        fields.sort();
        assert_eq!(props, fields);
        // And the model accepts exactly those: serde lists what it expects
        // when it meets an unknown field.
        let err = serde_yaml::from_str::<crate::rules::model::RuleSpec>("bogus: 1")
            .unwrap_err()
            .to_string();
        for field in RULE_FIELDS {
            assert!(
                err.contains(&format!("`{field}`")),
                "{field} missing from {err}"
            );
        }
    }
}

//! Where each value of a YAML file is, by path (`rules[3].patterns[1]`).
//!
//! serde_yaml locates the errors it finds itself (unknown field, wrong type)
//! but not the ones found after deserializing (duplicate id, bad regex). For
//! those we walk the file's YAML events once more, with their positions.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, Span};

/// 1-based (line, column) of every node, keyed by its path.
#[derive(Debug, Default)]
pub struct Locator {
    positions: HashMap<String, (usize, usize)>,
}

impl Locator {
    /// Index a YAML text. A text that does not parse yields what was read
    /// before the error (serde_yaml will already have reported it).
    pub fn new(text: &str) -> Locator {
        let mut locator = Locator::default();
        let mut events = Parser::new_from_str(text).map_while(Result::ok);
        // Skip to the first document's root node.
        for (event, span) in events.by_ref() {
            match event {
                Event::StreamStart | Event::DocumentStart(_) => continue,
                Event::StreamEnd | Event::DocumentEnd => break,
                event => {
                    locator.node(&mut events, String::new(), event, span);
                    break;
                }
            }
        }
        locator
    }

    /// Position of the value at `path`; an empty path is the document root.
    pub fn get(&self, path: &str) -> Option<(usize, usize)> {
        self.positions.get(path).copied()
    }

    /// Position of `path`, else of its nearest located parent, else 1:1.
    pub fn nearest(&self, path: &str) -> (usize, usize) {
        let mut p = path;
        loop {
            if let Some(pos) = self.get(p) {
                return pos;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return self.get("").unwrap_or((1, 1)),
            }
        }
    }

    fn node<'a>(
        &mut self,
        events: &mut impl Iterator<Item = (Event<'a>, Span)>,
        path: String,
        event: Event<'a>,
        span: Span,
    ) {
        self.positions
            .insert(path.clone(), (span.start.line(), span.start.col() + 1));
        match event {
            Event::MappingStart(..) => loop {
                let Some((key, key_span)) = events.next() else {
                    return;
                };
                let key_path = match &key {
                    Event::MappingEnd => return,
                    Event::Scalar(k, ..) if path.is_empty() => k.to_string(),
                    Event::Scalar(k, ..) => format!("{path}.{k}"),
                    // A complex key: index it under a name no lookup uses.
                    other => {
                        let dummy = format!("{path}.?");
                        self.node(events, dummy, other.clone(), key_span);
                        format!("{path}.?")
                    }
                };
                let Some((value, value_span)) = events.next() else {
                    return;
                };
                self.node(events, key_path, value, value_span);
            },
            Event::SequenceStart(..) => {
                let mut i = 0;
                loop {
                    let Some((item, item_span)) = events.next() else {
                        return;
                    };
                    if matches!(item, Event::SequenceEnd) {
                        return;
                    }
                    self.node(events, format!("{path}[{i}]"), item, item_span);
                    i += 1;
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_block_and_flow_values() {
        let text = "pack: risky\nrules:\n  - id: a\n    patterns:\n      - one\n      - 'two'\n  - id: b\n    terms: [x, \"y\"]\n    swap: {Old: New}\n";
        let l = Locator::new(text);
        assert_eq!(l.get("pack"), Some((1, 7)));
        assert_eq!(l.get("rules[0].id"), Some((3, 9)));
        assert_eq!(l.get("rules[0].patterns[1]"), Some((6, 9)));
        assert_eq!(l.get("rules[1].id"), Some((7, 9)));
        assert_eq!(l.get("rules[1].terms[1]"), Some((8, 16)));
        assert_eq!(l.get("rules[1].swap.Old"), Some((9, 17)));
        assert_eq!(l.nearest("rules[1].when.terms[0]"), (7, 5));
    }

    #[test]
    fn broken_yaml_yields_a_partial_index() {
        let l = Locator::new("pack: a\nrules: [\n");
        assert_eq!(l.get("pack"), Some((1, 7)));
        assert_eq!(l.nearest("rules[4]"), l.get("rules").unwrap_or((1, 1)));
    }
}

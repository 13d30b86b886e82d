//! The Markdown model: any UTF-8 text parses without a panic, every span lies
//! inside the file on character boundaries, positions round-trip to offsets.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onmessage::markdown::Speakers;
use onmessage::markdown::{self, LineIndex};

fn assert_span(source: &str, start: usize, end: usize) {
    assert!(start <= end && end <= source.len(), "{start}..{end} of {}", source.len());
    assert!(source.is_char_boundary(start) && source.is_char_boundary(end));
}

fuzz_target!(|text: &str| {
    let doc = markdown::parse("sales/fuzz.md", text.to_string(), &Speakers::default());
    for block in &doc.blocks {
        assert_span(text, block.span.start, block.span.end);
        for (t, _) in block.text.char_indices() {
            let s = block.map.to_source(t);
            assert_span(text, s, s);
        }
        let whole = block.map.range_to_source(0..block.text.len());
        assert_span(text, whole.start, whole.end);
    }
    for directive in &doc.directives {
        assert_span(text, directive.span.start, directive.span.end);
    }
    if let Some((span, _)) = &doc.front_matter_error {
        assert_span(text, span.start, span.end);
    }
    let lines = LineIndex::new(text);
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    for (offset, _) in text.char_indices().filter(|(i, _)| *i >= bom).take(4096) {
        let (line, column) = lines.position(text, offset);
        assert_eq!(lines.offset(text, line, column), Some(offset));
    }
});

//! Property tests over random Markdown: parsing and claim extraction never
//! panic, every span they report lies inside the file on character
//! boundaries, and line/column positions round-trip to byte offsets.
//!
//! The case count is kept small so `cargo test` stays fast; run a deeper
//! pass with `PROPTEST_CASES=5000 cargo test --release --test props`.

use proptest::prelude::*;

use onmessage::claims::{self, Lexicon};
use onmessage::markdown::Speakers;
use onmessage::markdown::{self, LineIndex};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

/// Pieces Markdown in content repos is made of, hostile ones included.
const PIECES: &[&str] = &[
    "# ",
    "## ",
    "> ",
    "- ",
    "* ",
    "1. ",
    "   ",
    "\t",
    "| a | b |",
    "| --- | --- |",
    "|",
    "---",
    "```",
    "~~~",
    "**",
    "*",
    "_",
    "`",
    "[link](http://x.y/z)",
    "![img](a.png)",
    "<!-- onmessage-disable -->",
    "<!-- onmessage-disable-next-line risky -->",
    "<!--",
    "-->",
    "<div>",
    "</div>",
    "Rep:",
    "**Rep:**",
    "Prospect:",
    "AE:",
    "{{< note >}}",
    "{{< /note >}}",
    "import X from 'y'",
    "<Tabs>",
    "40%",
    "up to",
    "$1.2M",
    "3x",
    "never",
    "the #1",
    "Acme Flow",
    "e.g.",
    "Dr. Who",
    "🙂",
    "👩‍👩‍👧‍👦",
    "e\u{301}",
    "مرحبا",
    "שלום",
    "\u{202e}",
    "日本語のテキスト。",
    "\u{feff}",
    "\0",
    "\u{1b}[31m",
    "\\",
    "&amp;",
    "&#x0;",
    "[^1]",
    "[^1]: note",
    "- [ ] task",
    "title: x",
    "onmessage:",
    "  role: brand",
    "terms:",
    "  - use: A",
    "    not: [B]",
    ".",
    ". ",
    "! ",
    "? ",
    " ",
    "word",
    "Acme Flow cuts costs by 40%.",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
        1 => proptest::collection::vec(any::<char>(), 0..6).prop_map(|cs| cs.into_iter().collect()),
    ]
}

fn line_ending() -> impl Strategy<Value = &'static str> {
    prop_oneof![6 => Just("\n"), 1 => Just("\r\n"), 1 => Just("\r"), 1 => Just("\n\n")]
}

/// Random documents: optional front matter, then lines of pieces with mixed endings.
fn markdown() -> impl Strategy<Value = String> {
    let line = (proptest::collection::vec(piece(), 0..8), line_ending())
        .prop_map(|(pieces, end)| pieces.concat() + end);
    let front = prop_oneof![
        3 => Just(String::new()),
        1 => Just("---\ntitle: x\nterms:\n  - use: Acme Flow\n    not: [AcmeFlow]\n---\n".to_string()),
        1 => Just("---\nunterminated: [\n".to_string()),
        1 => Just("\u{feff}---\nrole: brand\n---\r\n".to_string()),
    ];
    (front, proptest::collection::vec(line, 0..30)).prop_map(|(f, lines)| f + &lines.concat())
}

fn assert_span(source: &str, start: usize, end: usize, what: &str) {
    assert!(start <= end, "{what}: {start} > {end}");
    assert!(
        end <= source.len(),
        "{what}: {end} past the end ({})",
        source.len()
    );
    assert!(
        source.is_char_boundary(start) && source.is_char_boundary(end),
        "{what}: {start}..{end} not on char boundaries"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn positions_round_trip_to_offsets(source in markdown()) {
        let lines = LineIndex::new(&source);
        let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
        for (offset, _) in source.char_indices().chain([(source.len(), ' ')]) {
            if offset < bom {
                continue;
            }
            let (line, column) = lines.position(&source, offset);
            prop_assert!(line >= 1 && column >= 1);
            prop_assert_eq!(lines.offset(&source, line, column), Some(offset), "offset {} -> {}:{}", offset, line, column);
            let range = lines.line_range(&source, line);
            assert_span(&source, range.start, range.end, "line range");
        }
    }

    #[test]
    fn parse_spans_lie_inside_the_file(source in markdown()) {
        let doc = markdown::parse("sales/random.md", source.clone(), &Speakers::default());
        prop_assert_eq!(&doc.source, &source);
        for (i, block) in doc.blocks.iter().enumerate() {
            assert_span(&source, block.span.start, block.span.end, &format!("block {i} span"));
            // Every offset of the joined text maps back onto a character of the file.
            for (t, _) in block.text.char_indices().chain([(block.text.len(), ' ')]) {
                let s = block.map.to_source(t);
                assert_span(&source, s, s, &format!("block {i} text offset {t}"));
            }
            let whole = block.map.range_to_source(0..block.text.len());
            assert_span(&source, whole.start, whole.end, &format!("block {i} text range"));
        }
        for directive in &doc.directives {
            assert_span(&source, directive.span.start, directive.span.end, "directive");
            prop_assert!(directive.line >= 1 && directive.line <= doc.lines.line_count());
        }
        if let Some(span) = &doc.front_matter.span {
            assert_span(&source, span.start, span.end, "front matter");
        }
        if let Some((span, _)) = &doc.front_matter_error {
            assert_span(&source, span.start, span.end, "front matter error");
        }
    }

    #[test]
    fn claim_spans_lie_inside_the_file(source in markdown()) {
        let doc = markdown::parse("sales/random.md", source.clone(), &Speakers::default());
        let lexicon = Lexicon::builtin();
        for claim in claims::extract(&doc, &lexicon) {
            assert_span(&source, claim.span.start, claim.span.end, "claim");
            prop_assert!(claim.block < doc.blocks.len());
        }
    }
}

/// Columns count Unicode scalar values: RTL letters, emoji (one scalar each,
/// a family emoji several joined by ZWJ) and combining marks (their own scalar).
#[test]
fn columns_count_scalar_values_in_rtl_emoji_and_combining_text() {
    let source = "\u{feff}שלום 🙂 e\u{301}x\r\nمرحبا 👩\u{200d}👧 y\n";
    let lines = LineIndex::new(source);
    let x = source.find('x').unwrap();
    // BOM not counted; ש ל ו ם, space, 🙂, space, e, U+0301 = 9 scalars before x.
    assert_eq!(lines.position(source, x), (1, 10));
    let y = source.find('y').unwrap();
    // م ر ح ب ا, space, 👩, ZWJ, 👧, space = 10 scalars before y.
    assert_eq!(lines.position(source, y), (2, 11));
    assert_eq!(lines.offset(source, 2, 11), Some(y));
    assert_eq!(lines.line_text(source, 1), "שלום 🙂 e\u{301}x");
}

//! Claim extraction: no panic on any parsed document, every claim's span lies
//! inside the file on character boundaries and names an existing block.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onmessage::claims::{self, Lexicon};
use onmessage::markdown::Speakers;
use onmessage::markdown;

fuzz_target!(|text: &str| {
    let doc = markdown::parse("sales/fuzz.md", text.to_string(), &Speakers::default());
    let lexicon = Lexicon::builtin();
    for claim in claims::extract(&doc, &lexicon) {
        assert!(claim.span.start <= claim.span.end && claim.span.end <= text.len());
        assert!(text.is_char_boundary(claim.span.start) && text.is_char_boundary(claim.span.end));
        assert!(claim.block < doc.blocks.len());
    }
});

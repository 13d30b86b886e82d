//! The Markdown model: a file becomes prose blocks with kinds, heading paths,
//! source spans, speakers and directives. Everything after this stage reads
//! `Doc`s, never raw Markdown.

mod directives;
mod front_matter;
mod lines;
mod not_prose;
mod parse;
mod speakers;
mod text_map;

use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use lines::LineIndex;
pub use parse::{options, parse, parse_body, parse_head};
pub use text_map::TextMap;

/// The Markdown stage's settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MarkdownSettings {
    pub speakers: Speakers,
}

/// Speaker labels: ours are checked, theirs never are.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Speakers {
    #[serde(deserialize_with = "crate::yaml::list::one_or_many")]
    pub ours: Vec<String>,
    #[serde(deserialize_with = "crate::yaml::list::one_or_many")]
    pub theirs: Vec<String>,
}

impl Default for Speakers {
    fn default() -> Self {
        let list = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect();
        Speakers {
            ours: list(&[
                "Rep", "AE", "SE", "SDR", "BDR", "CSM", "AM", "Sales", "Seller", "You", "Me", "Us",
            ]),
            theirs: list(&[
                "Prospect", "Customer", "Buyer", "Client", "Them", "Caller", "Lead",
            ]),
        }
    }
}

/// What a file is to the linter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Brand,
    Sales,
    Ignore,
}

/// Block kinds; the same names are used by rule files and directives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Heading,
    Paragraph,
    List,
    Quote,
    Table,
}

impl BlockKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::List => "list",
            BlockKind::Quote => "quote",
            BlockKind::Table => "table",
        }
    }
}

/// Whose line a block is: ours (checked) or the other side's (never reported).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Ours,
    Theirs,
}

/// The speaker in force for a block, and why: the label it comes from.
/// A block that starts on a later line than `from_line` carries the turn
/// (unlabelled lines after a label keep its speaker).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Turn {
    /// The name as labelled, without its parenthetical: `Rep` in
    /// `Rep (Sam):`, `Priya` in `Priya (AE):`.
    pub name: String,
    /// The listed speaker that decided the side: `Rep`, or `AE` in
    /// `Priya (AE):`. Rule scopes match it as well as the name.
    pub role: String,
    pub side: Side,
    /// 1-based line of the label.
    pub from_line: usize,
}

/// One prose block. A list item, a table cell, a heading or a paragraph (or
/// one speaker's turn of a list item or paragraph).
#[derive(Clone, Debug)]
pub struct Block {
    pub kind: BlockKind,
    /// Texts of the enclosing headings, outermost first (a heading's own
    /// path does not include itself). Shared by every block under the same
    /// headings: a handbook has hundreds of thousands of blocks.
    pub heading_path: Arc<[String]>,
    /// Byte range of the block in `Doc::source`.
    pub span: Range<usize>,
    /// The prose of the block with inline markup removed; the speaker label
    /// (if any) is not part of it.
    pub text: String,
    /// Maps byte offsets in `text` back to byte offsets in the source.
    pub map: TextMap,
    /// The speaker label in force for this block (`Rep`, `Prospect`, …).
    /// A paragraph or list item whose lines have several speakers is split
    /// into one block per turn, so a block has one speaker throughout.
    pub speaker: Option<Turn>,
    /// Ours unless a speaker of theirs is in force.
    pub side: Side,
    /// For a table body cell, the text of its column's header cell
    /// ("Key message", "Proof"): a column can say what its cells are.
    pub column: Option<Arc<str>>,
    /// For a table body cell after the first, the text of its row's first
    /// cell ("Uptime" for "98.5% at every site"): what the cell states a
    /// value of.
    pub row: Option<Arc<str>>,
}

/// `<!-- onmessage-disable … -->` and friends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    Disable,
    Enable,
    DisableNextLine,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// Rule ids or group prefixes; empty means every rule.
    pub rules: Vec<String>,
    /// Byte range of the whole comment.
    pub span: Range<usize>,
    /// 1-based line of the comment.
    pub line: usize,
    /// For `DisableNextLine`: the 1-based line it applies to (next non-blank).
    pub target_line: Option<usize>,
}

/// An approved term and the variants sales must not use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermPair {
    #[serde(rename = "use")]
    pub use_term: String,
    #[serde(default)]
    pub not: Vec<String>,
}

/// The front matter fields onmessage reads; the rest is kept in `raw`.
#[derive(Clone, Debug, Default)]
pub struct FrontMatter {
    pub raw: Option<serde_yaml::Value>,
    /// Byte range of the whole block, delimiters included.
    pub span: Option<Range<usize>>,
    pub role: Option<Role>,
    pub product: Option<String>,
    pub products: Vec<String>,
    pub terms: Vec<TermPair>,
    pub lang: Option<String>,
}

/// A parsed content file.
#[derive(Clone, Debug)]
pub struct Doc {
    /// Path relative to the config's folder, with `/` separators.
    pub path: String,
    pub source: String,
    pub lines: LineIndex,
    pub front_matter: FrontMatter,
    /// Malformed front matter: where and what (reported as `input.front-matter`).
    pub front_matter_error: Option<(Range<usize>, String)>,
    pub blocks: Vec<Block>,
    pub directives: Vec<Directive>,
}

impl Block {
    /// A block of ours whose text is the whole of `text`, byte for byte:
    /// for snippets (rule examples) and tests.
    pub fn whole(kind: BlockKind, text: &str) -> Block {
        let mut map = TextMap::default();
        map.push(0, 0, text.len());
        Block {
            kind,
            heading_path: Arc::from([]),
            span: 0..text.len(),
            text: text.to_string(),
            map,
            speaker: None,
            side: Side::Ours,
            column: None,
            row: None,
        }
    }
}

impl Doc {
    /// Free the prose once the file has been checked and nothing will read
    /// it again: our blocks, every block's text and text map, and the raw
    /// front matter. The other side's blocks keep kind, span and speaker
    /// (suppression needs to know where they are); source, line index and
    /// directives stay for printing, baselines and fixes.
    pub fn release_prose(&mut self) {
        self.blocks.retain(|b| b.side == Side::Theirs);
        for b in &mut self.blocks {
            b.text = String::new();
            b.map = TextMap::default();
        }
        self.blocks.shrink_to_fit();
        self.front_matter.raw = None;
    }

    /// 1-based (line, column) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        self.lines.position(&self.source, offset)
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        self.lines.line_text(&self.source, line)
    }
}

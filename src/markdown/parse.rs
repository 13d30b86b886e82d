//! pulldown-cmark → `Doc`: prose blocks with exact source maps, front matter,
//! speakers and directives.

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::{
    directives, front_matter, not_prose, speakers, Block, BlockKind, Doc, FrontMatter, LineIndex,
    Side, TextMap,
};
use crate::markdown::Speakers;

/// Parse one file. Never fails: malformed front matter is recorded in
/// `Doc::front_matter_error` and the body is still parsed.
pub fn parse(path: &str, source: String, speakers: &Speakers) -> Doc {
    let mut doc = parse_head(path, source);
    parse_body(&mut doc, speakers);
    doc
}

/// The first stage of `parse`: line index and front matter only, so that a
/// file's role is known before its body is parsed. `blocks` and `directives`
/// stay empty until `parse_body`.
pub fn parse_head(path: &str, source: String) -> Doc {
    let lines = LineIndex::new(&source);
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let mut front_matter = FrontMatter::default();
    let mut front_matter_error = None;
    if let Some(located) = front_matter::locate(&source, bom) {
        match front_matter::parse(&source, &located) {
            Ok(fm) => front_matter = fm,
            Err(err) => {
                front_matter.span = Some(located.span.clone());
                front_matter_error = Some(err);
            }
        }
    }
    Doc {
        path: path.to_string(),
        source,
        lines,
        front_matter,
        front_matter_error,
        blocks: Vec::new(),
        directives: Vec::new(),
    }
}

/// The second stage of `parse`: blocks, speakers and directives of a doc
/// from `parse_head`.
pub fn parse_body(doc: &mut Doc, speakers: &Speakers) {
    let bom = if doc.source.starts_with('\u{feff}') {
        3
    } else {
        0
    };
    let body = doc.front_matter.span.as_ref().map_or(bom, |s| s.end);
    let walked = walk(&doc.source, body);
    let mut blocks = speakers::assign(walked.blocks, speakers, &doc.source, &doc.lines);
    // Blocks that held only a label, a shortcode or markup carry no prose.
    blocks.retain(|b| !b.text.trim().is_empty());
    blocks.shrink_to_fit();
    doc.directives = directives::collect(&doc.source, &walked.html, &doc.lines);
    doc.blocks = blocks;
}

/// The pulldown-cmark extensions every parse enables (exported so that the
/// `parse_only` example parses the same constructs).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

struct Walked {
    /// In document order, before speakers are assigned; each with the text
    /// offsets where its later source lines begin (speaker labels hold from
    /// the start of a line).
    blocks: Vec<(Block, Vec<usize>)>,
    /// Byte ranges of HTML blocks and inline HTML (where directives live).
    html: Vec<Range<usize>>,
}

/// A block being assembled from inline events.
struct Builder {
    kind: BlockKind,
    heading_path: Arc<[String]>,
    start: usize,
    /// End of the last source byte that contributed text.
    end: usize,
    text: String,
    map: TextMap,
    /// Heading level, for the heading stack.
    level: usize,
    /// Offsets in `text` where a later source line begins.
    lines: Vec<usize>,
}

impl Builder {
    fn new(kind: BlockKind, start: usize, heading_path: Arc<[String]>) -> Builder {
        Builder {
            kind,
            heading_path,
            start,
            end: start,
            text: String::new(),
            map: TextMap::default(),
            level: 0,
            lines: Vec::new(),
        }
    }

    /// Append source text `source[range]` that the parser reported as `text`.
    fn push_source(&mut self, source: &str, text: &str, range: Range<usize>) {
        if source.get(range.clone()) == Some(text) {
            self.map.push(self.text.len(), range.start, range.len());
            self.text.push_str(text);
        } else {
            // An entity or escape: the text differs from its source, so it is
            // inserted unmapped (spans touching it map to its neighbours).
            self.text.push_str(text);
        }
        self.end = self.end.max(range.end);
    }

    /// Append `text` standing for a source position (a line break becomes a space).
    fn push_break(&mut self, at: usize) {
        self.map.push(self.text.len(), at, 1);
        self.text.push(' ');
    }

    /// A soft or hard line break: the next text starts a source line.
    fn push_line_break(&mut self, at: usize) {
        self.push_break(at);
        self.lines.push(self.text.len());
    }

    /// Separate two paragraphs of one list item so they never read as one sentence.
    fn push_paragraph_break(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
            self.lines.push(self.text.len());
        }
    }

    fn finish(mut self, source: &str) -> (Block, Vec<usize>) {
        if self.kind == BlockKind::Paragraph && is_line_list(&self.text, &self.lines) {
            // Each line is a sentence of its own: the break before it is a
            // newline, which sentence splitting ends a sentence at.
            let breaks: Vec<usize> = self
                .lines
                .iter()
                .copied()
                .filter(|&at| {
                    at > 0
                        && self.text.as_bytes()[at - 1] == b' '
                        && !ends_mid_phrase(&self.text[..at - 1])
                })
                .collect();
            // One byte for one byte: offsets and the map stay valid.
            for at in breaks {
                self.text.replace_range(at - 1..at, "\n");
            }
        }
        // Table cells and continuation lines start with blanks; spans do not.
        let raw = &source[self.start..self.end.max(self.start)];
        let start = self.start + (raw.len() - raw.trim_start().len());
        let end = (self.start + raw.trim_end().len()).max(start);
        let block = Block {
            kind: self.kind,
            heading_path: self.heading_path,
            span: start..end,
            text: self.text,
            map: self.map,
            speaker: None,
            side: Side::Ours,
            column: None,
            row: None,
        };
        (block, self.lines)
    }
}

/// A paragraph of three or more lines that each start with a capital is a
/// list written line by line (a text message, a set of notes, a
/// transcript), not prose wrapped across lines: wrapped prose goes on in
/// lower case.
fn is_line_list(text: &str, lines: &[usize]) -> bool {
    lines.len() >= 2
        && std::iter::once(0).chain(lines.iter().copied()).all(|at| {
            text.get(at..)
                .and_then(|rest| rest.trim_start().chars().next())
                .is_some_and(char::is_uppercase)
        })
}

/// Function words no sentence ends with: a line ending in one ("works
/// with" / "Salesforce and HubSpot") goes on in the next line, whatever
/// its first letter. A closed class of the grammar.
const CONTINUING: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "of", "on", "or",
    "our", "than", "that", "the", "their", "to", "with", "your",
];

fn ends_mid_phrase(before: &str) -> bool {
    before
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .is_some_and(|w| CONTINUING.contains(&w.to_lowercase().as_str()))
        && !before.trim_end().ends_with(['.', '!', '?', ':', ';', ','])
}

/// The header cells of the table being read, to name each body cell's column.
#[derive(Default)]
struct TableColumns {
    header: Vec<Option<Arc<str>>>,
    in_head: bool,
    column: usize,
    /// The current body row's first cell.
    row_label: Option<Arc<str>>,
}

impl TableColumns {
    fn start_head(&mut self) {
        self.header.clear();
        self.in_head = true;
        self.column = 0;
    }

    fn end_head(&mut self) {
        self.in_head = false;
    }

    fn start_row(&mut self) {
        self.column = 0;
        self.row_label = None;
    }

    /// Record a header cell, or give a body cell its column's header and
    /// (after the first cell) its row's label.
    fn end_cell(&mut self, text: &str) -> (Option<Arc<str>>, Option<Arc<str>>) {
        let at = self.column;
        self.column += 1;
        let text = text.trim();
        if self.in_head {
            self.header
                .push((!text.is_empty()).then(|| Arc::from(text)));
            return (None, None);
        }
        if at == 0 {
            self.row_label = (!text.is_empty()).then(|| Arc::from(text));
            return (self.header.first().cloned().flatten(), None);
        }
        (
            self.header.get(at).cloned().flatten(),
            self.row_label.clone(),
        )
    }
}

/// What encloses the current position, innermost last.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Item,
    Quote,
    Other,
}

fn walk(source: &str, body: usize) -> Walked {
    let excluded = not_prose::ranges(source, body);
    let mut blocks = Vec::new();
    let mut html = Vec::new();
    let mut headings: Vec<(usize, String)> = Vec::new();
    let mut stack: Vec<Builder> = Vec::new();
    let mut containers: Vec<Container> = Vec::new();
    // Per open paragraph: did it start its own builder (or join a list item's)?
    let mut paragraphs: Vec<bool> = Vec::new();
    // Inside code blocks, HTML blocks, images and autolinks nothing is prose.
    let mut skip = 0usize;
    let mut links: Vec<bool> = Vec::new();
    // The path of the current headings, rebuilt only when they change.
    let mut path: Option<Arc<[String]>> = None;
    let mut table = TableColumns::default();

    let parser = Parser::new_ext(&source[body..], options()).into_offset_iter();
    for (event, range) in parser {
        let range = range.start + body..range.end + body;
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::MetadataBlock(_) => skip += 1,
                Tag::HtmlBlock => {
                    html.push(range);
                    skip += 1;
                }
                Tag::Image { .. } => skip += 1,
                Tag::Link { link_type, .. } => {
                    // An autolink's text is its URL; other links' text is prose.
                    let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    links.push(autolink);
                    skip += usize::from(autolink);
                }
                Tag::Heading { level, .. } => {
                    let level = level as usize;
                    // A heading's path holds only the headings above its level.
                    while headings.last().is_some_and(|(l, _)| *l >= level) {
                        headings.pop();
                        path = None;
                    }
                    let mut b = Builder::new(
                        BlockKind::Heading,
                        range.start,
                        heading_path(&headings, &mut path),
                    );
                    b.level = level;
                    stack.push(b);
                }
                Tag::Paragraph => {
                    let own = match containers.last() {
                        Some(Container::Item) => {
                            if let Some(item) = stack.last_mut() {
                                item.push_paragraph_break();
                            }
                            false
                        }
                        Some(Container::Quote) => {
                            stack.push(Builder::new(
                                BlockKind::Quote,
                                range.start,
                                heading_path(&headings, &mut path),
                            ));
                            true
                        }
                        _ => {
                            stack.push(Builder::new(
                                BlockKind::Paragraph,
                                range.start,
                                heading_path(&headings, &mut path),
                            ));
                            true
                        }
                    };
                    paragraphs.push(own);
                }
                Tag::Item => {
                    containers.push(Container::Item);
                    stack.push(Builder::new(
                        BlockKind::List,
                        range.start,
                        heading_path(&headings, &mut path),
                    ));
                }
                Tag::BlockQuote(_) => containers.push(Container::Quote),
                Tag::FootnoteDefinition(_) | Tag::Table(_) => containers.push(Container::Other),
                Tag::TableHead => table.start_head(),
                Tag::TableRow => table.start_row(),
                Tag::TableCell => stack.push(Builder::new(
                    BlockKind::Table,
                    range.start,
                    heading_path(&headings, &mut path),
                )),
                _ => {}
            },
            Event::End(tag) => match tag {
                // Closing inline markup belongs to the block's span.
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => {
                    if let Some(b) = stack.last_mut() {
                        b.end = b.end.max(range.end);
                    }
                    if tag == TagEnd::Link && links.pop() == Some(true) {
                        skip = skip.saturating_sub(1);
                    }
                }
                TagEnd::CodeBlock
                | TagEnd::MetadataBlock(_)
                | TagEnd::HtmlBlock
                | TagEnd::Image => skip = skip.saturating_sub(1),
                TagEnd::Heading(_) => {
                    if let Some(b) = stack.pop() {
                        let level = b.level;
                        let (block, lines) = b.finish(source);
                        headings.push((level, block.text.trim().to_string()));
                        path = None;
                        blocks.push((block, lines));
                    }
                }
                // A paragraph inside a list item belongs to the item's block.
                TagEnd::Paragraph if paragraphs.pop() == Some(true) => {
                    if let Some(b) = stack.pop() {
                        blocks.push(b.finish(source));
                    }
                }
                TagEnd::Item => {
                    containers.pop();
                    if let Some(b) = stack.pop() {
                        blocks.push(b.finish(source));
                    }
                }
                TagEnd::TableCell => {
                    if let Some(b) = stack.pop() {
                        let (mut block, lines) = b.finish(source);
                        (block.column, block.row) = table.end_cell(&block.text);
                        blocks.push((block, lines));
                    }
                }
                TagEnd::TableHead => table.end_head(),
                TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition | TagEnd::Table => {
                    containers.pop();
                }
                _ => {}
            },
            Event::Text(text) if skip == 0 => {
                if let Some(b) = stack.last_mut() {
                    push_text(b, source, &text, range, &excluded);
                }
            }
            Event::SoftBreak | Event::HardBreak if skip == 0 => {
                if let Some(b) = stack.last_mut() {
                    b.push_line_break(range.start);
                }
            }
            Event::InlineHtml(_) | Event::Code(_) | Event::FootnoteReference(_) => {
                if let Some(b) = stack.last_mut() {
                    b.end = b.end.max(range.end);
                    // `a<br>b` reads as two words (tables use it for line breaks).
                    if matches!(&event, Event::InlineHtml(h) if is_line_break(h)) && skip == 0 {
                        b.push_break(range.start);
                    }
                }
                if matches!(event, Event::InlineHtml(_)) {
                    html.push(range);
                }
            }
            Event::Html(_) => html.push(range),
            // Inline code, math and footnote references are not prose.
            _ => {}
        }
    }
    // Items end after their nested items; report blocks in source order.
    blocks.sort_by_key(|(b, _)| b.span.start);
    merge_adjacent(&mut html);
    Walked { blocks, html }
}

/// Append a text event, leaving out shortcodes and MDX statements.
fn push_text(
    b: &mut Builder,
    source: &str,
    text: &str,
    range: Range<usize>,
    excluded: &[Range<usize>],
) {
    if source.get(range.clone()) != Some(text) {
        b.push_source(source, text, range);
        return;
    }
    for piece in not_prose::subtract(range.clone(), excluded) {
        let offset = piece.start - range.start;
        b.push_source(source, &text[offset..offset + piece.len()], piece);
    }
}

/// The blocks under `headings` share one path; `cache` is cleared whenever
/// the headings change.
fn heading_path(headings: &[(usize, String)], cache: &mut Option<Arc<[String]>>) -> Arc<[String]> {
    cache
        .get_or_insert_with(|| headings.iter().map(|(_, t)| t.clone()).collect())
        .clone()
}

fn is_line_break(html: &str) -> bool {
    html.get(..3).is_some_and(|t| t.eq_ignore_ascii_case("<br"))
}

/// Inline HTML comes one tag at a time; join touching ranges so that a
/// comment split over several events is scanned whole.
fn merge_adjacent(ranges: &mut Vec<Range<usize>>) {
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges.drain(..) {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    *ranges = merged;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{DirectiveKind, Role};

    fn doc(source: &str) -> Doc {
        parse("t.md", source.to_string(), &Speakers::default())
    }

    fn texts(d: &Doc) -> Vec<(BlockKind, &str)> {
        d.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect()
    }

    /// Every character of every block's text (except inserted breaks) maps to
    /// the same character in the source, and every word's range maps to that word.
    fn assert_maps_exactly(d: &Doc) {
        for b in &d.blocks {
            for (i, c) in b.text.char_indices() {
                if c.is_whitespace() {
                    continue;
                }
                let at = b.map.to_source(i);
                assert!(
                    d.source[at..].starts_with(c),
                    "{:?}: text[{i}] = {c:?} maps to {:?}",
                    b.text,
                    &d.source[at..(at + 8).min(d.source.len())]
                );
            }
            let mut pos = 0;
            for word in b.text.split_whitespace() {
                let start = pos + b.text[pos..].find(word).unwrap();
                pos = start + word.len();
                let src = b.map.range_to_source(start..pos);
                let mapped = &d.source[src];
                let (first, last) = (word.chars().next().unwrap(), word.chars().last().unwrap());
                assert!(
                    mapped.starts_with(first) && mapped.ends_with(last),
                    "word {word:?} maps to {mapped:?}"
                );
            }
            assert!(d.source[b.span.clone()].len() >= b.text.trim().len() / 2);
        }
    }

    #[test]
    fn inline_markup_is_removed_and_maps_back_on_multibyte_text() {
        let src = "# Grüße\n\nDie **Straße** ist _schön_ — 日本語 [über uns](https://x.example/ü) `code` <span>fin</span>.\n";
        let d = doc(src);
        assert_eq!(
            texts(&d),
            vec![
                (BlockKind::Heading, "Grüße"),
                (
                    BlockKind::Paragraph,
                    "Die Straße ist schön — 日本語 über uns  fin."
                )
            ]
        );
        assert_maps_exactly(&d);
        let b = &d.blocks[1];
        let t = b.text.find("日本語").unwrap();
        let s = b.map.range_to_source(t..t + "日本語".len());
        assert_eq!(&src[s.clone()], "日本語");
        assert_eq!(d.position(s.start), (3, 30));
        let t = b.text.find("Straße").unwrap();
        assert_eq!(&src[b.map.range_to_source(t..t + "Straße".len())], "Straße");
        assert_eq!(*b.heading_path, ["Grüße"]);
    }

    #[test]
    fn breaks_become_spaces_and_crlf_and_bom_keep_positions() {
        let src = "\u{feff}First line\r\nsecond  \r\nthird\r\n\r\nNext é\r\n";
        let d = doc(src);
        assert_eq!(
            texts(&d),
            vec![
                (BlockKind::Paragraph, "First line second third"),
                (BlockKind::Paragraph, "Next é")
            ]
        );
        assert_maps_exactly(&d);
        assert_eq!(d.position(d.blocks[0].span.start), (1, 1));
        assert_eq!(d.position(d.blocks[1].span.start), (5, 1));
        assert_eq!(d.position(d.blocks[1].span.end), (5, 7));
        let b = &d.blocks[0];
        let t = b.text.find("third").unwrap();
        assert_eq!(d.position(b.map.to_source(t)), (3, 1));
    }

    #[test]
    fn each_list_item_is_a_block_without_its_nested_items() {
        let src =
            "- Outer one\n  - Inner *a*\n  - Inner b\n- Outer two\n\n1. Loose\n\n   second para\n";
        let d = doc(src);
        assert_eq!(
            texts(&d),
            vec![
                (BlockKind::List, "Outer one"),
                (BlockKind::List, "Inner a"),
                (BlockKind::List, "Inner b"),
                (BlockKind::List, "Outer two"),
                (BlockKind::List, "Loose\nsecond para"),
            ]
        );
        assert_eq!(&src[d.blocks[0].span.clone()], "- Outer one");
        assert_eq!(&src[d.blocks[1].span.clone()], "- Inner *a*");
        assert_maps_exactly(&d);
    }

    #[test]
    fn table_cells_and_quotes_are_blocks() {
        let src = "## Battlecard\n\n| Us | Them |\n|----|------|\n| **Fast** setup | Slow |\n\n> Quoted words\n> continue\n";
        let d = doc(src);
        assert_eq!(
            texts(&d),
            vec![
                (BlockKind::Heading, "Battlecard"),
                (BlockKind::Table, "Us"),
                (BlockKind::Table, "Them"),
                (BlockKind::Table, "Fast setup"),
                (BlockKind::Table, "Slow"),
                (BlockKind::Quote, "Quoted words continue"),
            ]
        );
        assert!(d.blocks[1..]
            .iter()
            .all(|b| *b.heading_path == ["Battlecard"]));
        let columns: Vec<Option<&str>> = d.blocks.iter().map(|b| b.column.as_deref()).collect();
        assert_eq!(
            columns,
            [None, None, None, Some("Us"), Some("Them"), None],
            "body cells name their header; header cells and quotes have none"
        );
        assert_maps_exactly(&d);
    }

    #[test]
    fn every_table_has_its_own_columns() {
        let src =
            "| Key message | Proof |\n|---|---|\n| A | B |\n| C |\n\n| Claim |\n|---|\n| D | E |\n";
        let d = doc(src);
        let columns: Vec<(&str, Option<&str>)> = d
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.column.as_deref()))
            .collect();
        assert!(columns.contains(&("A", Some("Key message"))));
        assert!(columns.contains(&("B", Some("Proof"))));
        assert!(columns.contains(&("C", Some("Key message"))));
        assert!(columns.contains(&("D", Some("Claim"))));
        // Cells past the header's width are dropped (GFM tables).
        assert!(!columns.iter().any(|(t, _)| *t == "E"));
    }

    #[test]
    fn heading_paths_nest_by_level() {
        let d = doc("# A\n## B\ntext b\n### C\ntext c\n## D\ntext d\n");
        let paths: Vec<(&str, Vec<String>)> = d
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.heading_path.to_vec()))
            .collect();
        assert_eq!(paths[2], ("text b", vec!["A".to_string(), "B".to_string()]));
        assert_eq!(paths[4].1, vec!["A", "B", "C"]);
        assert_eq!(paths[5], ("D", vec!["A".to_string()]));
        assert_eq!(paths[6].1, vec!["A", "D"]);
        // Blocks under the same headings share one path instead of copies.
        let d = doc("# A\n\none\n\n- two\n- three\n\n## B\n\nfour\n");
        let shared =
            |i: usize, j: usize| Arc::ptr_eq(&d.blocks[i].heading_path, &d.blocks[j].heading_path);
        assert!(shared(1, 2) && shared(2, 3));
        // The heading B is under A too; the block after it is not.
        assert!(shared(3, 4) && !shared(4, 5));
        assert_eq!(*d.blocks[5].heading_path, ["A", "B"]);
    }

    #[test]
    fn code_html_shortcodes_mdx_and_autolinks_are_not_prose() {
        let src = "import Tabs from '@theme/Tabs';\n\n```\nRep: code says 100%\n```\n\n    indented code\n\n<div>\nhtml block\n</div>\n\n{{< figure src=\"a.png\" >}}\n\nSee {{% ref \"x\" %}} and <https://acme.example> or <Badge text=\"x\" /> now ![alt text](i.png).\n\n<Callout>\n";
        let d = doc(src);
        assert_eq!(
            texts(&d),
            vec![(BlockKind::Paragraph, "See  and  or  now .")]
        );
        assert_maps_exactly(&d);
    }

    #[test]
    fn front_matter_only_at_the_very_start() {
        let src = "\u{feff}---\nonmessage: {role: brand}\nproducts: [Acme]\n---\n# Title\n";
        let d = doc(src);
        assert_eq!(d.front_matter.role, Some(Role::Brand));
        assert_eq!(d.front_matter.products, vec!["Acme"]);
        assert_eq!(texts(&d), vec![(BlockKind::Heading, "Title")]);
        assert_eq!(d.position(d.blocks[0].span.start), (5, 1));

        // A paragraph between two thematic breaks is prose, not metadata.
        let d = doc("Intro\n\n---\n\nwe guarantee 100% uptime\n\n---\n");
        assert!(d.front_matter.span.is_none());
        assert!(texts(&d).contains(&(BlockKind::Paragraph, "we guarantee 100% uptime")));
        // Without blank lines the text is a setext heading, still prose.
        let d = doc("Intro\n\n---\nWe guarantee 100% uptime\n---\n");
        assert!(texts(&d).contains(&(BlockKind::Heading, "We guarantee 100% uptime")));
    }

    #[test]
    fn malformed_front_matter_is_recorded_and_the_body_still_parsed() {
        let src = "---\ntitle: [oops\n---\nBody text\n";
        let d = doc(src);
        let (span, message) = d.front_matter_error.clone().unwrap();
        assert!(!message.is_empty());
        assert!(d.position(span.start).0 >= 2);
        assert_eq!(texts(&d), vec![(BlockKind::Paragraph, "Body text")]);
    }

    #[test]
    fn speaker_labels_set_side_until_the_next_label_or_heading() {
        let src = "Intro.\n\n**Rep:** We help teams close faster.\n\nAnd more from the rep.\n\n**Prospect**: We use spreadsheets.\n\nStill the prospect.\n\nAE (Sam): Back to us.\n\nNote: not a speaker.\n\n## Next\n\nAfter heading.\n";
        let d = doc(src);
        let got: Vec<(&str, Option<&str>, Side)> = d
            .blocks
            .iter()
            .map(|b| {
                let speaker = b.speaker.as_ref().map(|t| t.name.as_str());
                (b.text.as_str(), speaker, b.side)
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("Intro.", None, Side::Ours),
                ("We help teams close faster.", Some("Rep"), Side::Ours),
                ("And more from the rep.", Some("Rep"), Side::Ours),
                ("We use spreadsheets.", Some("Prospect"), Side::Theirs),
                ("Still the prospect.", Some("Prospect"), Side::Theirs),
                ("Back to us.", Some("AE"), Side::Ours),
                // A lead-in that names no speaker carries the turn in force.
                ("Note: not a speaker.", Some("AE"), Side::Ours),
                ("Next", None, Side::Ours),
                ("After heading.", None, Side::Ours),
            ]
        );
        assert_maps_exactly(&d);
        let b = &d.blocks[1];
        assert_eq!(&src[b.map.range_to_source(0..2)], "We");
    }

    #[test]
    fn a_label_alone_applies_to_the_following_blocks() {
        let d = doc("**Prospect:**\n\nWe already have a vendor.\n\n**Rep:** Which one?\n");
        assert_eq!(d.blocks.len(), 2);
        assert_eq!(d.blocks[1].side, Side::Ours);
        assert_eq!(d.blocks[0].side, Side::Theirs);
    }

    #[test]
    fn directives_in_html_blocks_and_inline_but_not_in_code() {
        let src = "<!-- onmessage-disable terms -->\n\nText <!-- onmessage-disable-next-line -->\nnext line `<!-- onmessage-enable -->`\n\n```\n<!-- onmessage-enable -->\n```\n";
        let d = doc(src);
        assert_eq!(d.directives.len(), 2);
        assert_eq!(d.directives[0].kind, DirectiveKind::Disable);
        assert_eq!(d.directives[0].rules, vec!["terms"]);
        assert_eq!(d.directives[1].kind, DirectiveKind::DisableNextLine);
        assert_eq!(d.directives[1].line, 3);
        assert_eq!(d.directives[1].target_line, Some(4));
    }

    #[test]
    fn br_tags_separate_words_and_bare_urls_are_not_prose() {
        let d =
            doc("| a |\n|---|\n| one<br>two<BR/>three |\n\nGo to https://acme.example/x now.\n");
        assert_eq!(d.blocks[1].text, "one two three");
        assert_eq!(d.blocks[2].text, "Go to  now.");
        assert_maps_exactly(&d);
    }

    #[test]
    fn entities_do_not_break_the_map() {
        let d = doc("R&amp;D costs &lt; 5%\n");
        assert_eq!(d.blocks[0].text, "R&D costs < 5%");
        let b = &d.blocks[0];
        let t = b.text.find("costs").unwrap();
        assert_eq!(&d.source[b.map.range_to_source(t..t + 5)], "costs");
    }

    #[test]
    fn every_prefix_of_a_tricky_document_parses_with_exact_maps() {
        // Cutting a document anywhere leaves unclosed fences, comments, tables,
        // front matter and emphasis: none may panic or break the map.
        let src = "\u{feff}---\r\nproducts: [Ä]\r\n---\r\n# Tïtle {#id}\r\n\r\n**Rep (Ann):** Wir *helfen* 日本 [x](y \"t\") &amp; `c`\r\n- [ ] a\r\n  1. b <!-- onmessage-disable x -->\r\n\r\n| A | B |\r\n|---|:-:|\r\n| ü \\| v | {{< sc >}} |\r\n\r\n> Prospect: no[^1]\r\n\r\n[^1]: Fußnote\r\n```\r\ncode\r\n";
        for (cut, _) in src.char_indices().chain(std::iter::once((src.len(), ' '))) {
            let d = doc(&src[..cut]);
            for b in &d.blocks {
                assert!(b.span.end <= d.source.len() && d.source.is_char_boundary(b.span.start));
                for (i, c) in b.text.char_indices() {
                    let at = b.map.to_source(i);
                    assert!(d.source.is_char_boundary(at), "cut {cut}: {:?}", b.text);
                    if !c.is_whitespace() && c != '&' && c != '|' {
                        assert!(
                            d.source[at..].starts_with(c),
                            "cut {cut}: {:?} at {i}",
                            b.text
                        );
                    }
                }
            }
        }
    }

    /// One line per block and directive: positions, kind, side, speaker,
    /// heading path and text, so a fixture's model can be read at a glance.
    fn render(d: &Doc) -> String {
        let mut out = String::new();
        for b in &d.blocks {
            let (l1, c1) = d.position(b.span.start);
            let (l2, c2) = d.position(b.span.end);
            out.push_str(&format!(
                "{l1}:{c1}-{l2}:{c2} {} {} {} [{}] {:?}\n",
                b.kind.as_str(),
                if b.side == Side::Ours {
                    "ours"
                } else {
                    "theirs"
                },
                b.speaker.as_ref().map_or("-".to_string(), |t| {
                    let role = if t.role == t.name {
                        String::new()
                    } else {
                        format!("({})", t.role)
                    };
                    format!("{}{role}@{}", t.name, t.from_line)
                }),
                b.heading_path.join(" > "),
                b.text
            ));
        }
        for x in &d.directives {
            out.push_str(&format!(
                "directive line {} {:?} {:?} target {:?}\n",
                x.line, x.kind, x.rules, x.target_line
            ));
        }
        out
    }

    /// fixtures/tests/md/NAME is parsed and compared with NAME.blocks;
    /// `UPDATE_SNAPSHOTS=1 cargo test` rewrites the expectations.
    #[test]
    fn fixtures_match_their_block_snapshots() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/tests/md");
        let mut speakers = Speakers::default();
        speakers.ours.push("営業".into());
        speakers.theirs.push("お客様".into());
        let mut checked = 0;
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            if path.extension().is_some_and(|e| e == "blocks") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            let d = parse("fixture", source, &speakers);
            assert_maps_exactly(&d);
            let got = render(&d);
            let snapshot = path.with_extension(format!(
                "{}.blocks",
                path.extension().unwrap().to_string_lossy()
            ));
            if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
                std::fs::write(&snapshot, &got).unwrap();
            }
            let want = std::fs::read_to_string(&snapshot)
                .unwrap_or_else(|_| panic!("missing {}", snapshot.display()));
            assert_eq!(got, want, "{} differs from its snapshot", path.display());
            checked += 1;
        }
        assert!(checked >= 3);
    }
}

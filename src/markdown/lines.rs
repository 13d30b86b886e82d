//! Byte offset → 1-based line and column (columns in Unicode scalar values).

/// Start offsets of every line. CRLF, LF and a lone CR each end a line; a
/// leading BOM is not counted as a column.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    bom: usize,
    /// On lines longer than `CHECKPOINT` bytes: (byte offset, columns from
    /// the line's start to it) every `CHECKPOINT` bytes, in offset order, so
    /// a column never costs more than counting `CHECKPOINT` bytes (a file of
    /// one 20 MB line would otherwise make every finding count millions).
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between column checkpoints on long lines.
const CHECKPOINT: usize = 4096;

impl LineIndex {
    pub fn new(source: &str) -> LineIndex {
        let bytes = source.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
        let checkpoints = checkpoints(source, &starts, bom);
        LineIndex {
            starts,
            bom,
            checkpoints,
        }
    }

    /// The column origin of a line and the checkpoint nearest before `offset`
    /// on it: (byte offset, columns before it).
    fn anchor(&self, line: usize, offset: usize) -> (usize, usize) {
        let mut start = self.starts[line - 1];
        if line == 1 {
            start = start.max(self.bom.min(offset));
        }
        let i = self.checkpoints.partition_point(|c| c.0 <= offset);
        match i.checked_sub(1).map(|i| self.checkpoints[i]) {
            Some((at, columns)) if at > start => (at, columns),
            _ => (start, 0),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// 1-based (line, column); offsets inside a character or past the end are clamped.
    pub fn position(&self, source: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let (at, columns) = self.anchor(line, offset);
        let column = columns + source[at..offset].chars().count() + 1;
        (line, column)
    }

    /// Byte offset of a 1-based line and column (the inverse of `position`).
    pub fn offset(&self, source: &str, line: usize, column: usize) -> Option<usize> {
        let mut start = *self.starts.get(line.checked_sub(1)?)?;
        if line == 1 {
            start = self.bom;
        }
        let rest = &source[start..];
        match rest.char_indices().nth(column.checked_sub(1)?) {
            Some((i, _)) => Some(start + i),
            None if rest.chars().count() + 1 == column => Some(source.len()),
            None => None,
        }
    }

    /// Byte range of a 1-based line, without its line ending.
    pub fn line_range(&self, source: &str, line: usize) -> std::ops::Range<usize> {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return source.len()..source.len();
        };
        let mut end = self.starts.get(line).copied().unwrap_or(source.len());
        let bytes = source.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        let start = if line == 1 {
            start.max(self.bom)
        } else {
            start
        };
        start..end.max(start)
    }

    pub fn line_text<'a>(&self, source: &'a str, line: usize) -> &'a str {
        &source[self.line_range(source, line)]
    }
}

/// Column checkpoints for the lines longer than `CHECKPOINT` bytes.
fn checkpoints(source: &str, starts: &[usize], bom: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(source.len());
        if end - start <= CHECKPOINT {
            continue;
        }
        let mut at = if i == 0 { start.max(bom) } else { start };
        let mut columns = 0;
        loop {
            let mut next = at + CHECKPOINT;
            if next >= end {
                break;
            }
            while !source.is_char_boundary(next) {
                next += 1;
            }
            columns += source[at..next].chars().count();
            out.push((next, columns));
            at = next;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_scalar_values_not_bytes() {
        let src = "héllo wörld\nçà";
        let idx = LineIndex::new(src);
        let w = src.find('w').unwrap();
        assert_eq!(idx.position(src, w), (1, 7));
        let a = src.find('à').unwrap();
        assert_eq!(idx.position(src, a), (2, 2));
        assert_eq!(idx.position(src, src.len()), (2, 3));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let src = "a\r\nb\rc\nd";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.position(src, src.find('b').unwrap()), (2, 1));
        assert_eq!(idx.position(src, src.find('c').unwrap()), (3, 1));
        assert_eq!(idx.position(src, src.find('d').unwrap()), (4, 1));
        assert_eq!(idx.line_text(src, 1), "a");
        assert_eq!(idx.line_text(src, 2), "b");
    }

    #[test]
    fn bom_is_not_a_column() {
        let src = "\u{feff}Hi there";
        let idx = LineIndex::new(src);
        assert_eq!(idx.position(src, src.find('t').unwrap()), (1, 4));
        assert_eq!(idx.line_text(src, 1), "Hi there");
    }

    #[test]
    fn columns_on_long_lines_use_checkpoints_and_stay_exact() {
        let mut src = String::from("\u{feff}");
        for i in 0..3000 {
            src.push_str(if i % 3 == 0 { "é🙂x " } else { "word " });
        }
        src.push_str("\nshort\n");
        src.push_str(&"ab".repeat(5000));
        let idx = LineIndex::new(&src);
        assert!(!idx.checkpoints.is_empty());
        for (offset, _) in src.char_indices().filter(|(i, _)| *i >= 3).step_by(7) {
            let line = idx.line_of(offset);
            let start = if line == 1 { 3 } else { idx.starts[line - 1] };
            let expected = src[start..offset].chars().count() + 1;
            assert_eq!(
                idx.position(&src, offset),
                (line, expected),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn offset_round_trips_position() {
        let src = "\u{feff}ab\r\nc🙂d\n\nlast";
        let idx = LineIndex::new(src);
        for (i, _) in src.char_indices().filter(|(i, _)| *i >= 3) {
            let (l, c) = idx.position(src, i);
            assert_eq!(idx.offset(src, l, c), Some(i), "offset {i}");
        }
    }
}

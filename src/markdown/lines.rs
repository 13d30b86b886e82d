//! Byte offset → 1-based line and column (columns in Unicode scalar values).

/// Start offsets of every line. CRLF, LF and a lone CR each end a line; a
/// leading BOM is not counted as a column.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    bom: usize,
    /// Characters before every `CHAR_STRIDE`-th byte, so that a column on a
    /// very long line costs at most `CHAR_STRIDE` bytes of counting instead
    /// of the whole line (a 20 MB one-line file made reporting quadratic).
    chars_before: Vec<usize>,
}

const CHAR_STRIDE: usize = 256;

/// A byte that starts a character (not a UTF-8 continuation byte).
fn starts_char(b: u8) -> bool {
    (b as i8) >= -0x40
}

/// Line starts of a text with CRs: CRLF, LF and a lone CR each end a line.
fn starts_with_cr(bytes: &[u8]) -> Vec<usize> {
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
    starts
}

impl LineIndex {
    pub fn new(source: &str) -> LineIndex {
        let bytes = source.as_bytes();
        let starts = if bytes.contains(&b'\r') {
            starts_with_cr(bytes)
        } else {
            // Most files end lines with LF only: `match_indices` finds them
            // with memchr rather than byte by byte.
            std::iter::once(0)
                .chain(source.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        };
        let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
        let mut chars_before = Vec::with_capacity(bytes.len() / CHAR_STRIDE + 1);
        let mut count = 0;
        for chunk in bytes.chunks(CHAR_STRIDE) {
            chars_before.push(count);
            count += chunk.iter().filter(|&&b| starts_char(b)).count();
        }
        LineIndex {
            starts,
            bom,
            chars_before,
        }
    }

    /// Number of characters in `source[..offset]` (`offset` on a char boundary).
    fn chars_to(&self, source: &str, offset: usize) -> usize {
        let block = offset / CHAR_STRIDE;
        let Some(&before) = self.chars_before.get(block) else {
            return source[..offset].chars().count();
        };
        let from = block * CHAR_STRIDE;
        before
            + source.as_bytes()[from..offset]
                .iter()
                .filter(|&&b| starts_char(b))
                .count()
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
        let mut start = self.starts[line - 1];
        if line == 1 {
            start = start.max(self.bom.min(offset));
        }
        let column = if offset - start <= CHAR_STRIDE {
            source[start..offset].chars().count() + 1
        } else {
            self.chars_to(source, offset) - self.chars_to(source, start) + 1
        };
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
    fn columns_on_a_long_multibyte_line_are_exact_and_fast() {
        let line = "añ日🙂".repeat(200_000);
        let src = format!("first\n{line}\nlast");
        let idx = LineIndex::new(&src);
        let started = std::time::Instant::now();
        let start = src.find('a').unwrap();
        for k in (0..200_000).step_by(997) {
            let offset = start + k * "añ日🙂".len() + "añ".len();
            assert_eq!(idx.position(&src, offset), (2, 4 * k + 3));
        }
        assert_eq!(idx.position(&src, src.len()), (3, 5));
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
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

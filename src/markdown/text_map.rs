//! Joined block text → source offsets. pulldown-cmark splits text at inline
//! markup, so a block's prose is stitched together; every span found in the
//! stitched text must be mapped back before it is reported.

use std::ops::Range;

/// Runs of `text` copied verbatim from the source: (text start, source start, length).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextMap {
    runs: Vec<(usize, usize, usize)>,
}

impl TextMap {
    /// Record that `text[text_start..text_start+len]` is `source[src_start..src_start+len]`.
    pub fn push(&mut self, text_start: usize, src_start: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.runs.last_mut() {
            if last.0 + last.2 == text_start && last.1 + last.2 == src_start {
                last.2 += len;
                return;
            }
        }
        self.runs.push((text_start, src_start, len));
    }

    /// Source offset of a text offset. Offsets in inserted text (joins between
    /// runs) map to the end of the previous run.
    pub fn to_source(&self, text_offset: usize) -> usize {
        let i = self.runs.partition_point(|r| r.0 <= text_offset);
        if i == 0 {
            return self.runs.first().map_or(0, |r| r.1);
        }
        let (t, s, len) = self.runs[i - 1];
        s + (text_offset - t).min(len)
    }

    /// Source range of a text range; the end maps to just past the last
    /// character that came from the source.
    pub fn range_to_source(&self, range: Range<usize>) -> Range<usize> {
        let start = self.to_source(range.start);
        let end = if range.end > range.start {
            let i = self.runs.partition_point(|r| r.0 < range.end);
            if i == 0 {
                start
            } else {
                let (t, s, len) = self.runs[i - 1];
                s + (range.end - t).min(len)
            }
        } else {
            start
        };
        start..end.max(start)
    }

    /// Forget the first `n` bytes of text (e.g. a speaker label) so that
    /// offsets in the remaining text start at 0.
    pub fn drop_prefix(&mut self, n: usize) {
        self.runs.retain_mut(|run| {
            let (t, s, len) = *run;
            if t + len <= n {
                return false;
            }
            *run = if t < n {
                (0, s + (n - t), len - (n - t))
            } else {
                (t - n, s, len)
            };
            true
        });
    }

    /// The map of `text[range]` alone, its offsets starting at 0: for a
    /// block split into one block per speaker turn.
    pub fn slice(&self, range: Range<usize>) -> TextMap {
        let mut out = TextMap::default();
        let first = self.runs.partition_point(|r| r.0 + r.2 <= range.start);
        for &(t, s, len) in &self.runs[first..] {
            if t >= range.end {
                break;
            }
            let from = t.max(range.start);
            let to = (t + len).min(range.end);
            out.push(from - range.start, s + (from - t), to - from);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_across_inline_markup() {
        // source: "the **#1** vendor" ; text: "the #1 vendor"
        let mut m = TextMap::default();
        m.push(0, 0, 4); // "the "
        m.push(4, 6, 2); // "#1"
        m.push(6, 10, 7); // " vendor"
        assert_eq!(m.to_source(4), 6);
        assert_eq!(m.range_to_source(4..6), 6..8);
        assert_eq!(m.range_to_source(0..13), 0..17);
        assert_eq!(m.range_to_source(7..13), 11..17);
    }

    #[test]
    fn drop_prefix_shifts_text_offsets() {
        // source: "**Rep:** Hi there" ; text: "Rep: Hi there" → "Hi there"
        let mut m = TextMap::default();
        m.push(0, 2, 4); // "Rep:"
        m.push(4, 8, 9); // " Hi there"
        m.drop_prefix(5);
        assert_eq!(m.to_source(0), 9);
        assert_eq!(m.range_to_source(3..8), 12..17);
    }

    #[test]
    fn slice_keeps_the_runs_inside_the_range() {
        // source: "Rep: hi\n**Prospect:** no" ; text: "Rep: hi Prospect: no"
        let mut m = TextMap::default();
        m.push(0, 0, 7); // "Rep: hi"
        m.push(7, 7, 1); // the line break
        m.push(8, 10, 9); // "Prospect:"
        m.push(17, 21, 3); // " no"
        let s = m.slice(8..20);
        assert_eq!(s.to_source(0), 10);
        assert_eq!(s.range_to_source(10..12), 22..24);
        let s = m.slice(5..7);
        assert_eq!(s.range_to_source(0..2), 5..7);
        assert_eq!(m.slice(3..3), TextMap::default());
    }
}

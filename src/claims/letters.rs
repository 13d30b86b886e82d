//! Which characters of the Basic Multilingual Plane are letters, as a bit
//! table: the Unicode lookup behind `char::is_alphabetic` was a tenth of a
//! whole check on Japanese text. The lexicon builds one table per run (65,536
//! lookups, well under a millisecond) and owns it.

/// Bit k of word n: is character 64n + k a letter.
#[derive(Clone)]
pub struct LetterTable(Box<[u64; 1024]>);

impl LetterTable {
    pub fn new() -> LetterTable {
        let mut bits = Box::new([0u64; 1024]);
        for (chunk, word) in bits.iter_mut().enumerate() {
            *word = (0..64u32)
                .filter(|k| char::from_u32(chunk as u32 * 64 + k).is_some_and(char::is_alphabetic))
                .fold(0u64, |w, k| w | 1 << k);
        }
        LetterTable(bits)
    }

    /// `char::is_alphabetic`, from the table where it has the answer.
    pub fn is_letter(&self, c: char) -> bool {
        let code = c as usize;
        if c.is_ascii() || code > 0xFFFF {
            return c.is_alphabetic();
        }
        self.0[code / 64] >> (code % 64) & 1 == 1
    }
}

impl Default for LetterTable {
    fn default() -> Self {
        LetterTable::new()
    }
}

impl std::fmt::Debug for LetterTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LetterTable")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_letter_table_agrees_with_unicode() {
        let table = LetterTable::new();
        for c in (0..0x11000u32).filter_map(char::from_u32) {
            assert_eq!(table.is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }
}

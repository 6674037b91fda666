/// Converts between byte offsets (what `str` indexing uses) and code-point offsets (what the
/// output schema uses) for one text.
///
/// Built once per document in O(n); each conversion is O(log n) (byte → char) or O(1)
/// (char → byte). Pure-ASCII texts skip the table entirely.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    /// Byte offset of every char, plus a final entry for `text.len()`; empty when ASCII-only.
    starts: Vec<u32>,
    byte_len: usize,
}

impl CharOffsets {
    pub fn new(text: &str) -> Self {
        assert!(
            text.len() < u32::MAX as usize,
            "documents over 4 GiB are not supported"
        );
        if text.is_ascii() {
            return CharOffsets {
                starts: Vec::new(),
                byte_len: text.len(),
            };
        }
        let mut starts = Vec::with_capacity(text.len() / 2 + 1);
        starts.extend(text.char_indices().map(|(b, _)| b as u32));
        starts.push(text.len() as u32);
        CharOffsets {
            starts,
            byte_len: text.len(),
        }
    }

    /// Number of chars in the text.
    pub fn char_len(&self) -> usize {
        if self.starts.is_empty() {
            self.byte_len
        } else {
            self.starts.len() - 1
        }
    }

    /// Code-point offset of a byte offset. A byte inside a multi-byte char maps to that char.
    pub fn to_char(&self, byte: usize) -> usize {
        if self.starts.is_empty() {
            return byte.min(self.byte_len);
        }
        match self.starts.binary_search(&(byte as u32)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset of a code-point offset; offsets past the end clamp to the text length.
    pub fn to_byte(&self, ch: usize) -> usize {
        if self.starts.is_empty() {
            return ch.min(self.byte_len);
        }
        self.starts
            .get(ch)
            .map(|&b| b as usize)
            .unwrap_or(self.byte_len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_round_trip() {
        let text = "قال: abc ٢٠١٨";
        let map = CharOffsets::new(text);
        assert_eq!(map.char_len(), text.chars().count());
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(map.to_char(bi), ci);
            assert_eq!(map.to_byte(ci), bi);
        }
        assert_eq!(map.to_char(text.len()), map.char_len());
        assert_eq!(map.to_byte(map.char_len()), text.len());
        // a byte inside 'ق' (2 bytes) belongs to char 0
        assert_eq!(map.to_char(1), 0);
    }

    #[test]
    fn ascii_fast_path() {
        let map = CharOffsets::new("hello");
        assert_eq!(map.to_char(3), 3);
        assert_eq!(map.to_byte(9), 5);
        assert_eq!(map.char_len(), 5);
    }
}

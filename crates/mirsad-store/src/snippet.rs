//! Search-result snippets: the fragments, scores and HTML of tantivy's `SnippetGenerator` over
//! the light-stemmed body field, computed in one fused pass.
//!
//! The stock generator ran our analyzer chain token by token (copying each word into a token,
//! then through three boxed filters), lower-cased every token into a fresh `String` and looked
//! it up in a `BTreeMap`; for the 20 hits of a page that was a third of a search. Here each word
//! is normalised into one reused buffer, stemmed in place (a slice) and compared with the few
//! query terms. Only the light-stemming analyzer has this path; the others use tantivy's
//! generator. `tests::same_as_tantivy` checks both give the same HTML.

use crate::analyzer::{fold_word, light_stem, next_word, stopwords, Word};
use mirsad_text::{normalize_into, NormalizeOptions};
use std::ops::Range;

/// Query terms of the stemmed body field with tantivy's snippet weight `1 / (1 + doc_freq)`.
pub(crate) struct LightSnippets {
    terms: Vec<(String, f32)>,
    /// `stem_hash` of each term, the first test a word of a table meets.
    hashes: Vec<u16>,
    max_bytes: usize,
}

struct Fragment {
    score: f32,
    start: usize,
    stop: usize,
    highlighted: Vec<Range<usize>>,
}

impl LightSnippets {
    pub(crate) fn new(mut terms: Vec<(String, f32)>, max_bytes: usize) -> LightSnippets {
        terms.retain(|(t, _)| !t.is_empty());
        let hashes = terms.iter().map(|(t, _)| stem_hash(t)).collect();
        LightSnippets {
            terms,
            hashes,
            max_bytes,
        }
    }

    /// The best fragment of `text` as HTML with `<mark>` highlights; empty when no term occurs.
    /// `table` is the text's [`word_table`] as stored beside it; a table that does not fit the
    /// text (damaged, or from another analyzer) is rebuilt from the text.
    pub(crate) fn html(&self, text: &str, table: Option<&[u8]>, buf: &mut String) -> String {
        if let Some(html) = table.and_then(|t| self.html_with_table(text, t, buf)) {
            return html;
        }
        // a table built from the text always fits it; were it not to, the hit would show the
        // head of its text rather than take the server's read thread down
        let table = word_table(text, buf);
        self.html_with_table(text, &table, buf).unwrap_or_default()
    }

    /// `None` when `table` does not fit `text`: another length, an entry cut short, or a word
    /// range outside the text or off its char boundaries (slicing there would panic).
    fn html_with_table(&self, text: &str, table: &[u8], buf: &mut String) -> Option<String> {
        let mut entries = TableEntries::new(table);
        if entries.varint()? != text.len() {
            return None;
        }
        let mut best: Option<Fragment> = None;
        let mut cur = Fragment {
            score: 0.0,
            start: 0,
            stop: 0,
            highlighted: Vec::new(),
        };
        // the better of two fragments: higher score, the earlier one on ties (tantivy's order)
        let keep = |best: &mut Option<Fragment>, f: Fragment| {
            if f.score > 0.0 && best.as_ref().is_none_or(|b| f.score > b.score) {
                *best = Some(f);
            }
        };
        for entry in entries.by_ref() {
            let (from, to) = (entry.start, entry.end);
            if to > text.len() || !text.is_char_boundary(from) || !text.is_char_boundary(to) {
                return None;
            }
            if to - cur.start > self.max_bytes {
                let next = Fragment {
                    score: 0.0,
                    start: from,
                    stop: from,
                    highlighted: Vec::new(),
                };
                keep(&mut best, std::mem::replace(&mut cur, next));
            }
            cur.stop = to;
            if !self.hashes.contains(&entry.hash) {
                continue;
            }
            // a hash collision must not highlight a word: compare the stem itself
            let Some(stem) = stem_at(text, from, to, buf) else {
                continue;
            };
            if let Some((_, w)) = self.terms.iter().find(|(t, _)| t == stem) {
                cur.score += w;
                cur.highlighted.push(from..to);
            }
        }
        if entries.cut_short {
            return None;
        }
        keep(&mut best, cur);
        let Some(f) = best else {
            return Some(String::new());
        };
        // highlights are in text order and never overlap (one per word)
        let mut html = String::with_capacity(f.stop - f.start + 16 * f.highlighted.len());
        let mut at = f.start;
        for h in &f.highlighted {
            push_escaped(&mut html, &text[at..h.start]);
            html.push_str("<mark>");
            push_escaped(&mut html, &text[h.clone()]);
            html.push_str("</mark>");
            at = h.end;
        }
        push_escaped(&mut html, &text[at..f.stop]);
        Some(html)
    }
}

/// The words a snippet is made of, computed once when a document is stored: for each word the
/// analyzer keeps (stop words and words normalisation empties are left out, since they neither
/// match nor end a fragment), its byte range and a 16-bit hash of its light stem. A search then
/// walks a few bytes per word instead of scanning, normalising and stemming the whole text of
/// every hit, which was half of a search's instructions.
///
/// Layout: the text's length in bytes (LEB128), then per word: LEB128 gap from the previous word's end to this word's start, LEB128 byte
/// length, the stem hash as two little-endian bytes. The stored bytes are a cache of the text:
/// the stem of a word whose hash matches is recomputed from the text before it is highlighted,
/// and a table that does not fit its text is rebuilt (see [`LightSnippets::html`]).
pub(crate) fn word_table(text: &str, buf: &mut String) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() / 3);
    push_varint(&mut out, text.len());
    let mut prev_end = 0;
    let mut pos = 0;
    while let Some(w) = next_word(text, pos) {
        pos = w.end;
        let Some(stem) = stem_of(text, &w, buf) else {
            continue;
        };
        let hash = stem_hash(stem);
        push_varint(&mut out, w.start - prev_end);
        push_varint(&mut out, w.end - w.start);
        out.extend_from_slice(&hash.to_le_bytes());
        prev_end = w.end;
    }
    out
}

/// The light stem of a word the analyzer keeps; `None` for stop words and empty words.
fn stem_of<'b>(text: &str, w: &Word, buf: &'b mut String) -> Option<&'b str> {
    let raw = &text[w.start..w.end];
    if w.stable {
        buf.clear();
        buf.push_str(raw);
    } else if w.tabled {
        fold_word(raw, buf);
    } else {
        normalize_into(raw, &NormalizeOptions::matching(), buf);
    }
    let word = buf.as_str();
    let stop = fast_stopwords();
    if word.is_empty() || (word.len() <= stop.max_len && stop.words.contains(word)) {
        return None;
    }
    Some(light_stem(word))
}

/// The stem of the word a table entry says lies at `from..to`, if the text has that word there.
fn stem_at<'b>(text: &str, from: usize, to: usize, buf: &'b mut String) -> Option<&'b str> {
    let w = next_word(text, from).filter(|w| w.start == from && w.end == to)?;
    stem_of(text, &w, buf)
}

/// FNV-1a over the stem's bytes, folded to 16 bits. It is stored: never change it without a
/// schema migration that rebuilds the tables.
fn stem_hash(stem: &str) -> u16 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in stem.as_bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    ((h >> 16) ^ (h & 0xffff)) as u16
}

fn push_varint(out: &mut Vec<u8>, mut v: usize) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct TableEntry {
    start: usize,
    end: usize,
    hash: u16,
}

/// Decodes a word table; stops at the first entry that is cut short.
struct TableEntries<'a> {
    bytes: &'a [u8],
    at: usize,
    prev_end: usize,
    cut_short: bool,
}

impl<'a> TableEntries<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        TableEntries {
            bytes,
            at: 0,
            prev_end: 0,
            cut_short: false,
        }
    }

    #[inline(always)]
    fn entry(&mut self) -> Option<TableEntry> {
        let start = self.prev_end.checked_add(self.varint()?)?;
        let end = start.checked_add(self.varint()?)?;
        let hash = self.bytes.get(self.at..self.at + 2)?;
        let hash = u16::from_le_bytes([hash[0], hash[1]]);
        self.at += 2;
        self.prev_end = end;
        Some(TableEntry { start, end, hash })
    }

    #[inline(always)]
    fn varint(&mut self) -> Option<usize> {
        // nearly every gap and word length is below 128: one byte
        if let Some(&b) = self.bytes.get(self.at) {
            if b < 0x80 {
                self.at += 1;
                return Some(usize::from(b));
            }
        }
        let mut v = 0usize;
        for shift in (0..usize::BITS).step_by(7) {
            let b = *self.bytes.get(self.at)?;
            self.at += 1;
            v |= usize::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
}

impl Iterator for TableEntries<'_> {
    type Item = TableEntry;

    #[inline(always)]
    fn next(&mut self) -> Option<TableEntry> {
        if self.at == self.bytes.len() || self.cut_short {
            return None;
        }
        let entry = self.entry();
        self.cut_short = entry.is_none();
        entry
    }
}

/// FNV-1a: the stop-word test runs for every word of every hit, and the standard library's
/// SipHash (built against hash flooding, which a fixed word list cannot suffer) was most of it.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// The analyzer's stop words (`analyzer::stopwords`) in a set with a cheaper hash, and the
/// byte length of the longest, so most words are told apart without hashing.
struct FastStopwords {
    words: std::collections::HashSet<&'static str, std::hash::BuildHasherDefault<Fnv>>,
    max_len: usize,
}

fn fast_stopwords() -> &'static FastStopwords {
    static SET: std::sync::OnceLock<FastStopwords> = std::sync::OnceLock::new();
    SET.get_or_init(|| FastStopwords {
        words: stopwords().iter().map(String::as_str).collect(),
        max_len: stopwords().iter().map(String::len).max().unwrap_or(0),
    })
}

/// The escaping of tantivy's snippets (`htmlescape::encode_minimal`); also the escaping of the
/// text-head snippet of a hit where no query word occurs.
pub(crate) fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyzer::{analyzer, Stemming};
    use std::collections::BTreeMap;
    use tantivy::schema::Field;
    use tantivy::snippet::SnippetGenerator;

    fn tantivy_html(terms: &[(&str, f32)], text: &str) -> String {
        let map: BTreeMap<String, f32> = terms.iter().map(|(t, w)| (t.to_string(), *w)).collect();
        let g = SnippetGenerator::new(map, analyzer(Stemming::Light), Field::from_field_id(0), 240);
        let mut s = g.snippet(text);
        s.set_snippet_prefix_postfix("<mark>", "</mark>");
        s.to_html()
    }

    #[test]
    fn same_as_tantivy() {
        let filler = "وقال المتحدث باسم الوزارة في بيان صحفي إن الاجتماع تناول سبل التعاون. ";
        let texts = [
            format!(
                "{}أعلنت وزارة الخارجية السعودية <اليوم> أن الوزير سيزور القاهرة. {}",
                filler.repeat(3),
                filler.repeat(5)
            ),
            format!(
                "الرياض: \"الانتخابات\" البلدية & المجالس {} والانتخابات المقبلة في الرياض",
                filler.repeat(8)
            ),
            "Saudi oil exports rose; the minister's O'Neil report on oil".to_string(),
            filler.repeat(2),
            String::new(),
            format!("{}الْمَدْرَسَة إسـلام والمدارس في المدرسة", filler),
            format!(
                "وبالانتخابات فبالمدارس {} للمدرسة كالانتخاب",
                filler.repeat(4)
            ),
        ];
        let term_sets: [&[(&str, f32)]; 4] = [
            &[("وزير", 0.01), ("قاهر", 0.2)],
            &[("انتخاب", 0.05), ("رياض", 0.001)],
            &[("oil", 0.1), ("o", 0.5), ("neil", 0.3)],
            &[("مدرس", 0.1), ("اسلام", 0.1), ("تعاون", 0.002)],
        ];
        let mut word = String::new();
        let mut compared = 0;
        for terms in term_sets {
            let light = LightSnippets::new(
                terms.iter().map(|(t, w)| (t.to_string(), *w)).collect(),
                240,
            );
            for text in &texts {
                let ours = light.html(text, None, &mut word);
                assert_eq!(
                    ours,
                    tantivy_html(terms, text),
                    "terms {terms:?} text {text:?}"
                );
                let table = word_table(text, &mut word);
                assert_eq!(light.html(text, Some(&table), &mut word), ours);
                compared += usize::from(!ours.is_empty());
            }
        }
        assert!(compared >= 4, "too few texts had a snippet: {compared}");
    }

    fn filler_text() -> String {
        format!(
            "{}أعلنت وزارة الخارجية أن الوزير سيزور القاهرة والوزراء. {}",
            "وقال المتحدث باسم الوزارة في بيان إن الاجتماع تناول التعاون. ".repeat(4),
            "ثم عاد الوزير إلى الرياض. ".repeat(6)
        )
    }

    #[test]
    fn a_damaged_or_foreign_table_is_rebuilt_from_the_text() {
        let text = filler_text();
        let light = LightSnippets::new(vec![("وزير".to_string(), 0.1)], 240);
        let mut buf = String::new();
        let expected = light.html(&text, None, &mut buf);
        assert!(expected.contains("<mark>الوزير</mark>"), "{expected}");
        let table = word_table(&text, &mut buf);
        assert_eq!(
            light.html_with_table(&text, &table, &mut buf).as_ref(),
            Some(&expected)
        );
        let other = word_table("نص آخر أقصر بكثير من النص الأول", &mut buf);
        let mut shifted = table.clone();
        // the first word now starts inside a letter
        shifted[header_len(&table)] += 1;
        let mut overlong = table.clone();
        overlong.extend_from_slice(&[0x00, 0x7f, 0x00, 0x00]); // a word past the end
        for bad in [
            &table[..table.len() - 1], // cut inside the last entry's hash
            &table[..table.len() - 2], // cut between an entry's length and its hash
            &[0xff; 12][..],           // a varint that never ends
            &[][..],                   // no header
            &other[..],                // a table of a different text
            &shifted[..],              // offsets off the char boundaries
            &overlong[..],
        ] {
            assert_eq!(light.html_with_table(&text, bad, &mut buf), None, "{bad:?}");
            assert_eq!(light.html(&text, Some(bad), &mut buf), expected);
        }
    }

    fn header_len(table: &[u8]) -> usize {
        entries(table).at
    }

    fn entries(table: &[u8]) -> TableEntries<'_> {
        let mut e = TableEntries::new(table);
        e.varint().unwrap();
        e
    }

    #[test]
    fn a_hash_collision_does_not_highlight_a_word() {
        let text = filler_text();
        let light = LightSnippets::new(vec![("قاهر".to_string(), 0.1)], 240);
        let mut buf = String::new();
        let expected = light.html(&text, None, &mut buf);
        assert_eq!(expected.matches("<mark>").count(), 1, "{expected}");
        // every entry claims the term's hash: only the word whose stem is the term may light up
        let term = stem_hash("قاهر").to_le_bytes();
        let mut colliding = word_table(&text, &mut buf);
        let header = header_len(&colliding);
        let n = entries(&colliding).count();
        assert_eq!(
            colliding.len(),
            header + 4 * n,
            "short words: one-byte varints"
        );
        for entry in colliding[header..].chunks_mut(4) {
            entry[2..].copy_from_slice(&term);
        }
        assert_eq!(light.html(&text, Some(&colliding), &mut buf), expected);
    }

    #[test]
    fn the_table_leaves_out_stop_words_and_keeps_byte_ranges() {
        let text = "في الرياض، قال الوزير";
        let mut buf = String::new();
        let table = word_table(text, &mut buf);
        let words: Vec<&str> = entries(&table).map(|e| &text[e.start..e.end]).collect();
        assert!(stopwords().iter().any(|s| s == "في"));
        assert!(!stopwords().iter().any(|s| s == "الوزير" || s == "الرياض"));
        assert_eq!(words.first(), Some(&"الرياض"));
        assert_eq!(words.last(), Some(&"الوزير"));
        assert!(!words.contains(&"في"));
        assert_eq!(
            entries(&table).map(|e| e.hash).last(),
            Some(stem_hash(light_stem("الوزير")))
        );
    }

    #[test]
    fn any_bytes_as_a_table_give_a_snippet_without_panicking() {
        // a table is read from disk: every mutation of a real one, and random bytes, must give
        // a snippet (a wrong one at worst, never a panic or a slice off a char boundary)
        let text = format!("{} «O'Neil» & <b>", filler_text());
        let light = LightSnippets::new(
            vec![("وزير".to_string(), 0.1), ("رياض".to_string(), 0.01)],
            240,
        );
        let mut buf = String::new();
        let table = word_table(&text, &mut buf);
        let mut tables = Vec::new();
        for i in 0..table.len() {
            for delta in [1u8, 0x7f, 0x80, 0xff] {
                let mut t = table.clone();
                t[i] = t[i].wrapping_add(delta);
                tables.push(t);
            }
            tables.push(table[..i].to_vec());
        }
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for len in 0..200 {
            tables.push(
                (0..len)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        state as u8
                    })
                    .collect(),
            );
        }
        let mut marked = 0;
        for t in &tables {
            let html = light.html(&text, Some(t), &mut buf);
            marked += usize::from(html.contains("<mark>"));
        }
        assert!(marked > tables.len() / 2, "{marked} of {}", tables.len());
    }
}

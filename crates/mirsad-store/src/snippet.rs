//! Search-result snippets: the fragments, scores and HTML of tantivy's `SnippetGenerator` over
//! the light-stemmed body field, computed in one fused pass.
//!
//! The stock generator ran our analyzer chain token by token (copying each word into a token,
//! then through three boxed filters), lower-cased every token into a fresh `String` and looked
//! it up in a `BTreeMap`; for the 20 hits of a page that was a third of a search. Here each word
//! is normalised into one reused buffer, stemmed in place (a slice) and compared with the few
//! query terms. Only the light-stemming analyzer has this path; the others use tantivy's
//! generator. `tests::same_as_tantivy` checks both give the same HTML.

use crate::analyzer::{fold_word, light_stem, next_word, stopwords};
use mirsad_text::{normalize_into, NormalizeOptions};
use std::ops::Range;

/// Query terms of the stemmed body field with tantivy's snippet weight `1 / (1 + doc_freq)`.
pub(crate) struct LightSnippets {
    terms: Vec<(String, f32)>,
    max_bytes: usize,
    opts: NormalizeOptions,
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
        LightSnippets {
            terms,
            max_bytes,
            opts: NormalizeOptions::matching(),
        }
    }

    /// The best fragment of `text` as HTML with `<mark>` highlights; empty when no term occurs.
    pub(crate) fn html(&self, text: &str, buf: &mut String) -> String {
        let stop = fast_stopwords();
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
        let mut pos = 0;
        while let Some(w) = next_word(text, pos) {
            let (from, to) = (w.start, w.end);
            pos = to;
            let word: &str = if w.stable {
                &text[from..to]
            } else if w.tabled {
                fold_word(&text[from..to], buf);
                buf.as_str()
            } else {
                normalize_into(&text[from..to], &self.opts, buf);
                buf.as_str()
            };
            if word.is_empty() || (word.len() <= stop.max_len && stop.words.contains(word)) {
                continue; // the analyzer drops these: they neither match nor end a fragment
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
            if !self.may_stem_to_a_term(word) {
                continue;
            }
            let stem = light_stem(word);
            if let Some((_, w)) = self.terms.iter().find(|(t, _)| t == stem) {
                cur.score += w;
                cur.highlighted.push(from..to);
            }
        }
        keep(&mut best, cur);
        let Some(f) = best else {
            return String::new();
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
        html
    }
}

impl LightSnippets {
    /// A cheap test that is true whenever `light_stem(word)` is one of the terms: light stemming
    /// only cuts one article prefix (two to four Arabic letters, two bytes each) and then
    /// suffixes, so the stem starts at byte 0, 4, 6 or 8 of the word. Most words fail it and
    /// skip the stemmer's 35 affix tests.
    fn may_stem_to_a_term(&self, word: &str) -> bool {
        let w = word.as_bytes();
        self.terms.iter().any(|(t, _)| {
            let t = t.as_bytes();
            // the first byte rules out nearly every offset before a slice comparison
            [0, 4, 6, 8]
                .iter()
                .any(|&at| w.len() >= at + t.len() && w[at] == t[0] && &w[at..at + t.len()] == t)
        })
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

/// The escaping of tantivy's snippets (`htmlescape::encode_minimal`).
fn push_escaped(out: &mut String, s: &str) {
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
                let ours = light.html(text, &mut word);
                assert_eq!(
                    ours,
                    tantivy_html(terms, text),
                    "terms {terms:?} text {text:?}"
                );
                compared += usize::from(!ours.is_empty());
            }
        }
        assert!(compared >= 4, "too few texts had a snippet: {compared}");
    }
}

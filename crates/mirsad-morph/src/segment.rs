//! Clitic segmentation: a written token → the syntactic words it is made of, with their forms
//! (`وبالحكومة` → `و` `ب` `الحكومة`, `للحظر` → `ل` `الحظر`, `حكومته` → `حكومة` `ه`).
//!
//! Each way of splitting a token seen in training becomes a *pattern*: the clitic words before
//! the stem and after it, the surface letters they take, and the small edit that restores the
//! stem (the `ا` of `ال` that `لل` swallows, the `ة` written `ت` before a suffix). A pattern
//! applies to a new token when the token has those letters at its ends. An averaged perceptron
//! chooses among the patterns that apply, from the token's letters, its neighbours and whether
//! the stem it would produce is a word seen in training.

use crate::conllu::Sentence;
use crate::perceptron::{
    feature, ModelError, ModelReader, ModelWriter, SplitMix64, Trainer, Weights,
};
use rustc_hash::FxHashMap;

/// How one written token splits into words (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pattern {
    /// Words before the stem, as they are written in the treebank (`و`, `ب`, `ل`).
    pub before: Vec<String>,
    /// The token's letters those words take.
    pub before_surface: String,
    /// Letters of the token's stem part that the stem word drops at its start / end.
    pub stem_drop_front: String,
    pub stem_drop_back: String,
    /// Letters the stem word has and the token does not (`ا` after `لل`, `ة` for `ت`).
    pub stem_add_front: String,
    pub stem_add_back: String,
    pub after_surface: String,
    /// Words after the stem (pronoun suffixes).
    pub after: Vec<String>,
}

impl Pattern {
    fn identity() -> Self {
        Pattern {
            before: vec![],
            before_surface: String::new(),
            stem_drop_front: String::new(),
            stem_drop_back: String::new(),
            stem_add_front: String::new(),
            stem_add_back: String::new(),
            after_surface: String::new(),
            after: vec![],
        }
    }

    pub fn is_identity(&self) -> bool {
        *self == Pattern::identity()
    }

    /// The pattern that turns `token` into `words`; `None` when `words` is empty.
    pub fn derive(token: &str, words: &[&str]) -> Option<Pattern> {
        let stem_at = (0..words.len())
            .rev()
            .max_by_key(|&i| words[i].chars().count())?;
        let before_joined: String = words[..stem_at].concat();
        let after_joined: String = words[stem_at + 1..].concat();
        let front = common_prefix_bytes(token, &before_joined);
        let rest = &token[front..];
        let back = common_suffix_bytes(rest, &after_joined);
        let middle = &rest[..rest.len() - back];
        let stem = words[stem_at];
        let (m_at, s_at, len) = longest_common_substring(middle, stem);
        Some(Pattern {
            before: words[..stem_at].iter().map(|w| (*w).to_owned()).collect(),
            before_surface: token[..front].to_owned(),
            stem_drop_front: middle[..m_at].to_owned(),
            stem_drop_back: middle[m_at + len..].to_owned(),
            stem_add_front: stem[..s_at].to_owned(),
            stem_add_back: stem[s_at + len..].to_owned(),
            after_surface: rest[rest.len() - back..].to_owned(),
            after: words[stem_at + 1..]
                .iter()
                .map(|w| (*w).to_owned())
                .collect(),
        })
    }

    /// The stem part of `token` this pattern keeps, when the pattern applies to it.
    fn kept<'t>(&self, token: &'t str) -> Option<&'t str> {
        let rest = token
            .strip_prefix(self.before_surface.as_str())?
            .strip_prefix(self.stem_drop_front.as_str())?;
        let kept = rest
            .strip_suffix(self.after_surface.as_str())?
            .strip_suffix(self.stem_drop_back.as_str())?;
        // A clitic never leaves less than one letter of stem behind.
        (!kept.is_empty() || self.is_identity()).then_some(kept)
    }

    /// The stem word this pattern makes of `token`, when it applies.
    pub fn stem(&self, token: &str) -> Option<String> {
        let kept = self.kept(token)?;
        Some(format!(
            "{}{kept}{}",
            self.stem_add_front, self.stem_add_back
        ))
    }

    /// The words this pattern makes of `token`, when it applies.
    pub fn apply(&self, token: &str) -> Option<Vec<String>> {
        let stem = self.stem(token)?;
        let mut words = self.before.clone();
        words.push(stem);
        words.extend(self.after.iter().cloned());
        Some(words)
    }

    fn write(&self, out: &mut ModelWriter) {
        out.strs(&self.before);
        for s in [
            &self.before_surface,
            &self.stem_drop_front,
            &self.stem_drop_back,
            &self.stem_add_front,
            &self.stem_add_back,
            &self.after_surface,
        ] {
            out.str(s);
        }
        out.strs(&self.after);
    }

    fn read(input: &mut ModelReader) -> Result<Pattern, ModelError> {
        Ok(Pattern {
            before: input.strs()?,
            before_surface: input.str()?,
            stem_drop_front: input.str()?,
            stem_drop_back: input.str()?,
            stem_add_front: input.str()?,
            stem_add_back: input.str()?,
            after_surface: input.str()?,
            after: input.strs()?,
        })
    }

    /// A short name for features and debugging: `و+ب+[]+ه`.
    fn shape(&self) -> String {
        let mut s = self.before.join("+");
        s.push_str("+[]+");
        s.push_str(&self.after.join("+"));
        s
    }
}

fn common_prefix_bytes(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or_else(|| a.len().min(b.len()), |((i, _), _)| i)
}

fn common_suffix_bytes(a: &str, b: &str) -> usize {
    let mut n = 0;
    for (x, y) in a.chars().rev().zip(b.chars().rev()) {
        if x != y {
            break;
        }
        n += x.len_utf8();
    }
    n
}

/// Byte offsets in `a` and `b` and byte length of their longest common substring (on char
/// boundaries; the earliest one in `a` on ties). Tokens are short, so quadratic is fine.
pub(crate) fn longest_common_substring(a: &str, b: &str) -> (usize, usize, usize) {
    let mut best = (0, 0, 0);
    for (i, _) in a.char_indices() {
        for (j, _) in b.char_indices() {
            let n = common_prefix_bytes(&a[i..], &b[j..]);
            if n > best.2 {
                best = (i, j, n);
            }
        }
    }
    best
}

/// Candidates indexed by the letters they need at the end of a word, so that finding the ones
/// that may apply costs a few hash lookups instead of a scan over all of them.
#[derive(Debug, Clone, Default)]
pub(crate) struct EndingIndex {
    by_ending: FxHashMap<String, Vec<u32>>,
    longest: usize,
}

impl EndingIndex {
    pub(crate) fn new<'a>(endings: impl IntoIterator<Item = (u32, &'a str)>) -> Self {
        let mut index = EndingIndex::default();
        for (id, ending) in endings {
            index.longest = index.longest.max(ending.chars().count());
            index
                .by_ending
                .entry(ending.to_owned())
                .or_default()
                .push(id);
        }
        index
    }

    /// Ids whose ending `word` ends with, in no particular order.
    pub(crate) fn matching(&self, word: &str, out: &mut Vec<u32>) {
        out.clear();
        let mut starts: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
        starts.push(word.len());
        for &at in starts.iter().rev().take(self.longest + 1) {
            if let Some(ids) = self.by_ending.get(&word[at..]) {
                out.extend_from_slice(ids);
            }
        }
    }
}

/// Whether a token is worth segmenting: clitics attach to Arabic letters only.
fn may_have_clitics(token: &str) -> bool {
    token.chars().any(mirsad_text::chars::is_arabic_letter)
}

#[derive(Debug, Clone)]
pub struct SegmenterOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Patterns seen fewer times than this are dropped (one-off annotation quirks).
    pub min_pattern_count: usize,
}

impl Default for SegmenterOptions {
    fn default() -> Self {
        SegmenterOptions {
            epochs: 8,
            seed: 0x5e9,
            min_pattern_count: 2,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Segmenter {
    patterns: Vec<Pattern>,
    /// Word forms seen in training, with counts: whether a pattern's stem is a known word is the
    /// best single clue to a split.
    words: FxHashMap<String, u32>,
    weights: Weights,
    endings: EndingIndex,
}

const MAGIC: &[u8] = b"MIRSAD-SEG1";

fn pattern_endings(patterns: &[Pattern]) -> EndingIndex {
    let endings: Vec<(u32, String)> = patterns
        .iter()
        .enumerate()
        .map(|(i, p)| (i as u32, format!("{}{}", p.stem_drop_back, p.after_surface)))
        .collect();
    EndingIndex::new(endings.iter().map(|(i, e)| (*i, e.as_str())))
}

/// One token to classify, borrowed from its sentence.
struct Context<'a> {
    token: &'a str,
    prev: &'a str,
    next: &'a str,
}

impl Segmenter {
    /// Learns from sentences with multiword-token lines (the converted treebank).
    pub fn train(sentences: &[Sentence], opts: &SegmenterOptions) -> Segmenter {
        let mut counts: FxHashMap<Pattern, usize> = FxHashMap::default();
        let mut words: FxHashMap<String, u32> = FxHashMap::default();
        let mut token_counts: FxHashMap<String, u32> = FxHashMap::default();
        // (sentence index, token index, pattern)
        let mut examples: Vec<(usize, usize, Pattern)> = Vec::new();
        let token_lists: Vec<Vec<(String, Vec<String>)>> =
            sentences.iter().map(tokens_with_words).collect();
        for (si, tokens) in token_lists.iter().enumerate() {
            for (ti, (token, ws)) in tokens.iter().enumerate() {
                for w in ws {
                    *words.entry(w.clone()).or_default() += 1;
                }
                *token_counts.entry(token.clone()).or_default() += 1;
                if !may_have_clitics(token) {
                    continue;
                }
                let refs: Vec<&str> = ws.iter().map(String::as_str).collect();
                if let Some(p) = Pattern::derive(token, &refs) {
                    *counts.entry(p.clone()).or_default() += 1;
                    examples.push((si, ti, p));
                }
            }
        }
        let mut patterns: Vec<Pattern> = counts
            .iter()
            .filter(|(p, &n)| n >= opts.min_pattern_count || p.is_identity())
            .map(|(p, _)| p.clone())
            .collect();
        patterns.push(Pattern::identity());
        patterns.sort();
        patterns.dedup();
        let index: FxHashMap<&Pattern, u32> = patterns
            .iter()
            .enumerate()
            .map(|(i, p)| (p, i as u32))
            .collect();
        let mut model = Segmenter {
            endings: pattern_endings(&patterns),
            patterns: patterns.clone(),
            words,
            weights: Weights::default(),
        };
        let mut examples: Vec<(usize, usize, u32)> = examples
            .into_iter()
            .filter_map(|(si, ti, p)| index.get(&p).map(|&c| (si, ti, c)))
            .collect();
        let mut trainer = Trainer::new();
        let mut rng = SplitMix64(opts.seed);
        let mut base = Vec::new();
        let mut cands = Vec::new();
        let mut gold_feats = Vec::new();
        let mut guess_feats = Vec::new();
        for _ in 0..opts.epochs {
            rng.shuffle(&mut examples);
            for &(si, ti, gold) in &examples {
                let tokens = &token_lists[si];
                let ctx = context(tokens, ti, |t| t.0.as_str());
                model.candidates(ctx.token, &mut cands);
                if !cands.contains(&gold) {
                    continue;
                }
                // A token seen once is, for what the model must learn, an unseen token: its own
                // form and its own stem count must not give the answer away.
                let hapax = token_counts.get(ctx.token).is_some_and(|&n| n == 1);
                base_features(&ctx, !hapax, &mut base);
                let own = Some(gold);
                trainer.tick();
                let guess =
                    best_pattern(&model, &ctx, &base, &cands, own, |f, c| trainer.score(f, c));
                if guess != gold {
                    model.pattern_features(&ctx, &base, gold, own, &mut gold_feats);
                    model.pattern_features(&ctx, &base, guess, own, &mut guess_feats);
                    trainer.update(&gold_feats, gold, &guess_feats, guess);
                }
            }
        }
        model.weights = trainer.average();
        model
    }

    /// Indices of the patterns that apply to `token`, identity first.
    fn candidates(&self, token: &str, out: &mut Vec<u32>) {
        self.endings.matching(token, out);
        out.retain(|&i| self.patterns[i as usize].kept(token).is_some());
        // The same order as a scan over all patterns: ties must break the same way everywhere.
        out.sort_unstable();
    }

    /// `own_gold`: in training, the gold pattern of this very token, whose stem was counted
    /// from it and so is known one time less.
    fn pattern_features(
        &self,
        ctx: &Context,
        base: &[u64],
        class: u32,
        own_gold: Option<u32>,
        out: &mut Vec<u64>,
    ) {
        out.clear();
        out.extend_from_slice(base);
        let p = &self.patterns[class as usize];
        let stem = p.stem(ctx.token).unwrap_or_default();
        let count = self.words.get(&stem).copied().unwrap_or(0)
            - u32::from(own_gold == Some(class) && self.words.contains_key(&stem));
        let known = count > 0;
        let bucket = match count {
            0 => "0",
            1 => "1",
            2..=4 => "2-4",
            _ => "5+",
        };
        out.push(feature(40, &[bucket]));
        let len = stem.chars().count().min(8).to_string();
        out.push(feature(41, &[&len, if known { "k" } else { "u" }]));
        out.push(feature(42, &[first_chars(&stem, 2)]));
        out.push(feature(43, &[last_chars(&stem, 2)]));
        // Shared across patterns with the same clitics, so rare spellings borrow strength.
        let shape = p.shape();
        out.push(feature(44, &[&shape, if known { "k" } else { "u" }]));
    }

    /// Splits each written token of a sentence into its words.
    pub fn segment(&self, tokens: &[&str]) -> Vec<Vec<String>> {
        let mut base = Vec::new();
        let mut cands = Vec::new();
        (0..tokens.len())
            .map(|i| {
                let ctx = context(tokens, i, |t| t);
                if !may_have_clitics(ctx.token) {
                    return vec![ctx.token.to_owned()];
                }
                self.candidates(ctx.token, &mut cands);
                if cands.len() <= 1 {
                    return vec![ctx.token.to_owned()];
                }
                base_features(&ctx, true, &mut base);
                let best = best_pattern(self, &ctx, &base, &cands, None, |f, c| {
                    self.weights.score(f, c)
                });
                self.patterns[best as usize]
                    .apply(ctx.token)
                    .unwrap_or_else(|| vec![ctx.token.to_owned()])
            })
            .collect()
    }

    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = ModelWriter::new(MAGIC);
        out.u64(self.patterns.len() as u64);
        for p in &self.patterns {
            p.write(&mut out);
        }
        let mut words: Vec<(&String, &u32)> = self.words.iter().collect();
        words.sort();
        out.u64(words.len() as u64);
        for (w, n) in words {
            out.str(w);
            out.u32(*n);
        }
        self.weights.write(&mut out);
        out.finish()
    }

    pub fn from_bytes(gz: &[u8]) -> Result<Segmenter, ModelError> {
        let mut r = ModelReader::open("segmenter", gz, MAGIC)?;
        let n = r.len_prefix()?;
        let patterns = (0..n)
            .map(|_| Pattern::read(&mut r))
            .collect::<Result<Vec<Pattern>, _>>()?;
        let n = r.len_prefix()?;
        let mut words = FxHashMap::default();
        for _ in 0..n {
            let w = r.str()?;
            words.insert(w, r.u32()?);
        }
        let weights = Weights::read(&mut r)?;
        r.end()?;
        Ok(Segmenter {
            endings: pattern_endings(&patterns),
            patterns,
            words,
            weights,
        })
    }
}

fn best_pattern(
    model: &Segmenter,
    ctx: &Context,
    base: &[u64],
    cands: &[u32],
    own_gold: Option<u32>,
    score: impl Fn(&[u64], u32) -> f32,
) -> u32 {
    let mut feats = Vec::with_capacity(base.len() + 8);
    let mut best = (cands[0], f32::NEG_INFINITY);
    for &c in cands {
        model.pattern_features(ctx, base, c, own_gold, &mut feats);
        let s = score(&feats, c);
        if s > best.1 {
            best = (c, s);
        }
    }
    best.0
}

fn context<'a, T>(tokens: &'a [T], i: usize, form: impl Fn(&'a T) -> &'a str) -> Context<'a> {
    Context {
        token: form(&tokens[i]),
        prev: if i > 0 { form(&tokens[i - 1]) } else { "<s>" },
        next: tokens.get(i + 1).map_or("</s>", form),
    }
}

fn base_features(ctx: &Context, with_form: bool, out: &mut Vec<u64>) {
    out.clear();
    let t = ctx.token;
    out.push(feature(0, &["bias"]));
    if with_form {
        out.push(feature(1, &[t]));
    }
    for n in 1..=4 {
        out.push(feature(2 + n as u8, &[first_chars(t, n)]));
        out.push(feature(7 + n as u8, &[last_chars(t, n)]));
    }
    out.push(feature(12, &[first_chars(t, 2), last_chars(t, 2)]));
    out.push(feature(13, &[&t.chars().count().min(10).to_string()]));
    out.push(feature(14, &[ctx.prev]));
    out.push(feature(15, &[ctx.next]));
    out.push(feature(16, &[last_chars(ctx.prev, 1), first_chars(t, 1)]));
    out.push(feature(17, &[first_chars(ctx.next, 2)]));
}

pub(crate) fn first_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

pub(crate) fn last_chars(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    if count <= n {
        return s;
    }
    match s.char_indices().nth(count - n) {
        Some((i, _)) => &s[i..],
        None => s,
    }
}

/// The written tokens of a sentence with the forms of the words each one is made of.
pub fn tokens_with_words(sentence: &Sentence) -> Vec<(String, Vec<String>)> {
    sentence
        .surface_tokens()
        .into_iter()
        .map(|t| {
            let words = sentence
                .words
                .iter()
                .filter(|w| w.id >= t.first && w.id <= t.last)
                .map(|w| w.form.clone())
                .collect();
            (t.form.to_owned(), words)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn derive_apply(token: &str, words: &[&str], other: &str) -> Vec<String> {
        let p = Pattern::derive(token, words).unwrap();
        assert_eq!(p.apply(token).unwrap(), words, "round trip of {token}");
        p.apply(other).unwrap_or_default()
    }

    #[test]
    fn patterns_undo_orthographic_changes() {
        assert_eq!(
            derive_apply("للحظر", &["ل", "الحظر"], "للبيت"),
            ["ل", "البيت"]
        );
        assert_eq!(
            derive_apply("حكومته", &["حكومة", "ه"], "مدينته"),
            ["مدينة", "ه"]
        );
        assert_eq!(
            derive_apply("وبالحكومة", &["و", "ب", "الحكومة"], "وبالمدينة"),
            ["و", "ب", "المدينة"]
        );
        assert_eq!(derive_apply("قال", &["قال"], "ذهب"), ["ذهب"]);
        // A pattern does not apply to a token without its letters, nor leave an empty stem.
        let p = Pattern::derive("وقال", &["و", "قال"]).unwrap();
        assert_eq!(p.apply("قال"), None);
        assert_eq!(p.apply("و"), None);
    }

    #[test]
    fn learns_to_split_from_a_tiny_treebank() {
        let text = "\
# text = وقال الرئيس للصحفيين
1-2\tوقال\t_\t_\t_\t_\t_\t_\t_\t_
1\tو\tو\tCCONJ\t_\t_\t_\t_\t_\t_
2\tقال\tقال\tVERB\t_\t_\t_\t_\t_\t_
3\tالرئيس\t_\tNOUN\t_\t_\t_\t_\t_\t_
4-5\tللصحفيين\t_\t_\t_\t_\t_\t_\t_\t_
4\tل\t_\tADP\t_\t_\t_\t_\t_\t_
5\tالصحفيين\t_\tNOUN\t_\t_\t_\t_\t_\t_

";
        let one = crate::conllu::parse(text, "tiny").unwrap();
        let sentences: Vec<Sentence> = (0..3).flat_map(|_| one.clone()).collect();
        let seg = Segmenter::train(
            &sentences,
            &SegmenterOptions {
                min_pattern_count: 1,
                ..SegmenterOptions::default()
            },
        );
        let out = seg.segment(&["وقال", "الرئيس", "للصحفيين", "."]);
        assert_eq!(
            out,
            vec![
                vec!["و", "قال"],
                vec!["الرئيس"],
                vec!["ل", "الصحفيين"],
                vec!["."]
            ]
        );
        let back = Segmenter::from_bytes(&seg.to_bytes()).unwrap();
        assert_eq!(
            back.segment(&["وقال", "للصحفيين"]),
            out[..1]
                .iter()
                .chain(&out[2..3])
                .cloned()
                .collect::<Vec<_>>()
        );
    }
}

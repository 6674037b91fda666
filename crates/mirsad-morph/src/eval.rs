//! The CoNLL 2018 shared-task evaluation (the semantics of the official `conll18_ud_eval.py`):
//! tokens, sentences and words are aligned on character offsets of the text with whitespace
//! removed; words inside multiword tokens are aligned by the longest common subsequence of their
//! forms within the smallest stretch of text both files cut the same way. Scores are precision,
//! recall and F1 over gold and system counts; tagging and parsing metrics count a system word
//! correct when it is aligned to a gold word and the compared columns agree (heads compared
//! through the alignment).

use crate::conllu::Sentence;
use std::collections::HashMap;
use std::fmt::Write as _;

/// Relations whose dependents count for CLAS, MLAS and BLEX.
const CONTENT_DEPRELS: &[&str] = &[
    "nsubj",
    "obj",
    "iobj",
    "csubj",
    "ccomp",
    "xcomp",
    "obl",
    "vocative",
    "expl",
    "dislocated",
    "advcl",
    "advmod",
    "discourse",
    "nmod",
    "appos",
    "nummod",
    "acl",
    "amod",
    "conj",
    "fixed",
    "flat",
    "compound",
    "list",
    "parataxis",
    "orphan",
    "goeswith",
    "reparandum",
    "root",
    "dep",
];

/// Relations of the function words MLAS attaches to their content head.
const FUNCTIONAL_DEPRELS: &[&str] = &["aux", "cop", "mark", "det", "clf", "case", "cc"];

/// UFeats compares only these (language-specific features are ignored).
const UNIVERSAL_FEATURES: &[&str] = &[
    "PronType", "NumType", "Poss", "Reflex", "Foreign", "Abbr", "Gender", "Animacy", "Number",
    "Case", "Definite", "Degree", "VerbForm", "Mood", "Tense", "Aspect", "Voice", "Evident",
    "Polarity", "Person", "Polite",
];

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EvalError {
    #[error("{file}: sentence {sentence}: {message}")]
    BadSentence {
        file: String,
        sentence: usize,
        message: String,
    },
    #[error(
        "the gold and system texts differ (whitespace removed) at character {offset}: \
         gold `{gold}`, system `{system}`"
    )]
    TextMismatch {
        offset: usize,
        gold: String,
        system: String,
    },
}

/// Half-open character range over the text with whitespace removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: usize,
    end: usize,
}

#[derive(Debug, Clone)]
struct EvalWord {
    span: Span,
    is_multiword: bool,
    form: String,
    lemma: String,
    upos: String,
    xpos: String,
    /// Universal features only, sorted.
    feats: String,
    /// The universal part of the relation (`nsubj:pass` → `nsubj`).
    deprel: String,
    /// Index of the head word in the document; `None` for the root.
    parent: Option<usize>,
    functional_children: Vec<usize>,
}

impl EvalWord {
    fn is_content(&self) -> bool {
        CONTENT_DEPRELS.contains(&self.deprel.as_str())
    }
}

/// A CoNLL-U file as the evaluation sees it.
#[derive(Debug, Default)]
struct EvalDocument {
    characters: Vec<char>,
    tokens: Vec<Span>,
    sentences: Vec<Span>,
    words: Vec<EvalWord>,
}

/// The universal features of a FEATS column, sorted (so order differences do not count).
fn universal_features(feats: &str) -> String {
    let mut kept: Vec<&str> = feats
        .split('|')
        .filter(|f| {
            f.split_once('=')
                .is_some_and(|(name, _)| UNIVERSAL_FEATURES.contains(&name))
        })
        .collect();
    kept.sort_unstable();
    kept.join("|")
}

fn load(sentences: &[Sentence], file: &str) -> Result<EvalDocument, EvalError> {
    let mut doc = EvalDocument::default();
    for (index, sentence) in sentences.iter().enumerate() {
        let bad = |message: String| EvalError::BadSentence {
            file: file.to_owned(),
            sentence: index + 1,
            message,
        };
        let sentence_start = doc.characters.len();
        let first_word = doc.words.len();
        for token in sentence.surface_tokens() {
            let start = doc.characters.len();
            doc.characters
                .extend(token.form.chars().filter(|c| !c.is_whitespace()));
            let span = Span {
                start,
                end: doc.characters.len(),
            };
            if span.start == span.end {
                return Err(bad(format!("token {} has an empty FORM", token.first)));
            }
            doc.tokens.push(span);
            for id in token.first..=token.last {
                let word = &sentence.words[id - 1];
                let head = word
                    .head
                    .ok_or_else(|| bad(format!("word {id} has no HEAD")))?;
                doc.words.push(EvalWord {
                    span,
                    is_multiword: token.first < token.last,
                    form: word.form.to_lowercase(),
                    lemma: if word.lemma.is_empty() {
                        "_".to_owned()
                    } else {
                        word.lemma.clone()
                    },
                    upos: word.upos.clone(),
                    xpos: word.xpos.clone(),
                    feats: universal_features(&word.feats),
                    deprel: word.deprel.split(':').next().unwrap_or_default().to_owned(),
                    parent: (head > 0).then(|| first_word + head - 1),
                    functional_children: Vec::new(),
                });
            }
        }
        let n = doc.words.len() - first_word;
        if n == 0 {
            continue;
        }
        let mut roots = 0;
        for i in first_word..doc.words.len() {
            let Some(parent) = doc.words[i].parent else {
                roots += 1;
                continue;
            };
            // Walking up more than n steps means a cycle.
            let mut at = parent;
            for _ in 0..=n {
                match doc.words[at].parent {
                    Some(p) => at = p,
                    None => break,
                }
            }
            if doc.words[at].parent.is_some() {
                return Err(bad("there is a cycle".into()));
            }
            if FUNCTIONAL_DEPRELS.contains(&doc.words[i].deprel.as_str()) {
                doc.words[parent].functional_children.push(i);
            }
        }
        if roots != 1 {
            return Err(bad(format!("{roots} roots instead of one")));
        }
        doc.sentences.push(Span {
            start: sentence_start,
            end: doc.characters.len(),
        });
    }
    Ok(doc)
}

/// Gold, system and correct counts of one metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Score {
    pub gold: usize,
    pub system: usize,
    pub correct: usize,
    /// Aligned words (tagging and parsing metrics): the denominator of aligned accuracy.
    pub aligned: Option<usize>,
}

impl Score {
    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 {
            0.0
        } else {
            a as f64 / b as f64
        }
    }
    pub fn precision(&self) -> f64 {
        Self::ratio(self.correct, self.system)
    }
    pub fn recall(&self) -> f64 {
        Self::ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        Self::ratio(2 * self.correct, self.system + self.gold)
    }
    pub fn aligned_accuracy(&self) -> Option<f64> {
        self.aligned.map(|a| Self::ratio(self.correct, a))
    }
}

/// The metrics of the shared task, in its order.
pub const METRICS: [&str; 13] = [
    "Tokens",
    "Sentences",
    "Words",
    "UPOS",
    "XPOS",
    "UFeats",
    "AllTags",
    "Lemmas",
    "UAS",
    "LAS",
    "CLAS",
    "MLAS",
    "BLEX",
];

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Scores {
    /// `(metric, score)` in the order of [`METRICS`].
    pub metrics: Vec<(String, Score)>,
}

impl Scores {
    pub fn get(&self, metric: &str) -> Option<&Score> {
        self.metrics
            .iter()
            .find_map(|(name, score)| (name == metric).then_some(score))
    }

    /// The table the official script prints with `--verbose`, in percent.
    pub fn table(&self) -> String {
        let mut out = String::new();
        out.push_str("Metric     | Precision |    Recall |  F1 Score | AligndAcc\n");
        out.push_str("-----------+-----------+-----------+-----------+-----------\n");
        for (name, score) in &self.metrics {
            let aligned = score
                .aligned_accuracy()
                .map_or(String::new(), |a| format!("{:10.2}", 100.0 * a));
            let _ = writeln!(
                out,
                "{name:<11}|{:10.2} |{:10.2} |{:10.2} |{aligned}",
                100.0 * score.precision(),
                100.0 * score.recall(),
                100.0 * score.f1()
            );
        }
        out
    }
}

fn spans_score(gold: &[Span], system: &[Span]) -> Score {
    let (mut correct, mut gi, mut si) = (0, 0, 0);
    while gi < gold.len() && si < system.len() {
        if system[si].start < gold[gi].start {
            si += 1;
        } else if gold[gi].start < system[si].start {
            gi += 1;
        } else {
            correct += usize::from(gold[gi].end == system[si].end);
            gi += 1;
            si += 1;
        }
    }
    Score {
        gold: gold.len(),
        system: system.len(),
        correct,
        aligned: None,
    }
}

/// Whether word `i` starts at or after the end of the multiword stretch (or is past the list).
fn beyond_end(words: &[EvalWord], i: usize, end: usize) -> bool {
    match words.get(i) {
        None => true,
        Some(w) if w.is_multiword => w.span.start >= end,
        Some(w) => w.span.end > end,
    }
}

fn extend_end(word: &EvalWord, end: usize) -> usize {
    if word.is_multiword && word.span.end > end {
        word.span.end
    } else {
        end
    }
}

/// The smallest stretch starting at `gi`/`si` that both sides cut at the same points, given that
/// one of the two words there is inside a multiword token: `(gs, ss, gi, si)`, ends exclusive.
fn multiword_stretch(
    gold: &[EvalWord],
    system: &[EvalWord],
    mut gi: usize,
    mut si: usize,
) -> (usize, usize, usize, usize) {
    let mut end;
    if gold[gi].is_multiword {
        end = gold[gi].span.end;
        if !system[si].is_multiword && system[si].span.start < gold[gi].span.start {
            si += 1;
        }
    } else {
        end = system[si].span.end;
        if !gold[gi].is_multiword && gold[gi].span.start < system[si].span.start {
            gi += 1;
        }
    }
    let (gs, ss) = (gi, si);
    while !beyond_end(gold, gi, end) || !beyond_end(system, si, end) {
        let take_gold =
            gi < gold.len() && (si >= system.len() || gold[gi].span.start <= system[si].span.start);
        if take_gold {
            end = extend_end(&gold[gi], end);
            gi += 1;
        } else {
            end = extend_end(&system[si], end);
            si += 1;
        }
    }
    (gs, ss, gi, si)
}

/// Pairs `(gold index, system index)` of aligned words, in order.
fn align_words(gold: &[EvalWord], system: &[EvalWord]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let (mut gi, mut si) = (0, 0);
    while gi < gold.len() && si < system.len() {
        if gold[gi].is_multiword || system[si].is_multiword {
            let (gs, ss, ge, se) = multiword_stretch(gold, system, gi, si);
            gi = ge;
            si = se;
            if ge > gs && se > ss {
                align_by_lcs(&gold[gs..ge], &system[ss..se], gs, ss, &mut pairs);
            }
        } else if gold[gi].span == system[si].span {
            pairs.push((gi, si));
            gi += 1;
            si += 1;
        } else if gold[gi].span.start <= system[si].span.start {
            gi += 1;
        } else {
            si += 1;
        }
    }
    pairs
}

/// Aligns the words of a multiword stretch by the longest common subsequence of their forms.
fn align_by_lcs(
    gold: &[EvalWord],
    system: &[EvalWord],
    gold_offset: usize,
    system_offset: usize,
    pairs: &mut Vec<(usize, usize)>,
) {
    let (ng, ns) = (gold.len(), system.len());
    // lcs[g][s]: LCS length of gold[g..] and system[s..]; the extra row and column are zeros.
    let mut lcs = vec![vec![0usize; ns + 1]; ng + 1];
    for g in (0..ng).rev() {
        for s in (0..ns).rev() {
            let diagonal = if gold[g].form == system[s].form {
                1 + lcs[g + 1][s + 1]
            } else {
                0
            };
            lcs[g][s] = diagonal.max(lcs[g + 1][s]).max(lcs[g][s + 1]);
        }
    }
    let (mut g, mut s) = (0, 0);
    while g < ng && s < ns {
        if gold[g].form == system[s].form {
            pairs.push((gold_offset + g, system_offset + s));
            g += 1;
            s += 1;
        } else if lcs[g][s] == lcs[g + 1][s] {
            g += 1;
        } else {
            s += 1;
        }
    }
}

/// Where a head points, seen from the gold side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Head {
    Root,
    Gold(usize),
    NotAligned,
}

/// Scores a system file against a gold file; `gold_file`/`system_file` only name them in errors.
pub fn evaluate(
    gold: &[Sentence],
    system: &[Sentence],
    gold_file: &str,
    system_file: &str,
) -> Result<Scores, EvalError> {
    let gold = load(gold, gold_file)?;
    let system = load(system, system_file)?;
    if gold.characters != system.characters {
        let offset = gold
            .characters
            .iter()
            .zip(&system.characters)
            .take_while(|(a, b)| a == b)
            .count();
        let context = |chars: &[char]| chars.iter().skip(offset).take(20).collect::<String>();
        return Err(EvalError::TextMismatch {
            offset,
            gold: context(&gold.characters),
            system: context(&system.characters),
        });
    }
    let pairs = align_words(&gold.words, &system.words);
    let system_to_gold: HashMap<usize, usize> = pairs.iter().map(|&(g, s)| (s, g)).collect();
    let gold_head = |w: &EvalWord| w.parent.map_or(Head::Root, Head::Gold);
    let system_head = |w: &EvalWord| match w.parent {
        None => Head::Root,
        Some(p) => system_to_gold
            .get(&p)
            .copied()
            .map_or(Head::NotAligned, Head::Gold),
    };
    let as_gold = |s: usize| {
        system_to_gold
            .get(&s)
            .copied()
            .map_or(Head::NotAligned, Head::Gold)
    };
    // A gold lemma `_` means "not annotated": any system lemma is right there.
    let lemma_matches = |g: &EvalWord, s: &EvalWord| g.lemma == "_" || g.lemma == s.lemma;

    let word_score = |content_only: bool, matches: &dyn Fn(&EvalWord, &EvalWord) -> bool| {
        let keep = |w: &EvalWord| !content_only || w.is_content();
        let mut score = Score {
            gold: gold.words.iter().filter(|w| keep(w)).count(),
            system: system.words.iter().filter(|w| keep(w)).count(),
            correct: 0,
            aligned: Some(0),
        };
        for &(g, s) in &pairs {
            let (gw, sw) = (&gold.words[g], &system.words[s]);
            if !keep(gw) {
                continue;
            }
            score.aligned = score.aligned.map(|a| a + 1);
            score.correct += usize::from(matches(gw, sw));
        }
        score
    };
    let labelled =
        |g: &EvalWord, s: &EvalWord| gold_head(g) == system_head(s) && g.deprel == s.deprel;
    let functional_children_match = |g: &EvalWord, s: &EvalWord| {
        g.functional_children.len() == s.functional_children.len()
            && g.functional_children
                .iter()
                .zip(&s.functional_children)
                .all(|(&gc, &sc)| {
                    let (gcw, scw) = (&gold.words[gc], &system.words[sc]);
                    Head::Gold(gc) == as_gold(sc)
                        && gcw.deprel == scw.deprel
                        && gcw.upos == scw.upos
                        && gcw.feats == scw.feats
                })
    };

    let mut metrics = vec![
        ("Tokens", spans_score(&gold.tokens, &system.tokens)),
        ("Sentences", spans_score(&gold.sentences, &system.sentences)),
    ];
    let mut words = word_score(false, &|_, _| true);
    words.aligned = None;
    metrics.push(("Words", words));
    metrics.push(("UPOS", word_score(false, &|g, s| g.upos == s.upos)));
    metrics.push(("XPOS", word_score(false, &|g, s| g.xpos == s.xpos)));
    metrics.push(("UFeats", word_score(false, &|g, s| g.feats == s.feats)));
    metrics.push((
        "AllTags",
        word_score(false, &|g, s| {
            g.upos == s.upos && g.xpos == s.xpos && g.feats == s.feats
        }),
    ));
    metrics.push(("Lemmas", word_score(false, &lemma_matches)));
    metrics.push((
        "UAS",
        word_score(false, &|g, s| gold_head(g) == system_head(s)),
    ));
    metrics.push(("LAS", word_score(false, &labelled)));
    metrics.push(("CLAS", word_score(true, &labelled)));
    metrics.push((
        "MLAS",
        word_score(true, &|g, s| {
            labelled(g, s)
                && g.upos == s.upos
                && g.feats == s.feats
                && functional_children_match(g, s)
        }),
    ));
    metrics.push((
        "BLEX",
        word_score(true, &|g, s| labelled(g, s) && lemma_matches(g, s)),
    ));
    Ok(Scores {
        metrics: metrics
            .into_iter()
            .map(|(name, score)| (name.to_owned(), score))
            .collect(),
    })
}

/// The raw text of a CoNLL-U file as a reader would have it: tokens joined by a space unless
/// `SpaceAfter=No`, sentences by a space, documents (`# newdoc`) and paragraphs (`# newpar`)
/// separated by a blank line. Its characters without whitespace are the file's tokens, so a
/// system run on it can be scored against the file.
pub fn raw_text(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for (index, sentence) in sentences.iter().enumerate() {
        let starts_block = sentence.comments.iter().any(|c| {
            let key = c.split(['=', ' ']).next().unwrap_or_default();
            key == "newdoc" || key == "newpar"
        });
        if index > 0 {
            out.push_str(if starts_block { "\n\n" } else { " " });
        }
        let tokens = sentence.surface_tokens();
        for (k, token) in tokens.iter().enumerate() {
            out.push_str(token.form);
            if k + 1 < tokens.len() && !Sentence::no_space_after(token.misc) {
                out.push(' ');
            }
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu;

    /// Builds a sentence from `FORM/HEAD/DEPREL/UPOS` words; tokens of several words are
    /// written `[TOKEN word word …]`.
    fn sentence(spec: &str) -> String {
        let mut out = String::new();
        let mut id = 0;
        let mut pending_token: Option<(String, Vec<String>)> = None;
        let mut lines = Vec::new();
        let word_line = |id: usize, w: &str| {
            let parts: Vec<&str> = w.split('/').collect();
            format!(
                "{id}\t{}\t{}\t{}\t_\t{}\t{}\t{}\t_\t_",
                parts[0],
                parts[0],
                parts.get(3).copied().unwrap_or("X"),
                parts.get(4).copied().unwrap_or("_"),
                parts[1],
                parts[2]
            )
        };
        for item in spec.split_whitespace() {
            if let Some(token) = item.strip_prefix('[') {
                pending_token = Some((token.to_owned(), Vec::new()));
                continue;
            }
            match pending_token.as_mut() {
                Some((_, words)) => {
                    let closes = item.ends_with(']');
                    words.push(item.trim_end_matches(']').to_owned());
                    if closes {
                        let (token, words) = pending_token.take().unwrap_or_default();
                        lines.push(format!(
                            "{}-{}\t{token}\t_\t_\t_\t_\t_\t_\t_\t_",
                            id + 1,
                            id + words.len()
                        ));
                        for w in words {
                            id += 1;
                            lines.push(word_line(id, &w));
                        }
                    }
                }
                None => {
                    id += 1;
                    lines.push(word_line(id, item));
                }
            }
        }
        for line in lines {
            out.push_str(&line);
            out.push('\n');
        }
        out.push('\n');
        out
    }

    fn score(gold: &[&str], system: &[&str]) -> Scores {
        let g: String = gold.iter().map(|s| sentence(s)).collect();
        let s: String = system.iter().map(|s| sentence(s)).collect();
        evaluate(
            &conllu::parse(&g, "gold").unwrap(),
            &conllu::parse(&s, "system").unwrap(),
            "gold",
            "system",
        )
        .unwrap()
    }

    fn counts(scores: &Scores, metric: &str) -> (usize, usize, usize) {
        let s = scores.get(metric).unwrap();
        (s.gold, s.system, s.correct)
    }

    #[test]
    fn identical_files_score_one_everywhere() {
        let gold = ["قال/0/root/VERB زيد/1/nsubj/NOUN ./1/punct/PUNCT"];
        let scores = score(&gold, &gold);
        for (name, s) in &scores.metrics {
            assert_eq!(s.f1(), 1.0, "{name}");
        }
        assert_eq!(counts(&scores, "CLAS"), (2, 2, 2));
    }

    #[test]
    fn a_token_split_differently_costs_its_words_and_what_hangs_on_them() {
        // Gold: "ab cd e"; system cuts "abc d e": only "e" keeps its span.
        let gold = ["ab/0/root cd/1/obj e/1/punct"];
        let system = ["abc/0/root d/1/obj e/1/punct"];
        let scores = score(&gold, &system);
        assert_eq!(counts(&scores, "Tokens"), (3, 3, 1));
        assert_eq!(counts(&scores, "Words"), (3, 3, 1));
        // "e" is aligned but its head "ab" has no system counterpart.
        assert_eq!(counts(&scores, "UAS"), (3, 3, 0));
        assert_eq!(counts(&scores, "UPOS"), (3, 3, 1));
        assert_eq!(scores.get("UPOS").unwrap().aligned_accuracy(), Some(1.0));
        assert_eq!(counts(&scores, "Sentences"), (1, 1, 1));
    }

    #[test]
    fn words_of_multiword_tokens_align_by_common_subsequence() {
        // Gold وله = و + ل + ه; the system splits it و + له. Only و matches by form.
        let gold = ["[وله و/2/cc/CCONJ ل/3/case/ADP ه/0/root/PRON] ./3/punct/PUNCT"];
        let system = ["[وله و/2/cc/CCONJ له/0/root/PRON] ./2/punct/PUNCT"];
        let scores = score(&gold, &system);
        assert_eq!(counts(&scores, "Tokens"), (2, 2, 2));
        assert_eq!(counts(&scores, "Words"), (4, 3, 2));
        let words = scores.get("Words").unwrap();
        assert!((words.precision() - 2.0 / 3.0).abs() < 1e-12);
        assert!((words.recall() - 0.5).abs() < 1e-12);
        assert!((words.f1() - 4.0 / 7.0).abs() < 1e-12);
        // و: gold head ل (word 2) vs system head له (unaligned) → wrong; "." gold head ه,
        // system head له (unaligned) → wrong.
        assert_eq!(counts(&scores, "UAS"), (4, 3, 0));
        assert_eq!(counts(&scores, "UPOS"), (4, 3, 2));
    }

    #[test]
    fn a_multiword_token_against_plain_tokens_aligns_words_by_form() {
        // Gold writes بالبيت as one token of two words; the system left ب and البيت apart.
        let gold = ["[بالبيت ب/2/case/ADP البيت/0/root/NOUN]"];
        let system = ["ب/2/case/ADP البيت/0/root/NOUN"];
        let scores = score(&gold, &system);
        assert_eq!(counts(&scores, "Tokens"), (1, 2, 0));
        assert_eq!(counts(&scores, "Words"), (2, 2, 2));
        assert_eq!(counts(&scores, "LAS"), (2, 2, 2));
    }

    #[test]
    fn sentence_boundaries_are_spans_of_the_text() {
        let gold = ["a/0/root b/1/dep c/1/dep d/1/dep"];
        let system = ["a/0/root b/1/dep", "c/0/root d/1/dep"];
        let scores = score(&gold, &system);
        assert_eq!(counts(&scores, "Sentences"), (1, 2, 0));
        assert_eq!(counts(&scores, "Tokens"), (4, 4, 4));
        // c lost its head a (it is a root now); d's head c is aligned but wrong.
        assert_eq!(counts(&scores, "UAS"), (4, 4, 2));
        let sentences = scores.get("Sentences").unwrap();
        assert_eq!((sentences.precision(), sentences.recall()), (0.0, 0.0));
    }

    #[test]
    fn las_compares_universal_relations_and_mlas_checks_function_words() {
        let gold = ["في/2/case/ADP البيت/3/obl/NOUN/Case=Gen جلس/0/root/VERB"];
        // Subtype differs (ignored by LAS); the function word's UPOS differs (MLAS of its head).
        let system = ["في/2/case/PART البيت/3/obl:loc/NOUN/Case=Gen جلس/0/root/VERB"];
        let scores = score(&gold, &system);
        assert_eq!(counts(&scores, "LAS"), (3, 3, 3));
        assert_eq!(counts(&scores, "CLAS"), (2, 2, 2));
        assert_eq!(counts(&scores, "MLAS"), (2, 2, 1));
        assert_eq!(counts(&scores, "UPOS"), (3, 3, 2));
    }

    #[test]
    fn ufeats_ignores_language_specific_features_and_order() {
        assert_eq!(
            universal_features("Definite=Cons|Vform=x|Case=Gen"),
            "Case=Gen|Definite=Cons"
        );
    }

    #[test]
    fn different_texts_and_bad_trees_are_errors() {
        let g = conllu::parse(&sentence("ab/0/root"), "g").unwrap();
        let s = conllu::parse(&sentence("ac/0/root"), "s").unwrap();
        let err = evaluate(&g, &s, "g", "s").unwrap_err();
        assert_eq!(
            err,
            EvalError::TextMismatch {
                offset: 1,
                gold: "b".into(),
                system: "c".into()
            }
        );
        let cyclic = conllu::parse(&sentence("a/2/dep b/1/dep"), "c").unwrap();
        let err = evaluate(&cyclic, &cyclic, "c.conllu", "c.conllu").unwrap_err();
        assert!(
            err.to_string().starts_with("c.conllu: sentence 1:"),
            "{err}"
        );
    }

    #[test]
    fn raw_text_follows_spacing_and_document_breaks() {
        let text = "# newdoc id = d1\n1\tقال\t_\t_\t_\t_\t0\troot\t_\tSpaceAfter=No\n2\t.\t_\t_\t_\t_\t1\tpunct\t_\t_\n\n1\tنعم\t_\t_\t_\t_\t0\troot\t_\t_\n\n# newdoc id = d2\n1\tلا\t_\t_\t_\t_\t0\troot\t_\t_\n\n";
        let sentences = conllu::parse(text, "t").unwrap();
        assert_eq!(raw_text(&sentences), "قال. نعم\n\nلا\n");
    }
}

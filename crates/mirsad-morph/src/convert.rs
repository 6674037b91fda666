//! PADT (UD v1, vocalised, clitics split, no surface text) → clean UD v2 with written tokens.
//!
//! The legacy PADT files give one vocalised syntactic word per line and nothing about how the
//! words were written. The written tokens are rebuilt with Arabic orthography: proclitics
//! (و ف ب ل ك س, interrogative أ) join the next word, pronoun suffixes the previous one, with
//! the spelling changes that joining causes (ل + ال → لل, ة → ت and ى → ا/ي before a suffix,
//! the hamza seat of a final ء chosen by its case vowel, the silent alif of ـوا dropped). `# text`
//! follows from the tokens with the spacing of written Arabic news around punctuation.
//! Labels and tags are mapped from UD v1 to v2 (CONJ → CCONJ/SCONJ, dobj → obj, nmod → obl under
//! predicates, conjunction-headed sentences re-rooted on their predicate, `cc` on the conjunct
//! it introduces, feature renames), and every sentence is checked to be a tree with v2 labels.

use crate::conllu::{MultiwordToken, Sentence, Word};
// The vocalisation unvocalised text leaves out: harakat, tanween, shadda, dagger alif, Quranic marks.
use mirsad_text::normalize::is_tashkeel as is_diacritic;
use std::collections::HashMap;
use std::fmt;

const TATWEEL: char = '\u{0640}';

/// The unvocalised form: diacritics and tatweel removed. A form that is nothing but tatweel is a
/// punctuation mark in its own right and stays.
pub fn strip_diacritics(form: &str) -> String {
    let stripped: String = form
        .chars()
        .filter(|&c| !is_diacritic(c) && c != TATWEEL)
        .collect();
    if stripped.is_empty() {
        form.to_owned()
    } else {
        stripped
    }
}

fn misc_value<'a>(misc: &'a str, key: &str) -> Option<&'a str> {
    misc.split('|')
        .find_map(|field| field.strip_prefix(key)?.strip_prefix('='))
}

/// How a syntactic word is written relative to its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attachment {
    /// Joins the following word (و ف ب ل ك س أ).
    Proclitic,
    /// Joins the preceding word (pronoun suffixes).
    Enclitic,
    Free,
}

fn is_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c)
}

fn starts_word(form: &str) -> bool {
    form.chars()
        .next()
        .is_some_and(|c| is_arabic_letter(c) || c.is_numeric())
}

fn attachment(word: &Word) -> Attachment {
    let bare = strip_diacritics(&word.form);
    let xpos = word.xpos.as_bytes();
    // PADT's XPOS position 9 is case: suffix pronouns are genitive (after nouns and
    // prepositions) or accusative (after verbs); free-standing pronouns are nominative.
    if word.upos == "PRON" && xpos.starts_with(b"SP") && matches!(xpos.get(8), Some(b'2' | b'4')) {
        return Attachment::Enclitic;
    }
    let clitic_pos = matches!(
        word.upos.as_str(),
        "CONJ" | "CCONJ" | "SCONJ" | "ADP" | "PART" | "AUX"
    );
    if clitic_pos && matches!(bare.as_str(), "و" | "ف" | "ب" | "ل" | "ك" | "س" | "أ") {
        return Attachment::Proclitic;
    }
    Attachment::Free
}

/// Whether the word carries the definite article (as opposed to a stem that starts with ال):
/// the transliteration writes the article `al-` (or assimilated, `as-`, `aš-`…); the relative
/// pronouns and the name of God fuse it (`allaḏī`, `allāh`).
fn has_article(word: &Word, bare: &str) -> bool {
    if !bare.starts_with("ال") {
        return false;
    }
    match misc_value(&word.misc, "Translit") {
        Some(t) => {
            // `al-`, `aš-`, `aṭ-` (the dot may be a combining mark): `a`, one consonant, `-`.
            let article = t.starts_with('a')
                && t.split_once('-')
                    .is_some_and(|(prefix, _)| (2..=3).contains(&prefix.chars().count()));
            article || t.starts_with("all")
        }
        // Without a transliteration the spelling is the only evidence.
        None => true,
    }
}

/// The case vowel written on the last letter of a vocalised form, if any.
fn final_vowel(vocalised: &str) -> Option<char> {
    vocalised
        .chars()
        .rev()
        .take_while(|&c| is_diacritic(c))
        .find(|c| matches!(c, '\u{064E}' | '\u{064F}' | '\u{0650}'))
}

/// The spelling of `host` (the token written so far, ending in word `last`) before a pronoun
/// suffix.
fn before_suffix(host: &str, last: &Word) -> String {
    let mut out: String = host.to_owned();
    let Some(end) = out.pop() else {
        return out;
    };
    let bare_last = strip_diacritics(&last.form);
    match end {
        'ة' => out.push('ت'),
        // عليه إليه لديه keep the ي of their stems; elsewhere the alif shows (مداه، ألقاها).
        'ى' if matches!(bare_last.as_str(), "على" | "إلى" | "لدى") => out.push('ي'),
        'ى' => out.push('ا'),
        // A final hamza moves onto the seat of its case vowel: إلغائها، إجراؤها.
        'ء' => match final_vowel(&last.form) {
            Some('\u{0650}') => out.push('ئ'),
            Some('\u{064F}') => out.push('ؤ'),
            _ => out.push('ء'),
        },
        // The silent alif after the plural ـوا of verbs goes before a suffix: نقلوه.
        'ا' if last.upos == "VERB" && out.ends_with('و') && last.form.contains("\u{064F}وا") => {
        }
        other => out.push(other),
    }
    out
}

/// The written form of a proclitic-ended `host` (e.g. `ول`) followed by `word`.
fn after_proclitic(host: &str, word: &Word, bare: &str) -> String {
    if host.ends_with('ل') && has_article(word, bare) {
        // ل + ال loses the alif; ل + الل… also merges the article's lam with the stem's.
        let rest = bare.strip_prefix("الل").map_or_else(
            || bare.strip_prefix('ا').unwrap_or(bare).to_owned(),
            |stem| format!("ل{stem}"),
        );
        return format!("{host}{rest}");
    }
    format!("{host}{bare}")
}

const SUFFIX_PRONOUNS: &[&str] = &[
    "هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ني", "ه", "ك", "ي",
];

/// Function words that start with a proclitic letter without containing one.
const PROCLITIC_LOOKALIKES: &[&str] = &["لكن", "بين", "بعد", "بدون", "لدى", "لدي", "بل", "كل"];

fn is_proclitic_letter(c: char) -> bool {
    matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك' | 'س')
}

/// PADT leaves some tokens unanalysed (`X`, unvocalised): each of their syntactic words repeats
/// the whole written token. Cuts the token into one piece per word: proclitic letters from the
/// front for words attached as `cc`/`case`/`mark`/`aux`, a pronoun suffix from the back for a
/// final word attached as an argument or modifier, the stem in between.
fn segment_unanalysed(token: &str, deprels: &[&str]) -> Vec<String> {
    let n = deprels.len();
    let chars: Vec<char> = token.chars().collect();
    let last_is_pronoun = deprels.last().is_some_and(|d| {
        matches!(
            d.split(':').next().unwrap_or_default(),
            "nmod" | "dobj" | "obj" | "nsubj" | "iobj" | "nsubjpass" | "dep" | "mwe" | "fixed"
        )
    });
    let suffix = SUFFIX_PRONOUNS
        .iter()
        .find(|s| token.ends_with(*s) && chars.len() >= s.chars().count() + 2)
        .filter(|_| last_is_pronoun)
        .map_or(0, |s| s.chars().count());
    let mut prefixes = 0;
    while prefixes < n - 1 - usize::from(suffix > 0)
        && chars
            .get(prefixes)
            .copied()
            .is_some_and(is_proclitic_letter)
        && matches!(
            deprels[prefixes].split(':').next().unwrap_or_default(),
            "cc" | "case" | "mark" | "aux" | "advmod"
        )
    {
        prefixes += 1;
    }
    let stem: String = chars[prefixes..chars.len() - suffix].iter().collect();
    if prefixes > 0 && suffix > 0 && PROCLITIC_LOOKALIKES.contains(&stem.as_str()) {
        prefixes = 0;
    }
    let suffixes = usize::from(suffix > 0);
    // Words neither end explains stay as the whole token rather than inventing a split.
    let unexplained = n - prefixes - suffixes - 1;
    let mut pieces: Vec<String> = chars[..prefixes].iter().map(|c| c.to_string()).collect();
    let stem: String = chars[prefixes..chars.len() - suffix].iter().collect();
    pieces.extend(std::iter::repeat_n(token.to_owned(), unexplained));
    pieces.push(stem);
    if suffix > 0 {
        pieces.push(chars[chars.len() - suffix..].iter().collect());
    }
    pieces
}

/// A written token of a sentence: its words `first..=last` (0-based) and its written form.
struct WrittenToken {
    first: usize,
    last: usize,
    form: String,
    /// The forms of its words when the source only had the whole token (unanalysed words).
    word_forms: Option<Vec<String>>,
}

/// The length of the run of unanalysed words starting at `i` that repeat one written token.
fn unanalysed_run(words: &[Word], i: usize) -> usize {
    let is_unanalysed = |w: &Word| w.upos == "X" && w.xpos.starts_with('U');
    if !is_unanalysed(&words[i]) {
        return 1;
    }
    1 + words[i + 1..]
        .iter()
        .take_while(|w| is_unanalysed(w) && w.form == words[i].form)
        .count()
}

/// Groups the words of a sentence into written tokens.
fn written_tokens(words: &[Word]) -> Vec<WrittenToken> {
    let kinds: Vec<Attachment> = words.iter().map(attachment).collect();
    let bare: Vec<String> = words.iter().map(|w| strip_diacritics(&w.form)).collect();
    let mut tokens: Vec<WrittenToken> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let run = unanalysed_run(words, i);
        if run > 1 {
            let deprels: Vec<&str> = words[i..i + run]
                .iter()
                .map(|w| w.deprel.as_str())
                .collect();
            tokens.push(WrittenToken {
                first: i,
                last: i + run - 1,
                form: bare[i].clone(),
                word_forms: Some(segment_unanalysed(&bare[i], &deprels)),
            });
            i += run;
            continue;
        }
        let joins_previous = match tokens.last() {
            None => false,
            Some(t) if t.word_forms.is_some() => false,
            Some(_) if kinds[i] == Attachment::Enclitic => starts_word(&bare[i - 1]),
            Some(_) => kinds[i - 1] == Attachment::Proclitic && starts_word(&bare[i]),
        };
        match tokens.last_mut() {
            Some(token) if joins_previous => {
                token.form =
                    if kinds[i] == Attachment::Enclitic && kinds[i - 1] != Attachment::Proclitic {
                        before_suffix(&token.form, &words[i - 1]) + &bare[i]
                    } else {
                        after_proclitic(&token.form, &words[i], &bare[i])
                    };
                token.last = i;
            }
            _ => tokens.push(WrittenToken {
                first: i,
                last: i,
                form: bare[i].clone(),
                word_forms: None,
            }),
        }
        i += 1;
    }
    tokens
}

/// Punctuation that written Arabic news sets without a space before it.
fn closes(form: &str) -> bool {
    matches!(
        form,
        "." | "," | "،" | ":" | ";" | "؛" | "؟" | "?" | "!" | ")" | "]" | "}" | "%"
    )
}

/// Punctuation set without a space after it.
fn opens(form: &str) -> bool {
    matches!(form, "(" | "[" | "{")
}

fn is_digits(form: &str) -> bool {
    !form.is_empty() && form.chars().all(|c| c.is_numeric() || c == '.' || c == ',')
}

/// For each written token, whether it is followed by no space.
fn no_space_after(forms: &[&str]) -> Vec<bool> {
    let n = forms.len();
    let mut glue = vec![false; n];
    // Some PADT documents set guillemets the other way round (»…«): the first one decides.
    let reversed = forms.iter().find(|f| matches!(**f, "«" | "»")) == Some(&"»");
    let (opening, closing) = if reversed { ("»", "«") } else { ("«", "»") };
    let mut quote_open = false;
    for i in 0..n.saturating_sub(1) {
        let form = forms[i];
        let next = forms[i + 1];
        if (opens(form) || form == opening) || (closes(next) || next == closing) {
            glue[i] = true;
        }
        // Straight quotes alternate: an opening one hugs the next token, a closing one the
        // previous.
        if form == "\"" {
            quote_open = !quote_open;
            if quote_open {
                glue[i] = true;
            }
        }
        if next == "\"" && quote_open {
            glue[i] = true;
        }
        // 15-7، 2000/7/15، 08:30، تموز/يوليو: a slash joins its neighbours, and so does a
        // hyphen, colon or full stop between numbers.
        let joins_neighbours = form == "/"
            || (matches!(form, "-" | ":" | ".")
                && i > 0
                && is_digits(forms[i - 1])
                && is_digits(next));
        if joins_neighbours && i > 0 {
            glue[i - 1] = true;
            glue[i] = true;
        }
    }
    glue
}

/// UD v2 features where UD v1 (as PADT wrote it) differs.
fn map_feats(feats: &str) -> String {
    let mut mapped: Vec<String> = feats
        .split('|')
        .filter(|f| !f.is_empty() && *f != "_")
        .map(|f| match f {
            "Definite=Red" => "Definite=Cons".to_owned(),
            "Negative=Neg" => "Polarity=Neg".to_owned(),
            "Negative=Pos" => "Polarity=Pos".to_owned(),
            "Foreign=Foreign" => "Foreign=Yes".to_owned(),
            "VerbForm=Trans" => "VerbForm=Conv".to_owned(),
            other => other.to_owned(),
        })
        .collect();
    // v2 wants features sorted by name, case-insensitively.
    mapped.sort_by_key(|f| f.to_lowercase());
    mapped.join("|")
}

/// Heads whose nominal dependents are obliques in UD v2.
fn is_predicate(upos: &str) -> bool {
    matches!(upos, "VERB" | "AUX" | "ADJ" | "ADV")
}

fn map_deprel(deprel: &str, head_upos: Option<&str>) -> String {
    let (base, subtype) = match deprel.split_once(':') {
        Some((b, s)) => (b, Some(s)),
        None => (deprel, None),
    };
    let base = match base {
        "dobj" => "obj",
        "neg" => "advmod",
        "mwe" => "fixed",
        "name" => "flat",
        "remnant" => "orphan",
        "nsubjpass" => return "nsubj:pass".to_owned(),
        "csubjpass" => return "csubj:pass".to_owned(),
        "auxpass" => return "aux:pass".to_owned(),
        "foreign" => return "flat:foreign".to_owned(),
        "nmod" if head_upos.is_some_and(is_predicate) && subtype != Some("poss") => "obl",
        other => other,
    };
    match subtype {
        Some(s) => format!("{base}:{s}"),
        None => base.to_owned(),
    }
}

const V2_RELATIONS: &[&str] = &[
    "acl",
    "advcl",
    "advmod",
    "amod",
    "appos",
    "aux",
    "case",
    "cc",
    "ccomp",
    "clf",
    "compound",
    "conj",
    "cop",
    "csubj",
    "dep",
    "det",
    "discourse",
    "dislocated",
    "expl",
    "fixed",
    "flat",
    "goeswith",
    "iobj",
    "list",
    "mark",
    "nmod",
    "nsubj",
    "nummod",
    "obj",
    "obl",
    "orphan",
    "parataxis",
    "punct",
    "reparandum",
    "root",
    "vocative",
    "xcomp",
];

const V2_UPOS: &[&str] = &[
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

/// A sentence the converter could not turn into a valid UD v2 tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidSentence {
    pub sent_id: String,
    pub problem: String,
}

impl fmt::Display for InvalidSentence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sentence {}: {}", self.sent_id, self.problem)
    }
}

/// One root attached to 0 with `root`, every head in range, no cycle, v2 relations and UPOS.
pub fn check_v2_tree(sentence: &Sentence) -> Result<(), String> {
    let n = sentence.words.len();
    let mut roots = 0;
    for word in &sentence.words {
        let head = word
            .head
            .ok_or_else(|| format!("word {} has no HEAD", word.id))?;
        if head > n || head == word.id {
            return Err(format!("word {} has HEAD {head}", word.id));
        }
        if (head == 0) != (word.deprel == "root") {
            return Err(format!(
                "word {} has HEAD {head} with relation {}",
                word.id, word.deprel
            ));
        }
        roots += usize::from(head == 0);
        let base = word.deprel.split(':').next().unwrap_or_default();
        if !V2_RELATIONS.contains(&base) {
            return Err(format!("word {} has relation {}", word.id, word.deprel));
        }
        if !V2_UPOS.contains(&word.upos.as_str()) {
            return Err(format!("word {} has UPOS {}", word.id, word.upos));
        }
    }
    if roots != 1 {
        return Err(format!("{roots} roots"));
    }
    for word in &sentence.words {
        let mut at = word.id;
        for _ in 0..=n {
            match sentence.words[at - 1].head {
                Some(0) | None => break,
                Some(h) => at = h,
            }
        }
        if sentence.words[at - 1].head != Some(0) {
            return Err(format!("word {} is on a cycle", word.id));
        }
    }
    Ok(())
}

fn is_ancestor(words: &[Word], ancestor: usize, mut of: usize) -> bool {
    for _ in 0..=words.len() {
        if of == ancestor {
            return true;
        }
        match words[of - 1].head {
            Some(h) if h != 0 => of = h,
            _ => return false,
        }
    }
    false
}

/// PADT v1 makes a sentence-initial و/ف the root with the clause as its `parataxis`; UD v2
/// roots the sentence in its predicate and hangs the conjunction from it as `cc`.
fn reroot_conjunction_headed(words: &mut [Word]) {
    let Some(root) = words.iter().position(|w| w.head == Some(0)) else {
        return;
    };
    if words[root].upos != "CCONJ" {
        return;
    }
    let root_id = root + 1;
    let Some(predicate) = words.iter().position(|w| {
        w.head == Some(root_id) && matches!(w.deprel.as_str(), "parataxis" | "advcl" | "dep")
    }) else {
        return;
    };
    let predicate_id = predicate + 1;
    for word in words.iter_mut() {
        if word.head == Some(root_id) && word.id != predicate_id {
            word.head = Some(predicate_id);
        }
    }
    words[predicate].head = Some(0);
    words[predicate].deprel = "root".to_owned();
    words[root].head = Some(predicate_id);
    words[root].deprel = "cc".to_owned();
}

/// UD v1 hangs `cc` on the first conjunct; v2 on the conjunct the conjunction introduces.
fn attach_cc_to_following_conjunct(words: &mut [Word]) {
    for i in 0..words.len() {
        if words[i].deprel != "cc" {
            continue;
        }
        let Some(head) = words[i].head.filter(|&h| h != 0) else {
            continue;
        };
        let id = i + 1;
        let target = words
            .iter()
            .filter(|w| w.head == Some(head) && w.deprel == "conj" && w.id > id)
            .map(|w| w.id)
            .next();
        if let Some(target) = target {
            if !is_ancestor(words, id, target) {
                words[i].head = Some(target);
            }
        }
    }
}

/// Converts one PADT v1 sentence. The result carries `# sent_id`, `# text`, multiword-token
/// lines and v2 labels; the caller checks it with [`check_v2_tree`].
pub fn convert_sentence(source: &Sentence) -> Sentence {
    let upos_of = |w: &Word| -> String {
        match w.upos.as_str() {
            // PADT v1 tags أن، أنّ، إنّ، لأنّ… CONJ too; as `mark` they subordinate.
            "CONJ" if w.deprel == "mark" => "SCONJ".to_owned(),
            "CONJ" => "CCONJ".to_owned(),
            other => other.to_owned(),
        }
    };
    let mut words: Vec<Word> = source
        .words
        .iter()
        .map(|w| {
            let head_upos = w
                .head
                .filter(|&h| h > 0)
                .and_then(|h| source.words.get(h - 1))
                .map(|h| h.upos.as_str());
            let mut misc = format!("Vform={}", w.form);
            if !w.misc.is_empty() {
                misc.push('|');
                misc.push_str(&w.misc);
            }
            Word {
                id: w.id,
                form: strip_diacritics(&w.form),
                lemma: w.lemma.clone(),
                upos: upos_of(w),
                xpos: w.xpos.clone(),
                feats: map_feats(&w.feats),
                head: w.head,
                deprel: map_deprel(&w.deprel, head_upos),
                deps: String::new(),
                misc,
            }
        })
        .collect();
    reroot_conjunction_headed(&mut words);
    attach_cc_to_following_conjunct(&mut words);

    let tokens = written_tokens(&source.words);
    let forms: Vec<&str> = tokens.iter().map(|t| t.form.as_str()).collect();
    let mut glue = no_space_after(&forms);
    // A proclitic that could not join a word (ل »الحياة«) still hugs what follows it.
    for (k, token) in tokens.iter().enumerate() {
        if attachment(&source.words[token.last]) == Attachment::Proclitic {
            glue[k] = true;
        }
    }
    let mut text = String::new();
    let mut multiword_tokens = Vec::new();
    for (k, token) in tokens.iter().enumerate() {
        let glued = glue[k] && k + 1 < tokens.len();
        text.push_str(&token.form);
        if !glued && k + 1 < tokens.len() {
            text.push(' ');
        }
        let misc = if glued { "SpaceAfter=No" } else { "" };
        if let Some(word_forms) = &token.word_forms {
            for (word, form) in words[token.first..=token.last].iter_mut().zip(word_forms) {
                word.form.clone_from(form);
            }
        }
        if token.first < token.last {
            multiword_tokens.push(MultiwordToken {
                first: token.first + 1,
                last: token.last + 1,
                form: token.form.clone(),
                misc: misc.to_owned(),
            });
        } else if glued {
            let word = &mut words[token.first];
            word.misc = format!("{misc}|{}", word.misc);
        }
    }
    let mut comments = Vec::new();
    if let Some(id) = source.sent_id() {
        comments.push(format!("sent_id = {id}"));
    }
    if let Some(orig) = source.comment_value("orig_file_sentence") {
        comments.push(format!("orig_file_sentence = {orig}"));
    }
    comments.push(format!("text = {text}"));
    Sentence {
        comments,
        words,
        multiword_tokens,
        empty_nodes: Vec::new(),
    }
}

/// The document a PADT sentence comes from: `# orig_file_sentence` up to its `#`.
pub fn document_id(sentence: &Sentence) -> Option<&str> {
    let orig = sentence.comment_value("orig_file_sentence")?;
    Some(orig.split('#').next().unwrap_or(orig))
}

/// The project's split of the PADT data (dev file first, then test, concatenated).
#[derive(Debug, Default)]
pub struct Split {
    pub train: Vec<Sentence>,
    pub dev: Vec<Sentence>,
    /// The raw text of dev: one line per document, its sentences joined by spaces, a blank line
    /// between documents.
    pub dev_text: String,
    pub train_documents: usize,
    pub dev_documents: usize,
}

/// Converts the sentences and splits them by document: documents are numbered 0, 1, 2, … in
/// order of first appearance; index % 5 == 4 is dev, everything else train. Each document's
/// first sentence gets `# newdoc id`. Fails on the first sentence that is not a valid v2 tree.
pub fn convert_and_split(sources: &[Sentence]) -> Result<Split, InvalidSentence> {
    let mut document_index: HashMap<String, usize> = HashMap::new();
    let mut split = Split::default();
    let mut previous_document: Option<String> = None;
    for source in sources {
        let sent_id = source.sent_id().unwrap_or("?").to_owned();
        let document = document_id(source)
            .ok_or_else(|| InvalidSentence {
                sent_id: sent_id.clone(),
                problem: "no `# orig_file_sentence` comment to name its document".into(),
            })?
            .to_owned();
        let next_index = document_index.len();
        let index = *document_index.entry(document.clone()).or_insert(next_index);
        let mut sentence = convert_sentence(source);
        check_v2_tree(&sentence).map_err(|problem| InvalidSentence {
            sent_id: sent_id.clone(),
            problem,
        })?;
        let new_document = previous_document.as_deref() != Some(document.as_str());
        if new_document {
            sentence
                .comments
                .insert(0, format!("newdoc id = {document}"));
        }
        let is_dev = index % 5 == 4;
        if is_dev {
            split.dev.push(sentence);
        } else {
            split.train.push(sentence);
        }
        previous_document = Some(document);
    }
    split.dev_text = crate::eval::raw_text(&split.dev);
    split.dev_documents = (0..document_index.len()).filter(|i| i % 5 == 4).count();
    split.train_documents = document_index.len() - split.dev_documents;
    Ok(split)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu;

    fn word(id: usize, form: &str, upos: &str, xpos: &str, head: usize, deprel: &str) -> String {
        format!("{id}\t{form}\t_\t{upos}\t{xpos}\t_\t{head}\t{deprel}\t_\t_\n")
    }

    fn convert(lines: &[String]) -> Sentence {
        let text = format!("# sent_id s1\n{}\n", lines.concat());
        let source = conllu::parse(&text, "test").unwrap().remove(0);
        convert_sentence(&source)
    }

    #[test]
    fn strips_vocalisation_and_tatweel_but_keeps_a_lone_tatweel() {
        assert_eq!(strip_diacritics("اَلأَمِيرِكِيِّينَ"), "الأميركيين");
        assert_eq!(strip_diacritics("هٰذَا"), "هذا");
        assert_eq!(strip_diacritics("كبـــير"), "كبير");
        assert_eq!(strip_diacritics("ـ"), "ـ");
    }

    #[test]
    fn li_before_the_article_loses_the_alif_and_suffixes_turn_ta_marbuta() {
        let s = convert(&[
            word(1, "لِ", "ADP", "P---------", 2, "case"),
            "2\tاَلحَظرِ\t_\tNOUN\tN------S2D\t_\t3\tnmod\t_\tTranslit=al-ḥaẓri\n".to_owned(),
            word(3, "مَدِينَةِ", "NOUN", "N------S2R", 0, "root"),
            word(4, "هَا", "PRON", "SP---3FS2-", 3, "nmod"),
            word(5, ".", "PUNCT", "G---------", 3, "punct"),
        ]);
        assert_eq!(s.text(), Some("للحظر مدينتها."));
        let tokens: Vec<_> = s
            .surface_tokens()
            .iter()
            .map(|t| (t.form.to_owned(), t.first, t.last))
            .collect();
        assert_eq!(
            tokens,
            vec![
                ("للحظر".to_owned(), 1, 2),
                ("مدينتها".to_owned(), 3, 4),
                (".".to_owned(), 5, 5)
            ]
        );
        assert_eq!(s.multiword_tokens[1].misc, "SpaceAfter=No");
        assert_eq!(s.words[1].form, "الحظر");
        assert!(s.words[0].misc.starts_with("Vform=لِ"));
    }

    #[test]
    fn li_before_a_lam_initial_noun_with_article_merges_the_lams() {
        let s = convert(&[
            word(1, "وَ", "CONJ", "C---------", 3, "cc"),
            word(2, "لِ", "ADP", "P---------", 3, "case"),
            "3\tاَللَّجنَةِ\t_\tNOUN\tN------S2D\t_\t0\troot\t_\tTranslit=al-laǧnati\n".to_owned(),
            word(4, "لِ", "ADP", "P---------", 5, "case"),
            "5\tاِلتِزَامِ\t_\tNOUN\tN------S2R\t_\t3\tnmod\t_\tTranslit=iltizāmi\n".to_owned(),
            word(6, "لِ", "ADP", "P---------", 7, "case"),
            "7\tاَلطَّائِرَاتِ\t_\tNOUN\tN------P2D\t_\t3\tnmod\t_\tTranslit=at\u{0323}-t\u{0323}āʾirāti\n"
                .to_owned(),
            word(8, "لِ", "ADP", "P---------", 9, "case"),
            "9\tاَلَّتِي\t_\tPRON\tSR----FS2-\t_\t3\tnmod\t_\tTranslit=allatī\n".to_owned(),
        ]);
        assert_eq!(s.text(), Some("وللجنة لالتزام للطائرات للتي"));
        assert_eq!(s.words[0].upos, "CCONJ");
    }

    #[test]
    fn final_alif_maqsura_and_hamza_change_before_suffixes() {
        let s = convert(&[
            word(1, "أَلقَى", "VERB", "VP-A-3MS--", 0, "root"),
            word(2, "هَا", "PRON", "SP---3FS4-", 1, "dobj"),
            word(3, "عَلَى", "ADP", "P---------", 4, "case"),
            word(4, "هِ", "PRON", "SP---3MS2-", 1, "nmod"),
            word(5, "إِلغَاءِ", "NOUN", "N------S2R", 1, "nmod"),
            word(6, "هَا", "PRON", "SP---3FS2-", 5, "nmod"),
            word(7, "إِجرَاءُ", "NOUN", "N------S1R", 1, "nsubj"),
            word(8, "هَا", "PRON", "SP---3FS2-", 7, "nmod"),
            word(9, "نَقَلُوا", "VERB", "VP-A-3MP--", 1, "conj"),
            word(10, "هُ", "PRON", "SP---3MS4-", 9, "dobj"),
        ]);
        assert_eq!(s.text(), Some("ألقاها عليه إلغائها إجراؤها نقلوه"));
        assert_eq!(s.words[1].deprel, "obj");
        assert_eq!(s.words[3].deprel, "obl");
        assert_eq!(s.words[5].deprel, "nmod");
    }

    #[test]
    fn free_pronouns_and_abbreviation_letters_stay_apart() {
        let s = convert(&[
            word(1, "هُوَ", "PRON", "SP---3MS1-", 0, "root"),
            word(2, "(", "PUNCT", "G---------", 3, "punct"),
            word(3, "اف", "X", "U---------", 1, "dep"),
            word(4, "ب", "X", "Y---------", 3, "dep"),
            word(5, ")", "PUNCT", "G---------", 3, "punct"),
            word(6, "١٥", "NUM", "Q---------", 1, "dep"),
            word(7, "-", "PUNCT", "G---------", 6, "punct"),
            word(8, "٧", "NUM", "Q---------", 6, "nummod"),
            word(9, "\"", "PUNCT", "G---------", 10, "punct"),
            word(10, "نَعَم", "X", "U---------", 1, "dep"),
            word(11, "\"", "PUNCT", "G---------", 10, "punct"),
        ]);
        assert_eq!(s.text(), Some("هو (اف ب) ١٥-٧ \"نعم\""));
        assert!(s.multiword_tokens.is_empty());
        check_v2_tree(&s).unwrap();
    }

    #[test]
    fn unanalysed_tokens_become_one_multiword_token_cut_into_clitics() {
        let s = convert(&[
            word(1, "واستقلاله", "X", "U---------", 0, "cc"),
            word(2, "واستقلاله", "X", "U---------", 0, "root"),
            word(3, "واستقلاله", "X", "U---------", 2, "nmod"),
            word(4, "لكننا", "X", "U---------", 2, "cc"),
            word(5, "لكننا", "X", "U---------", 2, "nsubj"),
            word(6, "»", "PUNCT", "G---------", 7, "punct"),
            word(7, "نَعَم", "X", "U---------", 2, "dep"),
            word(8, "«", "PUNCT", "G---------", 7, "punct"),
            word(9, "٠٨", "NUM", "Q---------", 2, "dep"),
            word(10, ":", "PUNCT", "G---------", 9, "punct"),
            word(11, "٣٠", "NUM", "Q---------", 9, "dep"),
        ]);
        assert_eq!(s.text(), Some("واستقلاله لكننا »نعم« ٠٨:٣٠"));
        let forms: Vec<_> = s.words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms[..5], ["و", "استقلال", "ه", "لكن", "نا"]);
        assert_eq!(s.multiword_tokens.len(), 2);
        assert_eq!(
            segment_unanalysed("لموسيقى", &["cc", "nmod"]),
            ["ل", "موسيقى"]
        );
        assert_eq!(segment_unanalysed("قلبي", &["nmod", "nmod"]), ["قلب", "ي"]);
    }

    #[test]
    fn conjunction_rooted_sentences_are_rerooted_on_the_predicate() {
        let s = convert(&[
            word(1, "وَ", "CONJ", "C---------", 0, "root"),
            word(2, "قَالَ", "VERB", "VP-A-3MS--", 1, "parataxis"),
            word(3, "زَيدٌ", "NOUN", "N------S1I", 2, "nsubj"),
            word(4, "وَ", "CONJ", "C---------", 3, "cc"),
            word(5, "عَمرٌو", "NOUN", "N------S1I", 3, "conj"),
            word(6, ".", "PUNCT", "G---------", 1, "punct"),
        ]);
        check_v2_tree(&s).unwrap();
        let heads: Vec<_> = s
            .words
            .iter()
            .map(|w| (w.head.unwrap(), w.deprel.as_str()))
            .collect();
        assert_eq!(
            heads,
            vec![
                (2, "cc"),
                (0, "root"),
                (2, "nsubj"),
                (5, "cc"),
                (3, "conj"),
                (2, "punct")
            ]
        );
        assert_eq!(s.text(), Some("وقال زيد وعمرو."));
    }

    #[test]
    fn maps_v1_relations_and_features() {
        assert_eq!(map_deprel("nsubjpass", Some("VERB")), "nsubj:pass");
        assert_eq!(map_deprel("nmod", Some("ADJ")), "obl");
        assert_eq!(map_deprel("nmod", Some("NOUN")), "nmod");
        assert_eq!(map_deprel("nmod:tmod", Some("VERB")), "obl:tmod");
        assert_eq!(map_deprel("foreign", Some("X")), "flat:foreign");
        assert_eq!(map_deprel("neg", Some("VERB")), "advmod");
        assert_eq!(
            map_feats("Case=Gen|Definite=Red|Number=Sing|Foreign=Foreign"),
            "Case=Gen|Definite=Cons|Foreign=Yes|Number=Sing"
        );
        assert_eq!(map_feats("_"), "");
    }

    #[test]
    fn rejects_cycles_and_v1_labels() {
        let mut s = convert(&[
            word(1, "قَالَ", "VERB", "VP-A-3MS--", 0, "root"),
            word(2, "زَيدٌ", "NOUN", "N------S1I", 1, "nsubj"),
        ]);
        check_v2_tree(&s).unwrap();
        s.words[1].deprel = "dobj".into();
        assert!(check_v2_tree(&s).unwrap_err().contains("dobj"));
        s.words[1].deprel = "nsubj".into();
        s.words[0].head = Some(2);
        s.words[0].deprel = "nsubj".into();
        assert!(check_v2_tree(&s).is_err());
    }

    #[test]
    fn converts_the_whole_padt_into_valid_v2_trees_when_present() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/ud/padt-v1");
        if !dir.exists() {
            eprintln!("skipping: {} absent", dir.display());
            return;
        }
        let mut sources = conllu::read_file(&dir.join("ar-ud-dev.conllu")).unwrap();
        sources.extend(conllu::read_file(&dir.join("ar-ud-test.conllu")).unwrap());
        let split = convert_and_split(&sources).unwrap();
        assert_eq!((split.train_documents, split.dev_documents), (123, 30));
        assert_eq!((split.train.len(), split.dev.len()), (1219, 271));
        let words: usize = split.dev.iter().map(|s| s.words.len()).sum();
        assert_eq!(words, 10_336);
        // The written text keeps every character of the words it was built from, minus the
        // letters the orthography drops, and scores perfectly against itself.
        let scores = crate::eval::evaluate(&split.dev, &split.dev, "dev", "dev").unwrap();
        assert_eq!(scores.get("LAS").map(|s| s.f1()), Some(1.0));
        let text_chars = split
            .dev_text
            .chars()
            .filter(|c| !c.is_whitespace())
            .count();
        let token_chars: usize = split
            .dev
            .iter()
            .flat_map(|s| s.surface_tokens())
            .map(|t| t.form.chars().count())
            .sum();
        assert_eq!(text_chars, token_chars);
    }

    #[test]
    fn splits_by_document_index_modulo_five() {
        let mut text = String::new();
        for doc in 0..10 {
            for k in 1..=2 {
                text.push_str(&format!(
                    "# sent_id s{doc}-{k}\n# orig_file_sentence D{doc}#{k}\n{}\n",
                    word(1, "قَالَ", "VERB", "VP-A-3MS--", 0, "root")
                ));
            }
        }
        let sources = conllu::parse(&text, "t").unwrap();
        let split = convert_and_split(&sources).unwrap();
        assert_eq!(split.dev.len(), 4);
        assert_eq!(split.train.len(), 16);
        assert_eq!(split.dev_documents, 2);
        assert_eq!(split.dev[0].comment_value("newdoc id"), Some("D4"));
        assert_eq!(split.dev[1].comment_value("newdoc id"), None);
        assert_eq!(split.dev_text, "قال قال\n\nقال قال\n");
    }
}

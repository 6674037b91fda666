//! CoNLL-U (https://universaldependencies.org/format.html): sentences of syntactic words, with the
//! multiword-token lines that say which written token they were split from. Empty nodes (`3.1`)
//! are kept verbatim so that a read–write round trip loses nothing, but nothing here interprets
//! them: neither PADT nor our own output has any.

use std::fmt::Write as _;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum ConlluError {
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}:{line}: {message}")]
    Syntax {
        file: String,
        line: usize,
        message: String,
    },
}

/// One syntactic word (an integer ID line). `head` is `None` when the column is `_`; `Some(0)`
/// is the root.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    pub id: usize,
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    pub head: Option<usize>,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

/// A multiword-token line `first-last FORM`: the written token that words `first..=last` make.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MultiwordToken {
    pub first: usize,
    pub last: usize,
    pub form: String,
    pub misc: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// Comment lines without the leading `#` and one following space, in order.
    pub comments: Vec<String>,
    pub words: Vec<Word>,
    pub multiword_tokens: Vec<MultiwordToken>,
    /// Empty-node lines (`ID` like `3.1`), verbatim, each with the ID of the word it follows.
    pub empty_nodes: Vec<(usize, String)>,
}

/// A written token of a sentence: either a multiword token or a word that stands alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SurfaceToken<'a> {
    pub form: &'a str,
    /// Word IDs, 1-based and inclusive.
    pub first: usize,
    pub last: usize,
    pub misc: &'a str,
}

impl Sentence {
    /// The value of a `key = value` comment, e.g. `sent_id` or `text`.
    pub fn comment_value(&self, key: &str) -> Option<&str> {
        // UD v1 files (PADT among them) write `# sent_id s-p1`, without the `=`.
        self.comments.iter().find_map(|c| {
            let rest = c.strip_prefix(key)?;
            let rest = rest.trim_start();
            match rest.strip_prefix('=') {
                Some(value) => Some(value.trim()),
                None if rest.len() < c.len() - key.len() => Some(rest.trim_end()),
                None => None,
            }
        })
    }

    pub fn sent_id(&self) -> Option<&str> {
        self.comment_value("sent_id")
    }

    pub fn text(&self) -> Option<&str> {
        self.comment_value("text")
    }

    /// Sets (or replaces) a `key = value` comment, keeping its position when it exists.
    pub fn set_comment_value(&mut self, key: &str, value: &str) {
        let line = format!("{key} = {value}");
        match self
            .comments
            .iter_mut()
            .find(|c| c.split_once('=').is_some_and(|(k, _)| k.trim() == key))
        {
            Some(existing) => *existing = line,
            None => self.comments.push(line),
        }
    }

    /// The written tokens in order: multiword tokens cover their words, other words stand alone.
    pub fn surface_tokens(&self) -> Vec<SurfaceToken<'_>> {
        let mut tokens = Vec::with_capacity(self.words.len());
        let mut ranges = self.multiword_tokens.iter().peekable();
        let mut next_id = 1;
        for word in &self.words {
            if word.id < next_id {
                continue;
            }
            while ranges.peek().is_some_and(|r| r.last < word.id) {
                ranges.next();
            }
            match ranges.peek() {
                Some(range) if range.first == word.id => {
                    tokens.push(SurfaceToken {
                        form: &range.form,
                        first: range.first,
                        last: range.last,
                        misc: &range.misc,
                    });
                    next_id = range.last + 1;
                    ranges.next();
                }
                _ => {
                    tokens.push(SurfaceToken {
                        form: &word.form,
                        first: word.id,
                        last: word.id,
                        misc: &word.misc,
                    });
                    next_id = word.id + 1;
                }
            }
        }
        tokens
    }

    /// Whether MISC of a surface token says `SpaceAfter=No`.
    pub fn no_space_after(misc: &str) -> bool {
        misc.split('|').any(|field| field == "SpaceAfter=No")
    }

    /// Writes the sentence in CoNLL-U, ending with the blank separator line.
    pub fn write_to(&self, out: &mut String) {
        for comment in &self.comments {
            let _ = writeln!(out, "# {comment}");
        }
        let mut ranges = self.multiword_tokens.iter().peekable();
        let mut empties = self.empty_nodes.iter().peekable();
        while let Some((_, line)) = empties.next_if(|(after, _)| *after == 0) {
            let _ = writeln!(out, "{line}");
        }
        for word in &self.words {
            while let Some(range) = ranges.next_if(|r| r.first <= word.id) {
                let _ = writeln!(
                    out,
                    "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}",
                    range.first,
                    range.last,
                    range.form,
                    or_underscore(&range.misc)
                );
            }
            let head = word.head.map_or_else(|| "_".to_owned(), |h| h.to_string());
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                word.id,
                or_underscore(&word.form),
                or_underscore(&word.lemma),
                or_underscore(&word.upos),
                or_underscore(&word.xpos),
                or_underscore(&word.feats),
                head,
                or_underscore(&word.deprel),
                or_underscore(&word.deps),
                or_underscore(&word.misc)
            );
            while let Some((_, line)) = empties.next_if(|(after, _)| *after == word.id) {
                let _ = writeln!(out, "{line}");
            }
        }
        out.push('\n');
    }
}

fn or_underscore(field: &str) -> &str {
    if field.is_empty() {
        "_"
    } else {
        field
    }
}

fn field_value(field: &str) -> String {
    if field == "_" {
        String::new()
    } else {
        field.to_owned()
    }
}

/// Parses CoNLL-U text; `file` only names the source in errors. A form or lemma that is itself
/// `_` cannot be told from an empty column and reads as empty.
pub fn parse(text: &str, file: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut sentences = Vec::new();
    let mut current = Sentence::default();
    let mut in_sentence = false;
    let error = |line: usize, message: String| ConlluError::Syntax {
        file: file.to_owned(),
        line,
        message,
    };
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            if in_sentence {
                check_sentence(&current).map_err(|m| error(line_no, m))?;
                sentences.push(std::mem::take(&mut current));
                in_sentence = false;
            }
            continue;
        }
        in_sentence = true;
        if let Some(comment) = line.strip_prefix('#') {
            if !current.words.is_empty() || !current.multiword_tokens.is_empty() {
                return Err(error(line_no, "comment line inside a sentence".into()));
            }
            current
                .comments
                .push(comment.strip_prefix(' ').unwrap_or(comment).to_owned());
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        if columns.len() != 10 {
            return Err(error(
                line_no,
                format!("expected 10 tab-separated columns, found {}", columns.len()),
            ));
        }
        let id = columns[0];
        if let Some((first, last)) = id.split_once('-') {
            let (first, last) = match (first.parse::<usize>(), last.parse::<usize>()) {
                (Ok(f), Ok(l)) if f >= 1 && l > f => (f, l),
                _ => return Err(error(line_no, format!("bad multiword-token range `{id}`"))),
            };
            current.multiword_tokens.push(MultiwordToken {
                first,
                last,
                form: field_value(columns[1]),
                misc: field_value(columns[9]),
            });
        } else if id.contains('.') {
            current
                .empty_nodes
                .push((current.words.last().map_or(0, |w| w.id), line.to_owned()));
        } else {
            let id: usize = id
                .parse()
                .ok()
                .filter(|&n| n >= 1)
                .ok_or_else(|| error(line_no, format!("bad word ID `{id}`")))?;
            let head = match columns[6] {
                "_" => None,
                h => Some(
                    h.parse::<usize>()
                        .map_err(|_| error(line_no, format!("bad HEAD `{h}`")))?,
                ),
            };
            current.words.push(Word {
                id,
                form: field_value(columns[1]),
                lemma: field_value(columns[2]),
                upos: field_value(columns[3]),
                xpos: field_value(columns[4]),
                feats: field_value(columns[5]),
                head,
                deprel: field_value(columns[7]),
                deps: field_value(columns[8]),
                misc: field_value(columns[9]),
            });
        }
    }
    if in_sentence {
        let last_line = text.lines().count();
        check_sentence(&current).map_err(|m| error(last_line, m))?;
        sentences.push(current);
    }
    Ok(sentences)
}

/// Word IDs run 1..=n, heads point inside the sentence, ranges cover existing words in order.
fn check_sentence(sentence: &Sentence) -> Result<(), String> {
    let n = sentence.words.len();
    for (index, word) in sentence.words.iter().enumerate() {
        if word.id != index + 1 {
            return Err(format!(
                "sentence ending here: word IDs must run 1..{n}, found {} at position {}",
                word.id,
                index + 1
            ));
        }
        if word.head.is_some_and(|h| h > n) {
            return Err(format!(
                "sentence ending here: word {} has HEAD {} beyond the sentence",
                word.id,
                word.head.unwrap_or_default()
            ));
        }
    }
    let mut previous_last = 0;
    for range in &sentence.multiword_tokens {
        if range.last > n || range.first <= previous_last {
            return Err(format!(
                "sentence ending here: multiword token {}-{} overlaps or leaves the sentence",
                range.first, range.last
            ));
        }
        previous_last = range.last;
    }
    Ok(())
}

pub fn read_file(path: &Path) -> Result<Vec<Sentence>, ConlluError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ConlluError::Io {
        file: file.clone(),
        source,
    })?;
    parse(&text, &file)
}

pub fn to_string(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for sentence in sentences {
        sentence.write_to(&mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = s1\n# text = وقال إنه\n1-2\tوقال\t_\t_\t_\t_\t_\t_\t_\t_\n1\tو\tوَ\tCCONJ\tC---------\t_\t0\troot\t_\t_\n2\tقال\tقَال\tVERB\tVP-A-3MS--\tAspect=Perf\t1\tconj\t_\t_\n3-4\tإنه\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n3\tإن\tإِنَّ\tSCONJ\t_\t_\t2\tmark\t_\t_\n4\tه\tهُوَ\tPRON\t_\t_\t2\tnsubj\t_\t_\n\n";

    #[test]
    fn round_trips_comments_ranges_and_words() {
        let sentences = parse(SAMPLE, "sample").unwrap();
        assert_eq!(sentences.len(), 1);
        let s = &sentences[0];
        assert_eq!(s.sent_id(), Some("s1"));
        assert_eq!(s.text(), Some("وقال إنه"));
        assert_eq!(s.words.len(), 4);
        assert_eq!(s.words[1].head, Some(1));
        assert_eq!(to_string(&sentences), SAMPLE);
    }

    #[test]
    fn surface_tokens_group_words_under_their_ranges() {
        let sentences = parse(SAMPLE, "sample").unwrap();
        let tokens = sentences[0].surface_tokens();
        let forms: Vec<_> = tokens.iter().map(|t| (t.form, t.first, t.last)).collect();
        assert_eq!(forms, vec![("وقال", 1, 2), ("إنه", 3, 4)]);
        assert!(Sentence::no_space_after(tokens[1].misc));
        assert!(!Sentence::no_space_after(tokens[0].misc));
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let bad = "1\tكتب\t_\tVERB\t_\t_\t0\troot\t_\t_\n2\tbad line\n";
        let err = parse(bad, "x.conllu").unwrap_err().to_string();
        assert_eq!(
            err,
            "x.conllu:2: expected 10 tab-separated columns, found 2"
        );
        let bad_head = "1\tكتب\t_\tVERB\t_\t_\t5\troot\t_\t_\n\n";
        let err = parse(bad_head, "y.conllu").unwrap_err().to_string();
        assert!(err.starts_with("y.conllu:2: "), "{err}");
        assert!(err.contains("HEAD 5"), "{err}");
    }

    #[test]
    fn sets_and_replaces_comment_values() {
        let mut s = parse(SAMPLE, "sample").unwrap().remove(0);
        s.set_comment_value("text", "قال");
        assert_eq!(s.text(), Some("قال"));
        assert_eq!(s.comments.len(), 2);
        s.set_comment_value("newdoc id", "d1");
        assert_eq!(s.comment_value("newdoc id"), Some("d1"));
    }

    #[test]
    fn reads_the_padt_v1_files_when_present() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/ud/padt-v1/ar-ud-dev.conllu");
        if !path.exists() {
            eprintln!(
                "skipping: {} absent (../shared/data not beside the repo)",
                path.display()
            );
            return;
        }
        let sentences = read_file(&path).unwrap();
        assert_eq!(sentences.len(), 786);
        let words: usize = sentences.iter().map(|s| s.words.len()).sum();
        assert_eq!(words, 28_263);
        assert_eq!(sentences[0].sent_id(), Some("s-p1"));
    }
}

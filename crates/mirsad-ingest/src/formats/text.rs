//! Whole-file formats: plain text, ANT-corpus `<DOC>` files, HTML pages.

use crate::dates::{date_from_url, normalize_date};
use crate::decode::decode_bytes;
use crate::extract::extract_html;
use crate::limits::read_to_end_bounded;
use crate::{IngestError, IngestOptions, InputSource, Origin};

use super::{Candidate, Opened, Rec};

/// Read a whole file within the size limit.
fn slurp(src: &InputSource, op: &mut Opened, opts: &IngestOptions) -> Result<Vec<u8>, Rec> {
    match read_to_end_bounded(&mut op.reader, opts.max_doc_bytes) {
        Ok((bytes, false)) => Ok(bytes),
        Ok((_, true)) => Err(Rec::Failed(IngestError::new(
            Origin::file(&src.display),
            format!(
                "document larger than max_doc_bytes ({} bytes); not read",
                opts.max_doc_bytes
            ),
        ))),
        Err(e) => Err(Rec::Failed(IngestError::new(
            Origin::file(&src.display),
            op.describe(&e),
        ))),
    }
}

fn looks_binary(b: &[u8]) -> bool {
    let sample = &b[..b.len().min(8192)];
    let ctrl = sample
        .iter()
        .filter(|&&c| c == 0 || (c < 0x09) || (0x0e..0x20).contains(&c) && c != 0x1b)
        .count();
    sample.contains(&0) || ctrl * 10 > sample.len()
}

pub(crate) fn read_txt(src: &InputSource, mut op: Opened, opts: &IngestOptions) -> Rec {
    let bytes = match slurp(src, &mut op, opts) {
        Ok(b) => b,
        Err(r) => return r,
    };
    if looks_binary(&bytes) {
        return Rec::Skipped {
            origin: Origin::file(&src.display),
            reason: "binary data, not text".into(),
        };
    }
    let (text, warnings) = decode_bytes(&bytes, None, false);
    let trimmed = text.trim_start();
    if trimmed.starts_with("<DOC>") {
        return parse_ant(src, &text, warnings);
    }
    let title = guess_title(&text);
    // Plain text carries no metadata; archives and scrapers commonly name files by date
    // (2018-05-17-slug.txt, 20180517.txt, 2018/05/17/slug.txt), so the path is the only date source.
    let published = date_from_url(&src.display);
    Rec::Doc(Box::new(Candidate {
        id: src.id_base.clone(),
        title,
        published,
        text,
        warnings,
        origin: Origin::file(&src.display),
        ..Default::default()
    }))
}

/// A first line is a title only if it is short and not a sentence (no terminal punctuation);
/// otherwise a one-paragraph file would lose its first sentence to the title.
fn guess_title(text: &str) -> Option<String> {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let n = first.chars().count();
    let terminal = first.ends_with(['.', '!', '?', '؟', ':', '؛', ';', '…', '،', ',']);
    let has_more = text.lines().filter(|l| !l.trim().is_empty()).count() > 1;
    (has_more && (3..=120).contains(&n) && !terminal).then(|| first.to_string())
}

/// Content of `<TAG>…</TAG>` (first occurrence).
fn tag<'a>(s: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let a = s.find(&open)? + open.len();
    let b = s[a..].find(&close).map(|i| a + i).unwrap_or(s.len());
    Some(s[a..b].trim())
}

/// ANT corpus (TREC-style) document: DOCNO, URL, SRC, CAT, TITLE, TIME, ABSTRACT, TEXT.
pub(crate) fn parse_ant(src: &InputSource, text: &str, mut warnings: Vec<String>) -> Rec {
    let origin = Origin::file(&src.display);
    let Some(body) = tag(text, "TEXT") else {
        return Rec::Failed(IngestError::new(origin, "ANT <DOC> without <TEXT> element"));
    };
    let docno = tag(text, "DOCNO").filter(|s| !s.is_empty());
    let time = tag(text, "TIME").unwrap_or("");
    let mut published = normalize_date(time);
    if published.is_none() {
        // DOCNO ends in a (sometimes malformed) yyyymmdd/ddmmyyyy date.
        if let Some(d) = docno.and_then(|d| d.rsplit('-').next()) {
            published = normalize_date(d).or_else(|| {
                (d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| format!("{}/{}/{}", &d[0..2], &d[2..4], &d[4..8]))
                    .and_then(|x| normalize_date(&x))
            });
        }
        if published.is_none() && !time.is_empty() {
            warnings.push(format!("unparsed date {time:?}"));
        }
    }
    let clean = body
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    Rec::Doc(Box::new(Candidate {
        id: docno
            .map(str::to_string)
            .unwrap_or_else(|| src.id_base.clone()),
        title: tag(text, "TITLE")
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        url: tag(text, "URL")
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        source: tag(text, "SRC")
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        published,
        text: clean,
        warnings,
        origin,
    }))
}

pub(crate) fn read_html(src: &InputSource, mut op: Opened, opts: &IngestOptions) -> Rec {
    let bytes = match slurp(src, &mut op, opts) {
        Ok(b) => b,
        Err(r) => return r,
    };
    if looks_binary(&bytes) {
        return Rec::Skipped {
            origin: Origin::file(&src.display),
            reason: "binary data, not HTML".into(),
        };
    }
    let (html, warnings) = decode_bytes(&bytes, None, true);
    let x = extract_html(&html, None);
    Rec::Doc(Box::new(Candidate {
        id: src.id_base.clone(),
        title: x.title,
        source: x.site_name.or_else(|| x.url.as_deref().and_then(host)),
        url: x.url,
        published: x.published,
        text: x.text,
        warnings,
        origin: Origin::file(&src.display),
    }))
}

/// Host of a URL, without `www.`; used as the source name when nothing better is known.
pub(crate) fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let h = rest.split(['/', '?', '#']).next()?;
    let h = h.rsplit('@').next()?.split(':').next()?;
    let h = h.strip_prefix("www.").unwrap_or(h);
    (!h.is_empty()).then(|| h.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(
            guess_title("عنوان قصير\nنص الخبر."),
            Some("عنوان قصير".into())
        );
        assert_eq!(guess_title("جملة كاملة.\nنص"), None);
        assert_eq!(guess_title("سطر وحيد"), None);
        assert_eq!(
            host("https://www.Assarih.com/a1"),
            Some("assarih.com".into())
        );
    }

    #[test]
    fn txt_date_comes_from_the_file_name() {
        let read = |name: &str| {
            let src = InputSource::memory(name, "خبر قصير عن الاجتماع.".as_bytes().to_vec());
            crate::read_all(vec![src], &IngestOptions::default())
                .find_map(|item| match item {
                    crate::IngestItem::Doc(d) => Some(d.meta.published),
                    _ => None,
                })
                .expect("one document")
        };
        assert_eq!(
            read("news/2015-08-12-moscow-talks.txt").as_deref(),
            Some("2015-08-12")
        );
        assert_eq!(read("2018/05/17/story.txt").as_deref(), Some("2018-05-17"));
        assert_eq!(read("notes.txt"), None);
    }

    #[test]
    fn ant() {
        let src = InputSource::from_path("JA-x-1-20170120.txt");
        let t = "<DOC>\n<DOCNO>JA-x-1-20170120</DOCNO>\n<URL>http://j.net/a</URL>\n<SRC>Jawhara FM</SRC>\n<TITLE>عنوان</TITLE>\n<TIME>18/12/2016</TIME>\n<TEXT>\nسطر  أول\n\nسطر ثان\n</TEXT>\n</DOC>";
        let Rec::Doc(c) = parse_ant(&src, t, vec![]) else {
            panic!()
        };
        assert_eq!(c.id, "JA-x-1-20170120");
        assert_eq!(c.published.as_deref(), Some("2016-12-18"));
        assert_eq!(c.text, "سطر أول\nسطر ثان");
        assert_eq!(c.source.as_deref(), Some("Jawhara FM"));
    }
}

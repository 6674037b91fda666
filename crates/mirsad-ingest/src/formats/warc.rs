//! WARC reader (WARC/0.17–1.1), plain or gzipped (per record or whole file).
//!
//! Parsed by hand: the format is a header block plus `Content-Length` bytes, so a dependency
//! would buy nothing, and owning the parser lets every error name the record number and byte
//! offset and lets us resynchronise on the next `WARC/` line after damage.
//! Offsets are in the decompressed stream (for `.warc.gz` the compressed offset of a truncation
//! is named separately).

use std::io::{self, Read};

use flate2::read::{MultiGzDecoder, ZlibDecoder};

use crate::decode::decode_bytes;
use crate::extract::extract_html;
use crate::limits::{read_line_bounded, Line};
use crate::{IngestError, IngestOptions, InputSource, Origin};

use super::text::host;
use super::{Candidate, Opened, Rec};

const MAX_HEADER_LINE: usize = 64 * 1024;
const MAX_HEADERS: usize = 1000;

pub(crate) struct WarcReader {
    display: String,
    op: Opened,
    max: usize,
    pos: u64,
    record: u64,
    done: bool,
    /// A `WARC/…` line found while resynchronising, to be used as the next record's first line.
    pending: Option<Vec<u8>>,
    line: Vec<u8>,
}

struct Header {
    fields: Vec<(String, String)>,
}

impl Header {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl WarcReader {
    pub(crate) fn new(src: &InputSource, op: Opened, opts: &IngestOptions) -> Self {
        WarcReader {
            display: src.display.clone(),
            op,
            max: opts.max_doc_bytes,
            pos: 0,
            record: 0,
            done: false,
            pending: None,
            line: Vec::new(),
        }
    }

    fn read_line(&mut self) -> io::Result<Option<Vec<u8>>> {
        if let Some(p) = self.pending.take() {
            return Ok(Some(p));
        }
        match read_line_bounded(&mut self.op.reader, MAX_HEADER_LINE, &mut self.line)? {
            Line::Eof => Ok(None),
            Line::Ok => {
                self.pos += self.line.len() as u64 + 1;
                Ok(Some(self.line.clone()))
            }
            Line::TooLong { total } => {
                self.pos += total + 1;
                Ok(Some(self.line.clone()))
            }
        }
    }

    /// Skip to the next line that starts a record.
    fn resync(&mut self) -> io::Result<()> {
        loop {
            match self.read_line()? {
                None => {
                    self.done = true;
                    return Ok(());
                }
                Some(l) if l.starts_with(b"WARC/") => {
                    self.pending = Some(l);
                    return Ok(());
                }
                Some(_) => {}
            }
        }
    }

    fn io_fail(&mut self, at: u64, e: &io::Error) -> Rec {
        self.done = true;
        let msg = self.op.describe(e);
        Rec::Failed(IngestError::new(
            Origin::at(
                &self.display,
                format!("record {} at byte {at}", self.record),
            ),
            msg,
        ))
    }

    fn next_record(&mut self) -> Option<Rec> {
        // Find the version line, skipping blank separator lines.
        let (first, start) = loop {
            let at = self.pos;
            match self.read_line() {
                Err(e) => return Some(self.io_fail(at, &e)),
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Ok(Some(l)) if l.iter().all(|b| b.is_ascii_whitespace()) => continue,
                Ok(Some(l)) => {
                    break (l, at);
                }
            }
        };
        self.record += 1;
        let origin = Origin::at(
            &self.display,
            format!("record {} at byte {start}", self.record),
        );
        if !first.starts_with(b"WARC/") {
            let shown = String::from_utf8_lossy(&first[..first.len().min(40)]).into_owned();
            if let Err(e) = self.resync() {
                return Some(self.io_fail(start, &e));
            }
            return Some(Rec::Failed(IngestError::new(
                origin,
                format!("expected a WARC version line, found {shown:?}; skipped to next record"),
            )));
        }
        let mut fields = Vec::new();
        loop {
            let at = self.pos;
            match self.read_line() {
                Err(e) => return Some(self.io_fail(at, &e)),
                Ok(None) => {
                    self.done = true;
                    return Some(Rec::Failed(IngestError::new(
                        origin,
                        "end of input inside WARC header",
                    )));
                }
                Ok(Some(l)) => {
                    if l.is_empty() {
                        break;
                    }
                    if l.starts_with(b"WARC/") {
                        self.pending = Some(l);
                        return Some(Rec::Failed(IngestError::new(
                            origin,
                            "WARC header without blank line; skipped",
                        )));
                    }
                    let s = String::from_utf8_lossy(&l).into_owned();
                    if let Some((k, v)) = s.split_once(':') {
                        fields.push((k.trim().to_string(), v.trim().to_string()));
                    }
                    if fields.len() > MAX_HEADERS {
                        if let Err(e) = self.resync() {
                            return Some(self.io_fail(at, &e));
                        }
                        return Some(Rec::Failed(IngestError::new(
                            origin,
                            "too many WARC header fields; skipped",
                        )));
                    }
                }
            }
        }
        let h = Header { fields };
        let Some(len) = h.get("Content-Length").and_then(|v| v.parse::<u64>().ok()) else {
            if let Err(e) = self.resync() {
                return Some(self.io_fail(start, &e));
            }
            return Some(Rec::Failed(IngestError::new(
                origin,
                "missing or invalid Content-Length; skipped to next record",
            )));
        };
        let rtype = h.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let wanted = matches!(rtype.as_str(), "response" | "resource" | "conversion");
        if !wanted || len > self.max as u64 {
            // Skip the block without buffering it.
            let skipped = io::copy(&mut (&mut self.op.reader).take(len), &mut io::sink());
            match skipped {
                Ok(n) if n == len => self.pos += n,
                Ok(n) => {
                    self.done = true;
                    self.pos += n;
                    return Some(Rec::Failed(IngestError::new(
                        origin,
                        format!("block truncated: Content-Length {len}, only {n} bytes left"),
                    )));
                }
                Err(e) => return Some(self.io_fail(start, &e)),
            }
            if !wanted {
                return Some(Rec::Quiet(if rtype.is_empty() {
                    "untyped".into()
                } else {
                    rtype
                }));
            }
            return Some(Rec::Failed(IngestError::new(
                origin,
                format!(
                    "record block of {len} bytes exceeds max_doc_bytes ({}); skipped",
                    self.max
                ),
            )));
        }
        let mut block = Vec::with_capacity(len as usize);
        match (&mut self.op.reader).take(len).read_to_end(&mut block) {
            Ok(n) => self.pos += n as u64,
            Err(e) => return Some(self.io_fail(start, &e)),
        }
        if (block.len() as u64) < len {
            self.done = true;
            return Some(Rec::Failed(IngestError::new(
                origin,
                format!(
                    "block truncated: Content-Length {len}, only {} bytes left",
                    block.len()
                ),
            )));
        }
        let uri = h
            .get("WARC-Target-URI")
            .map(|u| u.trim_matches(['<', '>']).to_string());
        let ctype = h.get("Content-Type").unwrap_or("").to_ascii_lowercase();
        let payload = if rtype == "response" && ctype.contains("application/http")
            || block.starts_with(b"HTTP/")
        {
            match http_payload(&block, self.max) {
                Ok(p) => p,
                Err(HttpSkip::NotOk(code)) => return Some(Rec::Quiet(format!("http {code}"))),
                Err(HttpSkip::NotHtml(t)) => return Some(Rec::Quiet(format!("non-html {t}"))),
                Err(HttpSkip::Bad(m)) => return Some(Rec::Failed(IngestError::new(origin, m))),
            }
        } else {
            if !(ctype.contains("html") || ctype.is_empty() && sniff_html(&block)) {
                return Some(Rec::Quiet(format!("non-html {ctype}")));
            }
            Payload {
                body: block,
                charset: charset_of(&ctype),
            }
        };
        let (html, warnings) = decode_bytes(&payload.body, payload.charset.as_deref(), true);
        let x = extract_html(&html, uri.as_deref());
        let url = uri.clone().or(x.url.clone());
        let id = uri
            .clone()
            .or_else(|| {
                h.get("WARC-Record-ID")
                    .map(|s| s.trim_matches(['<', '>']).to_string())
            })
            .unwrap_or_else(|| format!("{}#{}", self.display, self.record));
        Some(Rec::Doc(Box::new(Candidate {
            id,
            title: x.title,
            source: x.site_name.or_else(|| url.as_deref().and_then(host)),
            url,
            // WARC-Date is the capture time, not publication: never used here.
            published: x.published,
            text: x.text,
            warnings,
            origin,
        })))
    }
}

impl Iterator for WarcReader {
    type Item = Rec;
    fn next(&mut self) -> Option<Rec> {
        if self.done {
            return None;
        }
        self.next_record()
    }
}

struct Payload {
    body: Vec<u8>,
    charset: Option<String>,
}

enum HttpSkip {
    NotOk(u16),
    NotHtml(String),
    Bad(String),
}

fn sniff_html(b: &[u8]) -> bool {
    let head: Vec<u8> = b
        .iter()
        .take(1024)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let s = String::from_utf8_lossy(&head);
    s.contains("<html") || s.contains("<!doctype html") || s.contains("<body") || s.contains("<p")
}

/// `charset=` parameter of a Content-Type value.
fn charset_of(ctype: &str) -> Option<String> {
    ctype.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("charset"))
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty())
    })
}

fn http_payload(block: &[u8], max: usize) -> Result<Payload, HttpSkip> {
    let end = find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| find(block, b"\n\n").map(|i| (i, i + 2)))
        .ok_or_else(|| HttpSkip::Bad("HTTP response without header terminator".into()))?;
    let head = String::from_utf8_lossy(&block[..end.0]);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    let code: u16 = status
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| {
            HttpSkip::Bad(format!(
                "bad HTTP status line {:?}",
                status.chars().take(60).collect::<String>()
            ))
        })?;
    if !(200..300).contains(&code) {
        return Err(HttpSkip::NotOk(code));
    }
    let mut ctype = String::new();
    let mut chunked = false;
    let mut encoding = String::new();
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            let k = k.trim().to_ascii_lowercase();
            let v = v.trim().to_ascii_lowercase();
            match k.as_str() {
                "content-type" => ctype = v,
                "transfer-encoding" => chunked = v.contains("chunked"),
                "content-encoding" => encoding = v,
                _ => {}
            }
        }
    }
    let mut body = block[end.1..].to_vec();
    if chunked {
        body = dechunk(&body)
            .ok_or_else(|| HttpSkip::Bad("malformed chunked transfer encoding".into()))?;
    }
    match encoding.as_str() {
        "gzip" | "x-gzip" => body = inflate(MultiGzDecoder::new(&body[..]), max)?,
        "deflate" => body = inflate(ZlibDecoder::new(&body[..]), max)?,
        _ => {}
    }
    let is_html = ctype.contains("html")
        || (ctype.is_empty() || ctype.contains("text/plain")) && sniff_html(&body);
    if !is_html {
        return Err(HttpSkip::NotHtml(ctype));
    }
    Ok(Payload {
        body,
        charset: charset_of(&ctype),
    })
}

fn inflate<R: Read>(r: R, max: usize) -> Result<Vec<u8>, HttpSkip> {
    let mut out = Vec::new();
    r.take(max as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| HttpSkip::Bad(format!("cannot decompress HTTP body: {e}")))?;
    if out.len() > max {
        return Err(HttpSkip::Bad(
            "decompressed HTTP body exceeds max_doc_bytes".into(),
        ));
    }
    Ok(out)
}

fn dechunk(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        let nl = find(&b[i..], b"\n")? + i;
        let size_s = String::from_utf8_lossy(&b[i..nl]);
        let size_s = size_s.trim().split(';').next()?.trim().to_string();
        let size = usize::from_str_radix(&size_s, 16).ok()?;
        i = nl + 1;
        if size == 0 {
            return Some(out);
        }
        let end = i.checked_add(size)?;
        out.extend_from_slice(b.get(i..end)?);
        i = end;
        while i < b.len() && (b[i] == b'\r' || b[i] == b'\n') {
            i += 1;
            if b[i - 1] == b'\n' {
                break;
            }
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::open;

    fn record(rtype: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {rtype}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    #[test]
    fn reads_records_and_recovers() {
        let page = "<html><body><article><p>قالت الحكومة اليوم، في بيان لها، إنها ستعلن خطة جديدة للإصلاح الاقتصادي.</p></article></body></html>";
        let http =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n{page}");
        let mut data = Vec::new();
        data.extend(record("warcinfo", "", b"software: x\r\n"));
        data.extend(record(
            "response",
            "http://ex.com/2020/01/02/a",
            http.as_bytes(),
        ));
        data.extend(b"garbage line\r\nmore garbage\r\n");
        data.extend(record(
            "request",
            "http://ex.com/a",
            b"GET / HTTP/1.1\r\n\r\n",
        ));
        data.extend(record(
            "response",
            "http://ex.com/b",
            b"HTTP/1.1 404 Not Found\r\n\r\n",
        ));
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.warc");
        std::fs::write(&p, &data).unwrap();
        let src = InputSource::from_path(&p);
        let r = WarcReader::new(&src, open(&src).unwrap(), &IngestOptions::default());
        let recs: Vec<Rec> = r.collect();
        let mut docs = 0;
        let mut quiet = 0;
        let mut errs = Vec::new();
        for r in &recs {
            match r {
                Rec::Doc(c) => {
                    docs += 1;
                    assert_eq!(c.url.as_deref(), Some("http://ex.com/2020/01/02/a"));
                    assert_eq!(c.published.as_deref(), Some("2020-01-02"));
                    assert!(c.text.starts_with("قالت الحكومة"));
                }
                Rec::Quiet(_) => quiet += 1,
                Rec::Failed(e) => errs.push(e.to_string()),
                Rec::Skipped { .. } => {}
            }
        }
        assert_eq!(docs, 1);
        assert_eq!(quiet, 3);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].contains("record 3 at byte"), "{errs:?}");
    }

    #[test]
    fn dechunking() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
        assert!(dechunk(b"zz\r\n").is_none());
        assert!(dechunk(b"ffffffffffffffff\r\nab").is_none());
    }
}

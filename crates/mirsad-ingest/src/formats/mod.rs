//! Format readers. Each turns one input into a lazy sequence of [`Rec`]s; the shared
//! post-processing (boilerplate, language, defaults) lives in `reader.rs`.

pub(crate) mod json;
pub(crate) mod text;
pub(crate) mod warc;

use std::cell::Cell;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::rc::Rc;

use flate2::bufread::MultiGzDecoder;

use crate::limits::Counting;
use crate::{IngestError, InputSource, Location, Origin};

/// A document before shared post-processing.
#[derive(Debug, Default)]
pub(crate) struct Candidate {
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub text: String,
    pub warnings: Vec<String>,
    pub origin: Origin,
}

pub(crate) enum Rec {
    Doc(Box<Candidate>),
    Skipped {
        origin: Origin,
        reason: String,
    },
    Failed(IngestError),
    /// Something intentionally not reported item by item (e.g. WARC request records); counted.
    Quiet(String),
}

/// An opened input: buffered decompressed bytes plus the count of raw bytes read, so errors can
/// name an offset in the file as stored.
pub(crate) struct Opened {
    pub reader: Box<dyn BufRead>,
    pub raw_bytes: Rc<Cell<u64>>,
    pub gzip: bool,
}

impl Opened {
    /// Describe an I/O error, naming the raw offset for compressed inputs, where a decompressed
    /// offset would not help anyone find the damage.
    pub fn describe(&self, e: &io::Error) -> String {
        if self.gzip {
            let kind = if e.kind() == io::ErrorKind::UnexpectedEof {
                "truncated gzip stream"
            } else {
                "gzip read error"
            };
            format!(
                "{kind}: {e} (after {} compressed bytes)",
                self.raw_bytes.get()
            )
        } else {
            format!("read error: {e} (at byte {})", self.raw_bytes.get())
        }
    }
}

/// Open a source, transparently gunzipping when the name says `.gz` or the gzip magic is
/// present (misnamed files are common in scraped dumps).
pub(crate) fn open(src: &InputSource) -> Result<Opened, IngestError> {
    let raw: Box<dyn Read> = match &src.location {
        Location::Stdin => Box::new(io::stdin()),
        Location::Memory(b) => Box::new(Cursor::new(b.clone())),
        Location::File(p) => match File::open(p) {
            Ok(f) => {
                if f.metadata().map(|m| m.is_dir()).unwrap_or(false) {
                    return Err(IngestError::new(
                        Origin::file(&src.display),
                        "is a directory",
                    ));
                }
                Box::new(f)
            }
            Err(e) => {
                return Err(IngestError::new(
                    Origin::file(&src.display),
                    format!("cannot open: {e}"),
                ))
            }
        },
    };
    let (counting, raw_bytes) = Counting::new(raw);
    let mut br = BufReader::with_capacity(64 * 1024, counting);
    let magic = match br.fill_buf() {
        Ok(b) => b.len() >= 2 && b[0] == 0x1f && b[1] == 0x8b,
        Err(e) => {
            return Err(IngestError::new(
                Origin::file(&src.display),
                format!("read error: {e}"),
            ))
        }
    };
    if magic {
        let gz = MultiGzDecoder::new(br);
        Ok(Opened {
            reader: Box::new(BufReader::with_capacity(64 * 1024, gz)),
            raw_bytes,
            gzip: true,
        })
    } else {
        Ok(Opened {
            reader: Box::new(br),
            raw_bytes,
            gzip: false,
        })
    }
}

/// First non-whitespace bytes of the (decompressed) stream, without consuming them.
pub(crate) fn peek_start(r: &mut dyn BufRead) -> io::Result<Vec<u8>> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(Vec::new());
        }
        // Skip a UTF-8 BOM and leading whitespace.
        let mut i = 0;
        if buf.starts_with(b"\xEF\xBB\xBF") {
            i = 3;
        }
        while i < buf.len() && buf[i].is_ascii_whitespace() {
            i += 1;
        }
        if i == buf.len() {
            let n = buf.len();
            r.consume(n);
            continue;
        }
        let end = (i + 16).min(buf.len());
        return Ok(buf[i..end].to_vec());
    }
}

/// What the first bytes look like.
pub(crate) fn sniff(start: &[u8]) -> crate::Format {
    let lower: Vec<u8> = start.iter().map(|b| b.to_ascii_lowercase()).collect();
    if start.starts_with(b"WARC/") {
        crate::Format::Warc
    } else if start.starts_with(b"{") || start.starts_with(b"[") {
        crate::Format::Json
    } else if lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || lower.starts_with(b"<head")
    {
        crate::Format::Html
    } else {
        crate::Format::Txt
    }
}

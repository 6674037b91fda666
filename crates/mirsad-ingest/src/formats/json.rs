//! JSON inputs: JSON Lines, a single object, an array of objects (streamed element by element),
//! or a whitespace-separated sequence of (pretty-printed) objects.
//!
//! Arrays are split by a small byte-level scanner (strings, escapes, nesting) instead of being
//! parsed whole, so a multi-gigabyte array costs one element of memory. JSON Lines are read line
//! by line, which keeps one broken line from swallowing the rest of the file.

use std::io::{self, BufRead, BufReader, Cursor, Read};

use serde_json::{Map, Value};

use crate::dates::normalize_date;
use crate::decode::decode_bytes;
use crate::extract::extract_html;
use crate::limits::{read_line_bounded, Line};
use crate::{IngestError, IngestOptions, InputSource, Origin};

use super::text::host;
use super::{Candidate, Opened, Rec};

enum Mode {
    Lines,
    Values,
}

pub(crate) struct JsonReader {
    display: String,
    id_base: String,
    op: Opened,
    max: usize,
    mode: Mode,
    line: u64,
    pos: u64,
    elem: u64,
    outer_array: bool,
    /// An error found while sniffing, reported before anything else.
    pending: Option<Rec>,
    done: bool,
    buf: Vec<u8>,
}

impl JsonReader {
    pub(crate) fn new(
        src: &InputSource,
        mut op: Opened,
        opts: &IngestOptions,
        jsonl_name: bool,
    ) -> Result<Self, Rec> {
        let start = super::peek_start(&mut *op.reader).map_err(|e| {
            Rec::Failed(IngestError::new(
                Origin::file(&src.display),
                op.describe(&e),
            ))
        })?;
        let mut mode = if start.first() == Some(&b'[') {
            Mode::Values
        } else {
            Mode::Lines
        };
        let mut pending = None;
        let mut first_line = 0;
        let mut first_pos = 0;
        if matches!(mode, Mode::Lines) && !jsonl_name && start.first() == Some(&b'{') {
            // A `.json` starting with `{`: JSON Lines if its first line is a whole value,
            // otherwise pretty-printed object(s). Read the line and push it back.
            let mut first = Vec::new();
            match read_line_bounded(&mut op.reader, opts.max_doc_bytes, &mut first) {
                Ok(Line::Ok) => {
                    if serde_json::from_slice::<Value>(&first).is_err() {
                        mode = Mode::Values;
                    }
                    first.push(b'\n');
                }
                Ok(Line::Eof) => {}
                Ok(Line::TooLong { total }) => {
                    // The line is gone (consumed while bounding it): report it, go on with
                    // JSON Lines from line 2.
                    pending = Some(Rec::Failed(IngestError::new(
                        Origin::at(&src.display, "line 1"),
                        format!(
                            "line of {total} bytes exceeds max_doc_bytes ({}); skipped",
                            opts.max_doc_bytes
                        ),
                    )));
                    first.clear();
                    first_line = 1;
                    first_pos = total + 1;
                }
                Err(e) => {
                    return Err(Rec::Failed(IngestError::new(
                        Origin::at(&src.display, "line 1"),
                        op.describe(&e),
                    )))
                }
            }
            let rest = std::mem::replace(&mut op.reader, Box::new(Cursor::new(Vec::new())));
            op.reader = Box::new(BufReader::with_capacity(
                64 * 1024,
                Cursor::new(first).chain(rest),
            ));
        }
        Ok(JsonReader {
            display: src.display.clone(),
            id_base: src.id_base.clone(),
            op,
            max: opts.max_doc_bytes,
            mode,
            line: first_line,
            pos: first_pos,
            pending,
            elem: 0,
            outer_array: false,
            done: false,
            buf: Vec::new(),
        })
    }

    fn fail(&mut self, locator: String, msg: String) -> Rec {
        Rec::Failed(IngestError::new(Origin::at(&self.display, locator), msg))
    }

    fn next_line(&mut self) -> Option<Rec> {
        loop {
            let start_pos = self.pos;
            let r = read_line_bounded(&mut self.op.reader, self.max, &mut self.buf);
            self.line += 1;
            let loc = format!("line {}", self.line);
            match r {
                Err(e) => {
                    self.done = true;
                    let m = self.op.describe(&e);
                    return Some(self.fail(format!("{loc} at byte {start_pos}"), m));
                }
                Ok(Line::Eof) => {
                    self.done = true;
                    return None;
                }
                Ok(Line::TooLong { total }) => {
                    self.pos += total + 1;
                    return Some(self.fail(
                        loc,
                        format!(
                            "line of {total} bytes exceeds max_doc_bytes ({}); skipped",
                            self.max
                        ),
                    ));
                }
                Ok(Line::Ok) => {
                    self.pos += self.buf.len() as u64 + 1;
                    if self.buf.iter().all(|b| b.is_ascii_whitespace()) {
                        continue;
                    }
                    let bytes = std::mem::take(&mut self.buf);
                    let fallback = format!("{}#{}", self.id_base, self.line);
                    let rec = to_rec(&bytes, Origin::at(&self.display, loc), fallback);
                    self.buf = bytes;
                    return Some(rec);
                }
            }
        }
    }

    /// Next top-level value (or outer-array element) as raw bytes.
    fn next_value(&mut self) -> Option<Rec> {
        let mut depth: u32 = 0;
        let mut in_str = false;
        let mut esc = false;
        let mut started = false;
        let mut scalar = false;
        let mut too_long = false;
        let mut start_line = 0;
        let mut start_pos = 0;
        self.buf.clear();
        loop {
            let chunk = match self.op.reader.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.done = true;
                    let m = self.op.describe(&e);
                    let loc = format!("line {} at byte {}", self.line + 1, self.pos);
                    return Some(self.fail(loc, m));
                }
            };
            if chunk.is_empty() {
                self.done = true;
                if started && !scalar {
                    let loc = format!("line {start_line} at byte {start_pos}");
                    return Some(
                        self.fail(loc, "unexpected end of input inside a JSON value".into()),
                    );
                }
                if started {
                    break;
                }
                return None;
            }
            let mut consumed = 0;
            let mut complete = false;
            for &b in chunk {
                if !started {
                    consumed += 1;
                    self.pos += 1;
                    match b {
                        b'\n' => self.line += 1,
                        b' ' | b'\t' | b'\r' => {}
                        b',' if self.outer_array => {}
                        b'[' if !self.outer_array => self.outer_array = true,
                        b']' if self.outer_array => self.outer_array = false,
                        0xEF | 0xBB | 0xBF if self.pos <= 3 => {}
                        _ => {
                            started = true;
                            start_line = self.line + 1;
                            start_pos = self.pos - 1;
                            self.elem += 1;
                            match b {
                                b'{' | b'[' => depth = 1,
                                b'"' => {
                                    in_str = true;
                                    scalar = true;
                                }
                                _ => scalar = true,
                            }
                            self.buf.push(b);
                        }
                    }
                    continue;
                }
                if scalar
                    && !in_str
                    && depth == 0
                    && matches!(b, b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t')
                {
                    // Leave the delimiter for the between-values state.
                    complete = true;
                    break;
                }
                consumed += 1;
                self.pos += 1;
                if b == b'\n' {
                    self.line += 1;
                }
                if !too_long {
                    if self.buf.len() < self.max {
                        self.buf.push(b);
                    } else {
                        too_long = true;
                        self.buf.clear();
                    }
                }
                if in_str {
                    if esc {
                        esc = false;
                    } else if b == b'\\' {
                        esc = true;
                    } else if b == b'"' {
                        in_str = false;
                        if scalar && depth == 0 {
                            complete = true;
                            break;
                        }
                    }
                    continue;
                }
                match b {
                    b'"' => in_str = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            complete = true;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            self.op.reader.consume(consumed);
            if complete {
                break;
            }
        }
        let loc = if self.outer_array {
            format!(
                "line {start_line} (element {} at byte {start_pos})",
                self.elem
            )
        } else {
            format!("line {start_line}")
        };
        if too_long {
            return Some(self.fail(
                loc,
                format!("JSON value exceeds max_doc_bytes ({}); skipped", self.max),
            ));
        }
        let bytes = std::mem::take(&mut self.buf);
        let fallback = format!("{}#{}", self.id_base, start_line);
        let rec = to_rec(&bytes, Origin::at(&self.display, loc), fallback);
        self.buf = bytes;
        Some(rec)
    }
}

impl Iterator for JsonReader {
    type Item = Rec;
    fn next(&mut self) -> Option<Rec> {
        if let Some(r) = self.pending.take() {
            return Some(r);
        }
        if self.done {
            return None;
        }
        match self.mode {
            Mode::Lines => self.next_line(),
            Mode::Values => self.next_value(),
        }
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// First present, non-null field among `names`, as a string. Wrong types are errors: silently
/// ignoring `"title": 5` would hide a broken export.
fn str_field(
    m: &Map<String, Value>,
    names: &[&'static str],
) -> Result<Option<(String, &'static str)>, String> {
    for &n in names {
        match m.get(n) {
            None | Some(Value::Null) => continue,
            Some(Value::String(s)) => return Ok(Some((s.clone(), n))),
            Some(v) => {
                return Err(format!(
                    "field \"{n}\" has wrong type: expected string, found {}",
                    type_name(v)
                ))
            }
        }
    }
    Ok(None)
}

const ID_FIELDS: &[&str] = &["id", "doc_id", "docid", "_id", "guid", "uuid"];
const TEXT_FIELDS: &[&str] = &[
    "text",
    "content",
    "body",
    "article",
    "maintext",
    "full_text",
    "story",
];
const HTML_FIELDS: &[&str] = &["html", "raw_html", "content_html", "body_html"];
const TITLE_FIELDS: &[&str] = &["title", "headline"];
const URL_FIELDS: &[&str] = &["url", "link", "uri", "canonical_url", "source_url"];
const DATE_FIELDS: &[&str] = &[
    "published",
    "date",
    "date_published",
    "published_at",
    "publish_date",
    "pubdate",
    "datetime",
    "time",
    "created_at",
    "date_extracted",
];
const SOURCE_FIELDS: &[&str] = &[
    "source",
    "site",
    "domain",
    "publisher",
    "outlet",
    "source_name",
];

/// Text may be a string or a list of paragraph strings (scrapy output).
fn text_field(m: &Map<String, Value>) -> Result<Option<String>, String> {
    for &n in TEXT_FIELDS {
        match m.get(n) {
            None | Some(Value::Null) => continue,
            Some(Value::String(s)) => return Ok(Some(s.clone())),
            Some(Value::Array(a)) => {
                let mut parts = Vec::with_capacity(a.len());
                for (i, v) in a.iter().enumerate() {
                    match v {
                        Value::String(s) => parts.push(s.trim().to_string()),
                        Value::Null => {}
                        other => {
                            return Err(format!(
                                "field \"{n}\"[{i}] has wrong type: expected string, found {}",
                                type_name(other)
                            ))
                        }
                    }
                }
                return Ok(Some(
                    parts
                        .into_iter()
                        .filter(|p| !p.is_empty())
                        .collect::<Vec<_>>()
                        .join("\n"),
                ));
            }
            Some(v) => {
                return Err(format!(
                    "field \"{n}\" has wrong type: expected string or array of strings, found {}",
                    type_name(v)
                ))
            }
        }
    }
    Ok(None)
}

fn to_rec(bytes: &[u8], origin: Origin, fallback_id: String) -> Rec {
    let (s, mut warnings) = decode_bytes(bytes, None, false);
    let v: Value = match serde_json::from_str(&s) {
        Ok(v) => v,
        Err(e) => return Rec::Failed(IngestError::new(origin, format!("invalid JSON: {e}"))),
    };
    let Value::Object(m) = v else {
        return Rec::Failed(IngestError::new(
            origin,
            format!("expected a JSON object, found {}", type_name(&v)),
        ));
    };
    match build(&m, &origin, fallback_id, &mut warnings) {
        Ok(mut c) => {
            c.warnings = warnings;
            c.origin = origin;
            Rec::Doc(Box::new(c))
        }
        Err(msg) => Rec::Failed(IngestError::new(origin, msg)),
    }
}

fn build(
    m: &Map<String, Value>,
    _origin: &Origin,
    fallback_id: String,
    warnings: &mut Vec<String>,
) -> Result<Candidate, String> {
    let id = match ID_FIELDS
        .iter()
        .find_map(|n| m.get(*n).filter(|v| !v.is_null()).map(|v| (n, v)))
    {
        None => None,
        Some((_, Value::String(s))) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some((_, Value::String(_))) => None,
        Some((_, Value::Number(n))) => Some(n.to_string()),
        Some((n, v)) => {
            return Err(format!(
                "field \"{n}\" has wrong type: expected string or number, found {}",
                type_name(v)
            ))
        }
    };
    let text = text_field(m)?;
    let html = str_field(m, HTML_FIELDS)?.map(|x| x.0);
    let mut title = str_field(m, TITLE_FIELDS)?
        .map(|x| x.0.trim().to_string())
        .filter(|t| !t.is_empty());
    let mut url = str_field(m, URL_FIELDS)?
        .map(|x| x.0.trim().to_string())
        .filter(|t| !t.is_empty());
    let mut source = str_field(m, SOURCE_FIELDS)?
        .map(|x| x.0.trim().to_string())
        .filter(|t| !t.is_empty());
    let mut published = match str_field(m, DATE_FIELDS)? {
        Some((raw, field)) => {
            let d = normalize_date(&raw);
            if d.is_none() && !raw.trim().is_empty() {
                warnings.push(format!("unparsed date in \"{field}\": {raw:?}"));
            }
            d
        }
        None => None,
    };
    let body = match (text, html) {
        (Some(t), _) if !t.trim().is_empty() => t,
        (_, Some(h)) => {
            let x = extract_html(&h, url.as_deref());
            title = title.or(x.title);
            url = url.or(x.url);
            published = published.or(x.published);
            source = source.or(x.site_name);
            x.text
        }
        (Some(t), None) => t,
        (None, None) => {
            return Err(format!(
                "no text field (expected one of {} or {})",
                TEXT_FIELDS.join("/"),
                HTML_FIELDS.join("/")
            ))
        }
    };
    let source = source.or_else(|| url.as_deref().and_then(host));
    let id = id.or_else(|| url.clone()).unwrap_or(fallback_id);
    Ok(Candidate {
        id,
        title,
        url,
        source,
        published,
        text: body,
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::open;

    fn run(name: &str, content: &[u8]) -> Vec<Rec> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(name);
        std::fs::write(&p, content).unwrap();
        let src = InputSource::from_path(&p);
        let op = open(&src).unwrap();
        let opts = IngestOptions::default();
        match JsonReader::new(&src, op, &opts, name.ends_with(".jsonl")) {
            Ok(r) => r.collect(),
            Err(r) => vec![r],
        }
    }

    fn summary(recs: &[Rec]) -> Vec<String> {
        recs.iter()
            .map(|r| match r {
                Rec::Doc(c) => format!("doc {} {}", c.id, c.text),
                Rec::Failed(e) => format!("err {e}"),
                Rec::Skipped { reason, .. } => format!("skip {reason}"),
                Rec::Quiet(s) => format!("quiet {s}"),
            })
            .collect()
    }

    #[test]
    fn jsonl_with_errors() {
        let data = "{\"id\":\"a\",\"text\":\"نص\"}\n\n{\"text\": 5}\nnot json\n{\"url\":\"http://x.com/1\",\"content\":[\"p1\",\"p2\"]}\n{\"body\":\"b\"}\n";
        let s = summary(&run("x.jsonl", data.as_bytes()));
        assert_eq!(s[0], "doc a نص");
        assert!(
            s[1].contains("x.jsonl:line 3: field \"text\" has wrong type"),
            "{}",
            s[1]
        );
        assert!(s[2].contains(":line 4: invalid JSON"));
        assert_eq!(s[3], "doc http://x.com/1 p1\np2");
        assert!(s[4].starts_with("doc x#6 b"), "{}", s[4]);
        assert_eq!(s.len(), 5);
    }

    #[test]
    fn arrays_and_objects() {
        let data = "[\n {\"title\": \"t\", \"content\": \"a, \\\"]\\\" b\", \"date_extracted\": \"2015-08-01 08:00:57\"},\n {\"content\": \"c\"}, 5\n]";
        let recs = run("x.json", data.as_bytes());
        let s = summary(&recs);
        assert_eq!(s[0], "doc x#2 a, \"]\" b");
        if let Rec::Doc(c) = &recs[0] {
            assert_eq!(c.published.as_deref(), Some("2015-08-01T08:00:57"));
        }
        assert_eq!(s[1], "doc x#3 c");
        assert!(
            s[2].contains("element 3") && s[2].contains("expected a JSON object"),
            "{}",
            s[2]
        );
        let pretty = "{\n  \"id\": 7,\n  \"text\": \"x\"\n}\n";
        assert_eq!(summary(&run("y.json", pretty.as_bytes())), vec!["doc 7 x"]);
        let jsonl = "{\"id\":1,\"text\":\"a\"}\n{\"id\":2,\"text\":\"b\"}\n";
        assert_eq!(summary(&run("z.json", jsonl.as_bytes())).len(), 2);
        let trunc = "[{\"text\": \"a\"}, {\"text\": \"b";
        let s = summary(&run("t.json", trunc.as_bytes()));
        assert_eq!(s.len(), 2);
        assert!(s[1].contains("unexpected end of input"));
    }

    #[test]
    fn truncated_gzip() {
        use flate2::write::GzEncoder;
        use std::io::Write;
        let mut body = String::new();
        for i in 0..2000 {
            body.push_str(&format!(
                "{{\"id\":\"{i}\",\"text\":\"نص الخبر رقم {i} وهو نص طويل بعض الشيء\"}}\n"
            ));
        }
        let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(body.as_bytes()).unwrap();
        let gz = enc.finish().unwrap();
        let cut = &gz[..gz.len() / 2];
        let recs = run("x.jsonl.gz", cut);
        let s = summary(&recs);
        let docs = s.iter().filter(|x| x.starts_with("doc")).count();
        assert!(docs > 100 && docs < 2000, "{docs}");
        let last = s.last().unwrap();
        assert!(
            last.contains("truncated gzip") && last.contains("compressed bytes"),
            "{last}"
        );
    }
}

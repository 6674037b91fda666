//! Hostile inputs: nothing may panic, hang or allocate without bound, and every error must name
//! its file and position.

use std::io::Write;
use std::path::Path;

use mirsad_ingest::{
    expand_inputs, extract_html, read_all, IngestItem, IngestOptions, InputSource,
};

fn run(paths: &[&Path], opts: &IngestOptions) -> Vec<IngestItem> {
    let args: Vec<String> = paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let (srcs, errs) = expand_inputs(&args);
    let mut items: Vec<IngestItem> = errs.into_iter().map(IngestItem::Failed).collect();
    items.extend(read_all(srcs, opts));
    items
}

fn opts() -> IngestOptions {
    IngestOptions {
        keep_non_arabic: true,
        ..Default::default()
    }
}

const AR: &str = "قالت وزارة الصحة اليوم، في بيان رسمي، إن عدد الإصابات ارتفع إلى ثلاثين حالة جديدة.";

#[test]
fn empty_file() {
    let d = tempfile::tempdir().unwrap();
    for name in [
        "e.txt",
        "e.html",
        "e.jsonl",
        "e.json",
        "e.warc",
        "e.json.gz",
    ] {
        let p = d.path().join(name);
        std::fs::write(&p, b"").unwrap();
        let items = run(&[&p], &opts());
        assert!(
            items.iter().all(|i| !matches!(i, IngestItem::Doc(_))),
            "{name}: {items:?}"
        );
    }
}

#[test]
fn binary_file() {
    let d = tempfile::tempdir().unwrap();
    let bytes: Vec<u8> = (0..100_000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    for name in [
        "b.txt",
        "b.html",
        "b.jsonl",
        "b.json",
        "b.warc",
        "b.warc.gz",
        "b.bin",
    ] {
        let p = d.path().join(name);
        std::fs::write(&p, &bytes).unwrap();
        let items = run(&[&p], &opts());
        for i in &items {
            if let IngestItem::Failed(e) = i {
                assert!(e.to_string().contains(name), "{e}");
            }
        }
    }
}

#[test]
fn truncated_gzip_names_offset() {
    let d = tempfile::tempdir().unwrap();
    let mut body = String::new();
    for i in 0..3000 {
        body.push_str(&format!("{{\"id\":\"{i}\",\"text\":\"{AR} {i}\"}}\n"));
    }
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(body.as_bytes()).unwrap();
    let gz = enc.finish().unwrap();
    let p = d.path().join("t.jsonl.gz");
    std::fs::write(&p, &gz[..gz.len() * 2 / 3]).unwrap();
    let items = run(&[&p], &opts());
    let docs = items
        .iter()
        .filter(|i| matches!(i, IngestItem::Doc(_)))
        .count();
    assert!(docs > 500, "{docs}");
    let IngestItem::Failed(e) = items.last().unwrap() else {
        panic!("no error at end")
    };
    let msg = e.to_string();
    assert!(
        msg.contains("t.jsonl.gz:line")
            && msg.contains("truncated gzip")
            && msg.contains("compressed bytes"),
        "{msg}"
    );
}

#[test]
fn huge_single_line_is_bounded() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("huge.jsonl");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
        f.write_all(b"{\"text\": \"").unwrap();
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..200 {
            f.write_all(&chunk).unwrap();
        }
        f.write_all(b"\"}\n").unwrap();
        f.write_all(format!("{{\"text\": \"{AR}\"}}\n").as_bytes())
            .unwrap();
    }
    let items = run(&[&p], &opts());
    assert_eq!(
        items.len(),
        2,
        "{:?}",
        items
            .iter()
            .map(|i| format!("{i:?}").chars().take(200).collect::<String>())
            .collect::<Vec<_>>()
    );
    let IngestItem::Failed(e) = &items[0] else {
        panic!()
    };
    assert!(e.to_string().contains("huge.jsonl:line 1: line of"), "{e}");
    assert!(matches!(items[1], IngestItem::Doc(_)));
    // The same bytes as a .txt: one error, not a 200 MB read.
    let t = d.path().join("huge.txt");
    std::fs::rename(&p, &t).unwrap();
    let items = run(&[&t], &opts());
    assert_eq!(items.len(), 1);
    assert!(matches!(&items[0], IngestItem::Failed(e) if e.message.contains("max_doc_bytes")));
}

#[test]
fn deeply_nested_html() {
    for depth in [10_000usize, 100_000] {
        for tag in ["div", "b", "a", "table", "p"] {
            let mut s = String::with_capacity(depth * 8);
            for _ in 0..depth {
                s.push_str(&format!("<{tag}>"));
            }
            s.push_str(AR);
            let x = extract_html(&s, None);
            assert!(x.text.contains("وزارة") || tag == "a", "{tag} {depth}");
        }
    }
}

#[test]
fn invalid_utf8_is_replaced_with_warning() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("bad.txt");
    let mut bytes = AR.as_bytes().to_vec();
    bytes.extend_from_slice(b"\xff\xfe\xc3");
    std::fs::write(&p, &bytes).unwrap();
    let items = run(&[&p], &opts());
    let IngestItem::Doc(doc) = &items[0] else {
        panic!("{items:?}")
    };
    assert!(doc.text.contains('\u{FFFD}'));
    assert!(doc.warnings.iter().any(|w| w.contains("invalid UTF-8")));
    // Invalid UTF-8 inside a JSON line affects that line only.
    let j = d.path().join("bad.jsonl");
    let mut b = format!("{{\"text\":\"{AR}\"}}\n{{\"text\":\"").into_bytes();
    b.extend_from_slice(b"\xff\xff\"}\n");
    b.extend_from_slice(format!("{{\"text\":\"{AR}\"}}\n").as_bytes());
    std::fs::write(&j, &b).unwrap();
    let items = run(&[&j], &opts());
    assert_eq!(items.len(), 3);
}

#[test]
fn jsonl_wrong_type_and_missing_file() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("w.jsonl");
    std::fs::write(
        &p,
        format!("{{\"text\": 5}}\n{{\"id\":\"ok\",\"text\":\"{AR}\"}}\n"),
    )
    .unwrap();
    let missing = d.path().join("nope.jsonl");
    let items = run(&[&missing, &p], &opts());
    assert_eq!(items.len(), 3, "{items:?}");
    let IngestItem::Failed(e) = &items[0] else {
        panic!()
    };
    assert!(e.to_string().contains("nope.jsonl") && e.message.contains("no such file"));
    let IngestItem::Failed(e) = &items[1] else {
        panic!()
    };
    assert!(e.to_string().ends_with("w.jsonl:line 1: field \"text\" has wrong type: expected string or array of strings, found number"), "{e}");
    let IngestItem::Doc(doc) = &items[2] else {
        panic!()
    };
    assert_eq!(doc.meta.id, "ok");
    assert_eq!(doc.language, "ar");
}

#[test]
fn non_arabic_is_skipped_unless_kept() {
    let src = || {
        InputSource::memory(
            "x.jsonl",
            b"{\"text\":\"The government said on Tuesday it would announce new measures.\"}\n"
                .to_vec(),
        )
    };
    let items: Vec<_> = read_all(vec![src()], &IngestOptions::default()).collect();
    assert!(
        matches!(&items[0], IngestItem::Skipped { reason, .. } if reason == "language en, not ar")
    );
    let items: Vec<_> = read_all(vec![src()], &opts()).collect();
    assert!(matches!(&items[0], IngestItem::Doc(d) if d.language == "en"));
}

#[test]
fn default_published_and_min_chars() {
    let o = IngestOptions {
        default_published: Some("2024-05-01".into()),
        min_chars: 10,
        ..Default::default()
    };
    let data = format!("{{\"text\":\"{AR}\"}}\n{{\"text\":\"قصير\"}}\n");
    let items: Vec<_> =
        read_all(vec![InputSource::memory("x.jsonl", data.into_bytes())], &o).collect();
    assert!(
        matches!(&items[0], IngestItem::Doc(d) if d.meta.published.as_deref() == Some("2024-05-01"))
    );
    assert!(
        matches!(&items[1], IngestItem::Skipped { reason, .. } if reason.starts_with("text too short"))
    );
}

/// Every input cargo-fuzz ever crashed on, replayed through the same entry points as the fuzz
/// targets. File names say which target found them.
#[test]
fn fuzz_regressions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let data = std::fs::read(&p).unwrap();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let o = IngestOptions {
            keep_non_arabic: true,
            max_doc_bytes: 64 * 1024,
            ..Default::default()
        };
        if name.starts_with("html_extract") {
            let _ = extract_html(
                &String::from_utf8_lossy(&data),
                Some("https://example.com/2020/01/02/x"),
            );
        } else if name.starts_with("warc_reader") {
            let fname = if data.first().is_some_and(|b| b & 1 == 1) {
                "x.warc.gz"
            } else {
                "x.warc"
            };
            let _: Vec<_> = read_all(vec![InputSource::memory(fname, data.clone())], &o).collect();
        } else if name.starts_with("jsonl_reader") {
            let fname = match data.first().map(|b| b % 3) {
                Some(0) => "x.jsonl",
                Some(1) => "x.json",
                _ => "x.json.gz",
            };
            let _: Vec<_> = read_all(vec![InputSource::memory(fname, data.clone())], &o).collect();
        }
        n += 1;
    }
    assert!(n >= 2);
}

#[test]
fn huge_first_line_of_dot_json() {
    let mut data = b"{\"text\": \"".to_vec();
    data.extend(std::iter::repeat_n(b'a', 5000));
    data.extend_from_slice(format!("\"}}\n{{\"text\":\"{AR}\"}}\n").as_bytes());
    let o = IngestOptions {
        max_doc_bytes: 1000,
        ..opts()
    };
    let items: Vec<_> = read_all(vec![InputSource::memory("x.json", data)], &o).collect();
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(
        matches!(&items[0], IngestItem::Failed(e) if e.to_string().starts_with("x.json:line 1: line of"))
    );
    assert!(matches!(&items[1], IngestItem::Doc(_)));
}

#[test]
fn odd_ant_docno_and_status_line() {
    // Multi-byte characters where fixed-width slices used to be taken.
    let ant = "<DOC>\n<DOCNO>JA-x-éééé</DOCNO>\n<TEXT>\nنص\n</TEXT>\n</DOC>".to_string();
    let _: Vec<_> = read_all(
        vec![InputSource::memory("a.txt", ant.into_bytes())],
        &opts(),
    )
    .collect();
    let block =
        "HTTP/1.1 ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé\r\n\r\n<p>x</p>";
    let warc = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    );
    let items: Vec<_> = read_all(
        vec![InputSource::memory("a.warc", warc.into_bytes())],
        &opts(),
    )
    .collect();
    assert!(
        matches!(&items[0], IngestItem::Failed(e) if e.message.contains("bad HTTP status")),
        "{items:?}"
    );
}

/// stdin and explicitly named files without a known extension are sniffed from their first bytes.
#[test]
fn sniffed_formats() {
    let html = format!("<!DOCTYPE html><html><body><article><p>{AR}</p></article></body></html>");
    let jsonl = format!("{{\"id\":\"j\",\"text\":\"{AR}\"}}\n");
    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}");
    let warc = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.com/a\r\nContent-Type: application/http\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(jsonl.as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("html", html.into_bytes()),
        ("jsonl", jsonl.into_bytes()),
        ("warc", warc.into_bytes()),
        ("gzip", gz),
        ("text", AR.as_bytes().to_vec()),
    ];
    for (what, bytes) in cases {
        let items: Vec<_> =
            read_all(vec![InputSource::memory("stdin-like", bytes)], &opts()).collect();
        assert_eq!(items.len(), 1, "{what}: {items:?}");
        let IngestItem::Doc(d) = &items[0] else {
            panic!("{what}: {items:?}")
        };
        assert!(d.text.contains("وزارة الصحة"), "{what}: {}", d.text);
    }
    let items: Vec<_> = read_all(vec![InputSource::memory("empty", Vec::new())], &opts()).collect();
    assert!(matches!(&items[0], IngestItem::Skipped { reason, .. } if reason == "empty input"));
}

//! Turning command-line arguments into an ordered list of inputs.
//!
//! Discovery only looks at names, never at contents, so it is cheap even for huge trees; anything
//! that cannot be classified by name is either sniffed later (explicitly named files, stdin) or
//! reported as skipped (files found while walking a directory).

use std::path::{Path, PathBuf};

use crate::{IngestError, Origin};

/// Where the bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    File(PathBuf),
    Stdin,
    /// In-memory bytes (tests, fuzzing, embedding callers).
    Memory(std::sync::Arc<[u8]>),
}

/// How an input will be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// Plain text: one document per file (ANT-corpus `<DOC>` files are recognised inside).
    Txt,
    Html,
    /// `.json` (object, array of objects, or JSON Lines) and `.jsonl`.
    Json,
    Warc,
    /// Decide from the first bytes (stdin, explicitly named files with odd extensions).
    Sniff,
    /// Found while walking a directory but not a format we read; becomes a `Skipped` item so the
    /// user sees why a file produced nothing.
    Unsupported(String),
}

/// One input, with a stable id prefix for the documents it yields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputSource {
    pub location: Location,
    /// Path as shown in errors.
    pub display: String,
    /// Stable document-id prefix: the path relative to the argument that named it (directory
    /// arguments keep their own name as first component), extensions removed, `/` separators.
    /// Ids therefore do not depend on the current directory or on absolute paths.
    pub id_base: String,
    pub format: Format,
    /// The file is gzip-compressed (`.gz` suffix, or gzip magic found when sniffing).
    pub gzip: bool,
}

impl InputSource {
    /// An input from a single path, classified by its name.
    pub fn from_path(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (format, gzip) = classify(&name).unwrap_or((Format::Sniff, false));
        InputSource {
            display: path.to_string_lossy().into_owned(),
            id_base: strip_exts(&name),
            location: Location::File(path),
            format,
            gzip,
        }
    }

    /// In-memory input; `name` (e.g. `page.html`, `dump.warc.gz`) selects the format like a
    /// file name would.
    pub fn memory(name: &str, bytes: impl Into<std::sync::Arc<[u8]>>) -> Self {
        let (format, gzip) = classify(name).unwrap_or((Format::Sniff, false));
        InputSource {
            location: Location::Memory(bytes.into()),
            display: name.to_string(),
            id_base: strip_exts(name),
            format,
            gzip,
        }
    }

    pub fn stdin() -> Self {
        InputSource {
            location: Location::Stdin,
            display: "-".into(),
            id_base: "stdin".into(),
            format: Format::Sniff,
            gzip: false,
        }
    }
}

/// Classify by file name: `(format, gzip)`, or `None` when the name says nothing we know.
pub(crate) fn classify(name: &str) -> Option<(Format, bool)> {
    let lower = name.to_ascii_lowercase();
    let (base, gzip) = match lower.strip_suffix(".gz") {
        Some(b) => (b, true),
        None => (lower.as_str(), false),
    };
    let ext = base.rsplit_once('.').map(|(_, e)| e)?;
    let format = match ext {
        "txt" | "text" => Format::Txt,
        "html" | "htm" | "xhtml" => Format::Html,
        "json" | "jsonl" | "ndjson" => Format::Json,
        "warc" => Format::Warc,
        _ => return None,
    };
    Some((format, gzip))
}

fn strip_exts(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let mut cut = name.len();
    if lower.ends_with(".gz") {
        cut -= 3;
    }
    match name[..cut].rfind('.') {
        Some(i) if i > 0 => name[..i].to_string(),
        _ => name[..cut].to_string(),
    }
}

fn is_hidden(name: &str) -> bool {
    name.starts_with('.') && name != "." && name != ".."
}

fn has_glob_meta(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// Expand arguments (files, directories, glob patterns, `-` for stdin) into inputs, in argument
/// order; directory contents are walked recursively in sorted order. A missing or unreadable
/// argument yields an error and the rest are still expanded.
pub fn expand_inputs(args: &[String]) -> (Vec<InputSource>, Vec<IngestError>) {
    let mut out = Vec::new();
    let mut errs = Vec::new();
    for arg in args {
        if arg == "-" {
            out.push(InputSource::stdin());
            continue;
        }
        let path = Path::new(arg);
        if path.exists() {
            add_path(path, &mut out, &mut errs);
            continue;
        }
        if has_glob_meta(arg) {
            let mo = glob::MatchOptions {
                case_sensitive: true,
                require_literal_separator: true,
                require_literal_leading_dot: true,
            };
            match glob::glob_with(arg, mo) {
                Ok(paths) => {
                    let mut matched: Vec<PathBuf> = Vec::new();
                    for p in paths {
                        match p {
                            Ok(p) => matched.push(p),
                            Err(e) => errs.push(IngestError::new(
                                Origin::file(e.path().to_string_lossy()),
                                format!("cannot read while expanding {arg}: {}", e.error()),
                            )),
                        }
                    }
                    matched.sort();
                    if matched.is_empty() {
                        errs.push(IngestError::new(
                            Origin::file(arg.clone()),
                            "pattern matched no files",
                        ));
                    }
                    for p in matched {
                        add_path(&p, &mut out, &mut errs);
                    }
                }
                Err(e) => errs.push(IngestError::new(
                    Origin::file(arg.clone()),
                    format!("bad glob pattern: {e}"),
                )),
            }
            continue;
        }
        errs.push(IngestError::new(
            Origin::file(arg.clone()),
            "no such file or directory",
        ));
    }
    (out, errs)
}

fn add_path(path: &Path, out: &mut Vec<InputSource>, errs: &mut Vec<IngestError>) {
    if path.is_dir() {
        let root_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "input".to_string());
        walk(path, &root_name, out, errs);
    } else {
        out.push(InputSource::from_path(path));
    }
}

/// Iterative walk (explicit stack) so that pathological directory depth cannot overflow.
fn walk(root: &Path, root_name: &str, out: &mut Vec<InputSource>, errs: &mut Vec<IngestError>) {
    // Stack of (dir, id prefix); children pushed in reverse so they pop in sorted order.
    let mut stack: Vec<(PathBuf, String)> = vec![(root.to_path_buf(), root_name.to_string())];
    while let Some((dir, prefix)) = stack.pop() {
        let rd = match std::fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) => {
                errs.push(IngestError::new(
                    Origin::file(dir.to_string_lossy()),
                    format!("cannot read directory: {e}"),
                ));
                continue;
            }
        };
        let mut entries: Vec<(String, PathBuf, bool)> = Vec::new();
        for ent in rd {
            match ent {
                Ok(ent) => {
                    let name = ent.file_name().to_string_lossy().into_owned();
                    if is_hidden(&name) {
                        continue;
                    }
                    let p = ent.path();
                    // Follow symlinks for classification, like `ls -L`; loops are bounded by
                    // the OS path-length limit.
                    let is_dir = p.is_dir();
                    entries.push((name, p, is_dir));
                }
                Err(e) => errs.push(IngestError::new(
                    Origin::file(dir.to_string_lossy()),
                    format!("cannot list directory entry: {e}"),
                )),
            }
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        // Files of this directory first (sorted), then its subdirectories (sorted): a stable,
        // predictable order that matches `find | sort` closely enough for reproducible runs.
        let mut subdirs = Vec::new();
        for (name, p, is_dir) in entries {
            let id = format!("{prefix}/{name}");
            if is_dir {
                subdirs.push((p, id));
                continue;
            }
            let display = p.to_string_lossy().into_owned();
            match classify(&name) {
                Some((format, gzip)) => out.push(InputSource {
                    location: Location::File(p),
                    display,
                    id_base: format!("{prefix}/{}", strip_exts(&name)),
                    format,
                    gzip,
                }),
                None => out.push(InputSource {
                    location: Location::File(p),
                    display,
                    id_base: id,
                    format: Format::Unsupported(format!(
                        "unknown extension, not read ({})",
                        name.rsplit_once('.').map(|(_, e)| e).unwrap_or("none")
                    )),
                    gzip: false,
                }),
            }
        }
        for sd in subdirs.into_iter().rev() {
            stack.push(sd);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_names() {
        assert_eq!(classify("a.JSONL.gz"), Some((Format::Json, true)));
        assert_eq!(classify("x.warc.gz"), Some((Format::Warc, true)));
        assert_eq!(classify("x.htm"), Some((Format::Html, false)));
        assert_eq!(classify("x.png"), None);
        assert_eq!(classify("README"), None);
        assert_eq!(strip_exts("a.b.jsonl.gz"), "a.b");
        assert_eq!(strip_exts("a.txt"), "a");
        assert_eq!(strip_exts(".x"), ".x");
    }

    #[test]
    fn expand_dirs_globs_missing() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("sub")).unwrap();
        std::fs::write(d.join("b.txt"), "x").unwrap();
        std::fs::write(d.join("a.html"), "x").unwrap();
        std::fs::write(d.join(".hidden.txt"), "x").unwrap();
        std::fs::write(d.join("img.png"), "x").unwrap();
        std::fs::write(d.join("sub/c.jsonl.gz"), "x").unwrap();
        let root = d.to_string_lossy().into_owned();
        let args = vec![
            root.clone(),
            format!("{root}/*.txt"),
            format!("{root}/missing.txt"),
            "-".to_string(),
        ];
        let (srcs, errs) = expand_inputs(&args);
        let rn = d.file_name().unwrap().to_string_lossy().into_owned();
        let ids: Vec<_> = srcs.iter().map(|s| s.id_base.clone()).collect();
        assert_eq!(
            ids,
            vec![
                format!("{rn}/a"),
                format!("{rn}/b"),
                format!("{rn}/img.png"),
                format!("{rn}/sub/c"),
                "b".to_string(),
                "stdin".to_string()
            ]
        );
        assert!(matches!(srcs[2].format, Format::Unsupported(_)));
        assert!(srcs[3].gzip);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].to_string().contains("missing.txt"));
    }
}

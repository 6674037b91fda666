//! The streaming driver: inputs in order, one record at a time, shared post-processing.

use std::collections::{BTreeMap, VecDeque};

use mirsad_core::Metadata;

use crate::boilerplate::{filter_lines, BoilerplateTracker};
use crate::formats::json::JsonReader;
use crate::formats::text::{host, read_html, read_txt};
use crate::formats::warc::WarcReader;
use crate::formats::{open, peek_start, sniff, Candidate, Rec};
use crate::lang::identify;
use crate::{Format, IngestError, IngestItem, IngestOptions, InputSource, Origin, RawDocument};

/// Counters for a run, for the CLI's summary line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IngestStats {
    pub inputs: u64,
    pub docs: u64,
    pub skipped: u64,
    pub failed: u64,
    /// Records not reported item by item (WARC request/metadata/warcinfo records, non-HTML or
    /// non-2xx responses), by kind.
    pub quiet: BTreeMap<String, u64>,
    /// Documents that had at least one line removed by the rule-based filters.
    pub docs_rule_cleaned: u64,
    /// Documents that had at least one line removed as repeated within their source.
    pub docs_repeat_cleaned: u64,
    pub lines_removed: u64,
}

/// Iterator returned by [`read_all`].
pub struct Reader {
    sources: VecDeque<InputSource>,
    opts: IngestOptions,
    current: Option<Box<dyn Iterator<Item = Rec>>>,
    tracker: BoilerplateTracker,
    stats: IngestStats,
}

/// Read all inputs lazily, in order. Memory is bounded by one record (`max_doc_bytes`) plus the
/// boilerplate tracker's window.
pub fn read_all(sources: Vec<InputSource>, opts: &IngestOptions) -> Reader {
    Reader {
        sources: sources.into(),
        tracker: BoilerplateTracker::new(opts.repeat_threshold.max(1), 50_000),
        opts: opts.clone(),
        current: None,
        stats: IngestStats::default(),
    }
}

impl Reader {
    pub fn stats(&self) -> &IngestStats {
        &self.stats
    }

    /// Open the next input; returns an item when the input itself yields one directly.
    fn start(&mut self, src: InputSource) -> Option<IngestItem> {
        self.stats.inputs += 1;
        if let Format::Unsupported(reason) = &src.format {
            return Some(IngestItem::Skipped {
                origin: Origin::file(&src.display),
                reason: reason.clone(),
            });
        }
        let mut op = match open(&src) {
            Ok(o) => o,
            Err(e) => return Some(IngestItem::Failed(e)),
        };
        let mut format = src.format.clone();
        if format == Format::Sniff {
            match peek_start(&mut *op.reader) {
                Ok(start) if start.is_empty() => {
                    return Some(IngestItem::Skipped {
                        origin: Origin::file(&src.display),
                        reason: "empty input".into(),
                    })
                }
                Ok(start) => format = sniff(&start),
                Err(e) => {
                    return Some(IngestItem::Failed(IngestError::new(
                        Origin::file(&src.display),
                        op.describe(&e),
                    )))
                }
            }
        }
        let opts = &self.opts;
        let it: Box<dyn Iterator<Item = Rec>> = match format {
            Format::Txt => Box::new(std::iter::once(read_txt(&src, op, opts))),
            Format::Html => Box::new(std::iter::once(read_html(&src, op, opts))),
            Format::Json => {
                let jsonl = src.display.to_ascii_lowercase().contains(".jsonl")
                    || src.display.to_ascii_lowercase().contains(".ndjson");
                match JsonReader::new(&src, op, opts, jsonl) {
                    Ok(r) => Box::new(r),
                    Err(rec) => Box::new(std::iter::once(rec)),
                }
            }
            Format::Warc => Box::new(WarcReader::new(&src, op, opts)),
            Format::Sniff | Format::Unsupported(_) => return None,
        };
        self.current = Some(it);
        None
    }

    fn finish(&mut self, c: Candidate) -> IngestItem {
        let Candidate {
            id,
            title,
            url,
            source,
            published,
            text,
            mut warnings,
            origin,
        } = c;
        let mut text = text;
        if self.opts.line_filters {
            let (t, removed) = filter_lines(&text);
            if !removed.is_empty() {
                self.stats.docs_rule_cleaned += 1;
                self.stats.lines_removed += removed.len() as u64;
                warnings.push(format!(
                    "boilerplate: removed {} line(s) by rule",
                    removed.len()
                ));
            }
            text = t;
        } else {
            text = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
        }
        if self.opts.repeat_threshold > 0 {
            let key = source
                .clone()
                .or_else(|| url.as_deref().and_then(host))
                .unwrap_or_else(|| origin.path.clone());
            let (t, removed) = self.tracker.process(&key, &text);
            if !removed.is_empty() {
                self.stats.docs_repeat_cleaned += 1;
                self.stats.lines_removed += removed.len() as u64;
                warnings.push(format!(
                    "boilerplate: removed {} line(s) repeated across documents of {key}",
                    removed.len()
                ));
            }
            text = t;
        }
        let n = text.chars().count();
        if n < self.opts.min_chars.max(1) {
            self.stats.skipped += 1;
            return IngestItem::Skipped {
                origin,
                reason: if n == 0 {
                    "no text".to_string()
                } else {
                    format!("text too short ({n} < {} chars)", self.opts.min_chars)
                },
            };
        }
        let lang = identify(&text);
        if lang.code != "ar" && !self.opts.keep_non_arabic {
            self.stats.skipped += 1;
            return IngestItem::Skipped {
                origin,
                reason: format!("language {}, not ar", lang.code),
            };
        }
        self.stats.docs += 1;
        IngestItem::Doc(RawDocument {
            meta: Metadata {
                id,
                title,
                url,
                source,
                published: published.or_else(|| self.opts.default_published.clone()),
            },
            text,
            language: lang.code,
            warnings,
            origin,
        })
    }
}

impl Iterator for Reader {
    type Item = IngestItem;

    fn next(&mut self) -> Option<IngestItem> {
        loop {
            if let Some(it) = self.current.as_mut() {
                match it.next() {
                    Some(Rec::Doc(c)) => return Some(self.finish(*c)),
                    Some(Rec::Skipped { origin, reason }) => {
                        self.stats.skipped += 1;
                        return Some(IngestItem::Skipped { origin, reason });
                    }
                    Some(Rec::Failed(e)) => {
                        self.stats.failed += 1;
                        return Some(IngestItem::Failed(e));
                    }
                    Some(Rec::Quiet(kind)) => {
                        *self.stats.quiet.entry(kind).or_default() += 1;
                        continue;
                    }
                    None => self.current = None,
                }
            }
            let src = self.sources.pop_front()?;
            if let Some(item) = self.start(src) {
                match &item {
                    IngestItem::Failed(_) => self.stats.failed += 1,
                    IngestItem::Skipped { .. } => self.stats.skipped += 1,
                    IngestItem::Doc(_) => self.stats.docs += 1,
                }
                return Some(item);
            }
        }
    }
}

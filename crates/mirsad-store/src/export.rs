//! Exports: events as PLOVER-style JSON Lines, flat CSV and Parquet; the actor graph as GraphML
//! and GEXF. Column and field meanings are documented in `EXPORTS.md`; the CSV/Parquet column
//! list ([`CSV_COLUMNS`]) is stable: new columns are only ever appended.

use crate::query::{EventFilter, EventRecord, Graph};
use crate::{Result, Store, StoreError};
use serde_json::json;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// PLOVER-style JSON Lines, one event per line.
    Jsonl,
    /// Flat CSV with [`CSV_COLUMNS`].
    Csv,
    /// Parquet with the same columns as the CSV (feature `parquet`).
    Parquet,
    /// Actor graph as GraphML.
    GraphMl,
    /// Actor graph as GEXF 1.3.
    Gexf,
}

impl ExportFormat {
    pub fn parse(s: &str) -> Option<ExportFormat> {
        Some(match s.to_ascii_lowercase().as_str() {
            "jsonl" | "plover" | "json" => ExportFormat::Jsonl,
            "csv" => ExportFormat::Csv,
            "parquet" => ExportFormat::Parquet,
            "graphml" => ExportFormat::GraphMl,
            "gexf" => ExportFormat::Gexf,
            _ => return None,
        })
    }
}

/// Stable CSV/Parquet columns, in order. Multi-valued actor columns join values with `;`.
pub const CSV_COLUMNS: [&str; 34] = [
    "event_id",
    "date",
    "date_source",
    "type",
    "cameo",
    "quad",
    "mode",
    "factuality",
    "confidence",
    "actor_ids",
    "actor_names",
    "actor_countries",
    "actor_sectors",
    "recipient_ids",
    "recipient_names",
    "recipient_countries",
    "recipient_sectors",
    "location",
    "location_country",
    "lat",
    "lon",
    "doc_id",
    "source",
    "url",
    "published",
    "trigger_start",
    "trigger_end",
    "trigger_text",
    "evidence_start",
    "evidence_end",
    "evidence_text",
    "cluster",
    "mentions",
    "near_dup_of",
];

fn join(
    v: &[crate::query::ActorSide],
    f: impl Fn(&crate::query::ActorSide) -> Option<&str>,
) -> String {
    v.iter()
        .map(|a| f(a).unwrap_or(""))
        .collect::<Vec<_>>()
        .join(";")
}

/// One event as CSV cells in [`CSV_COLUMNS`] order (`None` = empty / null).
pub fn csv_row(e: &EventRecord) -> Vec<Option<String>> {
    let s = |v: &Option<String>| v.clone();
    vec![
        Some(e.id.clone()),
        s(&e.date),
        s(&e.date_source),
        Some(e.event_type.clone()),
        s(&e.cameo),
        Some(e.quad.clone()),
        s(&e.mode),
        Some(e.factuality.clone()),
        Some(format!("{:.3}", e.confidence)),
        Some(join(&e.actors, |a| Some(&a.id))),
        Some(join(&e.actors, |a| Some(&a.name))),
        Some(join(&e.actors, |a| a.country.as_deref())),
        Some(join(&e.actors, |a| a.sector.as_deref())),
        Some(join(&e.recipients, |a| Some(&a.id))),
        Some(join(&e.recipients, |a| Some(&a.name))),
        Some(join(&e.recipients, |a| a.country.as_deref())),
        Some(join(&e.recipients, |a| a.sector.as_deref())),
        s(&e.location),
        s(&e.location_country),
        e.lat.map(|v| v.to_string()),
        e.lon.map(|v| v.to_string()),
        Some(e.doc_id.clone()),
        s(&e.source),
        s(&e.url),
        s(&e.published),
        Some(e.trigger.start.to_string()),
        Some(e.trigger.end.to_string()),
        s(&e.trigger.text),
        Some(e.evidence.start.to_string()),
        Some(e.evidence.end.to_string()),
        s(&e.evidence.text),
        s(&e.cluster),
        Some(e.mentions.to_string()),
        s(&e.near_dup_of),
    ]
}

/// PLOVER-style record: PLOVER's field names (`event_type`, `actor`, `recipient`, `mode`,
/// `context`…) where they exist, mirsad provenance under `source_*` and `mirsad`.
pub fn plover_json(e: &EventRecord) -> serde_json::Value {
    let side = |v: &[crate::query::ActorSide]| {
        v.iter()
            .map(|a| json!({"id": a.id, "name": a.name, "country": a.country, "sector": a.sector}))
            .collect::<Vec<_>>()
    };
    json!({
        "id": e.id,
        "event_date": e.date,
        "event_type": e.event_type,
        "mode": e.mode,
        "cameo": e.cameo,
        "quad": e.quad,
        "actor": side(&e.actors),
        "recipient": side(&e.recipients),
        "location": e.location.as_ref().map(|l| json!({
            "name": l.as_str(), "country": e.location_country, "lat": e.lat, "lon": e.lon})),
        "factuality": e.factuality,
        "confidence": e.confidence,
        "source_doc": {"id": e.doc_id, "source": e.source, "url": e.url, "title": e.title,
                        "published": e.published, "near_dup_of": e.near_dup_of},
        "trigger": e.trigger,
        "evidence": e.evidence,
        "cluster": e.cluster,
        "mentions": e.mentions,
    })
}

/// Writes the events matching `filter` (or the actor graph for the graph formats) to `w`.
/// Returns the number of records (events, or nodes + edges) written.
pub fn export_filtered(
    store: &Store,
    format: ExportFormat,
    filter: &EventFilter,
    mut w: impl Write,
) -> Result<u64> {
    let n = match format {
        ExportFormat::Jsonl => store.for_each_event(filter, |e| {
            serde_json::to_writer(&mut w, &plover_json(&e))?;
            w.write_all(b"\n")?;
            Ok(())
        })?,
        ExportFormat::Csv => {
            let mut c = csv::Writer::from_writer(&mut w);
            c.write_record(CSV_COLUMNS)
                .map_err(|e| StoreError::Export(e.to_string()))?;
            let n = store.for_each_event(filter, |e| {
                c.write_record(csv_row(&e).iter().map(|v| v.as_deref().unwrap_or("")))
                    .map_err(|e| StoreError::Export(e.to_string()))
            })?;
            c.flush()?;
            n
        }
        ExportFormat::Parquet => parquet_export(store, filter, &mut w)?,
        ExportFormat::GraphMl | ExportFormat::Gexf => {
            let g = store.graph(filter, usize::MAX)?;
            if format == ExportFormat::GraphMl {
                write_graphml(&g, &mut w)?;
            } else {
                write_gexf(&g, &mut w)?;
            }
            (g.nodes.len() + g.edges.len()) as u64
        }
    };
    w.flush()?;
    Ok(n)
}

/// Exports everything: all events, or the graph of all counted facts.
pub fn export(store: &Store, format: ExportFormat, w: impl Write) -> Result<u64> {
    export_filtered(store, format, &EventFilter::default(), w)
}

/// XML text/attribute escaping, dropping characters XML 1.0 forbids.
pub fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            '\t' | '\n' | '\r' => o.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => o.push(c),
        }
    }
    o
}

pub fn write_graphml(g: &Graph, w: &mut impl Write) -> Result<()> {
    let x = xml_escape;
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, dom, name, ty) in [
        ("name", "node", "name", "string"),
        ("country", "node", "country", "string"),
        ("kind", "node", "kind", "string"),
        ("nevents", "node", "events", "long"),
        ("events", "edge", "events", "long"),
        ("cooperation", "edge", "cooperation", "long"),
        ("conflict", "edge", "conflict", "long"),
    ] {
        writeln!(
            w,
            r#"  <key id="{id}" for="{dom}" attr.name="{name}" attr.type="{ty}"/>"#
        )?;
    }
    writeln!(w, r#"  <graph id="actors" edgedefault="directed">"#)?;
    for n in &g.nodes {
        writeln!(w, r#"    <node id="{}">"#, x(&n.id))?;
        writeln!(w, r#"      <data key="name">{}</data>"#, x(&n.name))?;
        if let Some(c) = &n.country {
            writeln!(w, r#"      <data key="country">{}</data>"#, x(c))?;
        }
        if let Some(k) = &n.kind {
            writeln!(w, r#"      <data key="kind">{}</data>"#, x(k))?;
        }
        writeln!(w, r#"      <data key="nevents">{}</data>"#, n.events)?;
        writeln!(w, "    </node>")?;
    }
    for (i, e) in g.edges.iter().enumerate() {
        writeln!(
            w,
            r#"    <edge id="e{i}" source="{}" target="{}">"#,
            x(&e.source),
            x(&e.target)
        )?;
        writeln!(w, r#"      <data key="events">{}</data>"#, e.events)?;
        writeln!(
            w,
            r#"      <data key="cooperation">{}</data>"#,
            e.cooperation
        )?;
        writeln!(w, r#"      <data key="conflict">{}</data>"#, e.conflict)?;
        writeln!(w, "    </edge>")?;
    }
    writeln!(w, "  </graph>\n</graphml>")?;
    Ok(())
}

pub fn write_gexf(g: &Graph, w: &mut impl Write) -> Result<()> {
    let x = xml_escape;
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">"#
    )?;
    writeln!(
        w,
        r#"  <meta><creator>mirsad</creator><description>actor network of counted fact events</description></meta>"#
    )?;
    writeln!(w, r#"  <graph mode="static" defaultedgetype="directed">"#)?;
    writeln!(w, r#"    <attributes class="node">"#)?;
    writeln!(
        w,
        r#"      <attribute id="0" title="country" type="string"/>"#
    )?;
    writeln!(w, r#"      <attribute id="1" title="kind" type="string"/>"#)?;
    writeln!(w, r#"      <attribute id="2" title="events" type="long"/>"#)?;
    writeln!(w, r#"    </attributes>"#)?;
    writeln!(w, r#"    <attributes class="edge">"#)?;
    writeln!(
        w,
        r#"      <attribute id="0" title="cooperation" type="long"/>"#
    )?;
    writeln!(
        w,
        r#"      <attribute id="1" title="conflict" type="long"/>"#
    )?;
    writeln!(w, r#"    </attributes>"#)?;
    writeln!(w, "    <nodes>")?;
    for n in &g.nodes {
        writeln!(
            w,
            r#"      <node id="{}" label="{}"><attvalues><attvalue for="0" value="{}"/><attvalue for="1" value="{}"/><attvalue for="2" value="{}"/></attvalues></node>"#,
            x(&n.id),
            x(&n.name),
            x(n.country.as_deref().unwrap_or("")),
            x(n.kind.as_deref().unwrap_or("")),
            n.events
        )?;
    }
    writeln!(w, "    </nodes>\n    <edges>")?;
    for (i, e) in g.edges.iter().enumerate() {
        writeln!(
            w,
            r#"      <edge id="{i}" source="{}" target="{}" weight="{}"><attvalues><attvalue for="0" value="{}"/><attvalue for="1" value="{}"/></attvalues></edge>"#,
            x(&e.source),
            x(&e.target),
            e.events,
            e.cooperation,
            e.conflict
        )?;
    }
    writeln!(w, "    </edges>\n  </graph>\n</gexf>")?;
    Ok(())
}

#[cfg(feature = "parquet")]
fn parquet_export(store: &Store, filter: &EventFilter, w: &mut impl Write) -> Result<u64> {
    use arrow_array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
    use arrow_schema::{DataType, Field, Schema};
    use parquet::arrow::ArrowWriter;
    use std::sync::Arc;

    // numeric columns typed, the rest UTF-8
    let kind = |c: &str| match c {
        "confidence" | "lat" | "lon" => DataType::Float64,
        "trigger_start" | "trigger_end" | "evidence_start" | "evidence_end" | "mentions" => {
            DataType::Int64
        }
        _ => DataType::Utf8,
    };
    let schema = Arc::new(Schema::new(
        CSV_COLUMNS
            .iter()
            .map(|c| Field::new(*c, kind(c), !matches!(*c, "event_id" | "type" | "doc_id")))
            .collect::<Vec<_>>(),
    ));
    // ArrowWriter needs `Write + Send`; buffer through a Vec and copy out
    let mut buf: Vec<u8> = Vec::new();
    let perr = |e: parquet::errors::ParquetError| StoreError::Export(e.to_string());
    let aerr = |e: arrow_schema::ArrowError| StoreError::Export(e.to_string());
    let mut writer = ArrowWriter::try_new(&mut buf, schema.clone(), None).map_err(perr)?;
    let mut rows: Vec<Vec<Option<String>>> = Vec::new();
    let flush = |rows: &mut Vec<Vec<Option<String>>>,
                 writer: &mut ArrowWriter<&mut Vec<u8>>|
     -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let cols: Vec<ArrayRef> = CSV_COLUMNS
            .iter()
            .enumerate()
            .map(|(i, c)| -> ArrayRef {
                match kind(c) {
                    DataType::Float64 => Arc::new(Float64Array::from(
                        rows.iter()
                            .map(|r| r[i].as_deref().and_then(|v| v.parse().ok()))
                            .collect::<Vec<Option<f64>>>(),
                    )),
                    DataType::Int64 => Arc::new(Int64Array::from(
                        rows.iter()
                            .map(|r| r[i].as_deref().and_then(|v| v.parse().ok()))
                            .collect::<Vec<Option<i64>>>(),
                    )),
                    _ => Arc::new(StringArray::from(
                        rows.iter().map(|r| r[i].clone()).collect::<Vec<_>>(),
                    )),
                }
            })
            .collect();
        let batch = RecordBatch::try_new(schema.clone(), cols).map_err(aerr)?;
        writer.write(&batch).map_err(perr)?;
        rows.clear();
        Ok(())
    };
    let n = store.for_each_event(filter, |e| {
        rows.push(csv_row(&e));
        if rows.len() >= 8192 {
            flush(&mut rows, &mut writer)?;
        }
        Ok(())
    })?;
    flush(&mut rows, &mut writer)?;
    writer.close().map_err(perr)?;
    w.write_all(&buf)?;
    Ok(n)
}

#[cfg(not(feature = "parquet"))]
fn parquet_export(_: &Store, _: &EventFilter, _: &mut impl Write) -> Result<u64> {
    Err(StoreError::Export(
        "this build has no Parquet support (cargo feature `parquet`)".into(),
    ))
}

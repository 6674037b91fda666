//! Exports parsed back with independent readers.

use mirsad_store::export::{export_filtered, CSV_COLUMNS};
use mirsad_store::fixtures::sample_docs;
use mirsad_store::{export, EventFilter, ExportFormat, Store};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(dir.path()).unwrap();
    let mut docs = sample_docs();
    // names that need escaping in XML and quoting in CSV
    docs[1].events[0].actor[0].name = "Yemen <gov't> & \"co\", ltd".into();
    s.ingest(docs).unwrap();
    (dir, s)
}

#[test]
fn csv_has_stable_columns_and_round_trips() {
    let (_d, s) = store();
    let mut buf = Vec::new();
    assert_eq!(export(&s, ExportFormat::Csv, &mut buf).unwrap(), 6);
    let mut r = csv::Reader::from_reader(buf.as_slice());
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(headers, CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6);
    let col = |n: &str| CSV_COLUMNS.iter().position(|c| *c == n).unwrap();
    let acc = rows.iter().find(|r| &r[col("type")] == "ACCUSE").unwrap();
    assert_eq!(&acc[col("actor_names")], "Yemen <gov't> & \"co\", ltd");
    assert_eq!(&acc[col("recipient_ids")], "IRN");
    assert_eq!(&acc[col("trigger_text")], "اتهمت");
    assert_eq!(&acc[col("quad")], "verbal_conflict");
    let aid = rows.iter().find(|r| &r[col("doc_id")] == "d3").unwrap();
    assert_eq!(&aid[col("near_dup_of")], "d1");
    assert_eq!(&aid[col("mentions")], "0");
}

#[test]
fn jsonl_is_plover_like() {
    let (_d, s) = store();
    let mut buf = Vec::new();
    let f = EventFilter {
        event_type: Some("AID".into()),
        ..Default::default()
    };
    assert_eq!(
        export_filtered(&s, ExportFormat::Jsonl, &f, &mut buf).unwrap(),
        2
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(buf)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["event_type"], "AID");
    assert_eq!(lines[0]["actor"][0]["id"], "SAU");
    assert_eq!(lines[0]["source_doc"]["id"], "d1");
    assert_eq!(lines[0]["event_date"], "2015-07-20");
}

#[test]
fn graphml_and_gexf_are_well_formed() {
    let (_d, s) = store();
    for fmt in [ExportFormat::GraphMl, ExportFormat::Gexf] {
        let mut buf = Vec::new();
        export(&s, fmt, &mut buf).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let doc =
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{fmt:?}: {e}\n{text}"));
        let nodes = doc.descendants().filter(|n| n.has_tag_name("node")).count();
        let edges: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("edge"))
            .collect();
        assert_eq!(nodes, 3, "{fmt:?}");
        assert!(edges
            .iter()
            .any(|e| e.attribute("source") == Some("SAU") && e.attribute("target") == Some("YEM")));
    }
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_reads_back() {
    use arrow_array::{Array, Int64Array, StringArray};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let (d, s) = store();
    let path = d.path().join("events.parquet");
    let f = std::fs::File::create(&path).unwrap();
    assert_eq!(export(&s, ExportFormat::Parquet, f).unwrap(), 6);
    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let mut rows = 0;
    for batch in reader {
        let batch = batch.unwrap();
        rows += batch.num_rows();
        let names: Vec<String> = batch
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        assert_eq!(names, CSV_COLUMNS);
        let types = batch
            .column_by_name("type")
            .unwrap()
            .as_any()
            .downcast_ref::<StringArray>()
            .unwrap();
        assert!((0..types.len()).any(|i| types.value(i) == "AGREE"));
        let m = batch
            .column_by_name("mentions")
            .unwrap()
            .as_any()
            .downcast_ref::<Int64Array>()
            .unwrap();
        assert!(m.iter().all(|v| v.is_some()));
    }
    assert_eq!(rows, 6);
}

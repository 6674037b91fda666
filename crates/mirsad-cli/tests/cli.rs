//! End-to-end tests of the `mirsad` binary: real files in, JSON Lines out.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn mirsad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mirsad"))
        .args(args)
        .current_dir(workspace())
        .output()
        .expect("run mirsad")
}

fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("MIRSAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("../shared"));
    if dir.join("data").is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: ../shared/data not found");
        None
    }
}

fn example_paths() -> Vec<String> {
    let mut paths: Vec<String> = std::fs::read_dir(workspace().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "md"))
        .map(|p| p.strip_prefix(workspace()).unwrap().display().to_string())
        .collect();
    paths.sort();
    paths
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn analyze_examples_prints_one_document_per_article_in_input_order() {
    let paths = example_paths();
    let mut args = vec!["analyze", "--tokens"];
    args.extend(paths.iter().map(String::as_str));
    let out = mirsad(&args);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = lines(&out);
    // 8 single-article files + 5 JSON Lines records
    assert_eq!(docs.len(), 13);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    let first_jsonl = ids
        .iter()
        .position(|i| *i == "ex-aid-yemen-ramadan")
        .unwrap();
    assert_eq!(
        &ids[first_jsonl..first_jsonl + 5],
        &[
            "ex-aid-yemen-ramadan",
            "ex-agree-egypt-sudan",
            "ex-accuse-houthi-missile",
            "ex-coerce-iraq-arrests",
            "ex-morocco-algeria"
        ]
    );
    for d in &docs {
        let text = d["text"].as_str().unwrap();
        let n = text.chars().count() as u64;
        assert_eq!(d["language"], "ar");
        assert!(d["published"].is_string(), "{} has no date", d["id"]);
        let sentences = d["sentences"].as_array().unwrap();
        assert!(sentences.len() >= 3, "{}", d["id"]);
        for s in sentences {
            assert!(s["start"].as_u64().unwrap() < s["end"].as_u64().unwrap());
            assert!(s["end"].as_u64().unwrap() <= n);
        }
        // The token layer holds syntactic words: a clitic's span is its letters inside the
        // written token, and only words whose spelling the split restores (للحظر → ل + الحظر,
        // حكومته → حكومة + ه) have a form other than their span.
        let tokens = d["tokens"].as_array().unwrap();
        let chars: Vec<char> = text.chars().collect();
        let mut previous_end = 0;
        let mut same = 0;
        for t in tokens {
            let (s, e) = (
                t["start"].as_u64().unwrap() as usize,
                t["end"].as_u64().unwrap() as usize,
            );
            assert!(previous_end <= s && s < e && e <= chars.len(), "{t}");
            previous_end = e;
            assert!(t["upos"].is_string(), "{t}");
            let form: String = chars[s..e].iter().collect();
            same += usize::from(form == t["form"].as_str().unwrap());
        }
        assert!(
            same * 100 >= tokens.len() * 95,
            "{}: {same}/{}",
            d["id"],
            tokens.len()
        );
        // boilerplate from the HTML pages must be gone
        for junk in [
            "جميع الحقوق محفوظة",
            "اقرأ أيضا",
            "googletag",
            "Powered by",
            "Feedly",
        ] {
            assert!(!text.contains(junk), "{}: {junk}", d["id"]);
        }
    }
    let hodeidah = docs
        .iter()
        .find(|d| d["id"].as_str().unwrap().contains("hodeidah"))
        .unwrap();
    assert!(hodeidah["text"]
        .as_str()
        .unwrap()
        .contains("وقف إطلاق النار في مدينة الحديدة"));
    assert_eq!(hodeidah["published"].as_str().unwrap(), "2018-12-18");
    let lavrov = docs
        .iter()
        .find(|d| d["id"].as_str().unwrap().contains("lavrov"))
        .unwrap();
    assert_eq!(lavrov["published"].as_str().unwrap(), "2015-08-12");
}

#[test]
fn output_matches_the_schema() {
    let Some(shared) = shared() else { return };
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(shared.join("schema/analysis.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let paths = example_paths();
    let mut args = vec!["analyze", "--tokens"];
    args.extend(paths.iter().map(String::as_str));
    let out = mirsad(&args);
    assert!(out.status.success());
    let docs = lines(&out);
    assert!(!docs.is_empty());
    for d in &docs {
        let errors: Vec<String> = validator.iter_errors(d).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", d["id"]);
    }
}

#[test]
fn missing_file_fails_that_input_only_with_exit_code_1() {
    let out = mirsad(&[
        "analyze",
        "examples/no-such-file.txt",
        "examples/2015-10-05-idlib-airstrikes.txt",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out).len(), 1);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no-such-file.txt"), "{stderr}");
    assert!(stderr.contains("1 ok, 1 failed, 0 skipped"), "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        mirsad(&["analyze", "--published", "yesterday", "x"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        mirsad(&["analyze", "--no-such-flag"]).status.code(),
        Some(2)
    );
    assert_eq!(mirsad(&["frobnicate"]).status.code(), Some(2));
    let help = mirsad(&["analyze", "--help"]);
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--published"));
}

#[test]
fn published_flag_fills_missing_dates_and_stdin_works() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_mirsad"))
        .args(["analyze", "--published", "2020-01-02", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            "قال المتحدث إن الاجتماع عقد في بغداد. وأضاف أن الجولة المقبلة ستعقد في عمان."
                .as_bytes(),
        )
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = lines(&out);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["published"], "2020-01-02");
    assert_eq!(docs[0]["sentences"].as_array().unwrap().len(), 2);
}

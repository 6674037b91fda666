//! End-to-end tests of `mirsad ud convert` and `mirsad eval ud` on the real PADT files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn mirsad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mirsad"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .output()
        .expect("run mirsad")
}

fn padt() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ud/padt-v1");
    if dir.join("ar-ud-dev.conllu").is_file() {
        Some(dir)
    } else {
        eprintln!("skipping: {} not found", dir.display());
        None
    }
}

#[test]
fn converts_padt_and_scores_dev_against_itself() {
    let Some(padt) = padt() else { return };
    let out = tempfile::tempdir().unwrap();
    let converted = mirsad(&[
        "ud",
        "convert",
        "--padt",
        padt.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(converted.status.success(), "{converted:?}");
    let report = String::from_utf8_lossy(&converted.stdout);
    assert!(
        report.contains("dev: 30 documents, 271 sentences, 8879 tokens, 10336 words"),
        "{report}"
    );
    let dev = out.path().join("dev.conllu");
    let dev = dev.to_str().unwrap();
    let scored = mirsad(&["eval", "ud", "--gold", dev, "--system", dev, "--json"]);
    assert!(scored.status.success(), "{scored:?}");
    let scores: serde_json::Value = serde_json::from_slice(&scored.stdout).unwrap();
    assert_eq!(scores["LAS"]["f1"], 1.0);
    assert_eq!(scores["Words"]["gold"], 10336);
    assert_eq!(scores["Tokens"]["system"], 8879);

    // Without --system our own analyzer runs on the raw text of the gold file. The floors sit
    // well under the scores in crates/mirsad-morph/MODEL_CARD.md: they catch a broken model or
    // a broken alignment, not a point of accuracy.
    let own = mirsad(&["eval", "ud", "--gold", dev, "--json"]);
    assert!(own.status.success(), "{own:?}");
    let scores: serde_json::Value = serde_json::from_slice(&own.stdout).unwrap();
    let f1 = |metric: &str| scores[metric]["f1"].as_f64().unwrap();
    assert!(f1("Tokens") > 0.97, "{scores}");
    assert!(f1("Words") > 0.95, "{scores}");
    assert!(f1("UPOS") > 0.85, "{scores}");
    assert!(f1("LAS") > 0.6, "{scores}");
}

#[test]
fn mismatched_texts_fail_with_the_offset() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.conllu");
    let system = dir.path().join("system.conllu");
    std::fs::write(&gold, "1\tقال\t_\tVERB\t_\t_\t0\troot\t_\t_\n\n").unwrap();
    std::fs::write(&system, "1\tقيل\t_\tVERB\t_\t_\t0\troot\t_\t_\n\n").unwrap();
    let out = mirsad(&[
        "eval",
        "ud",
        "--gold",
        gold.to_str().unwrap(),
        "--system",
        system.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("differ") && stderr.contains("character 1"),
        "{stderr}"
    );
}

//! The committed KB: coverage, validity, and that it is what the generator makes.

use mirsad_kb::{Kb, Severity};
use std::path::PathBuf;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared() -> PathBuf {
    std::env::var_os("MIRSAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

#[test]
fn coverage_counts() {
    let kb = Kb::embedded();
    assert!(kb.len() >= 6_000, "{} actors", kb.len());
    let forms = kb.name_form_count();
    assert!(forms >= 40_000, "{forms} Arabic name forms");
    let kinds = kb.count_by_kind();
    for k in [
        mirsad_core::ActorKind::Person,
        mirsad_core::ActorKind::State,
        mirsad_core::ActorKind::Igo,
        mirsad_core::ActorKind::ArmedGroup,
        mirsad_core::ActorKind::Location,
    ] {
        assert!(kinds.iter().any(|(kk, n)| *kk == k && *n > 0), "{k:?}");
    }
}

#[test]
fn every_un_member_has_a_state_and_a_government() {
    let kb = Kb::embedded();
    // a sample across regions, plus the observers and territories the news names
    for iso in [
        "SYR", "RUS", "USA", "CHN", "FRA", "GBR", "TUR", "IRN", "ISR", "PSE", "VAT", "EGY", "SAU",
        "YEM", "LBY", "SDN", "SOM", "MRT", "COM", "DJI", "BRA", "NGA", "IDN", "AUS", "TWN",
    ] {
        let e = kb.show(iso).unwrap_or_else(|| panic!("{iso} missing"));
        assert_eq!(e.kind, mirsad_core::ActorKind::State, "{iso}");
        assert!(
            kb.show(&format!("{iso}_GOV")).is_some(),
            "{iso}_GOV missing"
        );
    }
    let rus = kb.show("RUS").unwrap();
    for a in [
        "روسي",
        "روسية",
        "الروسي",
        "الروسية",
        "الروس",
        "الروسيين",
        "الروسيون",
        "الروسيات",
    ] {
        assert!(rus.adjectives_ar.iter().any(|x| x == a), "{a}");
    }
}

#[test]
fn embedded_kb_validates_without_errors() {
    let kb = Kb::embedded();
    let errors: Vec<_> = kb
        .validate()
        .into_iter()
        .filter(|i| i.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn directory_load_equals_embedded() {
    let a = Kb::embedded();
    let b = Kb::load_dir(&workspace().join("kb")).unwrap();
    assert_eq!(a.len(), b.len());
    assert_eq!(a.show("P_JOHN_KERRY"), b.show("P_JOHN_KERRY"));
}

#[test]
fn committed_kb_equals_fresh_build() {
    let shared = shared();
    if !shared.join("data").is_dir() {
        eprintln!("skipping: ../shared/data not found");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let gen = tmp.path().join("generated");
    std::fs::create_dir_all(&gen).unwrap();
    let curated = tmp.path().join("curated");
    std::fs::create_dir_all(&curated).unwrap();
    for e in std::fs::read_dir(workspace().join("kb/curated")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, curated.join(p.file_name().unwrap())).unwrap();
    }
    mirsad_kb::build::build_from_shared(&shared, &gen).unwrap();
    for f in ["actors.jsonl", "build_log.txt", "first_names.txt"] {
        let fresh = std::fs::read_to_string(gen.join(f)).unwrap();
        let committed = std::fs::read_to_string(workspace().join("kb/generated").join(f)).unwrap();
        assert!(
            fresh == committed,
            "kb/generated/{f} differs from a fresh build: run `cargo run -p mirsad-kb --example build_kb`"
        );
    }
}

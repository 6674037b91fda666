//! Regenerates kb/generated from the shared data: `cargo run -p mirsad-kb --example build_kb [SHARED]`.
fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let shared = std::env::args()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("../shared"));
    let r =
        mirsad_kb::build::build_from_shared(&shared, &root.join("kb/generated")).expect("build");
    let kb = mirsad_kb::Kb::load_dir(&root.join("kb")).expect("load");
    println!(
        "generated {} entries, {} log lines; loaded {} actors, {} name forms",
        r.actors,
        r.log_lines,
        kb.len(),
        kb.name_form_count()
    );
    for (k, n) in kb.count_by_kind() {
        println!("  {k:?}: {n}");
    }
    let issues = kb.validate();
    let errors: Vec<_> = issues
        .iter()
        .filter(|i| i.severity == mirsad_kb::Severity::Error)
        .collect();
    println!(
        "validate: {} errors, {} warnings",
        errors.len(),
        issues.len() - errors.len()
    );
    for e in issues.iter().take(
        std::env::var("SHOW")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(30),
    ) {
        println!("  {e}");
    }
}

//! `mirsad kb` as a user runs it: the real binary, its output read through a pipe.

use std::process::{Command, Stdio};

/// Runs `mirsad kb ARGS` with standard output going to a pipe whose reading end is closed
/// before the command writes anything (`mirsad kb … | head -0`): every write fails with EPIPE.
fn kb_into_closed_pipe(args: &[&str]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mirsad"))
        .arg("kb")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mirsad runs");
    drop(child.stdout.take());
    child.wait_with_output().expect("mirsad ends")
}

#[test]
fn kb_commands_end_quietly_when_the_reader_goes_away() {
    for args in [
        &["show", "P_VLADIMIR_PUTIN"][..],
        &["find", "ال", "--limit", "5000"][..],
        &["validate", "--warnings"][..],
    ] {
        let out = kb_into_closed_pipe(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "mirsad kb {args:?} complained about the closed pipe: {stderr}"
        );
        assert!(
            out.status.success(),
            "mirsad kb {args:?} exited with {:?}: {stderr}",
            out.status
        );
    }
}

#[test]
fn kb_show_prints_the_entry_to_a_reader_that_stays() {
    let out = Command::new(env!("CARGO_BIN_EXE_mirsad"))
        .args(["kb", "show", "P_VLADIMIR_PUTIN"])
        .output()
        .expect("mirsad runs");
    assert!(out.status.success());
    let entry: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(entry["id"], "P_VLADIMIR_PUTIN");
}

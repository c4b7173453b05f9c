//! Durability against the real binary: executions survive `kill -9` and restarts.
//!
//! `tests/e2e/durability.py` holds the scenarios (see its header): it starts and kills the
//! server itself, talks to it with boto3, and compares against a crash-free run. Without
//! boto3 these tests fail under `CI=true` and print a loud `SKIPPED` line elsewhere.

#[allow(
    dead_code,
    reason = "these tests start their servers from the script, not with `common::Server`"
)]
mod common;

use std::process::Command;

/// Runs one scenario of `durability.py` in a scratch directory and asserts that it passed.
fn check(scenario: &str) {
    if !common::has_boto3() {
        return;
    }
    let dir = common::scratch_dir();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/durability.py");
    let output = Command::new("python3")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_statewright"))
        .arg(&dir)
        .arg(scenario)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env_remove("STATEWRIGHT_DATA_DIR")
        .output()
        .expect("python3 starts");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let logs: String = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|entry| entry.file_name().to_string_lossy().ends_with(".log"))
                .map(|entry| {
                    format!(
                        "--- {}\n{}",
                        entry.file_name().to_string_lossy(),
                        std::fs::read_to_string(entry.path()).unwrap_or_default()
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert!(
        output.status.success(),
        "durability.py {scenario} exited {}\n--- stdout\n{stdout}\n--- stderr\n{stderr}\n{logs}",
        output.status
    );
    assert_eq!(stdout.trim(), format!("ok {scenario}"), "stderr:\n{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn executions_survive_repeated_kills() {
    check("crash");
}

#[test]
fn a_wait_ends_on_time_across_a_restart() {
    check("restart");
}

#[test]
fn activity_tokens_stay_valid_across_a_restart() {
    check("token");
}

#[test]
fn a_parent_finds_its_child_again_after_a_restart() {
    check("nested");
}

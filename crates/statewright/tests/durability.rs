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

/// Runs one scenario of `durability.py` in a scratch directory and asserts that it passed.
fn check(scenario: &str) {
    if !common::has_boto3() {
        return;
    }
    common::run_script("durability.py", &[scenario], scenario);
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

//! Triggers on a real `statewright serve`: the EventBridge API driven by boto3 and the `aws`
//! CLI, the HTTP event endpoint, dead-letter queues and a watched directory that plays an S3
//! bucket, through the scenarios of `tests/e2e/events_flow.py`; and deliveries that survive
//! `kill -9`, through `tests/e2e/triggers_durability.py`.
//!
//! The scripts hold the calls and the assertions (see their headers). Each flow test starts its
//! own server with the configuration file it needs and hands the script the server's scratch
//! directory, where the script finds that file; the durability test starts and kills its
//! servers itself. Without boto3 (or the CLI) these tests fail under `CI=true` and print a loud
//! `SKIPPED` line elsewhere.

mod common;

use common::Server;

/// The configuration of a server with a watched directory `photos/` that plays the bucket
/// `photos` and also raises CloudTrail events.
const BUCKET_CONFIG: &str = r#"
[buckets.photos]
path = "photos"
cloudtrail = true
scan_interval_ms = 250
"#;

/// The configuration of a server whose event endpoint needs an API key.
const API_KEY_CONFIG: &str = r#"
[events]
api_key_name = "x-api-key"
api_key_value = "k-2f9c"
"#;

/// The configuration of a server whose dead-letter queues are files in `dead-letters/`.
const DEAD_LETTER_CONFIG: &str = r#"
[events]
dead_letter_dir = "dead-letters"
"#;

/// Runs one scenario of `events_flow.py` against a fresh server, given `config` as its
/// configuration file when there is one, and asserts that it passed.
fn check(scenario: &str, config: Option<&str>) {
    if !common::has_boto3() {
        return;
    }
    let server = match config {
        Some(config) => Server::start_with(
            &[("statewright.toml", config)],
            &["--config", "{dir}/statewright.toml"],
        ),
        None => Server::start(),
    };
    let dir = server.dir().to_string_lossy().into_owned();
    server.run_scenario("events_flow.py", &[&dir], scenario);
}

#[test]
fn rules_and_targets_go_through_their_lifecycle_with_awss_errors() {
    check("rules", None);
}

#[test]
fn put_events_starts_the_matching_rules_executions_and_no_others() {
    check("put_events", None);
}

#[test]
fn test_event_pattern_matches_as_rules_do_and_refuses_bad_input() {
    check("test_event_pattern", None);
}

#[test]
fn the_http_endpoint_takes_whole_events_once_and_bare_details_with_its_key() {
    check("http_endpoint", Some(API_KEY_CONFIG));
}

#[test]
fn an_event_for_a_deleted_machine_goes_to_the_dead_letter_queue() {
    check("dead_letter", Some(DEAD_LETTER_CONFIG));
}

#[test]
fn files_in_a_watched_directory_raise_s3_events_once_each() {
    check("bucket", Some(BUCKET_CONFIG));
}

#[test]
fn the_aws_cli_puts_rules_targets_and_events() {
    if !common::require(
        "the aws CLI",
        "aws",
        &["--version"],
        "python3 -m pip install awscli",
    ) {
        return;
    }
    check("aws_cli", None);
}

#[test]
fn every_event_starts_exactly_one_execution_across_kills() {
    if !common::has_boto3() {
        return;
    }
    common::run_script("triggers_durability.py", &["restart"], "restart");
}

//! EventBridge's documented pattern examples, each as (pattern, event, expected match).
//!
//! The events are cut down to the fields that matter; the patterns are the documentation's.
//! The table is also written to `documented-examples.json`, which the API's tests replay
//! through `TestEventPattern`; a test fails when that file is stale (rewrite it with
//! `STATEWRIGHT_UPDATE_DOCS=1 cargo test -p events --test patterns`).

use events::Pattern;
use serde_json::{Value, json};

/// One case: a name to report, a pattern, an event and whether the pattern matches it.
struct Case {
    name: &'static str,
    pattern: Value,
    event: Value,
    matches: bool,
}

fn case(name: &'static str, pattern: Value, event: Value, matches: bool) -> Case {
    Case {
        name,
        pattern,
        event,
        matches,
    }
}

/// The EC2 state-change event the documentation's first examples use.
fn ec2(state: &str) -> Value {
    json!({
        "version": "0",
        "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
        "detail-type": "EC2 Instance State-change Notification",
        "source": "aws.ec2",
        "account": "111122223333",
        "time": "2017-12-22T18:43:48Z",
        "region": "us-west-1",
        "resources": ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
        "detail": {"instance-id": "i-1234567890abcdef0", "state": state}
    })
}

fn cases() -> Vec<Case> {
    vec![
        // Exact values, nested objects and several values in one array.
        case(
            "exact: source, detail-type and nested state",
            json!({"source": ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"], "detail": {"state": ["terminated"]}}),
            ec2("terminated"),
            true,
        ),
        case(
            "exact: another state does not match",
            json!({"source": ["aws.ec2"], "detail": {"state": ["terminated"]}}),
            ec2("running"),
            false,
        ),
        case(
            "exact: any value of the array suffices",
            json!({"detail": {"state": ["running", "stopped", "terminated"]}}),
            ec2("stopped"),
            true,
        ),
        case(
            "exact: a missing field does not match",
            json!({"detail": {"owner": ["me"]}}),
            ec2("running"),
            false,
        ),
        case(
            "exact: case matters",
            json!({"source": ["AWS.EC2"]}),
            ec2("running"),
            false,
        ),
        case(
            "exact: a nested pattern against a scalar does not match",
            json!({"source": {"name": ["aws.ec2"]}}),
            ec2("running"),
            false,
        ),
        // Event arrays.
        case(
            "event array: any element matches",
            json!({"resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f", "arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"]}),
            ec2("running"),
            true,
        ),
        case(
            "event array: no element matches",
            json!({"resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f"]}),
            ec2("running"),
            false,
        ),
        case(
            "event array: objects in an array are descended into",
            json!({"detail": {"items": {"sku": ["B-2"]}}}),
            json!({"detail": {"items": [{"sku": "A-1"}, {"sku": "B-2"}]}}),
            true,
        ),
        // Null, empty strings, booleans and numbers.
        case(
            "null matches null",
            json!({"detail": {"responseElements": [null]}}),
            json!({"detail": {"eventVersion": "", "responseElements": null}}),
            true,
        ),
        case(
            "empty string matches the empty string",
            json!({"detail": {"eventVersion": [""]}}),
            json!({"detail": {"eventVersion": "", "responseElements": null}}),
            true,
        ),
        case(
            "empty string does not match null",
            json!({"detail": {"responseElements": [""]}}),
            json!({"detail": {"eventVersion": "", "responseElements": null}}),
            false,
        ),
        case(
            "boolean matches the boolean",
            json!({"detail": {"enabled": [true]}}),
            json!({"detail": {"enabled": true}}),
            true,
        ),
        case(
            "boolean does not match its text",
            json!({"detail": {"enabled": [true]}}),
            json!({"detail": {"enabled": "true"}}),
            false,
        ),
        case(
            "numbers compare as numbers",
            json!({"detail": {"count": [300]}}),
            json!({"detail": {"count": 3.0e2}}),
            true,
        ),
        case(
            "a number does not match its text",
            json!({"detail": {"count": [300]}}),
            json!({"detail": {"count": "300"}}),
            false,
        ),
        // prefix
        case(
            "prefix matches the start",
            json!({"time": [{"prefix": "2017-12-22"}]}),
            ec2("running"),
            true,
        ),
        case(
            "prefix does not match elsewhere",
            json!({"time": [{"prefix": "18:43"}]}),
            ec2("running"),
            false,
        ),
        case(
            "prefix with equals-ignore-case",
            json!({"detail": {"state": [{"prefix": {"equals-ignore-case": "RUN"}}]}}),
            ec2("Running"),
            true,
        ),
        case(
            "prefix with equals-ignore-case, another start",
            json!({"detail": {"state": [{"prefix": {"equals-ignore-case": "STOP"}}]}}),
            ec2("Running"),
            false,
        ),
        case(
            "prefix does not match numbers",
            json!({"detail": {"count": [{"prefix": "3"}]}}),
            json!({"detail": {"count": 300}}),
            false,
        ),
        // suffix
        case(
            "suffix matches the end",
            json!({"detail": {"object": {"key": [{"suffix": ".png"}]}}}),
            json!({"detail": {"object": {"key": "photos/cat.png"}}}),
            true,
        ),
        case(
            "suffix does not match another ending",
            json!({"detail": {"object": {"key": [{"suffix": ".png"}]}}}),
            json!({"detail": {"object": {"key": "photos/cat.jpg"}}}),
            false,
        ),
        case(
            "suffix with equals-ignore-case",
            json!({"detail": {"object": {"key": [{"suffix": {"equals-ignore-case": ".PNG"}}]}}}),
            json!({"detail": {"object": {"key": "photos/cat.Png"}}}),
            true,
        ),
        // equals-ignore-case
        case(
            "equals-ignore-case matches another case",
            json!({"detail-type": [{"equals-ignore-case": "ec2 instance state-change notification"}]}),
            ec2("running"),
            true,
        ),
        case(
            "equals-ignore-case needs the whole value",
            json!({"detail-type": [{"equals-ignore-case": "ec2 instance"}]}),
            ec2("running"),
            false,
        ),
        // anything-but
        case(
            "anything-but a string, another value",
            json!({"detail": {"state": [{"anything-but": "initializing"}]}}),
            ec2("running"),
            true,
        ),
        case(
            "anything-but a string, that value",
            json!({"detail": {"state": [{"anything-but": "initializing"}]}}),
            ec2("initializing"),
            false,
        ),
        case(
            "anything-but a list of strings",
            json!({"detail": {"state": [{"anything-but": ["stopped", "overloaded"]}]}}),
            ec2("stopped"),
            false,
        ),
        case(
            "anything-but a number",
            json!({"detail": {"x-limit": [{"anything-but": 123}]}}),
            json!({"detail": {"x-limit": 456}}),
            true,
        ),
        case(
            "anything-but a list of numbers, excluded",
            json!({"detail": {"x-limit": [{"anything-but": [100, 200, 300]}]}}),
            json!({"detail": {"x-limit": 200.0}}),
            false,
        ),
        case(
            "anything-but prefix, another start",
            json!({"detail": {"state": [{"anything-but": {"prefix": "init"}}]}}),
            ec2("running"),
            true,
        ),
        case(
            "anything-but prefix, that start",
            json!({"detail": {"state": [{"anything-but": {"prefix": "init"}}]}}),
            ec2("initializing"),
            false,
        ),
        case(
            "anything-but suffix, that end",
            json!({"detail": {"FileName": [{"anything-but": {"suffix": ".txt"}}]}}),
            json!({"detail": {"FileName": "notes.txt"}}),
            false,
        ),
        case(
            "anything-but suffix, another end",
            json!({"detail": {"FileName": [{"anything-but": {"suffix": ".txt"}}]}}),
            json!({"detail": {"FileName": "notes.md"}}),
            true,
        ),
        case(
            "anything-but equals-ignore-case",
            json!({"detail": {"state": [{"anything-but": {"equals-ignore-case": ["Stopped", "overloaded"]}}]}}),
            ec2("STOPPED"),
            false,
        ),
        case(
            "anything-but wildcard, excluded",
            json!({"detail": {"FilePath": [{"anything-but": {"wildcard": "*/lib/*"}}]}}),
            json!({"detail": {"FilePath": "/usr/lib/file"}}),
            false,
        ),
        case(
            "anything-but wildcard, kept",
            json!({"detail": {"FilePath": [{"anything-but": {"wildcard": ["*/lib/*", "*/bin/*"]}}]}}),
            json!({"detail": {"FilePath": "/home/me/file"}}),
            true,
        ),
        case(
            "anything-but needs the field",
            json!({"detail": {"state": [{"anything-but": "initializing"}]}}),
            json!({"detail": {}}),
            false,
        ),
        // numeric
        case(
            "numeric range, inside",
            json!({"detail": {"c-count": [{"numeric": [">", 0, "<=", 5]}]}}),
            json!({"detail": {"c-count": 5}}),
            true,
        ),
        case(
            "numeric range, on the open bound",
            json!({"detail": {"c-count": [{"numeric": [">", 0, "<=", 5]}]}}),
            json!({"detail": {"c-count": 0}}),
            false,
        ),
        case(
            "numeric equality",
            json!({"detail": {"d-count": [{"numeric": ["=", 3]}]}}),
            json!({"detail": {"d-count": 3.0}}),
            true,
        ),
        case(
            "numeric one-sided, above",
            json!({"detail": {"x-limit": [{"numeric": ["<", 10]}]}}),
            json!({"detail": {"x-limit": 3.018e2}}),
            false,
        ),
        case(
            "numeric does not match strings",
            json!({"detail": {"c-count": [{"numeric": [">", 0]}]}}),
            json!({"detail": {"c-count": "5"}}),
            false,
        ),
        case(
            "numeric negative and fractional bounds",
            json!({"detail": {"temp": [{"numeric": [">=", -10.5, "<", 0]}]}}),
            json!({"detail": {"temp": -10.5}}),
            true,
        ),
        // exists
        case(
            "exists true, present",
            json!({"detail": {"state": [{"exists": true}]}}),
            ec2("running"),
            true,
        ),
        case(
            "exists true, missing",
            json!({"detail": {"owner": [{"exists": true}]}}),
            ec2("running"),
            false,
        ),
        case(
            "exists false, missing",
            json!({"detail": {"owner": [{"exists": false}]}}),
            ec2("running"),
            true,
        ),
        case(
            "exists false, present",
            json!({"detail": {"state": [{"exists": false}]}}),
            ec2("running"),
            false,
        ),
        case(
            "exists false under a missing object",
            json!({"detail": {"owner": {"name": [{"exists": false}]}}}),
            ec2("running"),
            true,
        ),
        case(
            "exists true does not match an object (leaves only)",
            json!({"detail": [{"exists": true}]}),
            ec2("running"),
            false,
        ),
        case(
            "exists true on null",
            json!({"detail": {"responseElements": [{"exists": true}]}}),
            json!({"detail": {"responseElements": null}}),
            true,
        ),
        // cidr
        case(
            "cidr IPv4, inside",
            json!({"detail": {"sourceIPAddress": [{"cidr": "10.0.0.0/24"}]}}),
            json!({"detail": {"sourceIPAddress": "10.0.0.255"}}),
            true,
        ),
        case(
            "cidr IPv4, outside",
            json!({"detail": {"sourceIPAddress": [{"cidr": "10.0.0.0/24"}]}}),
            json!({"detail": {"sourceIPAddress": "10.0.1.1"}}),
            false,
        ),
        case(
            "cidr IPv6, inside",
            json!({"detail": {"sourceIPAddress": [{"cidr": "2001:db8::/64"}]}}),
            json!({"detail": {"sourceIPAddress": "2001:db8::ff00:42:8329"}}),
            true,
        ),
        case(
            "cidr IPv6, outside",
            json!({"detail": {"sourceIPAddress": [{"cidr": "2001:db8::/64"}]}}),
            json!({"detail": {"sourceIPAddress": "2001:db9::1"}}),
            false,
        ),
        case(
            "cidr does not match a non-address",
            json!({"detail": {"sourceIPAddress": [{"cidr": "10.0.0.0/8"}]}}),
            json!({"detail": {"sourceIPAddress": "internal"}}),
            false,
        ),
        // wildcard
        case(
            "wildcard in the middle",
            json!({"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:*:event-bus/*"}]}),
            json!({"EventBusArn": "arn:aws:events:us-east-1:123456789012:event-bus/default"}),
            true,
        ),
        case(
            "wildcard, another region",
            json!({"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:*:event-bus/*"}]}),
            json!({"EventBusArn": "arn:aws:events:us-west-2:123456789012:event-bus/default"}),
            false,
        ),
        case(
            "wildcard suffix form",
            json!({"detail": {"FileName": [{"wildcard": "*.png"}]}}),
            json!({"detail": {"FileName": "cat.png"}}),
            true,
        ),
        case(
            "wildcard with an escaped star",
            json!({"detail": {"name": [{"wildcard": "a\\*b*"}]}}),
            json!({"detail": {"name": "a*bc"}}),
            true,
        ),
        case(
            "wildcard escaped star is literal",
            json!({"detail": {"name": [{"wildcard": "a\\*b*"}]}}),
            json!({"detail": {"name": "axbc"}}),
            false,
        ),
        case(
            "wildcard parts may not overlap",
            json!({"detail": {"name": [{"wildcard": "ab*ba"}]}}),
            json!({"detail": {"name": "aba"}}),
            false,
        ),
        // $or
        case(
            "$or at the top, second alternative",
            json!({"$or": [{"source": ["aws.s3"]}, {"detail": {"state": ["running"]}}]}),
            ec2("running"),
            true,
        ),
        case(
            "$or at the top, no alternative",
            json!({"$or": [{"source": ["aws.s3"]}, {"detail": {"state": ["stopped"]}}]}),
            ec2("running"),
            false,
        ),
        case(
            "$or nested, with a sibling that must also match",
            json!({"source": ["aws.ec2"], "detail": {"$or": [{"state": ["running"]}, {"instance-id": [{"prefix": "i-9"}]}]}}),
            ec2("running"),
            true,
        ),
        case(
            "$or nested, the sibling fails",
            json!({"source": ["aws.s3"], "detail": {"$or": [{"state": ["running"]}, {"instance-id": [{"prefix": "i-1"}]}]}}),
            ec2("running"),
            false,
        ),
        case(
            "$or with numeric ranges (documented metrics example)",
            json!({"detail": {"$or": [{"c-count": [{"numeric": [">", 0, "<=", 5]}]}, {"d-count": [{"numeric": ["<", 10]}]}, {"x-limit": [{"numeric": ["=", 3.018e2]}]}]}}),
            json!({"detail": {"c-count": 12, "d-count": 11, "x-limit": 301.8}}),
            true,
        ),
        // Several operators in one array combine with OR.
        case(
            "mixed array: the exists:false branch",
            json!({"detail": {"owner": ["me", {"exists": false}]}}),
            ec2("running"),
            true,
        ),
        case(
            "mixed array: prefix or numeric",
            json!({"detail": {"id": [{"prefix": "x-"}, {"numeric": [">", 100]}]}}),
            json!({"detail": {"id": 150}}),
            true,
        ),
        case(
            "mixed array: neither",
            json!({"detail": {"id": [{"prefix": "x-"}, {"numeric": [">", 100]}]}}),
            json!({"detail": {"id": "y-1"}}),
            false,
        ),
    ]
}

#[test]
fn documented_examples() {
    let cases = cases();
    assert!(cases.len() >= 40);
    let mut failures = Vec::new();
    for case in &cases {
        let pattern = match Pattern::from_value(&case.pattern) {
            Ok(pattern) => pattern,
            Err(error) => {
                failures.push(format!("{}: {error}", case.name));
                continue;
            }
        };
        if pattern.matches(&case.event) != case.matches {
            failures.push(format!("{}: expected {}", case.name, case.matches));
        }
    }
    assert!(
        failures.is_empty(),
        "failing cases:\n{}",
        failures.join("\n")
    );
}

#[test]
fn parse_reads_json_text() {
    let pattern = Pattern::parse(r#"{"source": ["aws.ec2"], "detail": {"state": ["terminated"]}}"#)
        .expect("a valid pattern");
    assert!(pattern.matches(&ec2("terminated")));
    assert!(!pattern.matches(&json!("not an object")));
}

#[test]
fn the_examples_file_is_current() {
    let table: Vec<Value> = cases()
        .iter()
        .map(|case| {
            json!({"name": case.name, "pattern": case.pattern, "event": case.event, "matches": case.matches})
        })
        .collect();
    let text = serde_json::to_string_pretty(&table).expect("the table is JSON") + "\n";
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/documented-examples.json"
    );
    if std::env::var_os("STATEWRIGHT_UPDATE_DOCS").is_some() {
        std::fs::write(path, &text).expect("the tests folder is writable");
    }
    let written = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        written == text,
        "tests/documented-examples.json is stale: run `STATEWRIGHT_UPDATE_DOCS=1 cargo test -p events --test patterns`"
    );
}

//! Drives a real `statewright serve` with the real `aws` CLI (v1), the way a user would.
//!
//! Every test starts its own server on a free loopback port and calls `aws stepfunctions ...`
//! through `Aws::call`, which returns the parsed JSON reply or, when the CLI exits non-zero,
//! its stderr (where the CLI names the error code). Without the CLI these tests fail under
//! `CI=true` and print a loud `SKIPPED` line elsewhere.

mod common;

use std::process::Output;
use std::thread;

use serde_json::{Value, json};

use common::{POLL_INTERVAL, Server};

/// The prefix of the ARNs the server hands out with its default account and region.
const ARN_PREFIX: &str = "arn:aws:states:us-east-1:000000000000";

/// The role the tests give their state machines.
const ROLE: &str = "arn:aws:iam::000000000000:role/statewright-test";

/// How many times `describe-execution` is polled before an execution counts as stuck.
const N_DESCRIBE_POLLS: usize = 200;

/// A server and the `aws` CLI pointed at it.
struct Aws {
    server: Server,
}

impl Aws {
    /// Starts a server, or returns `None` (after the skip message) when the CLI is missing.
    fn start() -> Option<Aws> {
        Aws::start_with(&[], &[])
    }

    /// `start`, with files in the server's scratch directory and more `serve` arguments.
    fn start_with(files: &[(&str, &str)], args: &[&str]) -> Option<Aws> {
        if !common::require(
            "the aws CLI",
            "aws",
            &["--version"],
            "python3 -m pip install awscli",
        ) {
            return None;
        }
        let server = if files.is_empty() && args.is_empty() {
            Server::start()
        } else {
            Server::start_with(files, args)
        };
        Some(Aws { server })
    }

    /// Runs `aws stepfunctions ARGS` against the server: `Ok` with the JSON reply (`null` for
    /// an empty one) on exit code 0, `Err` with stderr otherwise.
    fn call(&self, args: &[&str]) -> Result<Value, String> {
        let endpoint = self.server.endpoint();
        let output: Output = self
            .server
            .sdk_command("aws")
            // Otherwise the CLI sends StartSyncExecution to `sync-127.0.0.1`.
            .env("AWS_DISABLE_HOST_PREFIX_INJECTION", "true")
            .arg("stepfunctions")
            .args(args)
            .args([
                "--endpoint-url",
                &endpoint,
                "--region",
                "us-east-1",
                "--output",
                "json",
            ])
            .output()
            .expect("the aws CLI starts");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            return Err(format!("{} exited {}: {stderr}", args[0], output.status));
        }
        if stdout.trim().is_empty() {
            return Ok(Value::Null);
        }
        Ok(serde_json::from_str(&stdout).unwrap_or_else(|err| {
            panic!(
                "aws {args:?} printed something that is not JSON ({err}):\n{stdout}\n\
                 server log:\n{}",
                self.server.log()
            )
        }))
    }

    /// Like `call`, but a failure fails the test with the CLI's stderr and the server's log.
    fn ok(&self, args: &[&str]) -> Value {
        self.call(args).unwrap_or_else(|stderr| {
            panic!(
                "aws {args:?} failed: {stderr}\nserver log:\n{}",
                self.server.log()
            )
        })
    }

    /// Creates a STANDARD state machine and returns its ARN.
    fn create(&self, name: &str, definition: &Value) -> String {
        let reply = self.ok(&[
            "create-state-machine",
            "--name",
            name,
            "--definition",
            &definition.to_string(),
            "--role-arn",
            ROLE,
        ]);
        let arn = text(&reply, "stateMachineArn");
        assert_eq!(arn, format!("{ARN_PREFIX}:stateMachine:{name}"));
        arn
    }

    /// Starts an execution and returns its ARN.
    fn start_execution(&self, state_machine_arn: &str, name: &str, input: &str) -> String {
        let reply = self.ok(&[
            "start-execution",
            "--state-machine-arn",
            state_machine_arn,
            "--name",
            name,
            "--input",
            input,
        ]);
        text(&reply, "executionArn")
    }

    /// Polls `describe-execution` until the execution is no longer RUNNING.
    fn wait_for_end(&self, execution_arn: &str) -> Value {
        for _ in 0..N_DESCRIBE_POLLS {
            let reply = self.ok(&["describe-execution", "--execution-arn", execution_arn]);
            if reply["status"] != "RUNNING" {
                return reply;
            }
            thread::sleep(POLL_INTERVAL);
        }
        panic!("{execution_arn} was still RUNNING after {N_DESCRIBE_POLLS} polls");
    }

    /// The types of an execution's history events, oldest first.
    fn event_types(&self, execution_arn: &str) -> Vec<String> {
        let reply = self.ok(&["get-execution-history", "--execution-arn", execution_arn]);
        reply["events"]
            .as_array()
            .expect("a history has events")
            .iter()
            .map(|event| text(event, "type"))
            .collect()
    }
}

fn text(value: &Value, key: &str) -> String {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("no text {key:?} in {value:#}"))
        .to_owned()
}

/// Pass, then Choice, then a Succeed or a Fail state.
fn route_definition() -> Value {
    json!({
        "StartAt": "Prepare",
        "States": {
            "Prepare": {"Type": "Pass", "Parameters": {"n.$": "$.n", "seen": true}, "Next": "Route"},
            "Route": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.n", "NumericGreaterThan": 0, "Next": "Done"}],
                "Default": "Reject"
            },
            "Done": {"Type": "Succeed"},
            "Reject": {"Type": "Fail", "Error": "Order.Empty", "Cause": "n is not positive"}
        }
    })
}

/// A machine that waits long enough to be stopped.
fn wait_definition() -> Value {
    json!({"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 100, "End": true}}})
}

#[test]
fn an_execution_runs_and_is_listed() {
    let Some(aws) = Aws::start() else { return };
    let machine = aws.create("route", &route_definition());

    let execution = aws.start_execution(&machine, "first", r#"{"n": 3, "dropped": 1}"#);
    assert_eq!(execution, format!("{ARN_PREFIX}:execution:route:first"));
    let described = aws.wait_for_end(&execution);
    assert_eq!(described["status"], "SUCCEEDED", "{described:#}");
    assert_eq!(described["name"], "first");
    assert_eq!(described["stateMachineArn"], machine.as_str());
    assert_eq!(described["input"], r#"{"n": 3, "dropped": 1}"#);
    let output: Value = serde_json::from_str(&text(&described, "output")).expect("output is JSON");
    assert_eq!(output, json!({"n": 3, "seen": true}));
    assert_eq!(
        aws.event_types(&execution),
        [
            "ExecutionStarted",
            "PassStateEntered",
            "PassStateExited",
            "ChoiceStateEntered",
            "ChoiceStateExited",
            "SucceedStateEntered",
            "SucceedStateExited",
            "ExecutionSucceeded",
        ]
    );

    let failed = aws.start_execution(&machine, "second", r#"{"n": 0}"#);
    let described = aws.wait_for_end(&failed);
    assert_eq!(described["status"], "FAILED", "{described:#}");
    assert_eq!(described["error"], "Order.Empty");
    assert_eq!(described["cause"], "n is not positive");
    assert_eq!(
        aws.event_types(&failed).last().map(String::as_str),
        Some("ExecutionFailed")
    );

    let names = |status: &str| -> Vec<String> {
        let reply = aws.ok(&[
            "list-executions",
            "--state-machine-arn",
            &machine,
            "--status-filter",
            status,
        ]);
        reply["executions"]
            .as_array()
            .expect("a list of executions")
            .iter()
            .map(|execution| text(execution, "name"))
            .collect()
    };
    assert_eq!(names("SUCCEEDED"), ["first"]);
    assert_eq!(names("FAILED"), ["second"]);
    assert!(names("RUNNING").is_empty());

    let listed = aws.ok(&["list-state-machines"]);
    assert_eq!(
        listed["stateMachines"],
        json!([{
            "stateMachineArn": machine,
            "name": "route",
            "type": "STANDARD",
            "creationDate": listed["stateMachines"][0]["creationDate"],
        }])
    );

    assert_eq!(
        aws.ok(&["delete-state-machine", "--state-machine-arn", &machine]),
        Value::Null
    );
    let listed = aws.ok(&["list-state-machines"]);
    assert_eq!(listed["stateMachines"], json!([]));
}

#[test]
fn stop_execution_aborts_a_waiting_execution() {
    let Some(aws) = Aws::start() else { return };
    let machine = aws.create("napper", &wait_definition());
    let execution = aws.start_execution(&machine, "nap", "{}");
    let described = aws.ok(&["describe-execution", "--execution-arn", &execution]);
    assert_eq!(described["status"], "RUNNING", "{described:#}");

    let stopped = aws.ok(&[
        "stop-execution",
        "--execution-arn",
        &execution,
        "--error",
        "Ops.Cancelled",
        "--cause",
        "the operator stopped it",
    ]);
    assert!(stopped["stopDate"].is_number(), "{stopped:#}");

    let described = aws.wait_for_end(&execution);
    assert_eq!(described["status"], "ABORTED", "{described:#}");
    assert_eq!(described["error"], "Ops.Cancelled");
    assert_eq!(described["cause"], "the operator stopped it");
    assert_eq!(described["stopDate"], stopped["stopDate"]);

    let history = aws.ok(&["get-execution-history", "--execution-arn", &execution]);
    let last = history["events"]
        .as_array()
        .and_then(|events| events.last())
        .expect("a history has events");
    assert_eq!(last["type"], "ExecutionAborted", "{history:#}");
    assert_eq!(
        last["executionAbortedEventDetails"],
        json!({"error": "Ops.Cancelled", "cause": "the operator stopped it"})
    );

    let aborted = aws.ok(&[
        "list-executions",
        "--state-machine-arn",
        &machine,
        "--status-filter",
        "ABORTED",
    ]);
    assert_eq!(aborted["executions"][0]["executionArn"], execution.as_str());
}

#[test]
fn an_update_leaves_started_executions_on_the_old_definition() {
    let Some(aws) = Aws::start() else { return };
    let old = wait_definition();
    let machine = aws.create("evolving", &old);
    let before = aws.start_execution(&machine, "before", "{}");

    let new = json!({"StartAt": "Quick", "States": {"Quick": {"Type": "Pass", "End": true}}});
    let updated = aws.ok(&[
        "update-state-machine",
        "--state-machine-arn",
        &machine,
        "--definition",
        &new.to_string(),
    ]);
    assert!(updated["updateDate"].is_number(), "{updated:#}");
    let revision_id = text(&updated, "revisionId");

    let described = aws.ok(&["describe-state-machine", "--state-machine-arn", &machine]);
    assert_eq!(described["definition"], new.to_string());
    assert_eq!(described["revisionId"], revision_id.as_str());

    let for_before = aws.ok(&[
        "describe-state-machine-for-execution",
        "--execution-arn",
        &before,
    ]);
    assert_eq!(for_before["definition"], old.to_string(), "{for_before:#}");
    assert_eq!(for_before["stateMachineArn"], machine.as_str());
    assert_eq!(for_before["name"], "evolving");
    // The first revision of a state machine has no revision id, as on AWS.
    assert_eq!(for_before.get("revisionId"), None, "{for_before:#}");
    // The date of the revision the execution runs: the machine's creation, not the update.
    assert_eq!(
        for_before["updateDate"], described["creationDate"],
        "{for_before:#}"
    );

    let after = aws.start_execution(&machine, "after", "{}");
    assert_eq!(aws.wait_for_end(&after)["status"], "SUCCEEDED");
    let for_after = aws.ok(&[
        "describe-state-machine-for-execution",
        "--execution-arn",
        &after,
    ]);
    assert_eq!(for_after["definition"], new.to_string());
    assert_eq!(for_after["revisionId"], revision_id.as_str());
    assert_eq!(
        for_after["updateDate"], updated["updateDate"],
        "{for_after:#}"
    );

    let still = aws.ok(&["describe-execution", "--execution-arn", &before]);
    assert_eq!(still["status"], "RUNNING", "{still:#}");
}

#[test]
fn start_sync_execution_answers_with_the_result() {
    let Some(aws) = Aws::start() else { return };
    let reply = aws.ok(&[
        "create-state-machine",
        "--name",
        "quick",
        "--type",
        "EXPRESS",
        "--definition",
        &route_definition().to_string(),
        "--role-arn",
        ROLE,
    ]);
    let machine = text(&reply, "stateMachineArn");

    let succeeded = aws.ok(&[
        "start-sync-execution",
        "--state-machine-arn",
        &machine,
        "--name",
        "sync",
        "--input",
        r#"{"n": 2}"#,
    ]);
    assert_eq!(succeeded["status"], "SUCCEEDED", "{succeeded:#}");
    assert_eq!(succeeded["name"], "sync");
    assert!(
        text(&succeeded, "executionArn").starts_with(&format!("{ARN_PREFIX}:express:quick:sync:")),
        "{succeeded:#}"
    );
    let output: Value = serde_json::from_str(&text(&succeeded, "output")).expect("output is JSON");
    assert_eq!(output, json!({"n": 2, "seen": true}));

    let failed = aws.ok(&[
        "start-sync-execution",
        "--state-machine-arn",
        &machine,
        "--input",
        r#"{"n": 0}"#,
    ]);
    assert_eq!(failed["status"], "FAILED", "{failed:#}");
    assert_eq!(failed["error"], "Order.Empty");
    assert_eq!(failed["cause"], "n is not positive");
}

#[test]
fn validate_state_machine_definition_reports_diagnostics() {
    let Some(aws) = Aws::start() else { return };
    let valid = aws.ok(&[
        "validate-state-machine-definition",
        "--definition",
        &route_definition().to_string(),
    ]);
    assert_eq!(
        valid,
        json!({"result": "OK", "diagnostics": [], "truncated": false})
    );

    let invalid = json!({
        "StartAt": "First",
        "States": {"First": {"Type": "Pass", "Next": "Nowhere"}}
    });
    let reply = aws.ok(&[
        "validate-state-machine-definition",
        "--definition",
        &invalid.to_string(),
    ]);
    assert_eq!(
        reply,
        json!({
            "result": "FAIL",
            "diagnostics": [{
                "severity": "ERROR",
                "code": "MISSING_TRANSITION_TARGET",
                "message": "Missing 'Next' target: Nowhere",
                "location": "/States/First/Next",
            }],
            "truncated": false,
        })
    );
}

#[test]
fn tags_are_added_listed_and_removed() {
    let Some(aws) = Aws::start() else { return };
    let machine = aws.create("tagged", &route_definition());
    let tags = |aws: &Aws| aws.ok(&["list-tags-for-resource", "--resource-arn", &machine]);
    assert_eq!(tags(&aws), json!({"tags": []}));

    let added = aws.ok(&[
        "tag-resource",
        "--resource-arn",
        &machine,
        "--tags",
        "key=team,value=core",
        "key=env,value=test",
    ]);
    assert_eq!(added, Value::Null);
    assert_eq!(
        tags(&aws),
        json!({"tags": [{"key": "team", "value": "core"}, {"key": "env", "value": "test"}]})
    );

    let removed = aws.ok(&[
        "untag-resource",
        "--resource-arn",
        &machine,
        "--tag-keys",
        "env",
    ]);
    assert_eq!(removed, Value::Null);
    assert_eq!(
        tags(&aws),
        json!({"tags": [{"key": "team", "value": "core"}]})
    );
}

#[test]
fn errors_name_their_codes() {
    let Some(aws) = Aws::start() else { return };
    let machine = aws.create("present", &route_definition());
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "describe-execution",
                "--execution-arn",
                &format!("{ARN_PREFIX}:execution:present:missing"),
            ],
            "ExecutionDoesNotExist",
        ),
        (
            &[
                "create-state-machine",
                "--name",
                "bad name!",
                "--definition",
                &route_definition().to_string(),
                "--role-arn",
                ROLE,
            ],
            "InvalidName",
        ),
        (
            &[
                "create-state-machine",
                "--name",
                "broken",
                "--definition",
                r#"{"StartAt": "Missing", "States": {}}"#,
                "--role-arn",
                ROLE,
            ],
            "InvalidDefinition",
        ),
        (
            &[
                "describe-state-machine",
                "--state-machine-arn",
                &format!("{machine}-gone"),
            ],
            "StateMachineDoesNotExist",
        ),
        (
            &["describe-execution", "--execution-arn", "not-an-arn"],
            "InvalidArn",
        ),
    ];
    for (args, code) in cases {
        let stderr = aws
            .call(args)
            .expect_err("the call should fail with an AWS error");
        assert!(
            stderr.contains(&format!("An error occurred ({code})")),
            "aws {args:?}: expected {code}, got: {stderr}"
        );
    }
}

/// A local function that hands the task token on, as a service would to the worker that
/// later answers: it writes the token to `token.txt` beside itself and returns at once.
const NOTIFY: &str = r#"import json, sys
event = json.load(sys.stdin)
with open("token.txt", "w") as out:
    out.write(event["token"])
print(json.dumps({"queued": event["order"]}))
"#;

#[test]
fn a_callback_is_completed_by_send_task_success() {
    let config = "[functions.notify]\ncommand = [\"python3\", \"notify.py\"]\n";
    let Some(aws) = Aws::start_with(
        &[("statewright.toml", config), ("notify.py", NOTIFY)],
        &["--config", "{dir}/statewright.toml"],
    ) else {
        return;
    };
    let machine = aws.create(
        "approval",
        &json!({"StartAt": "Ask", "States": {"Ask": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "Parameters": {"FunctionName": "notify",
                           "Payload": {"token.$": "$$.Task.Token", "order.$": "$.order"}},
            "End": true}}}),
    );
    let started = aws.ok(&[
        "start-execution",
        "--state-machine-arn",
        &machine,
        "--input",
        r#"{"order": 7}"#,
    ]);
    let execution = text(&started, "executionArn");
    let token_file = aws.server.dir().join("token.txt");
    let mut token = String::new();
    for _ in 0..N_DESCRIBE_POLLS {
        token = std::fs::read_to_string(&token_file).unwrap_or_default();
        if !token.is_empty() {
            break;
        }
        thread::sleep(POLL_INTERVAL);
    }
    assert!(!token.is_empty(), "the function never received the token");
    assert_eq!(
        aws.ok(&["describe-execution", "--execution-arn", &execution])["status"],
        "RUNNING",
        "the task waits for its token"
    );
    aws.ok(&[
        "send-task-success",
        "--task-token",
        &token,
        "--task-output",
        r#"{"approved": true}"#,
    ]);
    let done = aws.wait_for_end(&execution);
    assert_eq!(done["status"], "SUCCEEDED", "{done}");
    assert_eq!(
        serde_json::from_str::<Value>(done["output"].as_str().unwrap_or("null")).ok(),
        Some(json!({"approved": true}))
    );
    assert_eq!(
        aws.event_types(&execution),
        [
            "ExecutionStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskSubmitted",
            "TaskSucceeded",
            "TaskStateExited",
            "ExecutionSucceeded"
        ]
    );
    let again = aws
        .call(&[
            "send-task-success",
            "--task-token",
            &token,
            "--task-output",
            "{}",
        ])
        .expect_err("a task answers once");
    assert!(again.contains("TaskTimedOut"), "{again}");
}

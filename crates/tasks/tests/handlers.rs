//! Lambda handler files run by the shims, through `LocalFunctions` as the runtime calls it:
//! results, warm workers, and every way a handler can fail, in Python and in Node.js.
//!
//! Each test writes its handler files into a scratch directory; without `python3` or `node`
//! a test fails under `CI=true` and prints a loud `SKIPPED` line elsewhere.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use runtime::{TaskError, TaskHandler};
use serde_json::{Value, json};
use tasks::{FunctionConfig, LocalFunctions};

const ACCOUNT: &str = "123456789012";

/// Whether `program` runs; a missing one fails under `CI=true` and skips loudly elsewhere.
#[expect(clippy::print_stderr, reason = "a skipped test must say so loudly")]
fn require(program: &str) -> bool {
    let found = Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{program} is missing (CI runs every handler test)"
        );
        eprintln!(
            "\n\n*** SKIPPED: {program} is missing, so this handler test did not run ***\n\n"
        );
    }
    found
}

/// A scratch directory holding `files`.
fn scratch(files: &[(&str, &str)]) -> PathBuf {
    static N_DIRS: AtomicUsize = AtomicUsize::new(0);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "handlers-{}-{}",
        std::process::id(),
        N_DIRS.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    for (name, text) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("the scratch directory is writable");
        }
        std::fs::write(path, text).expect("the scratch directory is writable");
    }
    std::fs::create_dir_all(&dir).expect("the scratch directory is writable");
    dir
}

/// The functions `configs` (name, configuration as JSON) with their working directory set to
/// a scratch directory holding `files`, each configuration checked as the server checks it.
fn functions(files: &[(&str, &str)], configs: &[(&str, Value)]) -> LocalFunctions {
    let dir = scratch(files);
    let mut res = BTreeMap::new();
    for (name, config) in configs {
        let mut config: FunctionConfig =
            serde_json::from_value(config.clone()).expect("a function configuration");
        config.working_directory = Some(dir.to_string_lossy().into_owned());
        config.check(name).expect("a valid configuration");
        res.insert((*name).to_owned(), config);
    }
    LocalFunctions::new(res, "eu-west-3", ACCOUNT)
}

async fn call(functions: &LocalFunctions, name: &str, event: Value) -> Result<Value, TaskError> {
    let resource = format!("arn:aws:lambda:eu-west-3:{ACCOUNT}:function:{name}");
    functions.run(&resource, event).await
}

/// The error and the cause's JSON.
fn failure(res: Result<Value, TaskError>) -> (String, Value) {
    let err = res.expect_err("the invocation fails");
    let cause = serde_json::from_str(&err.cause).unwrap_or(Value::String(err.cause));
    (err.error, cause)
}

const PYTHON: &str = r#"
import os, sys, time
N_CALLS = 0
print("imported: this goes to the log")

def handler(event, context):
    global N_CALLS
    N_CALLS += 1
    print('{"result": "not this"}')
    os.system("echo from a child process")
    kind = event.get("kind")
    if kind == "raise":
        raise KeyError("missing")
    if kind == "set":
        return {1, 2}
    if kind == "exit":
        sys.stderr.write("giving up\n")
        sys.exit(3)
    if kind == "sleep":
        time.sleep(event["seconds"])
    if kind == "input":
        return input("prompt")
    return {
        "n_calls": N_CALLS,
        "pid": os.getpid(),
        "name": context.function_name,
        "arn": context.invoked_function_arn,
        "memory": context.memory_limit_in_mb,
        "remaining": context.get_remaining_time_in_millis(),
        "env": {k: os.environ.get(k) for k in [
            "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_REGION", "AWS_DEFAULT_REGION", "_HANDLER",
            "LAMBDA_TASK_ROOT", "GREETING"]},
    }
"#;

#[tokio::test]
async fn a_python_handler_stays_warm_and_fails_as_lambda_does() {
    if !require("python3") {
        return;
    }
    let functions = functions(
        &[("src/app.py", PYTHON)],
        &[(
            "app",
            json!({"handler": "src/app.py:handler", "memory_size": 512, "timeout_seconds": 1,
                   "environment": {"GREETING": "hi", "AWS_REGION": "mars-1"}}),
        )],
    );
    let first = call(&functions, "app", json!({})).await.expect("a result");
    let second = call(&functions, "app", json!({})).await.expect("a result");
    assert_eq!(
        (first["n_calls"].clone(), second["n_calls"].clone()),
        (json!(1), json!(2))
    );
    assert_eq!(first["pid"], second["pid"], "one warm worker served both");
    assert_eq!(first["name"], "app");
    assert_eq!(
        first["arn"],
        format!("arn:aws:lambda:eu-west-3:{ACCOUNT}:function:app")
    );
    assert_eq!(first["memory"], "512");
    let remaining = first["remaining"].as_i64().expect("a number");
    assert!(remaining > 0 && remaining <= 1000, "{remaining}");
    let env = &first["env"];
    assert_eq!(env["AWS_LAMBDA_FUNCTION_NAME"], "app");
    assert_eq!(env["AWS_LAMBDA_FUNCTION_VERSION"], "$LATEST");
    assert_eq!(env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"], "512");
    assert_eq!(
        env["AWS_REGION"], "mars-1",
        "the configured environment wins"
    );
    assert_eq!(env["AWS_DEFAULT_REGION"], "eu-west-3");
    assert_eq!(env["_HANDLER"], "src/app.handler");
    assert_eq!(env["GREETING"], "hi");
    assert!(
        env["LAMBDA_TASK_ROOT"]
            .as_str()
            .is_some_and(|root| root.starts_with('/'))
    );

    let (error, cause) = failure(call(&functions, "app", json!({"kind": "raise"})).await);
    assert_eq!(error, "KeyError");
    assert_eq!(cause["errorMessage"], "'missing'");
    let trace = cause["stackTrace"].to_string();
    assert!(
        trace.contains("app.py") && trace.contains("in handler"),
        "{trace}"
    );
    assert!(!trace.contains("lambda_shim"), "no shim frames: {trace}");

    let (error, cause) = failure(call(&functions, "app", json!({"kind": "set"})).await);
    assert_eq!(error, "Runtime.MarshalError");
    assert_eq!(
        cause["errorMessage"],
        "Unable to marshal response: Object of type set is not JSON serializable"
    );
    let (error, _) = failure(call(&functions, "app", json!({"kind": "input"})).await);
    assert_eq!(error, "EOFError", "the handler's stdin is empty");
    let after = call(&functions, "app", json!({})).await.expect("a result");
    assert_eq!(after["n_calls"], 6, "errors keep the worker warm");

    let (error, cause) =
        failure(call(&functions, "app", json!({"kind": "sleep", "seconds": 5})).await);
    assert_eq!(
        (error.as_str(), &cause["errorMessage"]),
        (
            "Sandbox.Timedout",
            &json!("Task timed out after 1.00 seconds")
        )
    );
    let fresh = call(&functions, "app", json!({})).await.expect("a result");
    assert_eq!(fresh["n_calls"], 1, "a timed-out worker is replaced");
    assert_ne!(fresh["pid"], after["pid"]);

    let (error, cause) = failure(call(&functions, "app", json!({"kind": "exit"})).await);
    assert_eq!(error, "Runtime.ExitError");
    assert_eq!(
        cause["errorMessage"],
        "Runtime exited with error: exit status: 3: giving up"
    );
    let fresh = call(&functions, "app", json!({})).await.expect("a result");
    assert_eq!(fresh["n_calls"], 1, "a dead worker is replaced");
}

#[tokio::test]
async fn python_workers_grow_up_to_the_concurrency_and_are_reused() {
    if !require("python3") {
        return;
    }
    let slow = "import os, time\ndef handler(event, context):\n    time.sleep(0.3)\n    return os.getpid()\n";
    let functions = functions(
        &[("slow.py", slow)],
        &[(
            "slow",
            json!({"handler": "slow.py:handler", "concurrency": 2}),
        )],
    );
    let resource = format!("arn:aws:lambda:eu-west-3:{ACCOUNT}:function:slow");
    let calls: Vec<_> = (0..4)
        .map(|_| tokio::spawn(functions.run(&resource, json!({}))))
        .collect();
    let mut pids = std::collections::BTreeSet::new();
    for call in calls {
        let pid = call.await.expect("the call ran").expect("a result");
        pids.insert(pid.as_i64().expect("a pid"));
    }
    assert_eq!(pids.len(), 2, "two workers served four calls: {pids:?}");
}

#[tokio::test]
async fn python_modules_that_cannot_load_fail_as_lambda_reports_them() {
    if !require("python3") {
        return;
    }
    let functions = functions(
        &[
            (
                "missing_dep.py",
                "import no_such_package\ndef handler(e, c):\n    return 1\n",
            ),
            ("syntax.py", "def handler(e, c)\n    return 1\n"),
            ("no_handler.py", "def other(e, c):\n    return 1\n"),
            ("raises.py", "raise RuntimeError('not configured')\n"),
        ],
        &[
            ("missing_dep", json!({"handler": "missing_dep.py:handler"})),
            ("syntax", json!({"handler": "syntax.py:handler"})),
            ("no_handler", json!({"handler": "no_handler.py:handler"})),
            ("raises", json!({"handler": "raises.py:handler"})),
        ],
    );
    for (name, error, message) in [
        (
            "missing_dep",
            "Runtime.ImportModuleError",
            "Unable to import module 'missing_dep': No module named 'no_such_package'",
        ),
        (
            "syntax",
            "Runtime.UserCodeSyntaxError",
            "Syntax error in module 'syntax'",
        ),
        (
            "no_handler",
            "Runtime.HandlerNotFound",
            "Handler 'handler' missing on module 'no_handler'",
        ),
        ("raises", "RuntimeError", "not configured"),
    ] {
        // Twice: a module that failed to load is loaded again, as Lambda retries its init.
        for _ in 0..2 {
            let (got, cause) = failure(call(&functions, name, json!({})).await);
            assert_eq!(got, error, "{name}");
            let got_message = cause["errorMessage"].as_str().unwrap_or_default();
            assert!(got_message.starts_with(message), "{name}: {got_message}");
        }
    }
}

const NODE: &str = r#"
import { execSync } from "node:child_process";
let nCalls = 0;
console.log("imported: this goes to the log");

export async function handler(event, context) {
  nCalls += 1;
  console.log('{"result": "not this"}');
  switch (event.kind) {
    case "throw": throw new TypeError("not a number");
    case "bigint": return { n: 10n };
    case "reject": return Promise.reject("plain string");
    case "exit": process.exit(4);
    case "uncaught": setTimeout(() => { throw new RangeError("too far"); }, 1); return new Promise(() => {});
    case "sleep": await new Promise((resolve) => setTimeout(resolve, event.seconds * 1000)); break;
    // A child process that inherits stdout writes to the answer pipe itself: a line that
    // looks like an answer, then text the answer's line will start with.
    case "child": execSync("echo '{\"result\": 1}'; printf 'stray, no newline'", { stdio: "inherit" }); break;
  }
  return {
    nCalls,
    pid: process.pid,
    name: context.functionName,
    version: context.functionVersion,
    arn: context.invokedFunctionArn,
    memory: context.memoryLimitInMB,
    requestId: context.awsRequestId,
    group: context.logGroupName,
    stream: context.logStreamName,
    waits: context.callbackWaitsForEmptyEventLoop,
    remaining: context.getRemainingTimeInMillis(),
    handlerVar: process.env._HANDLER,
  };
}

export function callback(event, context, done) {
  if (event.kind === "fail") {
    done(new Error("called back with an error"));
  } else {
    setTimeout(() => done(null, { called: "back", nCalls: ++nCalls }), 1);
  }
}

export const sync = () => ({ ignored: true });
"#;

#[tokio::test]
async fn a_node_handler_stays_warm_and_fails_as_lambda_does() {
    if !require("node") {
        return;
    }
    let functions = functions(
        &[
            ("app.mjs", NODE),
            (
                "common.cjs",
                "exports.handler = async (event) => ({ common: event.n * 2 });\n",
            ),
        ],
        &[
            (
                "app",
                json!({"handler": "app.mjs:handler", "timeout_seconds": 2}),
            ),
            ("back", json!({"handler": "app.mjs:callback"})),
            ("sync", json!({"handler": "app.mjs:sync"})),
            ("common", json!({"handler": "common.cjs:handler"})),
        ],
    );
    let first = call(&functions, "app", json!({})).await.expect("a result");
    let second = call(&functions, "app", json!({})).await.expect("a result");
    assert_eq!(
        (first["nCalls"].clone(), second["nCalls"].clone()),
        (json!(1), json!(2))
    );
    assert_eq!(first["pid"], second["pid"], "one warm worker served both");
    assert_eq!(first["name"], "app");
    assert_eq!(first["version"], "$LATEST");
    assert_eq!(first["memory"], "128");
    assert_eq!(first["group"], "/aws/lambda/app");
    assert_eq!(first["waits"], true);
    assert_eq!(first["handlerVar"], "app.handler");
    assert!(
        first["stream"]
            .as_str()
            .is_some_and(|s| s.contains("/[$LATEST]"))
    );
    assert_ne!(first["requestId"], second["requestId"]);
    let remaining = first["remaining"].as_i64().expect("a number");
    assert!(remaining > 0 && remaining <= 2000, "{remaining}");

    let (error, cause) = failure(call(&functions, "app", json!({"kind": "throw"})).await);
    assert_eq!(
        (error.as_str(), &cause["errorMessage"]),
        ("TypeError", &json!("not a number"))
    );
    let trace = cause["trace"].to_string();
    assert!(
        trace.contains("app.mjs") && !trace.contains("[eval"),
        "{trace}"
    );
    let (error, cause) = failure(call(&functions, "app", json!({"kind": "bigint"})).await);
    assert_eq!(
        (error.as_str(), &cause["errorMessage"]),
        (
            "Runtime.JSONStringifyError",
            &json!("Unable to stringify response body")
        )
    );
    let (error, cause) = failure(call(&functions, "app", json!({"kind": "reject"})).await);
    assert_eq!(
        (error.as_str(), &cause["errorMessage"]),
        ("string", &json!("plain string"))
    );
    let child = call(&functions, "app", json!({"kind": "child"}))
        .await
        .expect("a result");
    assert_eq!(child["name"], "app", "stray output is not an answer");
    let warm = call(&functions, "app", json!({})).await.expect("a result");
    assert_eq!(warm["nCalls"], 7, "errors keep the worker warm");

    let (error, cause) = failure(call(&functions, "app", json!({"kind": "uncaught"})).await);
    assert_eq!(
        (error.as_str(), &cause["errorMessage"]),
        ("RangeError", &json!("too far"))
    );
    let (error, _) = failure(call(&functions, "app", json!({"kind": "exit"})).await);
    assert_eq!(error, "Runtime.ExitError");
    let (error, _) = failure(call(&functions, "app", json!({"kind": "sleep", "seconds": 5})).await);
    assert_eq!(error, "Sandbox.Timedout");
    let fresh = call(&functions, "app", json!({})).await.expect("a result");
    assert_eq!(fresh["nCalls"], 1, "the worker was replaced");

    let called = call(&functions, "back", json!({})).await.expect("a result");
    assert_eq!(called["called"], "back");
    let (error, _) = failure(call(&functions, "back", json!({"kind": "fail"})).await);
    assert_eq!(error, "Error");
    assert_eq!(
        call(&functions, "sync", json!({})).await,
        Ok(Value::Null),
        "as Lambda ignores it"
    );
    assert_eq!(
        call(&functions, "common", json!({"n": 21})).await,
        Ok(json!({"common": 42}))
    );
}

#[tokio::test]
async fn node_modules_that_cannot_load_fail_as_lambda_reports_them() {
    if !require("node") {
        return;
    }
    let functions = functions(
        &[
            (
                "missing_dep.mjs",
                "import 'no-such-package';\nexport const handler = async () => 1;\n",
            ),
            ("syntax.mjs", "export const handler = async ( => 1;\n"),
            ("no_handler.mjs", "export const other = async () => 1;\n"),
        ],
        &[
            ("missing_dep", json!({"handler": "missing_dep.mjs:handler"})),
            ("syntax", json!({"handler": "syntax.mjs:handler"})),
            ("no_handler", json!({"handler": "no_handler.mjs:handler"})),
        ],
    );
    for (name, error, message) in [
        (
            "missing_dep",
            "Runtime.ImportModuleError",
            "Error: Cannot find package 'no-such-package'",
        ),
        ("syntax", "Runtime.UserCodeSyntaxError", "SyntaxError: "),
        (
            "no_handler",
            "Runtime.HandlerNotFound",
            "no_handler.handler is undefined or not exported",
        ),
    ] {
        for _ in 0..2 {
            let (got, cause) = failure(call(&functions, name, json!({})).await);
            assert_eq!(got, error, "{name}");
            let got_message = cause["errorMessage"].as_str().unwrap_or_default();
            assert!(got_message.starts_with(message), "{name}: {got_message}");
        }
    }
}

//! The web console in a real browser: runs the journeys of `console-tests/` (Node.js,
//! playwright-core and Debian's Chromium) against this build's `statewright` binary.
//!
//! The Node.js suite starts its own `statewright serve --in-memory` and saves a screenshot
//! per journey under the target directory (`tmp/console-screenshots/`). Without Node.js,
//! Chromium or the suite's `npm ci`, the test fails under `CI=true` and prints a loud
//! `SKIPPED` line elsewhere.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Where Debian's `chromium` package puts the browser.
const CHROMIUM: &str = "/usr/bin/chromium";

/// The journeys, run in this order by one Node.js test runner.
const SUITES: &[&str] = &["history.test.mjs", "console.test.mjs"];

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../console-tests")
}

/// Whether `what` is there; under `CI=true` its absence fails the test, elsewhere it is
/// reported loudly and the test returns.
#[expect(clippy::print_stderr, reason = "a skipped test must say so loudly")]
fn require(what: &str, found: bool, install_hint: &str) -> bool {
    if found {
        return true;
    }
    if std::env::var("CI").is_ok_and(|value| value == "true") {
        panic!("{what} is missing: {install_hint} (CI runs the browser tests)");
    }
    eprintln!(
        "\n\n*** SKIPPED: {what} is missing, so the console's browser tests did not run; {install_hint} ***\n\n"
    );
    false
}

fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

#[test]
fn console_journeys_in_chromium() {
    let dir = tests_dir();
    let ready = require(
        "Node.js",
        runs("node", &["--version"]),
        "install it with `apt-get install nodejs`",
    ) && require(
        "Chromium",
        Path::new(CHROMIUM).is_file(),
        "install it with `apt-get install chromium`",
    ) && require(
        "playwright-core",
        dir.join("node_modules/playwright-core/package.json")
            .is_file(),
        "run `npm ci` in console-tests/",
    );
    if !ready {
        return;
    }
    let screenshots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("console-screenshots");
    let output = Command::new("node")
        .arg("--test")
        .arg("--test-reporter=spec")
        .args(SUITES)
        .current_dir(&dir)
        .env("STATEWRIGHT_BIN", env!("CARGO_BIN_EXE_statewright"))
        .env("CHROMIUM", CHROMIUM)
        .env("SCREENSHOT_DIR", &screenshots)
        .stdin(Stdio::null())
        .output()
        .expect("node starts");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the console's browser tests failed ({}); screenshots are in {}\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        output.status,
        screenshots.display()
    );
}

//! The shims compiled into the binary, one per language, and the command that runs each.
//!
//! A shim is passed on the command line (`python3 -c`, `node -e`), so nothing is written to
//! disk and the shim always matches the server that runs it.

use tokio::process::Command;

use super::Language;

/// `shims/lambda_shim.py`.
const PYTHON: &str = include_str!("../../shims/lambda_shim.py");

/// `shims/lambda_shim.mjs`.
const NODE: &str = include_str!("../../shims/lambda_shim.mjs");

/// The interpreter that runs a language's shim.
pub(crate) fn program(language: Language) -> &'static str {
    match language {
        Language::Python => "python3",
        Language::Node => "node",
    }
}

/// The command that starts a worker for `language`, before its directory, environment and
/// pipes are set.
pub(crate) fn command(language: Language) -> Command {
    let mut command = Command::new(program(language));
    match language {
        Language::Python => command.arg("-c").arg(PYTHON),
        Language::Node => command.args(["--input-type=module", "-e", NODE]),
    };
    command
}

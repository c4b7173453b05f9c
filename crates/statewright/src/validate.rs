//! `statewright validate`: every problem in a definition, ruff-style.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::error::{self, Error, read_file};

/// `validate`'s exit codes, for its `--help`.
pub(crate) const EXIT_STATUS: &str = "\
Exit status:
  0  the definition is valid (it may have warnings)
  1  the definition is invalid; its problems are on stdout
  2  a usage problem: the file is missing or cannot be read";

/// Options of `statewright validate`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The definition file (Amazon States Language JSON).
    definition: PathBuf,
}

#[expect(clippy::print_stdout, reason = "the CLI's output")]
pub(crate) fn validate(args: Args) -> Result<ExitCode, Error> {
    let text = read_file(&args.definition)?;
    let file_name = args.definition.display().to_string();
    let diagnostics = match asl::validate::parse_definition(&text) {
        Ok(definition) => asl::validate::validate(&definition),
        Err(diagnostic) => vec![diagnostic],
    };
    if diagnostics.is_empty() {
        println!("{file_name}: ok");
        return Ok(ExitCode::SUCCESS);
    }
    print!("{}", asl::render::render(&file_name, &text, &diagnostics));
    let n_errors = diagnostics
        .iter()
        .filter(|d| d.severity == asl::Severity::Error)
        .count();
    Ok(if n_errors > 0 {
        ExitCode::from(error::FAILURE)
    } else {
        ExitCode::SUCCESS
    })
}

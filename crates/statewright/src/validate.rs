//! `statewright validate`: every problem in a definition, ruff-style.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

/// Options of `statewright validate`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The definition file (Amazon States Language JSON).
    definition: PathBuf,
}

#[expect(clippy::print_stdout, reason = "the CLI's output")]
pub(crate) fn validate(args: Args) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.definition)
        .with_context(|| format!("could not read {}", args.definition.display()))?;
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
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

//! `statewright graph`: a definition drawn as SVG, or written as Graphviz DOT or Mermaid.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::error::{Error, lowercase_first, read_file, shell_word};

/// `graph`'s exit codes, for its `--help`.
pub(crate) const EXIT_STATUS: &str = "\
Exit status:
  0  the graph was written (an invalid definition is drawn as far as it can be)
  2  a usage problem: the file is missing, cannot be read or is not JSON, or the output
     cannot be written";

/// The output formats of `statewright graph`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Format {
    /// A self-contained SVG image.
    Svg,
    /// Graphviz DOT source.
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
}

/// Options of `statewright graph`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The definition file (Amazon States Language JSON).
    definition: PathBuf,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Svg)]
    format: Format,
    /// Write the graph to this file instead of stdout.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

#[expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the CLI's output"
)]
pub(crate) fn graph(args: Args) -> Result<ExitCode, Error> {
    let text = read_file(&args.definition)?;
    let file_name = args.definition.display().to_string();
    let definition = match asl::validate::parse_definition(&text) {
        Ok(definition) => definition,
        Err(diagnostic) => {
            eprint!("{}", asl::render::render(&file_name, &text, &[diagnostic]));
            return Err(Error::usage(format!("{file_name} is not JSON")));
        }
    };
    if !definition.is_object() {
        return Err(
            Error::usage(format!("{file_name} is not a state machine definition"))
                .with_hint("a definition is a JSON object with `StartAt` and `States` fields"),
        );
    }
    let n_errors = asl::validate::validate(&definition)
        .iter()
        .filter(|diagnostic| diagnostic.severity == asl::Severity::Error)
        .count();
    if n_errors > 0 {
        eprintln!(
            "warning: {file_name} is not a valid state machine definition; the graph shows what can be drawn\n\n\
             hint: `statewright validate {}` lists its problems",
            shell_word(&file_name)
        );
    }
    let graph = ::graph::Graph::from_definition(&definition);
    let rendered = match args.format {
        Format::Svg => {
            let layout = ::graph::layout(&graph);
            ::graph::render_svg(&graph, &layout, &HashMap::new())
        }
        Format::Dot => ::graph::render_dot(&graph),
        Format::Mermaid => ::graph::render_mermaid(&graph),
    };
    match &args.output {
        Some(path) => std::fs::write(path, rendered).map_err(|err| {
            Error::usage(format!(
                "could not write {}: {}",
                path.display(),
                lowercase_first(&err.to_string())
            ))
        })?,
        None => print!("{rendered}"),
    }
    Ok(ExitCode::SUCCESS)
}

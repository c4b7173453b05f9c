//! `statewright`: run AWS Step Functions state machines anywhere.
//!
//! `statewright serve` starts the Step Functions API; `statewright run` runs one execution
//! in-process; `statewright validate` checks a definition; `statewright graph` draws one.

mod config;
mod error;
mod graph;
mod handlers;
mod run;
mod serve;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

// Executions allocate many small JSON values; mimalloc runs the interpreter about 1.5 times
// as fast as the system allocator (see crates/engine/benches/core.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Run AWS Step Functions state machines anywhere.
#[derive(Debug, Parser)]
#[command(name = "statewright", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start the Step Functions API server.
    #[command(after_help = serve::EXIT_STATUS)]
    Serve(serve::Args),
    /// Run one execution of a definition in-process and print its output.
    #[command(after_help = run::EXIT_STATUS)]
    Run(run::Args),
    /// Check a definition and print every problem with its location.
    #[command(after_help = validate::EXIT_STATUS)]
    Validate(validate::Args),
    /// Draw a definition as SVG, or write it as Graphviz DOT or Mermaid.
    #[command(after_help = graph::EXIT_STATUS)]
    Graph(graph::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let res = match cli.command {
        Command::Serve(args) => serve::serve(args),
        Command::Run(args) => run::run(args),
        Command::Validate(args) => validate::validate(args),
        Command::Graph(args) => graph::graph(args),
    };
    res.unwrap_or_else(|err| err.report())
}

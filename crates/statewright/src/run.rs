//! `statewright run`: one execution, in-process, output on stdout.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use engine::{Event, EventKind, ExecutionContext, Status};

use crate::error::{Error, read_file, shell_word};

/// `run`'s exit codes, for its `--help`.
pub(crate) const EXIT_STATUS: &str = "\
Exit status:
  0  the execution succeeded; its output is on stdout
  1  the execution failed, timed out or was aborted
  2  a usage or input problem: a missing file, input that is not JSON, or an invalid
     definition (`statewright validate` lists its problems)";

/// Options of `statewright run`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The definition file (Amazon States Language JSON).
    definition: PathBuf,
    /// The execution input, as JSON text.
    #[arg(long, conflicts_with = "input_file")]
    input: Option<String>,
    /// A file holding the execution input.
    #[arg(long)]
    input_file: Option<PathBuf>,
    /// Also print the execution history, one event per line, on stderr.
    #[arg(long)]
    history: bool,
    /// A configuration file (TOML, as for `serve`) whose local functions, Lambda endpoint and
    /// connections run the Task states.
    #[arg(long)]
    config: Option<PathBuf>,
}

#[expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the CLI's output"
)]
pub(crate) fn run(args: Args) -> Result<ExitCode, Error> {
    let text = read_file(&args.definition)?;
    let file_name = args.definition.display().to_string();
    let (definition, diagnostics) = match asl::validate::parse_definition(&text) {
        Ok(definition) => {
            let diagnostics = asl::validate::validate(&definition);
            (Some(definition), diagnostics)
        }
        Err(diagnostic) => (None, vec![diagnostic]),
    };
    let invalid = || {
        Error::usage(format!(
            "{file_name} is not a valid state machine definition"
        ))
        .with_hint(format!(
            "fix the problems above, then check with `statewright validate {}`",
            shell_word(&file_name)
        ))
    };
    let definition = match definition {
        Some(definition)
            if !diagnostics
                .iter()
                .any(|d| d.severity == asl::Severity::Error) =>
        {
            definition
        }
        _ => {
            eprint!("{}", asl::render::render(&file_name, &text, &diagnostics));
            return Err(invalid());
        }
    };
    // Validation should have caught whatever compilation cannot use.
    let program = asl::program::compile(&definition).map_err(|err| {
        Error::usage(format!(
            "{file_name} is not a valid state machine definition: {} at {}",
            err.message, err.location
        ))
    })?;
    let input = read_input(&args)?;
    // The same task handlers as `serve`, with the configuration file's functions, if any.
    let file = match &args.config {
        Some(path) => crate::config::load(path)?,
        None => crate::config::Config::default(),
    };
    let endpoint = crate::handlers::lambda_endpoint(None, &file, "us-east-1")?;
    let tasks = crate::handlers::from_config(file, endpoint, "us-east-1", "000000000000")?;
    let clock: Arc<dyn runtime::Clock> = Arc::new(runtime::SystemClock);
    let name = args
        .definition
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or("local")
        .split('.')
        .next()
        .unwrap_or("local")
        .to_owned();
    let now = runtime::Clock::now_ms(&*clock);
    let context = ExecutionContext {
        execution_arn: format!("arn:aws:states:us-east-1:000000000000:execution:{name}:local"),
        name: "local".to_owned(),
        role_arn: "arn:aws:iam::000000000000:role/statewright".to_owned(),
        state_machine_arn: format!("arn:aws:states:us-east-1:000000000000:stateMachine:{name}"),
        state_machine_name: name,
        start_time_ms: now,
        ..ExecutionContext::default()
    };
    let start = Event {
        now_ms: now,
        seed: now as u64,
        kind: EventKind::Start { input, context },
    };
    let tokio = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| Error::failure(format!("could not start the async runtime: {err}")))?;
    let outcome = tokio.block_on(runtime::run_to_end(
        &program, start, clock, tasks, now as u64,
    ));
    if args.history {
        for event in &outcome.history {
            eprintln!("{}", event.to_api_json(true));
        }
    }
    match outcome.execution.status {
        Status::Succeeded => {
            let output = outcome
                .execution
                .output
                .map(|output| output.to_json_text())
                .unwrap_or_else(|| "null".to_owned());
            println!("{output}");
            Ok(ExitCode::SUCCESS)
        }
        status => {
            let failure = outcome.execution.failure.unwrap_or(engine::Failure {
                error: None,
                cause: None,
            });
            let mut message = format!("the execution ended {}", status_word(status));
            if let Some(error) = failure.error {
                message.push_str(&format!("\n  error: {error}"));
            }
            if let Some(cause) = failure.cause {
                message.push_str(&format!("\n  cause: {cause}"));
            }
            let error = Error::failure(message);
            Err(if args.history {
                error
            } else {
                error
                    .with_hint("run it again with `--history` to see each state's input and output")
            })
        }
    }
}

/// The execution input, from `--input`, `--input-file` or `{}`.
fn read_input(args: &Args) -> Result<serde_json::Value, Error> {
    match (&args.input, &args.input_file) {
        (Some(input), _) => serde_json::from_str(input).map_err(|err| {
            Error::usage(format!("the input is not valid JSON: {err}")).with_hint(
                "`--input` takes JSON text, e.g. `--input '{\"n\": 1}'`; `--input-file` reads it from a file",
            )
        }),
        (None, Some(path)) => {
            let text = read_file(path)?;
            serde_json::from_str(&text).map_err(|err| {
                Error::usage(format!(
                    "the input in {} is not valid JSON: {err}",
                    path.display()
                ))
                .with_hint("`--input-file` takes a file holding one JSON value, e.g. `{\"n\": 1}`")
            })
        }
        (None, None) => Ok(serde_json::Value::Object(serde_json::Map::new())),
    }
}

fn status_word(status: Status) -> &'static str {
    match status {
        Status::Failed => "FAILED",
        Status::TimedOut => "TIMED_OUT",
        Status::Aborted => "ABORTED",
        Status::Succeeded => "SUCCEEDED",
        Status::New | Status::Running => "RUNNING (it can never finish)",
    }
}

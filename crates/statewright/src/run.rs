//! `statewright run`: one execution, in-process, output on stdout.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, bail};
use engine::{Event, EventKind, ExecutionContext, Status};

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
}

#[expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the CLI's output"
)]
pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.definition)
        .with_context(|| format!("could not read {}", args.definition.display()))?;
    let file_name = args.definition.display().to_string();
    let diagnostics = match asl::validate::parse_definition(&text) {
        Ok(definition) => asl::validate::validate(&definition),
        Err(diagnostic) => vec![diagnostic],
    };
    if diagnostics
        .iter()
        .any(|d| d.severity == asl::Severity::Error)
    {
        eprint!("{}", asl::render::render(&file_name, &text, &diagnostics));
        bail!("{file_name} is not a valid state machine definition");
    }
    let definition: serde_json::Value =
        serde_json::from_str(&text).context("the definition is not JSON")?;
    let program = asl::program::compile(&definition)
        .map_err(|err| anyhow::anyhow!("could not compile {file_name}: {err}"))?;
    let input_text = match (&args.input, &args.input_file) {
        (Some(input), _) => input.clone(),
        (None, Some(path)) => std::fs::read_to_string(path)
            .with_context(|| format!("could not read {}", path.display()))?,
        (None, None) => "{}".to_owned(),
    };
    let input: serde_json::Value =
        serde_json::from_str(&input_text).context("the input is not valid JSON")?;
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
    };
    let start = Event {
        now_ms: now,
        seed: now as u64,
        kind: EventKind::Start { input, context },
    };
    let tokio = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime")?;
    let outcome = tokio.block_on(runtime::run_to_end(
        &program,
        start,
        clock,
        Arc::new(runtime::NoHandler),
        now as u64,
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
            eprintln!("error: the execution ended {}", status_word(status));
            if let Some(error) = failure.error {
                eprintln!("  error: {error}");
            }
            if let Some(cause) = failure.cause {
                eprintln!("  cause: {cause}");
            }
            Ok(ExitCode::from(1))
        }
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

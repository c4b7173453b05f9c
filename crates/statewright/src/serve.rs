//! `statewright serve`: the Step Functions API and the web console over HTTP.

use std::future::Future;
use std::io::IsTerminal as _;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use crate::error::{Error, lowercase_first};

/// `serve`'s exit codes, for its `--help`.
pub(crate) const EXIT_STATUS: &str = "\
Exit status:
  0  the server stopped on Ctrl-C (SIGINT) or SIGTERM
  1  the server could not open its data directory or start listening, or stopped with an
     error
  2  a usage problem: --host is not an IP address, --wait-time-scale is not a number from 0
     up, --lambda-endpoint is not an http(s) URL, or the configuration file is missing or
     not valid";

/// Options of `statewright serve`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1", env = "STATEWRIGHT_HOST")]
    host: String,
    /// The port to listen on (8083 is Step Functions Local's).
    #[arg(long, default_value_t = 8083, env = "STATEWRIGHT_PORT")]
    port: u16,
    /// The AWS account id that appears in ARNs.
    #[arg(long, default_value = "000000000000", env = "STATEWRIGHT_ACCOUNT")]
    account: String,
    /// The AWS region that appears in ARNs.
    #[arg(long, default_value = "us-east-1", env = "STATEWRIGHT_REGION")]
    region: String,
    /// Where state machines, executions and their history are kept, in a SQLite database
    /// [default: $XDG_DATA_HOME/statewright, or ~/.local/share/statewright]
    #[arg(long, env = "STATEWRIGHT_DATA_DIR", conflicts_with = "in_memory")]
    data_dir: Option<PathBuf>,
    /// Keep everything in memory instead: it is lost when the server stops.
    #[arg(long)]
    in_memory: bool,
    /// Make Wait states and retry delays this many times as long (0.1 runs them ten times
    /// faster); task timeouts and heartbeats are not scaled.
    #[arg(long, default_value_t = 1.0, env = "STATEWRIGHT_WAIT_TIME_SCALE")]
    wait_time_scale: f64,
    /// A configuration file (TOML) declaring local functions for Lambda tasks.
    #[arg(long, env = "STATEWRIGHT_CONFIG")]
    config: Option<PathBuf>,
    /// A Lambda Invoke API endpoint (e.g. https://lambda.us-east-1.amazonaws.com) for the
    /// functions that are not local; requests are signed with the AWS credentials of the
    /// environment or the shared files [default: the configuration file's `[lambda]`
    /// endpoint, or none]
    #[arg(long, env = "STATEWRIGHT_LAMBDA_ENDPOINT")]
    lambda_endpoint: Option<String>,
    /// Delete executions this many days after they end (AWS keeps them 90 days).
    #[arg(long, default_value_t = 90, env = "STATEWRIGHT_RETENTION_DAYS")]
    retention_days: u32,
}

/// The data directory when none is given: the user's data directory, as the XDG base
/// directories define it.
fn default_data_dir() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|dir| !dir.is_empty())
                .map(|home| PathBuf::from(home).join(".local").join("share"))
        })
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("statewright")
}

/// Opens the store the options ask for, and says which it is.
async fn open_store(args: &Args) -> Result<Arc<dyn store::Store>, Error> {
    if args.in_memory {
        tracing::info!("keeping everything in memory (--in-memory): nothing survives a restart");
        return Ok(Arc::new(store::MemoryStore::default()));
    }
    let dir = args.data_dir.clone().unwrap_or_else(default_data_dir);
    match store_sqlite::SqliteStore::open(&dir).await {
        Ok(store) => {
            tracing::info!("data in {}", store.path().display());
            Ok(Arc::new(store))
        }
        Err(err) => {
            let hint = match &err {
                store_sqlite::OpenError::InUse { .. } => {
                    "stop the other server, or give this one its own `--data-dir`"
                }
                store_sqlite::OpenError::NewerSchema { .. } => {
                    "run the newer statewright on it, or point `--data-dir` at another directory"
                }
                _ => {
                    "choose a directory this user can write with `--data-dir`, or run with `--in-memory`"
                }
            };
            Err(Error::failure(lowercase_first(&err.to_string())).with_hint(hint))
        }
    }
}

pub(crate) fn serve(args: Args) -> Result<ExitCode, Error> {
    // A log that goes to a file or a pipe gets no colour codes, and nor does a terminal when
    // NO_COLOR is set (https://no-color.org).
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal() && !no_color)
        .init();
    // An IPv6 host needs no brackets: the host and port are never joined into one string.
    let host: IpAddr = args.host.parse().map_err(|_| {
        Error::usage(format!("the host {:?} is not an IP address", args.host)).with_hint(
            "`--host` takes an IP address, e.g. `--host 127.0.0.1`, `--host 0.0.0.0` or `--host ::1`",
        )
    })?;
    let address = SocketAddr::new(host, args.port);
    let mut file = match &args.config {
        Some(path) => crate::config::load(path)?,
        None => crate::config::Config::default(),
    };
    let buckets = std::mem::take(&mut file.buckets);
    let events = std::mem::take(&mut file.events);
    let endpoint =
        crate::handlers::lambda_endpoint(args.lambda_endpoint.as_deref(), &file, &args.region)?;
    if !(args.wait_time_scale.is_finite() && args.wait_time_scale >= 0.0) {
        return Err(Error::usage(format!(
            "--wait-time-scale {} is not a number from 0 up",
            args.wait_time_scale
        ))
        .with_hint("`--wait-time-scale 0.1` makes waits ten times shorter, `1` keeps real time"));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|err| Error::failure(format!("could not start the async runtime: {err}")))?;
    runtime.block_on(async move {
        let shutdown = shutdown_signal()?;
        let store = open_store(&args).await?;
        let config = runtime::Config {
            account: args.account.clone(),
            region: args.region.clone(),
            wait_time_scale: args.wait_time_scale,
        };
        let handler =
            crate::handlers::from_config(file, endpoint, &config.region, &config.account)?;
        // Nested executions start on this runtime; every other task goes to the handlers above.
        let handler = api::NestedExecutions::new(handler);
        let runtime = runtime::Runtime::with_parts(
            store,
            config,
            Arc::new(runtime::SystemClock),
            handler.clone(),
        );
        handler.attach(&runtime);
        let resumed = runtime.resume().await.map_err(|err| {
            Error::failure(format!("could not resume the running executions: {err}"))
        })?;
        if resumed > 0 {
            tracing::info!("resumed {resumed} running executions");
        }
        spawn_retention(runtime.clone(), args.retention_days);
        let triggers = start_triggers(&args, runtime.clone(), buckets, &events).await?;
        let endpoint = api::EventEndpoint {
            api_key: events.api_key_name.zip(events.api_key_value),
        };
        // `POST /` is the API and `GET /` the console: the two share the path, not a method.
        let app = api::app_with_triggers(triggers, endpoint).merge(console::routes(runtime));
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .map_err(|err| {
                let error = Error::failure(format!(
                    "could not listen on {address}: {}",
                    lowercase_first(&err.to_string())
                ));
                if err.kind() == std::io::ErrorKind::AddrInUse {
                    error.with_hint(format!(
                        "another process is listening on port {}; choose another with `--port`",
                        address.port()
                    ))
                } else {
                    error
                }
            })?;
        // With `--port 0` the system picks the port; say which.
        let local_address = listener.local_addr().unwrap_or(address);
        tracing::info!("statewright listening on http://{local_address}");
        tracing::info!("the console is at http://{local_address}/");
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(|err| Error::failure(format!("the server stopped with an error: {err}")))?;
        tracing::info!("statewright stopped");
        Ok(ExitCode::SUCCESS)
    })
}

/// Starts the triggers: pending deliveries are tried again, schedules run (firing once what
/// they missed while the server was down), and the watched directories are scanned.
async fn start_triggers(
    args: &Args,
    runtime: runtime::Runtime,
    buckets: std::collections::BTreeMap<String, crate::config::BucketTable>,
    events: &crate::config::EventsTable,
) -> Result<triggers::Triggers, Error> {
    let dead_letter_dir = match (&events.dead_letter_dir, args.in_memory) {
        (Some(dir), _) => Some(PathBuf::from(dir)),
        (None, false) => Some(
            args.data_dir
                .clone()
                .unwrap_or_else(default_data_dir)
                .join("dead-letters"),
        ),
        (None, true) => None,
    };
    let config = triggers::Config { dead_letter_dir };
    let triggers = triggers::Triggers::start(runtime, config)
        .await
        .map_err(|err| Error::failure(format!("could not start the triggers: {err}")))?;
    triggers.spawn_scheduler();
    for (name, bucket) in buckets {
        let dir = PathBuf::from(&bucket.path);
        std::fs::create_dir_all(&dir).map_err(|err| {
            Error::failure(format!(
                "could not create the directory {} of the bucket {name}: {err}",
                dir.display()
            ))
        })?;
        tracing::info!("watching {} as the bucket {name}", dir.display());
        triggers.watch(
            triggers::Bucket {
                name,
                dir,
                cloudtrail: bucket.cloudtrail,
            },
            Duration::from_millis(bucket.scan_interval_ms),
        );
    }
    Ok(triggers)
}

/// Deletes expired executions now and every hour.
fn spawn_retention(runtime: runtime::Runtime, days: u32) {
    let retention_ms = i64::from(days) * 24 * 60 * 60 * 1000;
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(Duration::from_secs(60 * 60));
        loop {
            every_hour.tick().await;
            match runtime.expire(retention_ms).await {
                Ok(0) => {}
                Ok(n) => tracing::info!("deleted {n} executions that ended over {days} days ago"),
                Err(err) => tracing::warn!(%err, "could not delete expired executions"),
            }
        }
    });
}

/// Resolves when the process is asked to stop: Ctrl-C, or SIGTERM as `docker stop`, systemd
/// and Kubernetes send it.
///
/// The handlers are installed before the future is first polled, so a signal that arrives as
/// soon as the server says it listens stops it gracefully instead of killing it.
#[cfg(unix)]
fn shutdown_signal() -> Result<impl Future<Output = ()>, Error> {
    use tokio::signal::unix::{SignalKind, signal};

    let install = |kind: SignalKind, name: &str| {
        signal(kind).map_err(|err| Error::failure(format!("could not handle {name}: {err}")))
    };
    let mut interrupt = install(SignalKind::interrupt(), "SIGINT")?;
    let mut terminate = install(SignalKind::terminate(), "SIGTERM")?;
    Ok(async move {
        let name = tokio::select! {
            _ = interrupt.recv() => "SIGINT",
            _ = terminate.recv() => "SIGTERM",
        };
        tracing::info!("received {name}, shutting down");
    })
}

/// Resolves on Ctrl-C, the only stop request other systems send.
#[cfg(not(unix))]
fn shutdown_signal() -> Result<impl Future<Output = ()>, Error> {
    Ok(async {
        match tokio::signal::ctrl_c().await {
            Ok(()) => tracing::info!("received Ctrl-C, shutting down"),
            // Without a handler the server runs until it is killed.
            Err(err) => {
                tracing::warn!("could not handle Ctrl-C: {err}");
                std::future::pending::<()>().await;
            }
        }
    })
}

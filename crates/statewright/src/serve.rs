//! `statewright serve`: the Step Functions API over HTTP.

use std::future::Future;
use std::io::IsTerminal as _;
use std::net::{IpAddr, SocketAddr};
use std::process::ExitCode;
use std::sync::Arc;

use crate::error::{Error, lowercase_first};

/// `serve`'s exit codes, for its `--help`.
pub(crate) const EXIT_STATUS: &str = "\
Exit status:
  0  the server stopped on Ctrl-C (SIGINT) or SIGTERM
  1  the server could not start listening, or stopped with an error
  2  a usage problem: --host is not an IP address";

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
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|err| Error::failure(format!("could not start the async runtime: {err}")))?;
    runtime.block_on(async move {
        let shutdown = shutdown_signal()?;
        let store: Arc<dyn store::Store> = Arc::new(store::MemoryStore::default());
        let config = runtime::Config {
            account: args.account,
            region: args.region,
        };
        let app = api::app(runtime::Runtime::new(store, config));
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
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(|err| Error::failure(format!("the server stopped with an error: {err}")))?;
        tracing::info!("statewright stopped");
        Ok(ExitCode::SUCCESS)
    })
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

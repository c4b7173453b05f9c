//! `statewright serve`: the Step Functions API over HTTP.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;

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

pub(crate) fn serve(args: Args) -> anyhow::Result<ExitCode> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime")?;
    runtime.block_on(async move {
        let store: Arc<dyn store::Store> = Arc::new(store::MemoryStore::default());
        let config = runtime::Config {
            account: args.account,
            region: args.region,
        };
        let app = api::app(runtime::Runtime::new(store, config));
        let address: SocketAddr = format!("{}:{}", args.host, args.port)
            .parse()
            .with_context(|| {
                format!("{}:{} is not an address to listen on", args.host, args.port)
            })?;
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .with_context(|| format!("could not listen on {address}"))?;
        tracing::info!("statewright listening on http://{address}");
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                // Ctrl-C stops the server; an error installing the handler just means no
                // graceful stop.
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("the server stopped with an error")?;
        Ok(ExitCode::SUCCESS)
    })
}

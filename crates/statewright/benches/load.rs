//! A load generator that is not the bottleneck: many executions at once, in two modes.
//!
//! ```text
//! cargo bench -p statewright --bench load -- store WORKLOAD N CONCURRENCY
//! cargo bench -p statewright --bench load -- http ENDPOINT WORKLOAD N CONNECTIONS
//! ```
//!
//! `store` runs the runtime in this process, without HTTP, once on the durable SQLite store (in
//! a scratch directory) and once on the in-memory store, and prints executions and state
//! transitions per second for each: what group commit makes of durability.
//! `http` starts `N` executions of a workload through `StartExecution` on `CONNECTIONS`
//! keep-alive connections to a running server (statewright or a peer) with a minimal HTTP/1.1
//! client, then checks that every one succeeded with the expected output, and prints
//! executions per second. `WORKLOAD` is a name from `../shared/bench/workloads` (set
//! `STATEWRIGHT_WORKLOADS` to read them elsewhere); execution `k` of `many-small` gets
//! `{"x": k}`, the others their workload's input.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

type Failure = Box<dyn std::error::Error + Send + Sync>;

/// The wall clock a benchmark measures with.
#[expect(
    clippy::disallowed_methods,
    reason = "a benchmark measures real time; the clock ban protects the interpreter"
)]
fn now() -> Instant {
    Instant::now()
}

fn main() -> Result<(), Failure> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["store", workload, n, concurrency] => {
            runtime.block_on(store_mode(workload, n.parse()?, concurrency.parse()?))
        }
        ["http", endpoint, workload, n, connections] => runtime.block_on(http_mode(
            endpoint,
            workload,
            n.parse()?,
            connections.parse()?,
        )),
        // `cargo bench --no-run` compiles this; a bare `cargo bench` runs a small smoke load.
        [] => runtime.block_on(store_mode("many-small", 200, 16)),
        _ => Err(
            "usage: load store WORKLOAD N CONCURRENCY | load http ENDPOINT WORKLOAD N CONNECTIONS"
                .into(),
        ),
    }
}

fn workloads_dir() -> PathBuf {
    match std::env::var_os("STATEWRIGHT_WORKLOADS") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/workloads"),
    }
}

struct Workload {
    definition: String,
    input: Value,
    transitions: u64,
    name: String,
}

impl Workload {
    fn load(name: &str) -> Result<Workload, Failure> {
        let dir = workloads_dir();
        let read =
            |suffix: &str| std::fs::read_to_string(dir.join(format!("{name}.{suffix}.json")));
        let meta: Value = serde_json::from_str(&read("meta")?)?;
        Ok(Workload {
            definition: read("asl")?,
            input: serde_json::from_str(&read("input")?)?,
            transitions: meta["transitions"].as_u64().unwrap_or(1),
            name: name.to_owned(),
        })
    }

    fn input(&self, k: usize) -> Value {
        if self.name == "many-small" {
            json!({"x": k})
        } else {
            self.input.clone()
        }
    }
}

fn report(label: &str, workload: &Workload, n: usize, elapsed: Duration) {
    let per_s = n as f64 / elapsed.as_secs_f64();
    #[expect(clippy::print_stdout, reason = "a benchmark prints its figures")]
    {
        println!(
            "{label:<28} {:<18} {n:>7} executions in {:>7.3} s: {:>9.0} executions/s, {:>10.0} transitions/s",
            workload.name,
            elapsed.as_secs_f64(),
            per_s,
            per_s * workload.transitions as f64
        );
    }
}

async fn store_mode(name: &str, n: usize, concurrency: usize) -> Result<(), Failure> {
    let workload = Arc::new(Workload::load(name)?);
    let dir = std::env::temp_dir().join(format!("statewright-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    {
        let durable: Arc<dyn store::Store> = Arc::new(store_sqlite::SqliteStore::open(&dir).await?);
        let elapsed = run_in_process(durable, &workload, n, concurrency).await?;
        report(
            &format!("sqlite, {concurrency} at once"),
            &workload,
            n,
            elapsed,
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    let memory: Arc<dyn store::Store> = Arc::new(store::MemoryStore::new());
    let elapsed = run_in_process(memory, &workload, n, concurrency).await?;
    report(
        &format!("memory, {concurrency} at once"),
        &workload,
        n,
        elapsed,
    );
    Ok(())
}

async fn run_in_process(
    store: Arc<dyn store::Store>,
    workload: &Arc<Workload>,
    n: usize,
    concurrency: usize,
) -> Result<Duration, Failure> {
    let runtime = runtime::Runtime::new(store.clone(), runtime::Config::default());
    let machine = store::StateMachineRecord {
        arn: "arn:aws:states:us-east-1:000000000000:stateMachine:load".to_owned(),
        name: "load".to_owned(),
        kind: store::StateMachineType::Standard,
        definition: workload.definition.clone(),
        role_arn: "arn:aws:iam::000000000000:role/load".to_owned(),
        logging_configuration: json!({"level": "OFF", "includeExecutionData": false}),
        tracing_configuration: json!({"enabled": false}),
        creation_date_ms: runtime.now_ms(),
        update_date_ms: runtime.now_ms(),
        revision_id: String::new(),
        description: None,
    };
    store.create_state_machine(machine.clone()).await?;
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = now();
    let mut workers = Vec::with_capacity(concurrency);
    for _ in 0..concurrency {
        let (runtime, machine, workload, next) = (
            runtime.clone(),
            machine.clone(),
            workload.clone(),
            next.clone(),
        );
        workers.push(tokio::spawn(async move {
            loop {
                let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if k >= n {
                    return Ok::<(), Failure>(());
                }
                let record = store::ExecutionRecord {
                    arn: format!("arn:aws:states:us-east-1:000000000000:execution:load:e{k}"),
                    state_machine_arn: machine.arn.clone(),
                    name: format!("e{k}"),
                    status: store::ExecutionStatus::Running,
                    start_date_ms: runtime.now_ms(),
                    stop_date_ms: None,
                    input: workload.input(k).to_string(),
                    output: None,
                    error: None,
                    cause: None,
                    definition: machine.definition.clone(),
                    revision_id: String::new(),
                    revision_date_ms: machine.creation_date_ms,
                    role_arn: machine.role_arn.clone(),
                    trace_header: None,
                    state: None,
                };
                let done = runtime.start(&machine, record).await?;
                if done.status != store::ExecutionStatus::Succeeded {
                    return Err(format!("execution {k} ended {:?}", done.status).into());
                }
            }
        }));
    }
    for worker in workers {
        worker.await??;
    }
    Ok(started.elapsed())
}

async fn http_mode(
    endpoint: &str,
    name: &str,
    n: usize,
    connections: usize,
) -> Result<(), Failure> {
    let workload = Arc::new(Workload::load(name)?);
    let address = endpoint
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let machine_name = format!("load-{}-{}", name, std::process::id());
    let mut client = Client::connect(&address).await?;
    let created = client
        .call(
            "CreateStateMachine",
            &json!({"name": machine_name, "definition": workload.definition,
                    "roleArn": "arn:aws:iam::000000000000:role/load"}),
        )
        .await?;
    let machine_arn = created["stateMachineArn"]
        .as_str()
        .ok_or("CreateStateMachine gave no ARN")?
        .to_owned();
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = now();
    let mut workers = Vec::with_capacity(connections);
    for _ in 0..connections {
        let (address, machine_arn, workload, next) = (
            address.clone(),
            machine_arn.clone(),
            workload.clone(),
            next.clone(),
        );
        workers.push(tokio::spawn(async move {
            let mut client = Client::connect(&address).await?;
            let mut arns = Vec::new();
            loop {
                let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if k >= n {
                    return Ok::<_, Failure>(arns);
                }
                let reply = client
                    .call(
                        "StartExecution",
                        &json!({"stateMachineArn": machine_arn, "name": format!("e{k}"),
                                "input": workload.input(k).to_string()}),
                    )
                    .await?;
                let arn = reply["executionArn"].as_str().ok_or("no executionArn")?;
                arns.push((k, arn.to_owned()));
            }
        }));
    }
    let mut arns = Vec::with_capacity(n);
    for worker in workers {
        arns.extend(worker.await??);
    }
    let all_started = started.elapsed();
    // Every execution must end, and correctly: poll until none runs. The time counts until
    // the last one was seen to end (the checks of finished ones run after the clock stops).
    let mut checks = Vec::with_capacity(n);
    let mut pending = arns;
    let mut n_passes = 0;
    let mut ended = all_started;
    while !pending.is_empty() {
        n_passes += 1;
        let mut still = Vec::new();
        for (k, arn) in pending {
            let record = client
                .call("DescribeExecution", &json!({"executionArn": arn}))
                .await?;
            match record["status"].as_str() {
                Some("RUNNING") => still.push((k, arn)),
                _ => checks.push((k, record)),
            }
        }
        pending = still;
        if !pending.is_empty() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        } else if n_passes > 1 {
            // Some were still running after their start returned: they ended by now.
            ended = started.elapsed();
        }
    }
    let elapsed = ended;
    for (k, record) in checks {
        {
            match record["status"].as_str() {
                Some("SUCCEEDED") if workload.name == "many-small" => {
                    let output: Value =
                        serde_json::from_str(record["output"].as_str().unwrap_or("null"))?;
                    if output != json!({"x": k, "y": k + 1}) {
                        return Err(format!("execution {k} gave {output}").into());
                    }
                }
                Some("SUCCEEDED") => {}
                other => return Err(format!("execution {k} ended {other:?}").into()),
            }
        }
    }
    report(
        &format!("http, {connections} connections"),
        &workload,
        n,
        elapsed,
    );
    Ok(())
}

/// A minimal keep-alive HTTP/1.1 client for the AWS JSON 1.0 protocol.
struct Client {
    stream: BufReader<TcpStream>,
    host: String,
    /// The server said `Connection: close`: reconnect before the next request.
    closed: bool,
}

impl Client {
    async fn connect(address: &str) -> Result<Client, Failure> {
        let stream = TcpStream::connect(address).await?;
        stream.set_nodelay(true)?;
        Ok(Client {
            stream: BufReader::new(stream),
            host: address.to_owned(),
            closed: false,
        })
    }

    async fn call(&mut self, operation: &str, body: &Value) -> Result<Value, Failure> {
        if self.closed {
            *self = Client::connect(&self.host).await?;
        }
        let body = body.to_string();
        let request = format!(
            "POST / HTTP/1.1\r\nHost: {}\r\nContent-Type: application/x-amz-json-1.0\r\n\
             X-Amz-Target: AWSStepFunctions.{operation}\r\nAuthorization: AWS4-HMAC-SHA256 \
             Credential=test/20260101/us-east-1/states/aws4_request, SignedHeaders=host, \
             Signature=0\r\nContent-Length: {}\r\n\r\n{body}",
            self.host,
            body.len()
        );
        self.stream.get_mut().write_all(request.as_bytes()).await?;
        let mut status = String::new();
        self.stream.read_line(&mut status).await?;
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            self.stream.read_line(&mut line).await?;
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse()?;
                } else if name.eq_ignore_ascii_case("connection")
                    && value.trim().eq_ignore_ascii_case("close")
                {
                    self.closed = true;
                }
            }
        }
        let mut buf = vec![0; length];
        self.stream.read_exact(&mut buf).await?;
        let reply: Value = serde_json::from_slice(&buf)?;
        if !status.contains(" 200") {
            return Err(format!("{operation}: {} {reply}", status.trim()).into());
        }
        Ok(reply)
    }
}

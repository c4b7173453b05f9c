//! The pure interpreter on the shared workloads (`../shared/bench/workloads`): one
//! execution from `Start` to its end, history included, with no runtime and no store.
//!
//! Run with `cargo bench -p engine`; set `STATEWRIGHT_WORKLOADS` to read the workloads from
//! elsewhere. Throughput is reported in states entered per second.

use std::path::PathBuf;

use asl::program::Program;
use divan::counter::ItemsCount;
use engine::{Event, EventKind, Execution, ExecutionContext, Status};
use serde_json::Value;

// The server binary uses mimalloc; measure the core with the same allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

struct Workload {
    program: Program,
    input: Value,
    transitions: usize,
}

fn workloads_dir() -> PathBuf {
    match std::env::var_os("STATEWRIGHT_WORKLOADS") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/workloads"),
    }
}

fn load(name: &str) -> Workload {
    let dir = workloads_dir();
    let read = |suffix: &str| -> Value {
        let path = dir.join(format!("{name}.{suffix}.json"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
        serde_json::from_str(&text).expect("workload files are JSON")
    };
    let program = asl::program::compile(&read("asl")).expect("workloads compile");
    let input = read("input");
    let transitions = read("meta")["transitions"]
        .as_u64()
        .expect("meta.transitions") as usize;
    let workload = Workload {
        program,
        input,
        transitions,
    };
    // A benchmark of a wrong answer measures nothing: check the output once.
    let expected = read("expected");
    let step = run(&workload);
    assert_eq!(step.status, Status::Succeeded, "{name} did not succeed");
    assert_eq!(
        step.output.map(|output| output.value().clone()),
        Some(expected),
        "{name} gave a wrong output"
    );
    workload
}

fn run(workload: &Workload) -> Execution {
    let start = Event {
        now_ms: 1_700_000_000_000,
        seed: 1,
        kind: EventKind::Start {
            input: workload.input.clone(),
            context: ExecutionContext {
                execution_arn: "arn:aws:states:us-east-1:000000000000:execution:bench:run"
                    .to_owned(),
                name: "run".to_owned(),
                role_arn: "arn:aws:iam::000000000000:role/bench".to_owned(),
                state_machine_arn: "arn:aws:states:us-east-1:000000000000:stateMachine:bench"
                    .to_owned(),
                state_machine_name: "bench".to_owned(),
                start_time_ms: 1_700_000_000_000,
                wait_time_scale: 1.0,
            },
        },
    };
    let step = engine::step(&workload.program, Execution::default(), start);
    divan::black_box(&step.history);
    step.execution
}

fn bench_workload(bencher: divan::Bencher<'_, '_>, name: &str) {
    let workload = load(name);
    bencher
        .counter(ItemsCount::new(workload.transitions))
        .bench_local(|| run(&workload));
}

#[divan::bench]
fn pass_chain_100(bencher: divan::Bencher<'_, '_>) {
    bench_workload(bencher, "pass-chain-100");
}

#[divan::bench]
fn choice_loop_1000(bencher: divan::Bencher<'_, '_>) {
    bench_workload(bencher, "choice-loop-1000");
}

#[divan::bench]
fn map_inline_1000(bencher: divan::Bencher<'_, '_>) {
    bench_workload(bencher, "map-inline-1000");
}

#[divan::bench]
fn parallel_10x10(bencher: divan::Bencher<'_, '_>) {
    bench_workload(bencher, "parallel-10x10");
}

#[divan::bench]
fn payload_heavy(bencher: divan::Bencher<'_, '_>) {
    bench_workload(bencher, "payload-heavy");
}

#[divan::bench]
fn jsonata_chain_100(bencher: divan::Bencher<'_, '_>) {
    bench_workload(bencher, "jsonata-chain-100");
}

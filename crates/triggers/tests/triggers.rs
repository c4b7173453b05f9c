//! Triggers over a real SQLite store and a `ManualClock`: schedules fire on time and once
//! after downtime, pending deliveries survive a restart without starting a second execution,
//! and watched directories announce each change once.
//!
//! A "restart" drops the runtime, the triggers and the store, and opens the same directory
//! again, as a server that stopped (or crashed after its last commit) would.

#![expect(clippy::unwrap_used, reason = "a failing test should be loud")]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use runtime::{ManualClock, NoHandler, Runtime};
use serde_json::{Value, json};
use store::{Enqueue, Page, StateMachineRecord, Store, TargetRecord};
use triggers::{Bucket, RuleSpec, Triggers, Watcher};

/// 2024-01-01T00:00:00Z.
const T0: i64 = 1_704_067_200_000;
const MINUTE: i64 = 60_000;

/// A server's parts over a data directory, at a time the test sets.
struct World {
    clock: Arc<ManualClock>,
    store: Arc<dyn Store>,
    triggers: Triggers,
    machine: StateMachineRecord,
}

impl World {
    async fn open(dir: &Path, now_ms: i64) -> World {
        let store: Arc<dyn Store> = Arc::new(
            store_sqlite::SqliteStore::open(&dir.join("data"))
                .await
                .unwrap(),
        );
        let clock = Arc::new(ManualClock::new(now_ms));
        let runtime = Runtime::with_parts(
            store.clone(),
            runtime::Config::default(),
            clock.clone(),
            Arc::new(NoHandler),
        );
        let machine = store::testing::machine("m");
        if store
            .get_state_machine(&machine.arn)
            .await
            .unwrap()
            .is_none()
        {
            store.create_state_machine(machine.clone()).await.unwrap();
        }
        let config = triggers::Config {
            dead_letter_dir: Some(dir.join("dead-letters")),
        };
        let triggers = Triggers::start(runtime, config).await.unwrap();
        World {
            clock,
            store,
            triggers,
            machine,
        }
    }

    /// A rule with one target, the state machine `m`.
    async fn rule(&self, name: &str, pattern: Option<&str>, schedule: Option<&str>) {
        let spec = RuleSpec {
            name: name.to_owned(),
            event_pattern: pattern.map(str::to_owned),
            schedule_expression: schedule.map(str::to_owned),
            ..RuleSpec::default()
        };
        self.triggers.put_rule(spec).await.unwrap();
        let target = TargetRecord::new("m", self.machine.arn.clone());
        self.triggers
            .put_targets(name, None, vec![target])
            .await
            .unwrap();
    }

    /// The inputs of the executions of `m`, oldest first.
    async fn inputs(&self) -> Vec<Value> {
        self.triggers.idle().await;
        let page = Page {
            max_results: 1000,
            next_token: None,
        };
        let (executions, _) = self
            .store
            .list_executions(Some(&self.machine.arn), None, page)
            .await
            .unwrap();
        executions
            .iter()
            .rev()
            .map(|execution| serde_json::from_str(&execution.input).unwrap())
            .collect()
    }

    async fn tick(&self) -> usize {
        let n_fired = self.triggers.tick().await.unwrap();
        self.triggers.idle().await;
        n_fired
    }
}

fn scratch() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "statewright-triggers-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn time(ms: i64) -> Value {
    let text = jiff::Timestamp::from_millisecond(ms)
        .unwrap()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    json!(text)
}

#[tokio::test]
async fn a_rate_schedule_fires_on_time_under_a_manual_clock() {
    let dir = scratch();
    let world = World::open(&dir, T0).await;
    world.rule("every-5", None, Some("rate(5 minutes)")).await;
    assert_eq!(world.triggers.next_fire_ms(), Some(T0 + 5 * MINUTE));

    world.clock.advance(5 * MINUTE - 1);
    assert_eq!(world.tick().await, 0, "nothing is due a millisecond early");
    world.clock.advance(1);
    assert_eq!(world.tick().await, 1, "the schedule fires at its time");
    assert_eq!(world.tick().await, 0, "and only once");
    world.clock.advance(5 * MINUTE);
    assert_eq!(world.tick().await, 1);

    let inputs = world.inputs().await;
    assert_eq!(inputs.len(), 2, "{inputs:#?}");
    for (input, at) in inputs.iter().zip([T0 + 5 * MINUTE, T0 + 10 * MINUTE]) {
        assert_eq!(input["source"], json!("aws.events"));
        assert_eq!(input["detail-type"], json!("Scheduled Event"));
        assert_eq!(input["time"], time(at));
        assert_eq!(
            input["resources"],
            json!(["arn:aws:events:us-east-1:000000000000:rule/every-5"])
        );
        assert_eq!(input["detail"], json!({}));
    }
}

#[tokio::test]
async fn a_disabled_schedule_does_not_fire_and_does_not_catch_up() {
    let dir = scratch();
    let world = World::open(&dir, T0).await;
    world
        .rule("each-minute", None, Some("rate(1 minute)"))
        .await;
    world
        .triggers
        .set_enabled("each-minute", None, false)
        .await
        .unwrap();
    world.clock.advance(10 * MINUTE);
    assert_eq!(world.tick().await, 0, "a disabled rule never fires");
    world
        .triggers
        .set_enabled("each-minute", None, true)
        .await
        .unwrap();
    assert_eq!(
        world.tick().await,
        0,
        "what it missed while disabled is not owed"
    );
    world.clock.advance(MINUTE);
    assert_eq!(world.tick().await, 1);
}

#[tokio::test]
async fn a_schedule_missed_while_down_fires_once_on_start() {
    let dir = scratch();
    {
        let world = World::open(&dir, T0).await;
        world
            .rule("each-minute", None, Some("rate(1 minute)"))
            .await;
        world.clock.advance(MINUTE);
        assert_eq!(world.tick().await, 1);
    }
    // Down from T0 + 1 min to T0 + 10.5 min: nine fire times pass.
    let world = World::open(&dir, T0 + 10 * MINUTE + 30_000).await;
    assert_eq!(world.tick().await, 1, "the missed fires are owed once");
    assert_eq!(world.tick().await, 0, "never twice");
    let inputs = world.inputs().await;
    assert_eq!(inputs.len(), 2);
    assert_eq!(
        inputs[1]["time"],
        time(T0 + 10 * MINUTE),
        "it fires for the latest time"
    );
    world.clock.advance(30_000);
    assert_eq!(world.tick().await, 1, "then the schedule goes on");
}

#[tokio::test]
async fn a_delivery_pending_at_a_crash_starts_its_execution_once() {
    let dir = scratch();
    let started = store::testing::delivery("started", T0);
    {
        let world = World::open(&dir, T0).await;
        // Two deliveries were stored, then the server crashed: one before its execution
        // started, one after its execution started but before it was marked delivered.
        let batch = Enqueue {
            deliveries: vec![store::testing::delivery("waiting", T0), started.clone()],
            ..Enqueue::default()
        };
        world.store.enqueue(batch).await.unwrap();
        let record = store::ExecutionRecord::new_running(
            &world.machine,
            store::execution_arn(&world.machine.arn, &started.execution_name),
            started.execution_name.clone(),
            started.input.clone(),
            T0,
        );
        world
            .triggers
            .runtime()
            .start(&world.machine, record)
            .await
            .unwrap();
    }
    let world = World::open(&dir, T0 + MINUTE).await;
    assert_eq!(world.inputs().await.len(), 2, "one execution per delivery");
    assert!(world.store.pending_deliveries().await.unwrap().is_empty());
    let arn = store::execution_arn(&world.machine.arn, &started.execution_name);
    let delivery = world
        .triggers
        .delivery_for_execution(&arn)
        .await
        .unwrap()
        .expect("the execution knows its delivery");
    assert_eq!(delivery.id, "started");
    assert_eq!(delivery.status, store::DeliveryStatus::Delivered);
    drop(world);
    let world = World::open(&dir, T0 + 2 * MINUTE).await;
    assert_eq!(
        world.inputs().await.len(),
        2,
        "a delivered delivery is never tried again"
    );
}

#[tokio::test]
async fn put_events_starts_the_matching_rules_executions() {
    let dir = scratch();
    let world = World::open(&dir, T0).await;
    world
        .rule(
            "big",
            Some(r#"{"detail": {"n": [{"numeric": [">", 10]}]}}"#),
            None,
        )
        .await;
    world
        .rule("app", Some(r#"{"source": ["app"]}"#), None)
        .await;
    let entry = |n: i64| triggers::Entry {
        source: Some("app".to_owned()),
        detail_type: Some("t".to_owned()),
        detail: Some(json!({"n": n}).to_string()),
        ..triggers::Entry::default()
    };
    let results = world
        .triggers
        .put_events(vec![entry(1), entry(20)])
        .await
        .unwrap();
    let ids: Vec<String> = results.into_iter().map(Result::unwrap).collect();
    let inputs = world.inputs().await;
    let mut started: Vec<&str> = inputs
        .iter()
        .map(|input| input["id"].as_str().unwrap())
        .collect();
    started.sort_unstable();
    let mut expected = vec![ids[0].as_str(), ids[1].as_str(), ids[1].as_str()];
    expected.sort_unstable();
    assert_eq!(started, expected, "the second event matches both rules");
}

#[tokio::test]
async fn a_watched_directory_announces_each_change_once() {
    let dir = scratch();
    let files = dir.join("bucket");
    std::fs::create_dir_all(files.join("photos")).unwrap();
    std::fs::write(files.join("old.txt"), "there before").unwrap();
    let bucket = Bucket {
        name: "images".to_owned(),
        dir: files.clone(),
        cloudtrail: true,
    };
    {
        let world = World::open(&dir, T0).await;
        world.rule("s3", Some(r#"{"source": ["aws.s3"], "detail-type": ["Object Created", "Object Deleted"]}"#), None).await;
        world.rule("trail", Some(r#"{"detail": {"eventName": ["PutObject"], "requestParameters": {"bucketName": ["images"]}}}"#), None).await;
        let mut watcher = Watcher::load(&world.triggers, bucket.clone())
            .await
            .unwrap();
        let mut scan = async || world.triggers.scan_once(&mut watcher).await.unwrap();
        assert_eq!(
            scan().await,
            0,
            "files there before the first scan are taken as they are"
        );
        std::fs::write(files.join("photos/cat.png"), "meow").unwrap();
        std::fs::write(files.join(".partial"), "hidden").unwrap();
        assert_eq!(scan().await, 0, "a new file waits a scan to settle");
        assert_eq!(scan().await, 1);
        assert_eq!(scan().await, 0, "and is announced once");
        let inputs = world.inputs().await;
        assert_eq!(inputs.len(), 2, "S3's event and CloudTrail's: {inputs:#?}");
        let s3 = inputs
            .iter()
            .find(|input| input["detail-type"] == json!("Object Created"))
            .unwrap();
        assert_eq!(s3["resources"], json!(["arn:aws:s3:::images"]));
        assert_eq!(s3["detail"]["bucket"], json!({"name": "images"}));
        assert_eq!(s3["detail"]["object"]["key"], json!("photos/cat.png"));
        assert_eq!(s3["detail"]["object"]["size"], json!(4));
        assert_eq!(
            s3["detail"]["object"]["etag"],
            json!("4a4be40c96ac6314e91d93f38043a634")
        );
        let trail = inputs
            .iter()
            .find(|input| input["detail-type"] == json!("AWS API Call via CloudTrail"))
            .unwrap();
        assert_eq!(
            trail["detail"]["requestParameters"]["key"],
            json!("photos/cat.png")
        );
    }
    // Changed while the server was down: announced when it starts, once each.
    std::fs::write(files.join("old.txt"), "changed while down").unwrap();
    std::fs::remove_file(files.join("photos/cat.png")).unwrap();
    let world = World::open(&dir, T0 + MINUTE).await;
    let mut watcher = Watcher::load(&world.triggers, bucket).await.unwrap();
    let mut n_changes = 0;
    for _ in 0..3 {
        n_changes += world.triggers.scan_once(&mut watcher).await.unwrap();
    }
    assert_eq!(n_changes, 2);
    let inputs = world.inputs().await;
    let kinds: Vec<(&str, &str)> = inputs[2..]
        .iter()
        .map(|input| {
            (
                input["detail-type"].as_str().unwrap(),
                input["detail"]["object"]["key"]
                    .as_str()
                    .unwrap_or_else(|| {
                        input["detail"]["requestParameters"]["key"]
                            .as_str()
                            .unwrap()
                    }),
            )
        })
        .collect();
    assert_eq!(inputs.len(), 5, "{kinds:?}");
    assert!(kinds.contains(&("Object Created", "old.txt")), "{kinds:?}");
    assert!(
        kinds.contains(&("Object Deleted", "photos/cat.png")),
        "{kinds:?}"
    );
}

#[tokio::test]
async fn an_express_target_is_delivered_without_storing_its_execution() {
    let dir = scratch();
    let world = World::open(&dir, T0).await;
    let express = StateMachineRecord {
        arn: world.machine.arn.replace(":m", ":fast"),
        name: "fast".to_owned(),
        kind: store::StateMachineType::Express,
        ..world.machine.clone()
    };
    world
        .store
        .create_state_machine(express.clone())
        .await
        .unwrap();
    world
        .triggers
        .put_rule(RuleSpec {
            name: "fast".to_owned(),
            event_pattern: Some(r#"{"source": ["app"]}"#.to_owned()),
            ..RuleSpec::default()
        })
        .await
        .unwrap();
    world
        .triggers
        .put_targets(
            "fast",
            None,
            vec![TargetRecord {
                dead_letter_arn: Some("arn:aws:sqs:us-east-1:123456789012:failed".to_owned()),
                ..TargetRecord::new("fast", express.arn.clone())
            }],
        )
        .await
        .unwrap();
    let entry = triggers::Entry {
        source: Some("app".to_owned()),
        detail_type: Some("t".to_owned()),
        detail: Some("{}".to_owned()),
        ..triggers::Entry::default()
    };
    world.triggers.put_events(vec![entry]).await.unwrap();
    world.triggers.idle().await;
    assert!(
        world.store.pending_deliveries().await.unwrap().is_empty(),
        "the delivery ended"
    );
    assert!(
        !dir.join("dead-letters").exists(),
        "and did not fail into its dead-letter queue"
    );
    let page = Page {
        max_results: 10,
        next_token: None,
    };
    let (stored, _) = world
        .store
        .list_executions(Some(&express.arn), None, page)
        .await
        .unwrap();
    assert!(stored.is_empty(), "an Express execution is not stored");
}

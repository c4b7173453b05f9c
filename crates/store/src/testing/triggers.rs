//! Triggers: rules, the delivery queue and the objects of watched directories.

use std::sync::Arc;

use super::ok;
use crate::{
    Delivery, DeliveryStatus, Enqueue, ObjectChange, ObjectRecord, RuleRecord, Store, TargetRecord,
};

const RULE_PREFIX: &str = "arn:aws:events:us-east-1:123456789012:rule";

/// A rule record for the checks.
pub fn rule(name: &str) -> RuleRecord {
    RuleRecord {
        arn: format!("{RULE_PREFIX}/{name}"),
        name: name.to_owned(),
        event_bus_name: "default".to_owned(),
        event_pattern: Some(r#"{"source":["app"]}"#.to_owned()),
        schedule_expression: None,
        state: "ENABLED".to_owned(),
        description: None,
        role_arn: None,
        schedule_since_ms: 1_700_000_000_000,
        last_fired_ms: 1_700_000_000_000,
        targets: vec![TargetRecord::new(
            "t",
            "arn:aws:states:us-east-1:123456789012:stateMachine:m",
        )],
        tags: vec![crate::Tag {
            key: "team".to_owned(),
            value: "orders".to_owned(),
        }],
    }
}

/// A pending delivery for the checks.
pub fn delivery(id: &str, created_ms: i64) -> Delivery {
    Delivery {
        id: id.to_owned(),
        event_id: format!("event-{id}"),
        event: "{}".to_owned(),
        rule_arn: format!("{RULE_PREFIX}/r"),
        target_id: "t".to_owned(),
        target_arn: "arn:aws:states:us-east-1:123456789012:stateMachine:m".to_owned(),
        input: "{}".to_owned(),
        execution_name: format!("name-{id}"),
        created_ms,
        attempts: 0,
        next_attempt_ms: created_ms,
        max_retries: 185,
        max_age_ms: 86_400_000,
        dead_letter_arn: None,
        status: DeliveryStatus::Pending,
        execution_arn: None,
        error: None,
    }
}

fn object(bucket: &str, key: &str, size: u64) -> ObjectRecord {
    ObjectRecord {
        bucket: bucket.to_owned(),
        key: key.to_owned(),
        size,
        modified_ns: 1_700_000_000_000_000_000,
        etag: "d41d8cd98f00b204e9800998ecf8427e".to_owned(),
    }
}

pub(super) async fn rules_round_trip(store: Arc<dyn Store>) {
    let (b, a) = (rule("b"), rule("a"));
    ok(store.put_rule(b.clone()).await, "put_rule");
    ok(store.put_rule(a.clone()).await, "put_rule");
    assert_eq!(
        ok(store.list_rules().await, "list_rules"),
        vec![a.clone(), b.clone()],
        "rules are listed by ARN"
    );
    let changed = RuleRecord {
        state: "DISABLED".to_owned(),
        targets: Vec::new(),
        ..a.clone()
    };
    ok(store.put_rule(changed.clone()).await, "put_rule");
    assert_eq!(
        ok(store.get_rule(&a.arn).await, "get_rule"),
        Some(changed),
        "putting a rule again replaces it"
    );
    ok(store.delete_rule(&a.arn).await, "delete_rule");
    ok(
        store.delete_rule(&a.arn).await,
        "delete_rule of a missing rule",
    );
    assert_eq!(ok(store.get_rule(&a.arn).await, "get_rule"), None);
    assert_eq!(ok(store.list_rules().await, "list_rules"), vec![b]);
}

pub(super) async fn deliveries_queue_until_done(store: Arc<dyn Store>) {
    let fired = RuleRecord {
        last_fired_ms: 1_700_000_060_000,
        ..rule("scheduled")
    };
    let batch = Enqueue {
        deliveries: vec![delivery("2", 20), delivery("1", 10)],
        rule: Some(fired.clone()),
        objects: vec![ObjectChange::Put(object("bucket", "a.png", 3))],
    };
    ok(store.enqueue(batch).await, "enqueue");
    assert_eq!(
        ok(store.get_rule(&fired.arn).await, "get_rule"),
        Some(fired),
        "an enqueue writes its rule"
    );
    assert_eq!(
        ok(store.bucket_objects("bucket").await, "bucket_objects"),
        vec![object("bucket", "a.png", 3)],
        "an enqueue writes its objects"
    );
    let pending = ok(store.pending_deliveries().await, "pending_deliveries");
    let ids: Vec<&str> = pending.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["1", "2"], "pending deliveries come oldest first");

    // The same delivery again is the one delivery it was.
    let again = Delivery {
        input: "{\"other\":1}".to_owned(),
        ..delivery("1", 10)
    };
    let batch = Enqueue {
        deliveries: vec![again],
        ..Enqueue::default()
    };
    ok(store.enqueue(batch).await, "enqueue");
    let pending = ok(store.pending_deliveries().await, "pending_deliveries");
    assert_eq!(
        pending.len(),
        2,
        "a delivery id taken twice is one delivery"
    );
    assert_eq!(pending[0].input, "{}", "the first delivery of an id stays");

    let execution_arn = "arn:aws:states:us-east-1:123456789012:execution:m:name-1";
    let done = Delivery {
        status: DeliveryStatus::Delivered,
        attempts: 1,
        execution_arn: Some(execution_arn.to_owned()),
        ..delivery("1", 10)
    };
    ok(store.update_delivery(done.clone()).await, "update_delivery");
    let pending = ok(store.pending_deliveries().await, "pending_deliveries");
    assert_eq!(
        pending.len(),
        1,
        "a delivered delivery is no longer pending"
    );
    assert_eq!(
        ok(
            store.delivery_for_execution(execution_arn).await,
            "delivery_for_execution"
        ),
        Some(done),
        "an execution finds the delivery that started it"
    );
    assert!(
        matches!(
            store.update_delivery(delivery("missing", 1)).await,
            Err(crate::Error::NotFound(_))
        ),
        "updating a delivery that was never made is NotFound"
    );

    let batch = Enqueue {
        objects: vec![
            ObjectChange::Delete {
                bucket: "bucket".to_owned(),
                key: "a.png".to_owned(),
            },
            ObjectChange::Put(object("bucket", "b/c.png", 4)),
            ObjectChange::Put(object("other", "a.png", 5)),
        ],
        ..Enqueue::default()
    };
    ok(store.enqueue(batch).await, "enqueue");
    assert_eq!(
        ok(store.bucket_objects("bucket").await, "bucket_objects"),
        vec![object("bucket", "b/c.png", 4)],
        "objects are removed and kept per bucket"
    );

    // Retention removes what was delivered long ago, never what is still pending.
    ok(
        store.delete_closed_before(1_000).await,
        "delete_closed_before",
    );
    assert_eq!(
        ok(
            store.delivery_for_execution(execution_arn).await,
            "delivery_for_execution"
        ),
        None,
        "a delivered delivery past retention is removed"
    );
    assert_eq!(
        ok(store.pending_deliveries().await, "pending_deliveries").len(),
        1,
        "a pending delivery is never removed"
    );
}

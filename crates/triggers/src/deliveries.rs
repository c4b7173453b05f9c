//! Deliveries: one event for one target, tried until its execution has started.
//!
//! A delivery names its execution when it is made, from the event's id, the rule and the
//! target, so that trying it again after a crash (or a lost answer) finds the execution the
//! first try started: `AlreadyExists` counts as delivered.

use std::time::Duration;

use store::{
    Delivery, DeliveryStatus, ExecutionRecord, RuleRecord, StateMachineType, TargetRecord,
};

use crate::Triggers;
use crate::event::{Event, stable_uuid, time_text};
use crate::input::{self, RuleInfo};

/// EventBridge's defaults for a target without a `RetryPolicy`.
const DEFAULT_MAX_RETRIES: u32 = 185;
const DEFAULT_MAX_AGE_S: u32 = 86_400;

/// The largest execution input Step Functions takes.
const MAX_INPUT_BYTES: usize = 256 * 1024;

/// The first retry's delay; each later one doubles it, up to `MAX_BACKOFF`.
const FIRST_BACKOFF: Duration = Duration::from_secs(1);
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// The delivery of `event` to one target of a rule that matched it.
pub(crate) fn make(
    event: &Event,
    rule: &RuleRecord,
    target: &TargetRecord,
    now_ms: i64,
) -> Delivery {
    let id = format!("{}|{}|{}", event.id, rule.arn, target.id);
    let ingestion_time = time_text(now_ms);
    let info = RuleInfo {
        arn: &rule.arn,
        name: &rule.name,
        ingestion_time: &ingestion_time,
    };
    let policy = target.retry_policy.unwrap_or(store::RetryPolicy {
        maximum_retry_attempts: None,
        maximum_event_age_in_seconds: None,
    });
    Delivery {
        execution_name: stable_uuid(&id),
        id,
        event_id: event.id.clone(),
        event: event.text(),
        rule_arn: rule.arn.clone(),
        target_id: target.id.clone(),
        target_arn: target.arn.clone(),
        input: input::for_target(target, &event.value, &info),
        created_ms: now_ms,
        attempts: 0,
        next_attempt_ms: now_ms,
        max_retries: policy.maximum_retry_attempts.unwrap_or(DEFAULT_MAX_RETRIES),
        max_age_ms: i64::from(
            policy
                .maximum_event_age_in_seconds
                .unwrap_or(DEFAULT_MAX_AGE_S),
        ) * 1000,
        dead_letter_arn: target.dead_letter_arn.clone(),
        status: DeliveryStatus::Pending,
        execution_arn: None,
        error: None,
    }
}

/// Why one try failed.
pub(crate) struct Failure {
    /// A failure that a later try may not have (the store was busy, say).
    retryable: bool,
    code: &'static str,
    message: String,
}

impl Failure {
    fn permanent(code: &'static str, message: impl Into<String>) -> Self {
        Failure {
            retryable: false,
            code,
            message: message.into(),
        }
    }
}

impl Triggers {
    /// Tries a delivery in the background, unless it is being tried already.
    pub(crate) fn spawn_dispatch(&self, delivery: Delivery) {
        if !self.in_flight().insert(delivery.id.clone()) {
            return;
        }
        let triggers = self.clone();
        tokio::spawn(async move {
            let id = delivery.id.clone();
            match triggers.inner.dispatch_slots.acquire().await {
                Ok(_permit) => triggers.dispatch(delivery).await,
                Err(_) => tracing::warn!(delivery = %id, "deliveries have stopped"),
            }
            let mut in_flight = triggers.in_flight();
            in_flight.remove(&id);
            if in_flight.is_empty() {
                triggers.inner.drained.notify_waiters();
            }
        });
    }

    /// Tries a delivery until its execution starts or it is given up, and records the end.
    async fn dispatch(&self, mut delivery: Delivery) {
        loop {
            delivery.attempts += 1;
            let failure = match self.try_start(&delivery).await {
                Ok(execution_arn) => {
                    delivery.status = DeliveryStatus::Delivered;
                    delivery.execution_arn = Some(execution_arn);
                    break;
                }
                Err(failure) => failure,
            };
            let now = self.inner.runtime.now_ms();
            let exhausted = if !failure.retryable {
                None
            } else if delivery.attempts > delivery.max_retries {
                Some("MaximumRetryAttemptsExceeded")
            } else if now - delivery.created_ms > delivery.max_age_ms {
                Some("MaximumEventAgeExceeded")
            } else {
                let backoff = FIRST_BACKOFF
                    .saturating_mul(1 << delivery.attempts.min(6))
                    .min(MAX_BACKOFF);
                delivery.next_attempt_ms = now + backoff.as_millis() as i64;
                if let Err(err) = self.store().update_delivery(delivery.clone()).await {
                    tracing::warn!(delivery = %delivery.id, %err, "could not record a failed try");
                }
                tracing::info!(
                    delivery = %delivery.id,
                    error = failure.code,
                    message = %failure.message,
                    "an event could not be delivered yet; trying again in {backoff:?}"
                );
                tokio::time::sleep(backoff).await;
                continue;
            };
            self.give_up(&mut delivery, &failure, exhausted).await;
            break;
        }
        if let Err(err) = self.store().update_delivery(delivery.clone()).await {
            // The delivery stays pending in the store and is tried again at the next start,
            // which finds the execution this try started.
            tracing::warn!(delivery = %delivery.id, %err, "could not record a delivery");
        }
    }

    /// Marks a delivery failed and sends its event to the target's dead-letter queue.
    async fn give_up(&self, delivery: &mut Delivery, failure: &Failure, exhausted: Option<&str>) {
        delivery.status = DeliveryStatus::Failed;
        delivery.error = Some(format!("{}: {}", failure.code, failure.message));
        tracing::warn!(
            delivery = %delivery.id,
            target = %delivery.target_arn,
            error = failure.code,
            message = %failure.message,
            "an event could not be delivered"
        );
        let Some(queue) = delivery.dead_letter_arn.clone() else {
            return;
        };
        let letter = crate::dead_letter::Letter {
            delivery,
            error_code: failure.code,
            error_message: &failure.message,
            exhausted,
        };
        if let Err(err) = crate::dead_letter::send(
            self.inner.config.dead_letter_dir.as_deref(),
            &queue,
            &letter,
        )
        .await
        {
            tracing::warn!(%queue, %err, "could not write to a dead-letter queue");
        }
    }

    /// One try: starts the delivery's execution, or finds the one an earlier try started.
    async fn try_start(&self, delivery: &Delivery) -> Result<String, Failure> {
        let runtime = &self.inner.runtime;
        let retryable = |err: &dyn std::fmt::Display| Failure {
            retryable: true,
            code: "InternalException",
            message: err.to_string(),
        };
        let machine = runtime
            .store()
            .get_state_machine(&delivery.target_arn)
            .await
            .map_err(|err| retryable(&err))?
            .ok_or_else(|| {
                Failure::permanent(
                    "StateMachineDoesNotExist",
                    format!("State Machine Does Not Exist: '{}'", delivery.target_arn),
                )
            })?;
        let invalid_input = |reason: &str| {
            Failure::permanent(
                "InvalidExecutionInput",
                format!("Invalid State Machine Execution Input: '{reason}'"),
            )
        };
        if delivery.input.len() > MAX_INPUT_BYTES {
            return Err(invalid_input("the input is larger than 256 KiB"));
        }
        if serde_json::from_str::<serde_json::Value>(&delivery.input).is_err() {
            return Err(invalid_input("the input is not valid JSON"));
        }
        let name = delivery.execution_name.clone();
        let now = runtime.now_ms();
        if machine.kind == StateMachineType::Express {
            let arn =
                store::express_execution_arn(&machine.arn, &name, &stable_uuid(&delivery.event_id));
            let record = ExecutionRecord::new_running(
                &machine,
                arn.clone(),
                name,
                delivery.input.clone(),
                now,
            );
            return match runtime.start_express(&machine, record) {
                Ok(()) => Ok(arn),
                Err(err) => Err(Failure::permanent("InvalidExecutionInput", err.to_string())),
            };
        }
        let arn = store::execution_arn(&machine.arn, &name);
        let record =
            ExecutionRecord::new_running(&machine, arn.clone(), name, delivery.input.clone(), now);
        match runtime.start(&machine, record).await {
            Ok(_) => Ok(arn),
            // An earlier try of this delivery started it.
            Err(runtime::Error::Store(store::Error::AlreadyExists(_))) => Ok(arn),
            Err(runtime::Error::InvalidInput(reason)) => Err(invalid_input(&reason)),
            Err(runtime::Error::InvalidDefinition(reason)) => {
                Err(Failure::permanent("InvalidDefinition", reason))
            }
            Err(err) => Err(retryable(&err)),
        }
    }
}

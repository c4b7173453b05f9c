//! What happens when a state fails: `Retry`, then `Catch`, then the frame fails.

use asl::program::{Catcher, QueryLanguage, State, StateId, error_matches};
use serde_json::{Map, Value};

use crate::Payload;
use crate::dataflow;
use crate::execution::{Failure, Phase};
use crate::machine::Machine;
use crate::query::States;
use crate::states::assign::Assigned;

/// Errors that no retrier or catcher may handle.
fn is_terminal(error: &str) -> bool {
    error == "States.Runtime" || error == "States.DataLimitExceeded"
}

impl Machine<'_> {
    /// Whether `state_failed` would retry the current state for this failure.
    pub(crate) fn will_retry(&self, fid: u32, failure: &Failure) -> bool {
        let frame = self.frame_ref(fid);
        let state = self.program.state(StateId(frame.state));
        let error = failure.error_name();
        if is_terminal(error) {
            return false;
        }
        match state
            .retry
            .iter()
            .position(|retrier| error_matches(&retrier.error_equals, error))
        {
            Some(idx) => {
                let n_attempts = frame.retry_counts.get(idx).copied().unwrap_or_default();
                u64::from(n_attempts) < state.retry[idx].max_attempts
            }
            None => false,
        }
    }

    /// The current state failed: retry it, catch the failure, or fail the frame.
    pub(crate) fn state_failed(&mut self, fid: u32, failure: Failure) {
        let frame = self.frame_ref(fid);
        let state = self.program.state(StateId(frame.state));
        let error = failure.error_name().to_owned();
        if !is_terminal(&error) {
            if let Some(idx) = state
                .retry
                .iter()
                .position(|retrier| error_matches(&retrier.error_equals, &error))
            {
                let retrier = &state.retry[idx];
                let n_attempts = frame.retry_counts.get(idx).copied().unwrap_or_default();
                if u64::from(n_attempts) < retrier.max_attempts {
                    let mut delay =
                        retrier.interval_seconds * retrier.backoff_rate.powi(n_attempts as i32);
                    if let Some(max_delay) = retrier.max_delay_seconds {
                        delay = delay.min(max_delay);
                    }
                    if retrier.full_jitter {
                        delay *= self.entropy.next_f64();
                    }
                    let delay_ms = (delay * 1000.0).round() as i64;
                    let delay_ms = self.exec.context.scale_wait_ms(delay_ms.max(0));
                    let fire_at = self.now.saturating_add(delay_ms);
                    let timer = self.start_timer(fid, fire_at);
                    let frame = self.frame(fid);
                    if let Some(count) = frame.retry_counts.get_mut(idx) {
                        *count += 1;
                    }
                    frame.phase = Phase::RetryDelay { timer };
                    return;
                }
            }
            if let Some(catcher) = state
                .catch
                .iter()
                .find(|catcher| error_matches(&catcher.error_equals, &error))
            {
                let mut error_output = Map::new();
                error_output.insert("Error".to_owned(), Value::from(error.clone()));
                if let Some(cause) = &failure.cause {
                    error_output.insert("Cause".to_owned(), Value::from(cause.as_str()));
                }
                let error_output = Value::Object(error_output);
                let next = catcher.next;
                match self.caught(fid, state, catcher, error_output) {
                    Ok((output, assigned)) => self.exit_to(fid, next, output, assigned),
                    Err(failure) => self.frame_failed(fid, failure),
                }
                return;
            }
        }
        self.frame_failed(fid, failure);
    }
}

impl Machine<'_> {
    /// A catcher took the failure: its output (`ResultPath` over the input, or JSONata's
    /// `Output`, by default the error output) and its `Assign`.
    fn caught(
        &mut self,
        fid: u32,
        state: &State,
        catcher: &Catcher,
        error_output: Value,
    ) -> Result<(Payload, Option<Assigned>), Failure> {
        let input = self.frame_ref(fid).input.clone();
        match state.query_language {
            QueryLanguage::JsonPath => {
                let context = self.context_for(fid, state, None);
                let assigned =
                    self.assign_jsonpath(fid, catcher.assign.as_ref(), &error_output, &context)?;
                let output = dataflow::result_path(&catcher.result_path, &input, error_output)
                    .map_err(|problem| self.runtime_failure(fid, &problem.error, &problem.cause))?;
                Ok((Payload::new(output), assigned))
            }
            QueryLanguage::Jsonata => {
                let context = self.context_for(fid, state, None);
                let mut bindings = self.bindings(
                    fid,
                    States {
                        input: input.value(),
                        result: None,
                        error_output: Some(&error_output),
                        context: &context,
                    },
                );
                let assigned = self.assign_jsonata(fid, catcher.assign.as_ref(), &mut bindings)?;
                let output = match &catcher.output {
                    Some(template) => self.evaluate(fid, template, &mut bindings)?,
                    None => error_output,
                };
                Ok((Payload::new(output), assigned))
            }
        }
    }
}

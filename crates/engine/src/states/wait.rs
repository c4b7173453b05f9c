//! Wait: holds its input for `Seconds`, until `Timestamp`, or as its input says.

use asl::program::{QueryLanguage, State, WaitFor};
use serde_json::Value;

use crate::dataflow;
use crate::execution::{Failure, Phase};
use crate::machine::Machine;
use crate::{Payload, timestamp};

impl Machine<'_> {
    pub(crate) fn wait(&mut self, fid: u32, state: &State, wait: &WaitFor) -> Result<(), Failure> {
        let context = self.context_for(fid, state, None);
        if state.query_language == QueryLanguage::Jsonata {
            return self.wait_jsonata(fid, wait, &context);
        }
        let effective = self.effective_input(fid, state, &context)?;
        let until_ms = match wait {
            WaitFor::Seconds(seconds) => self.after_seconds(*seconds as i64),
            WaitFor::Timestamp(text) => match timestamp::parse(text) {
                Some(nanos) => self.scaled_until((nanos / 1_000_000) as i64),
                None => {
                    return Err(self.runtime_failure(
                        fid,
                        "States.Runtime",
                        &format!(
                            "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {text}"
                        ),
                    ));
                }
            },
            WaitFor::SecondsPath(path) => {
                let value =
                    dataflow::select(path, effective.value(), &context, &self.frame_ref(fid).vars)
                        .map_err(|problem| self.prefixed(fid, problem))?;
                let seconds = match &value {
                    Value::Number(number) => match number.as_i64() {
                        Some(seconds) if seconds < 0 => {
                            return Err(self.runtime_failure(
                                fid,
                                "States.Runtime",
                                &format!(
                                    "The SecondsPath parameter references a negative value: {} == {}",
                                    path.text(),
                                    value
                                ),
                            ));
                        }
                        Some(seconds) => seconds,
                        None => match number.as_f64() {
                            // Jackson reads 1.0 as a long, but not 1.5.
                            Some(float) if float.fract() == 0.0 && float >= 0.0 => float as i64,
                            _ => {
                                return Err(self.runtime_failure(
                                    fid,
                                    "States.Runtime",
                                    &format!(
                                        "The SecondsPath parameter cannot be parsed as a long value: {} == {}",
                                        path.text(),
                                        value
                                    ),
                                ));
                            }
                        },
                    },
                    other => {
                        return Err(self.runtime_failure(
                            fid,
                            "States.Runtime",
                            &format!(
                                "The SecondsPath parameter cannot be parsed as a long value: {} == {}",
                                path.text(),
                                display(other)
                            ),
                        ));
                    }
                };
                self.after_seconds(seconds)
            }
            WaitFor::TimestampPath(path) => {
                let value =
                    dataflow::select(path, effective.value(), &context, &self.frame_ref(fid).vars)
                        .map_err(|problem| self.prefixed(fid, problem))?;
                match value.as_str().and_then(timestamp::parse) {
                    Some(nanos) => self.scaled_until((nanos / 1_000_000) as i64),
                    None => {
                        return Err(self.runtime_failure(
                            fid,
                            "States.Runtime",
                            &format!(
                                "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {} == {}",
                                path.text(),
                                display(&value)
                            ),
                        ));
                    }
                }
            }
            WaitFor::SecondsJsonata(_) | WaitFor::TimestampJsonata(_) => self.now,
        };
        self.wait_until(fid, until_ms, effective);
        Ok(())
    }

    /// When a wait of `seconds` ends, scaled by the execution's `wait_time_scale`.
    fn after_seconds(&self, seconds: i64) -> i64 {
        let ms = self
            .exec
            .context
            .scale_wait_ms(seconds.saturating_mul(1000));
        self.now.saturating_add(ms)
    }

    /// When a wait until `until_ms` ends: the time left is scaled by the execution's
    /// `wait_time_scale`, and a time already past stays past.
    fn scaled_until(&self, until_ms: i64) -> i64 {
        if until_ms <= self.now {
            return until_ms;
        }
        let left_ms = self
            .exec
            .context
            .scale_wait_ms(until_ms.saturating_sub(self.now));
        self.now.saturating_add(left_ms)
    }

    /// Waits until `until_ms`, or moves on at once when that is not in the future.
    fn wait_until(&mut self, fid: u32, until_ms: i64, effective: Payload) {
        if until_ms <= self.now {
            self.wait_done(fid, effective);
        } else {
            let timer = self.start_timer(fid, until_ms);
            self.frame(fid).phase = Phase::Waiting { timer, effective };
        }
    }

    /// A JSONata Wait: `Seconds` or `Timestamp`, literal or an expression.
    fn wait_jsonata(&mut self, fid: u32, wait: &WaitFor, context: &Value) -> Result<(), Failure> {
        let input = self.frame_ref(fid).input.clone();
        let entered = self.frame_ref(fid).entered_id;
        let until_ms = match wait {
            WaitFor::Seconds(seconds) => self.after_seconds(*seconds as i64),
            WaitFor::Timestamp(text) => match timestamp::parse(text) {
                Some(nanos) => self.scaled_until((nanos / 1_000_000) as i64),
                None => return Err(self.unparsable_timestamp(fid, text, entered)),
            },
            WaitFor::SecondsJsonata(template) => {
                let mut bindings = self.input_session(fid, input.value(), context);
                let value = self.evaluate(fid, template, &mut bindings)?;
                match value.as_f64() {
                    Some(seconds) if seconds >= 0.0 && seconds.fract() == 0.0 => {
                        self.after_seconds(seconds as i64)
                    }
                    _ => {
                        return Err(
                            self.unexpected_type(fid, template, "Seconds", "integer", &value)
                        );
                    }
                }
            }
            WaitFor::TimestampJsonata(template) => {
                let mut bindings = self.input_session(fid, input.value(), context);
                let value = self.evaluate(fid, template, &mut bindings)?;
                match value.as_str().and_then(timestamp::parse) {
                    Some(nanos) => self.scaled_until((nanos / 1_000_000) as i64),
                    None => return Err(self.unparsable_timestamp(fid, &display(&value), entered)),
                }
            }
            WaitFor::SecondsPath(_) | WaitFor::TimestampPath(_) => self.now,
        };
        self.wait_until(fid, until_ms, input);
        Ok(())
    }

    /// AWS's failure for a JSONata `Timestamp` that is not a timestamp.
    fn unparsable_timestamp(&mut self, fid: u32, text: &str, entered: u64) -> Failure {
        self.evaluation_failed_after(
            fid,
            &format!(
                "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {text}"
            ),
            Some("Timestamp"),
            Some(entered),
        )
    }

    /// The wait is over: apply `OutputPath` and leave the state.
    pub(crate) fn wait_done(&mut self, fid: u32, effective: Payload) {
        let state = self.current_state(fid);
        let res = match state.query_language {
            QueryLanguage::Jsonata => self.jsonata_finish(
                fid,
                state,
                None,
                state.assign.as_ref(),
                state.output.as_ref(),
            ),
            QueryLanguage::JsonPath => {
                let context = self.context_for(fid, state, None);
                self.assign_jsonpath(fid, state.assign.as_ref(), effective.value(), &context)
                    .and_then(|assigned| {
                        let output = self.output_path(fid, state, &effective, &context)?;
                        Ok((output, assigned))
                    })
            }
        };
        match res {
            Ok((output, assigned)) => self.exit_assigning(fid, output, assigned),
            Err(failure) => self.state_failed(fid, failure),
        }
    }
}

/// A value as AWS quotes it in Wait messages: strings bare, everything else as JSON.
fn display(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

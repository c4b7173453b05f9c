//! Parallel and Map: run child frames (branches or iterations), collect their outputs in
//! order, and fail or abort them together.

use asl::program::{MapState, NumberSource, QueryLanguage, ScopeId, State, Template};
use serde_json::Value;

use crate::Payload;
use crate::dataflow;
use crate::execution::{Failure, Fanout, ParentLink, Phase};
use crate::history::{Details, HistoryEventType as T};
use crate::machine::{Machine, new_child};

/// How many inline Map iterations AWS runs at once when `MaxConcurrency` is 0.
const INLINE_MAP_LIMIT: usize = 40;

impl<'p> Machine<'p> {
    pub(crate) fn parallel(
        &mut self,
        fid: u32,
        state: &State,
        branches: &[ScopeId],
    ) -> Result<(), Failure> {
        let context = self.context_for(fid, state, None);
        let (effective, branch_input) = match state.query_language {
            QueryLanguage::JsonPath => {
                let effective = self.effective_input(fid, state, &context)?;
                let branch_input = self.parameters(fid, state, effective.clone(), &context)?;
                (effective, branch_input)
            }
            QueryLanguage::Jsonata => {
                let input = self.frame_ref(fid).input.clone();
                let branch_input = match &state.arguments {
                    Some(arguments) => {
                        let mut bindings = self.input_session(fid, input.value(), &context);
                        Payload::new(self.evaluate(fid, arguments, &mut bindings)?)
                    }
                    None => input.clone(),
                };
                (input, branch_input)
            }
        };
        let vars = self.vars_snapshot(fid);
        let prev = self.frame_ref(fid).prev;
        let started = self.record_in(fid, prev, T::ParallelStateStarted, Details::None);
        self.frame(fid).prev = started;
        let fanout = Fanout {
            is_map: false,
            branch_input: branch_input.clone(),
            items: Vec::new(),
            effective,
            results: vec![Value::Null; branches.len()],
            next_child: branches.len(),
            running: Vec::new(),
            max_concurrency: 0,
            n_failed: 0,
            tolerated_count: None,
            tolerated_percentage: None,
            distributed: false,
            map_run_started: 0,
            pointer: started,
            last_completion: started,
            vars: vars.clone(),
        };
        let program = self.program;
        let silent = self.frame_ref(fid).silent;
        let mut children = Vec::with_capacity(branches.len());
        for (idx, scope) in branches.iter().enumerate() {
            let start_at = program.scope(*scope).start_at;
            let link = ParentLink {
                frame: fid,
                index: idx as u32,
            };
            children.push(self.new_frame(new_child(
                link,
                start_at,
                branch_input.clone(),
                started,
                Phase::Enter,
                silent,
                vars.as_ref(),
            )));
        }
        let mut fanout = fanout;
        fanout.running = children.clone();
        self.frame(fid).phase = Phase::Children(Box::new(fanout));
        if branches.is_empty() {
            self.fanout_done(fid);
            return Ok(());
        }
        // Last in, first out: branch 0 runs first.
        self.ready.extend(children.into_iter().rev());
        Ok(())
    }

    pub(crate) fn map(&mut self, fid: u32, state: &State, map: &MapState) -> Result<(), Failure> {
        let context = self.context_for(fid, state, None);
        let jsonata = state.query_language == QueryLanguage::Jsonata;
        let (effective, items, bindings) = if jsonata {
            match self.map_items_jsonata(fid, map, &context) {
                Ok((input, items, bindings)) => (input, items, Some(bindings)),
                Err(failure) => return Err(self.map_failed_early(fid, failure)),
            }
        } else {
            let effective = self.effective_input(fid, state, &context)?;
            let items = dataflow::select_path(
                &map.items_path,
                &effective,
                &context,
                &self.frame_ref(fid).vars,
            )
            .map_err(|problem| self.prefixed(fid, problem))?;
            let items = match items.value() {
                Value::Array(items) => items.clone(),
                other => {
                    return Err(self.runtime_failure(
                        fid,
                        "States.Runtime",
                        &format!("Map state input must be an array but was: {other}"),
                    ));
                }
            };
            (effective, items, None)
        };
        let mut bindings = bindings;
        let max_concurrency = match &map.max_concurrency {
            None => 0,
            Some(source) => self.map_number(
                fid,
                source,
                &effective,
                &context,
                bindings.as_mut(),
                "MaxConcurrency",
                true,
            )? as usize,
        };
        let prev = self.frame_ref(fid).prev;
        let started = self.record_in(
            fid,
            prev,
            T::MapStateStarted,
            Details::MapStateStarted {
                length: items.len() as u64,
            },
        );
        self.frame(fid).prev = started;
        let tolerated_count = match &map.tolerated_failure_count {
            None => None,
            Some(source) => {
                let count = self.map_number(
                    fid,
                    source,
                    &effective,
                    &context,
                    bindings.as_mut(),
                    "ToleratedFailureCount",
                    true,
                )?;
                if count < 0.0 {
                    return Err(self.runtime_failure(
                        fid,
                        "States.Runtime",
                        "ToleratedFailureCount cannot be negative.",
                    ));
                }
                Some(count as u64)
            }
        };
        let tolerated_percentage = match &map.tolerated_failure_percentage {
            None => None,
            Some(source) => {
                let percentage = self.map_number(
                    fid,
                    source,
                    &effective,
                    &context,
                    bindings.as_mut(),
                    "ToleratedFailurePercentage",
                    false,
                )?;
                if !(0.0..=100.0).contains(&percentage) {
                    return Err(self.runtime_failure(
                        fid,
                        "States.Runtime",
                        "ToleratedFailurePercentage must be between 0 and 100.",
                    ));
                }
                Some(percentage)
            }
        };
        let map_run_started = if map.distributed {
            let arn = self.map_run_arn(map);
            let id = self.record_in(
                fid,
                started,
                T::MapRunStarted,
                Details::Fields(vec![(
                    std::borrow::Cow::Borrowed("mapRunArn"),
                    crate::history::Field::Value(Value::from(arn)),
                )]),
            );
            self.frame(fid).prev = id;
            id
        } else {
            0
        };
        let n_items = items.len();
        // A distributed Map's iterations are child executions, which start without variables.
        let vars = if map.distributed {
            None
        } else {
            self.vars_snapshot(fid)
        };
        let fanout = Fanout {
            vars,
            is_map: true,
            branch_input: Payload::new(Value::Null),
            items,
            effective,
            results: vec![Value::Null; n_items],
            next_child: 0,
            running: Vec::new(),
            max_concurrency: if max_concurrency == 0 {
                INLINE_MAP_LIMIT
            } else {
                max_concurrency
            },
            n_failed: 0,
            tolerated_count,
            tolerated_percentage,
            distributed: map.distributed,
            map_run_started,
            pointer: if map.distributed {
                map_run_started
            } else {
                started
            },
            last_completion: started,
        };
        self.frame(fid).phase = Phase::Children(Box::new(fanout));
        if n_items == 0 {
            self.fanout_done(fid);
            return Ok(());
        }
        self.spawn_iterations(fid);
        Ok(())
    }

    /// Reads `MaxConcurrency(Path)`, `ToleratedFailureCount(Path)` or
    /// `ToleratedFailurePercentage(Path)`.
    #[expect(clippy::too_many_arguments, reason = "one call per Map number field")]
    fn map_number(
        &mut self,
        fid: u32,
        source: &NumberSource,
        effective: &Payload,
        context: &Value,
        bindings: Option<&mut jsonata::Session>,
        field: &str,
        integer: bool,
    ) -> Result<f64, Failure> {
        match source {
            NumberSource::Literal(number) => Ok(*number),
            NumberSource::Jsonata(template) => {
                let mut empty = jsonata::Session::new(
                    None,
                    &jsonata::Bindings::new(),
                    &jsonata::Limits::default(),
                );
                let value = self.evaluate(fid, template, bindings.unwrap_or(&mut empty))?;
                let number = value
                    .as_f64()
                    .filter(|number| !integer || number.fract() == 0.0);
                match number {
                    Some(number) => Ok(number),
                    None => Err(self.unexpected_type(
                        fid,
                        template,
                        field,
                        if integer { "integer" } else { "number" },
                        &value,
                    )),
                }
            }
            NumberSource::Path(path) => {
                let value =
                    dataflow::select(path, effective.value(), context, &self.frame_ref(fid).vars)
                        .map_err(|problem| self.prefixed(fid, problem))?;
                // Like Jackson, AWS reads a number written as a string ("1") too.
                let number = match (&value, integer) {
                    (Value::String(text), true) => {
                        text.trim().parse::<i64>().ok().map(|n| n as f64)
                    }
                    (Value::String(text), false) => text.trim().parse::<f64>().ok(),
                    (other, true) => other.as_i64().map(|n| n as f64),
                    (other, false) => other.as_f64(),
                };
                number.ok_or_else(|| {
                    let shown = match &value {
                        Value::String(text) => text.clone(),
                        other => other.to_string(),
                    };
                    self.runtime_failure(
                        fid,
                        "States.Runtime",
                        &format!(
                            "The {field}Path field refers to value \"{shown}\" which is not a valid {}: {}",
                            if integer { "integer" } else { "float" },
                            path.text()
                        ),
                    )
                })
            }
        }
    }

    fn fanout_mut(&mut self, fid: u32) -> Option<&mut Fanout> {
        match &mut self.frame(fid).phase {
            Phase::Children(fanout) => Some(fanout),
            _ => None,
        }
    }

    /// Starts Map iterations up to the concurrency limit.
    fn spawn_iterations(&mut self, fid: u32) {
        let state = self.current_state(fid);
        let asl::program::Kind::Map(map) = &state.kind else {
            return;
        };
        let program = self.program;
        let start_at = program.scope(map.processor).start_at;
        let mut spawned = Vec::new();
        loop {
            let Some(fanout) = self.fanout_mut(fid) else {
                return;
            };
            if fanout.next_child >= fanout.items.len()
                || fanout.running.len() >= fanout.max_concurrency
            {
                break;
            }
            let index = fanout.next_child;
            fanout.next_child += 1;
            let item = fanout.items[index].clone();
            let effective = fanout.effective.clone();
            let distributed = fanout.distributed;
            let vars = fanout.vars.clone();
            let input = match &map.item_selector {
                None => Payload::new(item),
                Some(Template::JsonPath(template)) => {
                    let context = self.context_for_item(fid, state, index, &item);
                    let res = self.jsonpath_template(fid, template, effective.value(), &context);
                    match res {
                        Ok(value) => Payload::new(value),
                        Err(problem) => {
                            let failure = self.prefixed(fid, problem);
                            self.abort_children(fid);
                            self.fanout_failed(fid, failure, None);
                            return;
                        }
                    }
                }
                Some(Template::Jsonata(template)) => {
                    let context = self.context_for_item(fid, state, index, &item);
                    let mut bindings = self.input_session(fid, effective.value(), &context);
                    match self.evaluate(fid, template, &mut bindings) {
                        Ok(value) => Payload::new(value),
                        Err(failure) => {
                            self.abort_children(fid);
                            self.fanout_failed(fid, failure, None);
                            return;
                        }
                    }
                }
            };
            let link = ParentLink {
                frame: fid,
                index: index as u32,
            };
            let silent = distributed || self.frame_ref(fid).silent;
            let child = self.new_frame(new_child(
                link,
                start_at,
                input,
                0,
                Phase::IterationStart {
                    index: index as u32,
                },
                silent,
                vars.as_ref(),
            ));
            if let Some(fanout) = self.fanout_mut(fid) {
                fanout.running.push(child);
            }
            spawned.push(child);
        }
        self.ready.extend(spawned.into_iter().rev());
    }

    /// The context object for an `ItemSelector`, which always has `$$.Map.Item`.
    fn context_for_item(&self, fid: u32, state: &State, index: usize, item: &Value) -> Value {
        let frame = self.frame_ref(fid);
        crate::context::build(
            &self.exec.context,
            self.exec.input.as_ref(),
            &crate::context::StateContext {
                state,
                entered_ms: frame.entered_ms,
                retry_count: frame.retry_counts.iter().sum(),
                map_item: Some((index, item)),
                task_token: None,
            },
        )
    }

    /// A Map iteration records `MapIterationStarted` and enters its first state.
    pub(crate) fn start_iteration(&mut self, fid: u32) {
        let frame = self.frame_ref(fid);
        let (Phase::IterationStart { index }, Some(link)) = (&frame.phase, frame.parent) else {
            return;
        };
        let index = *index;
        let parent_state = self.current_state(link.frame);
        let pointer = match &self.frame_ref(link.frame).phase {
            Phase::Children(fanout) => fanout.pointer,
            _ => 0,
        };
        let id = self.record_in(
            fid,
            pointer,
            T::MapIterationStarted,
            Details::MapIteration {
                name: parent_state.name.clone(),
                index: u64::from(index),
            },
        );
        let frame = self.frame(fid);
        frame.prev = id;
        frame.phase = Phase::Enter;
    }

    /// A child frame reached its end.
    pub(crate) fn child_succeeded(
        &mut self,
        link: ParentLink,
        child: u32,
        child_prev: u64,
        output: Payload,
    ) {
        let fid = link.frame;
        let state = self.current_state(fid);
        let Some(fanout) = self.fanout_mut(fid) else {
            return;
        };
        let is_map = fanout.is_map;
        fanout.running.retain(|&other| other != child);
        if let Some(slot) = fanout.results.get_mut(link.index as usize) {
            *slot = match std::sync::Arc::try_unwrap(output.0) {
                Ok(value) => value,
                Err(shared) => (*shared).clone(),
            };
        }
        let distributed = fanout.distributed;
        let completion = if is_map && !distributed {
            self.record_in(
                fid,
                child_prev,
                T::MapIterationSucceeded,
                Details::MapIteration {
                    name: state.name.clone(),
                    index: u64::from(link.index),
                },
            )
        } else {
            child_prev
        };
        self.child_finished(fid, child_prev, completion);
    }

    /// Bookkeeping shared by a child's success and a tolerated failure.
    fn child_finished(&mut self, fid: u32, child_prev: u64, completion: u64) {
        let Some(fanout) = self.fanout_mut(fid) else {
            return;
        };
        fanout.pointer = child_prev;
        fanout.last_completion = completion;
        let is_map = fanout.is_map;
        let done = fanout.running.is_empty() && fanout.next_child >= fanout.results.len();
        if done {
            self.fanout_done(fid);
        } else if is_map {
            self.spawn_iterations(fid);
        }
    }

    /// A child frame failed.
    pub(crate) fn child_failed(
        &mut self,
        link: ParentLink,
        child: u32,
        child_prev: u64,
        failure: Failure,
    ) {
        let fid = link.frame;
        let state = self.current_state(fid);
        let Some(fanout) = self.fanout_mut(fid) else {
            return;
        };
        fanout.running.retain(|&other| other != child);
        if fanout.is_map {
            fanout.n_failed += 1;
            let n_items = fanout.items.len();
            let n_failed = fanout.n_failed;
            let tolerated = fanout
                .tolerated_count
                .is_some_and(|count| n_failed as u64 <= count)
                || fanout
                    .tolerated_percentage
                    .is_some_and(|pct| (n_failed as f64) * 100.0 <= pct * n_items as f64);
            if let Some(slot) = fanout.results.get_mut(link.index as usize) {
                let mut error_output = serde_json::Map::new();
                error_output.insert("Error".to_owned(), Value::from(failure.error_name()));
                if let Some(cause) = &failure.cause {
                    error_output.insert("Cause".to_owned(), Value::from(cause.as_str()));
                }
                *slot = Value::Object(error_output);
            }
            let completion = if fanout.distributed {
                child_prev
            } else {
                self.record_in(
                    fid,
                    child_prev,
                    T::MapIterationFailed,
                    Details::MapIteration {
                        name: state.name.clone(),
                        index: u64::from(link.index),
                    },
                )
            };
            if tolerated {
                self.child_finished(fid, child_prev, completion);
                return;
            }
            self.abort_children(fid);
            let failure = if fanout_has_tolerance(self, fid) {
                Failure::new(
                    "States.ExceedToleratedFailureThreshold",
                    "The specified tolerated failure threshold was exceeded",
                )
            } else {
                failure
            };
            self.fanout_failed(fid, failure, Some(child_prev));
        } else {
            self.abort_children(fid);
            self.fanout_failed(fid, failure, Some(child_prev));
        }
    }

    /// Every child succeeded (or failed within tolerance).
    fn fanout_done(&mut self, fid: u32) {
        let state = self.current_state(fid);
        let frame = self.frame(fid);
        let Phase::Children(fanout) = std::mem::replace(&mut frame.phase, Phase::Act) else {
            return;
        };
        let kind = if fanout.is_map {
            T::MapStateSucceeded
        } else {
            T::ParallelStateSucceeded
        };
        let mut completion = fanout.last_completion;
        if fanout.distributed {
            completion = self.record_in(
                fid,
                fanout.map_run_started,
                T::MapRunSucceeded,
                Details::None,
            );
        }
        self.record_in(fid, completion, kind, Details::None);
        // AWS's recordings link the `MapStateExited` of a distributed Map that ends its scope
        // and is not the execution's first state to `MapRunStarted`, and every other one to
        // the event that completed the run.
        let frame = self.frame_ref(fid);
        let exited_prev = if fanout.distributed
            && state.transition == asl::program::Transition::End
            && frame.entered_prev != 0
        {
            fanout.map_run_started
        } else {
            completion
        };
        self.frame(fid).prev = exited_prev;
        let result = Payload::new(Value::Array(fanout.results));
        self.complete_with_result(fid, state, result);
        self.ready.push(fid);
    }

    /// The Parallel or Map state fails: record its failed event and let Retry/Catch decide.
    fn fanout_failed(&mut self, fid: u32, failure: Failure, child_prev: Option<u64>) {
        let frame = self.frame(fid);
        let Phase::Children(fanout) = std::mem::replace(&mut frame.phase, Phase::Act) else {
            return;
        };
        let mut prev = child_prev.unwrap_or(frame.prev);
        if fanout.distributed {
            prev = self.record_in(
                fid,
                fanout.map_run_started,
                T::MapRunFailed,
                Details::Failure {
                    error: failure.error.clone(),
                    cause: failure.cause.clone(),
                },
            );
        }
        self.frame(fid).prev = prev;
        // A state about to be retried records no failed event: the retry's `...Started`
        // follows on from the failure directly.
        if !self.will_retry(fid, &failure) {
            let kind = if fanout.is_map {
                T::MapStateFailed
            } else {
                T::ParallelStateFailed
            };
            let id = self.record_in(fid, prev, kind, Details::None);
            self.frame(fid).prev = id;
        }
        self.state_failed(fid, failure);
        self.ready.push(fid);
    }

    /// Aborts every running child of a Parallel or Map state.
    fn abort_children(&mut self, fid: u32) {
        let running = match self.fanout_mut(fid) {
            Some(fanout) => std::mem::take(&mut fanout.running),
            None => return,
        };
        for child in running {
            self.abort_frame(child);
        }
    }

    /// Aborts a frame and everything below it, recording the aborted events AWS records.
    pub(crate) fn abort_frame(&mut self, fid: u32) {
        let Some(frame) = self.exec.frames.get(fid as usize).and_then(Option::as_ref) else {
            return;
        };
        let phase = frame.phase.clone();
        let prev = frame.prev;
        let state = self.current_state(fid);
        match phase {
            Phase::Waiting { timer, .. } => {
                self.cancel_timer(timer);
                self.record_in(fid, prev, T::WaitStateAborted, Details::None);
            }
            Phase::RetryDelay { timer } => {
                self.cancel_timer(timer);
                if let Some(kind) = aborted_type(state) {
                    self.record_in(fid, prev, kind, Details::None);
                }
            }
            Phase::Task(wait) => {
                self.close_task(wait.task, &wait);
                self.commands
                    .push(crate::event::Command::CancelTask { task: wait.task });
                self.record_in(fid, prev, T::TaskStateAborted, Details::None);
            }
            Phase::Children(fanout) => {
                for child in fanout.running.iter().copied() {
                    self.abort_frame(child);
                }
                let kind = if fanout.is_map {
                    T::MapStateAborted
                } else {
                    T::ParallelStateAborted
                };
                self.record_in(fid, prev, kind, Details::None);
            }
            Phase::Enter | Phase::Act | Phase::IterationStart { .. } => {}
        }
        if let Some(link) = self.frame_ref(fid).parent {
            let parent_state = self.current_state(link.frame);
            let is_map = matches!(parent_state.kind, asl::program::Kind::Map(_));
            let started = !matches!(self.frame_ref(fid).phase, Phase::IterationStart { .. });
            if is_map && started {
                let prev = self.frame_ref(fid).prev;
                self.record_in(
                    fid,
                    prev,
                    T::MapIterationAborted,
                    Details::MapIteration {
                        name: parent_state.name.clone(),
                        index: u64::from(link.index),
                    },
                );
            }
        }
        self.free_frame(fid);
    }
}

fn fanout_has_tolerance(machine: &Machine<'_>, fid: u32) -> bool {
    match &machine.frame_ref(fid).phase {
        Phase::Children(fanout) => {
            fanout.tolerated_count.is_some() || fanout.tolerated_percentage.is_some()
        }
        _ => false,
    }
}

fn aborted_type(state: &State) -> Option<T> {
    match state.kind {
        asl::program::Kind::Task { .. } => Some(T::TaskStateAborted),
        asl::program::Kind::Parallel { .. } => Some(T::ParallelStateAborted),
        asl::program::Kind::Map(_) => Some(T::MapStateAborted),
        _ => None,
    }
}

impl Machine<'_> {
    /// A Map Run's ARN: `arn:aws:states:<region>:<account>:mapRun:<machine>/<label>:<uuid>`.
    fn map_run_arn(&mut self, map: &MapState) -> String {
        use jsonpath::Entropy;
        let arn = &self.exec.context.execution_arn;
        let mut parts = arn.split(':');
        let region = parts.nth(3).unwrap_or("us-east-1").to_owned();
        let account = parts.next().unwrap_or("000000000000").to_owned();
        let label = match &map.label {
            Some(label) => label.clone(),
            None => self.entropy.uuid_v4(),
        };
        let run = self.entropy.uuid_v4();
        format!(
            "arn:aws:states:{region}:{account}:mapRun:{}/{label}:{run}",
            self.exec.context.state_machine_name
        )
    }
}

impl Machine<'_> {
    /// The variables a child frame starts with, shared by all of them; none when there are no
    /// variables at all.
    fn vars_snapshot(&self, fid: u32) -> Option<Payload> {
        let vars = &self.frame_ref(fid).vars;
        if vars.is_empty() {
            return None;
        }
        Some(Payload::new(Value::Object(vars.visible())))
    }

    /// A JSONata Map's items: `Items`, or the state input, which must be an array.
    fn map_items_jsonata(
        &mut self,
        fid: u32,
        map: &MapState,
        context: &Value,
    ) -> Result<(Payload, Vec<Value>, jsonata::Session), Failure> {
        let input = self.frame_ref(fid).input.clone();
        let mut bindings = self.input_session(fid, input.value(), context);
        let items = match &map.items {
            Some(template) => match self.evaluate(fid, template, &mut bindings)? {
                Value::Array(items) => items,
                other => return Err(self.unexpected_type(fid, template, "Items", "array", &other)),
            },
            None => match input.value() {
                Value::Array(items) => items.clone(),
                other => {
                    return Err(self.evaluation_failed(
                        fid,
                        &format!("Map state input must be an array but was: {other}"),
                        None,
                    ));
                }
            },
        };
        Ok((input, items, bindings))
    }

    /// A Map state failed before it started: its `MapStateFailed` follows the evaluation
    /// failure, unless the state is about to be retried.
    fn map_failed_early(&mut self, fid: u32, failure: Failure) -> Failure {
        if !self.will_retry(fid, &failure) {
            let prev = self.frame_ref(fid).prev;
            let id = self.record_in(fid, prev, T::MapStateFailed, Details::None);
            self.frame(fid).prev = id;
        }
        failure
    }
}

//! Task: hands work to the runtime through a command and waits for its result, with
//! `TimeoutSeconds` and `HeartbeatSeconds` kept as timers.

use std::borrow::Cow;

use asl::program::{Kind, NumberSource, QueryLanguage, State};
use serde_json::Value;

use crate::Payload;
use crate::dataflow;
use crate::event::{Command, TaskId, TimerId};
use crate::execution::{Failure, Phase, TaskWait};
use crate::history::{Details, Field, HistoryEventType as T};
use crate::machine::Machine;

/// Splits a `Resource` into the `resourceType` and `resource` that task events report.
pub(crate) fn resource_parts(resource: &str) -> (String, String) {
    if let Some(rest) = resource.strip_prefix("arn:aws:states:::") {
        if let Some((service, action)) = rest
            .strip_prefix("aws-sdk:")
            .and_then(|sdk| sdk.split_once(':'))
        {
            return (format!("aws-sdk:{service}"), action.to_owned());
        }
        if let Some((service, api)) = rest.split_once(':') {
            return (service.to_owned(), api.to_owned());
        }
        return (rest.to_owned(), String::new());
    }
    let parts: Vec<&str> = resource.splitn(6, ':').collect();
    match parts.as_slice() {
        [_, _, service, _, _, rest] => ((*service).to_owned(), (*rest).to_owned()),
        _ => ("unknown".to_owned(), resource.to_owned()),
    }
}

impl Machine<'_> {
    pub(crate) fn task(&mut self, fid: u32, state: &State) -> Result<(), Failure> {
        let Kind::Task {
            resource,
            timeout,
            heartbeat,
        } = &state.kind
        else {
            return Ok(());
        };
        // The task's id and token come first: `$$.Task.Token` can be part of its parameters.
        self.exec.next_task += 1;
        let task = TaskId(self.exec.next_task);
        let activity = crate::token::is_activity(resource);
        let callback = crate::token::is_callback(resource);
        let token = (activity || callback).then(|| {
            let nonce = jsonpath::Entropy::uuid_v4(&mut self.entropy).replace('-', "");
            crate::token::make(&self.exec.context.execution_arn, task.0, &nonce)
        });
        let context = self.context_with_token(fid, state, None, token.as_deref());
        let (timeout_seconds, heartbeat_seconds, parameters) = match state.query_language {
            QueryLanguage::JsonPath => {
                let effective = self.effective_input(fid, state, &context)?;
                let timeout_seconds =
                    self.seconds(fid, timeout.as_ref(), &effective, &context, None)?;
                let heartbeat_seconds =
                    self.seconds(fid, heartbeat.as_ref(), &effective, &context, None)?;
                let parameters = self.parameters(fid, state, effective, &context)?;
                (timeout_seconds, heartbeat_seconds, parameters)
            }
            QueryLanguage::Jsonata => {
                let input = self.frame_ref(fid).input.clone();
                let mut bindings = self.input_session(fid, input.value(), &context);
                let parameters = match &state.arguments {
                    Some(arguments) => {
                        Payload::new(self.evaluate(fid, arguments, &mut bindings)?)
                    }
                    None => input.clone(),
                };
                let timeout_seconds =
                    self.seconds(fid, timeout.as_ref(), &input, &context, Some(&mut bindings))?;
                let heartbeat_seconds = self.seconds(
                    fid,
                    heartbeat.as_ref(),
                    &input,
                    &context,
                    Some(&mut bindings),
                )?;
                (timeout_seconds, heartbeat_seconds, parameters)
            }
        };
        let (resource_type, resource_name) = resource_parts(resource);
        let lambda = crate::token::is_lambda_function(resource);
        let (kind, mut fields): (T, Vec<(Cow<'static, str>, Field)>) = if activity || lambda {
            (
                if lambda {
                    T::LambdaFunctionScheduled
                } else {
                    T::ActivityScheduled
                },
                vec![
                    (
                        Cow::Borrowed("resource"),
                        Field::Value(Value::from(resource.as_str())),
                    ),
                    (
                        Cow::Borrowed("input"),
                        Field::Payload(parameters.clone().into()),
                    ),
                ],
            )
        } else {
            (
                T::TaskScheduled,
                vec![
                    (
                        Cow::Borrowed("resourceType"),
                        Field::Value(Value::from(resource_type.as_str())),
                    ),
                    (
                        Cow::Borrowed("resource"),
                        Field::Value(Value::from(resource_name.as_str())),
                    ),
                    (
                        Cow::Borrowed("region"),
                        Field::Value(Value::from(self.region())),
                    ),
                    (
                        Cow::Borrowed("parameters"),
                        Field::Payload(parameters.clone().into()),
                    ),
                ],
            )
        };
        if let Some(seconds) = timeout_seconds {
            fields.push((
                Cow::Borrowed("timeoutInSeconds"),
                Field::Value(Value::from(seconds)),
            ));
        }
        if let Some(seconds) = heartbeat_seconds.filter(|_| !lambda) {
            fields.push((
                Cow::Borrowed("heartbeatInSeconds"),
                Field::Value(Value::from(seconds)),
            ));
        }
        let prev = self.frame_ref(fid).prev;
        let id = self.record_in(fid, prev, kind, Details::Fields(fields));
        self.frame(fid).prev = id;
        // Task timeouts and heartbeats are not scaled by `wait_time_scale`.
        let timeout_timer = timeout_seconds.map(|seconds| {
            self.start_timer(
                fid,
                self.now
                    .saturating_add((seconds as i64).saturating_mul(1000)),
            )
        });
        let heartbeat_timer = heartbeat_seconds.map(|seconds| {
            self.start_timer(
                fid,
                self.now
                    .saturating_add((seconds as i64).saturating_mul(1000)),
            )
        });
        self.exec.tasks.insert(task, fid);
        self.commands.push(Command::ScheduleTask {
            task,
            resource: resource.clone(),
            input: parameters.value().clone(),
            timeout_seconds,
            heartbeat_seconds,
            token: token.clone(),
        });
        self.frame(fid).phase = Phase::Task(Box::new(TaskWait {
            task,
            resource_type,
            resource: resource_name,
            timeout_timer,
            heartbeat_timer,
            heartbeat_seconds,
            started: false,
            full_resource: resource.clone(),
            input: parameters,
            timeout_seconds,
            token,
            activity,
            lambda,
            callback,
            submitted: false,
        }));
        Ok(())
    }

    /// The region the execution runs in, from its ARN.
    fn region(&self) -> String {
        self.exec
            .context
            .execution_arn
            .split(':')
            .nth(3)
            .unwrap_or("us-east-1")
            .to_owned()
    }

    fn seconds(
        &mut self,
        fid: u32,
        source: Option<&NumberSource>,
        effective: &Payload,
        context: &Value,
        bindings: Option<&mut jsonata::Session>,
    ) -> Result<Option<u64>, Failure> {
        match source {
            None => Ok(None),
            Some(NumberSource::Literal(number)) => Ok(Some(number.max(0.0) as u64)),
            Some(NumberSource::Jsonata(template)) => {
                let mut empty = jsonata::Session::new(
                    None,
                    &jsonata::Bindings::new(),
                    &jsonata::Limits::default(),
                );
                let value = self.evaluate(fid, template, bindings.unwrap_or(&mut empty))?;
                match value.as_f64() {
                    Some(seconds) if seconds >= 1.0 && seconds.fract() == 0.0 => {
                        Ok(Some(seconds as u64))
                    }
                    _ => {
                        let field = match template {
                            asl::program::JsonataTemplate::Expression(expression) => {
                                expression.field.clone()
                            }
                            _ => "TimeoutSeconds".to_owned(),
                        };
                        Err(self.unexpected_type(fid, template, &field, "integer", &value))
                    }
                }
            }
            Some(NumberSource::Path(path)) => {
                let value =
                    dataflow::select(path, effective.value(), context, &self.frame_ref(fid).vars)
                        .map_err(|problem| self.prefixed(fid, problem))?;
                match value.as_u64() {
                    Some(seconds) if seconds > 0 => Ok(Some(seconds)),
                    _ => Err(self.runtime_failure(
                        fid,
                        "States.Runtime",
                        &format!(
                            "The value of the field '{}' must be a positive integer: {}",
                            path.text(),
                            value
                        ),
                    )),
                }
            }
        }
    }

    /// The frame waiting for this task, with its bookkeeping.
    fn task_frame(&mut self, task: TaskId) -> Option<(u32, TaskWait)> {
        let fid = *self.exec.tasks.get(&task)?;
        match &self.frame_ref(fid).phase {
            Phase::Task(wait) if wait.task == task => Some((fid, (**wait).clone())),
            _ => None,
        }
    }

    fn task_fields(wait: &TaskWait) -> Vec<(Cow<'static, str>, Field)> {
        if wait.activity || wait.lambda {
            // Activity and Lambda function events carry no resource.
            return Vec::new();
        }
        vec![
            (
                Cow::Borrowed("resourceType"),
                Field::Value(Value::from(wait.resource_type.as_str())),
            ),
            (
                Cow::Borrowed("resource"),
                Field::Value(Value::from(wait.resource.as_str())),
            ),
        ]
    }

    pub(crate) fn task_started(&mut self, task: TaskId) {
        self.started(task, None);
    }

    pub(crate) fn activity_started(&mut self, task: TaskId, worker_name: Option<String>) {
        self.started(task, Some(worker_name));
    }

    /// A worker picked the task up; `worker` is `Some` when an activity worker did.
    fn started(&mut self, task: TaskId, worker: Option<Option<String>>) {
        let Some((fid, wait)) = self.task_frame(task) else {
            return;
        };
        if wait.started || wait.activity != worker.is_some() {
            return;
        }
        let (kind, fields) = match worker {
            Some(name) => (
                T::ActivityStarted,
                name.map(|name| {
                    vec![(Cow::Borrowed("workerName"), Field::Value(Value::from(name)))]
                })
                .unwrap_or_default(),
            ),
            None if wait.lambda => (T::LambdaFunctionStarted, Vec::new()),
            None => (T::TaskStarted, Self::task_fields(&wait)),
        };
        let prev = self.frame_ref(fid).prev;
        let id = self.record_in(fid, prev, kind, Details::Fields(fields));
        let frame = self.frame(fid);
        frame.prev = id;
        if let Phase::Task(wait) = &mut frame.phase {
            wait.started = true;
        }
    }

    /// Cancels the task's timers and forgets it.
    pub(crate) fn close_task(&mut self, task: TaskId, wait: &TaskWait) {
        self.exec.tasks.remove(&task);
        for timer in [wait.timeout_timer, wait.heartbeat_timer]
            .into_iter()
            .flatten()
        {
            self.cancel_timer(timer);
        }
    }

    /// A callback task was handed over; it goes on waiting for its token.
    pub(crate) fn task_submitted(&mut self, task: TaskId, output: Value) {
        let Some((fid, wait)) = self.task_frame(task) else {
            return;
        };
        if !wait.callback || wait.submitted {
            return;
        }
        if !wait.started {
            self.task_started(task);
        }
        let mut fields = Self::task_fields(&wait);
        fields.push((
            Cow::Borrowed("output"),
            Field::Payload(Payload::new(output).into()),
        ));
        let prev = self.frame_ref(fid).prev;
        let id = self.record_in(fid, prev, T::TaskSubmitted, Details::Fields(fields));
        let frame = self.frame(fid);
        frame.prev = id;
        if let Phase::Task(wait) = &mut frame.phase {
            wait.submitted = true;
        }
    }

    pub(crate) fn task_succeeded(&mut self, task: TaskId, output: Value) {
        let Some((fid, wait)) = self.task_frame(task) else {
            return;
        };
        if !wait.started && !wait.activity {
            self.task_started(task);
        }
        self.close_task(task, &wait);
        let result = Payload::new(output);
        let mut fields = Self::task_fields(&wait);
        fields.push((
            Cow::Borrowed("output"),
            Field::Payload(result.clone().into()),
        ));
        let prev = self.frame_ref(fid).prev;
        let kind = if wait.activity {
            T::ActivitySucceeded
        } else if wait.lambda {
            T::LambdaFunctionSucceeded
        } else {
            T::TaskSucceeded
        };
        let id = self.record_in(fid, prev, kind, Details::Fields(fields));
        self.frame(fid).prev = id;
        self.frame(fid).phase = Phase::Act;
        let state = self.current_state(fid);
        self.complete_with_result(fid, state, result);
        self.ready.push(fid);
    }

    pub(crate) fn task_failed(&mut self, task: TaskId, failure: Failure) {
        let Some((fid, wait)) = self.task_frame(task) else {
            return;
        };
        self.close_task(task, &wait);
        let mut fields = Self::task_fields(&wait);
        if let Some(error) = &failure.error {
            fields.push((
                Cow::Borrowed("error"),
                Field::Value(Value::from(error.as_str())),
            ));
        }
        if let Some(cause) = &failure.cause {
            fields.push((
                Cow::Borrowed("cause"),
                Field::Value(Value::from(cause.as_str())),
            ));
        }
        let prev = self.frame_ref(fid).prev;
        let kind = if wait.activity {
            T::ActivityFailed
        } else if wait.lambda {
            T::LambdaFunctionFailed
        } else if wait.callback && !wait.submitted {
            T::TaskSubmitFailed
        } else {
            T::TaskFailed
        };
        let id = self.record_in(fid, prev, kind, Details::Fields(fields));
        self.frame(fid).prev = id;
        self.frame(fid).phase = Phase::Act;
        self.state_failed(fid, failure);
        self.ready.push(fid);
    }

    pub(crate) fn task_heartbeat(&mut self, task: TaskId) {
        let Some((fid, wait)) = self.task_frame(task) else {
            return;
        };
        let (Some(timer), Some(seconds)) = (wait.heartbeat_timer, wait.heartbeat_seconds) else {
            return;
        };
        self.cancel_timer(timer);
        let new_timer = self.start_timer(
            fid,
            self.now
                .saturating_add((seconds as i64).saturating_mul(1000)),
        );
        if let Phase::Task(wait) = &mut self.frame(fid).phase {
            wait.heartbeat_timer = Some(new_timer);
        }
    }

    pub(crate) fn task_timer_fired(&mut self, fid: u32, timer: TimerId) {
        let Phase::Task(wait) = &self.frame_ref(fid).phase else {
            return;
        };
        let wait = (**wait).clone();
        let error = if wait.heartbeat_timer == Some(timer) {
            "States.HeartbeatTimeout"
        } else if wait.timeout_timer == Some(timer) {
            "States.Timeout"
        } else {
            return;
        };
        self.close_task(wait.task, &wait);
        self.commands.push(Command::CancelTask { task: wait.task });
        let mut fields = Self::task_fields(&wait);
        fields.push((Cow::Borrowed("error"), Field::Value(Value::from(error))));
        let prev = self.frame_ref(fid).prev;
        let kind = if wait.activity {
            T::ActivityTimedOut
        } else if wait.lambda {
            T::LambdaFunctionTimedOut
        } else {
            T::TaskTimedOut
        };
        let id = self.record_in(fid, prev, kind, Details::Fields(fields));
        self.frame(fid).prev = id;
        self.frame(fid).phase = Phase::Act;
        self.state_failed(
            fid,
            Failure {
                error: Some(error.to_owned()),
                cause: None,
            },
        );
        self.ready.push(fid);
    }
}

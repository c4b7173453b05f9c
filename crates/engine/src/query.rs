//! JSONata in states: the `$states` variable, evaluating templates, and the
//! `States.QueryEvaluationError` failures with their `EvaluationFailed` events.

use std::borrow::Cow;

use asl::program::{FieldExpression, JsonataTemplate};
use jsonata::{Bindings, Limits, Session};
use serde_json::{Map, Value};

use crate::execution::Failure;
use crate::history::{Details, Field, HistoryEventType as T};
use crate::machine::Machine;

/// The error of every JSONata evaluation failure.
pub(crate) const QUERY_EVALUATION_ERROR: &str = "States.QueryEvaluationError";

/// What `$states` holds while a state's fields are evaluated.
#[derive(Clone, Copy)]
pub(crate) struct States<'a> {
    /// `$states.input`: the state's raw input.
    pub(crate) input: &'a Value,
    /// `$states.result`, once the state has a result.
    pub(crate) result: Option<&'a Value>,
    /// `$states.errorOutput`, in a Catcher.
    pub(crate) error_output: Option<&'a Value>,
    /// `$states.context`, or null when the state never reads it.
    pub(crate) context: &'a Value,
}

/// The JSON type name AWS uses in "Expected 'array', but was 'boolean'".
pub(crate) fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

impl Machine<'_> {
    /// A session for a state's JSONata fields, which see `$states` and every workflow
    /// variable in scope.
    pub(crate) fn bindings(&self, fid: u32, states: States<'_>) -> Session {
        let mut bindings = Bindings::new();
        self.frame_ref(fid).vars.for_each(|name, value| {
            bindings.insert_ref(name, value);
        });
        let members = [
            ("input", Some(states.input)),
            ("result", states.result),
            ("errorOutput", states.error_output),
            (
                "context",
                Some(states.context).filter(|context| !context.is_null()),
            ),
        ];
        bindings.insert_object(
            "states",
            members
                .into_iter()
                .filter_map(|(key, value)| value.map(|value| (key, value))),
        );
        Session::new(None, &bindings, &Limits::default())
    }

    /// A session for fields that see only `$states.input` and `$states.context`.
    pub(crate) fn input_session(&self, fid: u32, input: &Value, context: &Value) -> Session {
        self.bindings(
            fid,
            States {
                input,
                result: None,
                error_output: None,
                context,
            },
        )
    }

    /// Evaluates a JSONata template; a failure has been recorded as `EvaluationFailed`.
    pub(crate) fn evaluate(
        &mut self,
        fid: u32,
        template: &JsonataTemplate,
        bindings: &mut Session,
    ) -> Result<Value, Failure> {
        match template {
            JsonataTemplate::Literal(value) => Ok(value.clone()),
            JsonataTemplate::Expression(field) => self.evaluate_expression(fid, field, bindings),
            JsonataTemplate::Object(members) => {
                let mut res = Map::with_capacity(members.len());
                for (key, member) in members {
                    let value = self.evaluate(fid, member, bindings)?;
                    res.insert(key.clone(), value);
                }
                Ok(Value::Object(res))
            }
            JsonataTemplate::Array(items) => {
                let mut res = Vec::with_capacity(items.len());
                for item in items {
                    res.push(self.evaluate(fid, item, bindings)?);
                }
                Ok(Value::Array(res))
            }
        }
    }

    fn evaluate_expression(
        &mut self,
        fid: u32,
        field: &FieldExpression,
        bindings: &mut Session,
    ) -> Result<Value, Failure> {
        let res = bindings.evaluate(&field.expression, &mut self.entropy);
        let problem = match res {
            Ok(Some(value)) => return Ok(value),
            Ok(None) => "returned nothing (undefined).".to_owned(),
            Err(error) if error.is_unsupported_result() => {
                "returned an unsupported result type.".to_owned()
            }
            Err(error) => format!("threw an error during evaluation. {error}"),
        };
        Err(self.evaluation_failed(
            fid,
            &format!(
                "The JSONata expression '{}' specified for the field '{}' {problem}",
                field.expression.text(),
                field.field
            ),
            Some(&field.field),
        ))
    }

    /// A template's value must have a JSON type: AWS's failure when it has another.
    pub(crate) fn unexpected_type(
        &mut self,
        fid: u32,
        template: &JsonataTemplate,
        field: &str,
        expected: &str,
        value: &Value,
    ) -> Failure {
        let text = match template {
            JsonataTemplate::Expression(expression) => expression.expression.text().to_owned(),
            _ => value.to_string(),
        };
        self.evaluation_failed(
            fid,
            &format!(
                "The JSONata expression '{text}' specified for the field '{field}' returned an unexpected result type. Expected '{expected}', but was '{}' for value: {value}",
                type_name(value)
            ),
            Some(field),
        )
    }

    /// Records `EvaluationFailed` for the frame's current state and returns the failure, with
    /// AWS's prefix on the cause.
    pub(crate) fn evaluation_failed(
        &mut self,
        fid: u32,
        cause: &str,
        location: Option<&str>,
    ) -> Failure {
        self.evaluation_failed_after(fid, cause, location, None)
    }

    /// `evaluation_failed`, following on from `prev` instead of the event before the state
    /// was entered.
    pub(crate) fn evaluation_failed_after(
        &mut self,
        fid: u32,
        cause: &str,
        location: Option<&str>,
        prev: Option<u64>,
    ) -> Failure {
        let failure = self.runtime_failure(fid, QUERY_EVALUATION_ERROR, cause);
        let state = self.current_state(fid);
        let mut fields: Vec<(Cow<'static, str>, Field)> = vec![
            (
                Cow::Borrowed("error"),
                Field::Value(Value::from(QUERY_EVALUATION_ERROR)),
            ),
            (
                Cow::Borrowed("cause"),
                Field::Value(Value::from(failure.cause.clone().unwrap_or_default())),
            ),
        ];
        if let Some(location) = location {
            fields.push((
                Cow::Borrowed("location"),
                Field::Value(Value::from(location)),
            ));
        }
        fields.push((
            Cow::Borrowed("state"),
            Field::Value(Value::from(&*state.name)),
        ));
        // AWS links a failure right after `...StateEntered` to the event before it, and one
        // after later events (a task's result) to the last of them.
        let frame = self.frame_ref(fid);
        let last = if frame.prev == frame.entered_id {
            frame.entered_prev
        } else {
            frame.prev
        };
        let prev = prev.unwrap_or(last);
        let id = self.record_in(fid, prev, T::EvaluationFailed, Details::Fields(fields));
        self.frame(fid).prev = id;
        failure
    }
}

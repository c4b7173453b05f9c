//! `Assign`: computing a state's new variables, and leaving a state with them.
//!
//! Assign reads the variables as they were when the state started: the values it computes
//! become visible only to the states that follow, never to the same state's `Output`,
//! `OutputPath` or other `Assign` entries.

use std::sync::Arc;

use asl::program::{StateId, Template, Transition};
use jsonata::{Bindings, Limits, Session};
use serde_json::{Map, Value};

use crate::Payload;
use crate::dataflow;
use crate::execution::Failure;
use crate::history::{Details, MAX_PAYLOAD_BYTES};
use crate::machine::{Machine, exited_type};

/// Variables an `Assign` computed, applied when the state exits.
pub(crate) type Assigned = Map<String, Value>;

impl Machine<'_> {
    /// A JSONPath `Assign`, where `$` is `document` (the state's result, or its effective
    /// input when it has none).
    pub(crate) fn assign_jsonpath(
        &mut self,
        fid: u32,
        template: Option<&Template>,
        document: &Value,
        context: &Value,
    ) -> Result<Option<Assigned>, Failure> {
        let Some(template) = template else {
            return Ok(None);
        };
        let value = match template {
            Template::JsonPath(template) => self
                .jsonpath_template(fid, template, document, context)
                .map_err(|problem| self.prefixed(fid, problem))?,
            Template::Jsonata(template) => {
                // Only a JSONata state compiles a JSONata Assign; evaluate it all the same.
                let mut session = Session::new(None, &Bindings::new(), &Limits::default());
                self.evaluate(fid, template, &mut session)?
            }
        };
        self.assigned(fid, value)
    }

    /// A JSONata `Assign`.
    pub(crate) fn assign_jsonata(
        &mut self,
        fid: u32,
        template: Option<&Template>,
        bindings: &mut Session,
    ) -> Result<Option<Assigned>, Failure> {
        let value = match template {
            None => return Ok(None),
            Some(Template::Jsonata(template)) => self.evaluate(fid, template, bindings)?,
            Some(Template::JsonPath(template)) => {
                let input = Value::Null;
                self.jsonpath_template(fid, template, &input, &Value::Null)
                    .map_err(|problem| self.prefixed(fid, problem))?
            }
        };
        self.assigned(fid, value)
    }

    /// Checks an Assign's value against AWS's size limit.
    fn assigned(&mut self, fid: u32, value: Value) -> Result<Option<Assigned>, Failure> {
        // Bounded before taking the map out, so the check needs no copy of it.
        let maybe_too_big = dataflow::exceeds_bound(&value, MAX_PAYLOAD_BYTES);
        let Value::Object(assigned) = value else {
            return Ok(None);
        };
        if let Some(name) = self.frame_ref(fid).vars.outer_name(assigned.keys()) {
            return Err(self.runtime_failure(
                fid,
                "States.Runtime",
                &format!(
                    "The variable '{name}' belongs to an enclosing scope: a Parallel branch or a Map iteration can read it but not assign it."
                ),
            ));
        }
        if maybe_too_big {
            let size = serde_json::to_string(&assigned).map_or(0, |text| text.len());
            if size > MAX_PAYLOAD_BYTES {
                return Err(self.runtime_failure(
                    fid,
                    "States.Runtime",
                    &format!(
                        "The variables assigned by the state total {size} bytes, above the limit of {MAX_PAYLOAD_BYTES} bytes."
                    ),
                ));
            }
        }
        Ok(Some(assigned))
    }

    /// Records the state's `...StateExited` event with the variables it assigned, makes them
    /// visible, and follows the state's transition.
    pub(crate) fn exit_assigning(&mut self, fid: u32, output: Payload, assigned: Option<Assigned>) {
        let state = self.current_state(fid);
        let next = match state.transition {
            Transition::Next(next) => Some(next),
            Transition::End => None,
        };
        self.leave(fid, output.clone(), assigned);
        match next {
            Some(next) => self.goto(fid, next, output),
            None => self.frame_succeeded(fid, output),
        }
    }

    /// Records `...StateExited` and applies the assigned variables, without transitioning.
    pub(crate) fn leave(&mut self, fid: u32, output: Payload, assigned: Option<Assigned>) {
        let state = self.current_state(fid);
        let recorded = assigned.as_ref().filter(|map| !map.is_empty()).map(|map| {
            let mut list: Vec<(String, String)> = map
                .iter()
                .map(|(name, value)| (name.clone(), value.to_string()))
                .collect();
            list.sort();
            Arc::<[(String, String)]>::from(list)
        });
        let prev = self.frame_ref(fid).prev;
        let id = self.record_in(
            fid,
            prev,
            exited_type(&state.kind),
            Details::StateExited {
                name: state.name.clone(),
                output: output.into(),
                assigned: recorded,
            },
        );
        let frame = self.frame(fid);
        frame.prev = id;
        if let Some(assigned) = assigned {
            frame.vars.assign(assigned);
        }
    }

    /// Leaves the state for `next` (a Choice rule or a Catcher) with the assigned variables.
    pub(crate) fn exit_to(
        &mut self,
        fid: u32,
        next: StateId,
        output: Payload,
        assigned: Option<Assigned>,
    ) {
        self.leave(fid, output.clone(), assigned);
        self.goto(fid, next, output);
    }
}

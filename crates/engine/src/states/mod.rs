//! One file per state type: what each does between its `...Entered` and `...Exited` events.

pub(crate) mod assign;
mod choice;
mod fail;
mod fanout;
mod pass;
mod task;
mod wait;

use asl::program::{JsonataTemplate, QueryLanguage, State, StateId, Template};
use jsonpath::Failure as Problem;
use serde_json::Value;

use crate::Payload;
use crate::context::{self, StateContext};
use crate::dataflow;
use crate::execution::Failure;
use crate::history::MAX_PAYLOAD_BYTES;
use crate::machine::Machine;
use crate::query::States;
use crate::states::assign::Assigned;

impl<'p> Machine<'p> {
    /// The current state of a frame.
    pub(crate) fn current_state(&self, fid: u32) -> &'p State {
        let program = self.program;
        program.state(StateId(self.frame_ref(fid).state))
    }

    /// The context object for the frame's current state, or null when the state never
    /// reads it.
    pub(crate) fn context_for(
        &self,
        fid: u32,
        state: &State,
        map_item: Option<(usize, &Value)>,
    ) -> Value {
        self.context_with_token(fid, state, map_item, None)
    }

    /// The context object, with `$$.Task.Token` when the state's task has a token.
    pub(crate) fn context_with_token(
        &self,
        fid: u32,
        state: &State,
        map_item: Option<(usize, &Value)>,
        task_token: Option<&str>,
    ) -> Value {
        if !state.uses_context {
            return Value::Null;
        }
        let frame = self.frame_ref(fid);
        context::build(
            &self.exec.context,
            self.exec.input.as_ref(),
            &StateContext {
                state,
                entered_ms: frame.entered_ms,
                retry_count: frame.retry_counts.iter().sum(),
                map_item,
                task_token,
            },
        )
    }

    /// Adds AWS's prefix to a failure raised while running the frame's current state.
    pub(crate) fn prefixed(&self, fid: u32, problem: Problem) -> Failure {
        self.runtime_failure(fid, &problem.error, &problem.cause)
    }

    /// A Task, Parallel or Map state has its result: `ResultSelector`, `Assign`, `ResultPath`
    /// and `OutputPath` (or JSONata's `Assign` and `Output`), then leave the state, or fail it
    /// when one of them fails.
    pub(crate) fn complete_with_result(&mut self, fid: u32, state: &State, result: Payload) {
        let res = match state.query_language {
            QueryLanguage::JsonPath => {
                let context = self.context_for(fid, state, None);
                self.result_selector(fid, state, result, &context)
                    .and_then(|result| {
                        let assigned = self.assign_jsonpath(
                            fid,
                            state.assign.as_ref(),
                            result.value(),
                            &context,
                        )?;
                        Ok((result, assigned))
                    })
                    .and_then(|(result, assigned)| {
                        let output = self.finish_result(fid, state, result, &context)?;
                        Ok((output, assigned))
                    })
            }
            QueryLanguage::Jsonata => self.jsonata_finish(
                fid,
                state,
                Some(&result),
                state.assign.as_ref(),
                state.output.as_ref(),
            ),
        };
        match res {
            Ok((output, assigned)) => self.exit_assigning(fid, output, assigned),
            Err(failure) => self.state_failed(fid, failure),
        }
    }

    /// JSONata's end of a state: `Assign` and `Output` over `$states.input` and, when the
    /// state has one, `$states.result` (the output by default; the input without a result).
    pub(crate) fn jsonata_finish(
        &mut self,
        fid: u32,
        state: &State,
        result: Option<&Payload>,
        assign: Option<&Template>,
        output: Option<&JsonataTemplate>,
    ) -> Result<(Payload, Option<Assigned>), Failure> {
        let input = self.frame_ref(fid).input.clone();
        let context = self.context_for(fid, state, None);
        let mut bindings = self.bindings(
            fid,
            States {
                input: input.value(),
                result: result.map(Payload::value),
                error_output: None,
                context: &context,
            },
        );
        let assigned = self.assign_jsonata(fid, assign, &mut bindings)?;
        let output = match output {
            Some(template) => Payload::new(self.evaluate(fid, template, &mut bindings)?),
            None => result.cloned().unwrap_or(input),
        };
        self.check_size(state, &output)?;
        Ok((output, assigned))
    }

    /// `ResultPath` then `OutputPath`, with the payload size check, for a state's result.
    pub(crate) fn finish_result(
        &mut self,
        fid: u32,
        state: &State,
        result: Payload,
        context: &Value,
    ) -> Result<Payload, Failure> {
        let input = self.frame_ref(fid).input.clone();
        let combined = match &state.io.result_path {
            asl::program::ResultPathSetting::Default => result,
            setting => {
                let result = match std::sync::Arc::try_unwrap(result.0) {
                    Ok(value) => value,
                    Err(shared) => (*shared).clone(),
                };
                Payload::new(
                    dataflow::result_path(setting, &input, result)
                        .map_err(|problem| self.prefixed(fid, problem))?,
                )
            }
        };
        let output = self.output_path(fid, state, &combined, context)?;
        self.check_size(state, &output)?;
        Ok(output)
    }

    /// `OutputPath` over a document.
    pub(crate) fn output_path(
        &self,
        fid: u32,
        state: &State,
        document: &Payload,
        context: &Value,
    ) -> Result<Payload, Failure> {
        dataflow::select_path(
            &state.io.output_path,
            document,
            context,
            &self.frame_ref(fid).vars,
        )
        .map_err(|problem| self.prefixed(fid, problem))
    }

    /// Fails with `States.DataLimitExceeded` when a state's output is too large.
    pub(crate) fn check_size(&mut self, state: &State, output: &Payload) -> Result<(), Failure> {
        let large = dataflow::exceeds_bound(output.value(), crate::machine::COMPACT_ABOVE_BYTES);
        // History records this output next: remember what was learnt about it, and for a
        // large document the text history will keep, whose length is the exact size.
        self.sized = Some((output.clone(), large));
        if !large {
            return Ok(());
        }
        let text: std::sync::Arc<str> = std::sync::Arc::from(output.to_json_text());
        let too_big = text.len() > MAX_PAYLOAD_BYTES;
        self.text_cache = Some((output.clone(), text));
        if too_big {
            return Err(Failure::new(
                "States.DataLimitExceeded",
                format!(
                    "The state/task '{}' returned a result with a size exceeding the maximum number of bytes service limit.",
                    state.name
                ),
            ));
        }
        Ok(())
    }

    /// `InputPath` for the frame's current state.
    pub(crate) fn effective_input(
        &self,
        fid: u32,
        state: &State,
        context: &Value,
    ) -> Result<Payload, Failure> {
        let frame = self.frame_ref(fid);
        dataflow::select_path(&state.io.input_path, &frame.input, context, &frame.vars)
            .map_err(|problem| self.prefixed(fid, problem))
    }

    /// `Parameters` over the effective input, when the state has them.
    pub(crate) fn parameters(
        &mut self,
        fid: u32,
        state: &State,
        effective: Payload,
        context: &Value,
    ) -> Result<Payload, Failure> {
        self.apply_template(fid, state.io.parameters.as_ref(), effective, context)
    }

    /// `ResultSelector` over a result, when the state has one.
    pub(crate) fn result_selector(
        &mut self,
        fid: u32,
        state: &State,
        result: Payload,
        context: &Value,
    ) -> Result<Payload, Failure> {
        self.apply_template(fid, state.io.result_selector.as_ref(), result, context)
    }

    /// A payload template over a document, or the document itself when there is none.
    fn apply_template(
        &mut self,
        fid: u32,
        template: Option<&jsonpath::PayloadTemplate>,
        document: Payload,
        context: &Value,
    ) -> Result<Payload, Failure> {
        let Some(template) = template else {
            return Ok(document);
        };
        let res = self.jsonpath_template(fid, template, document.value(), context);
        res.map(Payload::new)
            .map_err(|problem| self.prefixed(fid, problem))
    }

    /// Evaluates a JSONPath payload template with the frame's variables.
    pub(crate) fn jsonpath_template(
        &mut self,
        fid: u32,
        template: &jsonpath::PayloadTemplate,
        document: &Value,
        context: &Value,
    ) -> Result<Value, Problem> {
        let vars = match self.exec.frames.get(fid as usize).and_then(Option::as_ref) {
            Some(frame) => &frame.vars,
            None => &crate::variables::Vars::default(),
        };
        dataflow::template(template, document, context, vars, &mut self.entropy)
    }
}

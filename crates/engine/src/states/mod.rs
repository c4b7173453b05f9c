//! One file per state type: what each does between its `...Entered` and `...Exited` events.

mod choice;
mod fail;
mod fanout;
mod pass;
mod task;
mod wait;

use asl::program::{State, StateId};
use jsonpath::Failure as Problem;
use serde_json::Value;

use crate::Payload;
use crate::context::{self, StateContext};
use crate::dataflow;
use crate::execution::Failure;
use crate::history::MAX_PAYLOAD_BYTES;
use crate::machine::Machine;

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
                task_token: None,
            },
        )
    }

    /// Adds AWS's prefix to a failure raised while running the frame's current state.
    pub(crate) fn prefixed(&self, fid: u32, problem: Problem) -> Failure {
        self.runtime_failure(fid, &problem.error, &problem.cause)
    }

    /// A Task, Parallel or Map state has its result: `ResultSelector`, `ResultPath` and
    /// `OutputPath`, then leave the state, or fail it when one of them fails.
    pub(crate) fn complete_with_result(&mut self, fid: u32, state: &State, result: Payload) {
        let context = self.context_for(fid, state, None);
        let res = self
            .result_selector(fid, state, result, &context)
            .and_then(|result| self.finish_result(fid, state, result, &context));
        match res {
            Ok(output) => self.exit(fid, output),
            Err(failure) => self.state_failed(fid, failure),
        }
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
        let output = dataflow::select_path(&state.io.output_path, &combined, context)
            .map_err(|problem| self.prefixed(fid, problem))?;
        self.check_size(state, &output)?;
        Ok(output)
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
        let input = &self.frame_ref(fid).input;
        dataflow::select_path(&state.io.input_path, input, context)
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
        let res = dataflow::template(template, document.value(), context, &mut self.entropy);
        res.map(Payload::new)
            .map_err(|problem| self.prefixed(fid, problem))
    }
}

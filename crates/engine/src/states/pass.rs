//! Pass: passes its input on, or injects `Result`, through the JSONPath data flow.

use asl::program::State;
use serde_json::Value;

use crate::Payload;
use crate::execution::Failure;
use crate::machine::Machine;

impl Machine<'_> {
    pub(crate) fn pass(
        &mut self,
        fid: u32,
        state: &State,
        result: Option<&Value>,
    ) -> Result<(), Failure> {
        let context = self.context_for(fid, state, None);
        let effective = self.effective_input(fid, state, &context)?;
        let result = match (&state.io.parameters, result) {
            (Some(_), _) => self.parameters(fid, state, effective, &context)?,
            (None, Some(result)) => Payload::new(result.clone()),
            (None, None) => effective,
        };
        let output = self.finish_result(fid, state, result, &context)?;
        self.exit(fid, output);
        Ok(())
    }

    pub(crate) fn succeed(&mut self, fid: u32, state: &State) -> Result<(), Failure> {
        let context = self.context_for(fid, state, None);
        let effective = self.effective_input(fid, state, &context)?;
        let output = crate::dataflow::select_path(&state.io.output_path, &effective, &context)
            .map_err(|problem| self.prefixed(fid, problem))?;
        self.exit(fid, output);
        Ok(())
    }
}

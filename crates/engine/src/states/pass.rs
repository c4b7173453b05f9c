//! Pass and Succeed: pass their input on (Pass may inject `Result`), through either query
//! language's data flow.

use asl::program::{QueryLanguage, State};
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
        if state.query_language == QueryLanguage::Jsonata {
            let result = result.map(|result| Payload::new(result.clone()));
            let (output, assigned) = self.jsonata_finish(
                fid,
                state,
                result.as_ref(),
                state.assign.as_ref(),
                state.output.as_ref(),
            )?;
            self.exit_assigning(fid, output, assigned);
            return Ok(());
        }
        let context = self.context_for(fid, state, None);
        let effective = self.effective_input(fid, state, &context)?;
        let result = match (&state.io.parameters, result) {
            (Some(_), _) => self.parameters(fid, state, effective, &context)?,
            (None, Some(result)) => Payload::new(result.clone()),
            (None, None) => effective,
        };
        let assigned =
            self.assign_jsonpath(fid, state.assign.as_ref(), result.value(), &context)?;
        let output = self.finish_result(fid, state, result, &context)?;
        self.exit_assigning(fid, output, assigned);
        Ok(())
    }

    pub(crate) fn succeed(&mut self, fid: u32, state: &State) -> Result<(), Failure> {
        if state.query_language == QueryLanguage::Jsonata {
            let (output, assigned) =
                self.jsonata_finish(fid, state, None, None, state.output.as_ref())?;
            self.exit_assigning(fid, output, assigned);
            return Ok(());
        }
        let context = self.context_for(fid, state, None);
        let effective = self.effective_input(fid, state, &context)?;
        let output = self.output_path(fid, state, &effective, &context)?;
        self.exit(fid, output);
        Ok(())
    }
}

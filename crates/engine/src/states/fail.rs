//! Fail: ends its frame with an error and a cause, literal or from `ErrorPath`/`CausePath`.

use asl::program::{FailField, State};
use jsonpath::{Expression, Scope};
use serde_json::Value;

use crate::execution::Failure;
use crate::machine::Machine;

impl Machine<'_> {
    pub(crate) fn fail(
        &mut self,
        fid: u32,
        state: &State,
        error: &FailField,
        cause: &FailField,
    ) -> Result<(), Failure> {
        let context = self.context_for(fid, state, None);
        let error = self.fail_field(fid, error, &context, "ErrorPath")?;
        let cause = self.fail_field(fid, cause, &context, "CausePath")?;
        self.frame_failed(fid, Failure { error, cause });
        Ok(())
    }

    fn fail_field(
        &mut self,
        fid: u32,
        field: &FailField,
        context: &Value,
        field_name: &str,
    ) -> Result<Option<String>, Failure> {
        match field {
            FailField::None => Ok(None),
            FailField::Literal(text) => Ok(Some(text.clone())),
            FailField::Jsonata(template) => {
                let input = self.frame_ref(fid).input.clone();
                let mut bindings = self.input_session(fid, input.value(), context);
                let field = field_name.trim_end_matches("Path");
                match self.evaluate(fid, template, &mut bindings)? {
                    Value::String(text) => Ok(Some(text)),
                    other => Err(self.unexpected_type(fid, template, field, "string", &other)),
                }
            }
            FailField::Expression(expression) => {
                let input = self.frame_ref(fid).input.clone();
                let value = match expression {
                    Expression::Path(path) => path
                        .select_in(
                            &Scope::new(input.value(), context)
                                .with_variables(&self.frame_ref(fid).vars),
                        )
                        .map_err(|_| {
                        self.runtime_failure(
                            fid,
                            "States.Runtime",
                            &format!(
                                "The JSONPath '{}' specified for the field '{}' could not be found in the input '{}'",
                                path.text(),
                                field_name,
                                input.to_json_text()
                            ),
                        )
                    })?,
                    Expression::Intrinsic(intrinsic) => {
                        let no_vars = crate::variables::Vars::default();
                        // Borrowed beside the entropy, not copied.
                        let vars = match self.exec.frames.get(fid as usize).and_then(Option::as_ref) {
                            Some(frame) => &frame.vars,
                            None => &no_vars,
                        };
                        let scope = Scope::new(input.value(), context).with_variables(vars);
                        let res = intrinsic.evaluate_in(&scope, "", &mut self.entropy);
                        res.map_err(|problem| self.prefixed(fid, problem))?
                    }
                };
                Ok(Some(match value {
                    Value::String(text) => text,
                    other => other.to_string(),
                }))
            }
        }
    }
}

//! Choice: picks the first rule that holds, or `Default`, or fails with
//! `States.NoChoiceMatched`.

use std::cmp::Ordering;

use asl::program::{ChoiceBranch, ChoiceRule, Comparison, Operand, QueryLanguage, State, StateId};
use jsonpath::Scope;
use serde_json::Value;

use crate::execution::Failure;
use crate::machine::Machine;
use crate::timestamp;

impl Machine<'_> {
    pub(crate) fn choice(
        &mut self,
        fid: u32,
        state: &State,
        rules: &[ChoiceBranch],
        default: Option<StateId>,
    ) -> Result<(), Failure> {
        if state.query_language == QueryLanguage::Jsonata {
            return self.choice_jsonata(fid, state, rules, default);
        }
        let context = self.context_for(fid, state, None);
        let effective = self.effective_input(fid, state, &context)?;
        let mut chosen = None;
        {
            let vars = &self.frame_ref(fid).vars;
            let scope = Scope::new(effective.value(), &context).with_variables(vars);
            for branch in rules {
                let holds = evaluate(&branch.rule, &scope)
                    .map_err(|cause| self.runtime_failure(fid, "States.Runtime", &cause))?;
                if holds {
                    chosen = Some(branch);
                    break;
                }
            }
        }
        let (next, assign) = match chosen {
            Some(branch) => (branch.next, branch.assign.as_ref()),
            None => match default {
                Some(next) => (next, state.assign.as_ref()),
                None => return Err(self.no_choice_matched(fid, state)),
            },
        };
        let assigned = self.assign_jsonpath(fid, assign, effective.value(), &context)?;
        let output = self.output_path(fid, state, &effective, &context)?;
        self.exit_to(fid, next, output, assigned);
        Ok(())
    }

    fn choice_jsonata(
        &mut self,
        fid: u32,
        state: &State,
        rules: &[ChoiceBranch],
        default: Option<StateId>,
    ) -> Result<(), Failure> {
        let input = self.frame_ref(fid).input.clone();
        let context = self.context_for(fid, state, None);
        let mut bindings = self.input_session(fid, input.value(), &context);
        let mut chosen = None;
        for branch in rules {
            let ChoiceRule::Condition(condition) = &branch.rule else {
                continue;
            };
            match self.evaluate(fid, condition, &mut bindings)? {
                Value::Bool(true) => {
                    chosen = Some(branch);
                    break;
                }
                Value::Bool(false) => {}
                other => {
                    return Err(self.unexpected_type(
                        fid,
                        condition,
                        "Condition",
                        "boolean",
                        &other,
                    ));
                }
            }
        }
        let (next, assign, output) = match chosen {
            Some(branch) => (branch.next, branch.assign.as_ref(), branch.output.as_ref()),
            None => match default {
                Some(next) => (next, state.assign.as_ref(), state.output.as_ref()),
                None => return Err(self.no_choice_matched(fid, state)),
            },
        };
        let (output, assigned) = self.jsonata_finish(fid, state, None, assign, output)?;
        self.exit_to(fid, next, output, assigned);
        Ok(())
    }

    fn no_choice_matched(&self, fid: u32, state: &State) -> Failure {
        Failure::new(
            "States.NoChoiceMatched",
            format!(
                "An error occurred while executing the state '{}' (entered at the event id #{}). Failed to transition out of the state. The state does not point to a next state.",
                state.name,
                self.frame_ref(fid).entered_id
            ),
        )
    }
}

/// Whether a rule holds for an input; `Err` carries the cause of a `States.Runtime` failure.
pub(crate) fn evaluate(rule: &ChoiceRule, scope: &Scope<'_>) -> Result<bool, String> {
    match rule {
        ChoiceRule::And(rules) => {
            for rule in rules {
                if !evaluate(rule, scope)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        ChoiceRule::Or(rules) => {
            for rule in rules {
                if evaluate(rule, scope)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        ChoiceRule::Not(rule) => Ok(!evaluate(rule, scope)?),
        // JSONata conditions are evaluated by the state, never here.
        ChoiceRule::Condition(_) => Ok(false),
        ChoiceRule::Compare {
            variable,
            comparison,
            operand,
        } => {
            let value = variable.select_in(scope);
            if *comparison == Comparison::IsPresent {
                let expected = matches!(operand, Operand::Literal(Value::Bool(true)));
                return Ok(value.is_ok() == expected);
            }
            let value = value.map_err(|_| {
                format!(
                    "Invalid path '{}': The choice state's condition path references an invalid value.",
                    variable.text()
                )
            })?;
            let operand = match operand {
                Operand::Literal(literal) => literal.clone(),
                Operand::Path(path) => path.select_in(scope).map_err(|_| {
                    format!(
                        "Invalid path '{}': The choice state's condition path references an invalid value.",
                        path.text()
                    )
                })?,
            };
            Ok(compare(*comparison, &value, &operand))
        }
    }
}

/// Compares a value with an operand; a type mismatch is simply false.
fn compare(comparison: Comparison, value: &Value, operand: &Value) -> bool {
    use Comparison as C;
    match comparison {
        C::StringEquals
        | C::StringLessThan
        | C::StringGreaterThan
        | C::StringLessThanEquals
        | C::StringGreaterThanEquals => match (value, operand) {
            (Value::String(left), Value::String(right)) => {
                ordering_holds(comparison, left.encode_utf16().cmp(right.encode_utf16()))
            }
            _ => false,
        },
        C::StringMatches => match (value, operand) {
            (Value::String(text), Value::String(pattern)) => wildcard_matches(pattern, text),
            _ => false,
        },
        C::NumericEquals
        | C::NumericLessThan
        | C::NumericGreaterThan
        | C::NumericLessThanEquals
        | C::NumericGreaterThanEquals => match (value, operand) {
            (Value::Number(left), Value::Number(right)) => match compare_numbers(left, right) {
                Some(ordering) => ordering_holds(comparison, ordering),
                None => false,
            },
            _ => false,
        },
        C::BooleanEquals => match (value, operand) {
            (Value::Bool(left), Value::Bool(right)) => left == right,
            _ => false,
        },
        C::TimestampEquals
        | C::TimestampLessThan
        | C::TimestampGreaterThan
        | C::TimestampLessThanEquals
        | C::TimestampGreaterThanEquals => match (value, operand) {
            (Value::String(left), Value::String(right)) => {
                match (timestamp::parse(left), timestamp::parse(right)) {
                    (Some(left), Some(right)) => ordering_holds(comparison, left.cmp(&right)),
                    _ => false,
                }
            }
            _ => false,
        },
        C::IsNull => value.is_null() == (operand == &Value::Bool(true)),
        C::IsPresent => operand == &Value::Bool(true),
        C::IsNumeric => value.is_number() == (operand == &Value::Bool(true)),
        C::IsString => value.is_string() == (operand == &Value::Bool(true)),
        C::IsBoolean => value.is_boolean() == (operand == &Value::Bool(true)),
        C::IsTimestamp => {
            let is_timestamp = value.as_str().and_then(timestamp::parse).is_some();
            is_timestamp == (operand == &Value::Bool(true))
        }
    }
}

fn compare_numbers(left: &serde_json::Number, right: &serde_json::Number) -> Option<Ordering> {
    if let (Some(left), Some(right)) = (left.as_i64(), right.as_i64()) {
        return Some(left.cmp(&right));
    }
    left.as_f64()?.partial_cmp(&right.as_f64()?)
}

fn ordering_holds(comparison: Comparison, ordering: Ordering) -> bool {
    use Comparison as C;
    match comparison {
        C::StringEquals | C::NumericEquals | C::TimestampEquals => ordering == Ordering::Equal,
        C::StringLessThan | C::NumericLessThan | C::TimestampLessThan => ordering == Ordering::Less,
        C::StringGreaterThan | C::NumericGreaterThan | C::TimestampGreaterThan => {
            ordering == Ordering::Greater
        }
        C::StringLessThanEquals | C::NumericLessThanEquals | C::TimestampLessThanEquals => {
            ordering != Ordering::Greater
        }
        C::StringGreaterThanEquals
        | C::NumericGreaterThanEquals
        | C::TimestampGreaterThanEquals => ordering != Ordering::Less,
        _ => false,
    }
}

/// `StringMatches`: `*` matches any run of characters, `\*` a literal star, `\\` a backslash.
pub(crate) fn wildcard_matches(pattern: &str, text: &str) -> bool {
    enum Token {
        Star,
        Char(char),
    }
    let mut tokens = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(escaped) => tokens.push(Token::Char(escaped)),
                None => tokens.push(Token::Char('\\')),
            },
            '*' => tokens.push(Token::Star),
            other => tokens.push(Token::Char(other)),
        }
    }
    let text: Vec<char> = text.chars().collect();
    // Classic greedy matching with backtracking to the last star.
    let (mut t, mut p) = (0usize, 0usize);
    let (mut star, mut star_t) = (None, 0usize);
    while t < text.len() {
        match tokens.get(p) {
            Some(Token::Char(c)) if *c == text[t] => {
                t += 1;
                p += 1;
            }
            Some(Token::Star) => {
                star = Some(p);
                star_t = t;
                p += 1;
            }
            _ => match star {
                Some(star_p) => {
                    p = star_p + 1;
                    star_t += 1;
                    t = star_t;
                }
                None => return false,
            },
        }
    }
    while matches!(tokens.get(p), Some(Token::Star)) {
        p += 1;
    }
    p == tokens.len()
}

#[cfg(test)]
mod tests {
    use asl::program::Comparison as C;
    use serde_json::{Value, json};

    use super::{compare, wildcard_matches};

    /// One row per operator and value kind: operator, variable's value, operand, expected.
    #[test]
    fn every_comparison_operator() {
        let check = |comparison: C, value: Value, operand: Value, expected: bool| {
            assert_eq!(
                compare(comparison, &value, &operand),
                expected,
                "{comparison:?} {value} {operand}"
            );
        };
        check(C::StringEquals, json!("a"), json!("a"), true);
        check(C::StringEquals, json!("a"), json!("b"), false);
        check(C::StringEquals, json!(1), json!("1"), false);
        check(C::StringLessThan, json!("a"), json!("b"), true);
        check(C::StringLessThan, json!("b"), json!("a"), false);
        check(C::StringGreaterThan, json!("b"), json!("a"), true);
        check(C::StringLessThanEquals, json!("a"), json!("a"), true);
        check(C::StringGreaterThanEquals, json!("a"), json!("b"), false);
        // Java compares UTF-16 code units: U+FFFF sorts after U+1F600's surrogates.
        check(
            C::StringLessThan,
            json!("\u{1F600}"),
            json!("\u{FFFF}"),
            true,
        );
        check(
            C::StringMatches,
            json!("log-2024.txt"),
            json!("log-*.txt"),
            true,
        );
        check(C::StringMatches, json!(3), json!("*"), false);
        check(C::NumericEquals, json!(1), json!(1.0), true);
        check(C::NumericEquals, json!("1"), json!(1), false);
        check(C::NumericLessThan, json!(1), json!(2), true);
        check(C::NumericGreaterThan, json!(2.5), json!(2), true);
        check(C::NumericLessThanEquals, json!(2), json!(2), true);
        check(C::NumericGreaterThanEquals, json!(1), json!(2), false);
        check(C::NumericLessThan, json!(i64::MAX), json!(u64::MAX), true);
        check(C::BooleanEquals, json!(true), json!(true), true);
        check(C::BooleanEquals, json!(false), json!(true), false);
        check(C::BooleanEquals, json!("true"), json!(true), false);
        check(
            C::TimestampEquals,
            json!("2016-03-14T01:59:00Z"),
            json!("2016-03-14T03:59:00+02:00"),
            true,
        );
        check(
            C::TimestampLessThan,
            json!("2016-03-14T01:59:00Z"),
            json!("2016-03-14T01:59:01Z"),
            true,
        );
        check(
            C::TimestampGreaterThan,
            json!("2016-03-14T01:59:01Z"),
            json!("2016-03-14T01:59:00Z"),
            true,
        );
        check(
            C::TimestampLessThanEquals,
            json!("2016-03-14T01:59:00Z"),
            json!("2016-03-14T01:59:00Z"),
            true,
        );
        check(
            C::TimestampGreaterThanEquals,
            json!("2016-03-14T01:59:00Z"),
            json!("2017-01-01T00:00:00Z"),
            false,
        );
        check(
            C::TimestampEquals,
            json!("2016-03-14"),
            json!("2016-03-14"),
            false,
        );
        check(C::IsNull, json!(null), json!(true), true);
        check(C::IsNull, json!(0), json!(true), false);
        check(C::IsNull, json!(0), json!(false), true);
        check(C::IsPresent, json!(0), json!(true), true);
        check(C::IsNumeric, json!(1.5), json!(true), true);
        check(C::IsNumeric, json!("1.5"), json!(true), false);
        check(C::IsString, json!("x"), json!(true), true);
        check(C::IsString, json!(null), json!(false), true);
        check(C::IsBoolean, json!(false), json!(true), true);
        check(C::IsBoolean, json!(1), json!(true), false);
        check(
            C::IsTimestamp,
            json!("2016-03-14T01:59:00Z"),
            json!(true),
            true,
        );
        check(
            C::IsTimestamp,
            json!("2016-03-14 01:59:00"),
            json!(true),
            false,
        );
    }

    #[test]
    fn wildcards() {
        let check = |pattern: &str, text: &str, expected: bool| {
            assert_eq!(
                wildcard_matches(pattern, text),
                expected,
                "{pattern} ~ {text}"
            );
        };
        check("*.log", "a.log", true);
        check("*.log", "a.txt", false);
        check("log-*-x", "log-123-x", true);
        check("\\*", "*", true);
        check("\\*", "a", false);
        check("a*b*c", "aXbYc", true);
        check("", "", true);
        check("*", "", true);
    }
}

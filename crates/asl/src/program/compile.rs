//! Builds a `Program` from a definition's JSON.

use std::collections::HashMap;

use jsonpath::{Expression, Path, PayloadTemplate, ReferencePath};
use serde_json::{Map, Value};

use super::{
    Catcher, ChoiceBranch, ChoiceRule, Comparison, CompileError, FailField, Io, JsonataTemplate,
    Kind, MapState, NumberSource, Operand, OptionalPath, Program, QueryLanguage, ResultPathSetting,
    Retrier, Scope, ScopeId, State, StateId, Template, Transition, WaitFor,
};

/// Compiles a (validated) definition.
///
/// # Errors
/// A `CompileError` for the first field it cannot use; validation reports all problems
/// with better messages and should run first.
pub fn compile(definition: &Value) -> Result<Program, CompileError> {
    let root = definition
        .as_object()
        .ok_or_else(|| error("the definition is not a JSON object", ""))?;
    let mut builder = Builder {
        states: Vec::new(),
        scopes: Vec::new(),
        language: language_of(root, QueryLanguage::JsonPath),
    };
    builder.scope(root, "")?;
    let timeout_seconds = root.get("TimeoutSeconds").and_then(Value::as_u64);
    let states = builder
        .states
        .into_iter()
        .map(|state| state.ok_or_else(|| error("a state was never compiled", "")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Program {
        states,
        scopes: builder.scopes,
        timeout_seconds,
    })
}

fn error(message: impl Into<String>, location: impl Into<String>) -> CompileError {
    CompileError {
        message: message.into(),
        location: location.into(),
    }
}

/// Escapes a state name for use in a JSON pointer.
fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

struct Builder {
    states: Vec<Option<State>>,
    scopes: Vec<Scope>,
    /// The top-level `QueryLanguage`, which every state without its own inherits.
    language: QueryLanguage,
}

/// The `QueryLanguage` an object sets, or `default`.
fn language_of(object: &Map<String, Value>, default: QueryLanguage) -> QueryLanguage {
    match object.get("QueryLanguage").and_then(Value::as_str) {
        Some("JSONata") => QueryLanguage::Jsonata,
        Some("JSONPath") => QueryLanguage::JsonPath,
        _ => default,
    }
}

/// Compiles a JSONata template field.
fn jsonata_at(value: &Value, field: &str, pointer: &str) -> Result<JsonataTemplate, CompileError> {
    JsonataTemplate::compile(value, field).map_err(|(field, e)| {
        error(
            format!("the JSONata expression in '{field}' does not parse: {e}"),
            pointer,
        )
    })
}

/// Compiles an optional JSONata template field of `object`.
fn jsonata_field(
    object: &Map<String, Value>,
    key: &str,
    pointer: &str,
) -> Result<Option<JsonataTemplate>, CompileError> {
    object
        .get(key)
        .map(|value| jsonata_at(value, key, &format!("{pointer}/{key}")))
        .transpose()
}

/// Compiles `Assign` in the state's language.
fn assign_field(
    object: &Map<String, Value>,
    language: QueryLanguage,
    pointer: &str,
) -> Result<Option<Template>, CompileError> {
    let Some(value) = object.get("Assign") else {
        return Ok(None);
    };
    let field = format!("{pointer}/Assign");
    Ok(Some(match language {
        QueryLanguage::JsonPath => Template::JsonPath(template_at(value, &field)?),
        QueryLanguage::Jsonata => Template::Jsonata(jsonata_at(value, "Assign", &field)?),
    }))
}

impl Builder {
    /// Compiles one scope (`StartAt` + `States`) and returns its id.
    fn scope(
        &mut self,
        object: &Map<String, Value>,
        pointer: &str,
    ) -> Result<ScopeId, CompileError> {
        let states = object
            .get("States")
            .and_then(Value::as_object)
            .ok_or_else(|| error("States must be an object", format!("{pointer}/States")))?;
        // Ids are handed out before any state is compiled, so that `Next` can point forward.
        let mut ids = HashMap::with_capacity(states.len());
        for name in states.keys() {
            let id = StateId(self.states.len() as u32);
            self.states.push(None);
            ids.insert(name.as_str(), id);
        }
        let start_name = object
            .get("StartAt")
            .and_then(Value::as_str)
            .ok_or_else(|| error("StartAt must be a string", format!("{pointer}/StartAt")))?;
        let start_at = *ids.get(start_name).ok_or_else(|| {
            error(
                format!("StartAt names a state that does not exist: {start_name}"),
                format!("{pointer}/StartAt"),
            )
        })?;
        let scope_id = ScopeId(self.scopes.len() as u32);
        self.scopes.push(Scope {
            start_at,
            pointer: pointer.to_owned(),
        });
        for (name, state) in states {
            let state_pointer = format!("{pointer}/States/{}", escape(name));
            let compiled = self.state(name, state, &state_pointer, &ids)?;
            let id = ids[name.as_str()];
            self.states[id.0 as usize] = Some(compiled);
        }
        Ok(scope_id)
    }

    fn state(
        &mut self,
        name: &str,
        value: &Value,
        pointer: &str,
        ids: &HashMap<&str, StateId>,
    ) -> Result<State, CompileError> {
        let object = value
            .as_object()
            .ok_or_else(|| error("a state must be an object", pointer))?;
        let field = |key: &str| format!("{pointer}/{key}");
        let resolve = |target: &Value, key: &str| -> Result<StateId, CompileError> {
            let name = target
                .as_str()
                .ok_or_else(|| error(format!("{key} must be a string"), field(key)))?;
            ids.get(name).copied().ok_or_else(|| {
                error(
                    format!("{key} names a state that does not exist: {name}"),
                    field(key),
                )
            })
        };
        let type_name = object
            .get("Type")
            .and_then(Value::as_str)
            .ok_or_else(|| error("Type must be a string", field("Type")))?;
        let language = language_of(object, self.language);
        let jsonata = language == QueryLanguage::Jsonata;
        let transition = match object.get("Next") {
            Some(next) => Transition::Next(resolve(next, "Next")?),
            None => Transition::End,
        };
        let kind = match type_name {
            "Pass" => Kind::Pass {
                result: object.get("Result").cloned(),
            },
            "Task" => Kind::Task {
                resource: object
                    .get("Resource")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                timeout: number_source(object, "TimeoutSeconds", pointer, jsonata)?,
                heartbeat: number_source(object, "HeartbeatSeconds", pointer, jsonata)?,
            },
            "Choice" => {
                let mut rules = Vec::new();
                if let Some(choices) = object.get("Choices").and_then(Value::as_array) {
                    for (idx, choice) in choices.iter().enumerate() {
                        let choice_pointer = format!("{pointer}/Choices/{idx}");
                        let rule = choice_rule(choice, &choice_pointer)?;
                        let next = choice.get("Next").ok_or_else(|| {
                            error("a choice rule needs Next", format!("{choice_pointer}/Next"))
                        })?;
                        let choice_object = choice.as_object().ok_or_else(|| {
                            error("a choice rule must be an object", &choice_pointer)
                        })?;
                        rules.push(ChoiceBranch {
                            rule,
                            next: resolve(next, "Next")?,
                            assign: assign_field(choice_object, language, &choice_pointer)?,
                            output: jsonata_field(choice_object, "Output", &choice_pointer)?,
                        });
                    }
                }
                let default = match object.get("Default") {
                    Some(target) => Some(resolve(target, "Default")?),
                    None => None,
                };
                Kind::Choice { rules, default }
            }
            "Wait" => Kind::Wait(wait_for(object, pointer, jsonata)?),
            "Succeed" => Kind::Succeed,
            "Fail" => Kind::Fail {
                error: fail_field(object, "Error", pointer, jsonata)?,
                cause: fail_field(object, "Cause", pointer, jsonata)?,
            },
            "Parallel" => {
                let mut branches = Vec::new();
                if let Some(list) = object.get("Branches").and_then(Value::as_array) {
                    for (idx, branch) in list.iter().enumerate() {
                        let branch_object = branch.as_object().ok_or_else(|| {
                            error(
                                "a branch must be an object",
                                format!("{pointer}/Branches/{idx}"),
                            )
                        })?;
                        branches
                            .push(self.scope(branch_object, &format!("{pointer}/Branches/{idx}"))?);
                    }
                }
                Kind::Parallel { branches }
            }
            "Map" => Kind::Map(Box::new(self.map(object, pointer, language)?)),
            other => return Err(error(format!("unknown state type {other}"), field("Type"))),
        };
        // A Map's `Parameters` is its older `ItemSelector`, not a state-level template.
        let parameters = match (&kind, object.get("Parameters")) {
            (Kind::Map(_), _) | (_, None) => None,
            (_, Some(template)) => Some(template_at(template, &field("Parameters"))?),
        };
        let io = Io {
            input_path: optional_path(object, "InputPath", pointer)?,
            parameters,
            result_selector: match object.get("ResultSelector") {
                Some(template) => Some(template_at(template, &field("ResultSelector"))?),
                None => None,
            },
            result_path: match object.get("ResultPath") {
                None => ResultPathSetting::Default,
                Some(Value::Null) => ResultPathSetting::Null,
                Some(Value::String(text)) => ResultPathSetting::Path(
                    ReferencePath::parse(text)
                        .map_err(|e| error(e.to_string(), field("ResultPath")))?,
                ),
                Some(_) => {
                    return Err(error(
                        "ResultPath must be a string or null",
                        field("ResultPath"),
                    ));
                }
            },
            output_path: optional_path(object, "OutputPath", pointer)?,
        };
        let mut retry = Vec::new();
        if let Some(list) = object.get("Retry").and_then(Value::as_array) {
            for entry in list {
                retry.push(retrier(entry));
            }
        }
        let mut catch = Vec::new();
        if let Some(list) = object.get("Catch").and_then(Value::as_array) {
            for (idx, entry) in list.iter().enumerate() {
                let catch_pointer = format!("{pointer}/Catch/{idx}");
                let next = entry.get("Next").ok_or_else(|| {
                    error("a catcher needs Next", format!("{catch_pointer}/Next"))
                })?;
                let entry_object = entry
                    .as_object()
                    .ok_or_else(|| error("a catcher must be an object", &catch_pointer))?;
                catch.push(Catcher {
                    assign: assign_field(entry_object, language, &catch_pointer)?,
                    output: jsonata_field(entry_object, "Output", &catch_pointer)?,
                    error_equals: string_list(entry.get("ErrorEquals")),
                    next: resolve(next, "Next")?,
                    result_path: match entry.get("ResultPath") {
                        None => ResultPathSetting::Default,
                        Some(Value::Null) => ResultPathSetting::Null,
                        Some(Value::String(text)) => {
                            ResultPathSetting::Path(ReferencePath::parse(text).map_err(|e| {
                                error(e.to_string(), format!("{catch_pointer}/ResultPath"))
                            })?)
                        }
                        Some(_) => {
                            return Err(error(
                                "ResultPath must be a string or null",
                                format!("{catch_pointer}/ResultPath"),
                            ));
                        }
                    },
                });
            }
        }
        let uses_context = uses_context(object);
        let arguments = jsonata_field(object, "Arguments", pointer)?;
        let output = jsonata_field(object, "Output", pointer)?;
        let assign = assign_field(object, language, pointer)?;
        Ok(State {
            query_language: language,
            assign,
            arguments,
            output,
            name: std::sync::Arc::from(name),
            pointer: pointer.to_owned(),
            kind,
            io,
            transition,
            retry,
            catch,
            uses_context,
        })
    }

    fn map(
        &mut self,
        object: &Map<String, Value>,
        pointer: &str,
        language: QueryLanguage,
    ) -> Result<MapState, CompileError> {
        let jsonata = language == QueryLanguage::Jsonata;
        let (processor_key, processor) = match (object.get("ItemProcessor"), object.get("Iterator"))
        {
            (Some(processor), _) => ("ItemProcessor", processor),
            (None, Some(iterator)) => ("Iterator", iterator),
            (None, None) => return Err(error("a Map state needs ItemProcessor", pointer)),
        };
        let processor_object = processor.as_object().ok_or_else(|| {
            error(
                "ItemProcessor must be an object",
                format!("{pointer}/{processor_key}"),
            )
        })?;
        let distributed = processor_object
            .get("ProcessorConfig")
            .and_then(|config| config.get("Mode"))
            .and_then(Value::as_str)
            == Some("DISTRIBUTED");
        let processor = self.scope(processor_object, &format!("{pointer}/{processor_key}"))?;
        let selector = object
            .get("ItemSelector")
            .or_else(|| object.get("Parameters"));
        let selector_key = if object.contains_key("ItemSelector") {
            "ItemSelector"
        } else {
            "Parameters"
        };
        Ok(MapState {
            processor,
            items_path: optional_path(object, "ItemsPath", pointer)?,
            items: jsonata_field(object, "Items", pointer)?,
            item_selector: match selector {
                Some(template) if jsonata => Some(Template::Jsonata(jsonata_at(
                    template,
                    selector_key,
                    &format!("{pointer}/{selector_key}"),
                )?)),
                Some(template) => Some(Template::JsonPath(template_at(
                    template,
                    &format!("{pointer}/{selector_key}"),
                )?)),
                None => None,
            },
            max_concurrency: number_source(object, "MaxConcurrency", pointer, jsonata)?,
            tolerated_failure_percentage: number_source(
                object,
                "ToleratedFailurePercentage",
                pointer,
                jsonata,
            )?,
            tolerated_failure_count: number_source(
                object,
                "ToleratedFailureCount",
                pointer,
                jsonata,
            )?,
            distributed,
            label: object
                .get("Label")
                .and_then(Value::as_str)
                .map(str::to_owned),
        })
    }
}

fn template_at(template: &Value, pointer: &str) -> Result<PayloadTemplate, CompileError> {
    PayloadTemplate::compile(template).map_err(|e| error(e.to_string(), pointer))
}

fn path_at(text: &str, pointer: &str) -> Result<Path, CompileError> {
    Path::parse(text).map_err(|e| error(e.to_string(), pointer))
}

fn optional_path(
    object: &Map<String, Value>,
    key: &str,
    pointer: &str,
) -> Result<OptionalPath, CompileError> {
    match object.get(key) {
        None => Ok(OptionalPath::Default),
        Some(Value::Null) => Ok(OptionalPath::Null),
        Some(Value::String(text)) => Ok(OptionalPath::Path(path_at(
            text,
            &format!("{pointer}/{key}"),
        )?)),
        Some(_) => Err(error(
            format!("{key} must be a string or null"),
            format!("{pointer}/{key}"),
        )),
    }
}

/// `Key` or `KeyPath`, as a literal number or a path.
fn number_source(
    object: &Map<String, Value>,
    key: &str,
    pointer: &str,
    jsonata: bool,
) -> Result<Option<NumberSource>, CompileError> {
    if let Some(value) = object.get(key) {
        if jsonata && value.is_string() {
            return Ok(Some(NumberSource::Jsonata(jsonata_at(
                value,
                key,
                &format!("{pointer}/{key}"),
            )?)));
        }
        return match value.as_f64() {
            Some(number) => Ok(Some(NumberSource::Literal(number))),
            None => Err(error(
                format!("{key} must be a number"),
                format!("{pointer}/{key}"),
            )),
        };
    }
    let path_key = format!("{key}Path");
    match object.get(&path_key) {
        None => Ok(None),
        Some(Value::String(text)) => Ok(Some(NumberSource::Path(path_at(
            text,
            &format!("{pointer}/{path_key}"),
        )?))),
        Some(_) => Err(error(
            format!("{path_key} must be a string"),
            format!("{pointer}/{path_key}"),
        )),
    }
}

fn wait_for(
    object: &Map<String, Value>,
    pointer: &str,
    jsonata: bool,
) -> Result<WaitFor, CompileError> {
    if let Some(seconds) = object.get("Seconds") {
        if jsonata && seconds.is_string() {
            return Ok(WaitFor::SecondsJsonata(jsonata_at(
                seconds,
                "Seconds",
                &format!("{pointer}/Seconds"),
            )?));
        }
        return seconds.as_u64().map(WaitFor::Seconds).ok_or_else(|| {
            error(
                "Seconds must be a non-negative integer",
                format!("{pointer}/Seconds"),
            )
        });
    }
    if let Some(timestamp) = object.get("Timestamp") {
        if jsonata
            && timestamp
                .as_str()
                .and_then(jsonata::template_expression)
                .is_some()
        {
            return Ok(WaitFor::TimestampJsonata(jsonata_at(
                timestamp,
                "Timestamp",
                &format!("{pointer}/Timestamp"),
            )?));
        }
        return timestamp
            .as_str()
            .map(|text| WaitFor::Timestamp(text.to_owned()))
            .ok_or_else(|| error("Timestamp must be a string", format!("{pointer}/Timestamp")));
    }
    if let Some(Value::String(text)) = object.get("SecondsPath") {
        return Ok(WaitFor::SecondsPath(path_at(
            text,
            &format!("{pointer}/SecondsPath"),
        )?));
    }
    if let Some(Value::String(text)) = object.get("TimestampPath") {
        return Ok(WaitFor::TimestampPath(path_at(
            text,
            &format!("{pointer}/TimestampPath"),
        )?));
    }
    Err(error(
        "a Wait state needs one of Seconds, Timestamp, SecondsPath or TimestampPath",
        pointer,
    ))
}

fn fail_field(
    object: &Map<String, Value>,
    key: &str,
    pointer: &str,
    jsonata: bool,
) -> Result<FailField, CompileError> {
    if let Some(value) = object.get(key) {
        if jsonata
            && value
                .as_str()
                .and_then(jsonata::template_expression)
                .is_some()
        {
            return Ok(FailField::Jsonata(jsonata_at(
                value,
                key,
                &format!("{pointer}/{key}"),
            )?));
        }
        return Ok(match value {
            Value::String(text) => FailField::Literal(text.clone()),
            _ => FailField::None,
        });
    }
    let path_key = format!("{key}Path");
    match object.get(&path_key) {
        Some(Value::String(text)) => Ok(FailField::Expression(
            Expression::parse(text)
                .map_err(|e| error(e.to_string(), format!("{pointer}/{path_key}")))?,
        )),
        _ => Ok(FailField::None),
    }
}

fn retrier(entry: &Value) -> Retrier {
    Retrier {
        error_equals: string_list(entry.get("ErrorEquals")),
        interval_seconds: entry
            .get("IntervalSeconds")
            .and_then(Value::as_f64)
            .unwrap_or(1.0),
        max_attempts: entry
            .get("MaxAttempts")
            .and_then(Value::as_u64)
            .unwrap_or(3),
        backoff_rate: entry
            .get("BackoffRate")
            .and_then(Value::as_f64)
            .unwrap_or(2.0),
        max_delay_seconds: entry.get("MaxDelaySeconds").and_then(Value::as_f64),
        full_jitter: entry.get("JitterStrategy").and_then(Value::as_str) == Some("FULL"),
    }
}

fn string_list(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn choice_rule(value: &Value, pointer: &str) -> Result<ChoiceRule, CompileError> {
    let object = value
        .as_object()
        .ok_or_else(|| error("a choice rule must be an object", pointer))?;
    if let Some(condition) = object.get("Condition") {
        return Ok(ChoiceRule::Condition(jsonata_at(
            condition,
            "Condition",
            &format!("{pointer}/Condition"),
        )?));
    }
    if let Some(list) = object.get("And").or_else(|| object.get("Or")) {
        let key = if object.contains_key("And") {
            "And"
        } else {
            "Or"
        };
        let rules = list
            .as_array()
            .ok_or_else(|| {
                error(
                    format!("{key} must be an array"),
                    format!("{pointer}/{key}"),
                )
            })?
            .iter()
            .enumerate()
            .map(|(idx, rule)| choice_rule(rule, &format!("{pointer}/{key}/{idx}")))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(if key == "And" {
            ChoiceRule::And(rules)
        } else {
            ChoiceRule::Or(rules)
        });
    }
    if let Some(rule) = object.get("Not") {
        return Ok(ChoiceRule::Not(Box::new(choice_rule(
            rule,
            &format!("{pointer}/Not"),
        )?)));
    }
    let variable = object
        .get("Variable")
        .and_then(Value::as_str)
        .ok_or_else(|| error("a comparison needs Variable", format!("{pointer}/Variable")))?;
    let variable = path_at(variable, &format!("{pointer}/Variable"))?;
    for (key, operand) in object {
        let Some((comparison, is_path)) = Comparison::from_field(key) else {
            continue;
        };
        let operand = if is_path {
            let text = operand.as_str().ok_or_else(|| {
                error(format!("{key} must be a path"), format!("{pointer}/{key}"))
            })?;
            Operand::Path(path_at(text, &format!("{pointer}/{key}"))?)
        } else {
            Operand::Literal(operand.clone())
        };
        return Ok(ChoiceRule::Compare {
            variable,
            comparison,
            operand,
        });
    }
    Err(error("a choice rule needs a comparison operator", pointer))
}

/// Whether a state reads the context object anywhere, judged from its text.
///
/// A false positive only costs building the context object; a false negative cannot
/// happen because every context reference contains `$$`.
fn uses_context(object: &Map<String, Value>) -> bool {
    fn walk(value: &Value) -> bool {
        match value {
            Value::String(text) => text.contains("$$") || reads_states_context(text),
            Value::Array(items) => items.iter().any(walk),
            Value::Object(map) => map.iter().any(|(key, value)| {
                // Nested scopes are separate states with their own flag.
                key != "Branches" && key != "ItemProcessor" && key != "Iterator" && walk(value)
            }),
            _ => false,
        }
    }
    object.iter().any(|(key, value)| {
        key != "Branches" && key != "ItemProcessor" && key != "Iterator" && walk(value)
    })
}

/// Whether a JSONata text may read `$states.context`: any `$states` not followed by one of
/// the members that are not the context.
fn reads_states_context(text: &str) -> bool {
    text.match_indices("$states").any(|(idx, _)| {
        let rest = &text[idx + "$states".len()..];
        ![".input", ".result", ".errorOutput"]
            .iter()
            .any(|member| rest.starts_with(member))
    })
}

//! The definition as the rules see it: scopes (the top level, Parallel branches, Map item
//! processors) holding states, each with its JSON pointer, its type and its effective query
//! language, where their JSONata expressions sit, plus the sink the rules write diagnostics
//! into.
//!
//! Building this view never fails: fields of the wrong type are simply not followed, and the
//! rules that own those fields report them.

use serde_json::{Map, Value};

use super::fields;
use super::{StateMachineType, code};
use crate::diagnostic::Diagnostic;

/// How many scopes deep the view follows Parallel branches and Map processors.
///
/// A definition parsed from text cannot come near this (the parser stops at 128 nested JSON
/// values and each scope costs four); the limit protects the stack from a `Value` built in
/// memory.
pub(crate) const MAX_SCOPE_DEPTH: usize = 40;

/// How deep rules follow nested JSON values of their own (payload templates, Choice rules).
pub(crate) const MAX_VALUE_DEPTH: usize = 128;

/// The two query languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum QueryLanguage {
    /// `"JSONPath"`, the default.
    JsonPath,
    /// `"JSONata"`.
    Jsonata,
}

impl QueryLanguage {
    /// The language a `QueryLanguage` field names, if it names one.
    pub(crate) fn parse(value: Option<&Value>) -> Option<Self> {
        match value?.as_str()? {
            "JSONPath" => Some(Self::JsonPath),
            "JSONata" => Some(Self::Jsonata),
            _ => None,
        }
    }

    /// The spelling AWS uses.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::JsonPath => "JSONPath",
            Self::Jsonata => "JSONata",
        }
    }
}

/// The eight state types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StateType {
    Task,
    Pass,
    Choice,
    Wait,
    Succeed,
    Fail,
    Parallel,
    Map,
}

impl StateType {
    /// Every state type, in the order AWS's documentation lists them.
    pub(crate) const ALL: [Self; 8] = [
        Self::Task,
        Self::Parallel,
        Self::Map,
        Self::Pass,
        Self::Wait,
        Self::Choice,
        Self::Succeed,
        Self::Fail,
    ];

    /// The type a `Type` field names, if it names one.
    pub(crate) fn parse(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|state_type| state_type.name() == name)
    }

    /// The spelling of the `Type` field.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Task => "Task",
            Self::Pass => "Pass",
            Self::Choice => "Choice",
            Self::Wait => "Wait",
            Self::Succeed => "Succeed",
            Self::Fail => "Fail",
            Self::Parallel => "Parallel",
            Self::Map => "Map",
        }
    }

    /// Whether the state moves on with `Next` or stops with `End`.
    pub(crate) fn has_transition(self) -> bool {
        matches!(
            self,
            Self::Task | Self::Pass | Self::Wait | Self::Parallel | Self::Map
        )
    }
}

/// Where a set of states lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScopeKind {
    /// The top level of the definition.
    Root,
    /// An element of a Parallel state's `Branches`.
    Branch,
    /// A Map state's `ItemProcessor` (or its older name, `Iterator`).
    Processor,
}

/// A definition, ready for the rules.
pub(crate) struct Definition<'a> {
    /// The top-level `QueryLanguage` (JSONPath when absent or misspelled).
    pub(crate) language: QueryLanguage,
    /// STANDARD or EXPRESS.
    pub(crate) machine_type: StateMachineType,
    /// The top-level scope and, through its states, every nested one.
    pub(crate) scope: Scope<'a>,
}

/// An object with `StartAt` and `States`.
pub(crate) struct Scope<'a> {
    pub(crate) kind: ScopeKind,
    /// JSON pointer of the scope object (empty for the top level).
    pub(crate) pointer: String,
    pub(crate) object: &'a Map<String, Value>,
    /// The states in document order (empty when `States` is not an object).
    pub(crate) states: Vec<State<'a>>,
}

/// One member of a `States` object.
pub(crate) struct State<'a> {
    pub(crate) name: &'a str,
    /// JSON pointer of the state (`/States/Fetch`).
    pub(crate) pointer: String,
    /// The state object, when it is one.
    pub(crate) object: Option<&'a Map<String, Value>>,
    /// The state's type, when `Type` names one.
    pub(crate) state_type: Option<StateType>,
    /// The state's own `QueryLanguage`, else the definition's.
    pub(crate) language: QueryLanguage,
    /// The scopes nested in the state (Parallel branches, the Map processor).
    pub(crate) children: Vec<Scope<'a>>,
}

impl<'a> State<'a> {
    /// The state's field `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&'a Value> {
        self.object?.get(name)
    }

    /// Whether the state has the field `name`.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The state's field `name` when it is a string.
    pub(crate) fn get_str(&self, name: &str) -> Option<&'a str> {
        self.get(name)?.as_str()
    }

    /// Whether the state's type accepts `field` in the state's query language.
    pub(crate) fn supports(&self, field: &str) -> bool {
        self.state_type
            .and_then(|state_type| fields::state_field(state_type, field))
            .is_some_and(|support| support.allows(self.language))
    }

    /// The field `name`, when the state has it and its type accepts it in its language.
    ///
    /// Rules look inside a field only through this, so that a field reported as unsupported
    /// is not reported again for its content.
    pub(crate) fn supported(&self, name: &str) -> Option<&'a Value> {
        if self.supports(name) {
            self.get(name)
        } else {
            None
        }
    }

    /// The object field `name`, when supported, with its pointer.
    pub(crate) fn supported_object(&self, name: &str) -> Option<(String, &'a Map<String, Value>)> {
        let object = self.supported(name)?.as_object()?;
        Some((child(&self.pointer, name), object))
    }

    /// Whether `End` is `true`.
    pub(crate) fn is_end(&self) -> bool {
        self.get("End").and_then(Value::as_bool) == Some(true)
    }

    /// Whether the state ends its scope (End, Succeed or Fail).
    pub(crate) fn is_terminal(&self) -> bool {
        self.is_end() || matches!(self.state_type, Some(StateType::Succeed | StateType::Fail))
    }

    /// The elements of the supported array field `name` that are objects, with their
    /// pointers.
    pub(crate) fn objects_in(&self, name: &str) -> Vec<(String, &'a Map<String, Value>)> {
        let Some(Value::Array(items)) = self.supported(name) else {
            return Vec::new();
        };
        let array_pointer = child(&self.pointer, name);
        items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| {
                let object = item.as_object()?;
                Some((child(&array_pointer, &index.to_string()), object))
            })
            .collect()
    }
}

impl<'a> Definition<'a> {
    /// The view of a top-level object.
    pub(crate) fn new(root: &'a Map<String, Value>, machine_type: StateMachineType) -> Self {
        let language =
            QueryLanguage::parse(root.get("QueryLanguage")).unwrap_or(QueryLanguage::JsonPath);
        let scope = Scope::new(ScopeKind::Root, String::new(), root, language, 0);
        Self {
            language,
            machine_type,
            scope,
        }
    }
}

impl<'a> Scope<'a> {
    fn new(
        kind: ScopeKind,
        pointer: String,
        object: &'a Map<String, Value>,
        top_language: QueryLanguage,
        depth: usize,
    ) -> Self {
        let mut states = Vec::new();
        if let Some(Value::Object(members)) = object.get("States") {
            let states_pointer = child(&pointer, "States");
            for (name, value) in members {
                states.push(State::new(
                    name,
                    child(&states_pointer, name),
                    value,
                    top_language,
                    depth,
                ));
            }
        }
        Self {
            kind,
            pointer,
            object,
            states,
        }
    }

    /// Whether the scope has a state named `name`.
    pub(crate) fn contains(&self, name: &str) -> bool {
        self.states.iter().any(|state| state.name == name)
    }
}

impl<'a> State<'a> {
    fn new(
        name: &'a str,
        pointer: String,
        value: &'a Value,
        top_language: QueryLanguage,
        depth: usize,
    ) -> Self {
        let object = value.as_object();
        let state_type = object
            .and_then(|object| object.get("Type"))
            .and_then(Value::as_str)
            .and_then(StateType::parse);
        // Nested states inherit the definition's language, never the enclosing state's
        // (AWS accepts a JSONPath state inside a JSONata Map under a JSONPath machine).
        let language = QueryLanguage::parse(object.and_then(|object| object.get("QueryLanguage")))
            .unwrap_or(top_language);
        let mut children = Vec::new();
        if let Some(object) = object
            && depth < MAX_SCOPE_DEPTH
        {
            match state_type {
                Some(StateType::Parallel) => {
                    if let Some(Value::Array(branches)) = object.get("Branches") {
                        let branches_pointer = child(&pointer, "Branches");
                        for (index, branch) in branches.iter().enumerate() {
                            if let Some(branch) = branch.as_object() {
                                children.push(Scope::new(
                                    ScopeKind::Branch,
                                    child(&branches_pointer, &index.to_string()),
                                    branch,
                                    top_language,
                                    depth + 1,
                                ));
                            }
                        }
                    }
                }
                Some(StateType::Map) => {
                    for field in ["ItemProcessor", "Iterator"] {
                        if let Some(Value::Object(processor)) = object.get(field) {
                            children.push(Scope::new(
                                ScopeKind::Processor,
                                child(&pointer, field),
                                processor,
                                top_language,
                                depth + 1,
                            ));
                        }
                    }
                }
                _ => {}
            }
        }
        Self {
            name,
            pointer,
            object,
            state_type,
            language,
            children,
        }
    }
}

/// The pointer of member `token` under `pointer`, escaped as RFC 6901 says.
pub(crate) fn child(pointer: &str, token: &str) -> String {
    let mut res = String::with_capacity(pointer.len() + token.len() + 1);
    res.push_str(pointer);
    res.push('/');
    for character in token.chars() {
        match character {
            '~' => res.push_str("~0"),
            '/' => res.push_str("~1"),
            other => res.push(other),
        }
    }
    res
}

/// How AWS writes a pointer: the root is `/`.
pub(crate) fn location(pointer: &str) -> String {
    if pointer.is_empty() {
        "/".to_owned()
    } else {
        pointer.to_owned()
    }
}

/// Whether a string is a JSONata expression: exactly `{%`, the expression, then `%}`, as the
/// evaluator recognises it (a space before `{%` or after `%}` makes it a plain string).
pub(crate) fn is_jsonata_expression(text: &str) -> bool {
    jsonata::template_expression(text).is_some()
}

/// Where rules put their diagnostics.
#[derive(Default)]
pub(crate) struct Sink {
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Sink {
    /// A `SCHEMA_VALIDATION_FAILED` error at `pointer`.
    pub(crate) fn schema(&mut self, pointer: &str, message: impl Into<String>) {
        self.push(code::SCHEMA_VALIDATION_FAILED, pointer, message);
    }

    /// An error with `code` at `pointer`.
    pub(crate) fn push(&mut self, code: &str, pointer: &str, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(code, message, location(pointer)));
    }
}

/// A Choice rule with its pointer, found by walking `Choices` and the `And`, `Or` and `Not`
/// inside them.
pub(crate) struct ChoiceRule<'a> {
    pub(crate) pointer: String,
    pub(crate) object: &'a Map<String, Value>,
    /// Whether the rule is an element of `Choices` (and so carries `Next`).
    pub(crate) top_level: bool,
}

/// Every Choice rule of a Choice state, top-level rules first in each subtree.
pub(crate) fn choice_rules<'a>(state: &State<'a>) -> Vec<ChoiceRule<'a>> {
    let mut res = Vec::new();
    if state.state_type != Some(StateType::Choice) {
        return res;
    }
    // JSONata rules have no `And`, `Or` or `Not` to follow (another rule reports them).
    let max_depth = match state.language {
        QueryLanguage::JsonPath => MAX_VALUE_DEPTH,
        QueryLanguage::Jsonata => 0,
    };
    for (pointer, object) in state.objects_in("Choices") {
        collect_rules(pointer, object, true, max_depth, &mut res);
    }
    res
}

fn collect_rules<'a>(
    pointer: String,
    object: &'a Map<String, Value>,
    top_level: bool,
    depth_left: usize,
    res: &mut Vec<ChoiceRule<'a>>,
) {
    let mut nested = Vec::new();
    if depth_left > 0 {
        for operator in ["And", "Or"] {
            if let Some(Value::Array(items)) = object.get(operator) {
                let array_pointer = child(&pointer, operator);
                for (index, item) in items.iter().enumerate() {
                    if let Some(item) = item.as_object() {
                        nested.push((child(&array_pointer, &index.to_string()), item));
                    }
                }
            }
        }
        if let Some(Value::Object(item)) = object.get("Not") {
            nested.push((child(&pointer, "Not"), item));
        }
    }
    res.push(ChoiceRule {
        pointer,
        object,
        top_level,
    });
    for (pointer, item) in nested {
        collect_rules(pointer, item, false, depth_left - 1, res);
    }
}

/// The value as an integer, when it is a JSON number without a fractional part (JSON Schema
/// counts `5.0` as an integer too).
pub(crate) fn as_integer(value: &Value) -> Option<i128> {
    let number = value.as_number()?;
    if let Some(integer) = number.as_i64() {
        return Some(i128::from(integer));
    }
    if let Some(integer) = number.as_u64() {
        return Some(i128::from(integer));
    }
    let float = number.as_f64()?;
    // Beyond 2^100 precision is gone anyway and the value is out of every range.
    if float.fract() == 0.0 && float.abs() < 1e30 {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "checked to be integral and small"
        )]
        return Some(float as i128);
    }
    None
}

/// The fields of a JSONata state whose values may hold expressions, at any depth.
const JSONATA_STATE_FIELDS: &[&str] = &[
    "Arguments",
    "Output",
    "Assign",
    "Items",
    "ItemSelector",
    "Credentials",
    "TimeoutSeconds",
    "HeartbeatSeconds",
    "Seconds",
    "Timestamp",
    "Error",
    "Cause",
    "MaxConcurrency",
    "ToleratedFailureCount",
    "ToleratedFailurePercentage",
];

/// The Distributed Map blocks, whose members all may hold expressions but `Resource`.
const JSONATA_BLOCKS: &[&str] = &["ItemReader", "ItemBatcher", "ResultWriter"];

/// The object a field holding JSONata expressions belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JsonataOwner {
    /// The state itself (`Output`, `Arguments`, `Seconds`, …).
    State,
    /// A Distributed Map block (`ItemReader`, `ItemBatcher`, `ResultWriter`).
    Block,
    /// An element of a Choice state's `Choices`.
    ChoiceRule,
    /// An element of `Catch`.
    Catcher,
}

/// A JSONata expression (`{% … %}`) of a JSONata state, where it sits.
pub(crate) struct JsonataExpression<'a> {
    /// JSON pointer of the string.
    pub(crate) pointer: String,
    /// The expression, without `{%`, `%}` and the spaces around it.
    pub(crate) text: &'a str,
    /// The object whose field holds it.
    pub(crate) owner: JsonataOwner,
    /// The name of that field (`Output`, `Assign`, `Condition`, …), however deep in it the
    /// string is.
    pub(crate) field: &'a str,
}

/// Every JSONata expression of a state whose query language is JSONata, in document order
/// field by field: the state's fields that evaluate expressions, the Distributed Map blocks,
/// the `Condition`, `Output` and `Assign` of each Choice rule, and the `Output` and `Assign`
/// of each Catcher.
///
/// A field the state's type does not support is left to the rule that reports it, and so is
/// a field of the wrong type.
pub(crate) fn jsonata_expressions<'a>(state: &State<'a>) -> Vec<JsonataExpression<'a>> {
    let mut res = Vec::new();
    if state.language != QueryLanguage::Jsonata {
        return res;
    }
    for name in JSONATA_STATE_FIELDS {
        if let Some(value) = state.supported(name) {
            let field = JsonataField {
                owner: JsonataOwner::State,
                name,
            };
            collect_expressions(&field, child(&state.pointer, name), value, 0, &mut res);
        }
    }
    for block in JSONATA_BLOCKS {
        if let Some((pointer, object)) = state.supported_object(block) {
            for (name, value) in object.iter().filter(|(name, _)| *name != "Resource") {
                let field = JsonataField {
                    owner: JsonataOwner::Block,
                    name: name.as_str(),
                };
                collect_expressions(&field, child(&pointer, name), value, 0, &mut res);
            }
        }
    }
    for rule in choice_rules(state)
        .into_iter()
        .filter(|rule| rule.top_level)
    {
        let fields = ["Condition", "Output", "Assign"];
        collect_fields(
            JsonataOwner::ChoiceRule,
            &rule.pointer,
            rule.object,
            &fields,
            &mut res,
        );
    }
    for (pointer, catcher) in state.objects_in("Catch") {
        let fields = ["Output", "Assign"];
        collect_fields(JsonataOwner::Catcher, &pointer, catcher, &fields, &mut res);
    }
    res
}

/// Where the strings [`collect_expressions`] finds come from.
struct JsonataField<'a> {
    owner: JsonataOwner,
    name: &'a str,
}

/// The expressions in the listed fields of `object`, in the object's order.
fn collect_fields<'a>(
    owner: JsonataOwner,
    pointer: &str,
    object: &'a Map<String, Value>,
    fields: &[&str],
    res: &mut Vec<JsonataExpression<'a>>,
) {
    for (name, value) in object
        .iter()
        .filter(|(name, _)| fields.contains(&name.as_str()))
    {
        let field = JsonataField {
            owner,
            name: name.as_str(),
        };
        collect_expressions(&field, child(pointer, name), value, 0, res);
    }
}

/// The expressions in `value`, which sits at `pointer`, at any depth of its objects and
/// arrays (up to [`MAX_VALUE_DEPTH`]).
fn collect_expressions<'a>(
    field: &JsonataField<'a>,
    pointer: String,
    value: &'a Value,
    depth: usize,
    res: &mut Vec<JsonataExpression<'a>>,
) {
    if depth >= MAX_VALUE_DEPTH {
        return;
    }
    match value {
        Value::String(text) => {
            if let Some(text) = jsonata::template_expression(text) {
                res.push(JsonataExpression {
                    pointer,
                    text,
                    owner: field.owner,
                    field: field.name,
                });
            }
        }
        Value::Object(members) => {
            for (name, member) in members {
                collect_expressions(field, child(&pointer, name), member, depth + 1, res);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let item_pointer = child(&pointer, &index.to_string());
                collect_expressions(field, item_pointer, item, depth + 1, res);
            }
        }
        _ => {}
    }
}

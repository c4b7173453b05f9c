//! Which fields each kind of object accepts, and in which query language: the matrix of
//! FEATURES.md §2.2 as data, shared by the rules that check field names.

use super::context::{QueryLanguage, Scope, ScopeKind, State, StateType, child, choice_rules};

/// The query languages in which a field is accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Support {
    /// JSONPath and JSONata.
    Both,
    /// JSONPath only.
    JsonPath,
    /// JSONata only.
    Jsonata,
}

impl Support {
    /// Whether the field is accepted in `language`.
    pub(crate) fn allows(self, language: QueryLanguage) -> bool {
        match self {
            Self::Both => true,
            Self::JsonPath => language == QueryLanguage::JsonPath,
            Self::Jsonata => language == QueryLanguage::Jsonata,
        }
    }
}

use StateType::{Choice, Fail, Map, Parallel, Pass, Succeed, Task, Wait};
use Support::{Both, JsonPath, Jsonata};

/// Every state field: its name, its languages, and the state types that accept it.
const STATE_FIELDS: &[(&str, Support, &[StateType])] = &[
    ("Type", Both, &StateType::ALL),
    ("Comment", Both, &StateType::ALL),
    ("QueryLanguage", Both, &StateType::ALL),
    ("Next", Both, &[Task, Pass, Wait, Parallel, Map]),
    ("End", Both, &[Task, Pass, Wait, Parallel, Map]),
    (
        "InputPath",
        JsonPath,
        &[Task, Pass, Wait, Choice, Parallel, Map, Succeed],
    ),
    (
        "OutputPath",
        JsonPath,
        &[Task, Pass, Wait, Choice, Parallel, Map, Succeed],
    ),
    ("Parameters", JsonPath, &[Task, Pass, Parallel, Map]),
    ("ResultSelector", JsonPath, &[Task, Parallel, Map]),
    ("ResultPath", JsonPath, &[Task, Pass, Parallel, Map]),
    ("Result", JsonPath, &[Pass]),
    ("Arguments", Jsonata, &[Task, Parallel]),
    (
        "Output",
        Jsonata,
        &[Task, Pass, Wait, Choice, Parallel, Map, Succeed],
    ),
    ("Assign", Both, &[Task, Pass, Wait, Choice, Parallel, Map]),
    ("Retry", Both, &[Task, Parallel, Map]),
    ("Catch", Both, &[Task, Parallel, Map]),
    ("Resource", Both, &[Task]),
    ("Credentials", Both, &[Task]),
    ("TimeoutSeconds", Both, &[Task]),
    ("HeartbeatSeconds", Both, &[Task]),
    ("TimeoutSecondsPath", JsonPath, &[Task]),
    ("HeartbeatSecondsPath", JsonPath, &[Task]),
    ("Seconds", Both, &[Wait]),
    ("Timestamp", Both, &[Wait]),
    ("SecondsPath", JsonPath, &[Wait]),
    ("TimestampPath", JsonPath, &[Wait]),
    ("Choices", Both, &[Choice]),
    ("Default", Both, &[Choice]),
    ("Branches", Both, &[Parallel]),
    ("Error", Both, &[Fail]),
    ("Cause", Both, &[Fail]),
    ("ErrorPath", JsonPath, &[Fail]),
    ("CausePath", JsonPath, &[Fail]),
    ("ItemsPath", JsonPath, &[Map]),
    ("Items", Jsonata, &[Map]),
    ("ItemSelector", Both, &[Map]),
    ("ItemProcessor", Both, &[Map]),
    ("Iterator", Both, &[Map]),
    ("ItemReader", Both, &[Map]),
    ("ItemBatcher", Both, &[Map]),
    ("ResultWriter", Both, &[Map]),
    ("MaxConcurrency", Both, &[Map]),
    ("MaxConcurrencyPath", JsonPath, &[Map]),
    ("ToleratedFailurePercentage", Both, &[Map]),
    ("ToleratedFailurePercentagePath", JsonPath, &[Map]),
    ("ToleratedFailureCount", Both, &[Map]),
    ("ToleratedFailureCountPath", JsonPath, &[Map]),
    ("Label", Both, &[Map]),
];

/// How a state of `state_type` accepts `field`: `None` when it never does.
pub(crate) fn state_field(state_type: StateType, field: &str) -> Option<Support> {
    STATE_FIELDS
        .iter()
        .find(|(name, _, types)| *name == field && types.contains(&state_type))
        .map(|(_, support, _)| *support)
}

/// The fields of the top-level object.
pub(crate) const ROOT_FIELDS: &[(&str, Support)] = &[
    ("StartAt", Both),
    ("States", Both),
    ("Comment", Both),
    ("Version", Both),
    ("TimeoutSeconds", Both),
    ("QueryLanguage", Both),
];

/// The fields of a Parallel branch.
pub(crate) const BRANCH_FIELDS: &[(&str, Support)] =
    &[("StartAt", Both), ("States", Both), ("Comment", Both)];

/// The fields of a Map `ItemProcessor` (or `Iterator`).
pub(crate) const PROCESSOR_FIELDS: &[(&str, Support)] = &[
    ("StartAt", Both),
    ("States", Both),
    ("Comment", Both),
    ("ProcessorConfig", Both),
];

/// The fields of a `ProcessorConfig`.
pub(crate) const PROCESSOR_CONFIG_FIELDS: &[(&str, Support)] =
    &[("Mode", Both), ("ExecutionType", Both)];

/// The fields of a Retrier.
pub(crate) const RETRIER_FIELDS: &[(&str, Support)] = &[
    ("ErrorEquals", Both),
    ("IntervalSeconds", Both),
    ("MaxAttempts", Both),
    ("BackoffRate", Both),
    ("MaxDelaySeconds", Both),
    ("JitterStrategy", Both),
    ("Comment", Both),
];

/// The fields of a Catcher.
pub(crate) const CATCHER_FIELDS: &[(&str, Support)] = &[
    ("ErrorEquals", Both),
    ("Next", Both),
    ("Comment", Both),
    ("ResultPath", JsonPath),
    ("Output", Jsonata),
    ("Assign", Both),
];

/// The fields of a Map `ItemReader`.
pub(crate) const ITEM_READER_FIELDS: &[(&str, Support)] = &[
    ("Resource", Both),
    ("Parameters", JsonPath),
    ("Arguments", Jsonata),
    ("ReaderConfig", Both),
];

/// The fields of a Map `ItemBatcher`.
pub(crate) const ITEM_BATCHER_FIELDS: &[(&str, Support)] = &[
    ("MaxItemsPerBatch", Both),
    ("MaxItemsPerBatchPath", JsonPath),
    ("MaxInputBytesPerBatch", Both),
    ("MaxInputBytesPerBatchPath", JsonPath),
    ("BatchInput", Both),
];

/// The fields of a Map `ResultWriter`.
pub(crate) const RESULT_WRITER_FIELDS: &[(&str, Support)] = &[
    ("Resource", Both),
    ("Parameters", JsonPath),
    ("Arguments", Jsonata),
    ("WriterConfig", Both),
];

/// The data-test comparison operators of JSONPath Choice rules, with the JSON type their
/// operand must have.
pub(crate) const COMPARISON_OPERATORS: &[(&str, Operand)] = &[
    ("StringEquals", Operand::String),
    ("StringEqualsPath", Operand::Path),
    ("StringLessThan", Operand::String),
    ("StringLessThanPath", Operand::Path),
    ("StringGreaterThan", Operand::String),
    ("StringGreaterThanPath", Operand::Path),
    ("StringLessThanEquals", Operand::String),
    ("StringLessThanEqualsPath", Operand::Path),
    ("StringGreaterThanEquals", Operand::String),
    ("StringGreaterThanEqualsPath", Operand::Path),
    ("StringMatches", Operand::String),
    ("NumericEquals", Operand::Number),
    ("NumericEqualsPath", Operand::Path),
    ("NumericLessThan", Operand::Number),
    ("NumericLessThanPath", Operand::Path),
    ("NumericGreaterThan", Operand::Number),
    ("NumericGreaterThanPath", Operand::Path),
    ("NumericLessThanEquals", Operand::Number),
    ("NumericLessThanEqualsPath", Operand::Path),
    ("NumericGreaterThanEquals", Operand::Number),
    ("NumericGreaterThanEqualsPath", Operand::Path),
    ("BooleanEquals", Operand::Boolean),
    ("BooleanEqualsPath", Operand::Path),
    ("TimestampEquals", Operand::Timestamp),
    ("TimestampEqualsPath", Operand::Path),
    ("TimestampLessThan", Operand::Timestamp),
    ("TimestampLessThanPath", Operand::Path),
    ("TimestampGreaterThan", Operand::Timestamp),
    ("TimestampGreaterThanPath", Operand::Path),
    ("TimestampLessThanEquals", Operand::Timestamp),
    ("TimestampLessThanEqualsPath", Operand::Path),
    ("TimestampGreaterThanEquals", Operand::Timestamp),
    ("TimestampGreaterThanEqualsPath", Operand::Path),
    ("IsNull", Operand::Boolean),
    ("IsPresent", Operand::Boolean),
    ("IsNumeric", Operand::Boolean),
    ("IsString", Operand::Boolean),
    ("IsBoolean", Operand::Boolean),
    ("IsTimestamp", Operand::Boolean),
];

/// The logical operators of JSONPath Choice rules.
pub(crate) const LOGICAL_OPERATORS: &[&str] = &["And", "Or", "Not"];

/// What the operand of a comparison operator must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Operand {
    String,
    Number,
    Boolean,
    /// An RFC 3339 timestamp string.
    Timestamp,
    /// A path to the value to compare with.
    Path,
}

/// The operand kind of a comparison operator, when `name` is one.
pub(crate) fn comparison_operator(name: &str) -> Option<Operand> {
    COMPARISON_OPERATORS
        .iter()
        .find(|(operator, _)| *operator == name)
        .map(|(_, operand)| *operand)
}

/// Whether `name` is a comparison or logical operator.
pub(crate) fn is_operator(name: &str) -> bool {
    comparison_operator(name).is_some() || LOGICAL_OPERATORS.contains(&name)
}

/// The field names an object accepts.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Table {
    /// A fixed list.
    Fixed(&'static [(&'static str, Support)]),
    /// A state of this type.
    State(StateType),
    /// A Choice rule, at the top of `Choices` or nested in `And`, `Or` or `Not`.
    ChoiceRule { top_level: bool },
}

impl Table {
    /// How the object accepts `field`: `None` when it never does.
    pub(crate) fn support(self, field: &str) -> Option<Support> {
        match self {
            Self::Fixed(fields) => fields
                .iter()
                .find(|(name, _)| *name == field)
                .map(|(_, support)| *support),
            Self::State(state_type) => state_field(state_type, field),
            Self::ChoiceRule { top_level } => match field {
                "Comment" => Some(Both),
                "Next" | "Assign" if top_level => Some(Both),
                "Condition" | "Output" if top_level => Some(Jsonata),
                "Variable" => Some(JsonPath),
                _ if is_operator(field) => Some(JsonPath),
                _ => None,
            },
        }
    }
}

/// An object whose field names are checked: its pointer, its members and its table.
pub(crate) type Checked<'a> = (
    String,
    &'a serde_json::Map<String, serde_json::Value>,
    Table,
);

/// The objects of a scope whose field names are checked.
pub(crate) fn scope_objects<'a>(scope: &Scope<'a>) -> Vec<Checked<'a>> {
    let table = match scope.kind {
        ScopeKind::Root => ROOT_FIELDS,
        ScopeKind::Branch => BRANCH_FIELDS,
        ScopeKind::Processor => PROCESSOR_FIELDS,
    };
    let mut res = vec![(scope.pointer.clone(), scope.object, Table::Fixed(table))];
    if scope.kind == ScopeKind::Processor
        && let Some(serde_json::Value::Object(config)) = scope.object.get("ProcessorConfig")
    {
        res.push((
            child(&scope.pointer, "ProcessorConfig"),
            config,
            Table::Fixed(PROCESSOR_CONFIG_FIELDS),
        ));
    }
    res
}

/// The objects of a state whose field names are checked: the state itself, its Retriers,
/// Catchers and Choice rules, and the Distributed Map blocks.
pub(crate) fn state_objects<'a>(state: &State<'a>) -> Vec<Checked<'a>> {
    let mut res = Vec::new();
    let (Some(object), Some(state_type)) = (state.object, state.state_type) else {
        return res;
    };
    res.push((state.pointer.clone(), object, Table::State(state_type)));
    for (pointer, retrier) in state.objects_in("Retry") {
        res.push((pointer, retrier, Table::Fixed(RETRIER_FIELDS)));
    }
    for (pointer, catcher) in state.objects_in("Catch") {
        res.push((pointer, catcher, Table::Fixed(CATCHER_FIELDS)));
    }
    for rule in choice_rules(state) {
        res.push((
            rule.pointer,
            rule.object,
            Table::ChoiceRule {
                top_level: rule.top_level,
            },
        ));
    }
    for (block, table) in [
        ("ItemReader", ITEM_READER_FIELDS),
        ("ItemBatcher", ITEM_BATCHER_FIELDS),
        ("ResultWriter", RESULT_WRITER_FIELDS),
    ] {
        if let Some((pointer, object)) = state.supported_object(block) {
            res.push((pointer, object, Table::Fixed(table)));
        }
    }
    res
}

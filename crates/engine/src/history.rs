//! History events: the records of an execution that users read through `GetExecutionHistory`.
//!
//! Payloads are shared (`Payload` is reference-counted) and serialized only when a client
//! asks for them, so recording history costs no copies on the interpreter's hot path.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// The largest payload AWS accepts for an input, output or history field, in bytes.
pub const MAX_PAYLOAD_BYTES: usize = 262_144;

/// A JSON document shared between the execution state and its history.
#[derive(Clone, Debug, PartialEq)]
pub struct Payload(pub Arc<Value>);

impl Payload {
    /// Wraps a value.
    pub fn new(value: Value) -> Self {
        Payload(Arc::new(value))
    }

    /// The value.
    pub fn value(&self) -> &Value {
        &self.0
    }

    /// The value as compact JSON text, as the API carries it.
    pub fn to_json_text(&self) -> String {
        serde_json::to_string(&*self.0).unwrap_or_else(|_| "null".to_owned())
    }
}

impl From<Value> for Payload {
    fn from(value: Value) -> Self {
        Payload::new(value)
    }
}

impl Serialize for Payload {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Payload {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(Payload::new)
    }
}

/// Every history event type, spelled as the Step Functions API spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[expect(missing_docs, reason = "the variants are the API's own names")]
pub enum HistoryEventType {
    ActivityFailed,
    ActivityScheduled,
    ActivityScheduleFailed,
    ActivityStarted,
    ActivitySucceeded,
    ActivityTimedOut,
    ChoiceStateEntered,
    ChoiceStateExited,
    ExecutionAborted,
    ExecutionFailed,
    ExecutionStarted,
    ExecutionSucceeded,
    ExecutionTimedOut,
    FailStateEntered,
    LambdaFunctionFailed,
    LambdaFunctionScheduled,
    LambdaFunctionScheduleFailed,
    LambdaFunctionStarted,
    LambdaFunctionStartFailed,
    LambdaFunctionSucceeded,
    LambdaFunctionTimedOut,
    MapIterationAborted,
    MapIterationFailed,
    MapIterationStarted,
    MapIterationSucceeded,
    MapStateAborted,
    MapStateEntered,
    MapStateExited,
    MapStateFailed,
    MapStateStarted,
    MapStateSucceeded,
    ParallelStateAborted,
    ParallelStateEntered,
    ParallelStateExited,
    ParallelStateFailed,
    ParallelStateStarted,
    ParallelStateSucceeded,
    PassStateEntered,
    PassStateExited,
    SucceedStateEntered,
    SucceedStateExited,
    TaskFailed,
    TaskScheduled,
    TaskStarted,
    TaskStartFailed,
    TaskStateAborted,
    TaskStateEntered,
    TaskStateExited,
    TaskSubmitFailed,
    TaskSubmitted,
    TaskSucceeded,
    TaskTimedOut,
    WaitStateAborted,
    WaitStateEntered,
    WaitStateExited,
    MapRunAborted,
    MapRunFailed,
    MapRunStarted,
    MapRunSucceeded,
    ExecutionRedriven,
    MapRunRedriven,
    EvaluationFailed,
}

impl HistoryEventType {
    /// The API's name for this type.
    pub fn as_str(self) -> &'static str {
        NAMES[self as usize]
    }

    /// The member of the API's `HistoryEvent` that carries this type's details, if any.
    pub fn details_key(self) -> Option<&'static str> {
        use HistoryEventType as T;
        Some(match self {
            T::ChoiceStateEntered
            | T::FailStateEntered
            | T::MapStateEntered
            | T::ParallelStateEntered
            | T::PassStateEntered
            | T::SucceedStateEntered
            | T::TaskStateEntered
            | T::WaitStateEntered => "stateEnteredEventDetails",
            T::ChoiceStateExited
            | T::MapStateExited
            | T::ParallelStateExited
            | T::PassStateExited
            | T::SucceedStateExited
            | T::TaskStateExited
            | T::WaitStateExited => "stateExitedEventDetails",
            T::LambdaFunctionStarted
            | T::MapStateAborted
            | T::MapStateFailed
            | T::MapStateSucceeded
            | T::ParallelStateAborted
            | T::ParallelStateFailed
            | T::ParallelStateStarted
            | T::ParallelStateSucceeded
            | T::TaskStateAborted
            | T::WaitStateAborted
            | T::MapRunAborted
            | T::MapRunSucceeded => return None,
            other => return Some(DETAIL_KEYS[other as usize]),
        })
    }
}

const NAMES: [&str; 62] = [
    "ActivityFailed",
    "ActivityScheduled",
    "ActivityScheduleFailed",
    "ActivityStarted",
    "ActivitySucceeded",
    "ActivityTimedOut",
    "ChoiceStateEntered",
    "ChoiceStateExited",
    "ExecutionAborted",
    "ExecutionFailed",
    "ExecutionStarted",
    "ExecutionSucceeded",
    "ExecutionTimedOut",
    "FailStateEntered",
    "LambdaFunctionFailed",
    "LambdaFunctionScheduled",
    "LambdaFunctionScheduleFailed",
    "LambdaFunctionStarted",
    "LambdaFunctionStartFailed",
    "LambdaFunctionSucceeded",
    "LambdaFunctionTimedOut",
    "MapIterationAborted",
    "MapIterationFailed",
    "MapIterationStarted",
    "MapIterationSucceeded",
    "MapStateAborted",
    "MapStateEntered",
    "MapStateExited",
    "MapStateFailed",
    "MapStateStarted",
    "MapStateSucceeded",
    "ParallelStateAborted",
    "ParallelStateEntered",
    "ParallelStateExited",
    "ParallelStateFailed",
    "ParallelStateStarted",
    "ParallelStateSucceeded",
    "PassStateEntered",
    "PassStateExited",
    "SucceedStateEntered",
    "SucceedStateExited",
    "TaskFailed",
    "TaskScheduled",
    "TaskStarted",
    "TaskStartFailed",
    "TaskStateAborted",
    "TaskStateEntered",
    "TaskStateExited",
    "TaskSubmitFailed",
    "TaskSubmitted",
    "TaskSucceeded",
    "TaskTimedOut",
    "WaitStateAborted",
    "WaitStateEntered",
    "WaitStateExited",
    "MapRunAborted",
    "MapRunFailed",
    "MapRunStarted",
    "MapRunSucceeded",
    "ExecutionRedriven",
    "MapRunRedriven",
    "EvaluationFailed",
];

const DETAIL_KEYS: [&str; 62] = [
    "activityFailedEventDetails",
    "activityScheduledEventDetails",
    "activityScheduleFailedEventDetails",
    "activityStartedEventDetails",
    "activitySucceededEventDetails",
    "activityTimedOutEventDetails",
    "stateEnteredEventDetails",
    "stateExitedEventDetails",
    "executionAbortedEventDetails",
    "executionFailedEventDetails",
    "executionStartedEventDetails",
    "executionSucceededEventDetails",
    "executionTimedOutEventDetails",
    "stateEnteredEventDetails",
    "lambdaFunctionFailedEventDetails",
    "lambdaFunctionScheduledEventDetails",
    "lambdaFunctionScheduleFailedEventDetails",
    "",
    "lambdaFunctionStartFailedEventDetails",
    "lambdaFunctionSucceededEventDetails",
    "lambdaFunctionTimedOutEventDetails",
    "mapIterationAbortedEventDetails",
    "mapIterationFailedEventDetails",
    "mapIterationStartedEventDetails",
    "mapIterationSucceededEventDetails",
    "",
    "stateEnteredEventDetails",
    "stateExitedEventDetails",
    "",
    "mapStateStartedEventDetails",
    "",
    "",
    "stateEnteredEventDetails",
    "stateExitedEventDetails",
    "",
    "",
    "",
    "stateEnteredEventDetails",
    "stateExitedEventDetails",
    "stateEnteredEventDetails",
    "stateExitedEventDetails",
    "taskFailedEventDetails",
    "taskScheduledEventDetails",
    "taskStartedEventDetails",
    "taskStartFailedEventDetails",
    "",
    "stateEnteredEventDetails",
    "stateExitedEventDetails",
    "taskSubmitFailedEventDetails",
    "taskSubmittedEventDetails",
    "taskSucceededEventDetails",
    "taskTimedOutEventDetails",
    "",
    "stateEnteredEventDetails",
    "stateExitedEventDetails",
    "",
    "mapRunFailedEventDetails",
    "mapRunStartedEventDetails",
    "",
    "executionRedrivenEventDetails",
    "mapRunRedrivenEventDetails",
    "evaluationFailedEventDetails",
];

impl fmt::Display for HistoryEventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(NAMES[*self as usize])
    }
}

/// A payload as history keeps it: shared with the execution while it is small, or as its
/// JSON text once it is large.
///
/// A large document held as a `Value` takes several times the memory of its text, and
/// history keeps every state's input and output for the life of the execution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Recorded {
    /// The same document the execution holds.
    Shared(Payload),
    /// The document's compact JSON text.
    Text(Arc<str>),
}

impl Recorded {
    /// The document as compact JSON text, as the API carries it.
    pub fn to_json_text(&self) -> String {
        match self {
            Recorded::Shared(payload) => payload.to_json_text(),
            Recorded::Text(text) => text.to_string(),
        }
    }
}

impl From<Payload> for Recorded {
    fn from(payload: Payload) -> Self {
        Recorded::Shared(payload)
    }
}

/// One field of a generic event's details: a plain JSON value, or a payload that the API
/// renders as JSON text with a sibling `<name>Details: {"truncated": false}` member.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Field {
    /// A value written as it is (names, error codes, counts).
    Value(Value),
    /// A JSON document written as text (`input`, `output`, `parameters`).
    Payload(Recorded),
}

/// An event's details, in the few shapes the interpreter records most, plus a generic form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Details {
    /// No details member.
    None,
    /// `stateEnteredEventDetails`.
    StateEntered {
        /// The state's name.
        name: Arc<str>,
        /// The state's input.
        input: Recorded,
    },
    /// `stateExitedEventDetails`.
    StateExited {
        /// The state's name.
        name: Arc<str>,
        /// The state's output.
        output: Recorded,
        /// The variables the state assigned, each with its value as JSON text.
        #[serde(default)]
        assigned: Option<Arc<[(String, String)]>>,
    },
    /// `executionStartedEventDetails`.
    ExecutionStarted {
        /// The execution's input.
        input: Recorded,
        /// The role ARN.
        role_arn: Arc<str>,
    },
    /// `executionSucceededEventDetails`.
    ExecutionSucceeded {
        /// The execution's output.
        output: Recorded,
    },
    /// `error` and `cause`, for the many failure events.
    Failure {
        /// The error name.
        error: Option<String>,
        /// The cause.
        cause: Option<String>,
    },
    /// `mapStateStartedEventDetails`.
    MapStateStarted {
        /// How many items the Map runs.
        length: u64,
    },
    /// `mapIteration*EventDetails`.
    MapIteration {
        /// The Map state's name.
        name: Arc<str>,
        /// The item's index.
        index: u64,
    },
    /// Any other details, member by member, in the API's order.
    Fields(Vec<(Cow<'static, str>, Field)>),
}

/// A record of something that happened in an execution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryEvent {
    /// The event's number, from 1, in the order events were recorded.
    pub id: u64,
    /// The event this one follows from (0 for none).
    pub previous_event_id: u64,
    /// When it happened, in milliseconds since the Unix epoch.
    pub timestamp_ms: i64,
    /// What happened.
    pub kind: HistoryEventType,
    /// The details.
    pub details: Details,
}

fn put_payload(
    details: &mut Map<String, Value>,
    name: &str,
    payload: &Recorded,
    include_data: bool,
) {
    if !include_data {
        return;
    }
    let text = payload.to_json_text();
    let truncated = text.len() > MAX_PAYLOAD_BYTES;
    details.insert(name.to_owned(), Value::from(text));
    let mut flags = Map::new();
    flags.insert("truncated".to_owned(), Value::Bool(truncated));
    details.insert(format!("{name}Details"), Value::Object(flags));
}

impl HistoryEvent {
    /// Renders the event as the API's `HistoryEvent` shape.
    ///
    /// With `include_data` false, payload fields are left out, as `includeExecutionData: false`
    /// asks.
    pub fn to_api_json(&self, include_data: bool) -> Value {
        let mut res = Map::new();
        res.insert(
            "timestamp".to_owned(),
            Value::from(self.timestamp_ms as f64 / 1000.0),
        );
        res.insert("type".to_owned(), Value::from(self.kind.as_str()));
        res.insert("id".to_owned(), Value::from(self.id));
        res.insert(
            "previousEventId".to_owned(),
            Value::from(self.previous_event_id),
        );
        let Some(key) = self.kind.details_key() else {
            return Value::Object(res);
        };
        let mut details = Map::new();
        match &self.details {
            Details::None => {}
            Details::StateEntered { name, input } => {
                details.insert("name".to_owned(), Value::from(&**name));
                put_payload(&mut details, "input", input, include_data);
            }
            Details::StateExited {
                name,
                output,
                assigned,
            } => {
                details.insert("name".to_owned(), Value::from(&**name));
                put_payload(&mut details, "output", output, include_data);
                if let Some(assigned) = assigned
                    && include_data
                {
                    let variables: Map<String, Value> = assigned
                        .iter()
                        .map(|(name, text)| (name.clone(), Value::from(text.as_str())))
                        .collect();
                    details.insert("assignedVariables".to_owned(), Value::Object(variables));
                    let mut flags = Map::new();
                    flags.insert("truncated".to_owned(), Value::Bool(false));
                    details.insert("assignedVariablesDetails".to_owned(), Value::Object(flags));
                }
            }
            Details::ExecutionStarted { input, role_arn } => {
                put_payload(&mut details, "input", input, include_data);
                details.insert("roleArn".to_owned(), Value::from(&**role_arn));
            }
            Details::ExecutionSucceeded { output } => {
                put_payload(&mut details, "output", output, include_data);
            }
            Details::Failure { error, cause } => {
                if let Some(error) = error {
                    details.insert("error".to_owned(), Value::from(error.as_str()));
                }
                if let Some(cause) = cause {
                    details.insert("cause".to_owned(), Value::from(cause.as_str()));
                }
            }
            Details::MapStateStarted { length } => {
                details.insert("length".to_owned(), Value::from(*length));
            }
            Details::MapIteration { name, index } => {
                details.insert("name".to_owned(), Value::from(&**name));
                details.insert("index".to_owned(), Value::from(*index));
            }
            Details::Fields(fields) => {
                for (name, field) in fields {
                    match field {
                        Field::Value(value) => {
                            details.insert(name.to_string(), value.clone());
                        }
                        Field::Payload(payload) => {
                            put_payload(&mut details, name, payload, include_data)
                        }
                    }
                }
            }
        }
        res.insert(key.to_owned(), Value::Object(details));
        Value::Object(res)
    }
}

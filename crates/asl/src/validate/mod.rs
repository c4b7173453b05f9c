//! Validation of definitions: every problem, each with a code, a message and a pointer, in
//! the words AWS uses when `CreateStateMachine` or `ValidateStateMachineDefinition` rejects a
//! definition.
//!
//! Validation works on the raw JSON, so it can report every problem of a definition that
//! could never become a model, and it never panics, whatever the JSON.
//! Each rule lives in its own file with its documentation (what it checks, why, an example
//! and the fix); [`rules`] lists them.
//!
//! # Example
//!
//! ```
//! use asl::validate::{invalid_definition_message, parse_definition, validate};
//!
//! let definition = parse_definition(r#"{"Comment": "BASE_INVALID_DER", "StartAt": "State_1"}"#)?;
//! let diagnostics = validate(&definition);
//! assert_eq!(
//!     invalid_definition_message(&diagnostics),
//!     "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'",
//! );
//! # Ok::<(), asl::Diagnostic>(())
//! ```

mod context;
mod fields;
mod paths;
mod rfc3339;

mod choice_operand_type;
mod choice_rule_operator;
mod definition_not_object;
mod duplicate_state_name;
mod exclusive_fields;
mod express_unsupported_integration;
mod heartbeat_not_below_timeout;
mod invalid_enum_value;
mod invalid_field_type;
mod invalid_json;
mod invalid_jsonata_expression;
mod invalid_path;
mod invalid_payload_template;
mod invalid_resource_arn;
mod invalid_timestamp;
mod invalid_variable_name;
mod missing_end_state;
mod missing_integration_parameter;
mod missing_next_or_end;
mod missing_required_field;
mod missing_transition_target;
mod missing_wait_duration;
mod nesting_too_deep;
mod numeric_field_range;
mod query_language_downgrade;
mod query_language_field;
mod retrier_field_range;
mod state_name_too_long;
mod states_all_position;
mod unreachable_state;
mod unsupported_field;
mod unsupported_jsonata_expression;

use serde_json::Value;

use crate::Diagnostic;
use context::{Definition, Scope, Sink};

/// The codes of diagnostics.
///
/// AWS's codes where AWS has one; ours are coined in the same style.
pub mod code {
    /// The definition does not have the shape the schema requires (AWS's code).
    pub const SCHEMA_VALIDATION_FAILED: &str = "SCHEMA_VALIDATION_FAILED";
    /// The definition is not JSON at all (AWS's code).
    pub const INVALID_JSON_DESCRIPTION: &str = "INVALID_JSON_DESCRIPTION";
    /// A transition names a state that does not exist, or a state cannot be reached (AWS's
    /// code).
    pub const MISSING_TRANSITION_TARGET: &str = "MISSING_TRANSITION_TARGET";
    /// Two states have the same name (AWS's code).
    pub const DUPLICATE_STATE_NAME: &str = "DUPLICATE_STATE_NAME";
    /// A set of states has no state that ends it.
    pub const MISSING_END_STATE: &str = "MISSING_END_STATE";
    /// A JSONata expression (`{% … %}`) does not parse (AWS's code).
    pub const INVALID_JSONATA_EXPRESSION: &str = "INVALID_JSONATA_EXPRESSION";
    /// A JSONata expression reads what Step Functions does not give it: `$` or a field name
    /// at the top level, `$$`, or a `$states` field its position lacks (AWS's code).
    pub const UNSUPPORTED_JSONATA_EXPRESSION: &str = "UNSUPPORTED_JSONATA_EXPRESSION";
}

/// The type of a state machine, which changes what its definition may use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StateMachineType {
    /// `STANDARD`: exactly-once, long-running workflows.
    #[default]
    Standard,
    /// `EXPRESS`: at-least-once, short workflows without callbacks or `.sync` jobs.
    Express,
}

/// A validation rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// The rule's stable name, in kebab-case (`missing-transition-target`).
    pub name: &'static str,
    /// The code of the diagnostics it reports.
    pub code: &'static str,
    /// What it checks, in one line.
    pub summary: &'static str,
}

/// Every rule, in the order validation runs them.
pub fn rules() -> &'static [Rule] {
    &RULES
}

static RULES: [Rule; 31] = [
    invalid_json::RULE,
    definition_not_object::RULE,
    missing_required_field::RULE,
    invalid_field_type::RULE,
    invalid_enum_value::RULE,
    unsupported_field::RULE,
    query_language_field::RULE,
    query_language_downgrade::RULE,
    exclusive_fields::RULE,
    missing_next_or_end::RULE,
    state_name_too_long::RULE,
    invalid_path::RULE,
    invalid_payload_template::RULE,
    invalid_jsonata_expression::RULE,
    unsupported_jsonata_expression::RULE,
    invalid_variable_name::RULE,
    invalid_timestamp::RULE,
    missing_wait_duration::RULE,
    numeric_field_range::RULE,
    retrier_field_range::RULE,
    heartbeat_not_below_timeout::RULE,
    states_all_position::RULE,
    choice_rule_operator::RULE,
    choice_operand_type::RULE,
    invalid_resource_arn::RULE,
    missing_integration_parameter::RULE,
    express_unsupported_integration::RULE,
    missing_transition_target::RULE,
    unreachable_state::RULE,
    missing_end_state::RULE,
    duplicate_state_name::RULE,
];

/// Every problem in a definition of a STANDARD state machine.
///
/// The definition may be any JSON value; use [`parse_definition`] to get one from text.
///
/// # Example
///
/// ```
/// use asl::validate::validate;
/// use serde_json::json;
///
/// let definition = json!({
///     "StartAt": "WaitUntil",
///     "States": {"WaitUntil": {"Type": "Wait", "Timestamp": "2016-13-05T21:29:29Z", "End": true}}
/// });
/// let diagnostics = validate(&definition);
/// assert_eq!(diagnostics.len(), 1);
/// assert_eq!(diagnostics[0].code, "SCHEMA_VALIDATION_FAILED");
/// assert_eq!(diagnostics[0].message, "String does not match RFC3339 timestamp");
/// assert_eq!(diagnostics[0].location, "/States/WaitUntil/Timestamp");
/// ```
pub fn validate(definition: &Value) -> Vec<Diagnostic> {
    validate_for(definition, StateMachineType::Standard)
}

/// Every problem in a definition of a state machine of type `machine_type`.
///
/// Diagnostics come in a stable order: schema problems scope by scope and state by state in
/// document order (each state's in the order of [`rules`]), then transition problems (missing
/// targets, unreachable states, scopes without an end), and last duplicate names.
/// Validation never panics: any JSON value gets diagnostics, nesting included (Parallel and
/// Map scopes are followed 40 deep, templates and Choice rules 128 deep, far beyond what
/// parsed text can hold).
pub fn validate_for(definition: &Value, machine_type: StateMachineType) -> Vec<Diagnostic> {
    let value = definition;
    let Some(root) = definition.as_object() else {
        return vec![definition_not_object::diagnostic()];
    };
    // A guard rather than a rule: JSON text this deep never parses, so only a definition
    // built in memory gets here, and no fixture can show it.
    if let Some(diagnostic) = nesting_too_deep::check(definition) {
        return vec![diagnostic];
    }
    let definition = Definition::new(root, machine_type);
    let mut sink = Sink::default();
    check_schema(&definition, &definition.scope, &mut sink);
    check_transitions(&definition, &definition.scope, &mut sink);
    duplicate_state_name::check_definition(&definition, &mut sink);
    let mut diagnostics = sink.diagnostics;
    // Every definition that validates must also compile (the engine runs only compiled
    // programs); a path or template that the rules above let through but the compiler
    // rejects is reported here rather than at the first StartExecution.
    if !diagnostics.iter().any(Diagnostic::is_error)
        && let Err(err) = crate::program::compile(value)
    {
        diagnostics.push(Diagnostic {
            severity: crate::Severity::Error,
            code: code::SCHEMA_VALIDATION_FAILED.to_owned(),
            message: err.message,
            location: err.location,
        });
    }
    diagnostics
}

/// The schema rules over a scope and everything nested in it, in document order.
fn check_schema(definition: &Definition<'_>, scope: &Scope<'_>, sink: &mut Sink) {
    missing_required_field::check_scope(definition, scope, sink);
    invalid_field_type::check_scope(definition, scope, sink);
    invalid_enum_value::check_scope(definition, scope, sink);
    unsupported_field::check_scope(definition, scope, sink);
    numeric_field_range::check_scope(definition, scope, sink);
    for state in &scope.states {
        missing_required_field::check_state(definition, state, sink);
        invalid_field_type::check_state(definition, state, sink);
        invalid_enum_value::check_state(definition, state, sink);
        unsupported_field::check_state(definition, state, sink);
        query_language_field::check_state(definition, state, sink);
        query_language_downgrade::check_state(definition, state, sink);
        exclusive_fields::check_state(definition, state, sink);
        missing_next_or_end::check_state(definition, state, sink);
        state_name_too_long::check_state(definition, state, sink);
        invalid_path::check_state(definition, state, sink);
        invalid_payload_template::check_state(definition, state, sink);
        invalid_jsonata_expression::check_state(definition, state, sink);
        unsupported_jsonata_expression::check_state(definition, state, sink);
        invalid_variable_name::check_state(definition, state, sink);
        invalid_timestamp::check_state(definition, state, sink);
        missing_wait_duration::check_state(definition, state, sink);
        numeric_field_range::check_state(definition, state, sink);
        retrier_field_range::check_state(definition, state, sink);
        heartbeat_not_below_timeout::check_state(definition, state, sink);
        states_all_position::check_state(definition, state, sink);
        choice_rule_operator::check_state(definition, state, sink);
        choice_operand_type::check_state(definition, state, sink);
        invalid_resource_arn::check_state(definition, state, sink);
        missing_integration_parameter::check_state(definition, state, sink);
        express_unsupported_integration::check_state(definition, state, sink);
        for child in &state.children {
            check_schema(definition, child, sink);
        }
    }
}

/// The transition rules over a scope and everything nested in it.
fn check_transitions(definition: &Definition<'_>, scope: &Scope<'_>, sink: &mut Sink) {
    missing_transition_target::check_scope(definition, scope, sink);
    unreachable_state::check_scope(definition, scope, sink);
    missing_end_state::check_scope(definition, scope, sink);
    for state in &scope.states {
        for child in &state.children {
            check_transitions(definition, child, sink);
        }
    }
}

/// Parses a definition's text as AWS does.
///
/// Any JSON value parses (a value that is not an object is [`validate`]'s to report); text
/// that is blank or not JSON gives the one diagnostic AWS gives.
///
/// # Errors
///
/// * `SCHEMA_VALIDATION_FAILED` `Definition must be a valid JSON object`, without a location,
///   for blank text.
/// * `INVALID_JSON_DESCRIPTION` for text that is not JSON, worded as AWS's parser (Jackson)
///   words it: `Unrecognized token 'not': was expecting (JSON String, Number, Array, Object
///   or token 'null', 'true' or 'false')\n at [Source: (String)"not a definition"; line: 1,
///   column: 4]`, with the `[Source: …]` part as the location.
///
/// # Example
///
/// ```
/// use asl::validate::parse_definition;
///
/// let diagnostic = parse_definition("not a definition").unwrap_err();
/// assert_eq!(diagnostic.code, "INVALID_JSON_DESCRIPTION");
/// assert_eq!(diagnostic.location, r#"[Source: (String)"not a definition"; line: 1, column: 4]"#);
/// ```
pub fn parse_definition(text: &str) -> Result<Value, Diagnostic> {
    invalid_json::parse(text)
}

/// The `message` of the `InvalidDefinition` error that `CreateStateMachine` and
/// `UpdateStateMachine` return for these diagnostics, as AWS words it:
/// `Invalid State Machine Definition: '<CODE>: <message> at <location>, <CODE>: …'`.
///
/// Only errors count; warnings never reject a definition.
///
/// # Example
///
/// ```
/// use asl::Diagnostic;
/// use asl::validate::invalid_definition_message;
///
/// let diagnostics = [Diagnostic::error(
///     "SCHEMA_VALIDATION_FAILED",
///     "String does not match RFC3339 timestamp",
///     "/States/WaitUntil/Timestamp",
/// )];
/// assert_eq!(
///     invalid_definition_message(&diagnostics),
///     "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/WaitUntil/Timestamp'",
/// );
/// ```
pub fn invalid_definition_message(diagnostics: &[Diagnostic]) -> String {
    let parts: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|diagnostic| {
            // A parser's message already ends with its location (`… at [Source: …]`).
            if diagnostic.location.is_empty() || diagnostic.message.ends_with(&diagnostic.location)
            {
                format!("{}: {}", diagnostic.code, diagnostic.message)
            } else {
                format!(
                    "{}: {} at {}",
                    diagnostic.code, diagnostic.message, diagnostic.location
                )
            }
        })
        .collect();
    format!("Invalid State Machine Definition: '{}'", parts.join(", "))
}

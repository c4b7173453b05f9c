//! Compiled Choice rules (JSONPath): `And`/`Or`/`Not` over comparisons of a `Variable`.

use jsonpath::Path;
use serde_json::Value;

use super::{JsonataTemplate, StateId, Template};

/// One entry of `Choices`: a rule, where it leads, and what it assigns and outputs.
#[derive(Clone, Debug)]
pub struct ChoiceBranch {
    /// The rule.
    pub rule: ChoiceRule,
    /// `Next`.
    pub next: StateId,
    /// `Assign`, used instead of the state's when this rule is taken.
    pub assign: Option<Template>,
    /// JSONata `Output`, used instead of the state's when this rule is taken.
    pub output: Option<JsonataTemplate>,
}

/// A Choice rule (without its `Next`).
#[derive(Clone, Debug)]
pub enum ChoiceRule {
    /// `And`: every rule holds.
    And(Vec<ChoiceRule>),
    /// `Or`: some rule holds.
    Or(Vec<ChoiceRule>),
    /// `Not`: the rule does not hold.
    Not(Box<ChoiceRule>),
    /// JSONata `Condition`: an expression that must give a boolean.
    Condition(JsonataTemplate),
    /// A comparison of the value at `variable`.
    Compare {
        /// `Variable`.
        variable: Path,
        /// The operator.
        comparison: Comparison,
        /// What it is compared with.
        operand: Operand,
    },
}

/// The right-hand side of a comparison.
#[derive(Clone, Debug)]
pub enum Operand {
    /// A literal (`StringEquals: "x"`).
    Literal(Value),
    /// A path (`StringEqualsPath: "$.x"`).
    Path(Path),
}

/// A comparison operator, without its `Path` suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[expect(missing_docs, reason = "the variants are the ASL operators' own names")]
pub enum Comparison {
    StringEquals,
    StringLessThan,
    StringGreaterThan,
    StringLessThanEquals,
    StringGreaterThanEquals,
    StringMatches,
    NumericEquals,
    NumericLessThan,
    NumericGreaterThan,
    NumericLessThanEquals,
    NumericGreaterThanEquals,
    BooleanEquals,
    TimestampEquals,
    TimestampLessThan,
    TimestampGreaterThan,
    TimestampLessThanEquals,
    TimestampGreaterThanEquals,
    IsNull,
    IsPresent,
    IsNumeric,
    IsString,
    IsBoolean,
    IsTimestamp,
}

impl Comparison {
    /// The operator named by an ASL field (with or without the `Path` suffix), and whether it
    /// had the suffix.
    pub fn from_field(field: &str) -> Option<(Comparison, bool)> {
        let (base, is_path) = match field.strip_suffix("Path") {
            Some(base) if base != "Is" => (base, true),
            _ => (field, false),
        };
        let comparison = match base {
            "StringEquals" => Comparison::StringEquals,
            "StringLessThan" => Comparison::StringLessThan,
            "StringGreaterThan" => Comparison::StringGreaterThan,
            "StringLessThanEquals" => Comparison::StringLessThanEquals,
            "StringGreaterThanEquals" => Comparison::StringGreaterThanEquals,
            "StringMatches" if !is_path => Comparison::StringMatches,
            "NumericEquals" => Comparison::NumericEquals,
            "NumericLessThan" => Comparison::NumericLessThan,
            "NumericGreaterThan" => Comparison::NumericGreaterThan,
            "NumericLessThanEquals" => Comparison::NumericLessThanEquals,
            "NumericGreaterThanEquals" => Comparison::NumericGreaterThanEquals,
            "BooleanEquals" => Comparison::BooleanEquals,
            "TimestampEquals" => Comparison::TimestampEquals,
            "TimestampLessThan" => Comparison::TimestampLessThan,
            "TimestampGreaterThan" => Comparison::TimestampGreaterThan,
            "TimestampLessThanEquals" => Comparison::TimestampLessThanEquals,
            "TimestampGreaterThanEquals" => Comparison::TimestampGreaterThanEquals,
            "IsNull" if !is_path => Comparison::IsNull,
            "IsPresent" if !is_path => Comparison::IsPresent,
            "IsNumeric" if !is_path => Comparison::IsNumeric,
            "IsString" if !is_path => Comparison::IsString,
            "IsBoolean" if !is_path => Comparison::IsBoolean,
            "IsTimestamp" if !is_path => Comparison::IsTimestamp,
            _ => return None,
        };
        Some((comparison, is_path))
    }
}

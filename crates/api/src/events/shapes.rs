//! The string shapes of EventBridge's service model (botocore's `events/2015-10-07`) that
//! requests use, with their constraints.

use crate::request::{Members, Text};

/// `RuleName`.
pub(crate) const RULE_NAME: Text = Text::new(1, 64);
/// `EventBusNameOrArn`.
pub(crate) const EVENT_BUS: Text = Text::new(1, 1600);
/// `ScheduleExpression`.
pub(crate) const SCHEDULE_EXPRESSION: Text = Text::new(0, 256);
/// `EventPattern`.
pub(crate) const EVENT_PATTERN: Text = Text::new(0, 4096);
/// `RuleDescription`.
pub(crate) const DESCRIPTION: Text = Text::new(0, 512);
/// `RoleArn` and `TargetArn`.
pub(crate) const ARN: Text = Text::new(1, 1600);
/// `TargetId`.
pub(crate) const TARGET_ID: Text = Text::new(1, 64);
/// `TargetInput`.
pub(crate) const TARGET_INPUT: Text = Text::new(0, 8192);
/// `TargetInputPath` and the values of `InputPathsMap`.
pub(crate) const TARGET_INPUT_PATH: Text = Text::new(0, 256);
/// `TransformerInput`.
pub(crate) const INPUT_TEMPLATE: Text = Text::new(1, 8192);
/// `NextToken`.
pub(crate) const NEXT_TOKEN: Text = Text::new(1, 2048);
/// `TagKey`.
pub(crate) const TAG_KEY: Text = Text::new(1, 128);
/// `TagValue`.
pub(crate) const TAG_VALUE: Text = Text::new(0, 256);
/// `LimitMax100`.
pub(crate) const LIMIT: (i64, i64) = (1, 100);
/// `RuleState`.
pub(crate) const RULE_STATES: &[&str] = &[
    "ENABLED",
    "DISABLED",
    "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
];
/// `PutEventsRequestEntry`'s string members.
pub(crate) const ENTRY_TEXT: Text = Text::new(0, 262_144);

/// Reports a rule name or target id that breaks the model's pattern `[\.\-_A-Za-z0-9]+`.
pub(crate) fn check_id(members: &mut Members, name: &str, value: &str) {
    let valid = value
        .chars()
        .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '.' | '-' | '_'));
    if !value.is_empty() && !valid {
        members.violate(
            name,
            Some(value),
            "Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
        );
    }
}

//! The rules in force, compiled: event patterns parsed once and schedules read once, rebuilt
//! whenever a rule changes.

use std::sync::Arc;

use events::Pattern;
use schedules::Schedule;
use serde_json::Value;
use store::RuleRecord;

/// The default event bus's name.
pub const DEFAULT_BUS: &str = "default";

/// A rule with its pattern or schedule compiled.
#[derive(Debug)]
pub(crate) struct Compiled {
    pub(crate) record: RuleRecord,
    pub(crate) pattern: Option<Pattern>,
    pub(crate) schedule: Option<Schedule>,
}

/// Every rule, compiled.
#[derive(Debug, Default)]
pub(crate) struct RuleSet {
    pub(crate) rules: Vec<Arc<Compiled>>,
}

impl RuleSet {
    /// Compiles stored rules; a rule whose pattern or schedule no longer parses (it was
    /// checked when it was put) is kept without it and logged.
    pub(crate) fn compile(records: Vec<RuleRecord>) -> RuleSet {
        let rules = records
            .into_iter()
            .map(|record| {
                let pattern = record.event_pattern.as_deref().and_then(|text| {
                    Pattern::parse(text)
                        .inspect_err(|err| tracing::warn!(rule = %record.arn, %err, "a stored pattern does not parse"))
                        .ok()
                });
                let schedule = record.schedule_expression.as_deref().and_then(|text| {
                    Schedule::parse_anchored(text, None, record.schedule_since_ms)
                        .inspect_err(|err| tracing::warn!(rule = %record.arn, %err, "a stored schedule does not parse"))
                        .ok()
                });
                Arc::new(Compiled {
                    record,
                    pattern,
                    schedule,
                })
            })
            .collect();
        RuleSet { rules }
    }

    /// The enabled rules of `bus` whose pattern matches `event`.
    pub(crate) fn matching<'a>(
        &'a self,
        bus: &'a str,
        event: &'a Value,
    ) -> impl Iterator<Item = &'a Arc<Compiled>> + 'a {
        self.rules.iter().filter(move |rule| {
            rule.record.event_bus_name == bus
                && rule.record.is_enabled()
                && rule
                    .pattern
                    .as_ref()
                    .is_some_and(|pattern| pattern.matches(event))
        })
    }

    /// The enabled rules with a schedule.
    pub(crate) fn scheduled(&self) -> impl Iterator<Item = &Arc<Compiled>> {
        self.rules
            .iter()
            .filter(|rule| rule.record.is_enabled() && rule.schedule.is_some())
    }
}

/// A rule's ARN: `rule/NAME` on the default bus, `rule/BUS/NAME` on another.
pub(crate) fn rule_arn(region: &str, account: &str, bus: &str, name: &str) -> String {
    if bus == DEFAULT_BUS {
        format!("arn:aws:events:{region}:{account}:rule/{name}")
    } else {
        format!("arn:aws:events:{region}:{account}:rule/{bus}/{name}")
    }
}

/// The bus a request names (by name or ARN), or the default bus.
pub fn bus_name(given: Option<&str>) -> &str {
    match given {
        None => DEFAULT_BUS,
        Some(text) => match text.strip_prefix("arn:") {
            Some(_) => text
                .rsplit_once("event-bus/")
                .map_or(text, |(_, name)| name),
            None => text,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buses_are_named_by_name_or_arn() {
        assert_eq!(bus_name(None), "default");
        assert_eq!(bus_name(Some("orders")), "orders");
        assert_eq!(
            bus_name(Some(
                "arn:aws:events:us-east-1:000000000000:event-bus/default"
            )),
            "default"
        );
    }

    #[test]
    fn rule_arns_name_their_bus_unless_default() {
        assert_eq!(
            rule_arn("us-east-1", "1", "default", "r"),
            "arn:aws:events:us-east-1:1:rule/r"
        );
        assert_eq!(
            rule_arn("us-east-1", "1", "b", "r"),
            "arn:aws:events:us-east-1:1:rule/b/r"
        );
    }
}

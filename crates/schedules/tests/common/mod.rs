//! Helpers shared by the tests: instants written as RFC 3339 text.

#![allow(dead_code, reason = "not every test binary uses every helper")]

use schedules::Schedule;

/// Epoch milliseconds of an RFC 3339 instant.
pub(crate) fn ms(instant: &str) -> i64 {
    instant
        .parse::<jiff::Timestamp>()
        .unwrap_or_else(|error| panic!("{instant}: {error}"))
        .as_millisecond()
}

/// An RFC 3339 instant in UTC, for readable assertion messages.
pub(crate) fn iso(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .unwrap_or_else(|error| panic!("{ms}: {error}"))
        .to_string()
}

/// Parses an expression that must be valid.
pub(crate) fn parse(expression: &str, time_zone: Option<&str>) -> Schedule {
    Schedule::parse(expression, time_zone)
        .unwrap_or_else(|error| panic!("{expression} should parse: {error}"))
}

/// The next fire time after `after`, as RFC 3339 text.
pub(crate) fn next(schedule: &Schedule, after: &str) -> Option<String> {
    schedule.next_after(ms(after)).map(iso)
}

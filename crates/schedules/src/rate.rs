//! `rate(N unit)`: a fixed period counted from an anchor instant.

use crate::error::ScheduleError;

/// The unit of a `rate()` expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateUnit {
    /// `minute` or `minutes`.
    Minute,
    /// `hour` or `hours`.
    Hour,
    /// `day` or `days` (24 hours, whatever the time zone).
    Day,
}

impl RateUnit {
    /// The unit's length in milliseconds.
    pub fn millis(self) -> i64 {
        match self {
            RateUnit::Minute => 60_000,
            RateUnit::Hour => 3_600_000,
            RateUnit::Day => 86_400_000,
        }
    }
}

/// Parses the inside of `rate(...)`: a positive count, one space, and a unit that is
/// singular for 1 and plural otherwise, as AWS validates.
pub(crate) fn parse(body: &str) -> Result<(u32, RateUnit), ScheduleError> {
    let mut parts = body.split(' ');
    let (Some(count), Some(unit), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(ScheduleError::expression(
            "rate() takes a value and a unit separated by one space, as in rate(5 minutes)",
        ));
    };
    if count.is_empty() || !count.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ScheduleError::expression(format!(
            "rate() value '{count}' is not a positive whole number"
        )));
    }
    let value: u32 = count
        .parse()
        .map_err(|_| ScheduleError::expression(format!("rate() value '{count}' is too large")))?;
    if value == 0 {
        return Err(ScheduleError::expression("rate() value must be at least 1"));
    }
    let (unit, plural) = match unit {
        "minute" => (RateUnit::Minute, false),
        "minutes" => (RateUnit::Minute, true),
        "hour" => (RateUnit::Hour, false),
        "hours" => (RateUnit::Hour, true),
        "day" => (RateUnit::Day, false),
        "days" => (RateUnit::Day, true),
        other => {
            return Err(ScheduleError::expression(format!(
                "rate() unit '{other}' is not minute(s), hour(s) or day(s)"
            )));
        }
    };
    if plural == (value == 1) {
        let wanted = if value == 1 { "singular" } else { "plural" };
        return Err(ScheduleError::expression(format!(
            "rate() unit '{unit_text}' must be {wanted} for a value of {value}",
            unit_text = body.split(' ').nth(1).unwrap_or_default()
        )));
    }
    Ok((value, unit))
}

/// The first fire time `anchor + k * period` (k ≥ 1) strictly after `after_ms`.
pub(crate) fn next_after(anchor_ms: i64, period_ms: i64, after_ms: i64) -> Option<i64> {
    if after_ms < anchor_ms {
        return anchor_ms.checked_add(period_ms);
    }
    let k = (after_ms - anchor_ms) / period_ms + 1;
    k.checked_mul(period_ms)?.checked_add(anchor_ms)
}

/// The last fire time `anchor + k * period` (k ≥ 1) at or before `at_ms`.
pub(crate) fn at_or_before(anchor_ms: i64, period_ms: i64, at_ms: i64) -> Option<i64> {
    let k = at_ms.checked_sub(anchor_ms)? / period_ms;
    if k < 1 {
        return None;
    }
    k.checked_mul(period_ms)?.checked_add(anchor_ms)
}

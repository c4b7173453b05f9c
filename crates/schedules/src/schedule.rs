//! [`Schedule`]: a parsed expression with its time zone, and its fire times.

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

use crate::error::ScheduleError;
use crate::rate::{self, RateUnit};

/// A parsed AWS schedule expression.
#[derive(Debug, Clone)]
pub enum Schedule {
    /// `rate(N unit)`: every `value` units, counted from `anchor_ms`.
    Rate {
        /// How many units between fires (at least 1).
        value: u32,
        /// The unit of `value`.
        unit: RateUnit,
        /// The instant the period is counted from (epoch milliseconds): fires happen at
        /// `anchor_ms + k * period` for k ≥ 1. AWS counts from the rule's creation.
        anchor_ms: i64,
    },
    /// `cron(min hour day-of-month month day-of-week year)`, in `time_zone`.
    Cron(CronSchedule),
    /// `at(yyyy-mm-ddThh:mm:ss)`: once, at a wall clock time in `time_zone`.
    At {
        /// The wall clock time.
        at: DateTime,
        /// The time zone `at` is read in.
        time_zone: TimeZone,
    },
}

/// A `cron()` expression with the time zone its fields are read in.
#[derive(Debug, Clone)]
pub struct CronSchedule {
    expression: String,
    time_zone: TimeZone,
    cron: Box<croner::Cron>,
}

impl CronSchedule {
    /// The six fields as written, without `cron(` and `)`.
    pub fn expression(&self) -> &str {
        &self.expression
    }

    /// The time zone the fields are read in.
    pub fn time_zone(&self) -> &TimeZone {
        &self.time_zone
    }

    /// Runs `step` from `from_ms` (inclusive or not), then from each candidate it returns
    /// (never inclusive), until a candidate is a time AWS fires at (see
    /// [`CronSchedule::fires_at`]).
    fn search(
        &self,
        from_ms: i64,
        inclusive: bool,
        step: impl Fn(&Zoned, bool) -> Result<Zoned, croner::errors::CronError>,
    ) -> Option<i64> {
        let mut inclusive = inclusive;
        let mut from = Timestamp::from_millisecond(from_ms)
            .ok()?
            .to_zoned(self.time_zone.clone());
        // A candidate is rejected at most once per clock change it lands on.
        for _ in 0..8 {
            let candidate = step(&from, inclusive).ok()?;
            inclusive = false;
            if self.fires_at(&candidate) {
                return Some(candidate.timestamp().as_millisecond());
            }
            from = candidate;
        }
        None
    }

    /// Whether AWS fires at `candidate`: its wall clock time matches the fields (a time in
    /// a spring-forward gap is skipped, not moved) and it is the first occurrence of that
    /// wall clock time (a time repeated when the clock goes back fires once).
    fn fires_at(&self, candidate: &Zoned) -> bool {
        let matches = self.cron.is_time_matching(candidate).unwrap_or(false);
        let first = self
            .time_zone
            .to_ambiguous_zoned(candidate.datetime())
            .earlier()
            .is_ok_and(|earliest| earliest.timestamp() == candidate.timestamp());
        matches && first
    }
}

impl Schedule {
    /// Parses `rate(...)`, `cron(...)` or `at(...)`; `time_zone` is an IANA name and
    /// defaults to UTC. A rate is anchored at the Unix epoch; see
    /// [`Schedule::parse_anchored`] to count it from the rule's creation.
    pub fn parse(expression: &str, time_zone: Option<&str>) -> Result<Schedule, ScheduleError> {
        Schedule::parse_anchored(expression, time_zone, 0)
    }

    /// Like [`Schedule::parse`], with a rate counted from `anchor_ms` (epoch milliseconds).
    pub fn parse_anchored(
        expression: &str,
        time_zone: Option<&str>,
        anchor_ms: i64,
    ) -> Result<Schedule, ScheduleError> {
        let time_zone = match time_zone {
            None => TimeZone::UTC,
            Some(name) => TimeZone::get(name).map_err(|_| {
                ScheduleError::TimeZone(format!("'{name}' is not a known IANA time zone"))
            })?,
        };
        let (kind, body) = expression
            .strip_suffix(')')
            .and_then(|inner| inner.split_once('('))
            .ok_or_else(|| {
                ScheduleError::expression(format!(
                    "'{expression}' is not rate(...), cron(...) or at(...)"
                ))
            })?;
        match kind {
            "rate" => {
                let (value, unit) = rate::parse(body)?;
                Ok(Schedule::Rate {
                    value,
                    unit,
                    anchor_ms,
                })
            }
            "cron" => Ok(Schedule::Cron(CronSchedule {
                expression: body.to_string(),
                cron: Box::new(crate::cron::parse(body)?),
                time_zone,
            })),
            "at" => Ok(Schedule::At {
                at: crate::at::parse(body)?,
                time_zone,
            }),
            other => Err(ScheduleError::expression(format!(
                "'{other}(...)' is not rate(...), cron(...) or at(...)"
            ))),
        }
    }

    /// The next fire time strictly after `after_ms` (epoch milliseconds), or `None` when
    /// the schedule never fires again.
    pub fn next_after(&self, after_ms: i64) -> Option<i64> {
        match self {
            Schedule::Rate {
                value,
                unit,
                anchor_ms,
            } => rate::next_after(*anchor_ms, period_ms(*value, *unit), after_ms),
            Schedule::Cron(cron) => cron.search(after_ms, false, |from, inclusive| {
                cron.cron.find_next_occurrence(from, inclusive)
            }),
            Schedule::At { at, time_zone } => {
                let instant = at_instant(*at, time_zone)?;
                (instant > after_ms).then_some(instant)
            }
        }
    }

    /// The last fire time at or before `at_ms`, if any.
    pub(crate) fn at_or_before(&self, at_ms: i64) -> Option<i64> {
        match self {
            Schedule::Rate {
                value,
                unit,
                anchor_ms,
            } => rate::at_or_before(*anchor_ms, period_ms(*value, *unit), at_ms),
            Schedule::Cron(cron) => cron.search(at_ms, true, |from, inclusive| {
                cron.cron.find_previous_occurrence(from, inclusive)
            }),
            Schedule::At { at, time_zone } => {
                let instant = at_instant(*at, time_zone)?;
                (instant <= at_ms).then_some(instant)
            }
        }
    }
}

fn period_ms(value: u32, unit: RateUnit) -> i64 {
    i64::from(value) * unit.millis()
}

/// The instant of a wall clock time: in a gap, the time after it; in a fold, the first.
fn at_instant(at: DateTime, time_zone: &TimeZone) -> Option<i64> {
    let zoned = time_zone.to_ambiguous_zoned(at).compatible().ok()?;
    Some(zoned.timestamp().as_millisecond())
}

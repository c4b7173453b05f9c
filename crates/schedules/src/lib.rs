//! AWS schedule expressions: `rate()`, `cron()` and `at()`, as EventBridge rules and
//! EventBridge Scheduler accept them.
//!
//! [`Schedule::parse`] validates an expression the way AWS does, and
//! [`Schedule::next_after`] gives the next fire time in epoch milliseconds, computed in the
//! schedule's IANA time zone so that daylight saving changes are honoured. [`missed`] tells
//! a durable scheduler whether a fire time passed while it was down.

mod at;
mod catch_up;
mod cron;
mod error;
mod rate;
mod schedule;

pub use catch_up::missed;
pub use error::ScheduleError;
pub use rate::RateUnit;
pub use schedule::{CronSchedule, Schedule};

//! Catch-up after downtime: at most one fire for everything missed.

use crate::schedule::Schedule;

/// The latest fire time in `(last_fired_ms, now_ms]`, if any.
///
/// A scheduler that was down while several fire times passed calls this on start-up and
/// fires once for the returned time (never once per missed time), then records it as the
/// last fire so that a second call returns `None`.
pub fn missed(schedule: &Schedule, last_fired_ms: i64, now_ms: i64) -> Option<i64> {
    if now_ms <= last_fired_ms {
        return None;
    }
    schedule
        .at_or_before(now_ms)
        .filter(|due| *due > last_fired_ms)
}

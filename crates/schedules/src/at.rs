//! `at(yyyy-mm-ddThh:mm:ss)`: a one-time schedule.

use jiff::civil::DateTime;

use crate::error::ScheduleError;

/// Parses the inside of `at(...)`, exactly `yyyy-mm-ddThh:mm:ss`, into a wall clock time.
pub(crate) fn parse(body: &str) -> Result<DateTime, ScheduleError> {
    let bad = || {
        ScheduleError::expression(format!(
            "at() takes a date and time as yyyy-mm-ddThh:mm:ss, not '{body}'"
        ))
    };
    let bytes = body.as_bytes();
    let shape_ok = bytes.len() == 19
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            10 => *b == b'T',
            13 | 16 => *b == b':',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return Err(bad());
    }
    let number = |range: std::ops::Range<usize>| body[range].parse::<i16>().map_err(|_| bad());
    let year = number(0..4)?;
    let [month, day, hour, minute, second] = [5..7, 8..10, 11..13, 14..16, 17..19]
        .map(|range| number(range).and_then(|n| i8::try_from(n).map_err(|_| bad())));
    DateTime::new(year, month?, day?, hour?, minute?, second?, 0).map_err(|error| {
        ScheduleError::expression(format!("at() date and time '{body}' do not exist: {error}"))
    })
}

//! AWS's six-field cron syntax, checked field by field and translated to a croner
//! (Quartz-style) pattern: a "0" seconds field in front, `?` kept, names turned into
//! numbers, and `NL` in day-of-week written `N#L`.

use croner::Cron;
use croner::parser::{CronParser, Seconds, Year};

use crate::error::ScheduleError;

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const WEEKDAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// One of the six fields, with its bounds and the names it accepts.
#[derive(Clone, Copy)]
struct Field {
    name: &'static str,
    min: u32,
    max: u32,
    names: &'static [&'static str],
    /// Whether `/` is allowed: AWS allows it everywhere but in day-of-week.
    steps: bool,
}

const MINUTES: Field = Field {
    name: "minutes",
    min: 0,
    max: 59,
    names: &[],
    steps: true,
};
const HOURS: Field = Field {
    name: "hours",
    min: 0,
    max: 23,
    names: &[],
    steps: true,
};
const DAY_OF_MONTH: Field = Field {
    name: "day-of-month",
    min: 1,
    max: 31,
    names: &[],
    steps: true,
};
const MONTH: Field = Field {
    name: "month",
    min: 1,
    max: 12,
    names: &MONTHS,
    steps: true,
};
const DAY_OF_WEEK: Field = Field {
    name: "day-of-week",
    min: 1,
    max: 7,
    names: &WEEKDAYS,
    steps: false,
};
const YEAR: Field = Field {
    name: "year",
    min: 1970,
    max: 2199,
    names: &[],
    steps: true,
};

/// Parses the inside of `cron(...)` and returns the croner schedule for it.
pub(crate) fn parse(body: &str) -> Result<Cron, ScheduleError> {
    let fields: Vec<&str> = body.split(' ').filter(|f| !f.is_empty()).collect();
    let [minutes, hours, dom, month, dow, year] = fields[..] else {
        return Err(ScheduleError::expression(format!(
            "cron() takes 6 fields (minutes hours day-of-month month day-of-week year), not {}",
            fields.len()
        )));
    };
    match (dom == "?", dow == "?") {
        (true, true) => {
            return Err(ScheduleError::expression(
                "cron() day-of-month and day-of-week cannot both be '?'",
            ));
        }
        (false, false) => {
            return Err(ScheduleError::expression(
                "cron() needs '?' in one of day-of-month and day-of-week",
            ));
        }
        _ => {}
    }
    let pattern = format!(
        "0 {} {} {} {} {} {}",
        plain(minutes, MINUTES)?,
        plain(hours, HOURS)?,
        day_of_month(dom)?,
        plain(month, MONTH)?,
        day_of_week(dow)?,
        plain(year, YEAR)?,
    );
    CronParser::builder()
        .seconds(Seconds::Required)
        .year(Year::Required)
        .alternative_weekdays(true)
        .sloppy_ranges(true)
        .build()
        .parse(&pattern)
        .map_err(|error| ScheduleError::expression(format!("cron() is not valid: {error}")))
}

/// A field of comma-separated items, each `*`, `v`, `v-v`, or one of these with `/step`.
fn plain(text: &str, field: Field) -> Result<String, ScheduleError> {
    let items: Result<Vec<String>, ScheduleError> =
        text.split(',').map(|item| stepped(item, field)).collect();
    Ok(items?.join(","))
}

/// `*`, `v`, `v-v`, `*/n`, `v/n` or `v-v/n`, with names turned into numbers.
fn stepped(item: &str, field: Field) -> Result<String, ScheduleError> {
    let (range, step) = match item.split_once('/') {
        Some((range, step)) => (range, Some(step)),
        None => (item, None),
    };
    let range = if range == "*" {
        "*".to_string()
    } else if let Some((from, to)) = range.split_once('-') {
        let (from, to) = (value(from, field)?, value(to, field)?);
        if from > to {
            return Err(invalid(field, item, "a range must run from low to high"));
        }
        format!("{from}-{to}")
    } else {
        value(range, field)?.to_string()
    };
    match step {
        None => Ok(range),
        Some(_) if !field.steps => Err(invalid(field, item, "'/' is not allowed here")),
        Some(step) => {
            let step_value: u32 =
                digits(step).ok_or_else(|| invalid(field, item, "the step is not a number"))?;
            if step_value == 0 || step_value > field.max {
                return Err(invalid(field, item, "the step is out of range"));
            }
            Ok(format!("{range}/{step_value}"))
        }
    }
}

/// The day-of-month field: `?`, `L`, `LW`, `NW`, or a plain field.
fn day_of_month(text: &str) -> Result<String, ScheduleError> {
    match text {
        "?" | "L" | "LW" => Ok(text.to_string()),
        _ => match text.strip_suffix('W') {
            Some(day) => Ok(format!("{}W", value(day, DAY_OF_MONTH)?)),
            None => plain(text, DAY_OF_MONTH),
        },
    }
}

/// The day-of-week field: `?`, `L` (Saturday), `NL` (last such weekday), `N#k` (k-th), or
/// a plain field.
fn day_of_week(text: &str) -> Result<String, ScheduleError> {
    if text == "?" {
        return Ok(text.to_string());
    }
    if text == "L" {
        return Ok("7".to_string());
    }
    if let Some(day) = text.strip_suffix('L') {
        return Ok(format!("{}#L", value(day, DAY_OF_WEEK)?));
    }
    if let Some((day, nth)) = text.split_once('#') {
        let day = value(day, DAY_OF_WEEK)?;
        return match digits(nth) {
            Some(n @ 1..=5) => Ok(format!("{day}#{n}")),
            _ => Err(invalid(DAY_OF_WEEK, text, "'#' must be followed by 1 to 5")),
        };
    }
    plain(text, DAY_OF_WEEK)
}

/// One value of a field: a number in bounds or, for month and day-of-week, a name.
fn value(text: &str, field: Field) -> Result<u32, ScheduleError> {
    let upper = text.to_ascii_uppercase();
    if let Some(index) = field.names.iter().position(|name| *name == upper) {
        return Ok(field.min + index as u32);
    }
    match digits(text) {
        Some(n) if (field.min..=field.max).contains(&n) => Ok(n),
        Some(_) => Err(invalid(
            field,
            text,
            &format!("values run from {} to {}", field.min, field.max),
        )),
        None => Err(invalid(field, text, "not a number or a known name")),
    }
}

/// A string of ASCII digits as a number.
fn digits(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn invalid(field: Field, item: &str, why: &str) -> ScheduleError {
    ScheduleError::expression(format!(
        "cron() {} field '{item}' is not valid: {why}",
        field.name
    ))
}

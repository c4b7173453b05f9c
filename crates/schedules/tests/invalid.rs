//! Expressions and time zones AWS rejects.

use schedules::{Schedule, ScheduleError};

#[test]
fn invalid_expressions_are_rejected() {
    let cases = [
        // Both day fields set, or neither.
        ("cron(0 10 1 * MON *)", "'?'"),
        ("cron(0 10 * * * *)", "'?'"),
        ("cron(0 10 ? * ? *)", "both"),
        // Field counts.
        ("cron(0 10 * * ?)", "6 fields"),
        ("cron(0 0 10 * * ? *)", "6 fields"),
        ("cron()", "6 fields"),
        // Bad names and values.
        ("cron(0 10 ? * FUNDAY *)", "day-of-week"),
        ("cron(0 10 1 FOO ? *)", "month"),
        ("cron(60 10 * * ? *)", "minutes"),
        ("cron(0 24 * * ? *)", "hours"),
        ("cron(0 0 32 * ? *)", "day-of-month"),
        ("cron(0 0 0 * ? *)", "day-of-month"),
        ("cron(0 0 1 13 ? *)", "month"),
        ("cron(0 0 ? * 0 *)", "day-of-week"),
        ("cron(0 0 ? * 8 *)", "day-of-week"),
        ("cron(0 0 1 1 ? 1969)", "year"),
        ("cron(0 0 1 1 ? 2200)", "year"),
        ("cron(0 0 ? * 2#6 *)", "'#'"),
        ("cron(0 0 ? * FRI-MON *)", "low to high"),
        ("cron(0 0 ? * 1/2 *)", "'/' is not allowed"),
        ("cron(0 0 ? * 3#1,6#3 *)", "'#'"),
        ("cron(0/0 * * * ? *)", "step"),
        ("cron(0 0 ? * MONL? *)", "day-of-week"),
        ("cron(0 0 L5 * ? *)", "day-of-month"),
        ("cron(0 0 1W,15 * ? *)", "day-of-month"),
        ("cron(a b c * ? *)", "minutes"),
        // Rates: singular only with 1, at least 1, known units.
        ("rate(1 minutes)", "singular"),
        ("rate(5 minute)", "plural"),
        ("rate(2 hour)", "plural"),
        ("rate(1 days)", "singular"),
        ("rate(0 hours)", "at least 1"),
        ("rate(-1 hours)", "positive whole number"),
        ("rate(1.5 hours)", "positive whole number"),
        ("rate(5 weeks)", "unit"),
        ("rate(5 seconds)", "unit"),
        ("rate(5  minutes)", "one space"),
        ("rate(5)", "one space"),
        // At: the exact layout, and a real date.
        ("at(2024-02-30T00:00:00)", "do not exist"),
        ("at(2024-03-06 12:00:00)", "yyyy-mm-ddThh:mm:ss"),
        ("at(2024-03-06T12:00)", "yyyy-mm-ddThh:mm:ss"),
        ("at(2024-03-06T12:00:00Z)", "yyyy-mm-ddThh:mm:ss"),
        ("at(2024-03-06T25:00:00)", "do not exist"),
        // The wrapper.
        ("every(5 minutes)", "is not rate"),
        ("cron(0 10 * * ? *", "is not rate"),
        ("RATE(5 minutes)", "is not rate"),
        ("", "is not rate"),
    ];
    for (expression, reason) in cases {
        match Schedule::parse(expression, None) {
            Ok(schedule) => panic!("{expression} should be rejected, got {schedule:?}"),
            Err(error) => {
                assert!(
                    matches!(error, ScheduleError::Expression(_)),
                    "{expression}: {error:?}"
                );
                assert_eq!(
                    error.aws_message(),
                    "Parameter ScheduleExpression is not valid."
                );
                assert!(
                    error.reason().contains(reason),
                    "{expression}: '{}' should mention {reason}",
                    error.reason()
                );
                assert!(
                    error
                        .to_string()
                        .starts_with("Parameter ScheduleExpression is not valid. "),
                    "{error}"
                );
            }
        }
    }
}

#[test]
fn an_unknown_time_zone_is_rejected() {
    let error = Schedule::parse("cron(0 10 * * ? *)", Some("Mars/Olympus_Mons")).unwrap_err();
    assert!(matches!(error, ScheduleError::TimeZone(_)), "{error:?}");
    assert!(error.reason().contains("Mars/Olympus_Mons"));
}

//! `cron()`: AWS's documented examples and more, from fixed instants.

mod common;

use common::{next, parse};

/// 2024-03-06 is a Wednesday.
const WEDNESDAY: &str = "2024-03-06T12:34:56Z";

#[test]
fn documented_examples_fire_at_the_expected_times() {
    let cases = [
        // 10:00 every day.
        ("cron(0 10 * * ? *)", WEDNESDAY, "2024-03-07T10:00:00Z"),
        // 12:15 every day.
        ("cron(15 12 * * ? *)", WEDNESDAY, "2024-03-07T12:15:00Z"),
        // 18:00 Monday to Friday.
        (
            "cron(0 18 ? * MON-FRI *)",
            WEDNESDAY,
            "2024-03-06T18:00:00Z",
        ),
        (
            "cron(0 18 ? * MON-FRI *)",
            "2024-03-08T18:30:00Z",
            "2024-03-11T18:00:00Z",
        ),
        // 08:00 on the first day of the month.
        ("cron(0 8 1 * ? *)", WEDNESDAY, "2024-04-01T08:00:00Z"),
        // Every 15 minutes.
        ("cron(0/15 * * * ? *)", WEDNESDAY, "2024-03-06T12:45:00Z"),
        // Every 10 minutes, Monday to Friday.
        (
            "cron(0/10 * ? * MON-FRI *)",
            WEDNESDAY,
            "2024-03-06T12:40:00Z",
        ),
        (
            "cron(0/10 * ? * MON-FRI *)",
            "2024-03-08T23:55:00Z",
            "2024-03-11T00:00:00Z",
        ),
        // Every 5 minutes between 08:00 and 17:55, Monday to Friday.
        (
            "cron(0/5 8-17 ? * MON-FRI *)",
            WEDNESDAY,
            "2024-03-06T12:35:00Z",
        ),
        (
            "cron(0/5 8-17 ? * MON-FRI *)",
            "2024-03-06T17:55:00Z",
            "2024-03-07T08:00:00Z",
        ),
        // 09:00 on the first Monday of the month (March's was the 4th).
        ("cron(0 9 ? * 2#1 *)", WEDNESDAY, "2024-04-01T09:00:00Z"),
        // The last day of the month.
        ("cron(0 0 L * ? *)", WEDNESDAY, "2024-03-31T00:00:00Z"),
        (
            "cron(0 0 L * ? *)",
            "2024-02-01T00:00:00Z",
            "2024-02-29T00:00:00Z",
        ),
        // The last Friday of the month.
        ("cron(0 0 ? * 6L *)", WEDNESDAY, "2024-03-29T00:00:00Z"),
        // The weekday nearest the 15th: Friday 15 March, then Friday 14 June (15 is a Saturday).
        ("cron(0 0 15W * ? *)", WEDNESDAY, "2024-03-15T00:00:00Z"),
        (
            "cron(0 0 15W * ? *)",
            "2024-05-20T00:00:00Z",
            "2024-06-14T00:00:00Z",
        ),
    ];
    for (expression, after, expected) in cases {
        let schedule = parse(expression, None);
        assert_eq!(
            next(&schedule, after).as_deref(),
            Some(expected),
            "{expression} after {after}"
        );
    }
}

#[test]
fn names_lists_years_and_other_syntax_fire_at_the_expected_times() {
    let cases = [
        // Names are case-insensitive; JUL's first Sunday is the 7th.
        (
            "cron(0 12 ? JAN,jul SUN *)",
            WEDNESDAY,
            Some("2024-07-07T12:00:00Z"),
        ),
        // 1=SUN..7=SAT.
        (
            "cron(0 12 ? * 1 *)",
            WEDNESDAY,
            Some("2024-03-10T12:00:00Z"),
        ),
        (
            "cron(0 12 ? * 7 *)",
            WEDNESDAY,
            Some("2024-03-09T12:00:00Z"),
        ),
        // The last Saturday; `L` alone in day-of-week is Saturday.
        (
            "cron(0 0 ? * 7L *)",
            WEDNESDAY,
            Some("2024-03-30T00:00:00Z"),
        ),
        ("cron(0 0 ? * L *)", WEDNESDAY, Some("2024-03-09T00:00:00Z")),
        // The last weekday of the month: 31 March 2024 is a Sunday.
        (
            "cron(0 0 LW * ? *)",
            WEDNESDAY,
            Some("2024-03-29T00:00:00Z"),
        ),
        // Lists, ranges and steps in hours and months.
        (
            "cron(30 9,21 * * ? *)",
            WEDNESDAY,
            Some("2024-03-06T21:30:00Z"),
        ),
        (
            "cron(0 */6 * * ? *)",
            WEDNESDAY,
            Some("2024-03-06T18:00:00Z"),
        ),
        (
            "cron(0 0 1 1-12/3 ? *)",
            WEDNESDAY,
            Some("2024-04-01T00:00:00Z"),
        ),
        (
            "cron(0 0 1 JAN-MAR ? *)",
            WEDNESDAY,
            Some("2025-01-01T00:00:00Z"),
        ),
        // Years: a later year, and a year that has passed.
        (
            "cron(0 0 1 1 ? 2025)",
            WEDNESDAY,
            Some("2025-01-01T00:00:00Z"),
        ),
        (
            "cron(0 0 1 1 ? 2026-2030)",
            WEDNESDAY,
            Some("2026-01-01T00:00:00Z"),
        ),
        ("cron(0 0 1 1 ? 2020)", WEDNESDAY, None),
        // The fifth Friday, in a month that has one.
        (
            "cron(0 0 ? * FRI#5 *)",
            WEDNESDAY,
            Some("2024-03-29T00:00:00Z"),
        ),
    ];
    for (expression, after, expected) in cases {
        let schedule = parse(expression, None);
        assert_eq!(
            next(&schedule, after).as_deref(),
            expected,
            "{expression} after {after}"
        );
    }
}

#[test]
fn next_is_strictly_after_the_given_instant() {
    let schedule = parse("cron(0 10 * * ? *)", None);
    assert_eq!(
        next(&schedule, "2024-03-07T10:00:00Z").as_deref(),
        Some("2024-03-08T10:00:00Z")
    );
    assert_eq!(
        next(&schedule, "2024-03-07T09:59:59.999Z").as_deref(),
        Some("2024-03-07T10:00:00Z")
    );
}

//! `rate()` and `at()`.

mod common;

use common::{iso, ms, next, parse};
use schedules::{RateUnit, Schedule};

#[test]
fn rates_count_from_the_epoch_by_default() {
    let cases = [
        (
            "rate(5 minutes)",
            "2024-03-06T12:34:56Z",
            "2024-03-06T12:35:00Z",
        ),
        (
            "rate(1 minute)",
            "2024-03-06T12:34:56Z",
            "2024-03-06T12:35:00Z",
        ),
        (
            "rate(1 hour)",
            "2024-03-06T12:34:56Z",
            "2024-03-06T13:00:00Z",
        ),
        (
            "rate(2 hours)",
            "2024-03-06T12:34:56Z",
            "2024-03-06T14:00:00Z",
        ),
        (
            "rate(1 day)",
            "2024-03-06T12:34:56Z",
            "2024-03-07T00:00:00Z",
        ),
        // The epoch was a Thursday.
        (
            "rate(7 days)",
            "2024-03-06T12:34:56Z",
            "2024-03-07T00:00:00Z",
        ),
        (
            "rate(5 minutes)",
            "2024-03-06T12:35:00Z",
            "2024-03-06T12:40:00Z",
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
fn an_anchored_rate_counts_from_its_anchor() {
    let anchor = ms("2024-03-06T12:34:56.789Z");
    let schedule = Schedule::parse_anchored("rate(5 minutes)", None, anchor).unwrap();
    assert!(matches!(
        schedule,
        Schedule::Rate {
            value: 5,
            unit: RateUnit::Minute,
            ..
        }
    ));
    assert_eq!(schedule.next_after(anchor), Some(anchor + 300_000));
    assert_eq!(
        schedule.next_after(anchor - 1_000_000),
        Some(anchor + 300_000)
    );
    assert_eq!(
        schedule.next_after(anchor + 300_000),
        Some(anchor + 600_000)
    );
    assert_eq!(
        iso(schedule.next_after(anchor + 3 * 300_000 + 1).unwrap()),
        "2024-03-06T12:54:56.789Z"
    );
}

#[test]
fn a_rate_ignores_the_time_zone() {
    // A day is 24 hours, even across a daylight saving change.
    let anchor = ms("2024-03-09T12:00:00Z");
    let schedule =
        Schedule::parse_anchored("rate(1 day)", Some("America/New_York"), anchor).unwrap();
    assert_eq!(schedule.next_after(anchor), Some(anchor + 86_400_000));
}

#[test]
fn at_fires_once() {
    let schedule = parse("at(2024-12-25T09:00:00)", None);
    assert_eq!(
        next(&schedule, "2024-03-06T00:00:00Z").as_deref(),
        Some("2024-12-25T09:00:00Z")
    );
    assert_eq!(
        next(&schedule, "2024-12-25T08:59:59.999Z").as_deref(),
        Some("2024-12-25T09:00:00Z")
    );
    assert_eq!(next(&schedule, "2024-12-25T09:00:00Z"), None);
}

#[test]
fn at_in_a_spring_forward_gap_fires_after_the_gap() {
    let schedule = parse("at(2024-03-10T02:30:00)", Some("America/New_York"));
    assert_eq!(
        next(&schedule, "2024-03-01T00:00:00Z").as_deref(),
        Some("2024-03-10T07:30:00Z")
    );
}

//! `missed`: one catch-up fire for everything missed while down.

mod common;

use common::{iso, ms, parse};
use schedules::{Schedule, missed};

#[test]
fn a_cron_missed_several_times_fires_once_for_the_latest() {
    let schedule = parse("cron(0 10 * * ? *)", None);
    let last = ms("2024-03-01T10:00:00Z");
    let now = ms("2024-03-06T12:34:56Z");
    let due = missed(&schedule, last, now).map(iso);
    assert_eq!(due.as_deref(), Some("2024-03-06T10:00:00Z"));
    // Once that fire is recorded, nothing more is due.
    assert_eq!(missed(&schedule, ms("2024-03-06T10:00:00Z"), now), None);
}

#[test]
fn nothing_is_missed_before_the_next_fire_time() {
    let schedule = parse("cron(0 10 * * ? *)", None);
    let last = ms("2024-03-06T10:00:00Z");
    assert_eq!(missed(&schedule, last, ms("2024-03-07T09:59:59Z")), None);
    assert_eq!(missed(&schedule, last, last), None);
    assert_eq!(missed(&schedule, last, last - 1), None);
}

#[test]
fn a_fire_time_equal_to_now_is_due() {
    let schedule = parse("cron(0 10 * * ? *)", None);
    let now = ms("2024-03-07T10:00:00Z");
    assert_eq!(
        missed(&schedule, ms("2024-03-06T10:00:00Z"), now),
        Some(now)
    );
}

#[test]
fn a_rate_missed_several_times_fires_once_for_the_latest() {
    let anchor = ms("2024-03-06T12:00:00Z");
    let schedule = Schedule::parse_anchored("rate(5 minutes)", None, anchor).unwrap();
    let now = ms("2024-03-06T12:34:56Z");
    assert_eq!(
        missed(&schedule, anchor + 300_000, now).map(iso).as_deref(),
        Some("2024-03-06T12:30:00Z")
    );
    // Before the first period ends, nothing is due.
    assert_eq!(missed(&schedule, i64::MIN, anchor + 299_999), None);
}

#[test]
fn a_one_time_schedule_missed_fires_once() {
    let schedule = parse("at(2024-03-06T09:00:00)", None);
    let now = ms("2024-03-06T12:00:00Z");
    let due = missed(&schedule, i64::MIN, now);
    assert_eq!(due.map(iso).as_deref(), Some("2024-03-06T09:00:00Z"));
    assert_eq!(missed(&schedule, due.unwrap(), now), None);
    assert_eq!(
        missed(&schedule, i64::MIN, ms("2024-03-06T08:59:59Z")),
        None
    );
}

#[test]
fn catch_up_in_a_time_zone_returns_the_local_fire_time() {
    let schedule = parse("cron(0 9 * * ? *)", Some("America/New_York"));
    let due = missed(
        &schedule,
        ms("2024-03-01T14:00:00Z"),
        ms("2024-03-10T20:00:00Z"),
    );
    assert_eq!(due.map(iso).as_deref(), Some("2024-03-10T13:00:00Z"));
}

#[test]
fn catch_up_after_fall_back_returns_the_first_of_a_repeated_time() {
    // 01:30 happens twice in New York on 3 November 2024 (05:30Z, then 06:30Z); it fires
    // once, at the first, so that is what a scheduler down across both owes.
    let schedule = parse("cron(30 1 * * ? *)", Some("America/New_York"));
    let last = ms("2024-11-02T05:30:00Z");
    let due = missed(&schedule, last, ms("2024-11-03T06:45:00Z"));
    assert_eq!(due.map(iso).as_deref(), Some("2024-11-03T05:30:00Z"));
}

#[test]
fn catch_up_skips_a_time_in_the_spring_forward_gap() {
    let schedule = parse("cron(30 2 * * ? *)", Some("America/New_York"));
    let due = missed(
        &schedule,
        ms("2024-03-01T00:00:00Z"),
        ms("2024-03-10T12:00:00Z"),
    );
    // 9 March at 02:30 EST; 10 March has no 02:30.
    assert_eq!(due.map(iso).as_deref(), Some("2024-03-09T07:30:00Z"));
}

//! Time zones: fields read on the zone's wall clock, across daylight saving changes.

mod common;

use common::{next, parse};

#[test]
fn a_daily_time_keeps_its_wall_clock_hour_across_spring_forward() {
    // New York moves from EST (UTC-5) to EDT (UTC-4) on 10 March 2024 at 02:00.
    let schedule = parse("cron(0 9 * * ? *)", Some("America/New_York"));
    assert_eq!(
        next(&schedule, "2024-03-08T15:00:00Z").as_deref(),
        Some("2024-03-09T14:00:00Z")
    );
    assert_eq!(
        next(&schedule, "2024-03-09T14:00:00Z").as_deref(),
        Some("2024-03-10T13:00:00Z")
    );
}

#[test]
fn a_time_in_the_spring_forward_gap_is_skipped() {
    // 02:30 does not exist in New York on 10 March 2024: that day has no fire.
    let schedule = parse("cron(30 2 * * ? *)", Some("America/New_York"));
    assert_eq!(
        next(&schedule, "2024-03-09T08:00:00Z").as_deref(),
        Some("2024-03-11T06:30:00Z")
    );
}

#[test]
fn a_time_repeated_at_fall_back_fires_once() {
    // 01:30 happens twice in New York on 3 November 2024: first in EDT (05:30Z), then in
    // EST (06:30Z). It fires once, at the first.
    let schedule = parse("cron(30 1 * * ? *)", Some("America/New_York"));
    assert_eq!(
        next(&schedule, "2024-11-03T00:00:00Z").as_deref(),
        Some("2024-11-03T05:30:00Z")
    );
    assert_eq!(
        next(&schedule, "2024-11-03T05:30:00Z").as_deref(),
        Some("2024-11-04T06:30:00Z")
    );
}

#[test]
fn a_zone_ahead_of_utc_reads_the_day_in_that_zone() {
    // Midnight on the first of the month in Tokyo (UTC+9) is 15:00 UTC the day before.
    let schedule = parse("cron(0 0 1 * ? *)", Some("Asia/Tokyo"));
    assert_eq!(
        next(&schedule, "2024-03-06T00:00:00Z").as_deref(),
        Some("2024-03-31T15:00:00Z")
    );
}

#[test]
fn at_reads_its_wall_clock_time_in_the_zone() {
    let schedule = parse("at(2024-12-25T09:00:00)", Some("Europe/Paris"));
    assert_eq!(
        next(&schedule, "2024-03-06T00:00:00Z").as_deref(),
        Some("2024-12-25T08:00:00Z")
    );
}

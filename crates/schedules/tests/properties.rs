//! Properties that hold for every schedule and instant: the next fire time is after the
//! instant, nothing fires in between, and catch-up agrees with the forward search.

mod common;

use common::parse;
use proptest::prelude::*;
use schedules::{Schedule, missed};

/// Expressions and zones covering every kind of field, including zones with daylight
/// saving changes.
const SCHEDULES: &[(&str, Option<&str>)] = &[
    ("cron(0 10 * * ? *)", None),
    ("cron(0/15 * * * ? *)", None),
    ("cron(0/5 8-17 ? * MON-FRI *)", None),
    ("cron(0 9 ? * 2#1 *)", None),
    ("cron(0 0 L * ? *)", None),
    ("cron(0 0 ? * 6L *)", None),
    ("cron(0 0 15W * ? *)", None),
    ("cron(0 0 LW * ? *)", None),
    ("cron(30 1 * * ? *)", Some("America/New_York")),
    ("cron(30 2 * * ? *)", Some("America/New_York")),
    ("cron(0/30 * * * ? *)", Some("Europe/London")),
    ("cron(0 0 1 * ? *)", Some("Australia/Lord_Howe")),
    ("rate(5 minutes)", None),
    ("rate(7 days)", Some("Asia/Tokyo")),
];

/// 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z in epoch milliseconds.
const FROM: i64 = 946_684_800_000;
const UNTIL: i64 = 4_102_444_800_000;

fn schedules() -> Vec<Schedule> {
    SCHEDULES
        .iter()
        .map(|(expression, zone)| parse(expression, *zone))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn next_after_and_missed_agree(after in FROM..UNTIL) {
        for schedule in schedules() {
            let next = schedule.next_after(after);
            let next = next.unwrap_or_else(|| panic!("{schedule:?} never fires after {after}"));
            prop_assert!(next > after, "{schedule:?}: {next} <= {after}");
            // Nothing fires strictly between `after` and `next`...
            prop_assert_eq!(missed(&schedule, after, next - 1), None, "{:?}", schedule);
            // ...and `next` is what a scheduler down until then owes.
            prop_assert_eq!(missed(&schedule, after, next), Some(next), "{:?}", schedule);
            prop_assert_eq!(schedule.next_after(next - 1), Some(next), "{:?}", schedule);
        }
    }
}

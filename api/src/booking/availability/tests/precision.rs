//! Times with fractions of a second: the computation works in whole seconds, and must
//! round each bound the way that keeps every comparison exact.

use chrono::NaiveDateTime;
use chrono_tz::Europe::London;

use super::*;

fn at(s: &str) -> DateTime<Utc> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f")
        .unwrap()
        .and_utc()
}

fn morning(t: Therapist, policy: Policy, request: Request) -> Vec<String> {
    let loc = location(London, every_day("09:00", "13:00"));
    utc_starts(&free_slots(&loc, &[t], &service(60), &policy, &request).unwrap())
}

#[test]
fn a_start_a_moment_inside_the_lead_time_is_not_offered() {
    let request = Request {
        now: at("2026-03-02 09:00:00.5"),
        ..day_request(London, "2026-03-02")
    };
    let lead = Policy {
        lead_time: TimeDelta::hours(2),
        ..policy()
    };
    assert_eq!(morning(anyone(), lead, request)[0], "11:15");
}

#[test]
fn a_start_a_nanosecond_past_the_horizon_is_not_offered() {
    let request = Request {
        now: at("2026-03-01 09:59:59.999999999"),
        ..day_request(London, "2026-03-02")
    };
    let one_day = Policy {
        horizon: TimeDelta::days(1),
        ..policy()
    };
    assert_eq!(morning(anyone(), one_day, request).last().unwrap(), "09:45");
}

#[test]
fn a_request_from_a_moment_after_a_start_excludes_it() {
    let request = Request {
        from: at("2026-03-02 10:00:00.001"),
        ..day_request(London, "2026-03-02")
    };
    assert_eq!(morning(anyone(), policy(), request)[0], "10:15");
}

#[test]
fn a_booking_ending_a_moment_after_a_start_still_blocks_it() {
    let mut t = anyone();
    t.busy = vec![Span::new(
        at("2026-03-02 08:00:00"),
        at("2026-03-02 10:00:00.5"),
    )];
    assert_eq!(
        morning(t, policy(), day_request(London, "2026-03-02"))[0],
        "10:15"
    );
}

#[test]
fn time_off_starting_a_moment_before_a_session_ends_blocks_it() {
    let mut t = anyone();
    t.time_off = vec![Span::new(
        at("2026-03-02 09:59:59.5"),
        at("2026-03-02 23:00:00"),
    )];
    assert!(morning(t, policy(), day_request(London, "2026-03-02")).is_empty());
}

#[test]
fn hours_and_schedules_with_fractions_of_a_second_are_kept_exactly() {
    let request = day_request(London, "2026-03-02");
    let opens = time("09:00") + TimeDelta::milliseconds(500);
    let closes = time("11:00") - TimeDelta::milliseconds(1);
    let exact = [on(Weekday::Mon, "09:00", "11:00")];
    let odd = [WeeklyInterval::new(Weekday::Mon, opens, closes)];
    // Odd opening hours, then an odd schedule inside plain hours.
    for (hours, schedule) in [(odd, exact), (exact, odd)] {
        let loc = location(London, hours.to_vec());
        let t = therapist(1, schedule.to_vec());
        let slots = free_slots(&loc, &[t], &service(60), &policy(), &request).unwrap();
        assert_eq!(utc_starts(&slots), ["09:15", "09:30", "09:45"]);
    }
}

//! Qualification, the request range, lead time, horizon (rules 1–2) and the output order.

use chrono::TimeDelta;
use chrono_tz::Europe::London;

use super::*;

#[test]
fn unqualified_therapists_get_no_slots() {
    let loc = location(London, every_day("09:00", "10:00"));
    let mut no = therapist(1, every_day("00:00", "23:59"));
    no.qualified = false;
    let yes = therapist(2, every_day("00:00", "23:59"));
    let slots = free_slots(
        &loc,
        &[no, yes],
        &service(60),
        &policy(),
        &day_request(London, MONDAY),
    )
    .unwrap();
    assert_eq!(slots.len(), 1);
    assert_eq!(slots[0].therapist, Uuid::from_u128(2));
}

fn with_now(now: &str, policy: Policy) -> Vec<String> {
    let loc = location(London, every_day("09:00", "13:00"));
    let request = Request {
        now: utc(now),
        ..day_request(London, MONDAY)
    };
    let slots = free_slots(&loc, &[anyone()], &service(60), &policy, &request).unwrap();
    utc_starts(&slots)
}

#[test]
fn starts_closer_than_the_lead_time_are_not_offered() {
    let two_hours = Policy {
        lead_time: TimeDelta::hours(2),
        ..policy()
    };
    assert_eq!(
        with_now("2026-03-02 08:50", two_hours),
        ["11:00", "11:15", "11:30", "11:45", "12:00"]
    );
    assert_eq!(
        with_now("2026-03-02 09:00", two_hours).first().unwrap(),
        "11:00"
    );
}

#[test]
fn the_default_lead_time_is_two_hours() {
    assert_eq!(
        with_now("2026-03-02 09:01", Policy::default())
            .first()
            .unwrap(),
        "11:15"
    );
}

#[test]
fn starts_beyond_the_horizon_are_not_offered_and_its_end_is_inclusive() {
    let two_days = Policy {
        horizon: TimeDelta::days(2),
        ..policy()
    };
    assert_eq!(
        with_now("2026-02-28 09:30", two_days),
        ["09:00", "09:15", "09:30"]
    );
}

#[test]
fn the_request_includes_from_and_excludes_to() {
    let loc = location(London, every_day("09:00", "17:00"));
    let request = Request {
        from: utc("2026-03-02 10:00"),
        to: utc("2026-03-02 11:00"),
        now: utc("2026-03-01 00:00"),
    };
    let slots = free_slots(&loc, &[anyone()], &service(60), &half_hourly(), &request).unwrap();
    assert_eq!(utc_starts(&slots), ["10:00", "10:30"]);
}

#[test]
fn slots_sort_by_start_then_by_the_callers_therapist_order() {
    let loc = location(London, every_day("09:00", "11:00"));
    let late = therapist(7, every_day("09:30", "11:00"));
    let early = therapist(3, every_day("09:00", "11:00"));
    let slots = free_slots(
        &loc,
        &[late, early],
        &service(60),
        &half_hourly(),
        &day_request(London, MONDAY),
    )
    .unwrap();
    let order: Vec<_> = slots
        .iter()
        .map(|s| {
            (
                s.starts_at.format("%H:%M").to_string(),
                s.therapist.as_u128(),
            )
        })
        .collect();
    let expected = [
        ("09:00", 3),
        ("09:30", 7),
        ("09:30", 3),
        ("10:00", 7),
        ("10:00", 3),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|&(t, id)| (t.to_string(), id))
        .collect();
    assert_eq!(order, expected);
}

#[test]
fn a_slot_reports_its_session_and_busy_until() {
    let loc = location(London, every_day("09:00", "10:00"));
    let slots = one_day(
        &loc,
        &anyone(),
        &Service {
            cleanup_buffer_minutes: 15,
            ..service(60)
        },
        MONDAY,
    );
    let expected = Slot {
        starts_at: utc("2026-03-02 09:00"),
        ends_at: utc("2026-03-02 10:00"),
        busy_until: utc("2026-03-02 10:15"),
        therapist: Uuid::from_u128(1),
        room: None,
    };
    assert_eq!(slots, [expected]);
}

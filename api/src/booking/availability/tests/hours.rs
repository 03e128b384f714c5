//! Opening hours, therapist schedules, closures and the local step grid (rules 3–5), on
//! a plain GMT Monday where UTC is local time.

use chrono_tz::Europe::London;

use super::*;

fn starts(loc: &Location, t: &Therapist, svc: &Service) -> Vec<String> {
    local_starts(&one_day(loc, t, svc, MONDAY), London)
}

#[test]
fn slots_fill_opening_hours_on_the_step_grid() {
    let loc = location(London, every_day("09:00", "12:00"));
    let expected = [
        "09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45", "11:00",
    ];
    assert_eq!(starts(&loc, &anyone(), &service(60)), expected);
}

#[test]
fn a_session_must_end_by_closing_time() {
    let loc = location(London, every_day("09:00", "10:30"));
    assert_eq!(
        starts(&loc, &anyone(), &service(60)),
        ["09:00", "09:15", "09:30"]
    );
}

#[test]
fn split_opening_hours_never_straddle_the_break() {
    let hours = vec![
        on(Weekday::Mon, "09:00", "11:00"),
        on(Weekday::Mon, "13:00", "14:30"),
    ];
    let loc = location(London, hours);
    let request = day_request(London, MONDAY);
    let slots = free_slots(&loc, &[anyone()], &service(60), &half_hourly(), &request).unwrap();
    assert_eq!(
        utc_starts(&slots),
        ["09:00", "09:30", "10:00", "13:00", "13:30"]
    );
}

#[test]
fn a_session_must_fit_one_interval_even_when_intervals_touch() {
    let hours = vec![
        on(Weekday::Mon, "09:00", "10:00"),
        on(Weekday::Mon, "10:00", "11:00"),
    ];
    let loc = location(London, hours);
    assert_eq!(starts(&loc, &anyone(), &service(60)), ["09:00", "10:00"]);
}

#[test]
fn a_day_without_opening_hours_has_no_slots() {
    let loc = location(London, vec![on(Weekday::Tue, "09:00", "17:00")]);
    assert!(starts(&loc, &anyone(), &service(60)).is_empty());
}

#[test]
fn the_therapist_schedule_limits_slots_like_opening_hours() {
    let loc = location(London, every_day("08:00", "18:00"));
    let shifts = vec![
        on(Weekday::Mon, "10:00", "12:00"),
        on(Weekday::Mon, "14:00", "15:00"),
    ];
    let expected = ["10:00", "10:15", "10:30", "10:45", "11:00", "14:00"];
    assert_eq!(starts(&loc, &therapist(1, shifts), &service(60)), expected);
}

#[test]
fn a_therapist_not_scheduled_that_weekday_gets_no_slots() {
    let loc = location(London, every_day("08:00", "18:00"));
    let t = therapist(1, vec![on(Weekday::Tue, "08:00", "18:00")]);
    assert!(starts(&loc, &t, &service(60)).is_empty());
}

#[test]
fn a_session_must_fit_both_opening_hours_and_the_schedule() {
    let loc = location(London, every_day("09:00", "12:00"));
    let t = therapist(1, every_day("10:30", "13:00"));
    assert_eq!(starts(&loc, &t, &service(60)), ["10:30", "10:45", "11:00"]);
}

#[test]
fn a_closure_blocks_its_first_and_last_day_inclusive() {
    let mut loc = location(London, every_day("09:00", "10:00"));
    loc.closures = vec![Closure::new(date("2026-03-03"), date("2026-03-05"))];
    let request = Request {
        from: utc("2026-03-02 00:00"),
        to: utc("2026-03-07 00:00"),
        now: utc("2026-03-01 00:00"),
    };
    let slots = free_slots(&loc, &[anyone()], &service(60), &policy(), &request).unwrap();
    let days: Vec<_> = slots
        .iter()
        .map(|s| s.starts_at.format("%d").to_string())
        .collect();
    assert_eq!(days, ["02", "06"]);
}

#[test]
fn a_one_day_closure_blocks_that_day_only() {
    let mut loc = location(London, every_day("09:00", "10:00"));
    loc.closures = vec![Closure::new(date("2026-03-02"), date("2026-03-02"))];
    assert!(starts(&loc, &anyone(), &service(60)).is_empty());
    let tuesday = one_day(&loc, &anyone(), &service(60), "2026-03-03");
    assert_eq!(utc_starts(&tuesday), ["09:00"]);
}

#[test]
fn starts_follow_the_local_grid_not_the_opening_time() {
    let loc = location(London, every_day("09:10", "11:00"));
    let every_twenty = Policy {
        step_minutes: 20,
        ..policy()
    };
    let slots = free_slots(
        &loc,
        &[anyone()],
        &service(30),
        &every_twenty,
        &day_request(London, MONDAY),
    )
    .unwrap();
    assert_eq!(utc_starts(&slots), ["09:20", "09:40", "10:00", "10:20"]);
    assert_eq!(
        starts(&loc, &anyone(), &service(30)).first().unwrap(),
        "09:15"
    );
}

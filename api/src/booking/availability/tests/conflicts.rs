//! Time off, existing bookings and buffers (rule 6), on a plain GMT Monday.

use chrono_tz::Europe::London;

use super::*;

fn morning() -> Location {
    location(London, every_day("09:00", "13:00"))
}

fn morning_starts(t: &Therapist, svc: &Service) -> Vec<Slot> {
    let request = day_request(London, MONDAY);
    free_slots(
        &morning(),
        std::slice::from_ref(t),
        svc,
        &half_hourly(),
        &request,
    )
    .unwrap()
}

#[test]
fn time_off_blocks_every_session_it_overlaps() {
    let mut t = anyone();
    t.time_off = vec![span("2026-03-02 10:15", "2026-03-02 11:00")];
    let slots = morning_starts(&t, &service(60));
    assert_eq!(utc_starts(&slots), ["09:00", "11:00", "11:30", "12:00"]);
}

#[test]
fn time_off_that_only_touches_a_session_does_not_block_it() {
    let mut t = anyone();
    t.time_off = vec![span("2026-03-02 10:00", "2026-03-02 11:00")];
    let slots = morning_starts(&t, &service(60));
    assert_eq!(utc_starts(&slots), ["09:00", "11:00", "11:30", "12:00"]);
}

#[test]
fn buffers_may_run_into_time_off() {
    let mut t = anyone();
    t.time_off = vec![span("2026-03-02 10:00", "2026-03-02 13:00")];
    let svc = Service {
        cleanup_buffer_minutes: 30,
        ..service(60)
    };
    assert_eq!(utc_starts(&morning_starts(&t, &svc)), ["09:00"]);
}

#[test]
fn existing_bookings_block_overlapping_sessions() {
    let mut t = anyone();
    t.busy = vec![span("2026-03-02 10:00", "2026-03-02 11:00")];
    let slots = morning_starts(&t, &service(60));
    assert_eq!(utc_starts(&slots), ["09:00", "11:00", "11:30", "12:00"]);
}

#[test]
fn unsorted_and_overlapping_bookings_are_handled() {
    let mut t = anyone();
    t.busy = vec![
        span("2026-03-02 12:00", "2026-03-02 12:30"),
        span("2026-03-02 09:30", "2026-03-02 10:00"),
        span("2026-03-02 09:45", "2026-03-02 10:30"),
        // Empty and inverted spans block nothing (as an empty range in the database).
        span("2026-03-02 10:45", "2026-03-02 10:45"),
        span("2026-03-02 11:20", "2026-03-02 11:10"),
    ];
    assert_eq!(
        utc_starts(&morning_starts(&t, &service(30))),
        ["09:00", "10:30", "11:00", "11:30", "12:30"]
    );
}

#[test]
fn the_cleanup_buffer_extends_busy_until_and_may_pass_closing() {
    let mut t = anyone();
    t.busy = vec![span("2026-03-02 11:00", "2026-03-02 12:00")];
    let svc = Service {
        cleanup_buffer_minutes: 30,
        ..service(60)
    };
    let slots = morning_starts(&t, &svc);
    assert_eq!(utc_starts(&slots), ["09:00", "09:30", "12:00"]);
    assert_eq!(slots[2].ends_at, utc("2026-03-02 13:00"));
    assert_eq!(slots[2].busy_until, utc("2026-03-02 13:30"));
}

fn buffered(cleanup: u32, buffer: u32) -> Vec<Slot> {
    let mut t = anyone();
    t.buffer_minutes = buffer;
    t.busy = vec![span("2026-03-02 11:00", "2026-03-02 12:00")];
    let svc = Service {
        cleanup_buffer_minutes: cleanup,
        ..service(60)
    };
    let request = day_request(London, MONDAY);
    let every_ten = Policy {
        step_minutes: 10,
        ..policy()
    };
    free_slots(&morning(), &[t], &svc, &every_ten, &request).unwrap()
}

#[test]
fn the_longer_buffer_applies_not_the_sum() {
    for (cleanup, buffer) in [(10, 20), (20, 10)] {
        let slots = buffered(cleanup, buffer);
        let last_morning = slots
            .iter()
            .rev()
            .find(|s| s.starts_at < utc("2026-03-02 11:00"))
            .unwrap();
        assert_eq!(
            last_morning.starts_at,
            utc("2026-03-02 09:40"),
            "cleanup {cleanup}, buffer {buffer}"
        );
        assert_eq!(last_morning.busy_until, utc("2026-03-02 11:00"));
    }
}

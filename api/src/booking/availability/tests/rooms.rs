//! Rule 7: rooms, taken in the caller's order, only when the service needs one and the
//! location models rooms.

use chrono_tz::Europe::London;

use super::*;

fn room(n: u128, busy: Vec<Span>) -> Room {
    Room {
        id: Uuid::from_u128(n),
        busy,
    }
}

fn clinic(rooms: Vec<Room>) -> Location {
    Location {
        rooms,
        ..location(London, every_day("09:00", "11:00"))
    }
}

fn needs_room() -> Service {
    Service {
        needs_room: true,
        ..service(60)
    }
}

/// `(UTC start, room number)` of each slot, hourly.
fn rooms_taken(
    loc: &Location,
    therapists: &[Therapist],
    svc: &Service,
) -> Vec<(String, Option<u128>)> {
    let hourly = Policy {
        step_minutes: 60,
        ..policy()
    };
    let slots = free_slots(
        loc,
        therapists,
        svc,
        &hourly,
        &day_request(London, "2026-03-02"),
    )
    .unwrap();
    slots
        .iter()
        .map(|s| {
            (
                s.starts_at.format("%H:%M").to_string(),
                s.room.map(|r| r.as_u128()),
            )
        })
        .collect()
}

fn taken(expected: &[(&str, Option<u128>)]) -> Vec<(String, Option<u128>)> {
    expected.iter().map(|&(t, r)| (t.to_string(), r)).collect()
}

#[test]
fn the_first_free_room_in_the_callers_order_is_taken() {
    let loc = clinic(vec![
        room(10, vec![span("2026-03-02 09:00", "2026-03-02 10:00")]),
        room(20, Vec::new()),
        room(30, Vec::new()),
    ]);
    let expected = taken(&[("09:00", Some(20)), ("10:00", Some(10))]);
    assert_eq!(rooms_taken(&loc, &[anyone()], &needs_room()), expected);
}

#[test]
fn no_slot_when_every_room_is_busy() {
    let busy = vec![span("2026-03-02 09:30", "2026-03-02 10:00")];
    let loc = clinic(vec![room(10, busy.clone()), room(20, busy)]);
    assert_eq!(
        rooms_taken(&loc, &[anyone()], &needs_room()),
        taken(&[("10:00", Some(10))])
    );
}

#[test]
fn a_room_must_be_free_until_busy_until() {
    let loc = clinic(vec![
        room(10, vec![span("2026-03-02 10:10", "2026-03-02 10:20")]),
        room(20, Vec::new()),
    ]);
    let svc = Service {
        cleanup_buffer_minutes: 15,
        ..needs_room()
    };
    let expected = taken(&[("09:00", Some(20)), ("10:00", Some(20))]);
    assert_eq!(rooms_taken(&loc, &[anyone()], &svc), expected);
}

#[test]
fn a_location_without_rooms_gives_slots_without_a_room() {
    let expected = taken(&[("09:00", None), ("10:00", None)]);
    assert_eq!(
        rooms_taken(&clinic(Vec::new()), &[anyone()], &needs_room()),
        expected
    );
}

#[test]
fn a_service_without_a_room_ignores_busy_rooms() {
    let loc = clinic(vec![room(
        10,
        vec![span("2026-03-02 00:00", "2026-03-03 00:00")],
    )]);
    let expected = taken(&[("09:00", None), ("10:00", None)]);
    assert_eq!(rooms_taken(&loc, &[anyone()], &service(60)), expected);
}

#[test]
fn slots_at_the_same_start_each_offer_the_first_free_room() {
    // Slots are alternatives, not a plan: booking one is what takes the room.
    let loc = clinic(vec![room(10, Vec::new()), room(20, Vec::new())]);
    let both = [anyone(), therapist(2, every_day("00:00", "23:59"))];
    let expected = taken(&[
        ("09:00", Some(10)),
        ("09:00", Some(10)),
        ("10:00", Some(10)),
        ("10:00", Some(10)),
    ]);
    assert_eq!(rooms_taken(&loc, &both, &needs_room()), expected);
}

#[test]
fn a_therapist_buffer_also_keeps_the_room() {
    let loc = clinic(vec![
        room(10, vec![span("2026-03-02 10:05", "2026-03-02 10:10")]),
        room(20, Vec::new()),
    ]);
    let mut t = anyone();
    t.buffer_minutes = 10;
    let expected = taken(&[("09:00", Some(20)), ("10:00", Some(20))]);
    assert_eq!(rooms_taken(&loc, &[t], &needs_room()), expected);
}

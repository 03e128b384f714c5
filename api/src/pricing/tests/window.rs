//! The validity window: its half-open bounds, open sides, and which instant it is matched on.

use super::*;

fn feb() -> Promotion {
    auto(1, pct(10)).valid(
        Some(at("2026-02-01T00:00:00Z")),
        Some(at("2026-03-01T00:00:00Z")),
        WindowBasis::AppointmentStart,
    )
}

#[test]
fn an_appointment_before_the_window_is_not_started() {
    let input = QuoteInput {
        appointment_start: at("2026-01-31T23:59:59Z"),
        ..booking(6_000)
    };
    assert_eq!(reason_for(&input, feb()), Some(Reason::NotStarted));
}

#[test]
fn an_appointment_exactly_at_the_start_is_inside_the_window() {
    let input = QuoteInput {
        appointment_start: at("2026-02-01T00:00:00Z"),
        ..booking(6_000)
    };
    assert_eq!(reason_for(&input, feb()), None);
}

#[test]
fn an_appointment_exactly_at_the_end_has_ended() {
    let input = QuoteInput {
        appointment_start: at("2026-03-01T00:00:00Z"),
        ..booking(6_000)
    };
    assert_eq!(reason_for(&input, feb()), Some(Reason::Ended));
    let earlier = QuoteInput {
        appointment_start: at("2026-02-28T23:59:59Z"),
        ..booking(6_000)
    };
    assert_eq!(reason_for(&earlier, feb()), None);
}

#[test]
fn the_window_is_matched_on_the_appointment_start_by_default() {
    assert_eq!(WindowBasis::default(), WindowBasis::AppointmentStart);
    // Booked in January for February: a February promotion applies.
    assert_eq!(reason_for(&booking(6_000), feb()), None);
}

#[test]
fn a_booking_time_window_looks_at_when_the_booking_was_made() {
    let booked_in_feb = |p: Promotion| Promotion {
        window_basis: WindowBasis::BookedAt,
        ..p
    };
    // Booked on 20 January for 10 February: "book in February" has not started.
    assert_eq!(
        reason_for(&booking(6_000), booked_in_feb(feb())),
        Some(Reason::NotStarted)
    );
    let january = auto(1, pct(10)).valid(
        Some(at("2026-01-01T00:00:00Z")),
        Some(at("2026-02-01T00:00:00Z")),
        WindowBasis::BookedAt,
    );
    assert_eq!(reason_for(&booking(6_000), january.clone()), None);
    let on_appointment = Promotion {
        window_basis: WindowBasis::AppointmentStart,
        ..january
    };
    assert_eq!(
        reason_for(&booking(6_000), on_appointment),
        Some(Reason::Ended)
    );
}

#[test]
fn an_open_sided_window_is_unbounded_on_that_side() {
    let until_feb = auto(1, pct(10)).valid(
        None,
        Some(at("2026-02-10T10:00:01Z")),
        WindowBasis::AppointmentStart,
    );
    assert_eq!(reason_for(&booking(6_000), until_feb), None);
    let from_feb = auto(1, pct(10)).valid(
        Some(at("2026-02-10T10:00:00Z")),
        None,
        WindowBasis::AppointmentStart,
    );
    assert_eq!(reason_for(&booking(6_000), from_feb), None);
}

#[test]
fn a_held_redemption_is_covered_by_window_and_scope_but_not_by_caps_or_history() {
    // Used up, capped for this client and not a first visit: none of that is asked again.
    let held = Promotion {
        total_cap: Some(1),
        redeemed_total: 1,
        per_client_cap: Some(1),
        redeemed_by_client: 1,
        first_visit_only: true,
        ..feb()
    };
    let returning = QuoteInput {
        first_visit: false,
        ..booking(6_000)
    };
    assert_eq!(covers(&held, &returning), Ok(()));
    let in_march = QuoteInput {
        appointment_start: at("2026-03-01T00:00:00Z"),
        ..returning.clone()
    };
    assert_eq!(covers(&held, &in_march), Err(Reason::Ended));
    let elsewhere = Promotion {
        location_ids: [id(99)].into(),
        ..held
    };
    assert_eq!(covers(&elsewhere, &returning), Err(Reason::OutOfScope));
}

//! Wall-clock schedules across the 2026 London transitions (29 March, 25 October):
//! gaps are skipped, ambiguous times take their first occurrence.

use chrono_tz::Europe::London;

use super::*;

#[test]
fn nine_to_five_starts_at_nine_local_on_both_sides_of_london_spring_forward() {
    let slots = starts_over(
        London,
        "2026-03-28",
        "2026-03-29",
        ("09:00", "17:00"),
        service(60),
        hourly(),
    );
    let expected = pairs(&[
        ("03-28 09:00", "03-28 09:00"),
        ("03-29 09:00", "03-29 08:00"),
    ]);
    assert_eq!(first_each_day(&slots, London), expected);
    assert_eq!(slots.len(), 16);
}

#[test]
fn nine_to_five_starts_at_nine_local_on_both_sides_of_london_fall_back() {
    let slots = starts_over(
        London,
        "2026-10-24",
        "2026-10-25",
        ("09:00", "17:00"),
        service(60),
        hourly(),
    );
    let expected = pairs(&[
        ("10-24 09:00", "10-24 08:00"),
        ("10-25 09:00", "10-25 09:00"),
    ]);
    assert_eq!(first_each_day(&slots, London), expected);
    assert_eq!(slots.len(), 16);
}

#[test]
fn starts_in_the_london_spring_forward_gap_are_skipped() {
    let slots = starts_over(
        London,
        "2026-03-29",
        "2026-03-29",
        ("00:30", "03:30"),
        service(30),
        policy(),
    );
    let local = [
        "00:30", "00:45", "02:00", "02:15", "02:30", "02:45", "03:00",
    ];
    assert_eq!(local_starts(&slots, London), local);
    assert_eq!(
        utc_starts(&slots),
        [
            "00:30", "00:45", "01:00", "01:15", "01:30", "01:45", "02:00"
        ]
    );
}

#[test]
fn an_opening_bound_in_the_gap_is_the_moment_the_clocks_jump() {
    let slots = starts_over(
        London,
        "2026-03-29",
        "2026-03-29",
        ("01:30", "04:00"),
        service(60),
        half_hourly(),
    );
    assert_eq!(local_starts(&slots, London), ["02:00", "02:30", "03:00"]);
    assert_eq!(slots[0].starts_at, utc("2026-03-29 01:00"));
}

#[test]
fn a_closing_bound_in_the_gap_is_the_moment_the_clocks_jump() {
    let slots = starts_over(
        London,
        "2026-03-29",
        "2026-03-29",
        ("00:00", "01:30"),
        service(30),
        half_hourly(),
    );
    assert_eq!(utc_starts(&slots), ["00:00", "00:30"]);
    assert_eq!(slots[1].ends_at, utc("2026-03-29 01:00"));
}

#[test]
fn an_ambiguous_fall_back_start_is_its_first_occurrence() {
    let slots = starts_over(
        London,
        "2026-10-25",
        "2026-10-25",
        ("01:00", "03:00"),
        service(30),
        half_hourly(),
    );
    assert_eq!(utc_starts(&slots), ["00:00", "00:30", "02:00", "02:30"]);
    let at_half_past_one: Vec<_> = slots
        .iter()
        .map(|s| {
            s.starts_at
                .with_timezone(&London)
                .format("%H:%M %:z")
                .to_string()
        })
        .filter(|l| l.starts_with("01:30"))
        .collect();
    assert_eq!(at_half_past_one, ["01:30 +01:00"]);
}

#[test]
fn an_ambiguous_closing_bound_is_its_first_occurrence() {
    let slots = starts_over(
        London,
        "2026-10-25",
        "2026-10-25",
        ("00:00", "01:30"),
        service(30),
        half_hourly(),
    );
    assert_eq!(local_starts(&slots, London), ["00:00", "00:30", "01:00"]);
    assert_eq!(slots[2].ends_at, utc("2026-10-25 00:30"));
}

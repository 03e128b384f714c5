//! Other zones: Denver (8 March / 1 November 2026), Sydney's southern-hemisphere DST
//! (ends 5 April, starts 4 October 2026) and Kolkata's +05:30 with no DST.

use chrono_tz::America::Denver;
use chrono_tz::Asia::Kolkata;
use chrono_tz::Australia::Sydney;

use super::*;

#[test]
fn nine_to_five_starts_at_nine_local_across_both_denver_transitions() {
    let spring = starts_over(
        Denver,
        "2026-03-07",
        "2026-03-08",
        ("09:00", "17:00"),
        service(60),
        hourly(),
    );
    let expected = pairs(&[
        ("03-07 09:00", "03-07 16:00"),
        ("03-08 09:00", "03-08 15:00"),
    ]);
    assert_eq!(first_each_day(&spring, Denver), expected);
    let autumn = starts_over(
        Denver,
        "2026-10-31",
        "2026-11-01",
        ("09:00", "17:00"),
        service(60),
        hourly(),
    );
    let expected = pairs(&[
        ("10-31 09:00", "10-31 15:00"),
        ("11-01 09:00", "11-01 16:00"),
    ]);
    assert_eq!(first_each_day(&autumn, Denver), expected);
}

#[test]
fn starts_in_the_denver_spring_forward_gap_are_skipped() {
    let slots = starts_over(
        Denver,
        "2026-03-08",
        "2026-03-08",
        ("01:00", "04:00"),
        service(60),
        half_hourly(),
    );
    assert_eq!(local_starts(&slots, Denver), ["01:00", "01:30", "03:00"]);
    assert_eq!(utc_starts(&slots), ["08:00", "08:30", "09:00"]);
}

#[test]
fn the_denver_repeated_hour_offers_one_round_of_starts() {
    let slots = starts_over(
        Denver,
        "2026-11-01",
        "2026-11-01",
        ("00:00", "03:00"),
        service(60),
        hourly(),
    );
    let local: Vec<_> = slots
        .iter()
        .map(|s| {
            s.starts_at
                .with_timezone(&Denver)
                .format("%H:%M %:z")
                .to_string()
        })
        .collect();
    assert_eq!(local, ["00:00 -06:00", "01:00 -06:00", "02:00 -07:00"]);
}

#[test]
fn the_grid_follows_local_time_in_kolkata() {
    let slots = starts_over(
        Kolkata,
        "2026-03-02",
        "2026-03-02",
        ("09:00", "12:00"),
        service(60),
        hourly(),
    );
    assert_eq!(local_starts(&slots, Kolkata), ["09:00", "10:00", "11:00"]);
    assert_eq!(utc_starts(&slots), ["03:30", "04:30", "05:30"]);
    let quarter = starts_over(
        Kolkata,
        "2026-03-02",
        "2026-03-02",
        ("09:10", "10:30"),
        service(60),
        policy(),
    );
    assert_eq!(local_starts(&quarter, Kolkata), ["09:15", "09:30"]);
    assert_eq!(utc_starts(&quarter), ["03:45", "04:00"]);
}

#[test]
fn nine_to_five_starts_at_nine_local_across_both_sydney_transitions() {
    let april = starts_over(
        Sydney,
        "2026-04-04",
        "2026-04-05",
        ("09:00", "17:00"),
        service(60),
        hourly(),
    );
    let expected = pairs(&[
        ("04-04 09:00", "04-03 22:00"),
        ("04-05 09:00", "04-04 23:00"),
    ]);
    assert_eq!(first_each_day(&april, Sydney), expected);
    let october = starts_over(
        Sydney,
        "2026-10-03",
        "2026-10-04",
        ("09:00", "17:00"),
        service(60),
        hourly(),
    );
    let expected = pairs(&[
        ("10-03 09:00", "10-02 23:00"),
        ("10-04 09:00", "10-03 22:00"),
    ]);
    assert_eq!(first_each_day(&october, Sydney), expected);
}

#[test]
fn sydney_skips_the_october_gap_and_takes_the_first_april_occurrence() {
    let october = starts_over(
        Sydney,
        "2026-10-04",
        "2026-10-04",
        ("01:00", "04:00"),
        service(60),
        hourly(),
    );
    assert_eq!(local_starts(&october, Sydney), ["01:00", "03:00"]);
    assert_eq!(utc_starts(&october), ["15:00", "16:00"]);
    let april = starts_over(
        Sydney,
        "2026-04-05",
        "2026-04-05",
        ("02:00", "04:00"),
        service(60),
        hourly(),
    );
    assert_eq!(local_starts(&april, Sydney), ["02:00", "03:00"]);
    assert_eq!(utc_starts(&april), ["15:00", "17:00"]);
}

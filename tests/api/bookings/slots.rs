use chrono::{Days, TimeDelta};
use serde_json::{Value, json};
use stride_tests::spawn_app;

use super::{SLOTS, Studio, book, london, monday};

fn input(studio: &Studio, from: chrono::DateTime<chrono::Utc>, days: u64) -> Value {
    let (service, location) = studio.ids();
    json!({
        "serviceId": service,
        "locationId": location,
        "durationMinutes": 60,
        "from": from.to_rfc3339(),
        "to": (from + TimeDelta::days(i64::try_from(days).unwrap_or(1))).to_rfc3339(),
    })
}

fn starts(body: &Value) -> Vec<String> {
    body["data"]["availableSlots"]
        .as_array()
        .unwrap_or_else(|| panic!("slots in {body}"))
        .iter()
        .map(|s| s["startsAt"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn a_therapists_monday_yields_every_start_on_the_grid_inside_the_schedule() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let day = monday(0);
    let body = app
        .gql(
            SLOTS,
            json!({ "input": input(&studio, london(day, 0, 0), 1) }),
        )
        .await;
    let got = starts(&body);
    // 09:00 to 12:00 every 15 minutes: the 60-minute session must end by 13:00.
    let expected: Vec<String> = (0..13)
        .map(|n| {
            let at = london(day, 9, 0) + TimeDelta::minutes(15 * n);
            at.with_timezone(&chrono_tz::Europe::London).to_rfc3339()
        })
        .collect();
    assert_eq!(got, expected, "{body}");
    let first = &body["data"]["availableSlots"][0];
    assert_eq!(first["therapist"]["name"], "Therapist 00");
    assert!(first["roomId"].is_string(), "{first}");
}

#[tokio::test]
async fn a_booked_slot_and_every_slot_overlapping_it_with_buffers_disappear() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let day = monday(0);
    let booked = book(
        &app,
        &studio,
        &studio.client.token,
        Some(0),
        london(day, 10, 0),
        60,
    )
    .await;
    assert!(booked.get("errors").is_none(), "{booked}");
    let body = app
        .gql(
            SLOTS,
            json!({ "input": input(&studio, london(day, 0, 0), 1) }),
        )
        .await;
    // Busy 10:00–11:10 (the longer of cleanup and therapist buffer, 10 min); a new
    // session needs 70 min free: 09:00 ends 10:10, so the first free start is 11:15.
    let got: Vec<String> = starts(&body).iter().map(|s| s[11..16].to_owned()).collect();
    assert_eq!(got, ["11:15", "11:30", "11:45", "12:00"], "{body}");
}

#[tokio::test]
async fn more_than_31_days_at_once_is_refused_and_31_are_served() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let from = london(monday(0), 0, 0);
    let body = app
        .gql(SLOTS, json!({ "input": input(&studio, from, 32) }))
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "VALIDATION",
        "{body}"
    );
    assert_eq!(body["errors"][0]["extensions"]["field"], "to", "{body}");
    let body = app
        .gql(SLOTS, json!({ "input": input(&studio, from, 31) }))
        .await;
    // Five Mondays at most fall in 31 days, 13 starts each.
    let count = starts(&body).len();
    assert!((4 * 13..=5 * 13).contains(&count), "{count}: {body}");
}

#[tokio::test]
async fn pre_and_post_event_slots_keep_to_the_days_around_the_race() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let day = monday(1);
    let ask = |purpose: &str, race: chrono::NaiveDate| {
        let mut input = input(&studio, london(day, 0, 0), 1);
        input["purpose"] = json!(purpose);
        input["raceDate"] = json!(race.to_string());
        json!({ "input": input })
    };
    let cases = [
        // Race on Thursday: Monday is 3 days before, inside 2–5.
        ("PRE_EVENT", day + Days::new(3), 13),
        // Race on Tuesday: Monday is the day before, too close.
        ("PRE_EVENT", day + Days::new(1), 0),
        // Race on Saturday: Monday is 2 days after, inside the three days after.
        ("POST_EVENT", day - Days::new(2), 13),
        // Race the Monday before: a week later is too late.
        ("POST_EVENT", day - Days::new(7), 0),
        ("MAINTENANCE", day - Days::new(7), 13),
    ];
    for (purpose, race, expected) in cases {
        let body = app.gql(SLOTS, ask(purpose, race)).await;
        assert_eq!(starts(&body).len(), expected, "{purpose} {race}: {body}");
    }
    // Without a race date and without an intake, the caller is asked for one.
    let mut input = input(&studio, london(day, 0, 0), 1);
    input["purpose"] = json!("PRE_EVENT");
    let body = app
        .gql_as(SLOTS, json!({ "input": input }), Some(&studio.client.token))
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "raceDate",
        "{body}"
    );
}

#[tokio::test]
async fn the_statements_behind_slots_do_not_grow_with_therapists_days_or_bookings() {
    let app = spawn_app().await;
    let small = Studio::open(&app, 1).await;
    let body = app
        .gql(
            SLOTS,
            json!({ "input": input(&small, london(monday(0), 0, 0), 1) }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    app.take_statement_count();
    app.gql(
        SLOTS,
        json!({ "input": input(&small, london(monday(0), 0, 0), 1) }),
    )
    .await;
    let few = app.take_statement_count();

    let large = Studio::open(&app, 6).await;
    for n in 0..6 {
        for week in 0..3 {
            let at = london(monday(week), 9 + u32::try_from(n % 3).unwrap_or(0), 0);
            let body = book(&app, &large, &large.client.token, Some(n), at, 30).await;
            assert!(body.get("errors").is_none(), "{body}");
        }
    }
    app.take_statement_count();
    let body = app
        .gql(
            SLOTS,
            json!({ "input": input(&large, london(monday(0), 0, 0), 21) }),
        )
        .await;
    assert!(starts(&body).len() > 13, "{body}");
    let many = app.take_statement_count();
    assert_eq!(
        few, many,
        "1 therapist, 1 day: {few}; 6 therapists, 21 days: {many}"
    );
}

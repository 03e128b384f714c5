use serde_json::{Value, json};
use stride_tests::{TestApp, error_codes, spawn_app, users};

use super::{Studio, book, london, monday, promotions::promote, reschedule_prices::held_counts};

const SERIES: &str =
    "mutation($input: CreateBookingSeriesInput!) { createBookingSeries(input: $input) {
  booked seriesId bookings { startsAt seriesId therapist { name } }
  conflicts { startsAt reason alternative { startsAt therapist { name } } } } }";

async fn series(app: &TestApp, studio: &Studio, token: &str, every: i64, count: i64) -> Value {
    let (service, location) = studio.ids();
    app.gql_as(
        SERIES,
        json!({ "input": {
            "serviceId": service,
            "locationId": location,
            "therapistId": studio.therapist_id(0),
            "startsAt": london(monday(0), 9, 0).to_rfc3339(),
            "durationMinutes": 60,
            "everyWeeks": every,
            "count": count,
        }}),
        Some(token),
    )
    .await
}

#[tokio::test]
async fn a_weekly_series_books_every_session_at_the_same_local_time() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let body = series(&app, &studio, &studio.client.token, 1, 4).await;
    let result = &body["data"]["createBookingSeries"];
    assert_eq!(result["booked"], true, "{body}");
    let bookings = result["bookings"].as_array().expect("bookings");
    assert_eq!(bookings.len(), 4);
    for (n, booking) in bookings.iter().enumerate() {
        let expected = london(monday(n as u64), 9, 0).with_timezone(&chrono_tz::Europe::London);
        assert_eq!(
            booking["startsAt"],
            json!(expected.to_rfc3339()),
            "{booking}"
        );
        assert_eq!(booking["seriesId"], result["seriesId"]);
    }
}

#[tokio::test]
async fn one_taken_date_books_nothing_and_offers_the_nearest_free_time() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let other = users::client(&app.db).await;
    let taken = book(
        &app,
        &studio,
        &other.token,
        Some(0),
        london(monday(2), 9, 0),
        60,
    )
    .await;
    assert!(taken.get("errors").is_none(), "{taken}");
    let body = series(&app, &studio, &studio.client.token, 1, 4).await;
    let result = &body["data"]["createBookingSeries"];
    assert_eq!(result["booked"], false, "{body}");
    assert_eq!(result["bookings"], json!([]));
    let conflicts = result["conflicts"].as_array().expect("conflicts");
    assert_eq!(conflicts.len(), 1, "{body}");
    assert_eq!(conflicts[0]["reason"], "SLOT_TAKEN");
    let zone = chrono_tz::Europe::London;
    assert_eq!(
        conflicts[0]["startsAt"],
        json!(london(monday(2), 9, 0).with_timezone(&zone).to_rfc3339())
    );
    // The other session holds 09:00–10:10 (with its buffer): 10:15 is the nearest start.
    assert_eq!(
        conflicts[0]["alternative"]["startsAt"],
        json!(london(monday(2), 10, 15).with_timezone(&zone).to_rfc3339()),
        "{body}"
    );
    let mine = app
        .gql_as(
            "{ myBookings { totalCount } }",
            json!({}),
            Some(&studio.client.token),
        )
        .await;
    assert_eq!(
        mine["data"]["myBookings"]["totalCount"], 0,
        "all or nothing: {mine}"
    );
}

#[tokio::test]
async fn a_series_is_two_to_twelve_sessions_one_to_four_weeks_apart() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    for (every, count, field) in [
        (0, 4, "everyWeeks"),
        (5, 4, "everyWeeks"),
        (1, 1, "count"),
        (1, 13, "count"),
    ] {
        let body = series(&app, &studio, &studio.client.token, every, count).await;
        assert_eq!(error_codes(&body), ["VALIDATION"], "{body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{body}");
    }
}

#[tokio::test]
async fn each_session_is_priced_at_its_own_start_and_only_the_first_is_a_first_visit() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let ends = london(monday(2), 0, 0).to_rfc3339();
    promote(
        &app,
        &studio,
        json!({ "name": "Welcome", "amountOffMinor": 1500, "firstVisitOnly": true }),
    )
    .await;
    promote(
        &app,
        &studio,
        json!({ "name": "Ten", "percentOff": 10, "validTo": ends }),
    )
    .await;
    let client = users::client(&app.db).await;
    let (service, location) = studio.ids();
    let body = app
        .gql_as(
            "mutation($input: CreateBookingSeriesInput!) { createBookingSeries(input: $input) {
              bookings { price { final { amountMinor } promotions { promotion { name } } } } } }",
            json!({ "input": {
                "serviceId": service, "locationId": location,
                "startsAt": london(monday(0), 9, 0).to_rfc3339(),
                "durationMinutes": 60, "everyWeeks": 1, "count": 4,
            }}),
            Some(&client.token),
        )
        .await;
    let prices: Vec<(Value, Value)> = body["data"]["createBookingSeries"]["bookings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|b| {
            let names = b["price"]["promotions"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| p["promotion"]["name"].clone())
                .collect();
            (
                b["price"]["final"]["amountMinor"].clone(),
                Value::Array(names),
            )
        })
        .collect();
    assert_eq!(
        prices,
        [
            (json!(4500), json!(["Welcome"])),
            (json!(5400), json!(["Ten"])),
            (json!(6000), json!([])),
            (json!(6000), json!([])),
        ],
        "{body}"
    );
}

#[tokio::test]
async fn a_refused_series_takes_no_redemption() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    promote(&app, &studio, json!({ "name": "Ten", "percentOff": 10 })).await;
    let other = users::client(&app.db).await;
    let taken = book(
        &app,
        &studio,
        &other.token,
        Some(0),
        london(monday(2), 9, 0),
        60,
    )
    .await;
    assert!(taken["data"]["createBooking"]["id"].is_string(), "{taken}");
    let body = series(&app, &studio, &studio.client.token, 1, 4).await;
    assert_eq!(
        body["data"]["createBookingSeries"]["booked"], false,
        "{body}"
    );
    // The other client's booking holds the only redemption.
    assert_eq!(held_counts(&app).await, 1);
}

use entity::enums::Modality;
use serde_json::json;
use stride_tests::{error_codes, fixtures, spawn_app, users};

use super::{CREATE, Studio, book, london, monday, reason};
use chrono::Days;

#[tokio::test]
async fn booking_a_free_slot_takes_the_first_free_room_at_the_list_price() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let body = book(
        &app,
        &studio,
        &studio.client.token,
        Some(0),
        london(monday(0), 9, 30),
        60,
    )
    .await;
    let booking = &body["data"]["createBooking"];
    assert_eq!(booking["status"], "PENDING", "{body}");
    assert_eq!(booking["therapist"]["name"], "Therapist 00");
    assert_eq!(
        booking["room"]["name"], "Room 1",
        "rooms are taken in name order"
    );
    assert_eq!(
        booking["price"]["list"],
        json!({"amountMinor": 6000, "currency": "GBP"})
    );
    assert_eq!(booking["price"]["final"]["amountMinor"], 6000);
    let starts = booking["startsAt"].as_str().unwrap_or_default();
    assert!(
        starts.contains("T09:30:00"),
        "local wall-clock time: {starts}"
    );
}

#[tokio::test]
async fn a_location_price_override_is_what_the_booking_costs() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    fixtures::price_override(&app.db, studio.service, 60, studio.location, 6_500).await;
    let body = book(
        &app,
        &studio,
        &studio.client.token,
        Some(0),
        london(monday(0), 9, 0),
        60,
    )
    .await;
    assert_eq!(
        body["data"]["createBooking"]["price"]["list"]["amountMinor"], 6500,
        "{body}"
    );
}

#[tokio::test]
async fn a_time_no_rule_allows_is_not_bookable_and_a_held_one_is_taken() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let tuesday = monday(0) + Days::new(1);
    let cases = [
        // The therapist does not work on Tuesdays.
        london(tuesday, 10, 0),
        // Off the 15-minute grid.
        london(monday(0), 10, 5),
        // The session would run past the end of the therapist's shift (13:00).
        london(monday(0), 12, 30),
    ];
    for at in cases {
        let body = book(&app, &studio, &studio.client.token, Some(0), at, 60).await;
        assert_eq!(error_codes(&body), ["VALIDATION"], "{at}: {body}");
        assert_eq!(reason(&body), "NOT_BOOKABLE", "{body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], "startsAt");
    }
    let at = london(monday(0), 10, 0);
    let first = book(&app, &studio, &studio.client.token, Some(0), at, 60).await;
    assert!(first.get("errors").is_none(), "{first}");
    let other = users::client(&app.db).await;
    let second = book(&app, &studio, &other.token, Some(0), at, 60).await;
    assert_eq!(error_codes(&second), ["CONFLICT"], "{second}");
    assert_eq!(reason(&second), "SLOT_TAKEN");
}

#[tokio::test]
async fn a_therapist_who_does_not_practise_the_service_cannot_be_booked_for_it() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 0).await;
    let thai = fixtures::therapist_specialising(
        &app.db,
        studio.clinic,
        "Thai only",
        &[studio.location],
        &[Modality::Thai],
    )
    .await;
    let studio = Studio {
        therapists: vec![thai],
        ..studio
    };
    let body = book(
        &app,
        &studio,
        &studio.client.token,
        Some(0),
        london(monday(0), 9, 0),
        60,
    )
    .await;
    assert_eq!(reason(&body), "NOT_QUALIFIED", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "therapistId");
}

#[tokio::test]
async fn with_no_therapist_named_the_one_with_fewest_bookings_that_day_is_picked() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 2).await;
    let day = monday(0);
    // Therapist 00 already has a booking that day; 01 has none.
    let early = book(
        &app,
        &studio,
        &studio.client.token,
        Some(0),
        london(day, 9, 0),
        30,
    )
    .await;
    assert!(early.get("errors").is_none(), "{early}");
    let body = book(
        &app,
        &studio,
        &studio.client.token,
        None,
        london(day, 11, 0),
        30,
    )
    .await;
    assert_eq!(
        body["data"]["createBooking"]["therapist"]["name"], "Therapist 01",
        "{body}"
    );
}

#[tokio::test]
async fn sending_the_same_idempotency_key_again_returns_the_first_booking() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let (service, location) = studio.ids();
    let input = |hour: u32| {
        json!({ "input": {
            "serviceId": service,
            "locationId": location,
            "therapistId": studio.therapist_id(0),
            "startsAt": london(monday(0), hour, 0).to_rfc3339(),
            "idempotencyKey": "checkout-42",
        }})
    };
    let token = Some(studio.client.token.as_str());
    let first = app.gql_as(CREATE, input(9), token).await;
    let again = app.gql_as(CREATE, input(9), token).await;
    assert_eq!(
        first["data"]["createBooking"]["id"],
        again["data"]["createBooking"]["id"]
    );
    assert!(first["data"]["createBooking"]["id"].is_string(), "{first}");
    let other = app.gql_as(CREATE, input(11), token).await;
    assert_eq!(reason(&other), "IDEMPOTENCY_KEY_REUSED", "{other}");
}

#[tokio::test]
async fn booking_needs_a_signed_in_caller() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let (service, location) = studio.ids();
    let body = app
        .gql(
            CREATE,
            json!({ "input": {
                "serviceId": service,
                "locationId": location,
                "startsAt": london(monday(0), 9, 0).to_rfc3339(),
            }}),
        )
        .await;
    assert_eq!(error_codes(&body), ["UNAUTHENTICATED"], "{body}");
}

#[tokio::test]
async fn instants_far_from_today_are_refused_not_a_crash() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let (service, location) = studio.ids();
    let far = "+262142-12-30T00:00:00Z";
    let slots = app
        .gql(
            super::SLOTS,
            json!({ "input": {
                "serviceId": service, "locationId": location,
                "from": far, "to": "+262142-12-31T00:00:00Z",
            }}),
        )
        .await;
    assert_eq!(error_codes(&slots), ["VALIDATION"], "{slots}");
    assert_eq!(slots["errors"][0]["extensions"]["field"], "from");
    let body = app
        .gql_as(
            CREATE,
            json!({ "input": { "serviceId": service, "locationId": location, "startsAt": far } }),
            Some(&studio.client.token),
        )
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "startsAt",
        "{body}"
    );
    let race = app
        .gql(
            super::SLOTS,
            json!({ "input": {
                "serviceId": service, "locationId": location, "purpose": "PRE_EVENT",
                "raceDate": "+200000-01-01",
                "from": london(monday(0), 0, 0).to_rfc3339(),
                "to": london(monday(1), 0, 0).to_rfc3339(),
            }}),
        )
        .await;
    assert!(race.get("errors").is_some(), "{race}");
}

#[tokio::test]
async fn a_start_between_grid_times_books_nothing() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let almost = london(monday(0), 10, 0) - chrono::TimeDelta::seconds(30);
    let body = book(&app, &studio, &studio.client.token, Some(0), almost, 60).await;
    assert_eq!(reason(&body), "NOT_BOOKABLE", "{body}");
}

#[tokio::test]
async fn an_archived_service_takes_no_new_bookings_but_its_bookings_still_move() {
    use entity::service;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let token = &studio.client.token;
    let booked = book(&app, &studio, token, Some(0), london(monday(0), 9, 0), 60).await;
    let id = booked["data"]["createBooking"]["id"].clone();
    assert!(id.is_string(), "{booked}");
    service::Entity::update_many()
        .col_expr(service::Column::ArchivedAt, Expr::value(chrono::Utc::now()))
        .filter(service::Column::Id.eq(studio.service))
        .exec(&app.db)
        .await
        .expect("archived");

    let body = book(&app, &studio, token, Some(0), london(monday(0), 11, 0), 60).await;
    assert_eq!(reason(&body), "ARCHIVED", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "serviceId");
    let moved = app
        .gql_as(
            "mutation($id: ID!, $at: DateTime!) { rescheduleBooking(input: { id: $id, startsAt: $at }) { id } }",
            json!({ "id": id, "at": london(monday(0), 11, 0).to_rfc3339() }),
            Some(token),
        )
        .await;
    assert_eq!(moved["data"]["rescheduleBooking"]["id"], id, "{moved}");
}

#[tokio::test]
async fn a_service_is_booked_only_at_its_own_clinics_locations() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let other = fixtures::clinic(&app.db, "Other").await;
    let theirs = fixtures::location(&app.db, other, "Theirs").await;
    let mut variables = super::input(&studio, None, london(monday(0), 9, 0), 60);
    variables["input"]["locationId"] =
        json!(stride_api::graphql::id::encode(stride_api::graphql::id::Kind::Location, theirs).0);
    let body = app
        .gql_as(CREATE, variables, Some(&studio.client.token))
        .await;
    assert_eq!(reason(&body), "OTHER_CLINIC", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "locationId");
}

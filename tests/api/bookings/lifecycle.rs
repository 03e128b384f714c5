use serde_json::{Value, json};
use stride_tests::{TestApp, error_codes, spawn_app, users};

use super::{SLOTS, Studio, book, book_id, london, monday, reason, set_cutoff, started_booking};

async fn run(app: &TestApp, mutation: &str, id: &str, token: &str) -> Value {
    let query =
        format!("mutation($id: ID!) {{ {mutation}(id: $id) {{ id status lateCancellation }} }}");
    app.gql_as(&query, json!({ "id": id }), Some(token)).await
}

fn status<'a>(body: &'a Value, mutation: &str) -> &'a str {
    body["data"][mutation]["status"]
        .as_str()
        .unwrap_or("<error>")
}

#[tokio::test]
async fn the_therapist_confirms_a_pending_booking_once_and_the_client_may_not() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let id = book_id(
        &app,
        &studio,
        &studio.client.token,
        Some(0),
        london(monday(0), 9, 0),
        60,
    )
    .await;
    let body = run(&app, "confirmBooking", &id, &studio.client.token).await;
    assert_eq!(error_codes(&body), ["FORBIDDEN"], "{body}");
    let therapist = users::therapist(&app.db, studio.clinic, studio.therapists[0]).await;
    let body = run(&app, "confirmBooking", &id, &therapist.token).await;
    assert_eq!(status(&body, "confirmBooking"), "CONFIRMED", "{body}");
    let again = run(&app, "confirmBooking", &id, &therapist.token).await;
    assert_eq!(reason(&again), "INVALID_TRANSITION", "{again}");
    assert_eq!(
        again["errors"][0]["extensions"]["currentStatus"],
        "CONFIRMED"
    );
    // Someone with no part in it learns nothing, not even that it exists.
    let stranger = users::client(&app.db).await;
    let body = run(&app, "cancelBooking", &id, &stranger.token).await;
    assert_eq!(error_codes(&body), ["NOT_FOUND"], "{body}");
}

#[tokio::test]
async fn sessions_are_completed_or_marked_no_shows_only_once_started() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let manager = users::location_manager(&app.db, studio.clinic, studio.location).await;
    let future = book_id(
        &app,
        &studio,
        &studio.client.token,
        Some(0),
        london(monday(0), 9, 0),
        60,
    )
    .await;
    let body = run(&app, "completeBooking", &future, &manager.token).await;
    assert_eq!(reason(&body), "NOT_STARTED", "{body}");
    let past = started_booking(&app, &studio, studio.client.user_id, 2).await;
    let body = run(&app, "markNoShow", &past, &manager.token).await;
    assert_eq!(status(&body, "markNoShow"), "NO_SHOW", "{body}");
    let body = run(&app, "completeBooking", &past, &manager.token).await;
    assert_eq!(
        body["errors"][0]["extensions"]["currentStatus"], "NO_SHOW",
        "{body}"
    );
}

#[tokio::test]
async fn a_client_cancelling_inside_the_cutoff_is_flagged_late_and_after_the_start_refused() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let early = book_id(
        &app,
        &studio,
        &studio.client.token,
        Some(0),
        london(monday(0), 9, 0),
        30,
    )
    .await;
    let body = run(&app, "cancelBooking", &early, &studio.client.token).await;
    assert_eq!(
        status(&body, "cancelBooking"),
        "CANCELLED_BY_CLIENT",
        "{body}"
    );
    assert_eq!(body["data"]["cancelBooking"]["lateCancellation"], false);

    // A week's cutoff makes the next booking's cancellation late.
    set_cutoff(&app, studio.clinic, 7 * 24 * 60).await;
    let late = book_id(
        &app,
        &studio,
        &studio.client.token,
        Some(0),
        london(monday(0), 10, 0),
        30,
    )
    .await;
    let body = run(&app, "cancelBooking", &late, &studio.client.token).await;
    assert_eq!(
        body["data"]["cancelBooking"]["lateCancellation"], true,
        "{body}"
    );

    let started = started_booking(&app, &studio, studio.client.user_id, 1).await;
    let body = run(&app, "cancelBooking", &started, &studio.client.token).await;
    assert_eq!(reason(&body), "STARTED", "{body}");
    let admin = users::franchise_admin(&app.db, studio.clinic).await;
    let body = run(&app, "cancelBooking", &started, &admin.token).await;
    assert_eq!(
        status(&body, "cancelBooking"),
        "CANCELLED_BY_CLINIC",
        "{body}"
    );
}

const RESCHEDULE: &str = "mutation($input: RescheduleBookingInput!) { rescheduleBooking(input: $input) { id status startsAt } }";

#[tokio::test]
async fn rescheduling_frees_the_old_time_only_when_the_new_one_is_taken() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let day = monday(0);
    let id = book_id(
        &app,
        &studio,
        &studio.client.token,
        Some(0),
        london(day, 9, 0),
        60,
    )
    .await;
    let other = users::client(&app.db).await;
    let theirs = book(&app, &studio, &other.token, Some(0), london(day, 11, 0), 60).await;
    assert!(theirs.get("errors").is_none(), "{theirs}");

    let onto_theirs = json!({ "input": { "id": id, "startsAt": london(day, 11, 0).to_rfc3339() } });
    let body = app
        .gql_as(RESCHEDULE, onto_theirs, Some(&studio.client.token))
        .await;
    assert_eq!(reason(&body), "SLOT_TAKEN", "{body}");

    // A quarter of an hour later overlaps the booking's own time: that does not count.
    let nudge = json!({ "input": { "id": id, "startsAt": london(day, 9, 15).to_rfc3339() } });
    let body = app
        .gql_as(RESCHEDULE, nudge, Some(&studio.client.token))
        .await;
    let starts = body["data"]["rescheduleBooking"]["startsAt"]
        .as_str()
        .unwrap_or_default();
    assert!(starts.contains("T09:15:00"), "{body}");
    let (service, location) = studio.ids();
    let slots = app
        .gql(
            SLOTS,
            json!({ "input": {
                "serviceId": service, "locationId": location, "durationMinutes": 60,
                "from": london(day, 0, 0).to_rfc3339(), "to": london(day, 23, 0).to_rfc3339(),
            }}),
        )
        .await;
    let free: Vec<&str> = slots["data"]["availableSlots"]
        .as_array()
        .map(|s| s.iter().filter_map(|s| s["startsAt"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        !free.iter().any(|s| s.contains("T09:00:00")),
        "09:00 is held by the move"
    );
    assert!(
        !free.iter().any(|s| s.contains("T10:00:00")),
        "10:00 overlaps 09:15–10:25"
    );
}

#[tokio::test]
async fn a_client_may_not_move_a_session_inside_the_cutoff_but_the_clinic_may() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    set_cutoff(&app, studio.clinic, 7 * 24 * 60).await;
    let day = monday(0);
    let id = book_id(
        &app,
        &studio,
        &studio.client.token,
        Some(0),
        london(day, 9, 0),
        60,
    )
    .await;
    let later = json!({ "input": { "id": id, "startsAt": london(day, 11, 0).to_rfc3339() } });
    let body = app
        .gql_as(RESCHEDULE, later.clone(), Some(&studio.client.token))
        .await;
    assert_eq!(reason(&body), "PAST_CUTOFF", "{body}");
    let manager = users::location_manager(&app.db, studio.clinic, studio.location).await;
    let body = app.gql_as(RESCHEDULE, later, Some(&manager.token)).await;
    assert!(
        body["data"]["rescheduleBooking"]["id"].is_string(),
        "{body}"
    );
}

#[tokio::test]
async fn a_therapist_moves_their_own_booking_but_cannot_hand_it_to_a_colleague() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 2).await;
    let day = monday(0);
    let id = book_id(
        &app,
        &studio,
        &studio.client.token,
        Some(0),
        london(day, 9, 0),
        60,
    )
    .await;
    let therapist = users::therapist(&app.db, studio.clinic, studio.therapists[0]).await;
    let hand_over = json!({ "input": {
        "id": id, "startsAt": london(day, 9, 0).to_rfc3339(), "therapistId": studio.therapist_id(1),
    }});
    let body = app
        .gql_as(RESCHEDULE, hand_over.clone(), Some(&therapist.token))
        .await;
    assert_eq!(error_codes(&body), ["FORBIDDEN"], "{body}");
    let later = json!({ "input": { "id": id, "startsAt": london(day, 11, 0).to_rfc3339() } });
    let body = app.gql_as(RESCHEDULE, later, Some(&therapist.token)).await;
    assert!(
        body["data"]["rescheduleBooking"]["id"].is_string(),
        "{body}"
    );
    let manager = users::location_manager(&app.db, studio.clinic, studio.location).await;
    let body = app
        .gql_as(RESCHEDULE, hand_over, Some(&manager.token))
        .await;
    assert!(
        body["data"]["rescheduleBooking"]["id"].is_string(),
        "{body}"
    );
}

//! Who sees which bookings, and whose intake (health data) reaches whom.

use chrono::TimeDelta;
use serde_json::{Value, json};
use stride_api::graphql::id::{Kind, encode};
use stride_tests::{TestApp, fixtures, spawn_app, users};

use super::{Studio, london, monday};

const BOOK_WITH_INTAKE: &str =
    "mutation($input: CreateBookingInput!) { createBooking(input: $input) { id } }";

async fn book_with_intake(
    app: &TestApp,
    studio: &Studio,
    token: &str,
    therapist: usize,
    hour: u32,
) -> String {
    let (service, location) = studio.ids();
    let body = app
        .gql_as(
            BOOK_WITH_INTAKE,
            json!({ "input": {
                "serviceId": service,
                "locationId": location,
                "therapistId": studio.therapist_id(therapist),
                "startsAt": london(monday(0), hour, 0).to_rfc3339(),
                "intake": {
                    "weeklyDistanceKm": 55,
                    "nextRaceName": "Manchester Marathon",
                    "painAreas": ["ACHILLES", "CALVES"],
                    "conditions": ["Achilles tendinopathy"],
                    "medicalNotes": "Left Achilles sore after long runs",
                    "pressurePreference": "FIRM",
                },
            }}),
            Some(token),
        )
        .await;
    body["data"]["createBooking"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("booked: {body}"))
        .to_owned()
}

/// Everyone who might ask, by name, with their token (anonymous has none).
async fn askers(app: &TestApp, studio: &Studio) -> Vec<(&'static str, Option<String>)> {
    let db = &app.db;
    let elsewhere = fixtures::location(db, studio.clinic, "Elsewhere").await;
    let other_clinic = fixtures::clinic(db, "Other clinic").await;
    vec![
        ("anonymous", None),
        (
            "platform admin",
            Some(users::platform_admin(db).await.token),
        ),
        (
            "therapist 0",
            Some(
                users::therapist(db, studio.clinic, studio.therapists[0])
                    .await
                    .token,
            ),
        ),
        (
            "therapist 1",
            Some(
                users::therapist(db, studio.clinic, studio.therapists[1])
                    .await
                    .token,
            ),
        ),
        (
            "manager here",
            Some(
                users::location_manager(db, studio.clinic, studio.location)
                    .await
                    .token,
            ),
        ),
        (
            "manager elsewhere",
            Some(
                users::location_manager(db, studio.clinic, elsewhere)
                    .await
                    .token,
            ),
        ),
        (
            "admin here",
            Some(users::franchise_admin(db, studio.clinic).await.token),
        ),
        (
            "admin elsewhere",
            Some(users::franchise_admin(db, other_clinic).await.token),
        ),
        ("another client", Some(users::client(db).await.token)),
    ]
}

#[tokio::test]
async fn each_caller_lists_only_the_bookings_they_may_see() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 2).await;
    book_with_intake(&app, &studio, &studio.client.token, 0, 9).await;
    let other = users::client(&app.db).await;
    book_with_intake(&app, &studio, &other.token, 1, 9).await;
    let mut expected = vec![
        ("anonymous", 0),
        ("platform admin", 2),
        ("therapist 0", 1),
        ("therapist 1", 1),
        ("manager here", 2),
        ("manager elsewhere", 0),
        ("admin here", 2),
        ("admin elsewhere", 0),
        ("another client", 0),
    ];
    expected.sort();
    let mut got = Vec::new();
    for (who, token) in askers(&app, &studio).await {
        let body = app
            .gql_as(
                "{ bookings(first: 50) { totalCount edges { node { id } } } }",
                json!({}),
                token.as_deref(),
            )
            .await;
        let count = body["data"]["bookings"]["edges"]
            .as_array()
            .map_or(usize::MAX, Vec::len);
        assert_eq!(
            body["data"]["bookings"]["totalCount"],
            json!(count),
            "{who}: {body}"
        );
        got.push((who, count));
    }
    got.sort();
    assert_eq!(got, expected);
    let mine = app
        .gql_as(
            "{ myBookings { edges { node { client { id } } } } }",
            json!({}),
            Some(&studio.client.token),
        )
        .await;
    assert_eq!(
        mine["data"]["myBookings"]["edges"].as_array().map(Vec::len),
        Some(1),
        "{mine}"
    );
}

#[tokio::test]
async fn intake_reaches_only_the_client_the_booked_therapist_and_the_clinics_staff() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 2).await;
    let id = book_with_intake(&app, &studio, &studio.client.token, 0, 9).await;
    // The client edits the form afterwards: the booking keeps what it read when booked.
    let edit = app
        .gql_as(
            "mutation { updateIntake(input: { medicalNotes: \"All better\" }) { medicalNotes } }",
            json!({}),
            Some(&studio.client.token),
        )
        .await;
    assert_eq!(
        edit["data"]["updateIntake"]["medicalNotes"], "All better",
        "{edit}"
    );

    let by_id = "query($id: ID!) { booking(id: $id) { intake { medicalNotes painAreas } } }";
    let by_node =
        "query($id: ID!) { node(id: $id) { ... on Booking { intake { medicalNotes } } } }";
    let readers = ["therapist 0", "manager here", "admin here"];
    let mut callers = askers(&app, &studio).await;
    callers.push(("the client", Some(studio.client.token.clone())));
    for (who, token) in callers {
        let token = token.as_deref();
        let direct = app.gql_as(by_id, json!({ "id": id }), token).await;
        let node = app.gql_as(by_node, json!({ "id": id }), token).await;
        let notes = |body: &Value, root: &str| body["data"][root]["intake"]["medicalNotes"].clone();
        if readers.contains(&who) || who == "the client" {
            let snapshot = json!("Left Achilles sore after long runs");
            assert_eq!(notes(&direct, "booking"), snapshot, "{who}: {direct}");
            assert_eq!(notes(&node, "node"), snapshot, "{who}: {node}");
            assert_eq!(
                direct["data"]["booking"]["intake"]["painAreas"],
                json!(["ACHILLES", "CALVES"])
            );
        } else {
            assert_eq!(notes(&direct, "booking"), Value::Null, "{who}: {direct}");
            assert_eq!(notes(&node, "node"), Value::Null, "{who}: {node}");
            // Only the platform admin sees the booking at all, and without its intake.
            let seen = !direct["data"]["booking"].is_null();
            assert_eq!(seen, who == "platform admin", "{who}: {direct}");
        }
        assert!(
            direct.get("errors").is_none() && node.get("errors").is_none(),
            "{who}"
        );
    }
}

#[tokio::test]
async fn a_therapists_day_reads_in_start_order_and_pages_both_ways() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let day = monday(0);
    let starts: Vec<_> = [3, 0, 4, 1, 2]
        .iter()
        .map(|n| london(day, 9, 0) + TimeDelta::minutes(45 * n))
        .collect();
    for at in &starts {
        let body = super::book(&app, &studio, &studio.client.token, Some(0), *at, 30).await;
        assert!(body.get("errors").is_none(), "{body}");
    }
    let therapist = users::therapist(&app.db, studio.clinic, studio.therapists[0]).await;
    let query = "query($t: ID!, $from: DateTime!, $to: DateTime!, $first: Int, $after: String, $last: Int, $before: String) {
      bookings(filter: { therapistId: $t, from: $from, to: $to }, first: $first, after: $after, last: $last, before: $before) {
        edges { cursor node { startsAt } } pageInfo { hasNextPage hasPreviousPage endCursor startCursor } } }";
    let vars = |extra: Value| {
        let mut v = json!({
            "t": encode(Kind::Therapist, studio.therapists[0]).0,
            "from": london(day, 0, 0).to_rfc3339(),
            "to": london(day, 23, 0).to_rfc3339(),
        });
        for (k, value) in extra.as_object().cloned().unwrap_or_default() {
            v[k] = value;
        }
        v
    };
    let mut forward = Vec::new();
    let mut after = Value::Null;
    loop {
        let body = app
            .gql_as(
                query,
                vars(json!({ "first": 2, "after": after })),
                Some(&therapist.token),
            )
            .await;
        let page = &body["data"]["bookings"];
        for edge in page["edges"].as_array().unwrap_or_else(|| panic!("{body}")) {
            forward.push(
                edge["node"]["startsAt"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            );
        }
        if page["pageInfo"]["hasNextPage"] != json!(true) {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    let mut sorted = starts.clone();
    sorted.sort();
    let expected: Vec<String> = sorted
        .iter()
        .map(|at| at.with_timezone(&chrono_tz::Europe::London).to_rfc3339())
        .collect();
    assert_eq!(forward, expected);
    let mut backward = Vec::new();
    let mut before = Value::Null;
    loop {
        let body = app
            .gql_as(
                query,
                vars(json!({ "last": 2, "before": before })),
                Some(&therapist.token),
            )
            .await;
        let page = &body["data"]["bookings"];
        let mut edges: Vec<String> = page["edges"]
            .as_array()
            .unwrap_or_else(|| panic!("{body}"))
            .iter()
            .map(|e| {
                e["node"]["startsAt"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect();
        edges.extend(backward);
        backward = edges;
        if page["pageInfo"]["hasPreviousPage"] != json!(true) {
            break;
        }
        before = page["pageInfo"]["startCursor"].clone();
    }
    assert_eq!(backward, expected);
}

#[tokio::test]
async fn a_cursor_from_another_kind_of_list_is_an_invalid_cursor() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let clinics = app
        .gql(
            "{ clinics(first: 1) { pageInfo { endCursor } } }",
            json!({}),
        )
        .await;
    let cursor = clinics["data"]["clinics"]["pageInfo"]["endCursor"].clone();
    let body = app
        .gql_as(
            "query($after: String) { bookings(after: $after) { edges { cursor } } }",
            json!({ "after": cursor }),
            Some(&studio.client.token),
        )
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "VALIDATION",
        "{body}"
    );
    assert_eq!(body["errors"][0]["extensions"]["field"], "after", "{body}");
}

//! Callback requests: anyone leaves one, the clinic's staff see and resolve them.

use serde_json::{Value, json};
use stride_api::graphql::id::{Kind, encode};
use stride_tests::{TestApp, error_codes, fixtures, spawn_app, spawn_app_with, users};

const REQUEST: &str =
    "mutation($input: RequestCallbackInput!) { requestCallback(input: $input) { id status } }";
const LIST: &str = "query($c: ID!, $s: CallbackStatus) { callbackRequests(clinicId: $c, status: $s) { totalCount edges { node { id name phone preferredTime message status } } } }";

fn input(clinic: uuid::Uuid) -> Value {
    json!({ "input": {
        "clinicId": encode(Kind::Clinic, clinic).0,
        "name": "Priya Runner",
        "phone": "+44 7700 900123",
        "preferredTime": "weekday mornings",
        "message": "Sore calves after my first half marathon",
    }})
}

async fn list(app: &TestApp, clinic: uuid::Uuid, status: Option<&str>, token: &str) -> Value {
    let vars = json!({ "c": encode(Kind::Clinic, clinic).0, "s": status });
    app.gql_as(LIST, vars, Some(token)).await
}

#[tokio::test]
async fn an_anonymous_visitor_asks_for_a_callback_and_the_clinics_staff_resolve_it() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let location = fixtures::location(&app.db, clinic, "Leeds").await;
    let body = app.gql(REQUEST, input(clinic)).await;
    assert_eq!(body["data"]["requestCallback"]["status"], "OPEN", "{body}");
    let id = body["data"]["requestCallback"]["id"].clone();

    let admin = users::franchise_admin(&app.db, clinic).await;
    let manager = users::location_manager(&app.db, clinic, location).await;
    for token in [&admin.token, &manager.token] {
        let seen = list(&app, clinic, Some("OPEN"), token).await;
        assert_eq!(seen["data"]["callbackRequests"]["totalCount"], 1, "{seen}");
        let node = &seen["data"]["callbackRequests"]["edges"][0]["node"];
        assert_eq!(node["phone"], "+44 7700 900123");
        assert_eq!(node["preferredTime"], "weekday mornings");
    }
    let therapist_id = fixtures::therapist(&app.db, clinic, "Ana", &[location], true).await;
    let therapist = users::therapist(&app.db, clinic, therapist_id).await;
    let other_admin =
        users::franchise_admin(&app.db, fixtures::clinic(&app.db, "Other").await).await;
    for token in [
        &therapist.token,
        &other_admin.token,
        &users::client(&app.db).await.token,
    ] {
        let refused = list(&app, clinic, None, token).await;
        assert_eq!(error_codes(&refused), ["FORBIDDEN"], "{refused}");
        let node = app
            .gql_as(
                "query($id: ID!) { node(id: $id) { id } }",
                json!({ "id": id }),
                Some(token),
            )
            .await;
        assert_eq!(node["data"]["node"], Value::Null, "{node}");
    }

    let resolve = "mutation($id: ID!) { resolveCallbackRequest(id: $id) { status resolvedAt } }";
    let done = app
        .gql_as(resolve, json!({ "id": id }), Some(&manager.token))
        .await;
    assert_eq!(
        done["data"]["resolveCallbackRequest"]["status"], "RESOLVED",
        "{done}"
    );
    let again = app
        .gql_as(resolve, json!({ "id": id }), Some(&admin.token))
        .await;
    assert_eq!(
        again["errors"][0]["extensions"]["reason"], "ALREADY_RESOLVED",
        "{again}"
    );
    let open = list(&app, clinic, Some("OPEN"), &admin.token).await;
    assert_eq!(open["data"]["callbackRequests"]["totalCount"], 0, "{open}");
}

#[tokio::test]
async fn callback_requests_are_throttled_per_address_however_they_are_sent() {
    let app = spawn_app_with(|s| s.auth.callbacks_per_address = 3).await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    // Five aliases in one operation: three get through, two are refused.
    let aliases: String = (0..5)
        .map(|n| format!("r{n}: requestCallback(input: $input) {{ id }} "))
        .collect();
    let body = app
        .gql(
            &format!("mutation($input: RequestCallbackInput!) {{ {aliases} }}"),
            input(clinic),
        )
        .await;
    let accepted = (0..5)
        .filter(|n| body["data"][format!("r{n}")]["id"].is_string())
        .count();
    assert_eq!(accepted, 3, "{body}");
    assert_eq!(
        error_codes(&body),
        ["RATE_LIMITED", "RATE_LIMITED"],
        "{body}"
    );
    let later = app.gql(REQUEST, input(clinic)).await;
    assert_eq!(error_codes(&later), ["RATE_LIMITED"], "{later}");
}

#[tokio::test]
async fn a_callback_request_needs_a_phone_and_a_location_of_the_clinic() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let other = fixtures::clinic(&app.db, "Other").await;
    let elsewhere = fixtures::location(&app.db, other, "Elsewhere").await;
    let mut bad_phone = input(clinic);
    bad_phone["input"]["phone"] = json!("call me");
    let body = app.gql(REQUEST, bad_phone).await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "phone", "{body}");
    let mut wrong_place = input(clinic);
    wrong_place["input"]["locationId"] = json!(encode(Kind::Location, elsewhere).0);
    let body = app.gql(REQUEST, wrong_place).await;
    assert_eq!(
        body["errors"][0]["extensions"]["reason"], "OTHER_CLINIC",
        "{body}"
    );
    let mut no_name = input(clinic);
    no_name["input"]["name"] = json!("  ");
    let body = app.gql(REQUEST, no_name).await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "name", "{body}");
}

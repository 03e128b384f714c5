//! Opaque IDs: `node(id)` finds anything public; unknown or malformed IDs never crash.

use serde_json::json;
use stride_api::graphql::id::{Kind, encode};
use stride_tests::{error_codes, fixtures, spawn_app, users};
use uuid::Uuid;

#[tokio::test]
async fn node_finds_each_public_kind_by_its_id() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let location = fixtures::location(&app.db, clinic, "Shoreditch").await;
    let therapist = fixtures::therapist(&app.db, clinic, "Ana", &[location], true).await;
    let service = fixtures::service(&app.db, clinic, "Sports massage", false).await;

    let data = app
        .gql_ok(
            "query($c: ID!) { clinic(id: $c) { id locations { edges { node { id therapists { edges { node { id } } } } } } services { edges { node { id variants { id } } } } } }",
            json!({ "c": encode(Kind::Clinic, clinic).0 }),
        )
        .await;
    let clinic_id = data["clinic"]["id"].clone();
    let location_node = &data["clinic"]["locations"]["edges"][0]["node"];
    let service_node = &data["clinic"]["services"]["edges"][0]["node"];
    let ids = [
        (clinic_id, "Clinic"),
        (location_node["id"].clone(), "Location"),
        (
            location_node["therapists"]["edges"][0]["node"]["id"].clone(),
            "Therapist",
        ),
        (service_node["id"].clone(), "Service"),
        (service_node["variants"][0]["id"].clone(), "ServiceVariant"),
    ];
    for (id, typename) in ids {
        let found = app
            .gql_ok(
                "query($id: ID!) { node(id: $id) { __typename id } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(found["node"]["__typename"], typename);
        assert_eq!(found["node"]["id"], id);
    }
    let _ = (therapist, service);
}

#[tokio::test]
async fn unknown_and_malformed_ids_find_nothing() {
    let app = spawn_app().await;
    let unknown = encode(Kind::Clinic, Uuid::new_v4()).0;
    for id in [unknown.as_str(), "", "not-an-id", "Q2xpbmljOjE"] {
        let data = app
            .gql_ok(
                "query($id: ID!) { node(id: $id) { id } clinic(id: $id) { id } location(id: $id) { id } therapist(id: $id) { id } service(id: $id) { id } }",
                json!({ "id": id }),
            )
            .await;
        for field in ["node", "clinic", "location", "therapist", "service"] {
            assert!(data[field].is_null(), "{field} for {id:?}: {data}");
        }
    }
}

#[tokio::test]
async fn an_id_of_one_kind_does_not_find_another_kind() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let clinic_id = encode(Kind::Clinic, clinic).0;
    let data = app
        .gql_ok(
            "query($id: ID!) { location(id: $id) { id } clinic(id: $id) { id } }",
            json!({ "id": clinic_id }),
        )
        .await;
    assert!(data["location"].is_null());
    assert_eq!(data["clinic"]["id"], clinic_id);
}

#[tokio::test]
async fn lists_under_an_unknown_parent_are_not_found() {
    let app = spawn_app().await;
    let unknown = encode(Kind::Clinic, Uuid::new_v4()).0;
    for query in [
        "query($id: ID!) { locations(clinicId: $id) { totalCount } }",
        "query($id: ID!) { services(clinicId: $id) { totalCount } }",
        "query($id: ID!) { therapists(clinicId: $id) { totalCount } }",
    ] {
        let body = app.gql(query, json!({ "id": unknown })).await;
        assert_eq!(error_codes(&body), ["NOT_FOUND"], "{query}: {body}");
        let malformed = app.gql(query, json!({ "id": "garbage" })).await;
        assert_eq!(
            error_codes(&malformed),
            ["NOT_FOUND"],
            "{query}: {malformed}"
        );
    }
}

#[tokio::test]
async fn node_finds_rooms_and_closures_for_anyone() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let location = fixtures::location(&app.db, clinic, "Shoreditch").await;
    let location_id = encode(Kind::Location, location).0;
    let data = app
        .gql_ok(
            "query($l: ID!) { location(id: $l) { rooms { id } closures { id } } }",
            json!({ "l": location_id }),
        )
        .await;
    let room = data["location"]["rooms"][0]["id"].clone();
    let closure = data["location"]["closures"][0]["id"].clone();
    for (id, typename) in [(room, "Room"), (closure, "Closure")] {
        let found = app
            .gql_ok(
                "query($id: ID!) { node(id: $id) { __typename id
                    ... on Room { location { id } } ... on Closure { location { id } } } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(found["node"]["__typename"], typename, "{found}");
        assert_eq!(found["node"]["id"], id);
        assert_eq!(found["node"]["location"]["id"], location_id);
    }
}

#[tokio::test]
async fn node_shows_time_off_accounts_and_grants_only_to_those_who_may_see_them() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let other_clinic = fixtures::clinic(&app.db, "Elsewhere").await;
    let location = fixtures::location(&app.db, clinic, "Shoreditch").await;
    let therapist = fixtures::therapist(&app.db, clinic, "Ana", &[location], true).await;
    let time_off = fixtures::time_off(&app.db, therapist).await;
    let own_admin = users::franchise_admin(&app.db, clinic).await;
    let other_admin = users::franchise_admin(&app.db, other_clinic).await;
    let ana = users::therapist(&app.db, clinic, therapist).await;
    let client = users::client(&app.db).await;

    let me = app
        .gql_as("{ me { id roles { id } } }", json!({}), Some(&ana.token))
        .await;
    let ana_user = me["data"]["me"]["id"].clone();
    let ana_grant = me["data"]["me"]["roles"][0]["id"].clone();
    let manager = users::location_manager(&app.db, clinic, location).await;
    let platform = users::platform_admin(&app.db).await;
    let kinds = [
        (encode(Kind::TimeOff, time_off).0, "TimeOff"),
        (ana_user.as_str().unwrap_or_default().to_owned(), "User"),
        (
            ana_grant.as_str().unwrap_or_default().to_owned(),
            "RoleGrant",
        ),
    ];
    // Who sees [the time off, the account, the grant].
    let callers = [
        ("the therapist", Some(ana.token.as_str()), [true; 3]),
        (
            "the clinic's admin",
            Some(own_admin.token.as_str()),
            [true; 3],
        ),
        ("a platform admin", Some(platform.token.as_str()), [true; 3]),
        (
            "the location's manager",
            Some(manager.token.as_str()),
            [true, false, false],
        ),
        (
            "another clinic's admin",
            Some(other_admin.token.as_str()),
            [false; 3],
        ),
        ("a client", Some(client.token.as_str()), [false; 3]),
        ("anonymous", None, [false; 3]),
    ];
    for (who, token, visible) in callers {
        for ((id, typename), sees) in kinds.iter().zip(visible) {
            let body = app
                .gql_as(
                    "query($id: ID!) { node(id: $id) { __typename id } }",
                    json!({ "id": id }),
                    token,
                )
                .await;
            assert!(body.get("errors").is_none(), "{body}");
            if sees {
                assert_eq!(
                    body["data"]["node"]["__typename"], *typename,
                    "{who}: {body}"
                );
            } else {
                assert!(
                    body["data"]["node"].is_null(),
                    "{who} saw a {typename}: {body}"
                );
            }
        }
    }
}

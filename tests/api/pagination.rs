//! Relay connections: cursors, both directions, total counts and the page-size cap.

use serde_json::{Value, json};
use stride_tests::{error_codes, fixtures, spawn_app};

const CLINICS: &str = "query($first: Int, $after: String, $last: Int, $before: String) {
  clinics(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { name } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}";

fn names(page: &Value) -> Vec<&str> {
    page["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["node"]["name"].as_str().expect("name"))
        .collect()
}

#[tokio::test]
async fn pages_walk_forward_and_back_in_name_order() {
    let app = spawn_app().await;
    for name in ["Echo", "Alpha", "Delta", "Bravo", "Charlie"] {
        fixtures::clinic(&app.db, name).await;
    }
    let first = app.gql_ok(CLINICS, json!({ "first": 2 })).await;
    let page = &first["clinics"];
    assert_eq!(page["totalCount"], 5);
    assert_eq!(names(page), ["Alpha", "Bravo"]);
    assert_eq!(page["pageInfo"]["hasNextPage"], true);
    assert_eq!(page["pageInfo"]["hasPreviousPage"], false);

    let second = app
        .gql_ok(
            CLINICS,
            json!({ "first": 2, "after": page["pageInfo"]["endCursor"] }),
        )
        .await;
    assert_eq!(names(&second["clinics"]), ["Charlie", "Delta"]);

    let third = app
        .gql_ok(
            CLINICS,
            json!({ "first": 2, "after": second["clinics"]["pageInfo"]["endCursor"] }),
        )
        .await;
    assert_eq!(names(&third["clinics"]), ["Echo"]);
    assert_eq!(third["clinics"]["pageInfo"]["hasNextPage"], false);

    let back = app
        .gql_ok(
            CLINICS,
            json!({ "last": 2, "before": third["clinics"]["pageInfo"]["startCursor"] }),
        )
        .await;
    assert_eq!(names(&back["clinics"]), ["Charlie", "Delta"]);
    assert_eq!(back["clinics"]["pageInfo"]["hasPreviousPage"], true);
}

#[tokio::test]
async fn a_page_larger_than_the_cap_is_a_validation_error() {
    let app = spawn_app().await;
    fixtures::clinic(&app.db, "Alpha").await;
    let body = app.gql(CLINICS, json!({ "first": 101 })).await;
    assert_eq!(error_codes(&body), ["VALIDATION"]);
    assert_eq!(body["errors"][0]["extensions"]["field"], "first");

    let nested = app
        .gql(
            "{ clinics(first: 1) { edges { node { locations(first: 1000) { totalCount } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(error_codes(&nested), ["VALIDATION"]);

    let negative = app.gql(CLINICS, json!({ "last": -1 })).await;
    assert_eq!(error_codes(&negative), ["VALIDATION"]);
}

#[tokio::test]
async fn a_forged_cursor_is_a_validation_error() {
    let app = spawn_app().await;
    let body = app
        .gql(CLINICS, json!({ "first": 1, "after": "forged" }))
        .await;
    assert_eq!(error_codes(&body), ["VALIDATION"]);
    assert_eq!(body["errors"][0]["extensions"]["field"], "after");
}

#[tokio::test]
async fn a_cursor_from_another_kind_of_list_is_refused() {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    let app = spawn_app().await;
    fixtures::clinic(&app.db, "Alpha").await;
    fixtures::clinic(&app.db, "Bravo").await;
    let page = app.gql_ok(CLINICS, json!({ "first": 1 })).await;
    let by_name = page["clinics"]["pageInfo"]["endCursor"].clone();
    let client = stride_tests::users::client(&app.db).await;
    let mine = "query($after: String) { myBookings(first: 1, after: $after) { totalCount } }";
    let body = app
        .gql_as(mine, json!({ "after": by_name }), Some(&client.token))
        .await;
    assert_eq!(error_codes(&body), ["VALIDATION"], "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "after", "{body}");

    // A start time where a name belongs, either way.
    let by_start = URL_SAFE_NO_PAD.encode(format!(
        r#"{{"at":"2027-02-01T09:00:00Z","id":"{}"}}"#,
        uuid::Uuid::nil()
    ));
    for (variables, field) in [
        (json!({ "first": 1, "after": by_start }), "after"),
        (json!({ "last": 1, "before": by_start }), "before"),
    ] {
        let body = app.gql(CLINICS, variables).await;
        assert_eq!(error_codes(&body), ["VALIDATION"], "{body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{body}");
    }
}

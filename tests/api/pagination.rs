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

//! Limits at the GraphQL edge count what an operation selects once its fragments are
//! expanded, and refuse it before anything runs.

use std::time::Duration;

use serde_json::json;
use stride_tests::{error_codes, spawn_app};

/// Ten fragments, each spreading the one below ten times beside ten aliased fields:
/// 1.8 KB that would expand to 10^11 fields.
fn fragment_bomb(levels: usize) -> String {
    let aliases: String = (0..10).map(|i| format!("t{i}: __typename ")).collect();
    let mut query = format!("query {{ ...F{levels} }}\nfragment F1 on Query {{ {aliases}}}\n");
    for level in 2..=levels {
        let spreads = format!("...F{} ", level - 1).repeat(10);
        query.push_str(&format!(
            "fragment F{level} on Query {{ {aliases}{spreads}}}\n"
        ));
    }
    query
}

/// Resident memory of this process (the test server runs in it), in MiB.
fn resident_mib() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    pages * 4096 / (1024 * 1024)
}

fn reason(body: &serde_json::Value) -> &str {
    body["errors"][0]["extensions"]["reason"]
        .as_str()
        .unwrap_or_default()
}

#[tokio::test]
async fn a_fragment_bomb_is_refused_before_it_expands() {
    let app = spawn_app().await;
    let query = fragment_bomb(10);
    assert!(query.len() < 2500, "{} bytes", query.len());
    let before = resident_mib();
    // Unrefused, this never finishes (or the kernel kills the process): the bound only
    // turns a hang into a failure.
    let body = tokio::time::timeout(Duration::from_secs(30), app.gql(&query, json!({})))
        .await
        .expect("answered without expanding the fragments");
    assert_eq!(error_codes(&body), ["VALIDATION"], "{body}");
    assert_eq!(reason(&body), "TOO_MANY_FIELDS");
    assert!(body["data"].is_null());
    let grown = resident_mib().saturating_sub(before);
    assert!(grown < 64, "resident memory grew by {grown} MiB");
}

#[tokio::test]
async fn thousands_of_aliases_are_refused_and_each_alias_counts() {
    let app = spawn_app().await;
    let aliases = |n: usize| -> String {
        let fields: String = (0..n)
            .map(|i| format!("c{i}: clinics(first: 1) {{ totalCount }} "))
            .collect();
        format!("{{ {fields}}}")
    };
    let body = app.gql(&aliases(5_000), json!({})).await;
    assert_eq!(error_codes(&body), ["VALIDATION"], "{body}");
    assert_eq!(reason(&body), "TOO_MANY_FIELDS");
    // 2 fields each: 500 aliases are at the default limit of 1,000, 501 over it.
    let at_limit = app.gql(&aliases(500), json!({})).await;
    assert!(at_limit.get("errors").is_none(), "{at_limit}");
    let over = app.gql(&aliases(501), json!({})).await;
    assert_eq!(reason(&over), "TOO_MANY_FIELDS", "{over}");
}

#[tokio::test]
async fn fragment_cycles_are_refused_before_they_are_followed() {
    let app = spawn_app().await;
    let body = app
        .gql(
            "{ ...A } fragment A on Query { ...B } fragment B on Query { __typename ...A }",
            json!({}),
        )
        .await;
    assert_eq!(error_codes(&body), ["VALIDATION"], "{body}");
    assert_eq!(reason(&body), "FRAGMENT_CYCLE");
}

#[tokio::test]
async fn a_bomb_in_an_operation_that_is_not_run_is_refused_too() {
    let app = spawn_app().await;
    // Validation walks every operation of a document, so every one is measured.
    let query = format!(
        "query Small {{ __typename }} {}",
        fragment_bomb(10).replacen("query {", "query Huge {", 1)
    );
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .json(&json!({ "query": query, "operationName": "Small" }))
        .send();
    let body: serde_json::Value = tokio::time::timeout(Duration::from_secs(30), response)
        .await
        .expect("answered without expanding the fragments")
        .expect("sent")
        .json()
        .await
        .expect("JSON");
    assert_eq!(reason(&body), "TOO_MANY_FIELDS", "{body}");
}

#[tokio::test]
async fn spreads_of_undefined_fragments_are_refused_before_anything_walks_them() {
    let app = spawn_app().await;
    // Fragments that spread each other and, at the bottom, a fragment that does not exist.
    let mut query = String::from("query { ...F12 }\nfragment F1 on Query { ");
    query.push_str(&"...Undefined ".repeat(10));
    query.push_str("}\n");
    for level in 2..=12 {
        let spreads = format!("...F{} ", level - 1).repeat(10);
        query.push_str(&format!("fragment F{level} on Query {{ {spreads}}}\n"));
    }
    let body = tokio::time::timeout(Duration::from_secs(30), app.gql(&query, json!({})))
        .await
        .expect("answered without walking the spreads");
    assert_eq!(error_codes(&body), ["VALIDATION"], "{body}");
    assert!(
        ["UNKNOWN_FRAGMENT", "TOO_MANY_FIELDS"].contains(&reason(&body)),
        "{body}"
    );
}

//! Nested lists are loaded in batches: the statements a query costs do not grow with rows.

use serde_json::{Value, json};
use stride_tests::{fixtures, spawn_app};

const NESTED: &str = "{ clinics(first: 5) { edges { node { name
    services(first: 10) { edges { node { name variants { durationMinutes price { amountMinor } } } } }
    locations(first: 10) { edges { node { name openingHours { weekday } closures { startsOn } rooms { name }
      therapists(first: 10) { edges { node { name specialties credential { number }
        locations(first: 10) { totalCount }
        services(first: 10) { edges { node { name clinic { name } } } } } } } } } } } } } }";

/// Counts every therapist-service pair the answer holds, so an empty answer cannot pass.
fn therapist_services(data: &Value) -> usize {
    let edges = |v: &Value| v["edges"].as_array().cloned().unwrap_or_default();
    edges(&data["clinics"])
        .iter()
        .flat_map(|c| edges(&c["node"]["locations"]))
        .flat_map(|l| edges(&l["node"]["therapists"]))
        .map(|t| edges(&t["node"]["services"]).len())
        .sum()
}

#[tokio::test]
async fn the_nested_catalogue_costs_the_same_statements_at_any_size() {
    let app = spawn_app().await;
    fixtures::catalogue(&app.db, "Small", 1, 1, 1, 1).await;
    app.take_statement_count();
    let small = app.gql_ok(NESTED, json!({})).await;
    let small_statements = app.take_statement_count();
    assert_eq!(therapist_services(&small), 1);

    fixtures::catalogue(&app.db, "Large", 3, 3, 4, 4).await;
    app.take_statement_count();
    let large = app.gql_ok(NESTED, json!({})).await;
    let large_statements = app.take_statement_count();
    // 1 from the small clinic, 3 clinics × 3 locations × 4 therapists × 4 services.
    assert_eq!(therapist_services(&large), 1 + 3 * 3 * 4 * 4);

    assert_eq!(
        small_statements, large_statements,
        "statements grew with the data: {small_statements} → {large_statements}"
    );
    assert!(large_statements <= 15, "{large_statements} statements");
}

/// Staff-only lists too: who holds which role, and therapists' time off.
const STAFF: &str = "{ clinics(first: 5) { edges { node { name
    staff { role user { name roles { role } } }
    locations(first: 10) { edges { node { therapists(first: 10) { edges { node { name
      timeOff(from: \"2027-01-01T00:00:00Z\", to: \"2027-12-31T00:00:00Z\") { reason } } } } } } } } } } }";

/// Counts the staff and time-off entries the answer holds.
fn staff_and_time_off(data: &Value) -> (usize, usize) {
    let edges = |v: &Value| v["edges"].as_array().cloned().unwrap_or_default();
    let clinics = edges(&data["clinics"]);
    let staff = clinics
        .iter()
        .map(|c| c["node"]["staff"].as_array().map_or(0, Vec::len))
        .sum();
    let time_off = clinics
        .iter()
        .flat_map(|c| edges(&c["node"]["locations"]))
        .flat_map(|l| edges(&l["node"]["therapists"]))
        .map(|t| t["node"]["timeOff"].as_array().map_or(0, Vec::len))
        .sum();
    (staff, time_off)
}

/// The staff query's answer and the statements it cost.
async fn run_staff_query(app: &stride_tests::TestApp, token: &str) -> (Value, usize) {
    app.take_statement_count();
    let body = app.gql_as(STAFF, json!({}), Some(token)).await;
    assert!(body.get("errors").is_none(), "{body}");
    (body["data"].clone(), app.take_statement_count())
}

#[tokio::test]
async fn staff_and_time_off_cost_the_same_statements_at_any_size() {
    let app = spawn_app().await;
    let platform = stride_tests::users::platform_admin(&app.db).await;
    fixtures::catalogue(&app.db, "Small", 1, 1, 1, 1).await;
    let (small, small_statements) = run_staff_query(&app, &platform.token).await;
    // One franchise admin and one location manager; one therapist with one time off.
    assert_eq!(staff_and_time_off(&small), (2, 1));

    fixtures::catalogue(&app.db, "Large", 3, 3, 4, 1).await;
    let (large, large_statements) = run_staff_query(&app, &platform.token).await;
    assert_eq!(staff_and_time_off(&large), (2 + 3 * (1 + 3), 1 + 3 * 3 * 4));
    assert_eq!(
        small_statements, large_statements,
        "statements grew with the data: {small_statements} → {large_statements}"
    );
}

#[tokio::test]
async fn a_total_is_counted_only_when_selected() {
    let app = spawn_app().await;
    fixtures::catalogue(&app.db, "Counted", 2, 2, 2, 2).await;
    let nested = |total: &str| {
        format!(
            "{{ clinics(first: 5) {{ {total} edges {{ node {{ locations(first: 5) {{ {total} edges {{ node {{ name }} }} }} }} }} }} }}"
        )
    };
    app.take_statement_count();
    let without = app.gql_ok(&nested(""), json!({})).await;
    let plain = app.take_statement_count();
    let with = app.gql_ok(&nested("totalCount"), json!({})).await;
    let counted = app.take_statement_count();
    assert_eq!(plain, 2, "one statement per level");
    assert_eq!(counted, 4, "and one count per level when asked");
    assert_eq!(with["clinics"]["totalCount"], 2);
    assert_eq!(
        with["clinics"]["edges"][0]["node"]["locations"]["totalCount"],
        2
    );
    assert_eq!(
        without["clinics"]["edges"][0]["node"]["locations"]["edges"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
}

#[tokio::test]
async fn therapists_qualified_for_each_service_cost_the_same_statements_at_any_size() {
    let app = spawn_app().await;
    let query = "{ clinics(first: 10) { edges { node { services(first: 10) { edges { node {
        therapists(first: 10) { totalCount edges { node { name } } } } } } } } } }";
    let therapists = |data: &Value| -> u64 {
        data["clinics"]["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|c| {
                c["node"]["services"]["edges"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            })
            .map(|s| s["node"]["therapists"]["totalCount"].as_u64().unwrap_or(0))
            .sum()
    };
    fixtures::catalogue(&app.db, "Small", 1, 1, 1, 1).await;
    app.take_statement_count();
    let small = app.gql_ok(query, json!({})).await;
    let small_statements = app.take_statement_count();
    assert_eq!(therapists(&small), 1);

    fixtures::catalogue(&app.db, "Large", 3, 2, 3, 4).await;
    app.take_statement_count();
    let large = app.gql_ok(query, json!({})).await;
    let large_statements = app.take_statement_count();
    // Each of the 4 services of a large clinic: its 2 × 3 therapists.
    assert_eq!(therapists(&large), 1 + 3 * 4 * 6);
    assert_eq!(small_statements, large_statements);
}

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

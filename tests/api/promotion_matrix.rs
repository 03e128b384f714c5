//! The authorization matrix of the promotion reads, over the mutation matrix's callers:
//! who may list, read and report on a clinic's promotions, and who may ask for a quote.

use std::collections::BTreeSet;

use chrono::{TimeDelta, Utc};
use serde_json::{Value, json};
use stride_api::graphql::id::{Kind, encode};
use stride_tests::{error_codes, fixtures, spawn_app_with, users};

use crate::matrix::{Allowed, World};

/// Who may run each promotion query. `promotion(id)` answers null, not an error, to a
/// caller who may not see it, so an ID reveals nothing.
const READS: &[(&str, Allowed)] = &[
    ("promotions", Allowed::ClinicStaff),
    ("promotion", Allowed::ClinicStaff),
    ("promotionReport", Allowed::ClinicAdmins),
    ("priceQuote", Allowed::Everyone),
];

fn is_promotion_read(name: &str) -> bool {
    name.to_lowercase().contains("promotion") || name == "priceQuote"
}

#[tokio::test]
async fn every_promotion_query_has_a_row() {
    let app = spawn_app_with(|s| s.graphql.introspection = true).await;
    let schema = app
        .gql_ok("{ __schema { queryType { fields { name } } } }", json!({}))
        .await;
    let in_schema: BTreeSet<&str> = schema["__schema"]["queryType"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["name"].as_str())
        .filter(|name| is_promotion_read(name))
        .collect();
    let in_matrix: BTreeSet<&str> = READS.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        in_schema, in_matrix,
        "add a row to READS for each new query"
    );
}

#[tokio::test]
async fn every_caller_reads_promotions_as_the_matrix_says() {
    let app = spawn_app_with(|_| {}).await;
    let world = World::build(&app).await;
    let promotion = fixtures::promotion(&app.db, world.clinic, "February").await;
    let service = fixtures::service(&app.db, world.clinic, "Sports massage", false).await;
    let clinic = encode(Kind::Clinic, world.clinic).0;
    let promotion = encode(Kind::Promotion, promotion).0;
    let at = (Utc::now() + TimeDelta::days(7)).to_rfc3339();
    let quote = json!({ "input": {
        "serviceId": encode(Kind::Service, service).0,
        "locationId": encode(Kind::Location, world.location).0,
        "startsAt": at,
    }});
    let query = |name: &str| -> (&'static str, Value) {
        match name {
            "promotions" => (
                "query($c: ID!) { promotions(clinicId: $c) { edges { node { id } } } }",
                json!({ "c": clinic }),
            ),
            "promotion" => (
                "query($id: ID!) { promotion(id: $id) { id } }",
                json!({ "id": promotion }),
            ),
            "promotionReport" => (
                "query($id: ID!) { promotionReport(id: $id) { total { redemptions } } }",
                json!({ "id": promotion }),
            ),
            "priceQuote" => (
                "query($input: PriceQuoteInput!) { priceQuote(input: $input) { finalPrice { amountMinor } } }",
                quote.clone(),
            ),
            other => panic!("no query for {other}"),
        }
    };
    let mut wrong = Vec::new();
    let mut cells = 0;
    for (name, allowed) in READS {
        for (caller, account) in &world.callers {
            cells += 1;
            let token = match account {
                Some(user_id) => Some(users::current_token(&app.db, *user_id).await),
                None => None,
            };
            let (text, variables) = query(name);
            let body = app.gql_as(text, variables, token.as_deref()).await;
            let codes = error_codes(&body);
            let answered = !body["data"][name].is_null();
            let as_expected = match (allowed.permits(*caller), *name) {
                (true, _) => codes.is_empty() && answered,
                (false, "promotion") => codes.is_empty() && !answered,
                (false, _) => codes == [allowed.refusal(*caller)],
            };
            if !as_expected {
                wrong.push(format!("{name} as {caller:?}: got {body}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} cells differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert_eq!(cells, READS.len() * world.callers.len());
}

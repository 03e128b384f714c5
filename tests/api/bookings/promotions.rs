//! Booking with promotions: the charge is the quote, caps hold under any concurrency, and
//! cancelling gives the redemption back.

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};
use entity::service;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::{Value, json};
use stride_api::graphql::id::{Kind, encode};
use stride_tests::{TestApp, spawn_app, users};

use super::{CREATE, Studio, all_at_once, input, london, monday, reason, refusal};

/// Creates the clinic's promotion valid from yesterday for 60 days, with `terms` on top;
/// its id.
pub(super) async fn promote(app: &TestApp, studio: &Studio, terms: Value) -> Value {
    let admin = users::franchise_admin(&app.db, studio.clinic).await;
    let from = Utc::now() - TimeDelta::days(1);
    let mut promotion = json!({
        "clinicId": encode(Kind::Clinic, studio.clinic).0,
        "name": "Offer",
        "validFrom": from.to_rfc3339(),
        "validTo": (from + TimeDelta::days(60)).to_rfc3339(),
    });
    for (key, value) in terms.as_object().cloned().unwrap_or_default() {
        promotion[key] = value;
    }
    let body = app
        .gql_as(
            "mutation($input: CreatePromotionInput!) { createPromotion(input: $input) { id } }",
            json!({ "input": promotion }),
            Some(&admin.token),
        )
        .await;
    let id = body["data"]["createPromotion"]["id"].clone();
    assert!(id.is_string(), "{body}");
    id
}

/// Ends the promotion as the clinic's admin.
pub(super) async fn end_promotion(app: &TestApp, studio: &Studio, id: &Value) {
    let admin = users::franchise_admin(&app.db, studio.clinic).await;
    let ended = app
        .gql_as(
            "mutation($id: ID!) { endPromotion(id: $id) { endedAt } }",
            json!({ "id": id }),
            Some(&admin.token),
        )
        .await;
    assert!(
        ended["data"]["endPromotion"]["endedAt"].is_string(),
        "{ended}"
    );
}

pub(super) fn with_code(mut variables: Value, code: Option<&str>, accept: bool) -> Value {
    variables["input"]["promoCode"] = json!(code);
    variables["input"]["acceptListPrice"] = json!(accept);
    variables
}

async fn quote(
    app: &TestApp,
    studio: &Studio,
    at: DateTime<Utc>,
    code: Option<&str>,
    token: &str,
) -> Value {
    let (service, location) = studio.ids();
    let body = app
        .gql_as(
            "query($input: PriceQuoteInput!) { priceQuote(input: $input) { discount { amountMinor } finalPrice { amountMinor } } }",
            json!({ "input": {
                "serviceId": service, "locationId": location, "startsAt": at.to_rfc3339(),
                "durationMinutes": 60, "promoCode": code,
            }}),
            Some(token),
        )
        .await;
    body["data"]["priceQuote"].clone()
}

#[tokio::test]
async fn the_booking_charges_exactly_what_the_quote_said_for_every_kind_of_promotion() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    promote(
        &app,
        &studio,
        json!({ "name": "Ten", "percentOff": 10, "code": "TEN" }),
    )
    .await;
    promote(
        &app,
        &studio,
        json!({ "name": "Fiver", "amountOffMinor": 500, "code": "FIVER" }),
    )
    .await;
    promote(&app, &studio, json!({ "name": "Welcome", "percentOff": 5, "firstVisitOnly": true, "combinesWith": ["CODE"] })).await;
    promote(&app, &studio, json!({ "name": "Stacks", "percentOff": 20, "code": "STACK", "combinesWith": ["AUTOMATIC"] })).await;
    let cases = [
        (None, 300),
        (Some("ten"), 600),
        (Some("FIVER"), 500),
        (Some("stack"), 1500),
    ];
    for (n, (code, discount)) in cases.into_iter().enumerate() {
        // A new client each time, so the first-visit offer is in play every time.
        let client = users::client(&app.db).await;
        let at = london(monday(u64::try_from(n).unwrap_or(0)), 9, 0);
        let quoted = quote(&app, &studio, at, code, &client.token).await;
        assert_eq!(
            quoted["discount"]["amountMinor"], discount,
            "{code:?}: {quoted}"
        );
        let body = app
            .gql_as(
                CREATE,
                with_code(input(&studio, Some(0), at, 60), code, false),
                Some(&client.token),
            )
            .await;
        let price = &body["data"]["createBooking"]["price"];
        assert_eq!(price["final"], quoted["finalPrice"], "{code:?}: {body}");
    }
}

#[tokio::test]
async fn cancelling_gives_the_redemption_back() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    promote(
        &app,
        &studio,
        json!({ "percentOff": 10, "code": "ONCE", "totalCap": 1 }),
    )
    .await;
    let first = users::client(&app.db).await;
    let second = users::client(&app.db).await;
    let book = |at, token: &str| {
        let variables = with_code(input(&studio, Some(0), at, 60), Some("once"), false);
        let token = token.to_owned();
        let app = &app;
        async move { app.gql_as(CREATE, variables, Some(&token)).await }
    };
    let taken = book(london(monday(0), 9, 0), &first.token).await;
    let id = taken["data"]["createBooking"]["id"].clone();
    assert!(id.is_string(), "{taken}");
    let refused = book(london(monday(0), 11, 0), &second.token).await;
    assert_eq!(reason(&refused), "PROMOTION_EXHAUSTED", "{refused}");
    let cancel = "mutation($id: ID!) { cancelBooking(id: $id) { status } }";
    let body = app
        .gql_as(cancel, json!({ "id": id }), Some(&first.token))
        .await;
    assert_eq!(
        body["data"]["cancelBooking"]["status"], "CANCELLED_BY_CLIENT",
        "{body}"
    );
    let again = book(london(monday(0), 11, 0), &second.token).await;
    assert_eq!(
        again["data"]["createBooking"]["price"]["final"]["amountMinor"], 5400,
        "{again}"
    );
}

/// Fifty distinct free 30-minute slots: five therapists, two Mondays, five a morning.
fn fifty_slots() -> Vec<(usize, DateTime<Utc>)> {
    let mut slots = Vec::new();
    for therapist in 0..5 {
        for week in 0..2 {
            for n in 0..5 {
                slots.push((
                    therapist,
                    london(monday(week), 9, 0) + TimeDelta::minutes(45 * n),
                ));
            }
        }
    }
    slots
}

/// Sends one booking per slot at once, with the code; counts the outcomes.
async fn race(
    app: &TestApp,
    studio: &Studio,
    tokens: &[String],
    accept: bool,
) -> HashMap<String, usize> {
    let calls = fifty_slots()
        .into_iter()
        .enumerate()
        .map(|(n, (therapist, at))| {
            let variables = with_code(input(studio, Some(therapist), at, 30), Some("TEN"), accept);
            (tokens[n % tokens.len()].clone(), CREATE, variables)
        })
        .collect();
    let mut outcomes = HashMap::new();
    for body in all_at_once(app, calls).await {
        let outcome = match body["data"]["createBooking"]["price"]["final"]["amountMinor"].as_i64()
        {
            Some(3150) => "DISCOUNTED".to_owned(),
            Some(3500) => "LIST_PRICE".to_owned(),
            _ => refusal(&body),
        };
        *outcomes.entry(outcome).or_insert(0) += 1;
    }
    outcomes
}

/// Five therapists at the studio, a service needing no room (two rooms would cap the race
/// at two) and the promotion with code TEN.
async fn racing_studio(app: &TestApp, terms: Value) -> Studio {
    let studio = Studio::open(app, 5).await;
    without_rooms(app, &studio).await;
    promote(app, &studio, terms).await;
    studio
}

pub(super) async fn without_rooms(app: &TestApp, studio: &Studio) {
    service::Entity::update_many()
        .col_expr(service::Column::RequiresRoom, Expr::value(false))
        .filter(service::Column::Id.eq(studio.service))
        .exec(&app.db)
        .await
        .expect("service updated");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_bookings_racing_for_a_code_capped_at_ten_get_exactly_ten_discounts() {
    let app = spawn_app().await;
    let studio = racing_studio(
        &app,
        json!({ "percentOff": 10, "code": "TEN", "totalCap": 10 }),
    )
    .await;
    let token = vec![studio.client.token.clone()];
    let outcomes = race(&app, &studio, &token, false).await;
    assert_eq!(
        outcomes,
        HashMap::from([
            ("DISCOUNTED".to_owned(), 10),
            ("CONFLICT/PROMOTION_EXHAUSTED".to_owned(), 40)
        ])
    );
    let mine = app
        .gql_as(
            "{ myBookings(first: 100) { totalCount } }",
            json!({}),
            Some(&studio.client.token),
        )
        .await;
    assert_eq!(
        mine["data"]["myBookings"]["totalCount"], 10,
        "the refused booked nothing"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn accepting_the_list_price_books_everyone_and_still_discounts_only_ten() {
    let app = spawn_app().await;
    let studio = racing_studio(
        &app,
        json!({ "percentOff": 10, "code": "TEN", "totalCap": 10 }),
    )
    .await;
    let token = vec![studio.client.token.clone()];
    let outcomes = race(&app, &studio, &token, true).await;
    assert_eq!(
        outcomes,
        HashMap::from([("DISCOUNTED".to_owned(), 10), ("LIST_PRICE".to_owned(), 40)])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_per_client_cap_holds_when_each_client_races_with_itself() {
    let app = spawn_app().await;
    let studio = racing_studio(
        &app,
        json!({ "percentOff": 10, "code": "TEN", "perClientCap": 2 }),
    )
    .await;
    let mut tokens = Vec::new();
    for _ in 0..5 {
        tokens.push(users::client(&app.db).await.token);
    }
    let outcomes = race(&app, &studio, &tokens, false).await;
    assert_eq!(
        outcomes,
        HashMap::from([
            ("DISCOUNTED".to_owned(), 10),
            ("CONFLICT/PROMOTION_CLIENT_LIMIT".to_owned(), 40)
        ])
    );
}

#[tokio::test]
async fn a_retried_booking_with_a_code_is_the_same_booking_not_a_second_redemption() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    promote(
        &app,
        &studio,
        json!({ "percentOff": 10, "code": "ONCE", "perClientCap": 1 }),
    )
    .await;
    let mut variables = with_code(
        input(&studio, Some(0), london(monday(0), 9, 0), 60),
        Some("ONCE"),
        false,
    );
    variables["input"]["idempotencyKey"] = json!("retry-me");
    let token = Some(studio.client.token.as_str());
    let first = app.gql_as(CREATE, variables.clone(), token).await;
    let again = app.gql_as(CREATE, variables, token).await;
    assert!(first["data"]["createBooking"]["id"].is_string(), "{first}");
    assert_eq!(
        first["data"]["createBooking"]["id"], again["data"]["createBooking"]["id"],
        "{again}"
    );
}

#[tokio::test]
async fn an_ended_promotion_is_no_longer_given() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    promote(&app, &studio, json!({ "percentOff": 10, "code": "GONE" })).await;
    let admin = users::franchise_admin(&app.db, studio.clinic).await;
    let list = app
        .gql_as(
            "query($c: ID!) { promotions(clinicId: $c) { edges { node { id } } } }",
            json!({ "c": encode(Kind::Clinic, studio.clinic).0 }),
            Some(&admin.token),
        )
        .await;
    let id = list["data"]["promotions"]["edges"][0]["node"]["id"].clone();
    end_promotion(&app, &studio, &id).await;
    let variables = with_code(
        input(&studio, Some(0), london(monday(0), 9, 0), 60),
        Some("GONE"),
        false,
    );
    let body = app
        .gql_as(CREATE, variables, Some(&studio.client.token))
        .await;
    assert_eq!(reason(&body), "UNKNOWN_CODE", "{body}");
}

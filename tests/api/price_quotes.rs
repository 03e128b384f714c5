//! `priceQuote`: the best allowed promotions applied, every other one explained.

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{Value, json};
use stride_api::graphql::id::{Kind, encode};
use stride_tests::{TestApp, error_codes, fixtures, spawn_app, users};
use uuid::Uuid;

const QUOTE: &str = "query($input: PriceQuoteInput!) { priceQuote(input: $input) {
  listPrice { amountMinor currency } discount { amountMinor } finalPrice { amountMinor }
  promotion { name } applied { promotion { name } discount { amountMinor } }
  explanation { promotion { name } applied reason } } }";

const CREATE: &str =
    "mutation($input: CreatePromotionInput!) { createPromotion(input: $input) { id } }";

struct Shop {
    clinic: Uuid,
    service: Uuid,
    location: Uuid,
}

async fn promote(app: &TestApp, shop: &Shop, admin: &str, terms: Value) {
    let from = Utc::now() - TimeDelta::days(1);
    let mut input = json!({
        "clinicId": encode(Kind::Clinic, shop.clinic).0,
        "validFrom": from.to_rfc3339(),
        "validTo": (from + TimeDelta::days(60)).to_rfc3339(),
    });
    for (key, value) in terms.as_object().cloned().unwrap_or_default() {
        input[key] = value;
    }
    let body = app
        .gql_as(CREATE, json!({ "input": input }), Some(admin))
        .await;
    assert!(body["data"]["createPromotion"]["id"].is_string(), "{body}");
}

/// Sports massage at £60 for 60 minutes (fixtures), with three offers: 10% off a first
/// visit (automatic), 15% off with FEB15 (combines with nothing), £5 off with FIVER over
/// £100.
async fn shop(app: &TestApp) -> Shop {
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let shop = Shop {
        clinic,
        service: fixtures::service(&app.db, clinic, "Sports massage", false).await,
        location: fixtures::location(&app.db, clinic, "Leeds").await,
    };
    let admin = users::franchise_admin(&app.db, clinic).await.token;
    promote(
        app,
        &shop,
        &admin,
        json!({ "name": "First visit", "percentOff": 10, "firstVisitOnly": true }),
    )
    .await;
    promote(
        app,
        &shop,
        &admin,
        json!({ "name": "Fifteen", "percentOff": 15, "code": "FEB15" }),
    )
    .await;
    promote(app, &shop, &admin, json!({ "name": "Fiver", "amountOffMinor": 500, "code": "FIVER", "minListPriceMinor": 10_000 })).await;
    shop
}

async fn quote(
    app: &TestApp,
    shop: &Shop,
    code: Option<&str>,
    at: DateTime<Utc>,
    token: Option<&str>,
) -> Value {
    let input = json!({
        "serviceId": encode(Kind::Service, shop.service).0,
        "locationId": encode(Kind::Location, shop.location).0,
        "startsAt": at.to_rfc3339(),
        "durationMinutes": 60,
        "promoCode": code,
    });
    app.gql_as(QUOTE, json!({ "input": input }), token).await
}

fn verdicts(body: &Value) -> Vec<(String, bool, Option<String>)> {
    let mut found: Vec<_> = body["data"]["priceQuote"]["explanation"]
        .as_array()
        .unwrap_or_else(|| panic!("explanation in {body}"))
        .iter()
        .map(|v| {
            (
                v["promotion"]["name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                v["applied"].as_bool().unwrap_or_default(),
                v["reason"].as_str().map(str::to_owned),
            )
        })
        .collect();
    found.sort();
    found
}

fn verdict(name: &str, applied: bool, reason: Option<&str>) -> (String, bool, Option<String>) {
    (name.to_owned(), applied, reason.map(str::to_owned))
}

#[tokio::test]
async fn the_best_offer_applies_and_every_other_one_says_why_not() {
    let app = spawn_app().await;
    let shop = shop(&app).await;
    let soon = Utc::now() + TimeDelta::days(3);

    let body = quote(&app, &shop, None, soon, None).await;
    let q = &body["data"]["priceQuote"];
    assert_eq!(
        q["listPrice"],
        json!({ "amountMinor": 6000, "currency": "GBP" }),
        "{body}"
    );
    assert_eq!(
        (
            q["discount"]["amountMinor"].clone(),
            q["finalPrice"]["amountMinor"].clone()
        ),
        (json!(600), json!(5400))
    );
    assert_eq!(q["promotion"]["name"], "First visit");
    // Codes not entered are never shown.
    assert_eq!(verdicts(&body), [verdict("First visit", true, None)]);

    let body = quote(&app, &shop, Some("feb15"), soon, None).await;
    assert_eq!(
        body["data"]["priceQuote"]["finalPrice"]["amountMinor"], 5100,
        "{body}"
    );
    assert_eq!(
        verdicts(&body),
        [
            verdict("Fifteen", true, None),
            verdict("First visit", false, Some("BETTER_OFFER"))
        ]
    );

    let body = quote(&app, &shop, Some("Fiver"), soon, None).await;
    assert_eq!(
        body["data"]["priceQuote"]["finalPrice"]["amountMinor"], 5400,
        "{body}"
    );
    assert_eq!(
        verdicts(&body),
        [
            verdict("First visit", true, None),
            verdict("Fiver", false, Some("MIN_SPEND"))
        ]
    );

    let later = Utc::now() + TimeDelta::days(90);
    let body = quote(&app, &shop, Some("FEB15"), later, None).await;
    assert_eq!(
        verdicts(&body),
        [
            verdict("Fifteen", false, Some("ENDED")),
            verdict("First visit", false, Some("ENDED"))
        ]
    );

    let body = quote(&app, &shop, Some("NOPE"), soon, None).await;
    assert_eq!(error_codes(&body), ["VALIDATION"], "{body}");
    assert_eq!(body["errors"][0]["extensions"]["reason"], "UNKNOWN_CODE");
}

#[tokio::test]
async fn a_client_who_has_been_before_gets_no_first_visit_offer() {
    let app = spawn_app().await;
    let shop = shop(&app).await;
    let client = users::client(&app.db).await;
    let therapist = fixtures::therapist(&app.db, shop.clinic, "Ana", &[shop.location], true).await;
    let slot = fixtures::Slot {
        clinic: shop.clinic,
        location: shop.location,
        therapist,
        service: shop.service,
        variant: fixtures::variant(&app.db, shop.service, 30).await,
        room: None,
    };
    // Three days from now; the quote is for a week later.
    fixtures::booking(&app.db, slot, client.user_id).await;
    let later = Utc::now() + TimeDelta::days(10);
    let body = quote(&app, &shop, None, later, Some(&client.token)).await;
    assert_eq!(
        body["data"]["priceQuote"]["finalPrice"]["amountMinor"], 6000,
        "{body}"
    );
    assert_eq!(
        verdicts(&body),
        [verdict("First visit", false, Some("FIRST_VISIT_ONLY"))]
    );
}

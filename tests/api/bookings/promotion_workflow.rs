//! The franchise admin's workflow end to end: create an offer, a client quotes with and
//! without its code, books, cancels; the report shows it all.

use chrono::{TimeDelta, Utc};
use serde_json::json;
use stride_api::graphql::id::{Kind, encode};
use stride_tests::{spawn_app, users};

use super::{CREATE, Studio, input, london, monday};

const REPORT: &str = "query($id: ID!) { promotionReport(id: $id) {
  promotion { name }
  total { redemptions released discountGiven { amountMinor currency } revenue { amountMinor } }
  byLocation { location { name } figures { redemptions } }
  byDay { date figures { redemptions released } } } }";

#[tokio::test]
async fn an_admin_runs_an_offer_from_creation_to_its_report() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let admin = users::franchise_admin(&app.db, studio.clinic).await;
    let from = Utc::now() - TimeDelta::days(1);
    let created = app
        .gql_as(
            "mutation($input: CreatePromotionInput!) { createPromotion(input: $input) { id } }",
            json!({ "input": {
                "clinicId": encode(Kind::Clinic, studio.clinic).0,
                "name": "10% off sports massage",
                "percentOff": 10,
                "code": "SPORTS10",
                "validFrom": from.to_rfc3339(),
                "validTo": (from + TimeDelta::days(60)).to_rfc3339(),
                "serviceIds": [encode(Kind::Service, studio.service).0],
                "totalCap": 200,
                "perClientCap": 1,
            }}),
            Some(&admin.token),
        )
        .await;
    let promotion = created["data"]["createPromotion"]["id"].clone();
    assert!(promotion.is_string(), "{created}");

    let (service, location) = studio.ids();
    let at = london(monday(0), 10, 0);
    let quote = |code: Option<&str>| {
        json!({ "input": {
            "serviceId": service, "locationId": location, "startsAt": at.to_rfc3339(),
            "durationMinutes": 60, "promoCode": code,
        }})
    };
    let query = "query($input: PriceQuoteInput!) { priceQuote(input: $input) { finalPrice { amountMinor } explanation { promotion { name } applied reason } } }";
    let token = Some(studio.client.token.as_str());
    let plain = app.gql_as(query, quote(None), token).await;
    assert_eq!(
        plain["data"]["priceQuote"]["finalPrice"]["amountMinor"], 6000,
        "{plain}"
    );
    assert_eq!(plain["data"]["priceQuote"]["explanation"], json!([]));
    let coded = app.gql_as(query, quote(Some("sports10")), token).await;
    assert_eq!(
        coded["data"]["priceQuote"]["finalPrice"]["amountMinor"], 5400,
        "{coded}"
    );
    assert_eq!(
        coded["data"]["priceQuote"]["explanation"],
        json!([{ "promotion": { "name": "10% off sports massage" }, "applied": true, "reason": null }])
    );

    let mut variables = input(&studio, Some(0), at, 60);
    variables["input"]["promoCode"] = json!("SPORTS10");
    let booked = app.gql_as(CREATE, variables.clone(), token).await;
    assert_eq!(
        booked["data"]["createBooking"]["price"]["final"]["amountMinor"], 5400,
        "{booked}"
    );
    let report = app
        .gql_as(REPORT, json!({ "id": promotion }), Some(&admin.token))
        .await;
    let total = &report["data"]["promotionReport"]["total"];
    assert_eq!(total["redemptions"], 1, "{report}");
    assert_eq!(
        total["discountGiven"],
        json!({ "amountMinor": 600, "currency": "GBP" })
    );
    assert_eq!(total["revenue"]["amountMinor"], 5400);
    assert_eq!(
        report["data"]["promotionReport"]["byLocation"],
        json!([{ "location": { "name": "Shoreditch" }, "figures": { "redemptions": 1 } }])
    );

    let cancel = "mutation($id: ID!) { cancelBooking(id: $id, reason: \"Injured\") { status } }";
    let id = booked["data"]["createBooking"]["id"].clone();
    let body = app.gql_as(cancel, json!({ "id": id }), token).await;
    assert_eq!(
        body["data"]["cancelBooking"]["status"], "CANCELLED_BY_CLIENT",
        "{body}"
    );
    let report = app
        .gql_as(REPORT, json!({ "id": promotion }), Some(&admin.token))
        .await;
    let total = &report["data"]["promotionReport"]["total"];
    assert_eq!(
        (total["redemptions"].clone(), total["released"].clone()),
        (json!(0), json!(1)),
        "{report}"
    );
    let today = Utc::now()
        .with_timezone(&chrono_tz::Europe::London)
        .date_naive();
    assert_eq!(
        report["data"]["promotionReport"]["byDay"],
        json!([{ "date": today.to_string(), "figures": { "redemptions": 0, "released": 1 } }])
    );
    // Released, the per-client cap lets the client use the code again.
    let again = app.gql_as(CREATE, variables, token).await;
    assert_eq!(
        again["data"]["createBooking"]["price"]["final"]["amountMinor"], 5400,
        "{again}"
    );
    let client = users::client(&app.db).await;
    let refused = app
        .gql_as(REPORT, json!({ "id": promotion }), Some(&client.token))
        .await;
    assert_eq!(
        refused["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{refused}"
    );
}

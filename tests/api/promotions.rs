//! Franchise admins run promotions: create, list, edit, end; bad terms are refused with
//! the field at fault.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::{Value, json};
use stride_api::graphql::id::{Kind, encode};
use stride_tests::{TestApp, error_codes, fixtures, spawn_app, users};
use uuid::Uuid;

const CREATE: &str = "mutation($input: CreatePromotionInput!) { createPromotion(input: $input) { id name percentOff amountOff { amountMinor currency } class code validFrom validTo windowBasis serviceIds locationIds totalCap perClientCap combinesWith endedAt redemptions } }";
const LIST: &str = "query($c: ID!, $at: DateTime) { promotions(clinicId: $c, activeAt: $at) { totalCount edges { node { name code } } } }";

struct Shop {
    clinic: Uuid,
    service: Uuid,
    location: Uuid,
    admin: String,
}

async fn shop(app: &TestApp) -> Shop {
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    Shop {
        clinic,
        service: fixtures::service(&app.db, clinic, "Sports massage", false).await,
        location: fixtures::location(&app.db, clinic, "Leeds").await,
        admin: users::franchise_admin(&app.db, clinic).await.token,
    }
}

fn february() -> (DateTime<Utc>, DateTime<Utc>) {
    let from = Utc::now() + TimeDelta::days(30);
    (from, from + TimeDelta::days(28))
}

/// "10% off sports massage in February" at one location, by code, capped.
fn ten_percent(shop: &Shop) -> Value {
    let (from, to) = february();
    json!({
        "clinicId": encode(Kind::Clinic, shop.clinic).0,
        "name": "10% off sports massage in February",
        "percentOff": 10,
        "code": "feb10",
        "validFrom": from.to_rfc3339(),
        "validTo": to.to_rfc3339(),
        "serviceIds": [encode(Kind::Service, shop.service).0],
        "locationIds": [encode(Kind::Location, shop.location).0],
        "totalCap": 200,
        "perClientCap": 1,
    })
}

async fn create(app: &TestApp, shop: &Shop, input: Value) -> Value {
    app.gql_as(CREATE, json!({ "input": input }), Some(&shop.admin))
        .await
}

#[tokio::test]
async fn an_admin_creates_lists_edits_and_ends_a_promotion() {
    let app = spawn_app().await;
    let shop = shop(&app).await;
    let body = create(&app, &shop, ten_percent(&shop)).await;
    let promotion = &body["data"]["createPromotion"];
    assert_eq!(promotion["code"], "FEB10", "{body}");
    assert_eq!(promotion["class"], "CODE");
    assert_eq!(promotion["windowBasis"], "APPOINTMENT");
    assert_eq!(
        promotion["serviceIds"],
        json!([encode(Kind::Service, shop.service).0])
    );
    assert_eq!(promotion["combinesWith"], json!([]));
    assert_eq!(promotion["redemptions"], 0);
    let id = promotion["id"].clone();

    let (from, to) = february();
    let listed = |at: Option<DateTime<Utc>>| json!({ "c": encode(Kind::Clinic, shop.clinic).0, "at": at.map(|t| t.to_rfc3339()) });
    for (at, expected) in [
        (None, 1),
        (Some(from), 1),
        (Some(to), 0),
        (Some(Utc::now()), 0),
    ] {
        let body = app.gql_as(LIST, listed(at), Some(&shop.admin)).await;
        assert_eq!(
            body["data"]["promotions"]["totalCount"], expected,
            "{at:?}: {body}"
        );
    }

    let edit = "mutation($id: ID!) { updatePromotion(id: $id, input: { name: \"February offer\", totalCap: null, combinesWith: [AUTOMATIC] }) { name totalCap combinesWith } }";
    let body = app
        .gql_as(edit, json!({ "id": id }), Some(&shop.admin))
        .await;
    let edited = &body["data"]["updatePromotion"];
    assert_eq!(edited["name"], "February offer", "{body}");
    assert_eq!(edited["totalCap"], Value::Null);
    assert_eq!(edited["combinesWith"], json!(["AUTOMATIC"]));

    let end = "mutation($id: ID!) { endPromotion(id: $id) { endedAt } }";
    let body = app
        .gql_as(end, json!({ "id": id }), Some(&shop.admin))
        .await;
    assert!(
        body["data"]["endPromotion"]["endedAt"].is_string(),
        "{body}"
    );
    let body = app
        .gql_as(LIST, listed(Some(from)), Some(&shop.admin))
        .await;
    assert_eq!(body["data"]["promotions"]["totalCount"], 0, "ended: {body}");
    // Ended, its code is free again.
    let again = create(&app, &shop, ten_percent(&shop)).await;
    assert!(
        again["data"]["createPromotion"]["id"].is_string(),
        "{again}"
    );
}

#[tokio::test]
async fn bad_terms_are_refused_with_the_field_at_fault() {
    let app = spawn_app().await;
    let shop = shop(&app).await;
    let other = fixtures::clinic(&app.db, "Other").await;
    let their_service = fixtures::service(&app.db, other, "Theirs", false).await;
    let their_location = fixtures::location(&app.db, other, "Theirs").await;
    let first = create(&app, &shop, ten_percent(&shop)).await;
    assert!(
        first["data"]["createPromotion"]["id"].is_string(),
        "{first}"
    );
    let (from, _) = february();
    let cases: Vec<(&str, Value, &str)> = vec![
        ("percentOff", json!(0), "percentOff"),
        ("percentOff", json!(101), "percentOff"),
        ("validTo", json!(from.to_rfc3339()), "validTo"),
        ("code", json!("FEB10"), "code"),
        ("code", json!("no spaces"), "code"),
        (
            "serviceIds",
            json!([encode(Kind::Service, their_service).0]),
            "serviceIds",
        ),
        (
            "locationIds",
            json!([encode(Kind::Location, their_location).0]),
            "locationIds",
        ),
        ("totalCap", json!(0), "totalCap"),
        ("perClientCap", json!(-1), "perClientCap"),
        ("minListPriceMinor", json!(-1), "minListPriceMinor"),
    ];
    for (key, value, field) in cases {
        let mut input = ten_percent(&shop);
        input[key] = value.clone();
        if key != "code" {
            input["code"] = json!("OTHER");
        }
        let body = create(&app, &shop, input).await;
        assert_eq!(error_codes(&body), ["VALIDATION"], "{key}={value}: {body}");
        assert_eq!(
            body["errors"][0]["extensions"]["field"], field,
            "{key}={value}: {body}"
        );
    }
    let mut fixed = ten_percent(&shop);
    fixed["code"] = json!("FIVER");
    fixed["percentOff"] = Value::Null;
    fixed["amountOffMinor"] = json!(0);
    let body = create(&app, &shop, fixed.clone()).await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "amountOffMinor",
        "{body}"
    );
    fixed["amountOffMinor"] = json!(500);
    let body = create(&app, &shop, fixed).await;
    let amount = &body["data"]["createPromotion"]["amountOff"];
    assert_eq!(
        amount,
        &json!({ "amountMinor": 500, "currency": "GBP" }),
        "{body}"
    );
}

#[tokio::test]
async fn a_redeemed_promotion_keeps_its_discount_and_scope_but_can_be_renamed_and_ended() {
    let app = spawn_app().await;
    let shop = shop(&app).await;
    let body = create(&app, &shop, ten_percent(&shop)).await;
    let id = body["data"]["createPromotion"]["id"].clone();
    let promotion =
        stride_api::graphql::id::decode(Kind::Promotion, id.as_str().unwrap_or_default())
            .expect("a promotion ID");
    let therapist = fixtures::therapist(&app.db, shop.clinic, "Ana", &[shop.location], true).await;
    let client = users::client(&app.db).await;
    let slot = fixtures::Slot {
        clinic: shop.clinic,
        location: shop.location,
        therapist,
        service: shop.service,
        variant: fixtures::variant(&app.db, shop.service, 30).await,
        room: None,
    };
    let booking = fixtures::booking(&app.db, slot, client.user_id).await;
    entity::promotion_redemption::ActiveModel {
        id: Set(Uuid::new_v4()),
        promotion_id: Set(promotion),
        booking_id: Set(booking),
        client_user_id: Set(client.user_id),
        discount_minor: Set(350),
        currency: Set("GBP".into()),
        released_at: Set(None),
        released_by: Set(None),
        redeemed_on: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(&app.db)
    .await
    .expect("redemption stored");
    // As a booking's redemption would, it holds one of the promotion's count.
    entity::promotion::Entity::update_many()
        .col_expr(
            entity::promotion::Column::RedemptionCount,
            sea_orm::sea_query::Expr::value(1),
        )
        .filter(entity::promotion::Column::Id.eq(promotion))
        .exec(&app.db)
        .await
        .expect("count held");

    let update = |changes: &str| {
        format!(
            "mutation($id: ID!) {{ updatePromotion(id: $id, input: {{ {changes} }}) {{ name redemptions }} }}"
        )
    };
    for (changes, field) in [
        ("percentOff: 20", "percentOff"),
        ("serviceIds: []", "serviceIds"),
        ("locationIds: []", "locationIds"),
    ] {
        let body = app
            .gql_as(&update(changes), json!({ "id": id }), Some(&shop.admin))
            .await;
        assert_eq!(
            body["errors"][0]["extensions"]["reason"], "HAS_REDEMPTIONS",
            "{changes}: {body}"
        );
        assert_eq!(body["errors"][0]["extensions"]["field"], field);
    }
    let body = app
        .gql_as(
            &update("name: \"Renamed\""),
            json!({ "id": id }),
            Some(&shop.admin),
        )
        .await;
    assert_eq!(body["data"]["updatePromotion"]["redemptions"], 1, "{body}");
    let end = "mutation($id: ID!) { endPromotion(id: $id) { endedAt } }";
    let body = app
        .gql_as(end, json!({ "id": id }), Some(&shop.admin))
        .await;
    assert!(
        body["data"]["endPromotion"]["endedAt"].is_string(),
        "{body}"
    );
}

#[tokio::test]
async fn the_clinics_managers_read_promotions_and_nobody_else_outside_its_admins() {
    let app = spawn_app().await;
    let shop = shop(&app).await;
    let body = create(&app, &shop, ten_percent(&shop)).await;
    let id = body["data"]["createPromotion"]["id"].clone();
    let manager = users::location_manager(&app.db, shop.clinic, shop.location).await;
    let therapist_id =
        fixtures::therapist(&app.db, shop.clinic, "Ana", &[shop.location], true).await;
    let therapist = users::therapist(&app.db, shop.clinic, therapist_id).await;
    let other = users::franchise_admin(&app.db, fixtures::clinic(&app.db, "Other").await).await;
    let client = users::client(&app.db).await;
    let list = json!({ "c": encode(Kind::Clinic, shop.clinic).0 });
    let node = "query($id: ID!) { node(id: $id) { ... on Promotion { name } } }";
    let body = app.gql_as(LIST, list.clone(), Some(&manager.token)).await;
    assert_eq!(body["data"]["promotions"]["totalCount"], 1, "{body}");
    let body = app
        .gql_as(node, json!({ "id": id }), Some(&manager.token))
        .await;
    assert!(body["data"]["node"]["name"].is_string(), "{body}");
    for token in [&therapist.token, &other.token, &client.token] {
        let body = app.gql_as(LIST, list.clone(), Some(token)).await;
        assert_eq!(error_codes(&body), ["FORBIDDEN"], "{body}");
        let body = app.gql_as(node, json!({ "id": id }), Some(token)).await;
        assert_eq!(body["data"]["node"], Value::Null, "{body}");
    }
}

#[tokio::test]
async fn a_code_is_in_use_while_its_promotion_is_live_and_free_once_it_is_over() {
    let app = spawn_app().await;
    let shop = shop(&app).await;
    let over = Utc::now() - TimeDelta::days(30);
    let mut past = ten_percent(&shop);
    past["code"] = json!("SPRING");
    past["validFrom"] = json!((over - TimeDelta::days(30)).to_rfc3339());
    past["validTo"] = json!(over.to_rfc3339());
    let past = create(&app, &shop, past).await;
    let past_id = past["data"]["createPromotion"]["id"].clone();
    assert!(past_id.is_string(), "{past}");

    // Never ended by hand, but over: its code goes to the new promotion, and it is ended
    // at its end.
    let mut live = ten_percent(&shop);
    live["code"] = json!("spring");
    let live = create(&app, &shop, live).await;
    assert_eq!(live["data"]["createPromotion"]["code"], "SPRING", "{live}");
    let read = app
        .gql_as(
            "query($id: ID!) { promotion(id: $id) { endedAt validTo } }",
            json!({ "id": past_id }),
            Some(&shop.admin),
        )
        .await;
    let ended = &read["data"]["promotion"];
    assert_eq!(ended["endedAt"], ended["validTo"], "{read}");

    let mut clash = ten_percent(&shop);
    clash["code"] = json!("Spring");
    let body = create(&app, &shop, clash).await;
    assert_eq!(error_codes(&body), ["VALIDATION"], "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "code", "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["reason"], "CODE_IN_USE",
        "{body}"
    );
}

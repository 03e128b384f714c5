//! The service catalogue admin API: services, duration variants, location prices.

use entity::clinic;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{Value, json};
use stride_api::graphql::id::{Kind, decode, encode};
use stride_tests::{TestApp, error_codes, fixtures, spawn_app, users};
use uuid::Uuid;

const CREATE: &str = "mutation($input: CreateServiceInput!) { createService(input: $input) { name modality cleanupBufferMinutes archived variants { durationMinutes price { amountMinor currency } } } }";
const UPDATE: &str = "mutation($id: ID!, $input: UpdateServiceInput!) { updateService(id: $id, input: $input) { name cleanupBufferMinutes } }";
const ARCHIVE: &str = "mutation($id: ID!) { archiveService(id: $id) { archived } }";
const SET_PRICE: &str = "mutation($location: ID!, $input: SetLocationPriceInput!) { setLocationPrice(input: $input) { durationMinutes priceAt(locationId: $location) { amountMinor } } }";
const SERVICE: &str = "query($id: ID!) { service(id: $id) { name archived variants { id durationMinutes price { amountMinor currency } } } }";
const PRICES_AT: &str = "query($id: ID!, $location: ID!) { service(id: $id) { variants { price { amountMinor } priceAt(locationId: $location) { amountMinor } } } }";
const SERVICES: &str = "query($c: ID!, $all: Boolean) { services(clinicId: $c, includeArchived: $all) { edges { node { name archived } } } }";

fn variant(minutes: i32, price: i64) -> Value {
    json!({ "durationMinutes": minutes, "priceMinor": price })
}

fn create_input(clinic: Uuid, name: &str, variants: Value) -> Value {
    json!({ "input": {
        "clinicId": encode(Kind::Clinic, clinic).0, "name": name, "description": "Deep work on tight calves",
        "modality": "DEEP_TISSUE", "cleanupBufferMinutes": 15, "variants": variants } })
}

fn update_input(service: Uuid, input: Value) -> Value {
    json!({ "id": encode(Kind::Service, service).0, "input": input })
}

fn price_input(variant: &str, location: Uuid, price: Value) -> Value {
    let location = encode(Kind::Location, location).0;
    json!({ "location": location, "input": { "variantId": variant, "locationId": location, "priceMinor": price } })
}

/// The service as the public catalogue shows it.
async fn read_service(app: &TestApp, service: Uuid) -> Value {
    let vars = json!({ "id": encode(Kind::Service, service).0 });
    app.gql_ok(SERVICE, vars).await["service"].clone()
}

/// Each variant's list price and its price at `location`, shortest first.
async fn prices_at(app: &TestApp, service: Uuid, location: Uuid) -> Value {
    let vars = json!({ "id": encode(Kind::Service, service).0, "location": encode(Kind::Location, location).0 });
    app.gql_ok(PRICES_AT, vars).await["service"]["variants"].clone()
}

/// (duration, variant ID) of each variant, shortest first.
async fn variant_ids(app: &TestApp, service: Uuid) -> Vec<(i64, String)> {
    let read = read_service(app, service).await;
    let variants = read["variants"].as_array().expect("variants").iter();
    variants
        .map(|v| {
            (
                v["durationMinutes"].as_i64().unwrap(),
                v["id"].as_str().unwrap().into(),
            )
        })
        .collect()
}

async fn listed(app: &TestApp, clinic: Uuid, all: bool) -> Value {
    let vars = json!({ "c": encode(Kind::Clinic, clinic).0, "all": all });
    app.gql_ok(SERVICES, vars).await["services"]["edges"].clone()
}

/// The data of an operation that must succeed.
async fn ok(app: &TestApp, query: &str, vars: Value, token: &str) -> Value {
    let body = app.gql_as(query, vars, Some(token)).await;
    assert!(body.get("errors").is_none(), "unexpected errors: {body}");
    body["data"].clone()
}

/// The codes of a failed operation and the input field its first error names.
async fn failure(app: &TestApp, query: &str, vars: Value, token: Option<&str>) -> (String, Value) {
    let body = app.gql_as(query, vars, token).await;
    (
        error_codes(&body).join(","),
        body["errors"][0]["extensions"]["field"].clone(),
    )
}

#[tokio::test]
async fn a_franchise_admin_creates_a_service_priced_in_the_clinics_currency() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let euros = clinic::ActiveModel {
        id: Set(clinic),
        currency: Set("EUR".into()),
        ..Default::default()
    };
    euros.update(&app.db).await.expect("currency changed");
    let admin = users::franchise_admin(&app.db, clinic).await;
    let input = create_input(
        clinic,
        " Calf release ",
        json!([variant(60, 7000), variant(30, 0)]),
    );
    let created = &ok(&app, CREATE, input, &admin.token).await["createService"];
    assert_eq!(created["name"], "Calf release");
    assert_eq!(created["modality"], "DEEP_TISSUE");
    assert_eq!(created["cleanupBufferMinutes"], 15);
    assert_eq!(
        created["variants"],
        json!([
            { "durationMinutes": 30, "price": { "amountMinor": 0, "currency": "EUR" } },
            { "durationMinutes": 60, "price": { "amountMinor": 7000, "currency": "EUR" } },
        ])
    );
    let node = json!({ "node": { "name": "Calf release", "archived": false } });
    assert_eq!(listed(&app, clinic, false).await, json!([node]));
}

#[tokio::test]
async fn updating_variants_keeps_kept_durations_ids_adds_new_ones_and_removes_the_rest() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let location = fixtures::location(&app.db, clinic, "North").await;
    let service = fixtures::service(&app.db, clinic, "Sports massage", false).await;
    let admin = users::franchise_admin(&app.db, clinic).await;
    let before = variant_ids(&app, service).await;
    let variants = json!([variant(120, 11_000), variant(60, 6_500)]);
    let input =
        json!({ "name": "Sports massage+", "cleanupBufferMinutes": 0, "variants": variants });
    let updated = ok(&app, UPDATE, update_input(service, input), &admin.token).await;
    assert_eq!(
        updated["updateService"],
        json!({ "name": "Sports massage+", "cleanupBufferMinutes": 0 })
    );
    let after = variant_ids(&app, service).await;
    assert_eq!(after.iter().map(|v| v.0).collect::<Vec<_>>(), [60, 120]);
    assert_eq!(after[0], before[1], "the 60-minute variant keeps its ID");
    assert!(before.iter().all(|(_, id)| *id != after[1].1));
    let read = read_service(&app, service).await;
    assert_eq!(
        read["variants"][0]["price"],
        json!({ "amountMinor": 6_500, "currency": "GBP" })
    );
    let at_north = prices_at(&app, service, location).await;
    assert_eq!(at_north[1]["priceAt"]["amountMinor"], 11_000);
}

#[tokio::test]
async fn a_duration_with_bookings_cannot_be_removed_and_nothing_else_changes() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let location = fixtures::location(&app.db, clinic, "North").await;
    let therapist = fixtures::therapist(&app.db, clinic, "Sam", &[location], true).await;
    let service = fixtures::service(&app.db, clinic, "Sports massage", false).await;
    let admin = users::franchise_admin(&app.db, clinic).await;
    let client = users::client(&app.db).await;
    let thirty = decode(Kind::ServiceVariant, &variant_ids(&app, service).await[0].1);
    let thirty = thirty.expect("a variant ID");
    let slot = fixtures::Slot {
        clinic,
        location,
        therapist,
        service,
        variant: thirty,
        room: None,
    };
    fixtures::booking(&app.db, slot, client.user_id).await;
    let input = json!({ "name": "Renamed", "variants": [variant(60, 1)] });
    let (codes, _) = failure(
        &app,
        UPDATE,
        update_input(service, input),
        Some(&admin.token),
    )
    .await;
    assert_eq!(codes, "CONFLICT");
    let read = read_service(&app, service).await;
    assert_eq!(
        read["name"], "Sports massage",
        "the update is rolled back whole"
    );
    assert_eq!(read["variants"].as_array().map(Vec::len), Some(3));
    assert_eq!(read["variants"][1]["price"]["amountMinor"], 6_000);
}

#[tokio::test]
async fn archiving_hides_a_service_from_the_bookable_catalogue_but_keeps_it_readable() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let service = fixtures::service(&app.db, clinic, "Hot stone", false).await;
    let admin = users::franchise_admin(&app.db, clinic).await;
    for _ in 0..2 {
        let vars = json!({ "id": encode(Kind::Service, service).0 });
        let archived = ok(&app, ARCHIVE, vars, &admin.token).await;
        assert_eq!(archived["archiveService"]["archived"], true);
    }
    assert_eq!(listed(&app, clinic, false).await, json!([]));
    let node = json!({ "node": { "name": "Hot stone", "archived": true } });
    assert_eq!(listed(&app, clinic, true).await, json!([node]));
    assert_eq!(read_service(&app, service).await["archived"], true);
}

#[tokio::test]
async fn a_location_price_overrides_the_list_price_until_it_is_cleared() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let london = fixtures::location(&app.db, clinic, "London").await;
    let leeds = fixtures::location(&app.db, clinic, "Leeds").await;
    let service = fixtures::service(&app.db, clinic, "Sports massage", false).await;
    let admin = users::franchise_admin(&app.db, clinic).await;
    let sixty = variant_ids(&app, service).await[1].1.clone();
    for (price, expected) in [
        (json!(7_000), 7_000),
        (json!(7_200), 7_200),
        (json!(null), 6_000),
    ] {
        let set = ok(
            &app,
            SET_PRICE,
            price_input(&sixty, london, price),
            &admin.token,
        )
        .await;
        let answer = json!({ "durationMinutes": 60, "priceAt": { "amountMinor": expected } });
        assert_eq!(set["setLocationPrice"], answer);
        let at_london = &prices_at(&app, service, london).await[1];
        assert_eq!(at_london["priceAt"]["amountMinor"], expected);
        assert_eq!(
            at_london["price"]["amountMinor"], 6_000,
            "the list price stays"
        );
        let at_leeds = &prices_at(&app, service, leeds).await[1];
        assert_eq!(at_leeds["priceAt"]["amountMinor"], 6_000);
    }
}

#[tokio::test]
async fn service_input_is_validated_field_by_field() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let elsewhere =
        fixtures::location(&app.db, fixtures::clinic(&app.db, "Other").await, "Far").await;
    let service = fixtures::service(&app.db, clinic, "Sports massage", false).await;
    let admin = users::franchise_admin(&app.db, clinic).await;
    let with = |variants: Value| create_input(clinic, "New", variants);
    let mut long_buffer = with(json!([variant(30, 100)]));
    long_buffer["input"]["cleanupBufferMinutes"] = json!(121);
    let seven: Vec<Value> = (1..=7).map(|i| variant(i * 10, 100)).collect();
    for (vars, field) in [
        (with(json!([variant(30, -1)])), "variants.priceMinor"),
        (
            with(json!([variant(30, 100), variant(30, 200)])),
            "variants.durationMinutes",
        ),
        (with(json!([variant(4, 100)])), "variants.durationMinutes"),
        (with(json!([])), "variants"),
        (with(json!(seven)), "variants"),
        (
            create_input(clinic, "  ", json!([variant(30, 100)])),
            "name",
        ),
        (long_buffer, "cleanupBufferMinutes"),
    ] {
        let answer = failure(&app, CREATE, vars, Some(&admin.token)).await;
        assert_eq!(answer, ("VALIDATION".into(), json!(field)));
    }
    let conflict = ("CONFLICT".to_owned(), json!("name"));
    let taken = create_input(clinic, "Sports massage", json!([variant(30, 100)]));
    assert_eq!(
        failure(&app, CREATE, taken, Some(&admin.token)).await,
        conflict
    );
    fixtures::service(&app.db, clinic, "Swedish", false).await;
    let rename = update_input(service, json!({ "name": "Swedish" }));
    assert_eq!(
        failure(&app, UPDATE, rename, Some(&admin.token)).await,
        conflict
    );
    let sixty = variant_ids(&app, service).await[1].1.clone();
    let far = price_input(&sixty, elsewhere, json!(5_000));
    let answer = failure(&app, SET_PRICE, far, Some(&admin.token)).await;
    assert_eq!(answer, ("VALIDATION".into(), json!("locationId")));
}

#[tokio::test]
async fn only_franchise_admins_of_the_services_clinic_may_change_it() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let other = fixtures::clinic(&app.db, "Other").await;
    let location = fixtures::location(&app.db, clinic, "North").await;
    let therapist = fixtures::therapist(&app.db, clinic, "Sam", &[location], true).await;
    let service = fixtures::service(&app.db, clinic, "Sports massage", false).await;
    let sixty = variant_ids(&app, service).await[1].1.clone();
    let callers = [
        Some(users::franchise_admin(&app.db, other).await),
        Some(users::location_manager(&app.db, clinic, location).await),
        Some(users::therapist(&app.db, clinic, therapist).await),
        Some(users::client(&app.db).await),
        None,
    ];
    let attempts = [
        (CREATE, create_input(clinic, "New", json!([variant(30, 1)]))),
        (UPDATE, update_input(service, json!({ "name": "Hijacked" }))),
        (ARCHIVE, json!({ "id": encode(Kind::Service, service).0 })),
        (SET_PRICE, price_input(&sixty, location, json!(1))),
    ];
    for caller in &callers {
        let token = caller.as_ref().map(|c| c.token.as_str());
        let expected = if token.is_some() {
            "FORBIDDEN"
        } else {
            "UNAUTHENTICATED"
        };
        for (query, vars) in &attempts {
            let (codes, _) = failure(&app, query, vars.clone(), token).await;
            assert_eq!(codes, expected, "{query}");
        }
    }
    let read = read_service(&app, service).await;
    assert_eq!(
        (&read["name"], &read["archived"]),
        (&json!("Sports massage"), &json!(false))
    );
    let at_north = prices_at(&app, service, location).await;
    assert_eq!(at_north[1]["priceAt"]["amountMinor"], 6_000);
    assert_eq!(
        listed(&app, clinic, true).await.as_array().map(Vec::len),
        Some(1)
    );
}

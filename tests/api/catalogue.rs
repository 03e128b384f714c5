//! The public catalogue: clinics, locations, therapists and services, nested both ways.

use entity::enums::Modality;
use serde_json::{Value, json};
use stride_api::graphql::id::{Kind, encode};
use stride_tests::{fixtures, spawn_app, spawn_demo_app};

const NESTED: &str = "{ clinics(first: 10) { edges { node { name currency locations(first: 10) { edges { node { name timeZone therapists(first: 20) { edges { node { name } } } } } } } } } }";

fn nodes(connection: &Value) -> Vec<Value> {
    connection["edges"]
        .as_array()
        .map(|edges| edges.iter().map(|e| e["node"].clone()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn the_demo_serves_three_clinics_with_locations_and_therapists() {
    let app = spawn_demo_app().await;
    let data = app.gql_ok(NESTED, json!({})).await;
    let clinics = nodes(&data["clinics"]);
    assert_eq!(clinics.len(), 3, "{data}");
    let currencies: Vec<_> = clinics
        .iter()
        .map(|c| c["currency"].as_str().unwrap_or_default())
        .collect();
    assert!(
        currencies.contains(&"GBP") && currencies.contains(&"USD"),
        "{currencies:?}"
    );
    let mut zones = std::collections::HashSet::new();
    for clinic in &clinics {
        let locations = nodes(&clinic["locations"]);
        assert!((2..=4).contains(&locations.len()), "{clinic}");
        let therapists: std::collections::HashSet<_> = locations
            .iter()
            .flat_map(|l| nodes(&l["therapists"]))
            .map(|t| t["name"].as_str().unwrap_or_default().to_owned())
            .collect();
        assert!((4..=8).contains(&therapists.len()), "{clinic}");
        zones.extend(
            locations
                .iter()
                .map(|l| l["timeZone"].as_str().unwrap_or_default().to_owned()),
        );
    }
    assert!(zones.len() >= 2, "the demo spans time zones: {zones:?}");
}

#[tokio::test]
async fn loading_the_demo_again_changes_nothing() {
    let app = spawn_demo_app().await;
    let before = app.gql_ok(NESTED, json!({})).await;
    stride_api::demo::load(&app.db).await.expect("second load");
    let after = app.gql_ok(NESTED, json!({})).await;
    assert_eq!(before, after);
}

#[tokio::test]
async fn a_location_shows_its_address_hours_closures_and_rooms() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let location = fixtures::location(&app.db, clinic, "Shoreditch").await;
    let data = app
        .gql_ok(
            "query($id: ID!) { location(id: $id) { name timeZone phone clinic { name }
                address { line1 city postalCode countryCode }
                openingHours { weekday opensAt closesAt }
                closures(from: \"2026-12-01\") { startsOn endsOn reason }
                later: closures(from: \"2027-01-01\") { startsOn }
                rooms { name } } }",
            json!({ "id": encode(Kind::Location, location).0 }),
        )
        .await;
    let location = &data["location"];
    assert_eq!(location["clinic"]["name"], "Kinetic");
    assert_eq!(location["timeZone"], "Europe/London");
    assert_eq!(location["address"]["countryCode"], "GB");
    assert_eq!(
        location["openingHours"][0],
        json!({ "weekday": "MONDAY", "opensAt": "09:00", "closesAt": "13:00" })
    );
    assert_eq!(
        location["openingHours"][1],
        json!({ "weekday": "MONDAY", "opensAt": "14:00", "closesAt": "18:00" })
    );
    assert_eq!(
        location["closures"],
        json!([{ "startsOn": "2026-12-25", "endsOn": "2026-12-26", "reason": "Christmas" }])
    );
    assert_eq!(location["later"], json!([]));
    assert_eq!(
        location["rooms"],
        json!([{ "name": "Room 1" }, { "name": "Room 2" }])
    );
}

#[tokio::test]
async fn therapists_are_found_by_location_and_by_qualification() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let north = fixtures::location(&app.db, clinic, "North").await;
    let south = fixtures::location(&app.db, clinic, "South").await;
    fixtures::therapist_specialising(&app.db, clinic, "Ana", &[north, south], &[Modality::Sports])
        .await;
    fixtures::therapist_specialising(&app.db, clinic, "Ben", &[north], &[Modality::Thai]).await;
    fixtures::therapist(&app.db, clinic, "Cleo (on leave)", &[north], false).await;
    let sports = fixtures::service(&app.db, clinic, "Sports massage", false).await;

    let query = "query($l: ID, $s: ID, $c: ID) { therapists(locationId: $l, serviceId: $s, clinicId: $c) { totalCount edges { node { name } } } }";
    let names = |data: Value| -> Vec<String> {
        nodes(&data["therapists"])
            .iter()
            .map(|t| t["name"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let at_north = app
        .gql_ok(query, json!({ "l": encode(Kind::Location, north).0 }))
        .await;
    assert_eq!(names(at_north), ["Ana", "Ben"]);
    let at_south = app
        .gql_ok(query, json!({ "l": encode(Kind::Location, south).0 }))
        .await;
    assert_eq!(names(at_south), ["Ana"]);
    let for_sports = app
        .gql_ok(
            query,
            json!({ "l": encode(Kind::Location, north).0, "s": encode(Kind::Service, sports).0 }),
        )
        .await;
    assert_eq!(names(for_sports), ["Ana"]);
    let whole_clinic = app
        .gql_ok(query, json!({ "c": encode(Kind::Clinic, clinic).0 }))
        .await;
    assert_eq!(names(whole_clinic), ["Ana", "Ben"]);

    let nothing = app.gql(query, json!({})).await;
    assert_eq!(stride_tests::error_codes(&nothing), ["VALIDATION"]);
}

#[tokio::test]
async fn a_therapist_shows_credential_specialties_locations_schedule_and_services() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let north = fixtures::location(&app.db, clinic, "North").await;
    let south = fixtures::location(&app.db, clinic, "South").await;
    let ana = fixtures::therapist_specialising(
        &app.db,
        clinic,
        "Ana",
        &[south, north],
        &[Modality::Sports, Modality::PreEvent],
    )
    .await;
    fixtures::service(&app.db, clinic, "Sports massage", false).await;
    fixtures::service_of(&app.db, clinic, "Thai massage", Modality::Thai, false).await;
    fixtures::service_of(
        &app.db,
        clinic,
        "Pre-event massage",
        Modality::PreEvent,
        false,
    )
    .await;

    let data = app
        .gql_ok(
            "query($id: ID!) { therapist(id: $id) { name credential { kind body number } specialties
                locations { totalCount edges { node { name } } }
                schedule { weekday startsAt endsAt location { name } }
                services { edges { node { name } } } } }",
            json!({ "id": encode(Kind::Therapist, ana).0 }),
        )
        .await;
    let t = &data["therapist"];
    assert_eq!(t["credential"]["kind"], "CERTIFICATION");
    assert_eq!(t["specialties"], json!(["PRE_EVENT", "SPORTS"]));
    assert_eq!(t["locations"]["totalCount"], 2);
    assert_eq!(nodes(&t["locations"])[0]["name"], "North");
    assert_eq!(t["schedule"].as_array().map(Vec::len), Some(2));
    assert_eq!(t["schedule"][0]["startsAt"], "09:00");
    let services: Vec<_> = nodes(&t["services"])
        .iter()
        .map(|s| s["name"].clone())
        .collect();
    assert_eq!(
        services,
        [json!("Pre-event massage"), json!("Sports massage")]
    );
}

#[tokio::test]
async fn inactive_therapists_are_not_public() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let location = fixtures::location(&app.db, clinic, "North").await;
    let gone = fixtures::therapist(&app.db, clinic, "Gone", &[location], false).await;
    let data = app
        .gql_ok(
            "query($id: ID!) { therapist(id: $id) { name } node(id: $id) { id } }",
            json!({ "id": encode(Kind::Therapist, gone).0 }),
        )
        .await;
    assert!(
        data["therapist"].is_null() && data["node"].is_null(),
        "{data}"
    );
}

#[tokio::test]
async fn services_show_variants_prices_and_hide_archived_ones() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let london = fixtures::location(&app.db, clinic, "London").await;
    let leeds = fixtures::location(&app.db, clinic, "Leeds").await;
    let sports = fixtures::service(&app.db, clinic, "Sports massage", false).await;
    fixtures::service(&app.db, clinic, "Old hot stone", true).await;
    fixtures::price_override(&app.db, sports, 60, london, 7_500).await;

    let query = "query($c: ID!, $london: ID!, $leeds: ID!, $all: Boolean) { services(clinicId: $c, includeArchived: $all) {
        totalCount edges { node { name modality archived cleanupBufferMinutes
          variants { durationMinutes price { amountMinor currency } london: priceAt(locationId: $london) { amountMinor } leeds: priceAt(locationId: $leeds) { amountMinor } } } } } }";
    let vars = |all: bool| json!({ "c": encode(Kind::Clinic, clinic).0, "london": encode(Kind::Location, london).0, "leeds": encode(Kind::Location, leeds).0, "all": all });
    let bookable = app.gql_ok(query, vars(false)).await;
    assert_eq!(bookable["services"]["totalCount"], 1);
    let service = &nodes(&bookable["services"])[0];
    assert_eq!(service["modality"], "SPORTS");
    assert_eq!(service["archived"], false);
    let variants = service["variants"].as_array().expect("variants");
    let durations: Vec<_> = variants
        .iter()
        .map(|v| v["durationMinutes"].clone())
        .collect();
    assert_eq!(durations, [json!(30), json!(60), json!(90)]);
    assert_eq!(
        variants[1]["price"],
        json!({ "amountMinor": 6_000, "currency": "GBP" })
    );
    assert_eq!(variants[1]["london"]["amountMinor"], 7_500);
    assert_eq!(variants[1]["leeds"]["amountMinor"], 6_000);
    assert_eq!(variants[0]["london"]["amountMinor"], 3_500);

    let everything = app.gql_ok(query, vars(true)).await;
    assert_eq!(everything["services"]["totalCount"], 2);
}

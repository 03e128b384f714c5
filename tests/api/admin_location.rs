//! The location admin API: profile, hours, closures, rooms.

use serde_json::{Value, json};
use stride_api::graphql::id::{Kind, encode};
use stride_tests::{TestApp, error_codes, fixtures, spawn_app, users};
use uuid::Uuid;

const CREATE: &str = "mutation($input: CreateLocationInput!) { createLocation(input: $input) { id name timeZone phone address { city countryCode } clinic { name } } }";
const SET_HOURS: &str = "mutation($id: ID!, $hours: [OpeningHoursInput!]!) { setOpeningHours(locationId: $id, hours: $hours) { openingHours { weekday opensAt closesAt } } }";

fn location_input(clinic: Uuid, name: &str, time_zone: &str) -> Value {
    json!({ "input": {
        "clinicId": encode(Kind::Clinic, clinic).0, "name": name, "timeZone": time_zone, "phone": "+44 161 496 0000",
        "address": { "line1": "1 Tariff Street", "city": "Manchester", "postalCode": "M1 2FF", "countryCode": "gb" } } })
}

async fn field_error(app: &TestApp, query: &str, vars: Value, token: &str) -> (Vec<String>, Value) {
    let body = app.gql_as(query, vars, Some(token)).await;
    (
        error_codes(&body),
        body["errors"][0]["extensions"]["field"].clone(),
    )
}

#[tokio::test]
async fn a_franchise_admin_creates_and_edits_a_location_of_their_clinic() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let admin = users::franchise_admin(&app.db, clinic).await;
    let created = app
        .gql_as(
            CREATE,
            location_input(clinic, " Ancoats ", "Europe/London"),
            Some(&admin.token),
        )
        .await;
    let location = &created["data"]["createLocation"];
    assert_eq!(location["name"], "Ancoats", "{created}");
    assert_eq!(location["address"]["countryCode"], "GB");
    assert_eq!(location["clinic"]["name"], "Kinetic");

    let renamed = app
        .gql_as(
            "mutation($id: ID!) { updateLocation(id: $id, input: { name: \"Ancoats Mill\", timeZone: \"Europe/Dublin\" }) { name timeZone phone } }",
            json!({ "id": location["id"] }),
            Some(&admin.token),
        )
        .await;
    assert_eq!(
        renamed["data"]["updateLocation"],
        json!({ "name": "Ancoats Mill", "timeZone": "Europe/Dublin", "phone": "+44 161 496 0000" })
    );

    let again = app
        .gql_as(
            CREATE,
            location_input(clinic, "Ancoats Mill", "Europe/London"),
            Some(&admin.token),
        )
        .await;
    assert_eq!(error_codes(&again), ["CONFLICT"]);
    assert_eq!(again["errors"][0]["extensions"]["field"], "name");
}

#[tokio::test]
async fn location_input_is_validated_field_by_field() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let admin = users::franchise_admin(&app.db, clinic).await;
    let mut bad_phone = location_input(clinic, "A", "Europe/London");
    bad_phone["input"]["phone"] = json!("call us");
    let mut bad_country = location_input(clinic, "A", "Europe/London");
    bad_country["input"]["address"]["countryCode"] = json!("GBR");
    for (vars, field) in [
        (location_input(clinic, "A", "Europe/Londn"), "timeZone"),
        (location_input(clinic, "A", "GMT+1"), "timeZone"),
        (location_input(clinic, "  ", "Europe/London"), "name"),
        (bad_phone, "phone"),
        (bad_country, "address.countryCode"),
    ] {
        let (codes, at) = field_error(&app, CREATE, vars, &admin.token).await;
        assert_eq!(codes, ["VALIDATION"], "{field}");
        assert_eq!(at, field);
    }
}

#[tokio::test]
async fn opening_hours_are_replaced_whole_and_must_not_overlap() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let location = fixtures::location(&app.db, clinic, "North").await;
    let manager = users::location_manager(&app.db, clinic, location).await;
    let id = encode(Kind::Location, location).0;
    let hours = json!([
        { "weekday": "TUESDAY", "opensAt": "14:00", "closesAt": "20:00" },
        { "weekday": "TUESDAY", "opensAt": "08:00", "closesAt": "12:00" },
        { "weekday": "SATURDAY", "opensAt": "09:00", "closesAt": "13:00" },
    ]);
    let set = app
        .gql_as(
            SET_HOURS,
            json!({ "id": id, "hours": hours }),
            Some(&manager.token),
        )
        .await;
    assert_eq!(
        set["data"]["setOpeningHours"]["openingHours"],
        json!([
            { "weekday": "TUESDAY", "opensAt": "08:00", "closesAt": "12:00" },
            { "weekday": "TUESDAY", "opensAt": "14:00", "closesAt": "20:00" },
            { "weekday": "SATURDAY", "opensAt": "09:00", "closesAt": "13:00" },
        ]),
        "{set}"
    );
    for hours in [
        json!([{ "weekday": "MONDAY", "opensAt": "09:00", "closesAt": "13:00" }, { "weekday": "MONDAY", "opensAt": "12:00", "closesAt": "15:00" }]),
        json!([{ "weekday": "MONDAY", "opensAt": "13:00", "closesAt": "09:00" }]),
    ] {
        let (codes, field) = field_error(
            &app,
            SET_HOURS,
            json!({ "id": id, "hours": hours }),
            &manager.token,
        )
        .await;
        assert_eq!(
            (codes, field),
            (vec!["VALIDATION".to_owned()], json!("hours"))
        );
    }
    let malformed = app
        .gql_as(SET_HOURS, json!({ "id": id, "hours": [{ "weekday": "MONDAY", "opensAt": "9am", "closesAt": "13:00" }] }), Some(&manager.token))
        .await;
    assert_eq!(error_codes(&malformed), ["VALIDATION"]);
}

#[tokio::test]
async fn closures_and_rooms_come_and_go() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let location = fixtures::location(&app.db, clinic, "North").await;
    let admin = users::franchise_admin(&app.db, clinic).await;
    let id = encode(Kind::Location, location).0;
    let added = app
        .gql_as(
            "mutation($id: ID!) { addClosure(input: { locationId: $id, startsOn: \"2027-04-02\", endsOn: \"2027-04-05\", reason: \"Easter\" }) { id startsOn endsOn reason } }",
            json!({ "id": id }),
            Some(&admin.token),
        )
        .await;
    let closure = added["data"]["addClosure"].clone();
    assert_eq!(closure["reason"], "Easter", "{added}");
    let backwards = app
        .gql_as(
            "mutation($id: ID!) { addClosure(input: { locationId: $id, startsOn: \"2027-04-05\", endsOn: \"2027-04-02\", reason: \"\" }) { id } }",
            json!({ "id": id }),
            Some(&admin.token),
        )
        .await;
    assert_eq!(backwards["errors"][0]["extensions"]["field"], "endsOn");
    let removed = app
        .gql_as(
            "mutation($id: ID!) { removeClosure(id: $id) }",
            json!({ "id": closure["id"] }),
            Some(&admin.token),
        )
        .await;
    assert_eq!(removed["data"]["removeClosure"], closure["id"]);
    let gone = app
        .gql_as(
            "mutation($id: ID!) { removeClosure(id: $id) }",
            json!({ "id": closure["id"] }),
            Some(&admin.token),
        )
        .await;
    assert_eq!(error_codes(&gone), ["NOT_FOUND"]);

    let room = app
        .gql_as(
            "mutation($id: ID!) { createRoom(locationId: $id, name: \"Room 3\") { id name } }",
            json!({ "id": id }),
            Some(&admin.token),
        )
        .await;
    assert_eq!(room["data"]["createRoom"]["name"], "Room 3");
    let duplicate = app
        .gql_as(
            "mutation($id: ID!) { createRoom(locationId: $id, name: \"Room 3\") { id } }",
            json!({ "id": id }),
            Some(&admin.token),
        )
        .await;
    assert_eq!(error_codes(&duplicate), ["CONFLICT"]);
    let rename =
        "mutation($id: ID!, $name: String!) { renameRoom(id: $id, name: $name) { id name } }";
    let room_id = room["data"]["createRoom"]["id"].clone();
    let renamed = app
        .gql_as(
            rename,
            json!({ "id": room_id, "name": " Treatment room 3 " }),
            Some(&admin.token),
        )
        .await;
    assert_eq!(
        renamed["data"]["renameRoom"]["name"], "Treatment room 3",
        "{renamed}"
    );
    let taken = app
        .gql_as(
            rename,
            json!({ "id": room_id, "name": "Room 1" }),
            Some(&admin.token),
        )
        .await;
    assert_eq!(error_codes(&taken), ["CONFLICT"], "{taken}");
    let blank = app
        .gql_as(
            rename,
            json!({ "id": room_id, "name": "  " }),
            Some(&admin.token),
        )
        .await;
    assert_eq!(error_codes(&blank), ["VALIDATION"], "{blank}");
    assert_eq!(blank["errors"][0]["extensions"]["field"], "name");
    let removed = app
        .gql_as(
            "mutation($id: ID!) { removeRoom(id: $id) }",
            json!({ "id": room["data"]["createRoom"]["id"] }),
            Some(&admin.token),
        )
        .await;
    assert!(removed["data"]["removeRoom"].is_string(), "{removed}");
}

#[tokio::test]
async fn a_room_with_bookings_cannot_be_removed() {
    use entity::room;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let location = fixtures::location(&app.db, clinic, "North").await;
    let therapist = fixtures::therapist(&app.db, clinic, "Ana", &[location], true).await;
    let service = fixtures::service(&app.db, clinic, "Sports massage", false).await;
    let variant = app
        .gql_ok(
            "query($s: ID!) { service(id: $s) { variants { id } } }",
            json!({ "s": encode(Kind::Service, service).0 }),
        )
        .await["service"]["variants"][0]["id"]
        .clone();
    let variant =
        stride_api::graphql::id::decode(Kind::ServiceVariant, variant.as_str().unwrap_or_default())
            .expect("variant");
    let room = room::Entity::find()
        .filter(room::Column::LocationId.eq(location))
        .one(&app.db)
        .await
        .expect("query")
        .expect("the fixture location has rooms");
    let client = users::client(&app.db).await;
    let slot = fixtures::Slot {
        clinic,
        location,
        therapist,
        service,
        variant,
        room: Some(room.id),
    };
    fixtures::booking(&app.db, slot, client.user_id).await;
    let admin = users::franchise_admin(&app.db, clinic).await;
    let body = app
        .gql_as(
            "mutation($id: ID!) { removeRoom(id: $id) }",
            json!({ "id": encode(Kind::Room, room.id).0 }),
            Some(&admin.token),
        )
        .await;
    assert_eq!(error_codes(&body), ["CONFLICT"], "{body}");
}

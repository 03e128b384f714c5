//! The therapist admin API: profiles, locations, weekly schedules and time off.

use serde_json::{Value, json};
use stride_api::graphql::id::{Kind, encode};
use stride_tests::{TestApp, error_codes, fixtures, spawn_app, users};
use uuid::Uuid;

const CREATE: &str = "mutation($input: CreateTherapistInput!) { createTherapist(input: $input) { id name bufferMinutes specialties credential { kind body number } } }";
const UPDATE: &str = "mutation($id: ID!, $input: UpdateTherapistInput!) { updateTherapist(id: $id, input: $input) { name bio } }";
const SCHEDULE: &str = "mutation($t: ID!, $l: ID!, $intervals: [ScheduleIntervalInput!]!) { setTherapistSchedule(therapistId: $t, locationId: $l, intervals: $intervals) { id } }";
const ADD_TIME_OFF: &str = "mutation($input: AddTimeOffInput!) { addTimeOff(input: $input) { id startsAt endsAt reason } }";
const REMOVE_TIME_OFF: &str = "mutation($id: ID!) { removeTimeOff(id: $id) }";
const PROFILE: &str = "query($id: ID!) { therapist(id: $id) { name specialties credential { number } locations { edges { node { name } } } schedule { location { name } weekday startsAt endsAt } } }";
const TIME_OFF: &str = "query($id: ID!) { therapist(id: $id) { timeOff(from: \"2027-01-01T00:00:00Z\", to: \"2028-01-01T00:00:00Z\") { reason } } }";

fn loc(id: Uuid) -> String {
    encode(Kind::Location, id).0
}

fn therapist_input(clinic: Uuid, locations: &[Uuid]) -> Value {
    let ids: Vec<_> = locations.iter().copied().map(loc).collect();
    json!({ "input": {
        "clinicId": encode(Kind::Clinic, clinic).0, "name": " Maya Okafor ", "bio": "Marathon specialist.",
        "credential": { "kind": "LICENCE", "body": "CNHC", "number": "CN-1234" },
        "specialties": ["SPORTS", "DEEP_TISSUE", "SPORTS"], "locationIds": ids, "bufferMinutes": 15 } })
}

fn interval(weekday: &str, starts: &str, ends: &str) -> Value {
    json!({ "weekday": weekday, "startsAt": starts, "endsAt": ends })
}

/// The `data` of a call that must succeed.
async fn ok(app: &TestApp, query: &str, vars: Value, token: &str) -> Value {
    let body = app.gql_as(query, vars, Some(token)).await;
    assert!(body.get("errors").is_none(), "unexpected errors: {body}");
    body["data"].clone()
}

/// The error codes of a call and the `extensions.field` of its first error.
async fn failure(app: &TestApp, q: &str, vars: Value, token: Option<&str>) -> (Vec<String>, Value) {
    let body = app.gql_as(q, vars, token).await;
    let field = body["errors"][0]["extensions"]["field"].clone();
    (error_codes(&body), field)
}

fn invalid(field: &str) -> (Vec<String>, Value) {
    (vec!["VALIDATION".to_owned()], json!(field))
}

#[tokio::test]
async fn a_franchise_admin_creates_a_therapist_who_then_appears_in_the_catalogue() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let location = fixtures::location(&app.db, clinic, "North").await;
    let admin = users::franchise_admin(&app.db, clinic).await;
    let input = therapist_input(clinic, &[location, location]);
    let created = ok(&app, CREATE, input, &admin.token).await["createTherapist"].clone();
    assert_eq!(created["name"], "Maya Okafor");
    assert_eq!(created["specialties"], json!(["DEEP_TISSUE", "SPORTS"]));
    let credential = json!({ "kind": "LICENCE", "body": "CNHC", "number": "CN-1234" });
    assert_eq!(created["credential"], credential);
    assert_eq!(created["bufferMinutes"], 15);
    let public = app.gql_ok(PROFILE, json!({ "id": created["id"] })).await;
    let locations = &public["therapist"]["locations"]["edges"];
    assert_eq!(locations, &json!([{ "node": { "name": "North" } }]));
}

#[tokio::test]
async fn therapist_input_is_validated_field_by_field() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let other = fixtures::clinic(&app.db, "Elsewhere").await;
    let theirs = fixtures::location(&app.db, other, "Theirs").await;
    let admin = users::franchise_admin(&app.db, clinic).await;
    let token = Some(admin.token.as_str());
    let with = |path: &[&str], value: Value| {
        let mut vars = therapist_input(clinic, &[]);
        let mut at = &mut vars["input"];
        for key in path {
            at = &mut at[*key];
        }
        *at = value;
        vars
    };
    for (vars, field) in [
        (
            with(&["credential", "number"], json!(" ")),
            "credential.number",
        ),
        (
            with(&["credential", "body"], json!("x".repeat(101))),
            "credential.body",
        ),
        (with(&["specialties"], json!([])), "specialties"),
        (with(&["bufferMinutes"], json!(241)), "bufferMinutes"),
        (with(&["name"], json!("")), "name"),
        (therapist_input(clinic, &[theirs]), "locationIds"),
    ] {
        assert_eq!(failure(&app, CREATE, vars, token).await, invalid(field));
    }
    let unknown = therapist_input(clinic, &[Uuid::new_v4()]);
    assert_eq!(failure(&app, CREATE, unknown, token).await.0, ["NOT_FOUND"]);
}

#[tokio::test]
async fn removing_a_location_takes_its_schedule_and_an_inactive_therapist_leaves_the_catalogue() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let north = fixtures::location(&app.db, clinic, "North").await;
    let south = fixtures::location(&app.db, clinic, "South").await;
    let therapist = fixtures::therapist(&app.db, clinic, "Sam", &[north, south], true).await;
    let admin = users::franchise_admin(&app.db, clinic).await;
    let id = encode(Kind::Therapist, therapist).0;
    let input = json!({ "locationIds": [loc(north)], "specialties": ["THAI"],
        "credential": { "kind": "CERTIFICATION", "body": "SMA", "number": "SMA-9" } });
    ok(
        &app,
        UPDATE,
        json!({ "id": id, "input": input }),
        &admin.token,
    )
    .await;
    let public = app.gql_ok(PROFILE, json!({ "id": id })).await;
    let profile = &public["therapist"];
    assert_eq!(profile["specialties"], json!(["THAI"]));
    assert_eq!(profile["credential"]["number"], "SMA-9");
    assert_eq!(
        profile["locations"]["edges"],
        json!([{ "node": { "name": "North" } }])
    );
    let north_only = json!([{ "location": { "name": "North" }, "weekday": "MONDAY", "startsAt": "09:00", "endsAt": "13:00" }]);
    assert_eq!(profile["schedule"], north_only);

    let retire = json!({ "id": id, "input": { "active": false } });
    ok(&app, UPDATE, retire, &admin.token).await;
    let public = app.gql_ok(PROFILE, json!({ "id": id })).await;
    assert_eq!(public["therapist"], Value::Null);
    // Admins still reach an inactive therapist.
    let rename = json!({ "id": id, "input": { "name": "Sam B" } });
    let renamed = ok(&app, UPDATE, rename, &admin.token).await;
    assert_eq!(renamed["updateTherapist"]["name"], "Sam B");
}

#[tokio::test]
async fn a_therapist_edits_their_own_bio_but_not_their_credential() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let me = fixtures::therapist(&app.db, clinic, "Maya", &[], true).await;
    let colleague = fixtures::therapist(&app.db, clinic, "Sam", &[], true).await;
    let signed_in = users::therapist(&app.db, clinic, me).await;
    let (mine, token) = (encode(Kind::Therapist, me).0, &signed_in.token);
    let own = json!({ "id": mine, "input": { "bio": "Ultra runner." } });
    let edited = ok(&app, UPDATE, own, token).await;
    assert_eq!(edited["updateTherapist"]["bio"], "Ultra runner.");
    let credential = json!({ "id": mine, "input": { "bio": "x",
        "credential": { "kind": "LICENCE", "body": "Self", "number": "1" } } });
    let refused = failure(&app, UPDATE, credential, Some(token)).await;
    assert_eq!(refused.0, ["FORBIDDEN"]);
    let theirs = json!({ "id": encode(Kind::Therapist, colleague).0, "input": { "bio": "x" } });
    assert_eq!(
        failure(&app, UPDATE, theirs, Some(token)).await.0,
        ["FORBIDDEN"]
    );
}

#[tokio::test]
async fn outsiders_are_refused_and_anonymous_callers_are_asked_to_sign_in() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let location = fixtures::location(&app.db, clinic, "North").await;
    let therapist = fixtures::therapist(&app.db, clinic, "Sam", &[location], true).await;
    let rival = fixtures::clinic(&app.db, "Rival").await;
    let outsider = users::franchise_admin(&app.db, rival).await;
    let id = encode(Kind::Therapist, therapist).0;
    let time_off = json!({ "therapistId": id, "startsAt": "2027-03-01T00:00:00Z",
        "endsAt": "2027-03-02T00:00:00Z", "reason": "" });
    let calls = [
        (CREATE, therapist_input(clinic, &[location])),
        (UPDATE, json!({ "id": id, "input": { "bio": "x" } })),
        (
            SCHEDULE,
            json!({ "t": id, "l": loc(location), "intervals": [] }),
        ),
        (ADD_TIME_OFF, json!({ "input": time_off })),
    ];
    for (query, vars) in calls {
        let refused = failure(&app, query, vars.clone(), Some(&outsider.token)).await;
        assert_eq!(refused.0, ["FORBIDDEN"], "{query}");
        let anonymous = failure(&app, query, vars, None).await;
        assert_eq!(anonymous.0, ["UNAUTHENTICATED"], "{query}");
    }
}

#[tokio::test]
async fn schedules_are_replaced_per_location_and_a_therapist_is_in_one_place_at_a_time() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let north = fixtures::location(&app.db, clinic, "North").await;
    let south = fixtures::location(&app.db, clinic, "South").await;
    let east = fixtures::location(&app.db, clinic, "East").await;
    // Works Mondays 09:00–13:00 at South.
    let therapist = fixtures::therapist(&app.db, clinic, "Sam", &[south], true).await;
    let admin = users::franchise_admin(&app.db, clinic).await;
    let id = encode(Kind::Therapist, therapist).0;
    let add_north = json!({ "id": id, "input": { "locationIds": [loc(north), loc(south)] } });
    ok(&app, UPDATE, add_north, &admin.token).await;

    let manager = users::location_manager(&app.db, clinic, north).await;
    let week = json!([
        interval("TUESDAY", "13:00", "17:00"),
        interval("MONDAY", "13:00", "18:00"),
    ]);
    let vars = json!({ "t": id, "l": loc(north), "intervals": week });
    ok(&app, SCHEDULE, vars, &manager.token).await;
    let public = app.gql_ok(PROFILE, json!({ "id": id })).await;
    let rows: Vec<String> = public["therapist"]["schedule"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|s| {
            format!(
                "{} {} {}",
                s["location"]["name"], s["weekday"], s["startsAt"]
            )
        })
        .collect();
    let expected = [
        r#""South" "MONDAY" "09:00""#,
        r#""North" "MONDAY" "13:00""#,
        r#""North" "TUESDAY" "13:00""#,
    ];
    assert_eq!(rows, expected);

    let overlapping = json!([
        interval("FRIDAY", "09:00", "12:00"),
        interval("FRIDAY", "11:00", "14:00"),
    ]);
    let clashing_with_south = json!([interval("MONDAY", "12:00", "14:00")]);
    let friday = json!([interval("FRIDAY", "09:00", "12:00")]);
    for (location, intervals, field) in [
        (north, overlapping, "intervals"),
        (north, clashing_with_south, "intervals"),
        (east, friday, "locationId"),
    ] {
        let vars = json!({ "t": id, "l": loc(location), "intervals": intervals });
        let refused = failure(&app, SCHEDULE, vars, Some(&admin.token)).await;
        assert_eq!(refused, invalid(field));
    }
    let elsewhere = json!({ "t": id, "l": loc(south), "intervals": [] });
    let refused = failure(&app, SCHEDULE, elsewhere, Some(&manager.token)).await;
    assert_eq!(refused.0, ["FORBIDDEN"]);
}

#[tokio::test]
async fn time_off_is_kept_by_the_therapist_and_read_only_by_the_clinics_staff() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let location = fixtures::location(&app.db, clinic, "North").await;
    let therapist = fixtures::therapist(&app.db, clinic, "Sam", &[location], true).await;
    let own = users::therapist(&app.db, clinic, therapist).await;
    let id = encode(Kind::Therapist, therapist).0;
    let time_off = |starts: &str, ends: &str| json!({ "input": { "therapistId": id, "startsAt": starts, "endsAt": ends, "reason": "Marathon" } });
    let marathon = time_off("2027-04-25T06:00:00Z", "2027-04-27T00:00:00Z");
    let entry = ok(&app, ADD_TIME_OFF, marathon, &own.token).await["addTimeOff"].clone();
    assert_eq!(entry["startsAt"], "2027-04-25T06:00:00+00:00");
    for (starts, ends) in [
        ("2027-05-02T00:00:00Z", "2027-05-01T00:00:00Z"),
        ("2027-05-01T00:00:00Z", "2028-05-02T00:00:00Z"),
    ] {
        let refused = failure(&app, ADD_TIME_OFF, time_off(starts, ends), Some(&own.token)).await;
        assert_eq!(refused, invalid("endsAt"));
    }

    let admin = users::franchise_admin(&app.db, clinic).await;
    let manager = users::location_manager(&app.db, clinic, location).await;
    for token in [&own.token, &admin.token, &manager.token] {
        let read = ok(&app, TIME_OFF, json!({ "id": id }), token).await;
        assert_eq!(
            read["therapist"]["timeOff"],
            json!([{ "reason": "Marathon" }])
        );
    }
    let whole_history = "query($id: ID!) { therapist(id: $id) { timeOff(from: \"2020-01-01T00:00:00Z\", to: \"2030-01-01T00:00:00Z\") { reason } } }";
    let too_wide = failure(&app, whole_history, json!({ "id": id }), Some(&admin.token)).await;
    assert_eq!(too_wide, invalid("to"));
    let client = users::client(&app.db).await;
    let rival = users::franchise_admin(&app.db, fixtures::clinic(&app.db, "Rival").await).await;
    for (token, code) in [
        (Some(client.token.as_str()), "FORBIDDEN"),
        (Some(rival.token.as_str()), "FORBIDDEN"),
        (None, "UNAUTHENTICATED"),
    ] {
        let refused = failure(&app, TIME_OFF, json!({ "id": id }), token).await;
        assert_eq!(refused.0, [code]);
    }

    let removed = ok(
        &app,
        REMOVE_TIME_OFF,
        json!({ "id": entry["id"] }),
        &admin.token,
    )
    .await;
    assert_eq!(removed["removeTimeOff"], entry["id"]);
    let read = ok(&app, TIME_OFF, json!({ "id": id }), &own.token).await;
    assert_eq!(read["therapist"]["timeOff"], json!([]));
    let again = failure(
        &app,
        REMOVE_TIME_OFF,
        json!({ "id": entry["id"] }),
        Some(&own.token),
    )
    .await;
    assert_eq!(again.0, ["NOT_FOUND"]);
}

#[tokio::test]
async fn a_clinics_staff_find_its_inactive_therapists_and_nobody_else_does() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let other_clinic = fixtures::clinic(&app.db, "Elsewhere").await;
    let north = fixtures::location(&app.db, clinic, "North").await;
    let south = fixtures::location(&app.db, clinic, "South").await;
    fixtures::therapist(&app.db, clinic, "Active Ana", &[north], true).await;
    let gone = fixtures::therapist(&app.db, clinic, "Retired Rob", &[north], false).await;
    fixtures::therapist(&app.db, clinic, "Retired Sue", &[south], false).await;
    let admin = users::franchise_admin(&app.db, clinic).await;
    let manager = users::location_manager(&app.db, clinic, north).await;
    let other_admin = users::franchise_admin(&app.db, other_clinic).await;
    let client = users::client(&app.db).await;

    let by_id = json!({ "id": encode(Kind::Therapist, gone).0 });
    let found = ok(
        &app,
        "query($id: ID!) { therapist(id: $id) { name } }",
        by_id.clone(),
        &admin.token,
    )
    .await;
    assert_eq!(found["therapist"]["name"], "Retired Rob");
    let hidden = app
        .gql_as(
            "query($id: ID!) { therapist(id: $id) { name } }",
            by_id,
            Some(&other_admin.token),
        )
        .await;
    assert!(hidden["data"]["therapist"].is_null(), "{hidden}");

    let names = |data: &Value| -> Vec<String> {
        data["therapists"]["edges"]
            .as_array()
            .map(|edges| {
                edges
                    .iter()
                    .filter_map(|e| e["node"]["name"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let by_clinic = "query($c: ID!) { therapists(clinicId: $c, includeInactive: true) { edges { node { name } } } }";
    let by_location = "query($l: ID!) { therapists(locationId: $l, includeInactive: true) { edges { node { name } } } }";
    let clinic_vars = json!({ "c": encode(Kind::Clinic, clinic).0 });
    let location_vars = json!({ "l": loc(north) });
    for token in [&admin.token, &manager.token] {
        let all = ok(&app, by_clinic, clinic_vars.clone(), token).await;
        assert_eq!(names(&all), ["Active Ana", "Retired Rob", "Retired Sue"]);
        let at_north = ok(&app, by_location, location_vars.clone(), token).await;
        assert_eq!(names(&at_north), ["Active Ana", "Retired Rob"]);
    }
    let public = app
        .gql_ok(
            "query($c: ID!) { therapists(clinicId: $c) { edges { node { name } } } }",
            clinic_vars.clone(),
        )
        .await;
    assert_eq!(names(&public), ["Active Ana"]);
    for (token, code) in [
        (Some(other_admin.token.as_str()), "FORBIDDEN"),
        (Some(client.token.as_str()), "FORBIDDEN"),
        (None, "UNAUTHENTICATED"),
    ] {
        assert_eq!(
            failure(&app, by_clinic, clinic_vars.clone(), token).await.0,
            [code]
        );
        assert_eq!(
            failure(&app, by_location, location_vars.clone(), token)
                .await
                .0,
            [code]
        );
    }
}

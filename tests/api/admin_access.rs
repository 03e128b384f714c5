//! Creating clinics with their first admin, and granting roles within one's own clinic.

use serde_json::json;
use stride_api::graphql::id::{Kind, encode};
use stride_tests::{error_codes, fixtures, spawn_app, users};

use crate::auth::{PASSWORD, register};

const CREATE_CLINIC: &str = "mutation($input: CreateClinicInput!) { createClinic(input: $input) { id name slug currency cancellationCutoffMinutes } }";
const GRANT: &str = "mutation($input: GrantRoleInput!) { grantRole(input: $input) { id role clinic { name } location { name } therapist { name } } }";
const LOGIN: &str = "mutation($email: String!) { login(input: { email: $email, password: \"correct horse battery\" }) { user { roles { role clinic { name } } } } }";

#[tokio::test]
async fn a_platform_admin_creates_a_clinic_and_its_first_admin_can_sign_in() {
    let app = spawn_app().await;
    let platform = users::platform_admin(&app.db).await;
    let created = app
        .gql_as(
            CREATE_CLINIC,
            json!({ "input": { "name": "Stride Sports Clinic", "currency": "usd",
                "firstAdmin": { "email": "owner@clinic.example", "name": "Owner", "password": PASSWORD } } }),
            Some(&platform.token),
        )
        .await;
    let clinic = &created["data"]["createClinic"];
    assert_eq!(clinic["slug"], "stride-sports-clinic", "{created}");
    assert_eq!(clinic["currency"], "USD");
    assert_eq!(clinic["cancellationCutoffMinutes"], 1440);
    let login = app
        .gql_ok(LOGIN, json!({ "email": "owner@clinic.example" }))
        .await;
    assert_eq!(
        login["login"]["user"]["roles"],
        json!([{ "role": "FRANCHISE_ADMIN", "clinic": { "name": "Stride Sports Clinic" } }])
    );

    let same_slug = app
        .gql_as(CREATE_CLINIC, json!({ "input": { "name": "Stride Sports Clinic", "currency": "USD", "firstAdmin": { "email": "owner@clinic.example" } } }), Some(&platform.token))
        .await;
    assert_eq!(error_codes(&same_slug), ["CONFLICT"]);
    for (input, field) in [
        (
            json!({ "name": "Xylo Clinic", "currency": "DOLLARS", "firstAdmin": { "email": "owner@clinic.example" } }),
            "currency",
        ),
        (
            json!({ "name": "Yarrow Clinic", "currency": "USD", "firstAdmin": { "email": "nobody@clinic.example" } }),
            "firstAdmin",
        ),
        (
            json!({ "name": "Zest Clinic", "currency": "USD", "cancellationCutoffMinutes": -5, "firstAdmin": { "email": "owner@clinic.example" } }),
            "cancellationCutoffMinutes",
        ),
        (
            json!({ "name": "Wren Clinic", "slug": "Not A Slug", "currency": "USD", "firstAdmin": { "email": "owner@clinic.example" } }),
            "slug",
        ),
    ] {
        let body = app
            .gql_as(
                CREATE_CLINIC,
                json!({ "input": input }),
                Some(&platform.token),
            )
            .await;
        assert_eq!(error_codes(&body), ["VALIDATION"], "{field}: {body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field);
    }
}

#[tokio::test]
async fn a_franchise_admin_grants_and_revokes_roles_only_inside_their_clinic() {
    let app = spawn_app().await;
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let other = fixtures::clinic(&app.db, "Elsewhere").await;
    let location = fixtures::location(&app.db, clinic, "North").await;
    let far_location = fixtures::location(&app.db, other, "Far").await;
    let therapist = fixtures::therapist(&app.db, clinic, "Ana", &[location], true).await;
    let admin = users::franchise_admin(&app.db, clinic).await;
    register(&app, "manager@example.com").await;
    register(&app, "ana@example.com").await;

    let granted = app
        .gql_as(GRANT, json!({ "input": { "userEmail": "manager@example.com", "role": "LOCATION_MANAGER", "locationId": encode(Kind::Location, location).0 } }), Some(&admin.token))
        .await;
    let grant = &granted["data"]["grantRole"];
    assert_eq!(grant["location"]["name"], "North", "{granted}");
    assert_eq!(grant["clinic"]["name"], "Kinetic");

    let twice = app
        .gql_as(GRANT, json!({ "input": { "userEmail": "manager@example.com", "role": "LOCATION_MANAGER", "locationId": encode(Kind::Location, location).0 } }), Some(&admin.token))
        .await;
    assert_eq!(error_codes(&twice), ["CONFLICT"]);

    let as_therapist = app
        .gql_as(GRANT, json!({ "input": { "userEmail": "ana@example.com", "role": "THERAPIST", "therapistId": encode(Kind::Therapist, therapist).0 } }), Some(&admin.token))
        .await;
    assert_eq!(
        as_therapist["data"]["grantRole"]["therapist"]["name"], "Ana",
        "{as_therapist}"
    );

    for input in [
        json!({ "userEmail": "manager@example.com", "role": "LOCATION_MANAGER", "locationId": encode(Kind::Location, far_location).0 }),
        json!({ "userEmail": "manager@example.com", "role": "FRANCHISE_ADMIN", "clinicId": encode(Kind::Clinic, other).0 }),
        json!({ "userEmail": "manager@example.com", "role": "PLATFORM_ADMIN" }),
    ] {
        let body = app
            .gql_as(GRANT, json!({ "input": input }), Some(&admin.token))
            .await;
        assert_eq!(error_codes(&body), ["FORBIDDEN"], "{input}");
    }
    let scope_mismatch = app
        .gql_as(GRANT, json!({ "input": { "userEmail": "manager@example.com", "role": "FRANCHISE_ADMIN", "locationId": encode(Kind::Location, location).0 } }), Some(&admin.token))
        .await;
    assert_eq!(error_codes(&scope_mismatch), ["VALIDATION"]);

    let revoked = app
        .gql_as(
            "mutation($id: ID!) { revokeRole(id: $id) }",
            json!({ "id": grant["id"] }),
            Some(&admin.token),
        )
        .await;
    assert_eq!(revoked["data"]["revokeRole"], grant["id"], "{revoked}");
}

#[tokio::test]
async fn racing_grants_of_the_same_role_leave_exactly_one() {
    let app = std::sync::Arc::new(spawn_app().await);
    let clinic = fixtures::clinic(&app.db, "Kinetic").await;
    let location = fixtures::location(&app.db, clinic, "North").await;
    let admin = users::franchise_admin(&app.db, clinic).await;
    register(&app, "manager@example.com").await;
    let vars = json!({ "input": { "userEmail": "manager@example.com", "role": "LOCATION_MANAGER", "locationId": encode(Kind::Location, location).0 } });
    let mut grants = tokio::task::JoinSet::new();
    for _ in 0..6 {
        let (app, vars, token) = (app.clone(), vars.clone(), admin.token.clone());
        grants.spawn(async move { app.gql_as(GRANT, vars, Some(&token)).await });
    }
    let mut granted = 0;
    while let Some(body) = grants.join_next().await {
        let body = body.expect("grant ran");
        match error_codes(&body).as_slice() {
            [] => granted += 1,
            [code] => assert_eq!(code, "CONFLICT", "{body}"),
            _ => panic!("{body}"),
        }
    }
    assert_eq!(granted, 1);
}

//! Tenant isolation: staff of clinic B never read or change clinic A's non-public data.
//! (Every mutation against clinic A by clinic B's admin is in the matrix's
//! `AdminElsewhere` column; this covers reads and cross-clinic references.)

use serde_json::json;
use stride_api::graphql::id::{Kind, encode};
use stride_tests::{error_codes, fixtures, spawn_app, users};

#[tokio::test]
async fn another_clinics_admin_reads_no_staff_and_no_time_off() {
    let app = spawn_app().await;
    let clinic_a = fixtures::clinic(&app.db, "Clinic A").await;
    let clinic_b = fixtures::clinic(&app.db, "Clinic B").await;
    let location = fixtures::location(&app.db, clinic_a, "A1").await;
    let therapist = fixtures::therapist(&app.db, clinic_a, "Ana", &[location], true).await;
    let admin_a = users::franchise_admin(&app.db, clinic_a).await;
    let admin_b = users::franchise_admin(&app.db, clinic_b).await;
    let vars =
        json!({ "c": encode(Kind::Clinic, clinic_a).0, "t": encode(Kind::Therapist, therapist).0 });
    let staff = "query($c: ID!) { clinic(id: $c) { name staff { role user { email } } } }";
    let time_off = "query($t: ID!) { therapist(id: $t) { name timeOff(from: \"2027-01-01T00:00:00Z\", to: \"2028-01-01T00:00:00Z\") { reason } } }";

    let own = app.gql_as(staff, vars.clone(), Some(&admin_a.token)).await;
    assert_eq!(
        own["data"]["clinic"]["staff"][0]["role"], "FRANCHISE_ADMIN",
        "{own}"
    );
    let own_time_off = app
        .gql_as(time_off, vars.clone(), Some(&admin_a.token))
        .await;
    assert!(
        own_time_off["data"]["therapist"]["timeOff"].is_array(),
        "{own_time_off}"
    );

    for query in [staff, time_off] {
        let foreign = app.gql_as(query, vars.clone(), Some(&admin_b.token)).await;
        assert_eq!(error_codes(&foreign), ["FORBIDDEN"], "{foreign}");
        let text = foreign.to_string();
        assert!(
            !text.contains("@example.com") && !text.contains("reason\":"),
            "{text}"
        );
        let anonymous = app.gql_as(query, vars.clone(), None).await;
        assert_eq!(error_codes(&anonymous), ["UNAUTHENTICATED"]);
    }
}

#[tokio::test]
async fn another_clinics_objects_cannot_be_borrowed_by_reference() {
    let app = spawn_app().await;
    let clinic_a = fixtures::clinic(&app.db, "Clinic A").await;
    let clinic_b = fixtures::clinic(&app.db, "Clinic B").await;
    let location_a = fixtures::location(&app.db, clinic_a, "A1").await;
    let admin_b = users::franchise_admin(&app.db, clinic_b).await;
    let service_b = fixtures::service(&app.db, clinic_b, "B massage", false).await;
    let variants = app
        .gql_ok(
            "query($s: ID!) { service(id: $s) { variants { id } } }",
            json!({ "s": encode(Kind::Service, service_b).0 }),
        )
        .await;
    let variant_b = variants["service"]["variants"][0]["id"].clone();

    // B's admin may not price B's service at A's location, nor staff B with A's location.
    let price = app
        .gql_as(
            "mutation($v: ID!, $l: ID!) { setLocationPrice(input: { variantId: $v, locationId: $l, priceMinor: 1 }) { id } }",
            json!({ "v": variant_b, "l": encode(Kind::Location, location_a).0 }),
            Some(&admin_b.token),
        )
        .await;
    assert_eq!(error_codes(&price), ["VALIDATION"], "{price}");
    let therapist = app
        .gql_as(
            "mutation($c: ID!, $l: ID!) { createTherapist(input: { clinicId: $c, name: \"Borrowed\", bio: \"\", credential: { kind: LICENCE, body: \"Board\", number: \"1\" }, specialties: [SPORTS], locationIds: [$l], bufferMinutes: 0 }) { id } }",
            json!({ "c": encode(Kind::Clinic, clinic_b).0, "l": encode(Kind::Location, location_a).0 }),
            Some(&admin_b.token),
        )
        .await;
    assert_eq!(error_codes(&therapist), ["VALIDATION"], "{therapist}");
    let grant = app
        .gql_as(
            "mutation($l: ID!) { grantRole(input: { userEmail: \"x@example.com\", role: LOCATION_MANAGER, locationId: $l }) { id } }",
            json!({ "l": encode(Kind::Location, location_a).0 }),
            Some(&admin_b.token),
        )
        .await;
    assert_eq!(error_codes(&grant), ["FORBIDDEN"], "{grant}");
}

#[tokio::test]
async fn a_colleagues_roles_at_another_clinic_stay_hidden() {
    use entity::{enums::Role, role_grant};
    use sea_orm::{ActiveModelTrait, Set};
    let app = spawn_app().await;
    let clinic_a = fixtures::clinic(&app.db, "Clinic A").await;
    let clinic_b = fixtures::clinic(&app.db, "Clinic B").await;
    let admin_a = users::franchise_admin(&app.db, clinic_a).await;
    // Someone on staff at both clinics.
    let shared = users::franchise_admin(&app.db, clinic_b).await;
    role_grant::ActiveModel {
        id: Set(uuid::Uuid::new_v4()),
        user_id: Set(shared.user_id),
        role: Set(Role::FranchiseAdmin),
        clinic_id: Set(Some(clinic_a)),
        location_id: Set(None),
        therapist_id: Set(None),
        granted_by_user_id: Set(None),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(&app.db)
    .await
    .expect("grant");
    let query =
        "query($c: ID!) { clinic(id: $c) { staff { user { roles { clinic { name } } } } } }";
    let seen = app
        .gql_as(
            query,
            json!({ "c": encode(Kind::Clinic, clinic_a).0 }),
            Some(&admin_a.token),
        )
        .await;
    let clinics: Vec<String> = seen["data"]["clinic"]["staff"]
        .as_array()
        .expect("staff")
        .iter()
        .flat_map(|member| {
            member["user"]["roles"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .map(|grant| {
            grant["clinic"]["name"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert!(!clinics.is_empty(), "{seen}");
    assert!(clinics.iter().all(|name| name == "Clinic A"), "{clinics:?}");
    let me = app
        .gql_as(
            "{ me { roles { clinic { name } } } }",
            json!({}),
            Some(&shared.token),
        )
        .await;
    assert_eq!(
        me["data"]["me"]["roles"].as_array().map(Vec::len),
        Some(2),
        "{me}"
    );
}

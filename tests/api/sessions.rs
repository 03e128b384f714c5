//! Sessions under the owner's and the admins' control: changing a password, signing out
//! everywhere, disabling accounts, and sessions that end however often they are refreshed.

use serde_json::{Value, json};
use stride_api::graphql::id::{Kind, encode};
use stride_tests::{TestApp, error_codes, fixtures, spawn_app, spawn_app_with, users};
use uuid::Uuid;

use crate::auth::{PASSWORD, register};

const ME: &str = "{ me { email } }";
const LOGIN: &str = "mutation($email: String!, $password: String!) {
  login(input: { email: $email, password: $password }) { accessToken refreshToken } }";
const REFRESH: &str = "mutation($token: String!) { refreshToken(input: { refreshToken: $token }) { accessToken refreshToken } }";
const CHANGE: &str = "mutation($current: String!, $new: String!) {
  changePassword(input: { currentPassword: $current, newPassword: $new }) { accessToken refreshToken } }";
const DISABLE: &str = "mutation($id: ID!) { disableUser(id: $id) { id } }";
const ENABLE: &str = "mutation($id: ID!) { enableUser(id: $id) { id } }";

async fn status_of_me(app: &TestApp, token: &str) -> u16 {
    app.gql_response(ME, json!({}), Some(token))
        .await
        .status()
        .as_u16()
}

async fn login(app: &TestApp, email: &str, password: &str) -> Value {
    app.gql(LOGIN, json!({ "email": email, "password": password }))
        .await
}

fn token(session: &Value, name: &str) -> String {
    session[name].as_str().expect("token").to_owned()
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions_and_keeps_this_one() {
    let app = spawn_app().await;
    let here = register(&app, "ana@example.com").await;
    let elsewhere = login(&app, "ana@example.com", PASSWORD).await["data"]["login"].clone();
    assert_eq!(
        status_of_me(&app, &token(&elsewhere, "accessToken")).await,
        200
    );

    let wrong = app
        .gql_as(
            CHANGE,
            json!({ "current": "not the password", "new": "a brand new passphrase" }),
            Some(&token(&here, "accessToken")),
        )
        .await;
    assert_eq!(error_codes(&wrong), ["VALIDATION"], "{wrong}");
    assert_eq!(wrong["errors"][0]["extensions"]["field"], "currentPassword");

    let changed = app
        .gql_as(
            CHANGE,
            json!({ "current": PASSWORD, "new": "a brand new passphrase" }),
            Some(&token(&here, "accessToken")),
        )
        .await;
    let continued = changed["data"]["changePassword"].clone();
    assert!(continued["accessToken"].is_string(), "{changed}");

    // The other device is out at its next request, and cannot refresh.
    assert_eq!(
        status_of_me(&app, &token(&elsewhere, "accessToken")).await,
        401
    );
    let refreshed = app
        .gql(
            REFRESH,
            json!({ "token": token(&elsewhere, "refreshToken") }),
        )
        .await;
    assert_eq!(error_codes(&refreshed), ["UNAUTHENTICATED"]);
    // So are this device's old tokens; the new pair carries on.
    assert_eq!(status_of_me(&app, &token(&here, "accessToken")).await, 401);
    assert_eq!(
        status_of_me(&app, &token(&continued, "accessToken")).await,
        200
    );
    let next = app
        .gql(
            REFRESH,
            json!({ "token": token(&continued, "refreshToken") }),
        )
        .await;
    assert!(
        next["data"]["refreshToken"]["accessToken"].is_string(),
        "{next}"
    );

    assert_eq!(
        error_codes(&login(&app, "ana@example.com", PASSWORD).await),
        ["UNAUTHENTICATED"]
    );
    assert!(
        login(&app, "ana@example.com", "a brand new passphrase").await["data"]["login"].is_object()
    );
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session() {
    let app = spawn_app().await;
    let first = register(&app, "ana@example.com").await;
    let second = login(&app, "ana@example.com", PASSWORD).await["data"]["login"].clone();
    let body = app
        .gql_as(
            "mutation { signOutEverywhere }",
            json!({}),
            Some(&token(&first, "accessToken")),
        )
        .await;
    assert_eq!(body["data"]["signOutEverywhere"], true, "{body}");
    for session in [&first, &second] {
        assert_eq!(
            status_of_me(&app, &token(session, "accessToken")).await,
            401
        );
        let refreshed = app
            .gql(REFRESH, json!({ "token": token(session, "refreshToken") }))
            .await;
        assert_eq!(error_codes(&refreshed), ["UNAUTHENTICATED"]);
    }
    assert!(login(&app, "ana@example.com", PASSWORD).await["data"]["login"].is_object());
}

#[tokio::test]
async fn a_disabled_user_loses_access_at_the_next_request_until_enabled() {
    let app = spawn_app().await;
    let db = &app.db;
    let clinic = fixtures::clinic(db, "Kinetic").await;
    let other = fixtures::clinic(db, "Peak").await;
    let location = fixtures::location(db, clinic, "Shoreditch").await;
    let manager = users::location_manager(db, clinic, location).await;
    let admin = users::franchise_admin(db, clinic).await;
    let other_admin = users::franchise_admin(db, other).await;
    let id = encode(Kind::User, manager.user_id).0;
    assert_eq!(status_of_me(&app, &manager.token).await, 200);

    for (who, token) in [
        ("another clinic's admin", &other_admin.token),
        ("the user", &manager.token),
    ] {
        let body = app.gql_as(DISABLE, json!({ "id": id }), Some(token)).await;
        assert_eq!(error_codes(&body), ["FORBIDDEN"], "{who}: {body}");
    }
    let own = app
        .gql_as(
            DISABLE,
            json!({ "id": encode(Kind::User, admin.user_id).0 }),
            Some(&admin.token),
        )
        .await;
    assert_eq!(error_codes(&own), ["VALIDATION"], "{own}");

    let body = app
        .gql_as(DISABLE, json!({ "id": id }), Some(&admin.token))
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    assert_eq!(status_of_me(&app, &manager.token).await, 401);

    let body = app
        .gql_as(ENABLE, json!({ "id": id }), Some(&admin.token))
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    // Enabled again, but the sessions that were ended stay ended: sign in afresh.
    assert_eq!(status_of_me(&app, &manager.token).await, 401);
    let fresh = users::current_token(db, manager.user_id).await;
    assert_eq!(status_of_me(&app, &fresh).await, 200);
}

#[tokio::test]
async fn only_platform_admins_disable_accounts_that_belong_to_no_single_clinic() {
    let app = spawn_app().await;
    let db = &app.db;
    let clinic = fixtures::clinic(db, "Kinetic").await;
    let session = register(&app, "ana@example.com").await;
    let me = app
        .gql_as(
            "{ me { id } }",
            json!({}),
            Some(&token(&session, "accessToken")),
        )
        .await;
    let id = me["data"]["me"]["id"].clone();
    let admin = users::franchise_admin(db, clinic).await;
    let body = app
        .gql_as(DISABLE, json!({ "id": id }), Some(&admin.token))
        .await;
    assert_eq!(error_codes(&body), ["FORBIDDEN"], "{body}");
    let unknown = encode(Kind::User, Uuid::new_v4()).0;
    let body = app
        .gql_as(DISABLE, json!({ "id": unknown }), Some(&admin.token))
        .await;
    assert_eq!(
        error_codes(&body),
        ["FORBIDDEN"],
        "an unknown ID tells nothing: {body}"
    );

    let platform = users::platform_admin(db).await;
    let body = app
        .gql_as(DISABLE, json!({ "id": id }), Some(&platform.token))
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    let refreshed = app
        .gql(REFRESH, json!({ "token": token(&session, "refreshToken") }))
        .await;
    assert_eq!(error_codes(&refreshed), ["UNAUTHENTICATED"]);
    assert_eq!(
        error_codes(&login(&app, "ana@example.com", PASSWORD).await),
        ["UNAUTHENTICATED"]
    );
    app.gql_as(ENABLE, json!({ "id": id }), Some(&platform.token))
        .await;
    assert!(login(&app, "ana@example.com", PASSWORD).await["data"]["login"].is_object());
}

#[tokio::test]
async fn a_session_ends_at_its_absolute_lifetime_however_often_it_is_refreshed() {
    use entity::refresh_token;
    use sea_orm::{EntityTrait, sea_query::Expr};
    let app = spawn_app_with(|s| s.auth.session_max_days = 90).await;
    let session = register(&app, "ana@example.com").await;
    let rotated = app
        .gql(REFRESH, json!({ "token": token(&session, "refreshToken") }))
        .await["data"]["refreshToken"]
        .clone();
    // As if the sign-in had been 91 days ago.
    let long_ago = chrono::Utc::now() - chrono::Duration::days(91);
    refresh_token::Entity::update_many()
        .col_expr(
            refresh_token::Column::FamilyStartedAt,
            Expr::value(long_ago),
        )
        .exec(&app.db)
        .await
        .expect("backdated");
    let body = app
        .gql(REFRESH, json!({ "token": token(&rotated, "refreshToken") }))
        .await;
    assert_eq!(error_codes(&body), ["UNAUTHENTICATED"], "{body}");
}

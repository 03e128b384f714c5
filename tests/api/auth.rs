//! Accounts and sessions: register, login, refresh rotation, logout, throttles.

use serde_json::{Value, json};
use stride_tests::{TestApp, error_codes, spawn_app, spawn_app_with};

pub const PASSWORD: &str = "correct horse battery";

const REGISTER: &str = "mutation($email: String!, $password: String!, $name: String!) {
  register(input: { email: $email, password: $password, name: $name }) {
    accessToken refreshToken accessTokenExpiresAt user { email name roles { role clinic { id } } } } }";
const LOGIN: &str = "mutation($email: String!, $password: String!) {
  login(input: { email: $email, password: $password }) { accessToken refreshToken } }";
const REFRESH: &str = "mutation($token: String!) { refreshToken(input: { refreshToken: $token }) { accessToken refreshToken } }";
const LOGOUT: &str = "mutation($token: String!) { logout(input: { refreshToken: $token }) }";
const ME: &str = "{ me { email name roles { role } } }";

pub async fn register(app: &TestApp, email: &str) -> Value {
    app.gql_ok(
        REGISTER,
        json!({ "email": email, "password": PASSWORD, "name": "Ana Runner" }),
    )
    .await["register"]
        .clone()
}

async fn login(app: &TestApp, email: &str, password: &str) -> Value {
    app.gql(LOGIN, json!({ "email": email, "password": password }))
        .await
}

#[tokio::test]
async fn a_new_client_is_signed_in_with_the_client_role() {
    let app = spawn_app().await;
    let session = register(&app, "  Ana@Example.COM ").await;
    assert_eq!(session["user"]["email"], "ana@example.com");
    assert_eq!(
        session["user"]["roles"],
        json!([{ "role": "CLIENT", "clinic": null }])
    );
    let me = app
        .gql_as(ME, json!({}), session["accessToken"].as_str())
        .await;
    assert_eq!(me["data"]["me"]["email"], "ana@example.com", "{me}");
    let anonymous = app.gql(ME, json!({})).await;
    assert_eq!(error_codes(&anonymous), ["UNAUTHENTICATED"]);
}

#[tokio::test]
async fn an_email_is_registered_once_whatever_its_case() {
    let app = spawn_app().await;
    register(&app, "ana@example.com").await;
    let again = app
        .gql(
            REGISTER,
            json!({ "email": "ANA@example.com", "password": PASSWORD, "name": "Other" }),
        )
        .await;
    assert_eq!(error_codes(&again), ["CONFLICT"]);
    assert_eq!(again["errors"][0]["extensions"]["field"], "email");
}

#[tokio::test]
async fn registration_input_is_validated_field_by_field() {
    let app = spawn_app().await;
    for (email, password, name, field) in [
        ("not-an-email", PASSWORD, "Ana", "email"),
        ("ana@example.com", "too short", "Ana", "password"),
        ("ana@example.com", &"x".repeat(129), "Ana", "password"),
        ("ana@example.com", PASSWORD, "   ", "name"),
    ] {
        let body = app
            .gql(
                REGISTER,
                json!({ "email": email, "password": password, "name": name }),
            )
            .await;
        assert_eq!(error_codes(&body), ["VALIDATION"], "{field}: {body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field);
    }
}

#[tokio::test]
async fn an_unknown_email_and_a_wrong_password_get_the_same_answer() {
    let app = spawn_app().await;
    register(&app, "ana@example.com").await;
    let wrong_password = login(&app, "ana@example.com", "not the password").await;
    let unknown_email = login(&app, "nobody@example.com", PASSWORD).await;
    assert_eq!(error_codes(&wrong_password), ["UNAUTHENTICATED"]);
    assert_eq!(
        wrong_password["errors"][0]["message"],
        unknown_email["errors"][0]["message"]
    );
    assert_eq!(
        wrong_password["errors"][0]["extensions"],
        unknown_email["errors"][0]["extensions"]
    );
    let ok = login(&app, "ANA@example.com", PASSWORD).await;
    assert!(ok["data"]["login"]["accessToken"].is_string(), "{ok}");
}

#[tokio::test]
async fn failed_logins_are_throttled_per_email_and_aliases_count_each_attempt() {
    let app = spawn_app().await;
    register(&app, "ana@example.com").await;
    // Six attempts in one request, as aliases: each is an attempt of its own.
    let aliased: String = (0..6)
        .map(|i| format!("a{i}: login(input: {{ email: \"ana@example.com\", password: \"wrong-{i}-password\" }}) {{ accessToken }}"))
        .collect::<Vec<_>>()
        .join(" ");
    let body = app
        .gql(&format!("mutation {{ {aliased} }}"), json!({}))
        .await;
    let codes = error_codes(&body);
    assert_eq!(
        codes.iter().filter(|c| *c == "UNAUTHENTICATED").count(),
        5,
        "{body}"
    );
    assert_eq!(
        codes.iter().filter(|c| *c == "RATE_LIMITED").count(),
        1,
        "{body}"
    );

    // Now even the right password waits, and the answer says for how long.
    let locked = login(&app, "ana@example.com", PASSWORD).await;
    assert_eq!(error_codes(&locked), ["RATE_LIMITED"]);
    assert!(
        locked["errors"][0]["extensions"]["retryAfterSeconds"]
            .as_u64()
            .unwrap_or(0)
            > 0
    );
    // Another account is not locked by it.
    register(&app, "ben@example.com").await;
    assert!(login(&app, "ben@example.com", PASSWORD).await["data"]["login"].is_object());
}

#[tokio::test]
async fn failed_logins_are_throttled_per_client_address() {
    let app = spawn_app_with(|s| s.auth.failures_per_address = 3).await;
    for i in 0..3 {
        let body = login(&app, &format!("guess{i}@example.com"), PASSWORD).await;
        assert_eq!(error_codes(&body), ["UNAUTHENTICATED"]);
    }
    let body = login(&app, "guess9@example.com", PASSWORD).await;
    assert_eq!(error_codes(&body), ["RATE_LIMITED"]);
}

#[tokio::test]
async fn refreshing_rotates_and_a_reused_token_ends_the_whole_session() {
    let app = spawn_app().await;
    let first = register(&app, "ana@example.com").await;
    let old = first["refreshToken"].as_str().expect("refresh token");
    let rotated = app.gql_ok(REFRESH, json!({ "token": old })).await["refreshToken"].clone();
    let newer = rotated["refreshToken"].as_str().expect("new refresh token");
    assert_ne!(newer, old);
    let me = app
        .gql_as(ME, json!({}), rotated["accessToken"].as_str())
        .await;
    assert_eq!(me["data"]["me"]["email"], "ana@example.com");

    // The old token comes back: someone else has it. Both it and its successor die.
    assert_eq!(
        error_codes(&app.gql(REFRESH, json!({ "token": old })).await),
        ["UNAUTHENTICATED"]
    );
    assert_eq!(
        error_codes(&app.gql(REFRESH, json!({ "token": newer })).await),
        ["UNAUTHENTICATED"]
    );

    // A separate sign-in is a separate family and still works.
    let other = login(&app, "ana@example.com", PASSWORD).await;
    let token = other["data"]["login"]["refreshToken"].clone();
    assert!(app.gql(REFRESH, json!({ "token": token })).await["data"]["refreshToken"].is_object());
}

#[tokio::test]
async fn logout_ends_the_session_and_says_nothing_about_unknown_tokens() {
    let app = spawn_app().await;
    let session = register(&app, "ana@example.com").await;
    let token = session["refreshToken"].clone();
    assert_eq!(
        app.gql_ok(LOGOUT, json!({ "token": token })).await["logout"],
        true
    );
    assert_eq!(
        error_codes(&app.gql(REFRESH, json!({ "token": token })).await),
        ["UNAUTHENTICATED"]
    );
    assert_eq!(
        app.gql_ok(LOGOUT, json!({ "token": "never-issued" })).await["logout"],
        true
    );
    assert_eq!(
        error_codes(&app.gql(REFRESH, json!({ "token": "never-issued" })).await),
        ["UNAUTHENTICATED"]
    );
}

#[tokio::test]
async fn stored_passwords_are_argon2id_hashes() {
    use entity::app_user;
    use sea_orm::EntityTrait;
    let app = spawn_app().await;
    register(&app, "ana@example.com").await;
    let users = app_user::Entity::find().all(&app.db).await.expect("query");
    let hash = users[0].password_hash.clone().expect("hash");
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
    assert!(!hash.contains(PASSWORD));
}

#[tokio::test]
async fn a_batch_of_logins_gets_no_more_guesses_than_the_limit() {
    let app = spawn_app().await;
    register(&app, "ana@example.com").await;
    let batch: Vec<Value> = (0..10)
        .map(|i| json!({ "query": LOGIN, "variables": { "email": "ana@example.com", "password": format!("guess number {i}") } }))
        .collect();
    let response = app.post_raw(Value::from(batch).to_string()).await;
    let bodies: Vec<Value> = response.json().await.expect("JSON array");
    let codes: Vec<String> = bodies.iter().flat_map(error_codes).collect();
    assert_eq!(
        codes.iter().filter(|c| *c == "UNAUTHENTICATED").count(),
        5,
        "{codes:?}"
    );
    assert_eq!(
        codes.iter().filter(|c| *c == "RATE_LIMITED").count(),
        5,
        "{codes:?}"
    );
}

#[tokio::test]
async fn parallel_logins_get_no_more_guesses_than_the_limit() {
    let app = std::sync::Arc::new(spawn_app().await);
    register(&app, "ana@example.com").await;
    let mut attempts = tokio::task::JoinSet::new();
    for i in 0..12 {
        let app = app.clone();
        attempts.spawn(async move {
            login(&app, "ana@example.com", &format!("guess number {i}")).await
        });
    }
    let mut wrong_password_answers = 0;
    while let Some(body) = attempts.join_next().await {
        let codes = error_codes(&body.expect("attempt ran"));
        wrong_password_answers += codes.iter().filter(|c| *c == "UNAUTHENTICATED").count();
    }
    // Racing attempts may all be refused, but never more than five passwords are tried.
    assert!(
        wrong_password_answers <= 5,
        "{wrong_password_answers} guesses were checked"
    );
}

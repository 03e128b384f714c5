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

/// The whole throttle table, in key order: what a sign-in attempt writes.
async fn throttle_rows(app: &TestApp) -> Vec<entity::auth_throttle::Model> {
    use sea_orm::{EntityTrait, QueryOrder};
    entity::auth_throttle::Entity::find()
        .order_by_asc(entity::auth_throttle::Column::ThrottleKey)
        .all(&app.db)
        .await
        .expect("read")
}

/// A request as if from `client` behind the trusted proxy at 127.0.0.1.
async fn login_from(app: &TestApp, client: &str, email: &str, password: &str) -> Value {
    app.client
        .post(format!("{}/graphql", app.address))
        .header("x-forwarded-for", client)
        .json(&json!({ "query": LOGIN, "variables": { "email": email, "password": password } }))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("JSON")
}

#[tokio::test]
async fn an_operation_with_two_logins_is_refused_before_either_runs_and_writes_nothing() {
    let app = spawn_app().await;
    register(&app, "ana@example.com").await;
    let before = throttle_rows(&app).await;
    let aliased: String = (0..2)
        .map(|i| format!("a{i}: login(input: {{ email: \"ana@example.com\", password: \"wrong-{i}-password\" }}) {{ accessToken }}"))
        .collect::<Vec<_>>()
        .join(" ");
    let body = app
        .gql(&format!("mutation {{ {aliased} }}"), json!({}))
        .await;
    assert_eq!(error_codes(&body), ["VALIDATION"], "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["reason"], "TOO_MANY_SIGN_IN_ATTEMPTS",
        "{body}"
    );
    assert!(body["data"].is_null());
    assert_eq!(
        throttle_rows(&app).await,
        before,
        "the refusal wrote nothing"
    );
    // A login next to another sign-in mutation counts too.
    let mixed = app
        .gql(
            "mutation { login(input: { email: \"a@b.co\", password: \"x\" }) { accessToken } refreshToken(input: { refreshToken: \"x\" }) { accessToken } }",
            json!({}),
        )
        .await;
    assert_eq!(error_codes(&mixed), ["VALIDATION"], "{mixed}");
}

#[tokio::test]
async fn an_attacker_locks_only_their_own_address_and_the_owner_signs_in_elsewhere() {
    let app = spawn_app_with(|s| {
        s.trusted_proxies = vec!["127.0.0.1/32".into()];
        s.auth.email_delay_max_seconds = 1;
    })
    .await;
    register(&app, "ana@example.com").await;
    let attacker = "203.0.113.66";
    for i in 0..5 {
        let body = login_from(
            &app,
            attacker,
            "ana@example.com",
            &format!("guess number {i}"),
        )
        .await;
        assert_eq!(error_codes(&body), ["UNAUTHENTICATED"], "{body}");
    }
    // The pair is spent: even the right password waits, and the answer says how long.
    let refused = login_from(&app, attacker, "ana@example.com", PASSWORD).await;
    assert_eq!(error_codes(&refused), ["RATE_LIMITED"], "{refused}");
    assert!(
        refused["errors"][0]["extensions"]["retryAfterSeconds"]
            .as_u64()
            .unwrap_or(0)
            > 0
    );
    let rows = throttle_rows(&app).await;
    let again = login_from(&app, attacker, "ana@example.com", "another guess!").await;
    assert_eq!(error_codes(&again), ["RATE_LIMITED"]);
    assert_eq!(
        throttle_rows(&app).await,
        rows,
        "a refused login writes nothing"
    );

    // The owner, from home, is slowed down a little but signs in.
    let owner = login_from(&app, "198.51.100.7", "ana@example.com", PASSWORD).await;
    assert!(owner["data"]["login"]["accessToken"].is_string(), "{owner}");
    // From an IPv6 address in another /64 too.
    let owner_v6 = login_from(&app, "2001:db8:7:7::1", "ana@example.com", PASSWORD).await;
    assert!(
        owner_v6["data"]["login"]["accessToken"].is_string(),
        "{owner_v6}"
    );
    // The attacker's address can still sign in to other accounts.
    register(&app, "ben@example.com").await;
    let ben = login_from(&app, attacker, "ben@example.com", PASSWORD).await;
    assert!(ben["data"]["login"].is_object(), "{ben}");
}

#[tokio::test]
async fn guesses_at_one_email_from_many_addresses_are_spaced_out() {
    let app = std::sync::Arc::new(
        spawn_app_with(|s| {
            s.trusted_proxies = vec!["127.0.0.1/32".into()];
            s.auth.email_delay_after_failures = 2;
            s.auth.email_delay_max_seconds = 1;
            s.auth.email_queue_max_seconds = 1;
        })
        .await,
    );
    register(&app, "ana@example.com").await;
    for client in ["203.0.113.1", "203.0.113.2"] {
        let body = login_from(&app, client, "ana@example.com", "a wrong guess").await;
        assert_eq!(error_codes(&body), ["UNAUTHENTICATED"], "{body}");
    }
    // Now each guess takes a turn, half a second or more apart, and no caller waits
    // more than a second for one: of eight at once, at most three are checked.
    let mut guesses = tokio::task::JoinSet::new();
    for i in 0..8 {
        let app = app.clone();
        guesses.spawn(async move {
            let client = format!("198.51.100.{}", 10 + i);
            login_from(&app, &client, "ana@example.com", "a wrong guess").await
        });
    }
    let (mut checked, mut refused) = (0, 0);
    while let Some(body) = guesses.join_next().await {
        match error_codes(&body.expect("ran")).as_slice() {
            [code] if code == "UNAUTHENTICATED" => checked += 1,
            [code] if code == "RATE_LIMITED" => refused += 1,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!((1..=3).contains(&checked), "{checked} guesses were checked");
    assert_eq!(checked + refused, 8);
}

#[tokio::test]
async fn a_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored() {
    let app = spawn_app().await;
    register(&app, "ana@example.com").await;
    for i in 0..5 {
        let client = format!("203.0.113.{i}");
        login_from(&app, &client, "ana@example.com", "not the password").await;
    }
    // Without trusted proxies every request is the peer's: the pair limit holds.
    let body = login_from(&app, "198.51.100.9", "ana@example.com", PASSWORD).await;
    assert_eq!(error_codes(&body), ["RATE_LIMITED"], "{body}");
}

#[tokio::test]
async fn parallel_sign_ups_from_one_address_are_limited_and_never_fail() {
    let app = std::sync::Arc::new(spawn_app().await);
    let mut attempts = tokio::task::JoinSet::new();
    for i in 0..200 {
        let app = app.clone();
        attempts.spawn(async move {
            let response = app
                .gql_response(
                    REGISTER,
                    json!({ "email": format!("runner{i}@example.com"), "password": PASSWORD, "name": "Runner" }),
                    None,
                )
                .await;
            let status = response.status().as_u16();
            (status, response.json::<Value>().await.expect("JSON"))
        });
    }
    let (mut signed_up, mut limited) = (0, 0);
    while let Some(outcome) = attempts.join_next().await {
        let (status, body) = outcome.expect("attempt ran");
        assert_eq!(status, 200, "{body}");
        match error_codes(&body).as_slice() {
            [] => signed_up += 1,
            [code] if code == "RATE_LIMITED" => limited += 1,
            other => panic!("unexpected {other:?}: {body}"),
        }
    }
    assert!((1..=20).contains(&signed_up), "{signed_up} signed up");
    assert_eq!(signed_up + limited, 200);
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

//! Access tokens: every forged, stale or misdirected token is refused with UNAUTHENTICATED,
//! never treated as anonymous.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde::Serialize;
use serde_json::json;
use stride_tests::{TEST_JWT_SECRET, TestApp, error_codes, spawn_app};

use crate::auth::register;

#[derive(Serialize)]
struct Claims<'a> {
    sub: String,
    iss: &'a str,
    aud: &'a str,
    exp: i64,
    nbf: i64,
    iat: i64,
}

fn claims(sub: String) -> Claims<'static> {
    let now = chrono::Utc::now().timestamp();
    Claims {
        sub,
        iss: "stride",
        aud: "stride-api",
        exp: now + 600,
        nbf: now - 10,
        iat: now - 10,
    }
}

fn sign(alg: Algorithm, claims: &Claims, secret: &str) -> String {
    let mut header = Header::new(alg);
    header.typ = Some("at+jwt".into());
    encode(
        &header,
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .expect("signed")
}

async fn user_subject(app: &TestApp) -> (String, String) {
    let session = register(app, "ana@example.com").await;
    let token = session["accessToken"].as_str().expect("token").to_owned();
    let payload = token.split('.').nth(1).expect("payload");
    let decoded: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).expect("base64")).expect("json");
    (token, decoded["sub"].as_str().expect("sub").to_owned())
}

async fn assert_refused(app: &TestApp, token: &str, why: &str) {
    let response = app
        .gql_response("{ clinics { totalCount } }", json!({}), Some(token))
        .await;
    assert_eq!(response.status(), 401, "{why}");
    assert_eq!(
        response.headers()["www-authenticate"],
        r#"Bearer error="invalid_token""#
    );
    let body: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(error_codes(&body), ["UNAUTHENTICATED"], "{why}");
}

#[tokio::test]
async fn a_genuine_token_is_accepted_and_a_forged_one_of_the_same_shape_is_not() {
    let app = spawn_app().await;
    let (genuine, sub) = user_subject(&app).await;
    let me = app
        .gql_as("{ me { email } }", json!({}), Some(&genuine))
        .await;
    assert_eq!(me["data"]["me"]["email"], "ana@example.com");

    // The harness's own signing matches the server's: the cases below differ in one thing.
    let home_made = sign(Algorithm::HS256, &claims(sub.clone()), TEST_JWT_SECRET);
    let me = app
        .gql_as("{ me { email } }", json!({}), Some(&home_made))
        .await;
    assert_eq!(me["data"]["me"]["email"], "ana@example.com", "{me}");

    let now = chrono::Utc::now().timestamp();
    let cases = [
        (
            sign(
                Algorithm::HS256,
                &claims(sub.clone()),
                "another-secret-of-thirty-two-bytes!!",
            ),
            "wrong key",
        ),
        (
            sign(
                Algorithm::HS256,
                &Claims {
                    exp: now - 60,
                    ..claims(sub.clone())
                },
                TEST_JWT_SECRET,
            ),
            "expired",
        ),
        (
            sign(
                Algorithm::HS256,
                &Claims {
                    nbf: now + 3600,
                    ..claims(sub.clone())
                },
                TEST_JWT_SECRET,
            ),
            "not yet valid",
        ),
        (
            sign(
                Algorithm::HS256,
                &Claims {
                    iss: "someone-else",
                    ..claims(sub.clone())
                },
                TEST_JWT_SECRET,
            ),
            "wrong issuer",
        ),
        (
            sign(
                Algorithm::HS256,
                &Claims {
                    aud: "another-api",
                    ..claims(sub.clone())
                },
                TEST_JWT_SECRET,
            ),
            "wrong audience",
        ),
        (
            sign(Algorithm::HS512, &claims(sub.clone()), TEST_JWT_SECRET),
            "another algorithm",
        ),
        (
            sign(
                Algorithm::HS256,
                &claims(format!("user:{}", uuid::Uuid::new_v4())),
                TEST_JWT_SECRET,
            ),
            "no such user",
        ),
        (
            sign(Algorithm::HS256, &claims("admin".into()), TEST_JWT_SECRET),
            "malformed subject",
        ),
    ];
    for (token, why) in cases {
        assert_refused(&app, &token, why).await;
    }

    // Tampered: the payload changed after signing.
    let mut parts: Vec<String> = genuine.split('.').map(String::from).collect();
    parts[1] = URL_SAFE_NO_PAD.encode(
        serde_json::to_vec(&claims(format!("user:{}", uuid::Uuid::new_v4()))).expect("json"),
    );
    assert_refused(&app, &parts.join("."), "tampered").await;

    // alg: none, unsigned.
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims(sub)).expect("json"));
    assert_refused(&app, &format!("{header}.{payload}."), "alg none").await;

    assert_refused(&app, "garbage", "not a JWT").await;
}

#[tokio::test]
async fn a_malformed_authorization_header_is_refused_not_ignored() {
    let app = spawn_app().await;
    let (token, _) = user_subject(&app).await;
    for header in [format!("Basic {token}"), "Bearer".into(), token.clone()] {
        let response = app
            .client
            .post(format!("{}/graphql", app.address))
            .header("authorization", header.as_str())
            .json(&json!({ "query": "{ clinics { totalCount } }" }))
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), 401, "{header}");
    }
}

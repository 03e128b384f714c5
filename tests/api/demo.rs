//! `serve --demo` prints one sign-in per role; each works and holds its role.

use serde_json::json;
use stride_tests::spawn_demo_app;

#[tokio::test]
async fn every_demo_login_signs_in_with_its_role() {
    let app = spawn_demo_app().await;
    let file = std::env::temp_dir().join(format!("stride-demo-password-{}", uuid::Uuid::new_v4()));
    let logins = stride_api::demo::logins::ensure(&app.db, &file)
        .await
        .expect("demo logins");
    let again = stride_api::demo::logins::ensure(&app.db, &file)
        .await
        .expect("idempotent");
    std::fs::remove_file(&file).ok();
    assert_eq!(logins.len(), 5);
    assert_eq!(
        logins[0].password, again[0].password,
        "the password is kept"
    );
    let mut roles = Vec::new();
    for login in &logins {
        let body = app
            .gql_ok(
                "mutation($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { user { roles { role } } } }",
                json!({ "e": login.email, "p": login.password }),
            )
            .await;
        let held = body["login"]["user"]["roles"]
            .as_array()
            .expect("roles")
            .clone();
        assert_eq!(held.len(), 1, "{}: {body}", login.email);
        roles.push(held[0]["role"].as_str().unwrap_or_default().to_owned());
    }
    assert_eq!(
        roles,
        [
            "PLATFORM_ADMIN",
            "FRANCHISE_ADMIN",
            "LOCATION_MANAGER",
            "THERAPIST",
            "CLIENT"
        ]
    );
}

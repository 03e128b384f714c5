//! GraphQL over HTTP: what the transport answers before and around execution.

use serde_json::{Value, json};
use stride_tests::{error_codes, spawn_app, spawn_app_with};

#[tokio::test]
async fn malformed_json_is_a_bad_request() {
    let app = spawn_app().await;
    let response = app.post_raw("{\"query\": ").await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.expect("JSON error body");
    assert_eq!(error_codes(&body), ["VALIDATION"]);
}

#[tokio::test]
async fn a_request_without_a_query_is_a_bad_request() {
    let app = spawn_app().await;
    for body in [r#"{}"#, r#"{"variables":{}}"#, r#"{"query":""}"#, r#"[]"#] {
        assert_eq!(app.post_raw(body).await.status(), 400, "{body}");
    }
}

#[tokio::test]
async fn get_answers_queries_but_refuses_mutations() {
    let app = spawn_app().await;
    let query = app.get("/graphql?query=%7B__typename%7D").await;
    assert_eq!(query.status(), 200);
    let body: Value = query.json().await.expect("JSON");
    assert_eq!(body["data"]["__typename"], "Query");

    let mutation = app.get("/graphql?query=mutation%20%7B__typename%7D").await;
    assert_eq!(mutation.status(), 405);
    assert_eq!(mutation.headers()["allow"], "POST");
}

#[tokio::test]
async fn a_browser_gets_graphiql_only_where_it_is_switched_on() {
    let browse = |app: &stride_tests::TestApp| {
        app.client
            .get(format!("{}/graphql", app.address))
            .header("accept", "text/html")
            .send()
    };
    let on = spawn_app_with(|s| s.graphql.graphiql = true).await;
    let page = browse(&on).await.expect("sent");
    assert_eq!(page.status(), 200);
    assert!(page.text().await.expect("text").contains("graphiql"));

    // Without it, a browser asking only for HTML is told the API speaks JSON.
    let off = spawn_app().await;
    let page = browse(&off).await.expect("sent");
    assert_eq!(page.status(), 406);
    assert!(!page.text().await.expect("text").contains("graphiql"));
}

#[tokio::test]
async fn introspection_answers_only_where_it_is_switched_on() {
    let query = "{ __schema { queryType { name } } }";
    let on = spawn_app_with(|s| s.graphql.introspection = true).await;
    let body = on.gql(query, json!({})).await;
    assert_eq!(
        body["data"]["__schema"]["queryType"]["name"], "Query",
        "{body}"
    );
    let off = spawn_app().await;
    let body = off.gql(query, json!({})).await;
    assert!(body["data"]["__schema"].is_null(), "{body}");
}

#[tokio::test]
async fn batches_run_each_operation_up_to_the_cap() {
    let app = spawn_app().await;
    let two = json!([{ "query": "{ a: __typename }" }, { "query": "{ b: __typename }" }]);
    let response = app.post_raw(two.to_string()).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(body[0]["data"]["a"], "Query");
    assert_eq!(body[1]["data"]["b"], "Query");

    let eleven: Vec<Value> = (0..11)
        .map(|_| json!({ "query": "{ __typename }" }))
        .collect();
    assert_eq!(
        app.post_raw(Value::from(eleven).to_string()).await.status(),
        400
    );
}

#[tokio::test]
async fn queries_deeper_than_the_limit_are_refused() {
    let app = spawn_app_with(|s| s.graphql.max_depth = 5).await;
    let deep = "{ clinics { edges { node { locations { edges { node { name } } } } } } }";
    let body = app.gql(deep, json!({})).await;
    assert!(body["data"].is_null(), "{body}");
    assert_eq!(error_codes(&body), ["VALIDATION"]);
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("too deep"), "{message}");
}

#[tokio::test]
async fn every_error_carries_a_code_even_for_a_malformed_document() {
    let app = spawn_app().await;
    for query in [
        "{ clinics {",
        "{ noSuchField }",
        "query($n: Int!) { clinics(first: $n) { totalCount } }",
    ] {
        let body = app.gql(query, json!({ "n": "ten" })).await;
        let codes = error_codes(&body);
        assert!(!codes.is_empty(), "{query}: {body}");
        assert!(codes.iter().all(|c| c == "VALIDATION"), "{query}: {body}");
    }
}

#[tokio::test]
async fn an_oversized_body_is_refused_unread() {
    let app = spawn_app_with(|s| s.graphql.max_body_bytes = 1024).await;
    let padding = " ".repeat(2048);
    let response = app
        .post_raw(format!("{{\"query\":\"{{ __typename }}\"{padding}}}"))
        .await;
    assert_eq!(response.status(), 413);
}

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = spawn_app().await;
    assert_eq!(app.get("/healthz").await.status(), 200);
    assert_eq!(app.get("/readyz").await.status(), 200);
}

#[tokio::test]
async fn only_configured_origins_pass_cors() {
    let app =
        spawn_app_with(|s| s.cors_allowed_origins = vec!["https://app.stride.example".into()])
            .await;
    let preflight = |origin: &'static str| {
        app.client
            .request(reqwest::Method::OPTIONS, format!("{}/graphql", app.address))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "content-type, authorization",
            )
            .send()
    };
    let allowed = preflight("https://app.stride.example").await.expect("sent");
    assert_eq!(allowed.status(), 200);
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "https://app.stride.example"
    );
    let refused = preflight("https://evil.example").await.expect("sent");
    assert!(
        refused
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
}

#[tokio::test]
async fn nested_pages_multiply_and_an_expensive_query_is_refused() {
    let app = spawn_app().await;
    let huge = "{ clinics(first: 100) { edges { node { locations(first: 100) { edges { node {
        therapists(first: 100) { edges { node { services(first: 100) { edges { node { name } } } } } } } } } } } } }";
    let body = app.gql(huge, json!({})).await;
    assert_eq!(error_codes(&body), ["VALIDATION"], "{body}");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("complex")
    );
    // The same shape with small pages is fine.
    let small = huge.replace("first: 100", "first: 5");
    assert!(app.gql(&small, json!({})).await.get("errors").is_none());
}

#[tokio::test]
async fn a_batch_of_one_is_answered_with_an_array() {
    let app = spawn_app().await;
    let response = app
        .post_raw(json!([{ "query": "{ __typename }" }]).to_string())
        .await;
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(body, json!([{ "data": { "__typename": "Query" } }]));
}

async fn post_with(
    app: &stride_tests::TestApp,
    content_type: Option<&str>,
    accept: Option<&str>,
    body: &str,
) -> reqwest::Response {
    let mut request = app
        .client
        .post(format!("{}/graphql", app.address))
        .body(body.to_owned());
    if let Some(content_type) = content_type {
        request = request.header("content-type", content_type);
    }
    if let Some(accept) = accept {
        request = request.header("accept", accept);
    }
    request.send().await.expect("sent")
}

#[tokio::test]
async fn only_json_bodies_are_run_so_no_web_page_can_post_a_simple_request() {
    let app = spawn_app().await;
    let mutation = r#"{"query":"mutation { logout(input: { refreshToken: \"x\" }) }"}"#;
    for content_type in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
        None,
    ] {
        let response = post_with(&app, content_type, None, mutation).await;
        assert_eq!(response.status(), 415, "{content_type:?}");
        let body: Value = response.json().await.expect("a JSON error");
        assert_eq!(error_codes(&body), ["VALIDATION"]);
    }
    let json = post_with(
        &app,
        Some("application/json; charset=utf-8"),
        None,
        mutation,
    )
    .await;
    assert_eq!(json.status(), 200);
}

#[tokio::test]
async fn graphql_response_json_answers_requests_that_never_ran_with_400_and_no_data() {
    let app = spawn_app().await;
    let accept = Some("application/graphql-response+json");
    for query in [
        r#"{"query":"{ clinics {"}"#,
        r#"{"query":"{ noSuchField }"}"#,
        r#"{"query":"mutation { a: login(input: {email: \"a@b.co\", password: \"x\"}) { accessToken } b: login(input: {email: \"a@b.co\", password: \"y\"}) { accessToken } }"}"#,
    ] {
        let response = post_with(&app, Some("application/json"), accept, query).await;
        assert_eq!(response.status(), 400, "{query}");
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap_or_default()
                .starts_with("application/graphql-response+json")
        );
        let body: Value = response.json().await.expect("JSON");
        assert!(body.get("data").is_none(), "{body}");
        assert_eq!(error_codes(&body), ["VALIDATION"], "{body}");
    }
    // What ran answers 200 under either type, field errors included.
    let ran = post_with(
        &app,
        Some("application/json"),
        accept,
        r#"{"query":"{ me { id } }"}"#,
    )
    .await;
    assert_eq!(ran.status(), 200);
    let body: Value = ran.json().await.expect("JSON");
    assert!(body.get("data").is_some(), "{body}");
    assert_eq!(error_codes(&body), ["UNAUTHENTICATED"]);
    // application/json keeps 200 and a data entry for a parse error.
    let legacy = post_with(
        &app,
        Some("application/json"),
        Some("application/json"),
        r#"{"query":"{ clinics {"}"#,
    )
    .await;
    assert_eq!(legacy.status(), 200);
    assert_eq!(legacy.headers()["content-type"], "application/json");
}

#[tokio::test]
async fn a_client_that_accepts_neither_json_type_is_told_so() {
    let app = spawn_app().await;
    let response = post_with(
        &app,
        Some("application/json"),
        Some("text/html"),
        r#"{"query":"{ __typename }"}"#,
    )
    .await;
    assert_eq!(response.status(), 406);
}

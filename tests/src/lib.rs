//! The black-box test harness: each test gets its own migrated database (SQLite, or
//! PostgreSQL when `STRIDE_TEST_DATABASE_URL` names a server) and the real server on a
//! free port, and talks to it with GraphQL over HTTP.

pub mod database;
pub mod fixtures;
pub mod users;

use std::sync::{
    Arc,
    atomic::{AtomicUsize, Ordering},
};

use sea_orm::DatabaseConnection;
use serde_json::{Value, json};
use stride_api::{
    settings::{Secret, Settings},
    startup::Application,
};

pub use database::TestDatabase;

/// The HS256 secret every test server signs with, so tests can forge tokens deliberately.
pub const TEST_JWT_SECRET: &str = "test-secret-that-is-at-least-32-bytes-long";

pub struct TestApp {
    pub address: String,
    pub db: DatabaseConnection,
    pub client: reqwest::Client,
    statements: Arc<AtomicUsize>,
    // Dropped last: removes the database once the test is over.
    _database: TestDatabase,
}

/// Starts the server over a fresh, migrated, empty database.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts the server over a fresh database loaded with the demo data.
pub async fn spawn_demo_app() -> TestApp {
    let app = spawn_app().await;
    stride_api::demo::load(&app.db)
        .await
        .expect("demo data loads");
    app
}

/// Starts the server with adjusted settings.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let database = TestDatabase::create().await;
    let statements = Arc::new(AtomicUsize::new(0));
    let counter = statements.clone();
    let mut db = database.connect().await;
    db.set_metric_callback(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    stride_api::db::migrate(&db)
        .await
        .expect("migrations apply");

    let mut settings = Settings {
        database_url: database.url().to_owned(),
        port: 0,
        jwt_secret: Some(Secret::new(TEST_JWT_SECRET)),
        ..Settings::default()
    };
    adjust(&mut settings);
    let app = Application::build(&settings, db.clone()).expect("server builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        db,
        client: reqwest::Client::new(),
        statements,
        _database: database,
    }
}

impl TestApp {
    /// POSTs one GraphQL operation and returns the whole JSON response.
    pub async fn gql(&self, query: &str, variables: Value) -> Value {
        let response = self
            .client
            .post(format!("{}/graphql", self.address))
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("request is sent");
        assert_eq!(response.status(), 200, "GraphQL responses are 200");
        response.json().await.expect("response is JSON")
    }

    /// POSTs one operation with `Authorization: Bearer <token>` when a token is given.
    pub async fn gql_as(&self, query: &str, variables: Value, token: Option<&str>) -> Value {
        self.gql_response(query, variables, token)
            .await
            .json()
            .await
            .expect("response is JSON")
    }

    /// The raw HTTP response of one operation, for status and header checks.
    pub async fn gql_response(
        &self,
        query: &str,
        variables: Value,
        token: Option<&str>,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .post(format!("{}/graphql", self.address))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.expect("request is sent")
    }

    /// Like `gql`, but the operation must succeed; returns its `data`.
    pub async fn gql_ok(&self, query: &str, variables: Value) -> Value {
        let body = self.gql(query, variables).await;
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["data"].clone()
    }

    pub async fn post_raw(&self, body: impl Into<reqwest::Body>) -> reqwest::Response {
        self.client
            .post(format!("{}/graphql", self.address))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("request is sent")
    }

    pub async fn get(&self, path_and_query: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{}", self.address, path_and_query))
            .send()
            .await
            .expect("request is sent")
    }

    /// SQL statements the server has run since the last call.
    pub fn take_statement_count(&self) -> usize {
        self.statements.swap(0, Ordering::SeqCst)
    }
}

/// The `extensions.code` of each error of a response.
pub fn error_codes(body: &Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    e["extensions"]["code"]
                        .as_str()
                        .unwrap_or("<none>")
                        .to_owned()
                })
                .collect()
        })
        .unwrap_or_default()
}

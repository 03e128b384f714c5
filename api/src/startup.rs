//! Builds the running application; `main` and the tests both start it this way.

use std::{net::TcpListener, sync::Arc, time::Duration};

use actix_web::{App, HttpServer, dev::Server, web};
use sea_orm::DatabaseConnection;
use tracing_actix_web::TracingLogger;

use crate::{
    auth::{account::AuthContext, password::PasswordWork, tokens::TokenService},
    graphql::build_schema,
    http::{self, AppState},
    settings::Settings,
};

pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    /// Binds the listener and builds the server over a connected, migrated database.
    pub fn build(settings: &Settings, db: DatabaseConnection) -> std::io::Result<Self> {
        let tokens = TokenService::from_settings(&settings.auth, settings.jwt_secret.as_ref())
            .map_err(std::io::Error::other)?;
        let auth = Arc::new(AuthContext {
            tokens,
            settings: settings.auth.clone(),
            passwords: PasswordWork::new(
                settings.auth.password_hash_concurrency,
                Duration::from_millis(settings.auth.password_hash_wait_millis),
            ),
        });
        let trusted_proxies = http::client_address::parse_proxies(&settings.trusted_proxies)
            .map_err(std::io::Error::other)?;
        let listener = TcpListener::bind(settings.bind_address())?;
        let port = listener.local_addr()?.port();
        let state = web::Data::new(AppState {
            schema: build_schema(db.clone(), auth.clone(), &settings.graphql),
            db,
            auth,
            limits: settings.graphql.clone(),
            trusted_proxies,
        });
        let origins = settings.cors_allowed_origins.clone();
        let max_body = settings.graphql.max_body_bytes;
        let server = HttpServer::new(move || {
            App::new()
                .wrap(http::cors(&origins))
                .wrap(TracingLogger::default())
                .app_data(state.clone())
                .app_data(web::PayloadConfig::new(max_body))
                .configure(http::routes)
        })
        .listen(listener)?
        .shutdown_timeout(10)
        .run();
        Ok(Self { port, server })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGINT or SIGTERM, then drains in-flight requests.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

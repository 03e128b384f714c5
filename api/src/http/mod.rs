//! The HTTP edge: routes, CORS, body limits.

pub mod client_address;
mod graphql;
mod health;
mod media;
mod request;

use actix_cors::Cors;
use actix_web::{http::header, web};

pub use graphql::AppState;

pub fn routes(config: &mut web::ServiceConfig) {
    config
        .route("/healthz", web::get().to(health::alive))
        .route("/readyz", web::get().to(health::ready))
        .service(
            web::resource("/graphql")
                .route(web::post().to(graphql::post))
                .route(web::get().to(graphql::get)),
        );
}

/// Only the configured browser origins may call the API.
pub fn cors(allowed_origins: &[String]) -> Cors {
    allowed_origins
        .iter()
        .fold(Cors::default(), |cors, origin| cors.allowed_origin(origin))
        .allowed_methods(["GET", "POST"])
        .allowed_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT])
        .max_age(3600)
}

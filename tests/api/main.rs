//! One integration-test binary; a module per area. Every test starts the real server over
//! its own database: SQLite by default, PostgreSQL when STRIDE_TEST_DATABASE_URL is set.

mod admin_access;
mod admin_location;
mod admin_service;
mod admin_therapist;
mod auth;
mod bookings;
mod callbacks;
mod catalogue;
mod demo;
mod http;
mod ids;
mod integrity;
mod isolation;
mod limits;
mod list_walks;
mod matrix;
mod migrations;
mod n_plus_one;
mod pagination;
mod price_quotes;
mod promotion_matrix;
mod promotions;
mod refusals;
mod schema;
mod sessions;
mod text_input;
mod tokens;

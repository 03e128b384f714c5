//! SeaORM entities for the Stride schema (see the `migration` crate).
//! Models only: no business logic lives here.

pub use sea_orm;

pub mod enums;
pub mod prelude;

pub mod app_user;
pub mod auth_throttle;
pub mod booking;
pub mod callback_request;
pub mod client_intake;
pub mod clinic;
pub mod location;
pub mod location_closure;
pub mod opening_hours;
pub mod promotion;
pub mod promotion_location;
pub mod promotion_redemption;
pub mod promotion_service;
pub mod refresh_token;
pub mod role_grant;
pub mod room;
pub mod service;
pub mod service_price_override;
pub mod service_variant;
pub mod therapist;
pub mod therapist_location;
pub mod therapist_schedule;
pub mod therapist_specialty;
pub mod therapist_time_off;

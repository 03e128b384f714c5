//! Promotions: franchise admins' discount offers (by code or automatic, dated, scoped,
//! capped). The price arithmetic is `crate::pricing`; this is their administration.

pub mod charge;
mod loaders;
mod mutation;
pub mod offers;
mod query;
mod quote;
pub mod redemptions;
pub mod report;
mod report_query;
pub mod reprice;
pub mod rules;
pub mod terms;
mod types;

pub use loaders::RedemptionsOfBooking;
pub use mutation::PromotionMutation;
pub use query::{PromotionQuery, find_visible};
pub use quote::{Offer, PriceQuoteQuery};
pub use report_query::PromotionReportQuery;
pub use types::{Promotion, PromotionClass, WindowBasis};

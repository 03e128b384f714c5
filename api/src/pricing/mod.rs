//! The price of a booking under a clinic's promotions: a pure computation over data the
//! caller has already loaded (no database, no async, no GraphQL).
//!
//! # Which promotions count
//! Automatic promotions are always considered. A code promotion is considered only when
//! the client entered its code (both trimmed, compared case-insensitively); others get no
//! verdict at all, so a quote never reveals codes. `Quote::code_matched` says whether an
//! entered code matched any promotion, eligible or not, so the caller can report an
//! unknown code.
//!
//! # Eligibility, in check order (the first failure is the reason)
//! 1. window `[valid_from, valid_to)` on the appointment start or the booking time, as the
//!    promotion says: `NotStarted`, `Ended`;
//! 2. service and location (an empty set means all), then currency: `OutOfScope`;
//! 3. list price below the minimum: `MinSpend`;
//! 4. first-visit-only and the client has been before: `FirstVisitOnly`;
//! 5. this client's redemptions `>=` the per-client cap: `ClientLimit`;
//! 6. all redemptions `>=` the total cap: `Exhausted`.
//!
//! # Amounts and the choice
//! Every discount is computed on the LIST price, never compounded, so order cannot
//! matter: a percentage rounds half up in integer minor units; a fixed amount is itself.
//! A set may be applied only if every pair in it combines (each lists the other's class in
//! `combines_with`). Its total is the sum of its discounts capped at the list price, so
//! the final price is never below zero. The set with the largest total is applied; ties
//! go to fewer promotions, then to the lexicographically smallest sorted list of ids. The
//! search is exact over at most [`MAX_SEARCHED`] eligible promotions (see `combine`).
//! Eligible promotions left out get `BetterOffer` or `DoesNotCombine` (see `explain`).
//!
//! # Output
//! Verdicts are sorted by id. `applied` lists the chosen promotions, largest standalone
//! discount first, ties by id; when the sum passes the list price the excess comes off
//! the last of them, so the shares sum exactly to `discount_minor`.

mod amount;
mod combine;
mod eligibility;
mod explain;
mod promotion;
mod quote;
mod reason;
mod types;

#[cfg(test)]
mod tests;

pub use combine::MAX_SEARCHED;
pub use eligibility::covers;
pub use promotion::{Discount, Promotion, PromotionClass, Trigger, WindowBasis};
pub use quote::quote;
pub use reason::Reason;
pub use types::{AppliedPromotion, Quote, QuoteInput, Verdict};

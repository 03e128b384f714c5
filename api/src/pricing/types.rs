//! The booking being priced and the resulting quote.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::Reason;

/// Everything about the booking that promotions look at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteInput {
    pub service_id: Uuid,
    pub location_id: Uuid,
    /// The price before promotions, in minor units. A negative price gets no discount.
    pub list_price_minor: i64,
    pub currency: String,
    pub appointment_start: DateTime<Utc>,
    pub booked_at: DateTime<Utc>,
    /// No earlier non-cancelled booking by this client at this clinic.
    pub first_visit: bool,
    /// The code the client entered, if any; blank counts as none.
    pub code: Option<String>,
}

/// The price after promotions, with a verdict for every promotion considered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    pub list_price_minor: i64,
    /// The sum of `applied`, never more than the list price.
    pub discount_minor: i64,
    /// `list_price_minor - discount_minor`.
    pub final_price_minor: i64,
    pub currency: String,
    /// Largest standalone discount first, ties by id; see the module docs for the cap.
    pub applied: Vec<AppliedPromotion>,
    /// One per considered promotion, sorted by id. Code promotions whose code was not
    /// entered are not considered, so they never appear here.
    pub verdicts: Vec<Verdict>,
    /// A code was entered and at least one promotion has it (eligible or not).
    pub code_matched: bool,
}

/// One applied promotion and what it takes off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AppliedPromotion {
    pub promotion_id: Uuid,
    pub discount_minor: i64,
}

/// The outcome for one considered promotion: `reason` is `None` exactly when `applied`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub promotion_id: Uuid,
    pub applied: bool,
    pub reason: Option<Reason>,
}

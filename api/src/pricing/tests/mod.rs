//! Unit and property tests for `quote`, with small builders so each test states only
//! what it is about. The booking: a GBP 60.00 massage on 2026-02-10 at 10:00 UTC, booked
//! on 2026-01-20, by a first-time client, with no code.

mod amounts;
mod arb;
mod choice;
mod codes;
mod eligibility;
mod oracle;
mod props;
mod window;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::*;

const SERVICE: Uuid = Uuid::from_u128(0x5e4);
const OTHER_SERVICE: Uuid = Uuid::from_u128(0x5e5);
const LOCATION: Uuid = Uuid::from_u128(0x10c);
const OTHER_LOCATION: Uuid = Uuid::from_u128(0x10d);

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn booking(list_price_minor: i64) -> QuoteInput {
    QuoteInput {
        service_id: SERVICE,
        location_id: LOCATION,
        list_price_minor,
        currency: "GBP".into(),
        appointment_start: at("2026-02-10T10:00:00Z"),
        booked_at: at("2026-01-20T09:00:00Z"),
        first_visit: true,
        code: None,
    }
}

fn booking_with_code(list_price_minor: i64, code: &str) -> QuoteInput {
    QuoteInput {
        code: Some(code.into()),
        ..booking(list_price_minor)
    }
}

fn auto(n: u128, discount: Discount) -> Promotion {
    Promotion::automatic(id(n), discount, "GBP")
}

fn coded(n: u128, code: &str, discount: Discount) -> Promotion {
    Promotion::with_code(id(n), code, discount, "GBP")
}

fn pct(percent: u8) -> Discount {
    Discount::PercentOff(percent)
}

fn off(amount: i64) -> Discount {
    Discount::AmountOff(amount)
}

/// The verdict's reason for promotion `n`; fails the test if `n` got no verdict.
fn reason(quote: &Quote, n: u128) -> Option<Reason> {
    let verdict = quote.verdicts.iter().find(|v| v.promotion_id == id(n));
    verdict.expect("promotion has a verdict").reason
}

/// The applied promotions as `(n, discount)`, in the quote's order.
fn applied(quote: &Quote) -> Vec<(u128, i64)> {
    quote
        .applied
        .iter()
        .map(|a| (a.promotion_id.as_u128(), a.discount_minor))
        .collect()
}

/// The verdict's reason for a single promotion with id 1.
fn reason_for(input: &QuoteInput, promotion: Promotion) -> Option<Reason> {
    reason(&quote(input, &[promotion]), 1)
}

/// The final price when the booking has `list` and a single promotion `discount`.
fn final_with(list: i64, discount: Discount) -> i64 {
    quote(&booking(list), &[auto(1, discount)]).final_price_minor
}

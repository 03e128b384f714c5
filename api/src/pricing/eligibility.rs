//! Which promotions are considered for a booking, and whether each one is eligible on
//! its own (before any choice between promotions).

use chrono::{DateTime, Utc};

use super::{Promotion, QuoteInput, Reason, Trigger, WindowBasis};

/// The entered code, trimmed; a blank code counts as none.
pub(super) fn entered_code(input: &QuoteInput) -> Option<&str> {
    input
        .code
        .as_deref()
        .map(str::trim)
        .filter(|code| !code.is_empty())
}

/// Whether the promotion's code is `entered`: both trimmed, compared case-insensitively
/// (full Unicode lowercase, so "ÉTÉ" matches "été"). A blank promotion code never matches.
pub(super) fn code_matches(promotion: &Promotion, entered: &str) -> bool {
    match &promotion.trigger {
        Trigger::Automatic => false,
        Trigger::Code(code) => {
            let code = code.trim();
            !code.is_empty() && lower(code).eq(lower(entered))
        }
    }
}

fn lower(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().flat_map(char::to_lowercase)
}

/// Automatic promotions always; code promotions only when their code was entered, so a
/// client never learns about codes they did not type.
pub(super) fn considered(promotion: &Promotion, entered: Option<&str>) -> bool {
    match promotion.trigger {
        Trigger::Automatic => true,
        Trigger::Code(_) => entered.is_some_and(|code| code_matches(promotion, code)),
    }
}

/// The first rule the promotion fails, checked in this order: window (`NotStarted`,
/// `Ended`), service and location scope then currency (`OutOfScope`), `MinSpend`,
/// `FirstVisitOnly`, `ClientLimit`, `Exhausted`. The order puts what the client cannot
/// change (dates, scope) before what is about them, and the shared cap last, so the
/// reason shown is the most specific one.
pub(super) fn check(promotion: &Promotion, input: &QuoteInput) -> Result<(), Reason> {
    covers(promotion, input)?;
    if promotion
        .min_list_price_minor
        .is_some_and(|min| input.list_price_minor < min)
    {
        return Err(Reason::MinSpend);
    }
    if promotion.first_visit_only && !input.first_visit {
        return Err(Reason::FirstVisitOnly);
    }
    if reached(promotion.per_client_cap, promotion.redeemed_by_client) {
        return Err(Reason::ClientLimit);
    }
    if reached(promotion.total_cap, promotion.redeemed_total) {
        return Err(Reason::Exhausted);
    }
    Ok(())
}

/// Whether the promotion's window and scope take in the booking (the first two checks):
/// all a redemption already taken must still meet when the booking moves.
pub fn covers(promotion: &Promotion, input: &QuoteInput) -> Result<(), Reason> {
    window(promotion, input)?;
    if !in_set(&promotion.service_ids, &input.service_id)
        || !in_set(&promotion.location_ids, &input.location_id)
        || !promotion
            .currency
            .trim()
            .eq_ignore_ascii_case(input.currency.trim())
    {
        return Err(Reason::OutOfScope);
    }
    Ok(())
}

/// Half-open `[valid_from, valid_to)` on the instant the promotion is matched against.
fn window(promotion: &Promotion, input: &QuoteInput) -> Result<(), Reason> {
    let at: DateTime<Utc> = match promotion.window_basis {
        WindowBasis::AppointmentStart => input.appointment_start,
        WindowBasis::BookedAt => input.booked_at,
    };
    if promotion.valid_from.is_some_and(|from| at < from) {
        return Err(Reason::NotStarted);
    }
    if promotion.valid_to.is_some_and(|to| at >= to) {
        return Err(Reason::Ended);
    }
    Ok(())
}

/// An empty scope set means "all".
fn in_set<T: Ord>(set: &std::collections::BTreeSet<T>, item: &T) -> bool {
    set.is_empty() || set.contains(item)
}

/// A cap of N allows redemptions while fewer than N have been made.
fn reached(cap: Option<u32>, used: u64) -> bool {
    cap.is_some_and(|cap| used >= u64::from(cap))
}

//! Why an eligible promotion was left out of the chosen set.

use super::Reason;
use super::combine::Candidate;

/// The rule, for an eligible promotion P that was not applied:
/// - P combines with every applied promotion: it could have been added but would not have
///   raised the discount (the price is already covered, or P is worth nothing here), so
///   `BetterOffer`.
/// - Some applied promotion that P clashes with is worth at least as much as P on its own:
///   P lost head-to-head, so `BetterOffer` (e.g. 20% automatic chosen, a clashing 10%
///   code left out).
/// - Otherwise P is worth more than each applied promotion it clashes with and lost only
///   because those stack with others, so `DoesNotCombine` (e.g. two stacking 10% offers
///   chosen over a 15% code that combines with neither).
///
/// "Worth on its own" is the standalone discount, capped at the list price.
pub(super) fn left_out(left: &Candidate<'_>, applied: &[&Candidate<'_>]) -> Reason {
    let mut clashes = applied
        .iter()
        .filter(|chosen| !left.promotion.combines(chosen.promotion))
        .peekable();
    if clashes.peek().is_none() {
        return Reason::BetterOffer;
    }
    if clashes.any(|chosen| chosen.worth >= left.worth) {
        Reason::BetterOffer
    } else {
        Reason::DoesNotCombine
    }
}

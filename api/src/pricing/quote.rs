//! Putting it together: considered promotions, verdicts, the chosen set and its amounts.

use std::cmp::Reverse;

use super::amount::standalone;
use super::combine::{self, Candidate};
use super::eligibility::{check, code_matches, considered, entered_code};
use super::explain::left_out;
use super::{AppliedPromotion, Promotion, Quote, QuoteInput, Verdict};

/// Prices a booking under the given promotions. Pure and order-independent: permuting
/// `promotions` gives the same quote (ids must be unique).
pub fn quote(input: &QuoteInput, promotions: &[Promotion]) -> Quote {
    let list = input.list_price_minor;
    let entered = entered_code(input);
    let code_matched = entered.is_some_and(|code| promotions.iter().any(|p| code_matches(p, code)));

    let mut in_play: Vec<&Promotion> = promotions
        .iter()
        .filter(|p| considered(p, entered))
        .collect();
    in_play.sort_by_key(|p| p.id);
    let checks: Vec<_> = in_play.iter().map(|p| (p, check(p, input))).collect();

    let candidates: Vec<Candidate<'_>> = checks
        .iter()
        .filter(|(_, check)| check.is_ok())
        .map(|(p, _)| Candidate {
            promotion: p,
            worth: standalone(p.discount, list),
        })
        .collect();
    let chosen: Vec<&Candidate<'_>> = combine::best(&candidates, list)
        .into_iter()
        .map(|i| &candidates[i])
        .collect();

    // Candidates are exactly the eligible promotions, in the same (id) order.
    let mut eligible = candidates.iter();
    let verdicts = checks
        .iter()
        .map(|(p, check)| {
            let reason = match check {
                Err(reason) => Some(*reason),
                Ok(()) => eligible.next().and_then(|candidate| {
                    let applied = chosen.iter().any(|c| std::ptr::eq(*c, candidate));
                    (!applied).then(|| left_out(candidate, &chosen))
                }),
            };
            Verdict {
                promotion_id: p.id,
                applied: reason.is_none(),
                reason,
            }
        })
        .collect();

    let applied = amounts(chosen, list);
    let discount: i64 = applied.iter().map(|a| a.discount_minor).sum();
    Quote {
        list_price_minor: list,
        discount_minor: discount,
        final_price_minor: list - discount,
        currency: input.currency.clone(),
        applied,
        verdicts,
        code_matched,
    }
}

/// Each applied promotion's share, largest standalone discount first (ties: smaller id
/// first). When the standalone discounts add up to more than the list price, the excess
/// is taken off the LAST ones in that order, so the shares sum exactly to the capped
/// total. Because a set with a promotion it does not need loses to the smaller set, the
/// excess is always less than the last promotion's discount: only that one is reduced,
/// and it stays above zero.
fn amounts(mut chosen: Vec<&Candidate<'_>>, list_minor: i64) -> Vec<AppliedPromotion> {
    chosen.sort_by_key(|c| (Reverse(c.worth), c.promotion.id));
    let sum: i128 = chosen.iter().map(|c| i128::from(c.worth)).sum();
    let mut excess = (sum - i128::from(list_minor.max(0))).max(0);
    let mut applied: Vec<AppliedPromotion> = chosen
        .iter()
        .map(|c| AppliedPromotion {
            promotion_id: c.promotion.id,
            discount_minor: c.worth,
        })
        .collect();
    for share in applied.iter_mut().rev() {
        if excess == 0 {
            break;
        }
        let cut = excess.min(i128::from(share.discount_minor));
        // `cut <= share.discount_minor`, an i64, so the conversion cannot fail.
        share.discount_minor -= i64::try_from(cut).unwrap_or(share.discount_minor);
        excess -= cut;
    }
    applied
}

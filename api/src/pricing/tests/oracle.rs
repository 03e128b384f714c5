//! A slow, obviously correct chooser for the property tests: every subset of the
//! eligible promotions, filtered to allowed ones, ranked by the documented order.

use super::super::amount::standalone;
use super::super::eligibility::{check, considered, entered_code};
use super::*;

/// The applied ids (sorted) and the discount the documented rules give.
pub(super) fn best(input: &QuoteInput, promotions: &[Promotion]) -> (Vec<Uuid>, i64) {
    let entered = entered_code(input);
    let eligible: Vec<&Promotion> = promotions
        .iter()
        .filter(|p| considered(p, entered) && check(p, input).is_ok())
        .collect();
    assert!(
        eligible.len() <= MAX_SEARCHED,
        "the oracle is exact only within the bound"
    );
    let cap = i128::from(input.list_price_minor.max(0));
    let mut best: Option<(i128, usize, Vec<Uuid>)> = None;
    for mask in 0u32..1 << eligible.len() {
        let set: Vec<&Promotion> = (0..eligible.len())
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| eligible[i])
            .collect();
        let allowed = set
            .iter()
            .all(|a| set.iter().all(|b| a.id == b.id || a.combines(b)));
        if !allowed {
            continue;
        }
        let sum: i128 = set
            .iter()
            .map(|p| i128::from(standalone(p.discount, input.list_price_minor)))
            .sum();
        let mut ids: Vec<Uuid> = set.iter().map(|p| p.id).collect();
        ids.sort();
        let key = (sum.min(cap), set.len(), ids);
        let better = match &best {
            None => true,
            Some((total, len, ids)) => {
                key.0 > *total || (key.0 == *total && (key.1, &key.2) < (*len, ids))
            }
        };
        if better {
            best = Some(key);
        }
    }
    let (total, _, ids) = best.unwrap_or_default();
    (ids, i64::try_from(total).unwrap())
}

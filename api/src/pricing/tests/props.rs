//! Property tests over random promotions and bookings: bounds, sums, monotonicity, order
//! independence, the allowed-set invariants, and agreement with a brute-force oracle.

use proptest::prelude::*;

use super::super::amount::standalone;
use super::super::eligibility::{check, considered, entered_code};
use super::arb::{MAX_PROMOTIONS, input, promotions, some_promotions};
use super::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_final_price_stays_between_zero_and_the_list_price(
        input in input(), promotions in some_promotions()
    ) {
        let q = quote(&input, &promotions);
        prop_assert!(0 <= q.final_price_minor && q.final_price_minor <= q.list_price_minor);
        prop_assert_eq!(q.final_price_minor, q.list_price_minor - q.discount_minor);
    }

    #[test]
    fn the_applied_shares_sum_to_the_discount_and_are_positive(
        input in input(), promotions in some_promotions()
    ) {
        let q = quote(&input, &promotions);
        let sum: i128 = q.applied.iter().map(|a| i128::from(a.discount_minor)).sum();
        prop_assert_eq!(sum, i128::from(q.discount_minor));
        prop_assert!(q.applied.iter().all(|a| a.discount_minor > 0));
    }

    #[test]
    fn adding_a_promotion_never_raises_the_final_price(
        input in input(), all in (0..MAX_PROMOTIONS).prop_flat_map(|n| promotions(n + 1))
    ) {
        let fewer = quote(&input, &all[..all.len() - 1]);
        let more = quote(&input, &all);
        prop_assert!(more.final_price_minor <= fewer.final_price_minor);
    }

    #[test]
    fn permuting_the_promotions_gives_the_same_quote(
        input in input(),
        (promotions, shuffled) in some_promotions()
            .prop_flat_map(|p| (Just(p.clone()), Just(p).prop_shuffle()))
    ) {
        prop_assert_eq!(quote(&input, &promotions), quote(&input, &shuffled));
    }

    #[test]
    fn applied_promotions_are_eligible_pairwise_combinable_and_marked_applied(
        input in input(), promotions in some_promotions()
    ) {
        let q = quote(&input, &promotions);
        let by_id = |id: Uuid| promotions.iter().find(|p| p.id == id);
        let applied: Vec<&Promotion> = q.applied.iter().filter_map(|a| by_id(a.promotion_id)).collect();
        prop_assert_eq!(applied.len(), q.applied.len());
        for p in &applied {
            prop_assert!(considered(p, entered_code(&input)));
            prop_assert_eq!(check(p, &input), Ok(()));
            let verdict = q.verdicts.iter().find(|v| v.promotion_id == p.id);
            prop_assert_eq!(verdict.map(|v| (v.applied, v.reason)), Some((true, None)));
            prop_assert!(applied.iter().all(|o| o.id == p.id || p.combines(o)));
        }
        prop_assert_eq!(q.verdicts.iter().filter(|v| v.applied).count(), applied.len());
    }

    #[test]
    fn verdicts_are_sorted_consistent_and_only_for_considered_promotions(
        input in input(), promotions in some_promotions()
    ) {
        let q = quote(&input, &promotions);
        prop_assert!(q.verdicts.windows(2).all(|w| w[0].promotion_id < w[1].promotion_id));
        let entered = entered_code(&input);
        let considered_count = promotions.iter().filter(|p| considered(p, entered)).count();
        prop_assert_eq!(q.verdicts.len(), considered_count);
        for v in &q.verdicts {
            prop_assert_eq!(v.applied, v.reason.is_none());
            let Some(p) = promotions.iter().find(|p| p.id == v.promotion_id) else {
                return Err(TestCaseError::fail("a verdict for an unknown promotion"));
            };
            match check(p, &input) {
                Err(reason) => prop_assert_eq!(v.reason, Some(reason)),
                Ok(()) => prop_assert!(matches!(
                    v.reason,
                    None | Some(Reason::BetterOffer | Reason::DoesNotCombine)
                )),
            }
        }
    }

    #[test]
    fn left_out_promotions_get_the_documented_reason(
        input in input(), promotions in some_promotions()
    ) {
        let q = quote(&input, &promotions);
        let list = input.list_price_minor;
        let applied: Vec<&Promotion> = q
            .applied
            .iter()
            .filter_map(|a| promotions.iter().find(|p| p.id == a.promotion_id))
            .collect();
        for v in q.verdicts.iter().filter(|v| v.reason.is_some()) {
            let Some(p) = promotions.iter().find(|p| p.id == v.promotion_id) else {
                return Err(TestCaseError::fail("a verdict for an unknown promotion"));
            };
            if check(p, &input).is_err() {
                continue;
            }
            let worth = standalone(p.discount, list);
            let clashes: Vec<&&Promotion> = applied.iter().filter(|o| !p.combines(o)).collect();
            if clashes.is_empty() {
                // It could have been added, so adding it must gain nothing.
                prop_assert_eq!(v.reason, Some(Reason::BetterOffer));
                prop_assert!(worth == 0 || q.discount_minor == list.max(0));
            } else {
                let beaten = clashes.iter().any(|o| standalone(o.discount, list) >= worth);
                let expected = if beaten { Reason::BetterOffer } else { Reason::DoesNotCombine };
                prop_assert_eq!(v.reason, Some(expected));
            }
        }
    }

    #[test]
    fn the_chosen_set_is_the_oracles_best_allowed_set(
        input in input(), promotions in some_promotions()
    ) {
        let q = quote(&input, &promotions);
        let mut ids: Vec<Uuid> = q.applied.iter().map(|a| a.promotion_id).collect();
        ids.sort();
        prop_assert_eq!((ids, q.discount_minor), oracle::best(&input, &promotions));
    }
}

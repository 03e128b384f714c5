//! Choosing the best allowed set, its tie-breaks, its bound, and the reasons given to the
//! eligible promotions left out.

use super::*;
use PromotionClass::{Automatic, Code};

fn applied_ids(q: &Quote) -> Vec<u128> {
    let mut ids: Vec<_> = applied(q).into_iter().map(|(n, _)| n).collect();
    ids.sort_unstable();
    ids
}

#[test]
fn two_stacking_offers_beat_a_larger_one_that_combines_with_neither() {
    let promotions = [
        auto(1, pct(10)).combining_with(&[Automatic]),
        auto(2, pct(10)).combining_with(&[Automatic]),
        coded(3, "BIG", pct(15)),
    ];
    let q = quote(&booking_with_code(6_000, "big"), &promotions);
    assert_eq!(applied_ids(&q), [1, 2]);
    assert_eq!(q.final_price_minor, 4_800);
    // Worth more than each offer it clashes with: it lost only because they stack.
    assert_eq!(reason(&q, 3), Some(Reason::DoesNotCombine));
}

#[test]
fn a_left_out_offer_worth_no_more_than_one_it_clashes_with_is_a_better_offer() {
    let promotions = [
        auto(1, pct(10)).combining_with(&[Automatic]),
        auto(2, pct(10)).combining_with(&[Automatic]),
        coded(3, "SAME", pct(10)),
    ];
    let q = quote(&booking_with_code(6_000, "same"), &promotions);
    assert_eq!(applied_ids(&q), [1, 2]);
    assert_eq!(reason(&q, 3), Some(Reason::BetterOffer));
}

#[test]
fn a_single_larger_offer_that_clashes_makes_the_smaller_a_better_offer() {
    let promotions = [auto(1, pct(20)), coded(2, "TEN", pct(10))];
    let q = quote(&booking_with_code(6_000, "ten"), &promotions);
    assert_eq!(applied_ids(&q), [1]);
    assert_eq!(reason(&q, 2), Some(Reason::BetterOffer));
}

#[test]
fn an_offer_that_could_stack_but_adds_nothing_is_a_better_offer() {
    let promotions = [
        auto(1, off(6_000)).combining_with(&[Automatic]),
        auto(2, pct(5)).combining_with(&[Automatic]),
    ];
    let q = quote(&booking(6_000), &promotions);
    assert_eq!(applied(&q), [(1, 6_000)]);
    assert_eq!(reason(&q, 2), Some(Reason::BetterOffer));
}

#[test]
fn an_equal_total_goes_to_fewer_promotions() {
    let promotions = [
        auto(1, off(250)).combining_with(&[Automatic]),
        auto(2, off(250)).combining_with(&[Automatic]),
        auto(3, off(500)),
    ];
    let q = quote(&booking(6_000), &promotions);
    assert_eq!(applied_ids(&q), [3]);
    assert_eq!(reason(&q, 1), Some(Reason::BetterOffer));
    assert_eq!(reason(&q, 2), Some(Reason::BetterOffer));
}

#[test]
fn an_equal_single_offer_goes_to_the_smaller_id() {
    for order in [[7, 3], [3, 7]] {
        let promotions = order.map(|n| auto(n, pct(10)));
        let q = quote(&booking(6_000), &promotions);
        assert_eq!(applied_ids(&q), [3]);
        assert_eq!(reason(&q, 7), Some(Reason::BetterOffer));
    }
}

#[test]
fn equal_sets_of_equal_size_go_to_the_lexicographically_smallest_sorted_ids() {
    // Only same-class pairs combine; {2, 5} and {3, 4} tie on total and size, and
    // [2, 5] < [3, 4] whichever class each pair has.
    for (codes, automatics) in [([2, 5], [3, 4]), ([3, 4], [2, 5])] {
        let mut promotions: Vec<_> = codes
            .map(|n| coded(n, "PAIR", off(100)).combining_with(&[Code]))
            .into();
        promotions.extend(automatics.map(|n| auto(n, off(100)).combining_with(&[Automatic])));
        let q = quote(&booking_with_code(6_000, "pair"), &promotions);
        assert_eq!(applied_ids(&q), [2, 5]);
        assert_eq!(reason(&q, 3), Some(Reason::BetterOffer));
    }
}

#[test]
fn ineligible_promotions_never_take_part_in_the_choice() {
    let elsewhere = Promotion {
        location_ids: [OTHER_LOCATION].into(),
        ..auto(1, pct(50))
    };
    let q = quote(&booking(6_000), &[elsewhere, auto(2, pct(10))]);
    assert_eq!(applied_ids(&q), [2]);
    assert_eq!(reason(&q, 1), Some(Reason::OutOfScope));
}

#[test]
fn verdicts_are_sorted_by_id_whatever_the_input_order() {
    let promotions = [auto(9, pct(1)), auto(2, pct(3)), auto(5, pct(2))];
    let mut reversed = promotions.clone();
    reversed.reverse();
    let q = quote(&booking(6_000), &promotions);
    let ids: Vec<_> = q
        .verdicts
        .iter()
        .map(|v| v.promotion_id.as_u128())
        .collect();
    assert_eq!(ids, [2, 5, 9]);
    assert_eq!(q, quote(&booking(6_000), &reversed));
}

#[test]
fn an_applied_verdict_has_no_reason_and_every_other_has_one() {
    let q = quote(&booking(6_000), &[auto(1, pct(10)), auto(2, pct(5))]);
    for v in &q.verdicts {
        assert_eq!(v.applied, v.reason.is_none());
    }
    assert_eq!(q.verdicts.iter().filter(|v| v.applied).count(), 1);
}

#[test]
fn past_sixteen_eligible_promotions_only_the_sixteen_largest_are_searched() {
    assert_eq!(MAX_SEARCHED, 16);
    let promotions: Vec<_> = (1..=17)
        .map(|n| auto(n, off(n as i64)).combining_with(&[Automatic]))
        .collect();
    let q = quote(&booking(6_000), &promotions);
    assert_eq!(applied_ids(&q), (2..=17).collect::<Vec<_>>());
    assert_eq!(q.discount_minor, (2..=17).sum::<i64>());
    assert_eq!(reason(&q, 1), Some(Reason::BetterOffer));
}

#[test]
fn the_search_bound_keeps_the_smaller_ids_among_equal_discounts() {
    let promotions: Vec<_> = (1..=20)
        .map(|n| auto(n, off(10)).combining_with(&[Automatic]))
        .collect();
    let q = quote(&booking(6_000), &promotions);
    assert_eq!(applied_ids(&q), (1..=16).collect::<Vec<_>>());
    assert_eq!(q.discount_minor, 160);
}

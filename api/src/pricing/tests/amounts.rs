//! Discount arithmetic: rounding, caps at the list price, and the shares of a stack.

use super::*;
use PromotionClass::Automatic;

#[test]
fn ten_percent_of_7499_rounds_half_up_to_750() {
    assert_eq!(final_with(7_499, pct(10)), 7_499 - 750);
}

#[test]
fn fifteen_percent_of_3333_rounds_up_to_500() {
    assert_eq!(final_with(3_333, pct(15)), 3_333 - 500);
}

#[test]
fn thirty_three_percent_of_101_rounds_down_to_33() {
    assert_eq!(final_with(101, pct(33)), 101 - 33);
}

#[test]
fn an_exact_half_minor_unit_rounds_up() {
    assert_eq!(final_with(5, pct(10)), 4);
    assert_eq!(final_with(1, pct(50)), 0);
}

#[test]
fn less_than_half_a_minor_unit_takes_nothing_and_is_not_applied() {
    let q = quote(&booking(4), &[auto(1, pct(10))]);
    assert_eq!(q.final_price_minor, 4);
    assert!(q.applied.is_empty());
    assert_eq!(reason(&q, 1), Some(Reason::BetterOffer));
}

#[test]
fn one_hundred_percent_makes_the_booking_free() {
    assert_eq!(final_with(6_000, pct(100)), 0);
}

#[test]
fn a_percentage_above_100_counts_as_100_and_zero_takes_nothing() {
    assert_eq!(final_with(6_000, pct(250)), 0);
    assert_eq!(final_with(6_000, pct(0)), 6_000);
}

#[test]
fn a_fixed_amount_takes_exactly_that_amount() {
    assert_eq!(final_with(6_000, off(1_250)), 4_750);
}

#[test]
fn a_fixed_amount_larger_than_the_price_makes_it_free_not_negative() {
    let q = quote(&booking(6_000), &[auto(1, off(10_000))]);
    assert_eq!((q.discount_minor, q.final_price_minor), (6_000, 0));
    assert_eq!(applied(&q), [(1, 6_000)]);
}

#[test]
fn a_negative_fixed_amount_takes_nothing() {
    assert_eq!(final_with(6_000, off(-500)), 6_000);
}

#[test]
fn a_negative_or_zero_list_price_gets_no_discount() {
    assert_eq!(final_with(-100, off(50)), -100);
    let q = quote(&booking(0), &[auto(1, pct(50))]);
    assert_eq!((q.discount_minor, q.final_price_minor), (0, 0));
    assert_eq!(reason(&q, 1), Some(Reason::BetterOffer));
}

#[test]
fn the_largest_list_price_does_not_overflow() {
    assert_eq!(final_with(i64::MAX, pct(100)), 0);
    assert_eq!(final_with(i64::MAX, pct(50)), i64::MAX / 2);
    let both = [
        auto(1, off(i64::MAX)).combining_with(&[Automatic]),
        auto(2, off(i64::MAX)).combining_with(&[Automatic]),
    ];
    assert_eq!(quote(&booking(i64::MAX), &both).final_price_minor, 0);
}

#[test]
fn stacked_percentages_are_taken_on_the_list_price_not_compounded() {
    let promotions = [
        auto(1, pct(10)).combining_with(&[Automatic]),
        auto(2, pct(10)).combining_with(&[Automatic]),
    ];
    let q = quote(&booking(1_000), &promotions);
    assert_eq!(q.discount_minor, 200);
    assert_eq!(applied(&q), [(1, 100), (2, 100)]);
}

#[test]
fn applied_shares_list_the_largest_discount_first() {
    let promotions = [
        auto(1, off(100)).combining_with(&[Automatic]),
        auto(2, off(300)).combining_with(&[Automatic]),
    ];
    let q = quote(&booking(1_000), &promotions);
    assert_eq!(applied(&q), [(2, 300), (1, 100)]);
}

#[test]
fn a_stack_over_the_list_price_takes_the_excess_off_the_last_share() {
    let promotions = [
        auto(1, off(600)).combining_with(&[Automatic]),
        auto(2, off(700)).combining_with(&[Automatic]),
    ];
    let q = quote(&booking(1_000), &promotions);
    assert_eq!((q.discount_minor, q.final_price_minor), (1_000, 0));
    assert_eq!(applied(&q), [(2, 700), (1, 300)]);
}

#[test]
fn equal_shares_over_the_list_price_cut_the_larger_id() {
    let promotions = [
        auto(2, off(500)).combining_with(&[Automatic]),
        auto(1, off(500)).combining_with(&[Automatic]),
    ];
    let q = quote(&booking(800), &promotions);
    assert_eq!(applied(&q), [(1, 500), (2, 300)]);
}

#[test]
fn the_quote_echoes_the_list_price_and_currency() {
    let q = quote(&booking(6_000), &[auto(1, pct(10))]);
    assert_eq!(q.list_price_minor, 6_000);
    assert_eq!(q.currency, "GBP");
    assert_eq!(q.discount_minor + q.final_price_minor, 6_000);
}

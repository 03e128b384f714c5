//! Code promotions: matching, secrecy, `code_matched`, and combining with other classes.

use super::*;
use PromotionClass::{Automatic, Code};

fn ids_with_verdicts(q: &Quote) -> Vec<u128> {
    q.verdicts
        .iter()
        .map(|v| v.promotion_id.as_u128())
        .collect()
}

#[test]
fn a_code_promotion_applies_when_its_code_is_entered() {
    let q = quote(
        &booking_with_code(6_000, "SPRING10"),
        &[coded(1, "SPRING10", pct(10))],
    );
    assert!(q.code_matched);
    assert_eq!(applied(&q), [(1, 600)]);
}

#[test]
fn codes_match_case_insensitively_and_trimmed() {
    let stored = [coded(1, " Spring10 ", pct(10))];
    for entered in ["spring10", "  SPRING10\t", "sPrInG10"] {
        let q = quote(&booking_with_code(6_000, entered), &stored);
        assert!(q.code_matched, "{entered:?}");
        assert_eq!(reason(&q, 1), None, "{entered:?}");
    }
    let unicode = quote(
        &booking_with_code(6_000, "été"),
        &[coded(1, "ÉTÉ", pct(10))],
    );
    assert_eq!(applied(&unicode), [(1, 600)]);
}

#[test]
fn a_code_promotion_whose_code_was_not_entered_gets_no_verdict() {
    let promotions = [auto(1, pct(5)), coded(2, "VIP", pct(50))];
    let none = quote(&booking(6_000), &promotions);
    let other = quote(&booking_with_code(6_000, "SPRING10"), &promotions);
    for q in [&none, &other] {
        assert_eq!(ids_with_verdicts(q), [1]);
        assert!(!q.code_matched);
        assert_eq!(applied(q), [(1, 300)]);
    }
}

#[test]
fn a_blank_code_counts_as_none_and_never_matches_a_blank_stored_code() {
    let q = quote(&booking_with_code(6_000, "   "), &[coded(1, " ", pct(10))]);
    assert!(!q.code_matched);
    assert!(q.verdicts.is_empty());
}

#[test]
fn a_matched_but_ineligible_code_still_reports_code_matched_with_its_reason() {
    let returning = QuoteInput {
        first_visit: false,
        ..booking_with_code(6_000, "welcome")
    };
    let welcome = Promotion {
        first_visit_only: true,
        ..coded(1, "WELCOME", pct(20))
    };
    let q = quote(&returning, &[welcome]);
    assert!(q.code_matched);
    assert_eq!(reason(&q, 1), Some(Reason::FirstVisitOnly));
    assert_eq!(q.final_price_minor, 6_000);
}

#[test]
fn automatic_and_code_combine_when_each_allows_the_others_class() {
    let promotions = [
        auto(1, pct(10)).combining_with(&[Code]),
        coded(2, "EXTRA", pct(5)).combining_with(&[Automatic]),
    ];
    let q = quote(&booking_with_code(6_000, "extra"), &promotions);
    assert_eq!(applied(&q), [(1, 600), (2, 300)]);
    assert_eq!((reason(&q, 1), reason(&q, 2)), (None, None));
}

#[test]
fn automatic_and_code_do_not_combine_when_only_one_side_allows_it() {
    let one_sided = [
        [
            auto(1, pct(10)).combining_with(&[Code]),
            coded(2, "EXTRA", pct(5)).combining_with(&[Code]),
        ],
        [
            auto(1, pct(10)).combining_with(&[Automatic]),
            coded(2, "EXTRA", pct(5)).combining_with(&[Automatic]),
        ],
    ];
    for promotions in one_sided {
        let q = quote(&booking_with_code(6_000, "EXTRA"), &promotions);
        assert_eq!(applied(&q), [(1, 600)]);
        assert_eq!(reason(&q, 2), Some(Reason::BetterOffer));
    }
}

#[test]
fn two_promotions_under_one_code_combine_only_if_both_allow_code() {
    let both = [
        coded(1, "DUO", pct(10)).combining_with(&[Code]),
        coded(2, "duo", off(250)).combining_with(&[Code]),
    ];
    let q = quote(&booking_with_code(6_000, "Duo"), &both);
    assert_eq!(applied(&q), [(1, 600), (2, 250)]);

    let only_one = [
        coded(1, "DUO", pct(10)).combining_with(&[Code]),
        coded(2, "duo", off(250)).combining_with(&[Automatic]),
    ];
    let q = quote(&booking_with_code(6_000, "Duo"), &only_one);
    assert_eq!(applied(&q), [(1, 600)]);
    assert_eq!(reason(&q, 2), Some(Reason::BetterOffer));
}

#[test]
fn a_code_promotion_beats_an_automatic_one_when_it_is_worth_more() {
    let promotions = [auto(1, pct(10)), coded(2, "BIG", pct(25))];
    let q = quote(&booking_with_code(6_000, "big"), &promotions);
    assert_eq!(applied(&q), [(2, 1_500)]);
    assert_eq!(reason(&q, 1), Some(Reason::BetterOffer));
}

//! One promotion at a time: scope, currency, spend, first visit, limits, the check order
//! and the reason codes.

use super::*;

#[test]
fn a_promotion_for_other_services_is_out_of_scope() {
    let other = Promotion {
        service_ids: [OTHER_SERVICE].into(),
        ..auto(1, pct(10))
    };
    assert_eq!(reason_for(&booking(6_000), other), Some(Reason::OutOfScope));
    let ours = Promotion {
        service_ids: [OTHER_SERVICE, SERVICE].into(),
        ..auto(1, pct(10))
    };
    assert_eq!(reason_for(&booking(6_000), ours), None);
}

#[test]
fn a_promotion_for_other_locations_is_out_of_scope() {
    let other = Promotion {
        location_ids: [OTHER_LOCATION].into(),
        ..auto(1, pct(10))
    };
    assert_eq!(reason_for(&booking(6_000), other), Some(Reason::OutOfScope));
    let ours = Promotion {
        location_ids: [LOCATION].into(),
        ..auto(1, pct(10))
    };
    assert_eq!(reason_for(&booking(6_000), ours), None);
}

#[test]
fn empty_service_and_location_sets_cover_the_whole_clinic() {
    let input = QuoteInput {
        service_id: id(0xabc),
        location_id: id(0xdef),
        ..booking(6_000)
    };
    assert_eq!(reason_for(&input, auto(1, pct(10))), None);
}

#[test]
fn a_booking_in_another_currency_is_out_of_scope() {
    let euros = Promotion::automatic(id(1), off(500), "EUR");
    assert_eq!(reason_for(&booking(6_000), euros), Some(Reason::OutOfScope));
    let lower_case = Promotion::automatic(id(1), off(500), "gbp");
    assert_eq!(reason_for(&booking(6_000), lower_case), None);
}

#[test]
fn a_list_price_below_the_minimum_fails_min_spend_and_the_minimum_itself_passes() {
    let min = |m| Promotion {
        min_list_price_minor: Some(m),
        ..auto(1, pct(10))
    };
    assert_eq!(
        reason_for(&booking(5_999), min(6_000)),
        Some(Reason::MinSpend)
    );
    assert_eq!(reason_for(&booking(6_000), min(6_000)), None);
}

#[test]
fn a_first_visit_promotion_applies_only_on_the_first_visit() {
    let first = Promotion {
        first_visit_only: true,
        ..auto(1, pct(10))
    };
    let returning = QuoteInput {
        first_visit: false,
        ..booking(6_000)
    };
    assert_eq!(reason_for(&booking(6_000), first.clone()), None);
    assert_eq!(reason_for(&returning, first), Some(Reason::FirstVisitOnly));
    assert_eq!(reason_for(&returning, auto(1, pct(10))), None);
}

#[test]
fn the_per_client_cap_allows_use_until_it_is_reached_exactly() {
    let used = |n| Promotion {
        per_client_cap: Some(1),
        redeemed_by_client: n,
        ..auto(1, pct(10))
    };
    assert_eq!(reason_for(&booking(6_000), used(0)), None);
    assert_eq!(
        reason_for(&booking(6_000), used(1)),
        Some(Reason::ClientLimit)
    );
    assert_eq!(
        reason_for(&booking(6_000), used(2)),
        Some(Reason::ClientLimit)
    );
}

#[test]
fn the_total_cap_allows_the_200th_redemption_but_not_the_201st() {
    let used = |n| Promotion {
        total_cap: Some(200),
        redeemed_total: n,
        ..auto(1, pct(10))
    };
    assert_eq!(reason_for(&booking(6_000), used(199)), None);
    assert_eq!(
        reason_for(&booking(6_000), used(200)),
        Some(Reason::Exhausted)
    );
}

#[test]
fn a_cap_of_zero_never_applies() {
    let zero = Promotion {
        total_cap: Some(0),
        ..auto(1, pct(10))
    };
    assert_eq!(reason_for(&booking(6_000), zero), Some(Reason::Exhausted));
}

#[test]
fn the_first_failed_check_in_the_documented_order_is_the_reason() {
    let returning = QuoteInput {
        first_visit: false,
        ..booking(6_000)
    };
    let mut p = Promotion {
        valid_from: Some(at("2027-01-01T00:00:00Z")),
        service_ids: [OTHER_SERVICE].into(),
        min_list_price_minor: Some(9_000),
        first_visit_only: true,
        per_client_cap: Some(1),
        redeemed_by_client: 1,
        total_cap: Some(1),
        redeemed_total: 1,
        ..auto(1, pct(10))
    };
    let mut seen = vec![reason_for(&returning, p.clone())];
    p.valid_from = None;
    seen.push(reason_for(&returning, p.clone()));
    p.service_ids.clear();
    p.currency = "EUR".into();
    seen.push(reason_for(&returning, p.clone()));
    p.currency = "GBP".into();
    seen.push(reason_for(&returning, p.clone()));
    p.min_list_price_minor = None;
    seen.push(reason_for(&returning, p.clone()));
    p.first_visit_only = false;
    seen.push(reason_for(&returning, p.clone()));
    p.per_client_cap = None;
    seen.push(reason_for(&returning, p.clone()));
    p.total_cap = None;
    seen.push(reason_for(&returning, p));
    use Reason::*;
    let expected = [
        NotStarted,
        OutOfScope,
        OutOfScope,
        MinSpend,
        FirstVisitOnly,
        ClientLimit,
        Exhausted,
    ];
    let expected: Vec<_> = expected.into_iter().map(Some).chain([None]).collect();
    assert_eq!(seen, expected);
}

#[test]
fn each_reason_has_its_screaming_snake_code() {
    use Reason::*;
    let codes: Vec<_> = [
        NotStarted,
        Ended,
        OutOfScope,
        MinSpend,
        FirstVisitOnly,
        ClientLimit,
        Exhausted,
        DoesNotCombine,
        BetterOffer,
    ]
    .iter()
    .map(Reason::code)
    .collect();
    assert_eq!(
        codes,
        [
            "NOT_STARTED",
            "ENDED",
            "OUT_OF_SCOPE",
            "MIN_SPEND",
            "FIRST_VISIT_ONLY",
            "CLIENT_LIMIT",
            "EXHAUSTED",
            "DOES_NOT_COMBINE",
            "BETTER_OFFER"
        ]
    );
}

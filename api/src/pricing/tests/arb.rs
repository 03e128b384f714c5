//! Random promotions and bookings for the property tests, biased towards eligible,
//! combinable promotions so that stacks and clashes are common.

use chrono::TimeDelta;
use proptest::prelude::*;
use proptest::{option, sample::select};

use super::*;

/// At most this many promotions per case, well within `MAX_SEARCHED`.
pub(super) const MAX_PROMOTIONS: usize = 8;

/// Mostly modest discounts, so that stacks rarely hit the list price; sometimes anything,
/// including out-of-range values.
fn discount() -> impl Strategy<Value = Discount> {
    prop_oneof![
        2 => (1u8..=30).prop_map(Discount::PercentOff),
        2 => (0i64..1_500).prop_map(Discount::AmountOff),
        1 => (0u8..=110).prop_map(Discount::PercentOff),
        1 => (-100i64..8_000).prop_map(Discount::AmountOff),
    ]
}

fn trigger() -> impl Strategy<Value = Trigger> {
    let code =
        select(vec!["SPRING", " spring", "VIP", "Été"]).prop_map(|c| Trigger::Code(c.into()));
    prop_oneof![3 => Just(Trigger::Automatic), 2 => code]
}

/// Days from 2026-01-25, so windows fall around both the booking and the appointment.
fn window() -> impl Strategy<Value = (Option<i64>, Option<i64>, WindowBasis)> {
    let basis = prop_oneof![
        Just(WindowBasis::AppointmentStart),
        Just(WindowBasis::BookedAt)
    ];
    (
        option::weighted(0.15, -10i64..25),
        option::weighted(0.15, -5i64..30),
        basis,
    )
}

/// Half the time `usual`, otherwise any subset of `items`: biased towards eligible,
/// combinable promotions so that stacks and clashes are common.
fn subset<T: Ord + Copy + std::fmt::Debug>(
    items: [T; 2],
    usual: Vec<T>,
) -> impl Strategy<Value = Vec<T>> {
    let any_subset = (any::<bool>(), any::<bool>()).prop_map(move |(a, b)| {
        let picked = [a.then_some(items[0]), b.then_some(items[1])];
        picked.into_iter().flatten().collect()
    });
    prop_oneof![Just(usual), any_subset]
}

type Limits = (bool, Option<i64>, Option<u32>, Option<u32>, u64, u64);

fn limits() -> impl Strategy<Value = Limits> {
    (
        proptest::bool::weighted(0.1),
        option::weighted(0.1, 0i64..10_000),
        option::weighted(0.1, 0u32..3),
        option::weighted(0.1, 0u32..3),
        0u64..3,
        0u64..3,
    )
}

/// A promotion whose id's low bits are its `index`, so ids are unique, and whose high
/// bits are random, so id order is unrelated to input order.
fn promotion(index: u128) -> impl Strategy<Value = Promotion> {
    let scope = (
        subset([SERVICE, OTHER_SERVICE], vec![]),
        subset([LOCATION, OTHER_LOCATION], vec![]),
    );
    let both = [PromotionClass::Code, PromotionClass::Automatic];
    let classes = subset(both, both.to_vec());
    let currency = prop_oneof![9 => Just("GBP"), 1 => Just("EUR")];
    let anchor = at("2026-01-25T00:00:00Z");
    let day = move |d: Option<i64>| d.map(|d| anchor + TimeDelta::days(d));
    (
        any::<u64>(),
        discount(),
        trigger(),
        window(),
        scope,
        currency,
        limits(),
        classes,
    )
        .prop_map(
            move |(high, discount, trigger, window, scope, currency, limits, classes)| {
                let (first_visit_only, min, total_cap, per_client_cap, total, by_client) = limits;
                Promotion {
                    trigger,
                    service_ids: scope.0.into_iter().collect(),
                    location_ids: scope.1.into_iter().collect(),
                    first_visit_only,
                    min_list_price_minor: min,
                    total_cap,
                    per_client_cap,
                    redeemed_total: total,
                    redeemed_by_client: by_client,
                    ..Promotion::automatic(id(u128::from(high) << 16 | index), discount, currency)
                        .valid(day(window.0), day(window.1), window.2)
                        .combining_with(&classes)
                }
            },
        )
}

pub(super) fn promotions(count: usize) -> impl Strategy<Value = Vec<Promotion>> {
    (0..count as u128).map(promotion).collect::<Vec<_>>()
}

pub(super) fn some_promotions() -> impl Strategy<Value = Vec<Promotion>> {
    (0..=MAX_PROMOTIONS).prop_flat_map(promotions)
}

pub(super) fn input() -> impl Strategy<Value = QuoteInput> {
    let list = prop_oneof![9 => 0i64..10_000, 1 => Just(i64::MAX)];
    let code = option::of(select(vec!["spring", "VIP ", "été", "nope", "  "]));
    let place = (
        select(vec![SERVICE, OTHER_SERVICE]),
        select(vec![LOCATION, OTHER_LOCATION]),
    );
    (list, code, place, any::<bool>()).prop_map(|(list, code, (service, location), first)| {
        QuoteInput {
            service_id: service,
            location_id: location,
            first_visit: first,
            code: code.map(Into::into),
            ..booking(list)
        }
    })
}

//! Property tests over random hours, schedules, closures, time off, bookings, rooms,
//! policies and zones, on dates around each zone's DST transitions.

use chrono::Timelike;
use chrono_tz::America::Denver;
use chrono_tz::Asia::Kolkata;
use chrono_tz::Australia::Sydney;
use chrono_tz::Europe::London;
use proptest::prelude::*;
use proptest::{collection::vec, option, sample::select};

use super::oracle::{Case, Oracle};
use super::*;

/// Each zone with its 2026 transition days and an ordinary day.
const ZONES: [(Tz, [&str; 3]); 4] = [
    (London, ["2026-03-29", "2026-10-25", "2026-07-01"]),
    (Denver, ["2026-03-08", "2026-11-01", "2026-01-15"]),
    (Kolkata, ["2026-03-29", "2026-10-25", "2026-12-31"]),
    (Sydney, ["2026-04-05", "2026-10-04", "2026-12-25"]),
];

fn minute(m: u32) -> NaiveTime {
    NaiveTime::from_num_seconds_from_midnight_opt(m * 60, 0).unwrap()
}

/// `(opens, closes)`: often a long day, otherwise anywhere, including across DST hours.
fn times() -> impl Strategy<Value = (NaiveTime, NaiveTime)> {
    let anywhere = (0u32..1440, 0u32..1440).prop_filter("opens before closes", |(a, b)| a != b);
    let long_day = (0u32..600, 900u32..1440);
    prop_oneof![anywhere, long_day].prop_map(|(a, b)| (minute(a.min(b)), minute(a.max(b))))
}

/// Mostly the same interval every day, plus a few extra (possibly overlapping) ones.
fn weekly() -> impl Strategy<Value = Vec<WeeklyInterval>> {
    (
        option::weighted(0.9, times()),
        vec((select(WEEK.to_vec()), times()), 0..4),
    )
        .prop_map(|(daily, extra)| {
            let daily = daily
                .into_iter()
                .flat_map(|(o, c)| WEEK.map(|d| WeeklyInterval::new(d, o, c)));
            daily
                .chain(
                    extra
                        .into_iter()
                        .map(|(d, (o, c))| WeeklyInterval::new(d, o, c)),
                )
                .collect()
        })
}

/// Spans as (minutes after the anchor, length in minutes, extra seconds).
type RawSpans = Vec<(i64, i64, i64)>;

fn raw_spans(range_minutes: i64, count: std::ops::Range<usize>) -> impl Strategy<Value = RawSpans> {
    let seconds = prop_oneof![3 => Just(0i64), 1 => 0i64..60];
    vec((-720..range_minutes + 720, 1i64..360, seconds), count)
}

fn spans(anchor: DateTime<Utc>, raw: RawSpans) -> Vec<Span> {
    raw.into_iter()
        .map(|(at, len, secs)| {
            let start = anchor + TimeDelta::minutes(at) + TimeDelta::seconds(secs);
            Span::new(start, start + TimeDelta::minutes(len))
        })
        .collect()
}

type RawTherapist = (bool, u32, Vec<WeeklyInterval>, RawSpans, RawSpans);

fn raw_therapist(range_minutes: i64, bookings: usize) -> impl Strategy<Value = RawTherapist> {
    let time_off = raw_spans(range_minutes, 0..3);
    let busy = raw_spans(range_minutes, 0..bookings);
    (
        proptest::bool::weighted(0.9),
        0u32..=30,
        weekly(),
        time_off,
        busy,
    )
}

fn service() -> impl Strategy<Value = Service> {
    let duration = prop_oneof![Just(15u32), Just(30), Just(60), Just(90), 1u32..=120];
    (duration, 0u32..=30, any::<bool>()).prop_map(
        |(duration_minutes, cleanup_buffer_minutes, needs_room)| Service {
            duration_minutes,
            cleanup_buffer_minutes,
            needs_room,
        },
    )
}

fn policy() -> impl Strategy<Value = Policy> {
    let step = prop_oneof![
        Just(5u32),
        Just(10),
        Just(15),
        Just(20),
        Just(30),
        Just(60),
        1u32..=90
    ];
    let horizon = prop_oneof![1 => 0i64..=5 * 1440, 5 => Just(90 * 1440)];
    let lead = prop_oneof![1 => -60i64..=600, 1 => Just(0)];
    (lead, step, horizon).prop_map(|(lead, step_minutes, horizon)| Policy {
        lead_time: TimeDelta::minutes(lead),
        step_minutes,
        horizon: TimeDelta::minutes(horizon),
    })
}

/// A random case whose request lasts up to `range_minutes`, near a DST transition.
fn case(range_minutes: i64, bookings: usize) -> impl Strategy<Value = Case> {
    let zone = (0..ZONES.len(), 0usize..3);
    let length = prop_oneof![1 => 1..=range_minutes, 3 => range_minutes / 4..=range_minutes];
    let request = (
        -36 * 60i64..24 * 60,
        0i64..60,
        length,
        -2 * 1440i64..=360,
        0i64..60,
    );
    let closures = vec((-3i64..4, 0i64..3), 0..2);
    let rooms = vec(raw_spans(range_minutes, 0..5), 0..4);
    let therapists = vec(raw_therapist(range_minutes, bookings), 1..4);
    (
        zone,
        request,
        weekly(),
        closures,
        rooms,
        therapists,
        service(),
        policy(),
    )
        .prop_map(
            |(
                (z, d),
                (from, secs, len, now, now_secs),
                hours,
                closures,
                rooms,
                therapists,
                service,
                policy,
            )| {
                let (tz, days) = ZONES[z];
                let day = date(days[d]);
                let anchor = day.and_time(NaiveTime::MIN).and_utc() + TimeDelta::minutes(from);
                let from = anchor + TimeDelta::seconds(secs);
                let request = Request {
                    from,
                    to: from + TimeDelta::minutes(len),
                    now: anchor + TimeDelta::minutes(now) + TimeDelta::seconds(now_secs),
                };
                let closures = closures
                    .into_iter()
                    .map(|(start, len)| {
                        let first = day + TimeDelta::days(start);
                        Closure::new(first, first + TimeDelta::days(len))
                    })
                    .collect();
                let rooms = (0u128..)
                    .zip(rooms)
                    .map(|(i, busy)| Room {
                        id: Uuid::from_u128(100 + i),
                        busy: spans(anchor, busy),
                    })
                    .collect();
                let therapists = (1u128..)
                    .zip(therapists)
                    .map(
                        |(i, (qualified, buffer_minutes, schedule, time_off, busy))| Therapist {
                            id: Uuid::from_u128(i),
                            qualified,
                            buffer_minutes,
                            schedule,
                            time_off: spans(anchor, time_off),
                            busy: spans(anchor, busy),
                        },
                    )
                    .collect();
                let location = Location {
                    time_zone: tz,
                    hours,
                    closures,
                    rooms,
                };
                Case {
                    location,
                    therapists,
                    service,
                    policy,
                    request,
                }
            },
        )
}

/// Each slot's therapist's position in the caller's slice.
fn positions(case: &Case, slots: &[Slot]) -> Vec<usize> {
    slots
        .iter()
        .map(|s| {
            case.therapists
                .iter()
                .position(|t| t.id == s.therapist)
                .unwrap()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_minute_by_minute_oracle_finds_exactly_the_same_slots(case in case(48 * 60, 8)) {
        let slots = case.run().unwrap();
        prop_assert_eq!(slots, Oracle::new(&case).all_slots());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn no_slot_over_a_month_breaks_a_rule(case in case(31 * 1440, 60)) {
        let slots = case.run().unwrap();
        let oracle = Oracle::new(&case);
        for (slot, position) in slots.iter().zip(positions(&case, &slots)) {
            let therapist = &case.therapists[position];
            prop_assert_eq!(slot.starts_at.nanosecond(), 0);
            let room = oracle.check(slot.starts_at, therapist);
            prop_assert_eq!(room, Ok(slot.room), "{:?}", slot);
            prop_assert_eq!(*slot, oracle.slot(slot.starts_at, therapist, slot.room));
        }
    }

    #[test]
    fn slots_are_sorted_by_start_then_by_therapist_order(case in case(7 * 1440, 30)) {
        let slots = case.run().unwrap();
        let keys: Vec<_> = slots.iter().map(|s| s.starts_at).zip(positions(&case, &slots)).collect();
        prop_assert!(keys.windows(2).all(|w| w[0] < w[1]), "{:?}", keys);
    }
}

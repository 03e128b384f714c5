//! `free_slots` on a busy location: Europe/London, open Mon–Sat 08:00–20:00, two rooms,
//! ten therapists on 9–10 h shifts, and about 71 existing bookings a day (1,000 over 14
//! days) spread over the therapists without overlaps, every third one in a room. A
//! 60-minute service with a room (one therapist is not qualified for it), on the default
//! policy (15-minute step). The 31-day run keeps the same booking density and crosses the
//! 29 March DST change; the quiet fortnight (300 bookings) returns far more slots.
//! Target: ≤ 0.5 ms per 14-day computation on the busy fortnight.
//!
//! `cargo bench -p stride-api --bench availability`

use std::hint::black_box;
use std::time::Duration;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc, Weekday};
use chrono_tz::Europe::London;
use criterion::{Criterion, criterion_group, criterion_main};
use stride_api::booking::availability::{
    Location, Policy, Request, Room, Service, Span, Therapist, WeeklyInterval, free_slots,
};
use uuid::Uuid;

const THERAPISTS: usize = 10;
/// Busy minutes of the bookings, buffers included, cycled through.
const BOOKING_MINUTES: [i64; 4] = [40, 40, 55, 70];
/// Minutes between consecutive bookings, cycled through.
const GAP_MINUTES: [i64; 4] = [0, 15, 0, 25];

struct Fixture {
    location: Location,
    therapists: Vec<Therapist>,
    service: Service,
    policy: Policy,
    request: Request,
    bookings: usize,
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("valid time")
}

fn open_days() -> impl Iterator<Item = Weekday> {
    [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
    ]
    .into_iter()
}

/// Therapist `i`'s shift: 9 to 10 hours, early or late.
fn shift(i: usize) -> (NaiveTime, NaiveTime) {
    match i % 4 {
        0 => (hm(8, 0), hm(17, 0)),
        1 => (hm(10, 0), hm(20, 0)),
        2 => (hm(9, 0), hm(18, 0)),
        _ => (hm(10, 30), hm(20, 0)),
    }
}

fn local(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let at = London.from_local_datetime(&date.and_time(time)).earliest();
    at.expect("no DST gap during opening hours")
        .with_timezone(&Utc)
}

/// `bookings` spread evenly over the working days in `days` from `first`.
fn fixture(first: NaiveDate, days: i64, bookings: usize) -> Fixture {
    let dates: Vec<NaiveDate> = (0..days)
        .map(|d| first + TimeDelta::days(d))
        .filter(|d| d.weekday() != Weekday::Sun)
        .collect();
    let pairs = THERAPISTS * dates.len();
    let mut therapists = Vec::new();
    let mut all = Vec::new();
    for i in 0..THERAPISTS {
        let (opens, closes) = shift(i);
        let mut busy = Vec::new();
        for (d, &date) in dates.iter().enumerate() {
            let k = i * dates.len() + d;
            let count = bookings / pairs + usize::from(k < bookings % pairs);
            let lengths: Vec<i64> = (0..count).map(|j| BOOKING_MINUTES[(j + k) % 4]).collect();
            let shift_minutes = (closes - opens).num_minutes();
            // Mostly back to back with short gaps; the free time gathers late in the shift.
            let gaps = lengths.iter().sum::<i64>() + 10 * count as i64 <= shift_minutes;
            let mut at = local(date, opens);
            for (j, minutes) in lengths.into_iter().enumerate() {
                busy.push(Span::new(at, at + TimeDelta::minutes(minutes)));
                let gap = if gaps { GAP_MINUTES[(j + k) % 4] } else { 0 };
                at += TimeDelta::minutes(minutes + gap);
            }
        }
        all.extend(busy.iter().copied());
        therapists.push(Therapist {
            id: Uuid::from_u128(i as u128 + 1),
            qualified: i != 9,
            buffer_minutes: [0, 5, 10][i % 3],
            schedule: open_days()
                .map(|d| WeeklyInterval::new(d, opens, closes))
                .collect(),
            time_off: Vec::new(),
            busy,
        });
    }
    let location = Location {
        time_zone: London,
        hours: open_days()
            .map(|d| WeeklyInterval::new(d, hm(8, 0), hm(20, 0)))
            .collect(),
        closures: Vec::new(),
        rooms: rooms(&mut all),
    };
    let from = local(first, NaiveTime::MIN);
    Fixture {
        location,
        therapists,
        service: Service {
            duration_minutes: 60,
            cleanup_buffer_minutes: 15,
            needs_room: true,
        },
        policy: Policy::default(),
        request: Request {
            from,
            to: from + TimeDelta::days(days),
            now: from - TimeDelta::days(1),
        },
        bookings: all.len(),
    }
}

/// Two rooms holding whichever room bookings fit, first room first.
fn rooms(bookings: &mut [Span]) -> Vec<Room> {
    bookings.sort_by_key(|b| b.start);
    let mut rooms: Vec<Room> = (0..2)
        .map(|r| Room {
            id: Uuid::from_u128(100 + r),
            busy: Vec::new(),
        })
        .collect();
    // Only some services use a room: every third booking asks for one.
    for booking in bookings.iter().step_by(3) {
        let free = rooms
            .iter_mut()
            .find(|r| r.busy.last().is_none_or(|b| b.end <= booking.start));
        if let Some(room) = free {
            room.busy.push(*booking);
        }
    }
    rooms
}

fn run(f: &Fixture) -> usize {
    let slots = free_slots(
        &f.location,
        &f.therapists,
        &f.service,
        &f.policy,
        &f.request,
    );
    slots.expect("a valid request").len()
}

fn availability(c: &mut Criterion) {
    let monday = NaiveDate::from_ymd_opt(2026, 3, 16).expect("valid date");
    let mut group = c.benchmark_group("free_slots");
    group
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(30);
    // The target case, a month at the same density, and a quiet fortnight (more output).
    for (days, bookings) in [(14, 1_000), (31, 2_214), (14, 300)] {
        let f = fixture(monday, days, bookings);
        let booked: usize = f.location.rooms.iter().map(|r| r.busy.len()).sum();
        println!(
            "{days} days: {} bookings ({booked} holding a room), {} free slots",
            f.bookings,
            run(&f)
        );
        group.bench_function(format!("{days} days, {} bookings", f.bookings), |b| {
            b.iter(|| run(black_box(&f)))
        });
    }
    group.finish();
}

criterion_group!(benches, availability);
criterion_main!(benches);

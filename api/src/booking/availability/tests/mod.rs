//! Unit and property tests for `free_slots`, with small builders so each test states
//! only what it is about. Dates: 2026-03-02 is a Monday.

mod conflicts;
mod dst;
mod errors;
mod hours;
mod oracle;
mod policy;
mod precision;
mod props;
mod rooms;
mod zones;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use uuid::Uuid;

use super::*;

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// `"2026-03-02 09:00"` as UTC.
fn utc(s: &str) -> DateTime<Utc> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
        .unwrap()
        .and_utc()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn time(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").unwrap()
}

fn span(start: &str, end: &str) -> Span {
    Span::new(utc(start), utc(end))
}

fn on(weekday: Weekday, opens: &str, closes: &str) -> WeeklyInterval {
    WeeklyInterval::new(weekday, time(opens), time(closes))
}

fn every_day(opens: &str, closes: &str) -> Vec<WeeklyInterval> {
    WEEK.iter().map(|&d| on(d, opens, closes)).collect()
}

fn location(tz: Tz, hours: Vec<WeeklyInterval>) -> Location {
    Location {
        time_zone: tz,
        hours,
        closures: Vec::new(),
        rooms: Vec::new(),
    }
}

fn therapist(n: u128, schedule: Vec<WeeklyInterval>) -> Therapist {
    Therapist {
        id: Uuid::from_u128(n),
        qualified: true,
        buffer_minutes: 0,
        schedule,
        time_off: Vec::new(),
        busy: Vec::new(),
    }
}

fn service(duration_minutes: u32) -> Service {
    Service {
        duration_minutes,
        cleanup_buffer_minutes: 0,
        needs_room: false,
    }
}

/// The default policy without lead time, so rules other than lead time stay in view.
fn policy() -> Policy {
    Policy {
        lead_time: TimeDelta::zero(),
        ..Policy::default()
    }
}

/// The whole local day `day` at `tz` (23 or 25 hours on DST days), asked a day before.
fn day_request(tz: Tz, day: &str) -> Request {
    let midnight = |d: NaiveDate| tz.from_local_datetime(&d.and_time(NaiveTime::MIN)).unwrap();
    let start = midnight(date(day));
    let end = midnight(date(day).succ_opt().unwrap());
    Request {
        from: start.with_timezone(&Utc),
        to: end.with_timezone(&Utc),
        now: start.with_timezone(&Utc) - TimeDelta::days(1),
    }
}

/// Local `"HH:MM"` of each slot's start.
fn local_starts(slots: &[Slot], tz: Tz) -> Vec<String> {
    slots
        .iter()
        .map(|s| s.starts_at.with_timezone(&tz).format("%H:%M").to_string())
        .collect()
}

/// `"HH:MM"` UTC of each slot's start.
fn utc_starts(slots: &[Slot]) -> Vec<String> {
    slots
        .iter()
        .map(|s| s.starts_at.format("%H:%M").to_string())
        .collect()
}

/// Slots for one therapist and `service` over the local day `day`.
fn one_day(loc: &Location, t: &Therapist, svc: &Service, day: &str) -> Vec<Slot> {
    let request = day_request(loc.time_zone, day);
    free_slots(loc, std::slice::from_ref(t), svc, &policy(), &request).unwrap()
}

/// A plain GMT Monday: UTC is local time in London.
const MONDAY: &str = "2026-03-02";

fn anyone() -> Therapist {
    therapist(1, every_day("00:00", "23:59"))
}

fn half_hourly() -> Policy {
    Policy {
        step_minutes: 30,
        ..policy()
    }
}

fn hourly() -> Policy {
    Policy {
        step_minutes: 60,
        ..policy()
    }
}

/// Starts for a therapist working `opens`–`closes` every day (the location is open all
/// day) over the local days `first..=last`.
fn starts_over(
    tz: Tz,
    first: &str,
    last: &str,
    hours: (&str, &str),
    svc: Service,
    policy: Policy,
) -> Vec<Slot> {
    let loc = location(tz, every_day("00:00", "23:59"));
    let t = therapist(1, every_day(hours.0, hours.1));
    let request = Request {
        to: day_request(tz, last).to,
        ..day_request(tz, first)
    };
    free_slots(&loc, &[t], &svc, &policy, &request).unwrap()
}

/// `"MM-DD HH:MM"` of the first start on each local date, with its UTC instant.
fn first_each_day(slots: &[Slot], tz: Tz) -> Vec<(String, String)> {
    let mut firsts: Vec<(String, String)> = Vec::new();
    for s in slots {
        let local = s
            .starts_at
            .with_timezone(&tz)
            .format("%m-%d %H:%M")
            .to_string();
        if firsts.last().is_none_or(|(l, _)| l[..5] != local[..5]) {
            firsts.push((local, s.starts_at.format("%m-%d %H:%M").to_string()));
        }
    }
    firsts
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|&(l, u)| (l.to_string(), u.to_string()))
        .collect()
}

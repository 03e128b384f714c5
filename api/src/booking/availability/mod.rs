//! Free booking slots for one service at one location: a pure computation over data the
//! caller has already loaded (no database, no async, no GraphQL).
//!
//! A candidate is `(start, therapist, room)`. The session is `[start, end)` with
//! `end = start + duration`; therapist and room then stay busy for `[start, busy_until)`,
//! `busy_until = end + max(cleanup buffer, therapist buffer)` (the longer, not the sum:
//! the database's overlap constraint uses this same `busy_until`). A start is free for a
//! therapist when the therapist is qualified and:
//! - `from <= start < to`, `now + lead_time <= start <= now + horizon`;
//! - its local time of day, in minutes since local midnight, is a multiple of the step;
//! - `[start, end)` lies inside ONE opening interval of the location and inside ONE
//!   schedule interval of the therapist, both taken on the start's local date;
//! - that local date is in no closure (closures are inclusive date ranges);
//! - `[start, end)` misses all time off and `[start, busy_until)` misses all busy spans;
//! - when the service needs a room and the location models rooms, the first room in the
//!   caller's order that is free for `[start, busy_until)` is taken; none free, no slot.
//!
//! Spans are half-open (`a.start < b.end && b.start < a.end` is an overlap); a span with
//! `end <= start` is empty and blocks nothing. Inputs may be unsorted. Output is sorted by
//! start, then by the therapist's position in the caller's slice.
//!
//! # Wall-clock time and DST
//! Hours, schedules, closures and the step grid are wall-clock in the location's zone and
//! are applied per local date before converting to UTC, so a 09:00–17:00 schedule starts
//! at 09:00 local on both sides of every transition.
//! - A start time that does not exist (spring-forward gap) is skipped. An ambiguous one
//!   (fall-back overlap) is its first occurrence, the earlier offset; the repeated hour
//!   therefore offers no second round of starts.
//! - An interval bound becomes the first instant at which the clock reads that time or
//!   later: an ambiguous bound is its first occurrence, and a bound inside a gap is the
//!   transition instant (01:30 on the London spring-forward day is 01:00 UTC, when the
//!   clock jumps from 01:00 to 02:00). "Inside" is then checked on instants:
//!   `open <= start && end <= close`. Buffers may run past closing time.
//!
//! # Cost
//! Candidate starts are worked out once per request from the opening hours; every
//! qualified therapist is then checked at each start with forward-only cursors over its
//! sorted, merged time off and bookings (rooms likewise), so a request costs about
//! `starts × therapists` cheap checks plus one sort of each span list.

mod calendar;
mod plan;
mod sweep;
mod timeline;
mod validate;

#[cfg(test)]
mod tests;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc, Weekday};
use chrono_tz::Tz;
use uuid::Uuid;

pub use validate::AvailabilityError;

/// The longest request range, in days (`to - from`), that [`free_slots`] accepts.
pub const MAX_RANGE_DAYS: i64 = 31;

/// A half-open UTC span `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Span {
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Self {
        Self { start, end }
    }
}

/// A weekly wall-clock interval `[opens, closes)` in the location's zone; `opens < closes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WeeklyInterval {
    pub weekday: Weekday,
    pub opens: NaiveTime,
    pub closes: NaiveTime,
}

impl WeeklyInterval {
    pub fn new(weekday: Weekday, opens: NaiveTime, closes: NaiveTime) -> Self {
        Self {
            weekday,
            opens,
            closes,
        }
    }
}

/// Local dates `first..=last` on which the location is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Closure {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Closure {
    pub fn new(first: NaiveDate, last: NaiveDate) -> Self {
        Self { first, last }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first <= date && date <= self.last
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    pub id: Uuid,
    /// Existing bookings' `[starts_at, busy_until)`.
    pub busy: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub time_zone: Tz,
    pub hours: Vec<WeeklyInterval>,
    pub closures: Vec<Closure>,
    /// In the order rooms are offered; empty when the location does not model rooms.
    pub rooms: Vec<Room>,
}

/// A therapist who works at the location, with everything that bears on their slots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Therapist {
    pub id: Uuid,
    /// Whether the therapist may perform the requested service.
    pub qualified: bool,
    pub buffer_minutes: u32,
    /// Working hours at this location.
    pub schedule: Vec<WeeklyInterval>,
    pub time_off: Vec<Span>,
    /// Existing non-cancelled bookings' `[starts_at, busy_until)`, buffers included.
    pub busy: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Service {
    pub duration_minutes: u32,
    pub cleanup_buffer_minutes: u32,
    pub needs_room: bool,
}

/// A clinic's booking policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Policy {
    /// How long before a start it can no longer be booked.
    pub lead_time: TimeDelta,
    /// Starts fall on multiples of this many minutes after local midnight.
    pub step_minutes: u32,
    /// How far after `now` a start may be.
    pub horizon: TimeDelta,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            lead_time: TimeDelta::hours(2),
            step_minutes: 15,
            horizon: TimeDelta::days(90),
        }
    }
}

/// Starts wanted in `[from, to)`, as seen at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Request {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub now: DateTime<Utc>,
}

/// A bookable session: `[starts_at, ends_at)` with the therapist (and room) busy until
/// `busy_until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Slot {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub busy_until: DateTime<Utc>,
    pub therapist: Uuid,
    pub room: Option<Uuid>,
}

/// Every free `(start, therapist, room)` for `service` at `location` within `request`,
/// sorted by start, then by position in `therapists`. See the module docs for the rules.
pub fn free_slots(
    location: &Location,
    therapists: &[Therapist],
    service: &Service,
    policy: &Policy,
    request: &Request,
) -> Result<Vec<Slot>, AvailabilityError> {
    validate::validate(location, therapists, service, policy, request)?;
    let Some(window) = plan::Window::new(policy, request) else {
        return Ok(Vec::new());
    };
    let plan = plan::plan(location, service, policy.step_minutes, window)?;
    sweep::sweep(location, therapists, service, &plan, window)
}

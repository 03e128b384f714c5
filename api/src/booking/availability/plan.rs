//! The location's candidate starts for one request: each local grid time on an open local
//! date whose session fits one opening interval, inside the request and policy window.
//! Worked out once and shared by every therapist.

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};

use super::calendar::{self, ceil_secs, floor_secs};
use super::{AvailabilityError, Location, Policy, Request, Service};

/// Whole-second starts allowed by the request and policy: `first..=last`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Window {
    pub(super) first: i64,
    pub(super) last: i64,
}

impl Window {
    /// `None` when no start is allowed at all.
    pub(super) fn new(policy: &Policy, request: &Request) -> Option<Self> {
        let earliest = request.from.max(shifted(request.now, policy.lead_time));
        let first = ceil_secs(earliest);
        // `start < to` for whole seconds is `start <= ceil(to) - 1`.
        let last =
            (ceil_secs(request.to) - 1).min(floor_secs(shifted(request.now, policy.horizon)));
        (first <= last).then_some(Self { first, last })
    }
}

/// `t + by`, saturating at the ends of the calendar rather than panicking.
fn shifted(t: DateTime<Utc>, by: TimeDelta) -> DateTime<Utc> {
    t.checked_add_signed(by)
        .unwrap_or(if by < TimeDelta::zero() {
            DateTime::<Utc>::MIN_UTC
        } else {
            DateTime::<Utc>::MAX_UTC
        })
}

pub(super) struct Start {
    /// Unix seconds.
    pub(super) at: i64,
    /// Index into [`Plan::days`]: the start's local date.
    pub(super) day: usize,
}

pub(super) struct Plan {
    /// Local dates that have at least one start, ascending.
    pub(super) days: Vec<NaiveDate>,
    /// Ascending by `at`.
    pub(super) starts: Vec<Start>,
}

pub(super) fn plan(
    location: &Location,
    service: &Service,
    step_minutes: u32,
    window: Window,
) -> Result<Plan, AvailabilityError> {
    let tz = location.time_zone;
    let duration = i64::from(service.duration_minutes) * 60;
    let first = calendar::local_date(tz, window.first).ok_or(AvailabilityError::OutOfRange)?;
    let last = calendar::local_date(tz, window.last).ok_or(AvailabilityError::OutOfRange)?;
    // A day either side: the window filters exactly, this only has to cover it.
    let first = first.pred_opt().unwrap_or(first);
    let last = last.succ_opt().unwrap_or(last);

    let mut plan = Plan {
        days: Vec::new(),
        starts: Vec::new(),
    };
    // (opens, closes, open secs, close secs) of the day's opening intervals.
    let mut hours = Vec::new();
    for date in first.iter_days().take_while(|d| *d <= last) {
        if location.closures.iter().any(|c| c.contains(date)) {
            continue;
        }
        hours.clear();
        hours.extend(
            location
                .hours
                .iter()
                .filter(|i| i.weekday == date.weekday())
                .filter_map(|i| {
                    let (open, close) = calendar::interval_secs(tz, date, i)?;
                    Some((i.opens, i.closes, open, close))
                }),
        );
        if hours.is_empty() {
            continue;
        }
        let day = plan.days.len();
        let before = plan.starts.len();
        for time in calendar::grid(step_minutes) {
            // Bounds map monotonically, so a start that fits an interval's instants also
            // lies within its wall-clock times: this skips the zone lookup elsewhere.
            if !hours.iter().any(|h| h.0 <= time && time < h.1) {
                continue;
            }
            let Some(at) = calendar::start_secs(tz, date, time) else {
                continue;
            };
            if at < window.first || at > window.last {
                continue;
            }
            let end = at + duration;
            if hours.iter().any(|h| h.2 <= at && end <= h.3) {
                plan.starts.push(Start { at, day });
            }
        }
        if plan.starts.len() > before {
            plan.days.push(date);
        }
    }
    // Already ascending for every real zone; sorting (linear when sorted) makes the
    // cursors' forward-only order a guarantee rather than an assumption.
    plan.starts.sort_by_key(|s| s.at);
    Ok(plan)
}

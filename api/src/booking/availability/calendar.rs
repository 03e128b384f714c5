//! Local wall-clock time to UTC for one location, under the DST rules in the module docs.
//!
//! Instants are Unix seconds. Candidate starts are whole local minutes and zone offsets
//! are whole seconds, so starts are whole seconds too; other instants (bounds, spans) are
//! rounded towards whichever side keeps comparisons with whole-second starts exact.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::{GapInfo, Tz};

use super::WeeklyInterval;

const MINUTES_PER_DAY: u32 = 24 * 60;

/// Rounds down: `s <= t` iff `s <= floor(t)`, and `t < s` iff `floor(t) < s`, for whole `s`.
pub(super) fn floor_secs(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

/// Rounds up: `t <= s` iff `ceil(t) <= s`, and `s < t` iff `s < ceil(t)`, for whole `s`.
pub(super) fn ceil_secs(t: DateTime<Utc>) -> i64 {
    t.timestamp() + i64::from(t.timestamp_subsec_nanos() > 0)
}

pub(super) fn from_secs(secs: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(secs, 0)
}

/// The local date at instant `secs` (checked: chrono's `date_naive` panics past the ends
/// of its calendar).
pub(super) fn local_date(tz: Tz, secs: i64) -> Option<NaiveDate> {
    let utc = from_secs(secs)?.naive_utc();
    let offset = tz.offset_from_utc_datetime(&utc).fix();
    Some(utc.checked_add_offset(offset)?.date())
}

/// When a session starting at local `date time` begins: `None` in a gap, the first
/// occurrence when ambiguous.
pub(super) fn start_secs(tz: Tz, date: NaiveDate, time: NaiveTime) -> Option<i64> {
    match tz.from_local_datetime(&date.and_time(time)) {
        LocalResult::Single(t) => Some(t.timestamp()),
        LocalResult::Ambiguous(a, b) => Some(a.timestamp().min(b.timestamp())),
        LocalResult::None => None,
    }
}

/// The first instant at which the clock reads local `date time` or later.
fn bound(tz: Tz, date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    let local = date.and_time(time);
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, b) => Some(a.with_timezone(&Utc).min(b.with_timezone(&Utc))),
        // In a gap the clock jumps past `time` at the transition, the gap's end.
        LocalResult::None => GapInfo::new(&local, &tz)?
            .end
            .map(|t| t.with_timezone(&Utc)),
    }
}

/// `interval` on `date` as `(open, close)` seconds, rounded inwards so that for whole
/// `start`/`end`, `open <= start && end <= close` is exact.
pub(super) fn interval_secs(
    tz: Tz,
    date: NaiveDate,
    interval: &WeeklyInterval,
) -> Option<(i64, i64)> {
    let open = bound(tz, date, interval.opens)?;
    let close = bound(tz, date, interval.closes)?;
    Some((ceil_secs(open), floor_secs(close)))
}

/// The local times of day on a `step`-minute grid from midnight.
pub(super) fn grid(step_minutes: u32) -> impl Iterator<Item = NaiveTime> {
    let step = usize::try_from(step_minutes.max(1)).unwrap_or(usize::MAX);
    (0..MINUTES_PER_DAY)
        .step_by(step)
        .filter_map(|m| NaiveTime::from_num_seconds_from_midnight_opt(m * 60, 0))
}

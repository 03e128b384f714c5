//! One pass over the shared candidate starts, checking every qualified therapist (in the
//! caller's order) at each start, so slots come out sorted without a final sort.

use chrono::{DateTime, Datelike, Utc};
use uuid::Uuid;

use super::calendar::{self, from_secs};
use super::plan::{Plan, Window};
use super::timeline::Timeline;
use super::{AvailabilityError, Location, Service, Slot, Therapist};

/// A qualified therapist's state during the sweep.
struct Lane {
    id: Uuid,
    /// `busy_until - start`: the duration plus the longer of the two buffers.
    occupies: i64,
    /// Schedule intervals as `(open, close)` seconds, grouped by plan day.
    windows: Vec<(i64, i64)>,
    /// `windows[by_day[d].0..by_day[d].1]` are the intervals on plan day `d`.
    by_day: Vec<(usize, usize)>,
    time_off: Timeline,
    busy: Timeline,
}

impl Lane {
    fn new(
        therapist: &Therapist,
        service: &Service,
        location: &Location,
        plan: &Plan,
        window: Window,
    ) -> Self {
        let buffer = service.cleanup_buffer_minutes.max(therapist.buffer_minutes);
        let occupies = (i64::from(service.duration_minutes) + i64::from(buffer)) * 60;
        let mut windows = Vec::new();
        let mut by_day = Vec::with_capacity(plan.days.len());
        for &date in &plan.days {
            let before = windows.len();
            windows.extend(
                therapist
                    .schedule
                    .iter()
                    .filter(|i| i.weekday == date.weekday())
                    .filter_map(|i| calendar::interval_secs(location.time_zone, date, i)),
            );
            by_day.push((before, windows.len()));
        }
        let reach = window.last + occupies;
        Self {
            id: therapist.id,
            occupies,
            windows,
            by_day,
            time_off: Timeline::new(&therapist.time_off, window.first, reach),
            busy: Timeline::new(&therapist.busy, window.first, reach),
        }
    }
}

/// The location's rooms, each with its own forward-only cursor; starts only grow during
/// the sweep, whichever therapist asks.
struct Rooms {
    ids: Vec<Uuid>,
    busy: Vec<Timeline>,
}

impl Rooms {
    fn first_free(&mut self, start: i64, until: i64) -> Option<Uuid> {
        let free = self
            .busy
            .iter_mut()
            .position(|room| !room.overlaps(start, until))?;
        self.ids.get(free).copied()
    }
}

pub(super) fn sweep(
    location: &Location,
    therapists: &[Therapist],
    service: &Service,
    plan: &Plan,
    window: Window,
) -> Result<Vec<Slot>, AvailabilityError> {
    let mut lanes: Vec<Lane> = therapists
        .iter()
        .filter(|t| t.qualified)
        .map(|t| Lane::new(t, service, location, plan, window))
        .collect();
    let needs_room = service.needs_room && !location.rooms.is_empty();
    let mut rooms = Rooms {
        ids: location.rooms.iter().map(|r| r.id).collect(),
        busy: Vec::new(),
    };
    if needs_room {
        let reach = lanes.iter().map(|l| l.occupies).max().unwrap_or(0) + window.last;
        rooms.busy = location
            .rooms
            .iter()
            .map(|r| Timeline::new(&r.busy, window.first, reach))
            .collect();
    }
    let duration = i64::from(service.duration_minutes) * 60;

    let mut slots = Vec::new();
    for start in &plan.starts {
        let at = start.at;
        let end = at + duration;
        for lane in &mut lanes {
            let (from, to) = lane.by_day.get(start.day).copied().unwrap_or_default();
            let scheduled = lane.windows.get(from..to).unwrap_or_default();
            if !scheduled
                .iter()
                .any(|&(open, close)| open <= at && end <= close)
            {
                continue;
            }
            let until = at + lane.occupies;
            if lane.time_off.overlaps(at, end) || lane.busy.overlaps(at, until) {
                continue;
            }
            let room = if needs_room {
                match rooms.first_free(at, until) {
                    Some(id) => Some(id),
                    None => continue,
                }
            } else {
                None
            };
            slots.push(Slot {
                starts_at: instant(at)?,
                ends_at: instant(end)?,
                busy_until: instant(until)?,
                therapist: lane.id,
                room,
            });
        }
    }
    Ok(slots)
}

fn instant(secs: i64) -> Result<DateTime<Utc>, AvailabilityError> {
    from_secs(secs).ok_or(AvailabilityError::OutOfRange)
}

//! A brute-force oracle written straight from the rules: walk every minute of the request,
//! read the location's clock, and apply each rule literally. It shares no code with the
//! implementation and uses the time zone only in the UTC → local direction.

use chrono::{Datelike, Timelike};

use super::*;

/// Everything one `free_slots` call is given.
#[derive(Debug, Clone)]
pub(super) struct Case {
    pub(super) location: Location,
    pub(super) therapists: Vec<Therapist>,
    pub(super) service: Service,
    pub(super) policy: Policy,
    pub(super) request: Request,
}

impl Case {
    pub(super) fn run(&self) -> Result<Vec<Slot>, AvailabilityError> {
        free_slots(
            &self.location,
            &self.therapists,
            &self.service,
            &self.policy,
            &self.request,
        )
    }
}

/// The location's clock, minute by minute, from three days before the request to three
/// days after it: enough to find any bound of any local date the request touches.
struct Clock {
    tz: Tz,
    minutes: Vec<DateTime<Utc>>,
    /// The latest wall-clock reading up to and including each minute.
    highest: Vec<NaiveDateTime>,
}

impl Clock {
    fn new(tz: Tz, request: &Request) -> Self {
        let mut at = floor_minute(request.from) - TimeDelta::days(3);
        let (mut minutes, mut highest) = (Vec::new(), Vec::<NaiveDateTime>::new());
        while at < request.to + TimeDelta::days(3) {
            let reading = at.with_timezone(&tz).naive_local();
            highest.push(highest.last().map_or(reading, |h| reading.max(*h)));
            minutes.push(at);
            at += TimeDelta::minutes(1);
        }
        Self {
            tz,
            minutes,
            highest,
        }
    }

    fn read(&self, at: DateTime<Utc>) -> NaiveDateTime {
        at.with_timezone(&self.tz).naive_local()
    }

    /// The first instant at which the clock reads `local` or later.
    fn first_reading(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        let i = self.highest.partition_point(|h| *h < local);
        self.minutes.get(i).copied()
    }
}

fn floor_minute(t: DateTime<Utc>) -> DateTime<Utc> {
    t.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap()
}

fn overlaps(start: DateTime<Utc>, end: DateTime<Utc>, span: &Span) -> bool {
    // An empty span blocks nothing, as an empty range in the database.
    span.start < span.end && start < span.end && span.start < end
}

pub(super) struct Oracle<'a> {
    case: &'a Case,
    clock: Clock,
}

impl<'a> Oracle<'a> {
    pub(super) fn new(case: &'a Case) -> Self {
        Self {
            case,
            clock: Clock::new(case.location.time_zone, &case.request),
        }
    }

    /// Every free slot, found by trying every minute of the request for every therapist.
    pub(super) fn all_slots(&self) -> Vec<Slot> {
        let mut slots = Vec::new();
        let mut at = floor_minute(self.case.request.from);
        while at < self.case.request.to {
            for t in &self.case.therapists {
                if let Ok(room) = self.check(at, t) {
                    slots.push(self.slot(at, t, room));
                }
            }
            at += TimeDelta::minutes(1);
        }
        slots
    }

    /// The slot starting `at` with `therapist` and `room`.
    pub(super) fn slot(
        &self,
        at: DateTime<Utc>,
        therapist: &Therapist,
        room: Option<Uuid>,
    ) -> Slot {
        let ends_at = at + self.duration();
        Slot {
            starts_at: at,
            ends_at,
            busy_until: ends_at + self.buffer(therapist),
            therapist: therapist.id,
            room,
        }
    }

    fn duration(&self) -> TimeDelta {
        TimeDelta::minutes(self.case.service.duration_minutes.into())
    }

    fn buffer(&self, therapist: &Therapist) -> TimeDelta {
        let minutes = self
            .case
            .service
            .cleanup_buffer_minutes
            .max(therapist.buffer_minutes);
        TimeDelta::minutes(minutes.into())
    }

    /// The room a slot at `at` with `therapist` takes, or the rule that rules it out.
    pub(super) fn check(
        &self,
        at: DateTime<Utc>,
        therapist: &Therapist,
    ) -> Result<Option<Uuid>, &'static str> {
        let Case {
            location,
            service,
            policy,
            request,
            ..
        } = self.case;
        let fail = |broken: bool, rule: &'static str| if broken { Err(rule) } else { Ok(()) };
        fail(!therapist.qualified, "qualified")?;
        fail(at < request.from || at >= request.to, "request range")?;
        fail(at < request.now + policy.lead_time, "lead time")?;
        fail(at > request.now + policy.horizon, "horizon")?;
        let local = self.clock.read(at);
        let minutes = local.time().num_seconds_from_midnight() / 60;
        fail(
            local.second() != 0 || !minutes.is_multiple_of(policy.step_minutes),
            "grid",
        )?;
        fail(
            self.clock.first_reading(local) != Some(at),
            "first occurrence",
        )?;
        let day = local.date();
        fail(
            location
                .closures
                .iter()
                .any(|c| c.first <= day && day <= c.last),
            "closure",
        )?;
        let end = at + self.duration();
        fail(!self.fits(&location.hours, day, at, end), "opening hours")?;
        fail(!self.fits(&therapist.schedule, day, at, end), "schedule")?;
        fail(
            therapist.time_off.iter().any(|s| overlaps(at, end, s)),
            "time off",
        )?;
        let until = end + self.buffer(therapist);
        fail(
            therapist.busy.iter().any(|s| overlaps(at, until, s)),
            "busy",
        )?;
        if !service.needs_room || location.rooms.is_empty() {
            return Ok(None);
        }
        let room = location
            .rooms
            .iter()
            .find(|r| !r.busy.iter().any(|s| overlaps(at, until, s)));
        room.map(|r| Some(r.id)).ok_or("room")
    }

    /// Whether `[start, end)` lies inside one of `intervals` on local date `day`.
    fn fits(
        &self,
        intervals: &[WeeklyInterval],
        day: NaiveDate,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> bool {
        intervals
            .iter()
            .filter(|i| i.weekday == day.weekday())
            .any(|i| {
                let open = self.clock.first_reading(day.and_time(i.opens));
                let close = self.clock.first_reading(day.and_time(i.closes));
                matches!((open, close), (Some(o), Some(c)) if o <= start && end <= c)
            })
    }
}

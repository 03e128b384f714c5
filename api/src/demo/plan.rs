//! Turns a clinic's data into concrete instants for "now": when each booking starts, was
//! made, and (for cancellations) was cancelled, and what it should end up as. Whether it
//! may be booked (schedule, hours, time off, qualification, overlaps) and whether a
//! cancellation is late are the booking rules' to say when the loader replays it.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use entity::enums::BookingStatus;
use sea_orm::DbErr;

use super::check;
use super::spec::{BookingSpec, ClinicSpec, LocationSpec, When};
use super::time::{add_days, add_minutes, clock, date};
use super::time::{invalid, local_to_utc, resolve, zone};

pub struct Plan {
    /// Per therapist (same order as the spec): `[starts_at, ends_at)` of the time off.
    pub time_off: Vec<Option<(DateTime<Utc>, DateTime<Utc>)>>,
    /// Per client (same order as the spec): the day of the next race.
    pub race_days: Vec<Option<NaiveDate>>,
    pub bookings: Vec<Planned>,
}

pub struct Planned {
    pub spec: &'static BookingSpec,
    pub starts_at: DateTime<Utc>,
    /// What the booking ends up as.
    pub status: BookingStatus,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl Planned {
    pub fn is_cancelled(&self) -> bool {
        self.cancelled_at.is_some()
    }
}

pub fn plan(clinic: &'static ClinicSpec, now: DateTime<Utc>) -> Result<Plan, DbErr> {
    check::catalogue(clinic)?;
    let tz = zone(clinic.time_zone)?;
    let today = now.with_timezone(&tz).date_naive();
    let mut time_off = Vec::with_capacity(clinic.therapists.len());
    for therapist in clinic.therapists {
        time_off.push(match &therapist.time_off {
            None => None,
            Some(off) => {
                let first = local_to_utc(tz, resolve(off.first, today)?, clock("00:00")?)?;
                let after = add_days(resolve(off.last, today)?, 1)?;
                Some((first, local_to_utc(tz, after, clock("00:00")?)?))
            }
        });
    }
    let race_days = clinic
        .clients
        .iter()
        .map(|c| {
            c.next_race
                .map(|(_, when)| resolve(when, today))
                .transpose()
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut plan = Plan {
        time_off,
        race_days,
        bookings: Vec::new(),
    };
    for spec in clinic.bookings {
        let planned = booking(clinic, spec, tz, today, now)?;
        plan.bookings.push(planned);
    }
    Ok(plan)
}

fn closed_on(location: &LocationSpec, day: NaiveDate) -> Result<bool, DbErr> {
    for (first, last, _) in location.closures {
        if date(first)? <= day && day <= date(last)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The booking's day; a relative one that falls in a closure moves a week further from today.
fn open_day(location: &LocationSpec, when: When, today: NaiveDate) -> Result<NaiveDate, DbErr> {
    let mut day = resolve(when, today)?;
    let step = match when {
        When::Week(weeks, _) if weeks < 0 => -7,
        When::Week(..) => 7,
        When::On(_) => 0,
    };
    for _ in 0..5 {
        if !closed_on(location, day)? {
            return Ok(day);
        }
        if step == 0 {
            break;
        }
        day = add_days(day, step)?;
    }
    Err(invalid(format!("{} is closed on {day}", location.name)))
}

fn booking(
    clinic: &'static ClinicSpec,
    spec: &'static BookingSpec,
    tz: Tz,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Planned, DbErr> {
    let what = format!("booking of {} with {}", spec.client, spec.therapist);
    let fail = |why: &str| invalid(format!("{what}: {why}"));
    let location = check::location(clinic, spec.location)?;
    check::therapist(clinic, spec.therapist)?;
    check::service(clinic, spec.service)?;
    check::named(clinic.clients, spec.client, |c| c.email, "client")?;
    let day = open_day(location, spec.day, today)?;
    let starts_at = local_to_utc(tz, day, clock(spec.at)?)?;
    let ends_at = add_minutes(starts_at, i64::from(spec.minutes))?;

    let status = match spec.status {
        BookingStatus::Pending | BookingStatus::Confirmed if starts_at <= now => {
            BookingStatus::Completed
        }
        BookingStatus::Completed | BookingStatus::NoShow if ends_at > now => {
            return Err(fail("completed or no-show, yet in the future"));
        }
        status => status,
    };
    let cancelled = matches!(
        status,
        BookingStatus::CancelledByClient | BookingStatus::CancelledByClinic
    );
    if cancelled != spec.cancellation_reason.is_some() {
        return Err(fail(
            "a cancellation needs a reason, and only a cancellation",
        ));
    }
    // Booked a week ahead (or now, for what is nearer), cancelled two hours before.
    let created_at = now.min(add_minutes(starts_at, -7 * 24 * 60)?);
    let cancelled_at = if cancelled {
        Some(now.min(add_minutes(starts_at, -120)?).max(created_at))
    } else {
        None
    };
    Ok(Planned {
        spec,
        starts_at,
        status,
        cancelled_at,
        created_at,
    })
}

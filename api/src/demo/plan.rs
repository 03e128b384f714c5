//! Turns a clinic's data into concrete instants for "now", checking every booking against
//! the rules the API enforces (schedule, hours, closures, time off, qualification, price,
//! no overlaps), so the database never sees a booking it would reject.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use entity::enums::BookingStatus;
use sea_orm::DbErr;

use super::check::{self, within};
use super::spec::{BookingSpec, ClinicSpec, Discount, LocationSpec, When};
use super::time::{add_days, add_minutes, busy_until, clock, clock_plus, date, instant};
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
    pub ends_at: DateTime<Utc>,
    pub busy_until: DateTime<Utc>,
    pub status: BookingStatus,
    pub list_price_minor: i64,
    pub discount_minor: i64,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub late_cancellation: bool,
    pub created_at: DateTime<Utc>,
}

impl Planned {
    /// Occupies the therapist and the room (cancelled bookings do not).
    pub fn is_active(&self) -> bool {
        !matches!(
            self.status,
            BookingStatus::CancelledByClient | BookingStatus::CancelledByClinic
        )
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
        let planned = booking(clinic, &plan, spec, tz, today, now)?;
        plan.bookings.push(planned);
    }
    no_overlaps(&plan.bookings)?;
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
    plan: &Plan,
    spec: &'static BookingSpec,
    tz: Tz,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Planned, DbErr> {
    let what = format!("booking of {} with {}", spec.client, spec.therapist);
    let fail = |why: &str| invalid(format!("{what}: {why}"));
    let location = check::location(clinic, spec.location)?;
    let therapist = check::therapist(clinic, spec.therapist)?;
    let service = check::service(clinic, spec.service)?;
    check::named(clinic.clients, spec.client, |c| c.email, "client")?;
    if service.archived || !therapist.specialties.contains(&service.modality) {
        return Err(fail("service archived or therapist not qualified"));
    }
    if spec
        .room
        .is_some_and(|room| !location.rooms.contains(&room))
    {
        return Err(fail("room is not at that location"));
    }
    let day = open_day(location, spec.day, today)?;
    let (from, to) = (clock(spec.at)?, clock_plus(clock(spec.at)?, spec.minutes)?);
    let shifts = therapist.shifts.iter().filter(|s| s.0 == spec.location);
    let in_schedule = within(shifts.map(|s| (s.1, s.2, s.3)), day.weekday(), from, to)?;
    if !in_schedule || !within(location.hours.iter().copied(), day.weekday(), from, to)? {
        return Err(fail("outside the therapist's schedule or opening hours"));
    }
    let starts_at = local_to_utc(tz, day, from)?;
    let ends_at = local_to_utc(tz, day, to)?;
    let position = clinic
        .therapists
        .iter()
        .position(|t| t.name == therapist.name);
    let time_off = position
        .and_then(|i| plan.time_off.get(i))
        .copied()
        .flatten();
    if time_off.is_some_and(|(off_from, off_to)| starts_at < off_to && off_from < ends_at) {
        return Err(fail("during the therapist's time off"));
    }
    let busy = busy_until(
        ends_at,
        service.cleanup_buffer_minutes,
        therapist.buffer_minutes,
    )?;

    let (list, discount) = price(clinic, spec, starts_at)?;

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
    let created_at = now.min(add_minutes(starts_at, -7 * 24 * 60)?);
    let cancelled_at = if cancelled {
        Some(now.min(add_minutes(starts_at, -120)?).max(created_at))
    } else {
        None
    };
    let cutoff = i64::from(clinic.cancellation_cutoff_minutes);
    let late_cancellation = status == BookingStatus::CancelledByClient
        && cancelled_at.is_some_and(|at| (starts_at - at).num_minutes() < cutoff);
    Ok(Planned {
        spec,
        starts_at,
        ends_at,
        busy_until: busy,
        status,
        list_price_minor: list,
        discount_minor: discount,
        cancelled_at,
        late_cancellation,
        created_at,
    })
}

/// The list price (the location's override, else the variant's) and the promotion's discount.
fn price(
    clinic: &ClinicSpec,
    spec: &BookingSpec,
    starts_at: DateTime<Utc>,
) -> Result<(i64, i64), DbErr> {
    let service = check::service(clinic, spec.service)?;
    let list = match clinic.price_overrides.iter().find(|o| {
        o.service == spec.service && o.minutes == spec.minutes && o.location == spec.location
    }) {
        Some(o) => o.price_minor,
        None => check::variant_price(service, spec.minutes)?,
    };
    let Some(name) = spec.promotion else {
        return Ok((list, 0));
    };
    let promotion = check::named(clinic.promotions, name, |p| p.name, "promotion")?;
    let applies = instant(promotion.starts_at)? <= starts_at
        && starts_at < instant(promotion.ends_at)?
        && (promotion.services.is_empty() || promotion.services.contains(&spec.service))
        && (promotion.locations.is_empty() || promotion.locations.contains(&spec.location))
        && promotion.min_spend_minor.is_none_or(|min| list >= min);
    if !applies {
        return Err(invalid(format!(
            "{name:?} does not apply to {}",
            spec.client
        )));
    }
    let discount = match promotion.discount {
        Discount::Percent(p) => (list * i64::from(p) + 50) / 100,
        Discount::Fixed(amount) => amount.min(list),
    };
    Ok((list, discount))
}

/// The database's overlap rule (per therapist and per room, `[starts_at, busy_until)`), and
/// common sense for clients (`[starts_at, ends_at)`), over the active bookings.
fn no_overlaps(bookings: &[Planned]) -> Result<(), DbErr> {
    let active: Vec<&Planned> = bookings.iter().filter(|b| b.is_active()).collect();
    for (i, a) in active.iter().enumerate() {
        for b in &active[i + 1..] {
            let (sa, sb) = (a.spec, b.spec);
            let busy = a.starts_at < b.busy_until && b.starts_at < a.busy_until;
            let same_room = sa.room.is_some() && sa.room == sb.room && sa.location == sb.location;
            let client =
                sa.client == sb.client && a.starts_at < b.ends_at && b.starts_at < a.ends_at;
            if (busy && (sa.therapist == sb.therapist || same_room)) || client {
                return Err(invalid(format!(
                    "bookings at {} and {} overlap",
                    a.starts_at, b.starts_at
                )));
            }
        }
    }
    Ok(())
}

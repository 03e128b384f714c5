//! Reads what availability needs for one location and one service: hours, closures,
//! rooms, the qualified therapists with their schedules, time off and bookings. The number
//! of statements is fixed: it does not grow with therapists, days or bookings.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use chrono_tz::Tz;
use entity::{
    booking, clinic,
    enums::{BookingStatus, Modality},
    location, location_closure, opening_hours, room, therapist, therapist_location,
    therapist_schedule, therapist_specialty, therapist_time_off,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::{Condition, Query},
};
use uuid::Uuid;

use super::availability::{self, Span, WeeklyInterval};
use crate::error::{ApiError, ApiResult};

/// Statuses that keep a therapist and a room busy (all but the cancelled ones); the same
/// list as the database's overlap rules.
pub const ACTIVE: [BookingStatus; 4] = [
    BookingStatus::Pending,
    BookingStatus::Confirmed,
    BookingStatus::Completed,
    BookingStatus::NoShow,
];

/// Busy spans reach past a slot's start by at most the session and its buffers; read this
/// much beyond the range so a booking that starts after `to` still blocks a late slot.
const LOOK_PAST: TimeDelta = TimeDelta::days(1);

/// Where and for what the slots are wanted.
#[derive(Clone, Copy, Debug)]
pub struct Scope {
    pub clinic_id: Uuid,
    pub location_id: Uuid,
    pub modality: Modality,
    pub requires_room: bool,
    /// Only this therapist, when named.
    pub therapist_id: Option<Uuid>,
    /// A booking being moved: its own time is not busy.
    pub moving: Option<Uuid>,
}

/// The location's calendar and its qualified therapists, in display order (name, id).
pub struct Calendar {
    pub zone: Tz,
    pub place: availability::Location,
    pub therapists: Vec<availability::Therapist>,
    pub profiles: Vec<therapist::Model>,
}

pub fn zone(location: &location::Model) -> ApiResult<Tz> {
    location.time_zone.parse::<Tz>().map_err(|_| {
        tracing::error!(location = %location.id, "stored time zone does not parse");
        ApiError::Internal
    })
}

/// The location's local date at `now`: the day a redemption is reported on.
pub fn today(location: &location::Model, now: DateTime<Utc>) -> ApiResult<NaiveDate> {
    Ok(now.with_timezone(&zone(location)?).date_naive())
}

pub fn policy(clinic: &clinic::Model) -> availability::Policy {
    availability::Policy {
        lead_time: TimeDelta::minutes(i64::from(clinic.booking_lead_minutes)),
        step_minutes: u32::try_from(clinic.slot_step_minutes).unwrap_or(15),
        horizon: TimeDelta::days(i64::from(clinic.booking_horizon_days)),
    }
}

/// Everything over `[from, to)` (plus what reaches into it).
pub async fn load(
    db: &impl ConnectionTrait,
    location: &location::Model,
    scope: Scope,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ApiResult<Calendar> {
    let zone = zone(location)?;
    let profiles = qualified_therapists(db, scope).await?;
    let ids: Vec<Uuid> = profiles.iter().map(|t| t.id).collect();
    let hours = opening_hours::Entity::find()
        .filter(opening_hours::Column::LocationId.eq(scope.location_id))
        .all(db)
        .await?;
    let (first_day, last_day) = (
        from.with_timezone(&zone).date_naive(),
        (to + LOOK_PAST).with_timezone(&zone).date_naive(),
    );
    let closures = location_closure::Entity::find()
        .filter(location_closure::Column::LocationId.eq(scope.location_id))
        .filter(location_closure::Column::EndsOn.gte(first_day))
        .filter(location_closure::Column::StartsOn.lte(last_day))
        .all(db)
        .await?;
    let rooms = if scope.requires_room {
        room::Entity::find()
            .filter(room::Column::LocationId.eq(scope.location_id))
            .order_by_asc(room::Column::Name)
            .order_by_asc(room::Column::Id)
            .all(db)
            .await?
    } else {
        Vec::new()
    };
    let room_ids: Vec<Uuid> = rooms.iter().map(|r| r.id).collect();
    let (schedules, time_off) = if ids.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        (
            therapist_schedule::Entity::find()
                .filter(therapist_schedule::Column::LocationId.eq(scope.location_id))
                .filter(therapist_schedule::Column::TherapistId.is_in(ids.clone()))
                .all(db)
                .await?,
            therapist_time_off::Entity::find()
                .filter(therapist_time_off::Column::TherapistId.is_in(ids.clone()))
                .filter(therapist_time_off::Column::EndsAt.gt(from))
                .filter(therapist_time_off::Column::StartsAt.lt(to + LOOK_PAST))
                .all(db)
                .await?,
        )
    };
    let busy = if ids.is_empty() {
        Vec::new()
    } else {
        let mut rows = booking::Entity::find();
        if let Some(moving) = scope.moving {
            rows = rows.filter(booking::Column::Id.ne(moving));
        }
        rows.filter(booking::Column::Status.is_in(ACTIVE))
            .filter(
                Condition::any()
                    .add(booking::Column::TherapistId.is_in(ids.clone()))
                    .add(booking::Column::RoomId.is_in(room_ids)),
            )
            .filter(booking::Column::BusyUntil.gt(from))
            .filter(booking::Column::StartsAt.lt(to + LOOK_PAST))
            .all(db)
            .await?
    };

    let span = |start, end| Span { start, end };
    let place = availability::Location {
        time_zone: zone,
        hours: hours
            .iter()
            .filter_map(|h| weekly(h.weekday, h.opens_at, h.closes_at))
            .collect(),
        closures: closures
            .iter()
            .map(|c| availability::Closure {
                first: c.starts_on,
                last: c.ends_on,
            })
            .collect(),
        rooms: rooms
            .iter()
            .map(|r| availability::Room {
                id: r.id,
                busy: busy
                    .iter()
                    .filter(|b| b.room_id == Some(r.id))
                    .map(|b| span(b.starts_at, b.busy_until))
                    .collect(),
            })
            .collect(),
    };
    let therapists = profiles
        .iter()
        .map(|t| availability::Therapist {
            id: t.id,
            qualified: true,
            buffer_minutes: u32::try_from(t.buffer_minutes).unwrap_or(0),
            schedule: schedules
                .iter()
                .filter(|s| s.therapist_id == t.id)
                .filter_map(|s| weekly(s.weekday, s.starts_at, s.ends_at))
                .collect(),
            time_off: time_off
                .iter()
                .filter(|o| o.therapist_id == t.id)
                .map(|o| span(o.starts_at, o.ends_at))
                .collect(),
            busy: busy
                .iter()
                .filter(|b| b.therapist_id == t.id)
                .map(|b| span(b.starts_at, b.busy_until))
                .collect(),
        })
        .collect();
    Ok(Calendar {
        zone,
        place,
        therapists,
        profiles,
    })
}

/// Active therapists of the clinic who work at the location and practise the modality.
async fn qualified_therapists(
    db: &impl ConnectionTrait,
    scope: Scope,
) -> ApiResult<Vec<therapist::Model>> {
    let working_there = Query::select()
        .column(therapist_location::Column::TherapistId)
        .from(therapist_location::Entity)
        .and_where(therapist_location::Column::LocationId.eq(scope.location_id))
        .to_owned();
    let specialists = Query::select()
        .column(therapist_specialty::Column::TherapistId)
        .from(therapist_specialty::Entity)
        .and_where(therapist_specialty::Column::Modality.eq(scope.modality))
        .to_owned();
    let mut rows = therapist::Entity::find()
        .filter(therapist::Column::ClinicId.eq(scope.clinic_id))
        .filter(therapist::Column::Active.eq(true))
        .filter(therapist::Column::Id.in_subquery(working_there))
        .filter(therapist::Column::Id.in_subquery(specialists));
    if let Some(id) = scope.therapist_id {
        rows = rows.filter(therapist::Column::Id.eq(id));
    }
    Ok(rows
        .order_by_asc(therapist::Column::Name)
        .order_by_asc(therapist::Column::Id)
        .all(db)
        .await?)
}

/// A stored weekly interval (ISO weekday 1–7); a row the checks should have refused is
/// skipped rather than trusted.
fn weekly(weekday: i32, opens: NaiveTime, closes: NaiveTime) -> Option<WeeklyInterval> {
    let index = u8::try_from(weekday.checked_sub(1)?).ok()?;
    let weekday = chrono::Weekday::try_from(index).ok()?;
    (opens < closes).then_some(WeeklyInterval {
        weekday,
        opens,
        closes,
    })
}

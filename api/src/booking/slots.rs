//! Free start times for a service at a location: the calendar read in a fixed number of
//! statements, then the pure computation.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use chrono_tz::Tz;
use entity::therapist;
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::{
    availability::{self, MAX_RANGE_DAYS, Slot},
    calendar::{self, Scope},
    target::Target,
};
use crate::error::{ApiError, ApiResult};

/// `[from, to)`, at most `MAX_RANGE_DAYS` long.
#[derive(Clone, Copy, Debug)]
pub struct Range {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

impl Range {
    pub fn new(from: DateTime<Utc>, to: DateTime<Utc>) -> ApiResult<Self> {
        if to <= from {
            return Err(ApiError::validation("to", "`to` must be after `from`"));
        }
        if to - from > TimeDelta::days(MAX_RANGE_DAYS) {
            return Err(ApiError::validation(
                "to",
                format!("ask for at most {MAX_RANGE_DAYS} days at a time"),
            ));
        }
        Ok(Self { from, to })
    }
}

/// The range is checked at the edge (`Range::new`), so an error here means stored data the
/// database's checks should have refused (an empty interval, a zero duration).
pub fn unusable(error: availability::AvailabilityError) -> ApiError {
    tracing::error!(%error, "stored calendar data cannot be used");
    ApiError::Internal
}

/// The session a target books, for the pure computation.
pub fn need(target: &Target) -> availability::Service {
    availability::Service {
        duration_minutes: u32::try_from(target.variant.duration_minutes).unwrap_or(0),
        cleanup_buffer_minutes: u32::try_from(target.service.cleanup_buffer_minutes).unwrap_or(0),
        needs_room: target.service.requires_room,
    }
}

pub fn scope(target: &Target, therapist_id: Option<Uuid>) -> Scope {
    Scope {
        clinic_id: target.clinic.id,
        location_id: target.location.id,
        modality: target.service.modality,
        requires_room: target.service.requires_room,
        therapist_id,
        moving: None,
    }
}

/// Free slots, with the location's zone and the profiles of the therapists they name.
pub struct Free {
    pub slots: Vec<Slot>,
    pub zone: Tz,
    pub therapists: HashMap<Uuid, therapist::Model>,
}

/// The free slots over the range, only on the local dates of `window` when given.
pub async fn free(
    db: &impl ConnectionTrait,
    target: &Target,
    therapist_id: Option<Uuid>,
    range: Range,
    window: Option<(NaiveDate, NaiveDate)>,
    now: DateTime<Utc>,
) -> ApiResult<Free> {
    let calendar = calendar::load(
        db,
        &target.location,
        scope(target, therapist_id),
        range.from,
        range.to,
    )
    .await?;
    let request = availability::Request {
        from: range.from,
        to: range.to,
        now,
    };
    let mut slots = availability::free_slots(
        &calendar.place,
        &calendar.therapists,
        &need(target),
        &calendar::policy(&target.clinic),
        &request,
    )
    .map_err(unusable)?;
    if let Some((first, last)) = window {
        let zone = calendar.zone;
        slots.retain(|slot| {
            let day = slot.starts_at.with_timezone(&zone).date_naive();
            first <= day && day <= last
        });
    }
    Ok(Free {
        slots,
        zone: calendar.zone,
        therapists: calendar.profiles.into_iter().map(|t| (t.id, t)).collect(),
    })
}

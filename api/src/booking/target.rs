//! What a booking is for: a bookable service of a clinic, at one of its locations, in one
//! of its durations. Shared by `availableSlots`, `createBooking` and the series.

use entity::{clinic, location, service, service_variant};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};

pub struct Target {
    pub clinic: clinic::Model,
    pub location: location::Model,
    pub service: service::Model,
    pub variant: service_variant::Model,
}

/// The service at the location in the given duration (the shortest when none is given).
pub async fn find(
    db: &impl ConnectionTrait,
    service_id: Uuid,
    location_id: Uuid,
    duration_minutes: Option<i32>,
) -> ApiResult<Target> {
    let service = crate::service::rules::find(db, service_id).await?;
    if service.archived_at.is_some() {
        return Err(ApiError::Validation {
            field: "serviceId".into(),
            message: "the service is no longer offered".into(),
            reason: Some("ARCHIVED"),
        });
    }
    let (location, clinic) = location::Entity::find_by_id(location_id)
        .find_also_related(clinic::Entity)
        .one(db)
        .await?
        .and_then(|(location, clinic)| Some((location, clinic?)))
        .ok_or(ApiError::not_found("location"))?;
    if location.clinic_id != service.clinic_id {
        return Err(ApiError::Validation {
            field: "locationId".into(),
            message: "the location belongs to another clinic than the service".into(),
            reason: Some("OTHER_CLINIC"),
        });
    }
    let mut variants = service_variant::Entity::find()
        .filter(service_variant::Column::ServiceId.eq(service.id))
        .order_by_asc(service_variant::Column::DurationMinutes);
    if let Some(minutes) = duration_minutes {
        variants = variants.filter(service_variant::Column::DurationMinutes.eq(minutes));
    }
    let variant = variants.one(db).await?.ok_or_else(|| {
        ApiError::validation(
            "durationMinutes",
            "the service is not offered in this duration",
        )
    })?;
    Ok(Target {
        clinic,
        location,
        service,
        variant,
    })
}

/// What an existing booking is for (its service may have been archived since).
pub async fn of_booking(
    db: &impl ConnectionTrait,
    booking: &entity::booking::Model,
) -> ApiResult<Target> {
    let service = crate::service::rules::find(db, booking.service_id).await?;
    let (location, clinic) = location::Entity::find_by_id(booking.location_id)
        .find_also_related(clinic::Entity)
        .one(db)
        .await?
        .and_then(|(location, clinic)| Some((location, clinic?)))
        .ok_or(ApiError::not_found("location"))?;
    let variant = service_variant::Entity::find_by_id(booking.service_variant_id)
        .one(db)
        .await?
        .ok_or(ApiError::not_found("variant"))?;
    Ok(Target {
        clinic,
        location,
        service,
        variant,
    })
}

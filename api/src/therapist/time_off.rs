//! Time off: dated ranges when a therapist takes no bookings.

use chrono::{DateTime, Utc};
use entity::{therapist, therapist_time_off};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, ModelTrait, Set};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};

pub async fn add(
    db: &impl ConnectionTrait,
    therapist_id: Uuid,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    reason: String,
) -> ApiResult<therapist_time_off::Model> {
    Ok(therapist_time_off::ActiveModel {
        id: Set(Uuid::new_v4()),
        therapist_id: Set(therapist_id),
        starts_at: Set(starts_at),
        ends_at: Set(ends_at),
        reason: Set(reason),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?)
}

/// The time off with its therapist, whose clinic decides who may remove it.
pub async fn find(
    db: &impl ConnectionTrait,
    time_off_id: Uuid,
) -> ApiResult<(therapist_time_off::Model, therapist::Model)> {
    match therapist_time_off::Entity::find_by_id(time_off_id)
        .find_also_related(therapist::Entity)
        .one(db)
        .await?
    {
        Some((time_off, Some(therapist))) => Ok((time_off, therapist)),
        _ => Err(ApiError::not_found("time off")),
    }
}

pub async fn remove(
    db: &impl ConnectionTrait,
    time_off: therapist_time_off::Model,
) -> ApiResult<()> {
    time_off.delete(db).await?;
    Ok(())
}

//! Time off: dated ranges when a therapist takes no bookings.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use chrono::{DateTime, Utc};
use entity::{therapist, therapist_time_off};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, ModelTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use crate::{
    error::{ApiError, ApiResult},
    graphql::loader::Store,
};

pub async fn add(
    db: &DatabaseConnection,
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

pub async fn find(
    db: &DatabaseConnection,
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

pub async fn remove(db: &DatabaseConnection, time_off: therapist_time_off::Model) -> ApiResult<()> {
    time_off.delete(db).await?;
    Ok(())
}

/// A therapist's time off overlapping `[from, to)`, earliest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimeOffBetween {
    pub therapist_id: Uuid,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

impl Loader<TimeOffBetween> for Store {
    type Value = Vec<therapist_time_off::Model>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[TimeOffBetween],
    ) -> Result<HashMap<TimeOffBetween, Self::Value>, ApiError> {
        // One statement for the whole batch: the union of the ranges, split up below.
        let (Some(from), Some(to)) = (
            keys.iter().map(|k| k.from).min(),
            keys.iter().map(|k| k.to).max(),
        ) else {
            return Ok(HashMap::new());
        };
        let rows = therapist_time_off::Entity::find()
            .filter(
                therapist_time_off::Column::TherapistId.is_in(keys.iter().map(|k| k.therapist_id)),
            )
            .filter(therapist_time_off::Column::StartsAt.lt(to))
            .filter(therapist_time_off::Column::EndsAt.gt(from))
            .order_by_asc(therapist_time_off::Column::StartsAt)
            .order_by_asc(therapist_time_off::Column::Id)
            .all(&self.db)
            .await?;
        Ok(keys
            .iter()
            .map(|key| {
                let overlapping = rows
                    .iter()
                    .filter(|r| {
                        r.therapist_id == key.therapist_id
                            && r.starts_at < key.to
                            && r.ends_at > key.from
                    })
                    .cloned()
                    .collect();
                (*key, overlapping)
            })
            .collect())
    }
}

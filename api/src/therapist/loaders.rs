use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use chrono::{DateTime, Utc};
use entity::{
    enums::Modality, therapist, therapist_schedule, therapist_specialty, therapist_time_off,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::{
    error::ApiError,
    graphql::loader::{Store, group, index},
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TherapistById(pub Uuid);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SpecialtiesOfTherapist(pub Uuid);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ScheduleOfTherapist(pub Uuid);

impl Loader<TherapistById> for Store {
    type Value = therapist::Model;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[TherapistById],
    ) -> Result<HashMap<TherapistById, Self::Value>, ApiError> {
        let rows = therapist::Entity::find()
            .filter(therapist::Column::Id.is_in(keys.iter().map(|k| k.0)))
            .all(&self.db)
            .await?;
        Ok(index(rows, |row| TherapistById(row.id)))
    }
}

impl Loader<SpecialtiesOfTherapist> for Store {
    type Value = Vec<Modality>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[SpecialtiesOfTherapist],
    ) -> Result<HashMap<SpecialtiesOfTherapist, Self::Value>, ApiError> {
        let rows = therapist_specialty::Entity::find()
            .filter(therapist_specialty::Column::TherapistId.is_in(keys.iter().map(|k| k.0)))
            .order_by_asc(therapist_specialty::Column::Modality)
            .all(&self.db)
            .await?;
        let groups = group(rows, |row| SpecialtiesOfTherapist(row.therapist_id));
        Ok(groups
            .into_iter()
            .map(|(key, rows)| (key, rows.into_iter().map(|r| r.modality).collect()))
            .collect())
    }
}

impl Loader<ScheduleOfTherapist> for Store {
    type Value = Vec<therapist_schedule::Model>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[ScheduleOfTherapist],
    ) -> Result<HashMap<ScheduleOfTherapist, Self::Value>, ApiError> {
        let rows = therapist_schedule::Entity::find()
            .filter(therapist_schedule::Column::TherapistId.is_in(keys.iter().map(|k| k.0)))
            .order_by_asc(therapist_schedule::Column::Weekday)
            .order_by_asc(therapist_schedule::Column::StartsAt)
            .all(&self.db)
            .await?;
        Ok(group(rows, |row| ScheduleOfTherapist(row.therapist_id)))
    }
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

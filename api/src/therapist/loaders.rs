use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use chrono::{DateTime, Utc};
use entity::{
    enums::Modality, therapist, therapist_location, therapist_schedule, therapist_specialty,
    therapist_time_off,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::{
    error::ApiError,
    graphql::loader::{Store, group, index},
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TherapistById(pub Uuid);

/// Active therapists of a clinic, by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TherapistsOfClinic(pub Uuid);

/// Every therapist of a clinic, deactivated ones too, by name: the staff's view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EveryTherapistOfClinic(pub Uuid);

/// Every therapist who works at a location, deactivated ones too, by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EveryTherapistAtLocation(pub Uuid);

/// Active therapists who work at a location, by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TherapistsAtLocation(pub Uuid);

/// Location IDs a therapist works at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LocationsOfTherapist(pub Uuid);

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

/// The active therapists of each group, keyed anew.
fn active_only<K, A: Eq + std::hash::Hash>(
    groups: HashMap<K, Vec<therapist::Model>>,
    key: impl Fn(K) -> A,
) -> HashMap<A, Vec<therapist::Model>> {
    groups
        .into_iter()
        .map(|(k, rows)| (key(k), rows.into_iter().filter(|t| t.active).collect()))
        .collect()
}

impl Loader<TherapistsOfClinic> for Store {
    type Value = Vec<therapist::Model>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[TherapistsOfClinic],
    ) -> Result<HashMap<TherapistsOfClinic, Self::Value>, ApiError> {
        let every: Vec<_> = keys.iter().map(|k| EveryTherapistOfClinic(k.0)).collect();
        let groups = Loader::<EveryTherapistOfClinic>::load(self, &every).await?;
        Ok(active_only(groups, |k| TherapistsOfClinic(k.0)))
    }
}

impl Loader<EveryTherapistOfClinic> for Store {
    type Value = Vec<therapist::Model>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[EveryTherapistOfClinic],
    ) -> Result<HashMap<EveryTherapistOfClinic, Self::Value>, ApiError> {
        let rows = therapist::Entity::find()
            .filter(therapist::Column::ClinicId.is_in(keys.iter().map(|k| k.0)))
            .order_by_asc(therapist::Column::Name)
            .order_by_asc(therapist::Column::Id)
            .all(&self.db)
            .await?;
        Ok(group(rows, |row| EveryTherapistOfClinic(row.clinic_id)))
    }
}

impl Loader<TherapistsAtLocation> for Store {
    type Value = Vec<therapist::Model>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[TherapistsAtLocation],
    ) -> Result<HashMap<TherapistsAtLocation, Self::Value>, ApiError> {
        let every: Vec<_> = keys.iter().map(|k| EveryTherapistAtLocation(k.0)).collect();
        let groups = Loader::<EveryTherapistAtLocation>::load(self, &every).await?;
        Ok(active_only(groups, |k| TherapistsAtLocation(k.0)))
    }
}

impl Loader<EveryTherapistAtLocation> for Store {
    type Value = Vec<therapist::Model>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[EveryTherapistAtLocation],
    ) -> Result<HashMap<EveryTherapistAtLocation, Self::Value>, ApiError> {
        let links = therapist_location::Entity::find()
            .filter(therapist_location::Column::LocationId.is_in(keys.iter().map(|k| k.0)))
            .all(&self.db)
            .await?;
        let therapists = therapist::Entity::find()
            .filter(therapist::Column::Id.is_in(links.iter().map(|l| l.therapist_id)))
            .order_by_asc(therapist::Column::Name)
            .order_by_asc(therapist::Column::Id)
            .all(&self.db)
            .await?;
        let mut result: HashMap<EveryTherapistAtLocation, Self::Value> = HashMap::new();
        for therapist in therapists {
            for link in links.iter().filter(|l| l.therapist_id == therapist.id) {
                result
                    .entry(EveryTherapistAtLocation(link.location_id))
                    .or_default()
                    .push(therapist.clone());
            }
        }
        Ok(result)
    }
}

impl Loader<LocationsOfTherapist> for Store {
    type Value = Vec<Uuid>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[LocationsOfTherapist],
    ) -> Result<HashMap<LocationsOfTherapist, Self::Value>, ApiError> {
        let links = therapist_location::Entity::find()
            .filter(therapist_location::Column::TherapistId.is_in(keys.iter().map(|k| k.0)))
            .all(&self.db)
            .await?;
        let groups = group(links, |link| LocationsOfTherapist(link.therapist_id));
        Ok(groups
            .into_iter()
            .map(|(key, links)| (key, links.into_iter().map(|l| l.location_id).collect()))
            .collect())
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

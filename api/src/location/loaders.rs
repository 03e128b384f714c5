use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use entity::{location, location_closure, opening_hours, room};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::{
    error::ApiError,
    graphql::loader::{Store, group, index},
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LocationById(pub Uuid);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OpeningHoursOfLocation(pub Uuid);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClosuresOfLocation(pub Uuid);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RoomsOfLocation(pub Uuid);

impl Loader<LocationById> for Store {
    type Value = location::Model;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[LocationById],
    ) -> Result<HashMap<LocationById, Self::Value>, ApiError> {
        let rows = location::Entity::find()
            .filter(location::Column::Id.is_in(keys.iter().map(|k| k.0)))
            .all(&self.db)
            .await?;
        Ok(index(rows, |row| LocationById(row.id)))
    }
}

impl Loader<OpeningHoursOfLocation> for Store {
    type Value = Vec<opening_hours::Model>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[OpeningHoursOfLocation],
    ) -> Result<HashMap<OpeningHoursOfLocation, Self::Value>, ApiError> {
        let rows = opening_hours::Entity::find()
            .filter(opening_hours::Column::LocationId.is_in(keys.iter().map(|k| k.0)))
            .order_by_asc(opening_hours::Column::Weekday)
            .order_by_asc(opening_hours::Column::OpensAt)
            .all(&self.db)
            .await?;
        Ok(group(rows, |row| OpeningHoursOfLocation(row.location_id)))
    }
}

impl Loader<ClosuresOfLocation> for Store {
    type Value = Vec<location_closure::Model>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[ClosuresOfLocation],
    ) -> Result<HashMap<ClosuresOfLocation, Self::Value>, ApiError> {
        let rows = location_closure::Entity::find()
            .filter(location_closure::Column::LocationId.is_in(keys.iter().map(|k| k.0)))
            .order_by_asc(location_closure::Column::StartsOn)
            .order_by_asc(location_closure::Column::Id)
            .all(&self.db)
            .await?;
        Ok(group(rows, |row| ClosuresOfLocation(row.location_id)))
    }
}

impl Loader<RoomsOfLocation> for Store {
    type Value = Vec<room::Model>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[RoomsOfLocation],
    ) -> Result<HashMap<RoomsOfLocation, Self::Value>, ApiError> {
        let rows = room::Entity::find()
            .filter(room::Column::LocationId.is_in(keys.iter().map(|k| k.0)))
            .order_by_asc(room::Column::Name)
            .all(&self.db)
            .await?;
        Ok(group(rows, |row| RoomsOfLocation(row.location_id)))
    }
}

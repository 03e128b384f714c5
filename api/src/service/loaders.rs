use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use entity::{service, service_price_override, service_variant};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::{
    error::ApiError,
    graphql::loader::{Store, group, index},
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ServiceById(pub Uuid);

/// A service's variants, shortest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct VariantsOfService(pub Uuid);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct VariantById(pub Uuid);

/// The price of a variant at one location, where it differs from the list price.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PriceOverride {
    pub variant_id: Uuid,
    pub location_id: Uuid,
}

impl Loader<ServiceById> for Store {
    type Value = service::Model;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[ServiceById],
    ) -> Result<HashMap<ServiceById, Self::Value>, ApiError> {
        let rows = service::Entity::find()
            .filter(service::Column::Id.is_in(keys.iter().map(|k| k.0)))
            .all(&self.db)
            .await?;
        Ok(index(rows, |row| ServiceById(row.id)))
    }
}

impl Loader<VariantsOfService> for Store {
    type Value = Vec<service_variant::Model>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[VariantsOfService],
    ) -> Result<HashMap<VariantsOfService, Self::Value>, ApiError> {
        let rows = service_variant::Entity::find()
            .filter(service_variant::Column::ServiceId.is_in(keys.iter().map(|k| k.0)))
            .order_by_asc(service_variant::Column::DurationMinutes)
            .all(&self.db)
            .await?;
        Ok(group(rows, |row| VariantsOfService(row.service_id)))
    }
}

impl Loader<VariantById> for Store {
    type Value = service_variant::Model;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[VariantById],
    ) -> Result<HashMap<VariantById, Self::Value>, ApiError> {
        let rows = service_variant::Entity::find()
            .filter(service_variant::Column::Id.is_in(keys.iter().map(|k| k.0)))
            .all(&self.db)
            .await?;
        Ok(index(rows, |row| VariantById(row.id)))
    }
}

impl Loader<PriceOverride> for Store {
    type Value = service_price_override::Model;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[PriceOverride],
    ) -> Result<HashMap<PriceOverride, Self::Value>, ApiError> {
        // Over-fetches the cross product of the asked variants and locations, then keeps
        // the pairs that were asked for: still one statement per batch.
        let rows = service_price_override::Entity::find()
            .filter(
                service_price_override::Column::ServiceVariantId
                    .is_in(keys.iter().map(|k| k.variant_id)),
            )
            .filter(
                service_price_override::Column::LocationId
                    .is_in(keys.iter().map(|k| k.location_id)),
            )
            .all(&self.db)
            .await?;
        Ok(index(rows, |row| PriceOverride {
            variant_id: row.service_variant_id,
            location_id: row.location_id,
        })
        .into_iter()
        .filter(|(key, _)| keys.contains(key))
        .collect())
    }
}

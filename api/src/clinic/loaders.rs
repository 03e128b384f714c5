use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use entity::clinic;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::{
    error::ApiError,
    graphql::loader::{Store, index},
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClinicById(pub Uuid);

impl Loader<ClinicById> for Store {
    type Value = clinic::Model;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[ClinicById],
    ) -> Result<HashMap<ClinicById, Self::Value>, ApiError> {
        let rows = clinic::Entity::find()
            .filter(clinic::Column::Id.is_in(keys.iter().map(|k| k.0)))
            .all(&self.db)
            .await?;
        Ok(index(rows, |row| ClinicById(row.id)))
    }
}

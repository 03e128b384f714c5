use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use entity::{app_user, role_grant};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::{
    error::ApiError,
    graphql::loader::{Store, group, index},
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct UserById(pub Uuid);

/// Every grant a user holds, oldest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GrantsOfUser(pub Uuid);

/// Every grant scoped to a clinic, oldest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GrantsOfClinic(pub Uuid);

impl Loader<UserById> for Store {
    type Value = app_user::Model;
    type Error = ApiError;

    async fn load(&self, keys: &[UserById]) -> Result<HashMap<UserById, Self::Value>, ApiError> {
        let rows = app_user::Entity::find()
            .filter(app_user::Column::Id.is_in(keys.iter().map(|k| k.0)))
            .all(&self.db)
            .await?;
        Ok(index(rows, |row| UserById(row.id)))
    }
}

impl Loader<GrantsOfUser> for Store {
    type Value = Vec<role_grant::Model>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[GrantsOfUser],
    ) -> Result<HashMap<GrantsOfUser, Self::Value>, ApiError> {
        let rows = role_grant::Entity::find()
            .filter(role_grant::Column::UserId.is_in(keys.iter().map(|k| k.0)))
            .order_by_asc(role_grant::Column::CreatedAt)
            .order_by_asc(role_grant::Column::Id)
            .all(&self.db)
            .await?;
        Ok(group(rows, |row| GrantsOfUser(row.user_id)))
    }
}

impl Loader<GrantsOfClinic> for Store {
    type Value = Vec<role_grant::Model>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[GrantsOfClinic],
    ) -> Result<HashMap<GrantsOfClinic, Self::Value>, ApiError> {
        let rows = role_grant::Entity::find()
            .filter(role_grant::Column::ClinicId.is_in(keys.iter().map(|k| k.0)))
            .order_by_asc(role_grant::Column::CreatedAt)
            .order_by_asc(role_grant::Column::Id)
            .all(&self.db)
            .await?;
        // The filter above leaves only rows with a clinic.
        Ok(group(rows, |row| {
            GrantsOfClinic(row.clinic_id.unwrap_or_default())
        }))
    }
}

//! Batch loaders for what a page of promotions shows per promotion: its scope and its
//! redemptions, each in one statement for the whole page.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use entity::{promotion_location, promotion_redemption, promotion_service};
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter, QuerySelect,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use crate::{error::ApiError, graphql::loader::Store};

/// The services (`.0`) and locations (`.1`) a promotion is limited to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ScopeOfPromotion(pub Uuid);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RedemptionsOfPromotion(pub Uuid);

impl Loader<ScopeOfPromotion> for Store {
    type Value = (Vec<Uuid>, Vec<Uuid>);
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[ScopeOfPromotion],
    ) -> Result<HashMap<ScopeOfPromotion, Self::Value>, ApiError> {
        let ids = keys.iter().map(|k| k.0);
        let services = promotion_service::Entity::find()
            .filter(promotion_service::Column::PromotionId.is_in(ids.clone()))
            .all(&self.db)
            .await?;
        let locations = promotion_location::Entity::find()
            .filter(promotion_location::Column::PromotionId.is_in(ids))
            .all(&self.db)
            .await?;
        let mut found: HashMap<ScopeOfPromotion, Self::Value> = HashMap::new();
        for row in services {
            let entry = found.entry(ScopeOfPromotion(row.promotion_id)).or_default();
            entry.0.push(row.service_id);
        }
        for row in locations {
            let entry = found.entry(ScopeOfPromotion(row.promotion_id)).or_default();
            entry.1.push(row.location_id);
        }
        for scope in found.values_mut() {
            scope.0.sort_unstable();
            scope.1.sort_unstable();
        }
        Ok(found)
    }
}

impl Loader<RedemptionsOfPromotion> for Store {
    type Value = u64;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[RedemptionsOfPromotion],
    ) -> Result<HashMap<RedemptionsOfPromotion, u64>, ApiError> {
        use promotion_redemption::Column;
        let rows: Vec<(Uuid, i64)> = promotion_redemption::Entity::find()
            .select_only()
            .column(Column::PromotionId)
            .column_as(Expr::col(Column::Id).count(), "redemptions")
            .filter(Column::PromotionId.is_in(keys.iter().map(|k| k.0)))
            .group_by(Column::PromotionId)
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(id, n)| (RedemptionsOfPromotion(id), u64::try_from(n).unwrap_or(0)))
            .collect())
    }
}

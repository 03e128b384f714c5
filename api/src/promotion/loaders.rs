//! What a page shows per promotion (its scope) or per booking (its redemptions), loaded
//! for the whole page at once.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use entity::{promotion, promotion_location, promotion_redemption, promotion_service};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::{error::ApiError, graphql::loader::Store};

/// A booking's redemptions, each with its promotion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RedemptionsOfBooking(pub Uuid);

impl Loader<RedemptionsOfBooking> for Store {
    type Value = Vec<(promotion_redemption::Model, promotion::Model)>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[RedemptionsOfBooking],
    ) -> Result<HashMap<RedemptionsOfBooking, Self::Value>, ApiError> {
        let rows = promotion_redemption::Entity::find()
            .find_also_related(promotion::Entity)
            .filter(promotion_redemption::Column::BookingId.is_in(keys.iter().map(|k| k.0)))
            .all(&self.db)
            .await?;
        let mut found: HashMap<RedemptionsOfBooking, Self::Value> = HashMap::new();
        for (redemption, promotion) in rows {
            if let Some(promotion) = promotion {
                found
                    .entry(RedemptionsOfBooking(redemption.booking_id))
                    .or_default()
                    .push((redemption, promotion));
            }
        }
        Ok(found)
    }
}

/// The services (`.0`) and locations (`.1`) a promotion is limited to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ScopeOfPromotion(pub Uuid);

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

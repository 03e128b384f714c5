//! What a booking costs before any promotion: the location's override of the variant's
//! price, else the variant's list price. `promotion::charge` takes this list price and
//! returns the charge.

use entity::{service_price_override, service_variant};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::error::ApiResult;

/// What the client pays, in the currency's minor units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Charge {
    pub list_minor: i64,
    pub discount_minor: i64,
    pub currency: String,
}

impl Charge {
    pub fn final_minor(&self) -> i64 {
        self.list_minor - self.discount_minor
    }
}

pub async fn list_price(
    db: &impl ConnectionTrait,
    variant: &service_variant::Model,
    location_id: Uuid,
) -> ApiResult<Charge> {
    let location_price = service_price_override::Entity::find()
        .filter(service_price_override::Column::ServiceVariantId.eq(variant.id))
        .filter(service_price_override::Column::LocationId.eq(location_id))
        .one(db)
        .await?;
    let (list_minor, currency) = match location_price {
        Some(row) => (row.price_minor, row.currency),
        None => (variant.price_minor, variant.currency.clone()),
    };
    Ok(Charge {
        list_minor,
        discount_minor: 0,
        currency,
    })
}

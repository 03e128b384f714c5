//! Service catalogue rules: plain functions over a connection, called by the resolvers
//! once the caller is authorized and the input validated. Those that write more than one
//! row run on the caller's transaction.

use std::collections::HashMap;

use chrono::Utc;
use entity::{clinic, enums::Modality, service, service_price_override, service_variant};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    sea_query::OnConflict,
};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult, conflict_if_in_use};

pub async fn find(db: &impl ConnectionTrait, service_id: Uuid) -> ApiResult<service::Model> {
    service::Entity::find_by_id(service_id)
        .one(db)
        .await?
        .ok_or(ApiError::not_found("service"))
}

/// The variant with its service (whose clinic decides who may edit it).
pub async fn find_variant(
    db: &impl ConnectionTrait,
    variant_id: Uuid,
) -> ApiResult<(service_variant::Model, service::Model)> {
    let variant = service_variant::Entity::find_by_id(variant_id)
        .one(db)
        .await?
        .ok_or(ApiError::not_found("variant"))?;
    let service = service::Entity::find_by_id(variant.service_id)
        .one(db)
        .await?
        .ok_or(ApiError::not_found("variant"))?;
    Ok((variant, service))
}

/// A service's validated details (everything but its variants).
pub struct Details {
    pub name: String,
    pub description: String,
    pub modality: Modality,
    pub cleanup_buffer_minutes: i32,
    pub requires_room: bool,
}

impl Details {
    pub fn of(service: &service::Model) -> Self {
        Self {
            name: service.name.clone(),
            description: service.description.clone(),
            modality: service.modality,
            cleanup_buffer_minutes: service.cleanup_buffer_minutes,
            requires_room: service.requires_room,
        }
    }

    fn apply(self, model: &mut service::ActiveModel) {
        model.name = Set(self.name);
        model.description = Set(self.description);
        model.modality = Set(self.modality);
        model.cleanup_buffer_minutes = Set(self.cleanup_buffer_minutes);
        model.requires_room = Set(self.requires_room);
        model.updated_at = Set(Utc::now());
    }
}

/// One validated duration and its list price.
pub struct Variant {
    pub duration_minutes: i32,
    pub price_minor: i64,
}

const IN_USE: &str = "a duration with bookings cannot be removed; keep it in the set";

/// The service and its variants, priced in the clinic's currency. Run it inside the
/// caller's transaction, so the service never exists without its variants.
pub async fn create(
    db: &impl ConnectionTrait,
    clinic: &clinic::Model,
    details: Details,
    variants: Vec<Variant>,
) -> ApiResult<service::Model> {
    let mut model = service::ActiveModel {
        id: Set(Uuid::new_v4()),
        clinic_id: Set(clinic.id),
        archived_at: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    details.apply(&mut model);
    let service = model.insert(db).await?;
    for variant in &variants {
        insert_variant(db, service.id, variant, &clinic.currency).await?;
    }
    Ok(service)
}

/// New details and, when given, the full new set of variants. Run it inside the caller's
/// transaction, so readers never see half an edit.
pub async fn update(
    db: &impl ConnectionTrait,
    service: service::Model,
    details: Details,
    variants: Option<Vec<Variant>>,
) -> ApiResult<service::Model> {
    let mut model: service::ActiveModel = service.into();
    details.apply(&mut model);
    let service = model.update(db).await?;
    if let Some(variants) = variants {
        replace_variants(db, &service, variants).await?;
    }
    Ok(service)
}

/// Matches the new set to the stored one by duration, so a kept duration keeps its ID
/// (bookings and location prices refer to it); the rest are added or deleted.
async fn replace_variants(
    txn: &impl ConnectionTrait,
    service: &service::Model,
    variants: Vec<Variant>,
) -> ApiResult<()> {
    let currency = clinic::Entity::find_by_id(service.clinic_id)
        .one(txn)
        .await?
        .ok_or(ApiError::not_found("clinic"))?
        .currency;
    let mut stored: HashMap<i32, service_variant::Model> = service_variant::Entity::find()
        .filter(service_variant::Column::ServiceId.eq(service.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|row| (row.duration_minutes, row))
        .collect();
    for variant in &variants {
        match stored.remove(&variant.duration_minutes) {
            Some(row) if row.price_minor == variant.price_minor && row.currency == currency => {}
            Some(row) => {
                let mut model: service_variant::ActiveModel = row.into();
                model.price_minor = Set(variant.price_minor);
                model.currency = Set(currency.clone());
                model.updated_at = Set(Utc::now());
                model.update(txn).await?;
            }
            None => insert_variant(txn, service.id, variant, &currency).await?,
        }
    }
    let dropped: Vec<Uuid> = stored.into_values().map(|row| row.id).collect();
    if dropped.is_empty() {
        return Ok(());
    }
    // Bookings refer to variants with RESTRICT: a booked one is refused here.
    service_variant::Entity::delete_many()
        .filter(service_variant::Column::Id.is_in(dropped))
        .exec(txn)
        .await
        .map_err(|e| conflict_if_in_use(e, IN_USE))?;
    Ok(())
}

async fn insert_variant(
    db: &impl ConnectionTrait,
    service_id: Uuid,
    variant: &Variant,
    currency: &str,
) -> ApiResult<()> {
    let now = Utc::now();
    service_variant::ActiveModel {
        id: Set(Uuid::new_v4()),
        service_id: Set(service_id),
        duration_minutes: Set(variant.duration_minutes),
        price_minor: Set(variant.price_minor),
        currency: Set(currency.to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Archiving twice keeps the first date: old bookings still show the service.
pub async fn archive(
    db: &impl ConnectionTrait,
    service: service::Model,
) -> ApiResult<service::Model> {
    if service.archived_at.is_some() {
        return Ok(service);
    }
    let now = Utc::now();
    let mut model: service::ActiveModel = service.into();
    model.archived_at = Set(Some(now));
    model.updated_at = Set(now);
    Ok(model.update(db).await?)
}

/// Sets a variant's price at one location, or with `None` goes back to the list price.
pub async fn set_location_price(
    db: &impl ConnectionTrait,
    variant: &service_variant::Model,
    location_id: Uuid,
    price_minor: Option<i64>,
) -> ApiResult<()> {
    use service_price_override::{ActiveModel, Column, Entity};
    let Some(price_minor) = price_minor else {
        Entity::delete_many()
            .filter(Column::ServiceVariantId.eq(variant.id))
            .filter(Column::LocationId.eq(location_id))
            .exec(db)
            .await?;
        return Ok(());
    };
    let now = Utc::now();
    let row = ActiveModel {
        id: Set(Uuid::new_v4()),
        service_variant_id: Set(variant.id),
        location_id: Set(location_id),
        price_minor: Set(price_minor),
        // The override replaces the list price, so it is in the same currency.
        currency: Set(variant.currency.clone()),
        created_at: Set(now),
        updated_at: Set(now),
    };
    // An upsert, so two admins setting the same price at once both succeed.
    Entity::insert(row)
        .on_conflict(
            OnConflict::columns([Column::ServiceVariantId, Column::LocationId])
                .update_columns([Column::PriceMinor, Column::Currency, Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

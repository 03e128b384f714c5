//! Promotion rules: plain functions over the caller's connection or transaction.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use entity::{
    enums::PromotionKind, location, promotion, promotion_location, promotion_redemption,
    promotion_service, service,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect, Select, Set,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::terms::{Discount, Terms};
use crate::{
    error::{ApiError, ApiResult},
    graphql::keyset::SortColumns,
};

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> ApiResult<promotion::Model> {
    promotion::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::not_found("promotion"))
}

/// The promotion, locked until the transaction ends (PostgreSQL; SQLite's write
/// transaction holds the lock already): bookings taking a redemption wait, so an edit
/// decides on the redemptions there are.
pub async fn find_for_update(db: &impl ConnectionTrait, id: Uuid) -> ApiResult<promotion::Model> {
    promotion::Entity::find_by_id(id)
        .lock_exclusive()
        .one(db)
        .await?
        .ok_or(ApiError::not_found("promotion"))
}

/// The services and locations a promotion is limited to (empty: all of them).
pub async fn scope(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> ApiResult<(BTreeSet<Uuid>, BTreeSet<Uuid>)> {
    let services = promotion_service::Entity::find()
        .filter(promotion_service::Column::PromotionId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.service_id)
        .collect();
    let locations = promotion_location::Entity::find()
        .filter(promotion_location::Column::PromotionId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.location_id)
        .collect();
    Ok((services, locations))
}

/// Redemptions ever made with the promotion, released or not.
pub async fn redemptions(db: &impl ConnectionTrait, id: Uuid) -> ApiResult<u64> {
    Ok(promotion_redemption::Entity::find()
        .filter(promotion_redemption::Column::PromotionId.eq(id))
        .count(db)
        .await?)
}

/// Every service and location named belongs to the clinic; a missing one is NOT_FOUND.
async fn check_scope(db: &impl ConnectionTrait, clinic_id: Uuid, terms: &Terms) -> ApiResult<()> {
    let services = service::Entity::find()
        .filter(service::Column::Id.is_in(terms.services.iter().copied()))
        .all(db)
        .await?;
    let locations = location::Entity::find()
        .filter(location::Column::Id.is_in(terms.locations.iter().copied()))
        .all(db)
        .await?;
    let other = |field: &str| ApiError::Validation {
        field: field.into(),
        message: "the scope names another clinic's service or location".into(),
        reason: Some("OTHER_CLINIC"),
    };
    if services.len() < terms.services.len() {
        return Err(ApiError::not_found("service"));
    }
    if locations.len() < terms.locations.len() {
        return Err(ApiError::not_found("location"));
    }
    if services.iter().any(|s| s.clinic_id != clinic_id) {
        return Err(other("serviceIds"));
    }
    if locations.iter().any(|l| l.clinic_id != clinic_id) {
        return Err(other("locationIds"));
    }
    Ok(())
}

/// The code is free among the clinic's live promotions (not ended, not yet over). A past
/// promotion that still holds the code is marked ended at its end, so the code can be
/// used again; the database's unique index on live codes settles a race.
async fn claim_code(
    db: &impl ConnectionTrait,
    clinic_id: Uuid,
    code: &str,
    except: Option<Uuid>,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let mut holders = promotion::Entity::find()
        .filter(promotion::Column::ClinicId.eq(clinic_id))
        .filter(promotion::Column::Code.eq(code))
        .filter(promotion::Column::EndedAt.is_null());
    if let Some(id) = except {
        holders = holders.filter(promotion::Column::Id.ne(id));
    }
    for holder in holders.all(db).await? {
        if holder.ends_at > now {
            return Err(ApiError::Validation {
                field: "code".into(),
                message: "another live promotion of the clinic uses this code".into(),
                reason: Some("CODE_IN_USE"),
            });
        }
        promotion::Entity::update_many()
            .col_expr(promotion::Column::EndedAt, Expr::value(holder.ends_at))
            .filter(promotion::Column::Id.eq(holder.id))
            .exec(db)
            .await?;
    }
    Ok(())
}

fn apply(terms: &Terms, currency: &str, model: &mut promotion::ActiveModel) {
    let (kind, percent, amount, money) = match terms.discount {
        Discount::PercentOff(p) => (PromotionKind::Percent, Some(p), None, None),
        Discount::AmountOff(a) => (
            PromotionKind::Fixed,
            None,
            Some(a),
            Some(currency.to_owned()),
        ),
    };
    model.name = Set(terms.name.clone());
    model.description = Set(terms.description.clone());
    model.kind = Set(kind);
    model.percent_off = Set(percent);
    model.amount_off_minor = Set(amount);
    model.currency = Set(money);
    model.code = Set(terms.code.clone());
    model.automatic = Set(terms.code.is_none());
    model.first_visit_only = Set(terms.first_visit_only);
    model.starts_at = Set(terms.valid_from);
    model.ends_at = Set(terms.valid_to);
    model.window_basis = Set(terms.window_basis);
    model.max_redemptions = Set(terms.total_cap);
    model.max_redemptions_per_client = Set(terms.per_client_cap);
    model.min_spend_minor = Set(terms.min_list_price_minor);
    model.combines_with_code = Set(terms.combines_with_code);
    model.combines_with_automatic = Set(terms.combines_with_automatic);
}

async fn replace_scope(db: &impl ConnectionTrait, id: Uuid, terms: &Terms) -> ApiResult<()> {
    promotion_service::Entity::delete_many()
        .filter(promotion_service::Column::PromotionId.eq(id))
        .exec(db)
        .await?;
    promotion_location::Entity::delete_many()
        .filter(promotion_location::Column::PromotionId.eq(id))
        .exec(db)
        .await?;
    for &service_id in &terms.services {
        promotion_service::ActiveModel {
            promotion_id: Set(id),
            service_id: Set(service_id),
        }
        .insert(db)
        .await?;
    }
    for &location_id in &terms.locations {
        promotion_location::ActiveModel {
            promotion_id: Set(id),
            location_id: Set(location_id),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Run it in the caller's transaction: the promotion never exists without its scope.
pub async fn create(
    db: &impl ConnectionTrait,
    clinic_id: Uuid,
    currency: &str,
    terms: Terms,
    now: DateTime<Utc>,
) -> ApiResult<promotion::Model> {
    check_scope(db, clinic_id, &terms).await?;
    if let Some(code) = &terms.code {
        claim_code(db, clinic_id, code, None, now).await?;
    }
    let mut model = promotion::ActiveModel {
        id: Set(Uuid::new_v4()),
        clinic_id: Set(clinic_id),
        redemption_count: Set(0),
        ended_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    apply(&terms, currency, &mut model);
    let created = model.insert(db).await?;
    replace_scope(db, created.id, &terms).await?;
    Ok(created)
}

/// Once a promotion has been redeemed, what clients were promised stays: its discount,
/// currency and scope cannot change (it can still be ended).
pub async fn update(
    db: &impl ConnectionTrait,
    row: promotion::Model,
    terms: Terms,
    currency: &str,
    now: DateTime<Utc>,
) -> ApiResult<promotion::Model> {
    let (services, locations) = scope(db, row.id).await?;
    let before = Terms::of(&row, services, locations).ok_or(ApiError::Internal)?;
    if redemptions(db, row.id).await? > 0 {
        let discount_field = match terms.discount {
            Discount::PercentOff(_) => "percentOff",
            Discount::AmountOff(_) => "amountOffMinor",
        };
        let locked = [
            (discount_field, before.discount != terms.discount),
            ("code", before.code != terms.code),
            ("serviceIds", before.services != terms.services),
            ("locationIds", before.locations != terms.locations),
        ];
        if let Some((field, _)) = locked.iter().find(|(_, changed)| *changed) {
            return Err(ApiError::Validation {
                field: (*field).into(),
                message: "the promotion has been redeemed: its discount and scope are fixed".into(),
                reason: Some("HAS_REDEMPTIONS"),
            });
        }
    }
    check_scope(db, row.clinic_id, &terms).await?;
    if let Some(code) = &terms.code {
        claim_code(db, row.clinic_id, code, Some(row.id), now).await?;
    }
    let id = row.id;
    let mut model: promotion::ActiveModel = row.into();
    apply(&terms, currency, &mut model);
    model.updated_at = Set(now);
    let updated = model.update(db).await?;
    replace_scope(db, id, &terms).await?;
    Ok(updated)
}

/// Ends a promotion now; ending one that has ended already changes nothing.
pub async fn end(
    db: &impl ConnectionTrait,
    row: promotion::Model,
    now: DateTime<Utc>,
) -> ApiResult<promotion::Model> {
    if row.ended_at.is_some() {
        return Ok(row);
    }
    let mut model: promotion::ActiveModel = row.into();
    model.ended_at = Set(Some(now));
    model.updated_at = Set(now);
    Ok(model.update(db).await?)
}

/// A clinic's promotions, live at `active_at` when given, by name.
pub fn select(clinic_id: Uuid, active_at: Option<DateTime<Utc>>) -> Select<promotion::Entity> {
    let mut rows = promotion::Entity::find().filter(promotion::Column::ClinicId.eq(clinic_id));
    if let Some(at) = active_at {
        rows = rows
            .filter(promotion::Column::StartsAt.lte(at))
            .filter(promotion::Column::EndsAt.gt(at))
            .filter(
                promotion::Column::EndedAt
                    .is_null()
                    .or(promotion::Column::EndedAt.gt(at)),
            );
    }
    rows
}

pub fn sort() -> SortColumns {
    SortColumns::new(
        (promotion::Entity, promotion::Column::Name),
        (promotion::Entity, promotion::Column::Id),
    )
}

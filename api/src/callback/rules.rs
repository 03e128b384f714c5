//! Callback requests: stored, listed per clinic, resolved once.

use chrono::{DateTime, Duration, Utc};
use entity::{callback_request, enums::CallbackStatus};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Select, Set,
    sea_query::Expr,
};
use uuid::Uuid;

use crate::{
    auth::throttle::{self, Limit},
    error::{ApiError, ApiResult},
    graphql::keyset::SortColumns,
};

/// A validated request.
pub struct NewRequest {
    pub clinic_id: Uuid,
    pub location_id: Option<Uuid>,
    pub name: String,
    pub phone: String,
    pub preferred_time: String,
    pub message: String,
}

/// Counts the request against its address (at most `per_hour` an hour), then stores it.
pub async fn create(
    db: &impl ConnectionTrait,
    new: NewRequest,
    client_address: &str,
    per_hour: u32,
    now: DateTime<Utc>,
) -> ApiResult<callback_request::Model> {
    let limit = Limit {
        key: format!("callback:{client_address}"),
        max: per_hour,
        window: Duration::hours(1),
    };
    throttle::take(db, &limit, now).await?;
    Ok(callback_request::ActiveModel {
        id: Set(Uuid::new_v4()),
        clinic_id: Set(new.clinic_id),
        location_id: Set(new.location_id),
        name: Set(new.name),
        phone: Set(new.phone),
        preferred_time: Set(new.preferred_time),
        message: Set(new.message),
        status: Set(CallbackStatus::Open),
        resolved_by_user_id: Set(None),
        resolved_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?)
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> ApiResult<callback_request::Model> {
    callback_request::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::not_found("callback request"))
}

/// Marks an open request resolved; one that is already resolved stays as it was.
pub async fn resolve(
    db: &impl ConnectionTrait,
    request: callback_request::Model,
    by: Uuid,
    now: DateTime<Utc>,
) -> ApiResult<callback_request::Model> {
    let done = callback_request::Entity::update_many()
        .col_expr(
            callback_request::Column::Status,
            Expr::value(CallbackStatus::Resolved),
        )
        .col_expr(callback_request::Column::ResolvedByUserId, Expr::value(by))
        .col_expr(callback_request::Column::ResolvedAt, Expr::value(now))
        .col_expr(callback_request::Column::UpdatedAt, Expr::value(now))
        .filter(callback_request::Column::Id.eq(request.id))
        .filter(callback_request::Column::Status.eq(CallbackStatus::Open))
        .exec(db)
        .await?;
    if done.rows_affected == 0 {
        return Err(ApiError::Validation {
            field: "id".into(),
            message: "the request is already resolved".into(),
            reason: Some("ALREADY_RESOLVED"),
        });
    }
    find(db, request.id).await
}

/// A clinic's requests, oldest first (the order to call back in).
pub fn select(clinic_id: Uuid, status: Option<CallbackStatus>) -> Select<callback_request::Entity> {
    let mut rows =
        callback_request::Entity::find().filter(callback_request::Column::ClinicId.eq(clinic_id));
    if let Some(status) = status {
        rows = rows.filter(callback_request::Column::Status.eq(status));
    }
    rows
}

pub fn sort() -> SortColumns {
    SortColumns::by_instant(
        (
            callback_request::Entity,
            callback_request::Column::CreatedAt,
        ),
        (callback_request::Entity, callback_request::Column::Id),
    )
}

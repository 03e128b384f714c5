//! Failed logins are throttled per email and per client address. Failures are rows in the
//! database, so every API instance sees the same count; a refused attempt leaves none, so
//! an attacker cannot extend the lock-out of a victim's email forever.

use chrono::{Duration, Utc};
use entity::login_failure;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use crate::{
    error::{ApiError, ApiResult},
    settings::AuthSettings,
};

/// What one login attempt is counted against.
pub struct LoginKeys {
    email: String,
    address: String,
}

impl LoginKeys {
    pub fn new(email: &str, address: &str) -> Self {
        Self {
            email: format!("email:{email}"),
            address: format!("address:{address}"),
        }
    }

    fn with_limits<'a>(&'a self, settings: &AuthSettings) -> [(&'a str, u32); 2] {
        [
            (&self.email, settings.failures_per_email),
            (&self.address, settings.failures_per_address),
        ]
    }
}

/// An attempt recorded against both keys; it stays recorded as a failure unless the
/// sign-in succeeds.
pub struct Attempt {
    rows: [Uuid; 2],
}

/// Records the attempt first and counts after, so attempts that race each other (in a
/// batch or in parallel requests) cannot all pass on the same stale count. When either
/// key is over its limit the attempt is withdrawn and the answer is RATE_LIMITED.
pub async fn reserve(
    db: &DatabaseConnection,
    settings: &AuthSettings,
    keys: &LoginKeys,
) -> ApiResult<Attempt> {
    let now = Utc::now();
    let window = Duration::minutes(settings.failure_window_minutes);
    let mut rows = [Uuid::nil(); 2];
    for (row, (key, _)) in rows.iter_mut().zip(keys.with_limits(settings)) {
        *row = Uuid::new_v4();
        login_failure::ActiveModel {
            id: Set(*row),
            throttle_key: Set(key.to_owned()),
            failed_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    for (key, limit) in keys.with_limits(settings) {
        let counted = login_failure::Entity::find()
            .filter(login_failure::Column::ThrottleKey.eq(key))
            .filter(login_failure::Column::FailedAt.gt(now - window));
        if counted.clone().count(db).await? > u64::from(limit) {
            withdraw(db, &rows).await?;
            let oldest = counted
                .order_by_asc(login_failure::Column::FailedAt)
                .one(db)
                .await?
                .map_or(now, |row| row.failed_at);
            let retry_after = (oldest + window - now).num_seconds().max(1);
            return Err(ApiError::RateLimited {
                retry_after_seconds: retry_after as u64,
            });
        }
    }
    // Failures older than the window count for nothing; keep the table small.
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::FailedAt.lt(now - window))
        .exec(db)
        .await?;
    Ok(Attempt { rows })
}

/// A successful sign-in withdraws its attempt and forgives the email's failures (not the
/// address's).
pub async fn succeeded(
    db: &DatabaseConnection,
    keys: &LoginKeys,
    attempt: Attempt,
) -> ApiResult<()> {
    withdraw(db, &attempt.rows).await?;
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::ThrottleKey.eq(keys.email.as_str()))
        .exec(db)
        .await?;
    Ok(())
}

async fn withdraw(db: &DatabaseConnection, rows: &[Uuid]) -> ApiResult<()> {
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::Id.is_in(rows.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

//! Failed logins are throttled per email and per client address. Failures are rows in the
//! database, so every API instance sees the same count; a refused attempt adds none, so
//! an attacker cannot extend the lock-out of a victim's email forever.

use chrono::{Duration, Utc};
use entity::login_failure;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
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

/// RATE_LIMITED when either key has used up its failures in the window.
pub async fn check(
    db: &DatabaseConnection,
    settings: &AuthSettings,
    keys: &LoginKeys,
) -> ApiResult<()> {
    let window = Duration::minutes(settings.failure_window_minutes);
    let now = Utc::now();
    for (key, limit) in keys.with_limits(settings) {
        let recent = login_failure::Entity::find()
            .filter(login_failure::Column::ThrottleKey.eq(key))
            .filter(login_failure::Column::FailedAt.gt(now - window))
            .order_by_desc(login_failure::Column::FailedAt)
            .all(db)
            .await?;
        if recent.len() >= limit as usize {
            // Free again once the oldest failure that still counts leaves the window.
            let oldest_counted = recent[limit as usize - 1].failed_at;
            let retry_after = (oldest_counted + window - now).num_seconds().max(1);
            return Err(ApiError::RateLimited {
                retry_after_seconds: retry_after as u64,
            });
        }
    }
    Ok(())
}

pub async fn record_failure(
    db: &DatabaseConnection,
    settings: &AuthSettings,
    keys: &LoginKeys,
) -> ApiResult<()> {
    let now = Utc::now();
    for (key, _) in keys.with_limits(settings) {
        login_failure::ActiveModel {
            id: Set(Uuid::new_v4()),
            throttle_key: Set(key.to_owned()),
            failed_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    // Old rows count for nothing; keep the table small.
    login_failure::Entity::delete_many()
        .filter(
            login_failure::Column::FailedAt
                .lt(now - Duration::minutes(settings.failure_window_minutes)),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// A successful sign-in forgives the email's failures (not the address's).
pub async fn clear_email(db: &DatabaseConnection, keys: &LoginKeys) -> ApiResult<()> {
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::ThrottleKey.eq(keys.email.as_str()))
        .exec(db)
        .await?;
    Ok(())
}

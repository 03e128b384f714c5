//! Attempt counters for sign-in and sign-up, kept in the database so every API instance
//! sees the same counts. Each key counts attempts in fixed windows. An attempt is taken
//! by one conditional upsert that only writes while the key is under its limit, so a
//! refused attempt writes nothing and attempts that race each other (aliases, batches,
//! parallel requests, several instances) cannot pass on a stale count.

use chrono::{DateTime, Duration, Utc};
use entity::auth_throttle::{self, Column};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait, OnConflict, Query},
};

use crate::error::{ApiError, ApiResult};

/// A key and what it allows.
pub struct Limit {
    pub key: String,
    pub max: u32,
    pub window: Duration,
}

/// Takes one attempt against `limit`, or refuses with RATE_LIMITED and how long to wait.
pub async fn take(db: &impl ConnectionTrait, limit: &Limit, now: DateTime<Utc>) -> ApiResult<()> {
    let cutoff = now - limit.window;
    let stale = || Expr::col((auth_throttle::Entity, Column::WindowStartedAt)).lte(cutoff);
    let insert = Query::insert()
        .into_table(auth_throttle::Entity)
        .columns([
            Column::ThrottleKey,
            Column::WindowStartedAt,
            Column::Attempts,
        ])
        .values([limit.key.clone().into(), now.into(), 1.into()])
        .map_err(|error| {
            tracing::error!(%error, "throttle statement could not be built");
            ApiError::Internal
        })?
        .on_conflict(
            OnConflict::column(Column::ThrottleKey)
                .value(
                    Column::Attempts,
                    Expr::case(stale(), 1)
                        .finally(Expr::col((auth_throttle::Entity, Column::Attempts)).add(1)),
                )
                .value(
                    Column::WindowStartedAt,
                    Expr::case(stale(), now)
                        .finally(Expr::col((auth_throttle::Entity, Column::WindowStartedAt))),
                )
                .action_and_where(stale().or(
                    Expr::col((auth_throttle::Entity, Column::Attempts)).lt(i64::from(limit.max)),
                ))
                .to_owned(),
        )
        .returning_col(Column::Attempts)
        .to_owned();
    let taken = db.query_one(&insert).await?;
    match taken {
        Some(row) => {
            // The first attempt of a window: sweep windows long over (settings keep every
            // window within a day), once per key and window rather than on every attempt.
            if row.try_get::<i32>("", "attempts").ok() == Some(1) {
                auth_throttle::Entity::delete_many()
                    .filter(Column::WindowStartedAt.lt(now - Duration::days(1)))
                    .exec(db)
                    .await?;
            }
            Ok(())
        }
        None => Err(refusal(db, limit, now).await?),
    }
}

/// Whether the key is at its limit now; reads only.
pub async fn exhausted(
    db: &impl ConnectionTrait,
    limit: &Limit,
    now: DateTime<Utc>,
) -> ApiResult<Option<ApiError>> {
    let current = attempts(db, &limit.key, limit.window, now).await?;
    Ok(if current >= limit.max {
        Some(refusal(db, limit, now).await?)
    } else {
        None
    })
}

/// Attempts counted against `key` in its current window; reads only.
pub async fn attempts(
    db: &impl ConnectionTrait,
    key: &str,
    window: Duration,
    now: DateTime<Utc>,
) -> ApiResult<u32> {
    let row = auth_throttle::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?;
    Ok(row
        .filter(|row| row.window_started_at > now - window)
        .map_or(0, |row| u32::try_from(row.attempts).unwrap_or(0)))
}

/// Counts an attempt whatever the count (failures that only slow down, never refuse).
pub async fn record(db: &impl ConnectionTrait, key: &str, window: Duration) -> ApiResult<()> {
    let limit = Limit {
        key: key.to_owned(),
        max: u32::MAX,
        window,
    };
    take(db, &limit, Utc::now()).await
}

/// Spaces attempts against `key` `spacing` apart, whoever sends them and through whichever
/// instance: claims the next free slot (never before now) and returns how long to wait
/// for it. A slot further than `max_wait` away is refused, writing nothing. A key with no
/// row has nothing to space.
pub async fn queue(
    db: &impl ConnectionTrait,
    key: &str,
    spacing: Duration,
    max_wait: Duration,
    now: DateTime<Utc>,
) -> ApiResult<std::time::Duration> {
    // Racing claims retry on a fresh read; each loses only to one that succeeded.
    for _ in 0..8 {
        let Some(row) = auth_throttle::Entity::find_by_id(key.to_owned())
            .one(db)
            .await?
        else {
            return Ok(std::time::Duration::ZERO);
        };
        let slot = std::cmp::max(now, row.next_attempt_at.unwrap_or(now));
        let wait = slot - now;
        if wait > max_wait {
            return Err(ApiError::RateLimited {
                retry_after_seconds: u64::try_from(std::cmp::max(
                    (wait - max_wait).num_seconds(),
                    1,
                ))
                .unwrap_or(1),
            });
        }
        let unchanged = match row.next_attempt_at {
            Some(previous) => Column::NextAttemptAt.eq(previous),
            None => Column::NextAttemptAt.is_null(),
        };
        let claimed = auth_throttle::Entity::update_many()
            .col_expr(Column::NextAttemptAt, Expr::value(slot + spacing))
            .filter(Column::ThrottleKey.eq(key))
            .filter(unchanged)
            .exec(db)
            .await?;
        if claimed.rows_affected == 1 {
            return Ok(wait.to_std().unwrap_or_default());
        }
    }
    Err(ApiError::RateLimited {
        retry_after_seconds: 1,
    })
}

/// Hands an attempt back: it turned out not to be one to count (a successful sign-in).
pub async fn give_back(db: &impl ConnectionTrait, key: &str) -> ApiResult<()> {
    auth_throttle::Entity::update_many()
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).sub(1))
        .filter(Column::ThrottleKey.eq(key))
        .filter(Column::Attempts.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets every attempt against `key`.
pub async fn forget(db: &impl ConnectionTrait, key: &str) -> ApiResult<()> {
    auth_throttle::Entity::delete_by_id(key.to_owned())
        .exec(db)
        .await?;
    Ok(())
}

async fn refusal(
    db: &impl ConnectionTrait,
    limit: &Limit,
    now: DateTime<Utc>,
) -> ApiResult<ApiError> {
    let started = auth_throttle::Entity::find_by_id(limit.key.clone())
        .one(db)
        .await?
        .map_or(now, |row| row.window_started_at);
    let retry_after = std::cmp::max((started + limit.window - now).num_seconds(), 1);
    Ok(ApiError::RateLimited {
        retry_after_seconds: u64::try_from(retry_after).unwrap_or(1),
    })
}

//! Refresh tokens: random, stored only as SHA-256 hashes, rotated on every use. A token
//! presented again after its rotation means it leaked: its whole family is revoked.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Duration, Utc};
use entity::{app_user, refresh_token};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
    sea_query::{Expr, ExprTrait},
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};

pub struct IssuedRefresh {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

/// How long tokens live: each one `ttl`, and a family never past `session_max` from its
/// sign-in, however often it is refreshed.
#[derive(Clone, Copy)]
pub struct Lifetimes {
    pub ttl: Duration,
    pub session_max: Duration,
}

/// A rotation chain: one sign-in's tokens, all in the session epoch of the sign-in.
#[derive(Clone, Copy)]
pub struct Family {
    pub id: Uuid,
    pub started_at: DateTime<Utc>,
    pub session_epoch: i32,
}

impl Family {
    /// A new sign-in's chain.
    pub fn start(session_epoch: i32) -> Self {
        Self {
            id: Uuid::new_v4(),
            started_at: Utc::now(),
            session_epoch,
        }
    }
}

fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn random_token() -> ApiResult<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|error| {
        tracing::error!(%error, "no randomness for a refresh token");
        ApiError::Internal
    })?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// A new token of `family` (a new one for a sign-in, the presented one's on rotation).
pub async fn issue(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    family: Family,
    lifetimes: Lifetimes,
) -> ApiResult<IssuedRefresh> {
    let token = random_token()?;
    let now = Utc::now();
    let expires_at = std::cmp::min(
        now + lifetimes.ttl,
        family.started_at + lifetimes.session_max,
    );
    refresh_token::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(user_id),
        family_id: Set(family.id),
        family_started_at: Set(family.started_at),
        session_epoch: Set(family.session_epoch),
        token_hash: Set(hash(&token)),
        expires_at: Set(expires_at),
        rotated_at: Set(None),
        revoked_at: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(IssuedRefresh { token, expires_at })
}

/// Trades a live token for a new one of the same family; returns the user it belongs to,
/// read in the same transaction: a disabled account, or one whose sessions were ended
/// since the family began, gets nothing.
pub async fn rotate(
    db: &DatabaseConnection,
    presented: &str,
    lifetimes: Lifetimes,
) -> ApiResult<(app_user::Model, IssuedRefresh)> {
    let now = Utc::now();
    let txn = db.begin().await?;
    let Some(current) = find(&txn, presented).await? else {
        return Err(ApiError::Unauthenticated);
    };
    let session_over = current.family_started_at + lifetimes.session_max <= now;
    if current.revoked_at.is_some() || current.expires_at <= now || session_over {
        return Err(ApiError::Unauthenticated);
    }
    // A logout that raced the rotation which issued this token revoked the rest of the
    // family but not this one; a family with any revoked member is over.
    let family_revoked = refresh_token::Entity::find()
        .filter(refresh_token::Column::FamilyId.eq(current.family_id))
        .filter(refresh_token::Column::RevokedAt.is_not_null())
        .one(&txn)
        .await?
        .is_some();
    if family_revoked {
        return Err(ApiError::Unauthenticated);
    }
    let user = app_user::Entity::find_by_id(current.user_id)
        .one(&txn)
        .await?
        .filter(|user| user.disabled_at.is_none() && user.session_epoch == current.session_epoch)
        .ok_or(ApiError::Unauthenticated)?;
    // Only one rotation can win, even when two requests race with the same token, and
    // none wins once a logout (or a detected reuse) has revoked the token meanwhile.
    let claimed = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RotatedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(current.id))
        .filter(refresh_token::Column::RotatedAt.is_null())
        .filter(refresh_token::Column::RevokedAt.is_null())
        .filter(refresh_token::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        drop(txn);
        revoke_family(db, current.family_id).await?;
        tracing::warn!(user_id = %current.user_id, "refresh token reused; family revoked");
        return Err(ApiError::Unauthenticated);
    }
    let family = Family {
        id: current.family_id,
        started_at: current.family_started_at,
        session_epoch: current.session_epoch,
    };
    let next = issue(&txn, current.user_id, family, lifetimes).await?;
    txn.commit().await?;
    Ok((user, next))
}

/// Ends the session the token belongs to (its whole family); unknown tokens are ignored so
/// logout never tells whether a token existed.
pub async fn revoke(db: &DatabaseConnection, presented: &str) -> ApiResult<()> {
    if let Some(token) = find(db, presented).await? {
        revoke_family(db, token.family_id).await?;
    }
    Ok(())
}

/// Ends every session of the user: no refresh token of theirs works again, and no access
/// token issued so far counts (the session epoch moves on; checked per request).
pub async fn end_all_sessions(db: &impl ConnectionTrait, user_id: Uuid) -> ApiResult<()> {
    let now = Utc::now();
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    app_user::Entity::update_many()
        .col_expr(
            app_user::Column::SessionEpoch,
            Expr::col(app_user::Column::SessionEpoch).add(1),
        )
        .col_expr(app_user::Column::UpdatedAt, Expr::value(now))
        .filter(app_user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

async fn find(
    db: &impl ConnectionTrait,
    presented: &str,
) -> ApiResult<Option<refresh_token::Model>> {
    Ok(refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(hash(presented)))
        .one(db)
        .await?)
}

async fn revoke_family(db: &impl ConnectionTrait, family_id: Uuid) -> ApiResult<()> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(refresh_token::Column::FamilyId.eq(family_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashes_are_stable() {
        let a = random_token().expect("random");
        let b = random_token().expect("random");
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(hash(&a), hash(&a));
        assert_eq!(hash(&a).len(), 64);
        assert_ne!(hash(&a), a);
    }
}

//! Sign-up, sign-in, token refresh and sign-out.

use std::sync::OnceLock;

use chrono::{DateTime, Duration, Utc};
use entity::{app_user, enums::Role, role_grant};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, SqlErr,
    TransactionTrait,
};
use uuid::Uuid;

use super::{
    email, password, refresh,
    throttle::{self, LoginKeys},
    tokens::{Subject, TokenService},
};
use crate::{
    error::{ApiError, ApiResult},
    settings::AuthSettings,
};

/// What the schema needs to sign people in.
pub struct AuthContext {
    pub tokens: TokenService,
    pub settings: AuthSettings,
}

pub struct Session {
    pub access_token: String,
    pub access_token_expires_at: DateTime<Utc>,
    pub refresh_token: String,
    pub user: app_user::Model,
}

const MAX_NAME_CHARS: usize = 100;

pub async fn register(
    db: &DatabaseConnection,
    auth: &AuthContext,
    raw_email: &str,
    plain_password: String,
    raw_name: &str,
) -> ApiResult<Session> {
    let email = email::normalise(raw_email)?;
    password::validate(&plain_password)?;
    let name = raw_name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(ApiError::validation(
            "name",
            format!("the name needs 1 to {MAX_NAME_CHARS} characters"),
        ));
    }
    let password_hash = password::hash_blocking(plain_password).await?;
    let now = Utc::now();
    let txn = db.begin().await?;
    let user = app_user::ActiveModel {
        id: Set(Uuid::new_v4()),
        email: Set(email),
        name: Set(name.to_owned()),
        password_hash: Set(Some(password_hash)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await
    .map_err(|error| match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => ApiError::Conflict {
            message: "an account with this email already exists".into(),
            field: Some("email".into()),
        },
        _ => ApiError::from(error),
    })?;
    role_grant::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(user.id),
        role: Set(Role::Client),
        clinic_id: Set(None),
        location_id: Set(None),
        therapist_id: Set(None),
        granted_by_user_id: Set(None),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let session = start_session(&txn, auth, user).await?;
    txn.commit().await?;
    Ok(session)
}

/// The same answer, after about the same work, for an unknown email and a wrong password.
pub async fn login(
    db: &DatabaseConnection,
    auth: &AuthContext,
    raw_email: &str,
    plain_password: String,
    client_address: &str,
) -> ApiResult<Session> {
    // Bounded, so a huge "email" cannot bloat the throttle table.
    let email: String = raw_email.trim().to_lowercase().chars().take(254).collect();
    let keys = LoginKeys::new(&email, client_address);
    let attempt = throttle::reserve(db, &auth.settings, &keys).await?;

    let user = match email::normalise(&email) {
        Ok(email) => {
            app_user::Entity::find()
                .filter(app_user::Column::Email.eq(email))
                .one(db)
                .await?
        }
        Err(_) => None,
    };
    let stored_hash = user.as_ref().and_then(|u| u.password_hash.clone());
    let matches = verify_blocking(plain_password, stored_hash).await?;
    match user {
        Some(user) if matches => {
            throttle::succeeded(db, &keys, attempt).await?;
            let txn = db.begin().await?;
            let session = start_session(&txn, auth, user).await?;
            txn.commit().await?;
            Ok(session)
        }
        // The attempt stays recorded: that is the failure.
        _ => Err(ApiError::InvalidCredentials),
    }
}

pub async fn refresh(
    db: &DatabaseConnection,
    auth: &AuthContext,
    presented: &str,
) -> ApiResult<Session> {
    let (user_id, next) = refresh::rotate(db, presented, refresh_ttl(&auth.settings)).await?;
    let user = app_user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    let (access_token, access_token_expires_at) = auth.tokens.issue(Subject::User(user.id))?;
    Ok(Session {
        access_token,
        access_token_expires_at,
        refresh_token: next.token,
        user,
    })
}

pub async fn logout(db: &DatabaseConnection, presented: &str) -> ApiResult<()> {
    refresh::revoke(db, presented).await
}

async fn start_session(
    txn: &sea_orm::DatabaseTransaction,
    auth: &AuthContext,
    user: app_user::Model,
) -> ApiResult<Session> {
    let refresh = refresh::issue(txn, user.id, None, refresh_ttl(&auth.settings)).await?;
    let (access_token, access_token_expires_at) = auth.tokens.issue(Subject::User(user.id))?;
    Ok(Session {
        access_token,
        access_token_expires_at,
        refresh_token: refresh.token,
        user,
    })
}

fn refresh_ttl(settings: &AuthSettings) -> Duration {
    Duration::days(settings.refresh_token_days)
}

/// Verifies on the blocking pool; with no stored hash it verifies against a dummy one, so
/// an unknown email costs as much as a known one.
async fn verify_blocking(plain_password: String, stored_hash: Option<String>) -> ApiResult<bool> {
    static DUMMY: OnceLock<Option<String>> = OnceLock::new();
    tokio::task::spawn_blocking(move || {
        let candidate: String = plain_password.chars().take(password::MAX_LENGTH).collect();
        match stored_hash {
            Some(hash) => password::verify(&candidate, &hash),
            None => {
                let dummy =
                    DUMMY.get_or_init(|| password::hash("stride-dummy-password-for-timing").ok());
                if let Some(dummy) = dummy {
                    password::verify(&candidate, dummy);
                }
                false
            }
        }
    })
    .await
    .map_err(|_| ApiError::Internal)
}

//! `stride create-admin` and `stride reset-password`: what an operator does from the
//! command line.

use chrono::Utc;
use entity::{app_user, enums::Role, role_grant};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};
use uuid::Uuid;

use super::{email, password, refresh::end_all_sessions};
use crate::error::ApiError;

/// Hashing from the command line: one at a time, waiting as long as it takes.
fn passwords() -> password::PasswordWork {
    password::PasswordWork::new(1, std::time::Duration::from_secs(600))
}

/// Creates the user (or upgrades an existing one, resetting its password and ending its
/// sessions) and grants it the platform admin role, once.
pub async fn create_platform_admin(
    db: &DatabaseConnection,
    raw_email: &str,
    name: &str,
    plain_password: String,
) -> Result<Uuid, ApiError> {
    let email = email::normalise(raw_email)?;
    password::validate("password", &plain_password)?;
    let password_hash = passwords().hash(plain_password).await?;
    let now = Utc::now();

    let txn = db.begin().await?;
    let existing = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&email))
        .one(&txn)
        .await?;
    let user_id = match existing {
        Some(user) => {
            let id = user.id;
            let mut user: app_user::ActiveModel = user.into();
            user.password_hash = Set(Some(password_hash));
            user.updated_at = Set(now);
            user.update(&txn).await?;
            end_all_sessions(&txn, id).await?;
            id
        }
        None => {
            let id = Uuid::new_v4();
            app_user::ActiveModel {
                id: Set(id),
                email: Set(email),
                name: Set(name.to_owned()),
                password_hash: Set(Some(password_hash)),
                disabled_at: Set(None),
                session_epoch: Set(0),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await?;
            id
        }
    };
    let already_admin = role_grant::Entity::find()
        .filter(role_grant::Column::UserId.eq(user_id))
        .filter(role_grant::Column::Role.eq(Role::PlatformAdmin))
        .one(&txn)
        .await?
        .is_some();
    if !already_admin {
        role_grant::ActiveModel {
            id: Set(Uuid::new_v4()),
            user_id: Set(user_id),
            role: Set(Role::PlatformAdmin),
            clinic_id: Set(None),
            location_id: Set(None),
            therapist_id: Set(None),
            granted_by_user_id: Set(None),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(user_id)
}

/// Sets a user's password and ends every session they have, so whoever held the old
/// password (or a token) is signed out.
pub async fn reset_password(
    db: &DatabaseConnection,
    raw_email: &str,
    plain_password: String,
) -> Result<Uuid, ApiError> {
    let email = email::normalise(raw_email)?;
    password::validate("password", &plain_password)?;
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&email))
        .one(db)
        .await?
        .ok_or(ApiError::not_found("user"))?;
    let password_hash = passwords().hash(plain_password).await?;
    let txn = db.begin().await?;
    let id = user.id;
    let mut user: app_user::ActiveModel = user.into();
    user.password_hash = Set(Some(password_hash));
    user.updated_at = Set(Utc::now());
    user.update(&txn).await?;
    end_all_sessions(&txn, id).await?;
    txn.commit().await?;
    Ok(id)
}

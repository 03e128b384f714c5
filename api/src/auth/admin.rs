//! `stride create-admin`: the first platform admin of an installation.

use chrono::Utc;
use entity::{app_user, enums::Role, role_grant};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};
use uuid::Uuid;

use super::{email, password};
use crate::error::ApiError;

/// Creates the user (or upgrades an existing one, resetting its password) and grants it
/// the platform admin role, once.
pub async fn create_platform_admin(
    db: &DatabaseConnection,
    raw_email: &str,
    name: &str,
    plain_password: String,
) -> Result<Uuid, ApiError> {
    let email = email::normalise(raw_email)?;
    password::validate(&plain_password)?;
    let password_hash = password::hash_blocking(plain_password).await?;
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
            id
        }
        None => {
            let id = Uuid::new_v4();
            app_user::ActiveModel {
                id: Set(id),
                email: Set(email),
                name: Set(name.to_owned()),
                password_hash: Set(Some(password_hash)),
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

//! Clinic rules: plain functions over a connection.

use async_graphql::ID;
use chrono::Utc;
use entity::{app_user, clinic, enums::Role, role_grant};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};
use uuid::Uuid;

use super::mutation::FirstAdminInput;
use crate::{
    auth::{
        email,
        password::{self, PasswordWork},
    },
    error::{ApiError, ApiResult},
    graphql::id::{self, Kind},
    validate,
};

/// The clinic an argument names; NOT_FOUND when malformed or unknown.
pub async fn find(db: &impl ConnectionTrait, raw: &ID) -> ApiResult<clinic::Model> {
    let clinic_id = id::require(Kind::Clinic, raw, "clinic")?;
    clinic::Entity::find_by_id(clinic_id)
        .one(db)
        .await?
        .ok_or(ApiError::not_found("clinic"))
}

pub struct NewClinic {
    pub name: String,
    pub slug: String,
    pub description: String,
    pub currency: String,
    pub cancellation_cutoff_minutes: i32,
}

/// The first admin, validated: an email, and for a new account its name and password.
pub struct FirstAdmin {
    email: String,
    new_account: Option<(String, String)>,
}

pub fn first_admin(input: FirstAdminInput) -> ApiResult<FirstAdmin> {
    let email = email::normalise(&input.email)
        .map_err(|_| ApiError::validation("firstAdmin.email", "enter a valid email address"))?;
    let new_account = match (input.name, input.password) {
        (Some(name), Some(password)) => {
            password::validate("password", &password).map_err(|_| {
                ApiError::validation(
                    "firstAdmin.password",
                    "the password needs 10 to 128 characters",
                )
            })?;
            Some((validate::text("firstAdmin.name", &name, 1, 100)?, password))
        }
        _ => None,
    };
    Ok(FirstAdmin { email, new_account })
}

/// The clinic, its first admin's account (found or created) and grant, in one transaction.
pub async fn create(
    db: &DatabaseConnection,
    new: NewClinic,
    admin: FirstAdmin,
    granted_by: Uuid,
    passwords: &PasswordWork,
) -> ApiResult<clinic::Model> {
    let existing = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&admin.email))
        .one(db)
        .await?;
    // Hash only for an account about to be made, and before the transaction: hashing is
    // slow and a transaction should not wait on it.
    let new_account = match (&existing, admin.new_account) {
        (None, Some((name, password))) => Some((name, passwords.hash(password).await?)),
        _ => None,
    };
    let now = Utc::now();
    let txn = db.begin().await?;
    let user_id = match (existing, new_account) {
        (Some(user), _) => user.id,
        (None, Some((name, hash))) => {
            app_user::ActiveModel {
                id: Set(Uuid::new_v4()),
                email: Set(admin.email),
                name: Set(name),
                password_hash: Set(Some(hash)),
                disabled_at: Set(None),
                session_epoch: Set(0),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await
            .map_err(|e| ApiError::from(e).within("firstAdmin"))?
            .id
        }
        _ => {
            return Err(ApiError::validation(
                "firstAdmin",
                "no account has this email: give a name and password to create one",
            ));
        }
    };
    let clinic = clinic::ActiveModel {
        id: Set(Uuid::new_v4()),
        name: Set(new.name),
        slug: Set(new.slug),
        description: Set(new.description),
        currency: Set(new.currency),
        cancellation_cutoff_minutes: Set(new.cancellation_cutoff_minutes),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    role_grant::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(user_id),
        role: Set(Role::FranchiseAdmin),
        clinic_id: Set(Some(clinic.id)),
        location_id: Set(None),
        therapist_id: Set(None),
        granted_by_user_id: Set(Some(granted_by)),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(clinic)
}

pub async fn update(
    db: &DatabaseConnection,
    clinic: clinic::Model,
    name: Option<String>,
    description: Option<String>,
    cutoff: Option<i32>,
) -> ApiResult<clinic::Model> {
    let mut model: clinic::ActiveModel = clinic.into();
    if let Some(name) = name {
        model.name = Set(name);
    }
    if let Some(description) = description {
        model.description = Set(description);
    }
    if let Some(cutoff) = cutoff {
        model.cancellation_cutoff_minutes = Set(cutoff);
    }
    model.updated_at = Set(Utc::now());
    Ok(model.update(db).await?)
}

//! Sessions under the owner's and the admins' control: changing a password, signing out
//! everywhere, disabling and enabling an account.

use std::collections::BTreeSet;

use chrono::{Duration, Utc};
use entity::{app_user, booking, enums::Role, role_grant};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set,
    TransactionTrait,
};
use uuid::Uuid;

use super::{
    account::{AuthContext, Session, start_session},
    password,
    refresh::end_all_sessions,
    throttle::{self, Limit},
};
use crate::error::{ApiError, ApiResult};

/// Sets a new password after checking the current one; every earlier session of the
/// account ends, and the caller continues in the new one returned. Wrong current
/// passwords are throttled per account like sign-ins.
pub async fn change_password(
    db: &DatabaseConnection,
    auth: &AuthContext,
    user_id: Uuid,
    current: String,
    new: String,
) -> ApiResult<Session> {
    password::validate("newPassword", &new)?;
    let limit = Limit {
        key: format!("password:{user_id}"),
        max: auth.settings.failures_per_email_and_address,
        window: Duration::minutes(auth.settings.failure_window_minutes),
    };
    throttle::take(db, &limit, Utc::now()).await?;
    let user = app_user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .filter(|user| user.disabled_at.is_none())
        .ok_or(ApiError::Unauthenticated)?;
    if !auth
        .passwords
        .verify(current, user.password_hash.clone())
        .await?
    {
        return Err(ApiError::validation(
            "currentPassword",
            "the current password is not right",
        ));
    }
    throttle::forget(db, &limit.key).await?;
    let new_hash = auth.passwords.hash(new).await?;
    let txn = db.begin().await?;
    end_all_sessions(&txn, user_id).await?;
    // Read again for the new session epoch the session below is issued in.
    let user = app_user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    let mut changed: app_user::ActiveModel = user.into();
    changed.password_hash = Set(Some(new_hash));
    changed.updated_at = Set(Utc::now());
    let user = changed.update(&txn).await?;
    let session = start_session(&txn, auth, user).await?;
    txn.commit().await?;
    Ok(session)
}

/// Where an account stands, for deciding who may disable it.
pub struct Standing {
    pub platform_admin: bool,
    /// Clinics it works for (grants) or is a client of (bookings).
    pub clinics: BTreeSet<Uuid>,
}

impl Standing {
    /// The one clinic the account belongs to, if it belongs to exactly one and is no
    /// platform admin: that clinic's admins may then disable it.
    pub fn sole_clinic(&self) -> Option<Uuid> {
        match (self.platform_admin, self.clinics.len()) {
            (false, 1) => self.clinics.first().copied(),
            _ => None,
        }
    }
}

pub async fn standing(db: &DatabaseConnection, user_id: Uuid) -> ApiResult<Standing> {
    let grants = role_grant::Entity::find()
        .filter(role_grant::Column::UserId.eq(user_id))
        .all(db)
        .await?;
    let booked_at: Vec<Uuid> = booking::Entity::find()
        .select_only()
        .column(booking::Column::ClinicId)
        .distinct()
        .filter(booking::Column::ClientUserId.eq(user_id))
        .into_tuple()
        .all(db)
        .await?;
    Ok(Standing {
        platform_admin: grants.iter().any(|g| g.role == Role::PlatformAdmin),
        clinics: grants
            .iter()
            .filter_map(|g| g.clinic_id)
            .chain(booked_at)
            .collect(),
    })
}

/// Disabling ends every session at once; enabling lets the owner sign in again.
pub async fn set_disabled(
    db: &DatabaseConnection,
    user_id: Uuid,
    disabled: bool,
) -> ApiResult<app_user::Model> {
    let txn = db.begin().await?;
    let user = app_user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or(ApiError::not_found("user"))?;
    if disabled {
        end_all_sessions(&txn, user_id).await?;
    }
    let now = Utc::now();
    let mut changed: app_user::ActiveModel = user.into();
    changed.disabled_at = Set(disabled.then_some(now));
    changed.updated_at = Set(now);
    let user = changed.update(&txn).await?;
    txn.commit().await?;
    Ok(user)
}

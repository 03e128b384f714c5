//! Clinic rules: plain functions over a connection, or over the caller's transaction
//! where they write more than one row.

use chrono::Utc;
use entity::{app_user, clinic, enums::Role, role_grant};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::{
    auth::password::PasswordWork,
    error::{ApiError, ApiResult},
};

pub async fn find(db: &impl ConnectionTrait, clinic_id: Uuid) -> ApiResult<clinic::Model> {
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
    pub booking: BookingSettings,
}

/// How a clinic takes bookings; each field validated at the edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BookingSettings {
    pub cancellation_cutoff_minutes: i32,
    pub lead_minutes: i32,
    pub slot_step_minutes: i32,
    pub horizon_days: i32,
}

impl BookingSettings {
    pub fn of(clinic: &clinic::Model) -> Self {
        Self {
            cancellation_cutoff_minutes: clinic.cancellation_cutoff_minutes,
            lead_minutes: clinic.booking_lead_minutes,
            slot_step_minutes: clinic.slot_step_minutes,
            horizon_days: clinic.booking_horizon_days,
        }
    }

    fn apply(self, model: &mut clinic::ActiveModel) {
        model.cancellation_cutoff_minutes = Set(self.cancellation_cutoff_minutes);
        model.booking_lead_minutes = Set(self.lead_minutes);
        model.slot_step_minutes = Set(self.slot_step_minutes);
        model.booking_horizon_days = Set(self.horizon_days);
    }
}

/// The profile fields to change; `None` leaves one as it is.
#[derive(Default)]
pub struct ClinicChanges {
    pub name: Option<String>,
    pub description: Option<String>,
    pub booking: Option<BookingSettings>,
}

/// The first admin, validated: a normalised email, and for a new account its name and
/// password.
pub struct FirstAdmin {
    pub email: String,
    pub new_account: Option<NewAccount>,
}

pub struct NewAccount {
    pub name: String,
    pub password: String,
}

/// The first admin's account: one that exists, or one to create, its password hashed.
pub enum AdminAccount {
    Existing(Uuid),
    New {
        email: String,
        name: String,
        password_hash: String,
    },
}

/// Finds the first admin's account or hashes the new one's password. Call it before the
/// transaction: hashing is slow and a transaction should not wait on it.
pub async fn admin_account(
    db: &impl ConnectionTrait,
    admin: FirstAdmin,
    passwords: &PasswordWork,
) -> ApiResult<AdminAccount> {
    let existing = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&admin.email))
        .one(db)
        .await?;
    match (existing, admin.new_account) {
        (Some(user), _) => Ok(AdminAccount::Existing(user.id)),
        (None, Some(account)) => Ok(AdminAccount::New {
            email: admin.email,
            name: account.name,
            password_hash: passwords.hash(account.password).await?,
        }),
        (None, None) => Err(ApiError::validation(
            "firstAdmin",
            "no account has this email: give a name and password to create one",
        )),
    }
}

/// The clinic, its first admin's account (when new) and grant. Run it inside the caller's
/// transaction, so none of them exists without the others.
pub async fn create(
    db: &impl ConnectionTrait,
    new: NewClinic,
    admin: AdminAccount,
    granted_by: Uuid,
) -> ApiResult<clinic::Model> {
    let now = Utc::now();
    let user_id = match admin {
        AdminAccount::Existing(user_id) => user_id,
        AdminAccount::New {
            email,
            name,
            password_hash,
        } => {
            app_user::ActiveModel {
                id: Set(Uuid::new_v4()),
                email: Set(email),
                name: Set(name),
                password_hash: Set(Some(password_hash)),
                disabled_at: Set(None),
                session_epoch: Set(0),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(db)
            .await
            // Another request took the email since `admin_account` looked.
            .map_err(|e| ApiError::from(e).within("firstAdmin"))?
            .id
        }
    };
    let mut clinic = clinic::ActiveModel {
        id: Set(Uuid::new_v4()),
        name: Set(new.name),
        slug: Set(new.slug),
        description: Set(new.description),
        currency: Set(new.currency),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    new.booking.apply(&mut clinic);
    let clinic = clinic.insert(db).await?;
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
    .insert(db)
    .await?;
    Ok(clinic)
}

pub async fn update(
    db: &impl ConnectionTrait,
    clinic: clinic::Model,
    changes: ClinicChanges,
) -> ApiResult<clinic::Model> {
    let mut model: clinic::ActiveModel = clinic.into();
    if let Some(name) = changes.name {
        model.name = Set(name);
    }
    if let Some(description) = changes.description {
        model.description = Set(description);
    }
    if let Some(booking) = changes.booking {
        booking.apply(&mut model);
    }
    model.updated_at = Set(Utc::now());
    Ok(model.update(db).await?)
}

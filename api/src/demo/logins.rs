//! One demo sign-in per role, printed when `serve --demo` starts. The password is random,
//! made on the first demo run and kept in a local file beside the database (never in the
//! repository), so a demo installation never has well-known credentials.

use std::path::Path;

use chrono::Utc;
use entity::{app_user, clinic, enums::Role, location, role_grant, therapist, therapist_location};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use crate::auth::{demo_secret, password};

pub const PASSWORD_FILE: &str = ".stride-demo-password";

pub struct DemoLogin {
    pub role: &'static str,
    pub email: &'static str,
    pub password: String,
}

#[derive(Debug)]
pub struct LoginsError(pub String);

impl std::fmt::Display for LoginsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LoginsError {}

fn err(e: impl std::fmt::Display) -> LoginsError {
    LoginsError(e.to_string())
}

/// A demo account and the scope of its one role.
struct Account {
    label: &'static str,
    email: &'static str,
    name: &'static str,
    role: Role,
    clinic_id: Option<Uuid>,
    location_id: Option<Uuid>,
    therapist_id: Option<Uuid>,
}

impl Account {
    fn new(label: &'static str, email: &'static str, name: &'static str, role: Role) -> Self {
        Self {
            label,
            email,
            name,
            role,
            clinic_id: None,
            location_id: None,
            therapist_id: None,
        }
    }
}

/// Makes sure each demo account exists with the installation's demo password.
pub async fn ensure(
    db: &DatabaseConnection,
    password_file: &Path,
) -> Result<Vec<DemoLogin>, LoginsError> {
    let password =
        demo_secret::load_or_create_random(password_file, 12, password::MIN_LENGTH).map_err(err)?;
    let hash = password::PasswordWork::new(1, std::time::Duration::from_secs(60))
        .hash(password.clone())
        .await
        .map_err(|e| err(e.message()))?;
    let kinetic = clinic::Entity::find()
        .filter(clinic::Column::Slug.eq("kinetic-physio"))
        .one(db)
        .await
        .map_err(err)?
        .ok_or_else(|| err("the demo clinic kinetic-physio is missing"))?;
    let location = location::Entity::find()
        .filter(location::Column::ClinicId.eq(kinetic.id))
        .order_by_asc(location::Column::Name)
        .one(db)
        .await
        .map_err(err)?
        .ok_or_else(|| err("the demo clinic has no location"))?;
    let link = therapist_location::Entity::find()
        .filter(therapist_location::Column::LocationId.eq(location.id))
        .order_by_asc(therapist_location::Column::TherapistId)
        .one(db)
        .await
        .map_err(err)?
        .ok_or_else(|| err("the demo location has no therapist"))?;

    let accounts = [
        Account::new(
            "platform admin",
            "admin@stride.example",
            "Platform Admin",
            Role::PlatformAdmin,
        ),
        Account {
            clinic_id: Some(kinetic.id),
            ..Account::new(
                "franchise admin",
                "admin@kinetic.example",
                "Kinetic Admin",
                Role::FranchiseAdmin,
            )
        },
        Account {
            clinic_id: Some(kinetic.id),
            location_id: Some(location.id),
            ..Account::new(
                "location manager",
                "manager@kinetic.example",
                "Kinetic Manager",
                Role::LocationManager,
            )
        },
        Account {
            clinic_id: Some(kinetic.id),
            therapist_id: Some(link.therapist_id),
            ..Account::new(
                "therapist",
                "therapist@kinetic.example",
                "Kinetic Therapist",
                Role::Therapist,
            )
        },
        Account::new(
            "client",
            "runner@stride.example",
            "Demo Runner",
            Role::Client,
        ),
    ];
    let mut logins = Vec::new();
    for Account {
        label,
        email,
        name,
        role,
        clinic_id,
        location_id,
        therapist_id,
    } in accounts
    {
        let user_id = upsert_user(db, email, name, &hash).await.map_err(err)?;
        let held = role_grant::Entity::find()
            .filter(role_grant::Column::UserId.eq(user_id))
            .filter(role_grant::Column::Role.eq(role))
            .one(db)
            .await
            .map_err(err)?;
        if held.is_none() {
            role_grant::ActiveModel {
                id: Set(Uuid::new_v4()),
                user_id: Set(user_id),
                role: Set(role),
                clinic_id: Set(clinic_id),
                location_id: Set(location_id),
                therapist_id: Set(therapist_id),
                granted_by_user_id: Set(None),
                created_at: Set(Utc::now()),
            }
            .insert(db)
            .await
            .map_err(err)?;
        }
        if let Some(therapist_id) = therapist_id {
            let profile = therapist::Entity::find_by_id(therapist_id)
                .one(db)
                .await
                .map_err(err)?;
            if let Some(profile) = profile.filter(|p| p.user_id.is_none()) {
                let mut model: therapist::ActiveModel = profile.into();
                model.user_id = Set(Some(user_id));
                model.update(db).await.map_err(err)?;
            }
        }
        logins.push(DemoLogin {
            role: label,
            email,
            password: password.clone(),
        });
    }
    Ok(logins)
}

async fn upsert_user(
    db: &DatabaseConnection,
    email: &str,
    name: &str,
    hash: &str,
) -> Result<Uuid, sea_orm::DbErr> {
    let now = Utc::now();
    match app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email))
        .one(db)
        .await?
    {
        Some(user) => {
            let id = user.id;
            let mut model: app_user::ActiveModel = user.into();
            model.password_hash = Set(Some(hash.to_owned()));
            model.updated_at = Set(now);
            model.update(db).await?;
            Ok(id)
        }
        None => {
            let id = Uuid::new_v4();
            app_user::ActiveModel {
                id: Set(id),
                email: Set(email.to_owned()),
                name: Set(name.to_owned()),
                password_hash: Set(Some(hash.to_owned())),
                disabled_at: Set(None),
                session_epoch: Set(0),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(db)
            .await?;
            Ok(id)
        }
    }
}

//! Grant rules: the scope a role needs, one grant per (user, role, scope), and the link
//! between a therapist grant and the therapist's profile.

use chrono::Utc;
use entity::{app_user, enums::Role, location, role_grant, therapist};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, ModelTrait, QueryFilter, Set,
    TransactionTrait,
};
use uuid::Uuid;

use super::mutation::GrantRoleInput;
use crate::{
    auth::email,
    error::{ApiError, ApiResult},
    graphql::id::{self, Kind},
};

#[derive(Clone, Copy, Debug)]
pub struct Scope {
    pub role: Role,
    pub clinic_id: Option<Uuid>,
    pub location_id: Option<Uuid>,
    pub therapist_id: Option<Uuid>,
}

/// The full scope of the requested role, derived from the one ID it takes.
pub async fn resolve_scope(db: &DatabaseConnection, input: &GrantRoleInput) -> ApiResult<Scope> {
    let role: Role = input.role.into();
    let given = [
        ("clinicId", input.clinic_id.is_some()),
        ("locationId", input.location_id.is_some()),
        ("therapistId", input.therapist_id.is_some()),
    ];
    let needed = match role {
        Role::PlatformAdmin | Role::Client => None,
        Role::FranchiseAdmin => Some("clinicId"),
        Role::LocationManager => Some("locationId"),
        Role::Therapist => Some("therapistId"),
    };
    for (field, present) in given {
        if present != (Some(field) == needed) {
            let message = match needed {
                Some(needed) => format!("this role takes {needed} and no other scope"),
                None => "this role takes no scope".into(),
            };
            return Err(ApiError::validation(field, message));
        }
    }
    let mut scope = Scope {
        role,
        clinic_id: None,
        location_id: None,
        therapist_id: None,
    };
    if let Some(raw) = &input.clinic_id {
        scope.clinic_id = Some(crate::clinic::rules::find(db, raw).await?.id);
    }
    if let Some(raw) = &input.location_id {
        let location_id = id::require(Kind::Location, raw, "location")?;
        let location = location::Entity::find_by_id(location_id)
            .one(db)
            .await?
            .ok_or(ApiError::not_found("location"))?;
        scope.location_id = Some(location.id);
        scope.clinic_id = Some(location.clinic_id);
    }
    if let Some(raw) = &input.therapist_id {
        let therapist_id = id::require(Kind::Therapist, raw, "therapist")?;
        let therapist = therapist::Entity::find_by_id(therapist_id)
            .one(db)
            .await?
            .ok_or(ApiError::not_found("therapist"))?;
        scope.therapist_id = Some(therapist.id);
        scope.clinic_id = Some(therapist.clinic_id);
    }
    Ok(scope)
}

pub async fn find_user(db: &DatabaseConnection, raw_email: &str) -> ApiResult<app_user::Model> {
    let email = email::normalise(raw_email)
        .map_err(|_| ApiError::validation("userEmail", "enter a valid email address"))?;
    app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email))
        .one(db)
        .await?
        .ok_or(ApiError::not_found("user"))
}

pub async fn find_grant(db: &DatabaseConnection, grant_id: Uuid) -> ApiResult<role_grant::Model> {
    role_grant::Entity::find_by_id(grant_id)
        .one(db)
        .await?
        .ok_or(ApiError::not_found("role grant"))
}

pub async fn grant(
    db: &DatabaseConnection,
    user_id: Uuid,
    scope: Scope,
    granted_by: Uuid,
) -> ApiResult<role_grant::Model> {
    let txn = db.begin().await?;
    let duplicate = role_grant::Entity::find()
        .filter(role_grant::Column::UserId.eq(user_id))
        .filter(role_grant::Column::Role.eq(scope.role))
        .filter(nullable_eq(role_grant::Column::ClinicId, scope.clinic_id))
        .filter(nullable_eq(
            role_grant::Column::LocationId,
            scope.location_id,
        ))
        .filter(nullable_eq(
            role_grant::Column::TherapistId,
            scope.therapist_id,
        ))
        .one(&txn)
        .await?;
    if duplicate.is_some() {
        return Err(ApiError::conflict("the user already holds this role"));
    }
    if let Some(therapist_id) = scope.therapist_id {
        link_therapist(&txn, therapist_id, user_id).await?;
    }
    let grant = role_grant::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(user_id),
        role: Set(scope.role),
        clinic_id: Set(scope.clinic_id),
        location_id: Set(scope.location_id),
        therapist_id: Set(scope.therapist_id),
        granted_by_user_id: Set(Some(granted_by)),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(grant)
}

pub async fn revoke(db: &DatabaseConnection, grant: role_grant::Model) -> ApiResult<()> {
    let txn = db.begin().await?;
    if let Some(therapist_id) = grant.therapist_id {
        // The account no longer speaks for the profile.
        therapist::Entity::update_many()
            .col_expr(
                therapist::Column::UserId,
                sea_orm::sea_query::Expr::value(Option::<Uuid>::None),
            )
            .filter(therapist::Column::Id.eq(therapist_id))
            .filter(therapist::Column::UserId.eq(grant.user_id))
            .exec(&txn)
            .await?;
    }
    grant.delete(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// A therapist profile belongs to at most one account.
async fn link_therapist(
    txn: &sea_orm::DatabaseTransaction,
    therapist_id: Uuid,
    user_id: Uuid,
) -> ApiResult<()> {
    let profile = therapist::Entity::find_by_id(therapist_id)
        .one(txn)
        .await?
        .ok_or(ApiError::not_found("therapist"))?;
    match profile.user_id {
        Some(linked) if linked == user_id => Ok(()),
        Some(_) => Err(ApiError::conflict_on(
            "therapistId",
            "another account already speaks for this therapist",
        )),
        None => {
            let mut model: therapist::ActiveModel = profile.into();
            model.user_id = Set(Some(user_id));
            model.updated_at = Set(Utc::now());
            model.update(txn).await?;
            Ok(())
        }
    }
}

fn nullable_eq(column: role_grant::Column, value: Option<Uuid>) -> sea_orm::Condition {
    let condition = sea_orm::Condition::all();
    match value {
        Some(v) => condition.add(column.eq(v)),
        None => condition.add(column.is_null()),
    }
}

//! Grant rules: the scope a role needs, one grant per (user, role, scope), and the link
//! between a therapist grant and the therapist's profile.

use chrono::Utc;
use entity::{app_user, enums::Role, location, role_grant, therapist};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait, QueryFilter, Set,
};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};

/// What a grant is over: nothing (platform admins, clients) or the one row its role takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Nothing,
    Clinic(Uuid),
    Location(Uuid),
    Therapist(Uuid),
}

/// A role and its target, already checked to belong together.
#[derive(Clone, Copy, Debug)]
pub struct ScopeRequest {
    pub role: Role,
    pub target: Target,
}

#[derive(Clone, Copy, Debug)]
pub struct Scope {
    pub role: Role,
    pub clinic_id: Option<Uuid>,
    pub location_id: Option<Uuid>,
    pub therapist_id: Option<Uuid>,
}

/// The full scope of the requested role, derived from the one row its target names.
pub async fn resolve_scope(db: &impl ConnectionTrait, request: &ScopeRequest) -> ApiResult<Scope> {
    let mut scope = Scope {
        role: request.role,
        clinic_id: None,
        location_id: None,
        therapist_id: None,
    };
    match request.target {
        Target::Nothing => {}
        Target::Clinic(clinic_id) => {
            scope.clinic_id = Some(crate::clinic::rules::find(db, clinic_id).await?.id);
        }
        Target::Location(location_id) => {
            let location = location::Entity::find_by_id(location_id)
                .one(db)
                .await?
                .ok_or(ApiError::not_found("location"))?;
            scope.location_id = Some(location.id);
            scope.clinic_id = Some(location.clinic_id);
        }
        Target::Therapist(therapist_id) => {
            let therapist = therapist::Entity::find_by_id(therapist_id)
                .one(db)
                .await?
                .ok_or(ApiError::not_found("therapist"))?;
            scope.therapist_id = Some(therapist.id);
            scope.clinic_id = Some(therapist.clinic_id);
        }
    }
    Ok(scope)
}

/// The account with this (normalised) email.
pub async fn find_user(db: &impl ConnectionTrait, email: &str) -> ApiResult<app_user::Model> {
    app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email))
        .one(db)
        .await?
        .ok_or(ApiError::not_found("user"))
}

pub async fn find_grant(db: &impl ConnectionTrait, grant_id: Uuid) -> ApiResult<role_grant::Model> {
    role_grant::Entity::find_by_id(grant_id)
        .one(db)
        .await?
        .ok_or(ApiError::not_found("role grant"))
}

/// Run inside the caller's transaction: a therapist grant also links the profile.
pub async fn grant(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    scope: Scope,
    granted_by: Uuid,
) -> ApiResult<role_grant::Model> {
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
        .one(db)
        .await?;
    if duplicate.is_some() {
        return Err(ApiError::conflict("the user already holds this role"));
    }
    if let Some(therapist_id) = scope.therapist_id {
        link_therapist(db, therapist_id, user_id).await?;
    }
    Ok(role_grant::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(user_id),
        role: Set(scope.role),
        clinic_id: Set(scope.clinic_id),
        location_id: Set(scope.location_id),
        therapist_id: Set(scope.therapist_id),
        granted_by_user_id: Set(Some(granted_by)),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?)
}

/// Run inside the caller's transaction: revoking a therapist grant also unlinks the profile.
pub async fn revoke(db: &impl ConnectionTrait, grant: role_grant::Model) -> ApiResult<()> {
    if let Some(therapist_id) = grant.therapist_id {
        // The account no longer speaks for the profile.
        therapist::Entity::update_many()
            .col_expr(
                therapist::Column::UserId,
                sea_orm::sea_query::Expr::value(Option::<Uuid>::None),
            )
            .filter(therapist::Column::Id.eq(therapist_id))
            .filter(therapist::Column::UserId.eq(grant.user_id))
            .exec(db)
            .await?;
    }
    grant.delete(db).await?;
    Ok(())
}

/// A therapist profile belongs to at most one account.
async fn link_therapist(
    db: &impl ConnectionTrait,
    therapist_id: Uuid,
    user_id: Uuid,
) -> ApiResult<()> {
    let profile = therapist::Entity::find_by_id(therapist_id)
        .one(db)
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
            model.update(db).await?;
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

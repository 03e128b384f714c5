//! Who is calling. Built once per request at the HTTP edge and put in the request data.
//! Partners (API clients with scopes) will be another variant.

use async_graphql::Context;
use entity::{enums::Role, role_grant};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    pub role: Role,
    pub clinic_id: Option<Uuid>,
    pub location_id: Option<Uuid>,
    pub therapist_id: Option<Uuid>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Principal {
    #[default]
    Anonymous,
    User {
        id: Uuid,
        grants: Vec<Grant>,
    },
}

/// The client's network address, for throttles.
#[derive(Clone, Debug)]
pub struct ClientAddress(pub String);

impl Principal {
    pub fn user_id(&self) -> ApiResult<Uuid> {
        match self {
            Principal::User { id, .. } => Ok(*id),
            Principal::Anonymous => Err(ApiError::Unauthenticated),
        }
    }

    pub fn grants(&self) -> &[Grant] {
        match self {
            Principal::User { grants, .. } => grants,
            Principal::Anonymous => &[],
        }
    }

    pub fn has(&self, predicate: impl Fn(&Grant) -> bool) -> bool {
        self.grants().iter().any(predicate)
    }
}

/// The user's current grants; `None` when the user no longer exists, is disabled, or
/// has ended the sessions of the token's `session_epoch`.
pub async fn load_user(
    db: &DatabaseConnection,
    user_id: Uuid,
    session_epoch: i32,
) -> ApiResult<Option<Principal>> {
    let Some(user) = entity::app_user::Entity::find_by_id(user_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if user.disabled_at.is_some() || session_epoch != user.session_epoch {
        return Ok(None);
    }
    let grants = role_grant::Entity::find()
        .filter(role_grant::Column::UserId.eq(user.id))
        .all(db)
        .await?
        .into_iter()
        .map(|g| Grant {
            role: g.role,
            clinic_id: g.clinic_id,
            location_id: g.location_id,
            therapist_id: g.therapist_id,
        })
        .collect();
    Ok(Some(Principal::User {
        id: user.id,
        grants,
    }))
}

/// The caller of this request; anonymous when the edge put none in.
pub fn principal<'a>(ctx: &Context<'a>) -> &'a Principal {
    static ANONYMOUS: Principal = Principal::Anonymous;
    ctx.data::<Principal>().unwrap_or(&ANONYMOUS)
}

pub fn client_address(ctx: &Context<'_>) -> String {
    ctx.data::<ClientAddress>()
        .map(|a| a.0.clone())
        .unwrap_or_else(|_| "unknown".into())
}

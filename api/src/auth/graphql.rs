//! The identity part of the schema: `me`, `register`, `login`, `refreshToken`, `logout`.

use std::sync::Arc;

use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{app_user, role_grant};
use sea_orm::EntityTrait;

use super::{
    account::{self, AuthContext, Session},
    policy,
    principal::{client_address, principal},
};
use crate::{
    access::{GrantsOfUser, UserById},
    clinic::{Clinic, ClinicById},
    error::{ApiError, ApiResult},
    graphql::{
        id::{self, Kind},
        loader::{db, load_list, loader},
    },
    location::{Location, LocationById},
    therapist::{Therapist, TherapistById},
};

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::Role")]
pub enum Role {
    PlatformAdmin,
    FranchiseAdmin,
    LocationManager,
    Therapist,
    Client,
}

/// An account, as the caller sees it.
pub struct User {
    model: app_user::Model,
    /// The account's owner is looking (`me`, a sign-in's payload), even before the request
    /// carries their token.
    seen_by_owner: bool,
}

impl User {
    pub fn own(model: app_user::Model) -> Self {
        Self {
            model,
            seen_by_owner: true,
        }
    }

    pub fn seen_by_others(model: app_user::Model) -> Self {
        Self {
            model,
            seen_by_owner: false,
        }
    }
}

#[Object]
impl User {
    pub async fn id(&self) -> ID {
        id::encode(Kind::User, self.model.id)
    }

    async fn email(&self) -> &str {
        &self.model.email
    }

    async fn name(&self) -> &str {
        &self.model.name
    }

    /// The roles this user holds, each with its scope: all of them to the user, and to a
    /// clinic's admins only those inside their clinic.
    async fn roles(&self, ctx: &Context<'_>) -> ApiResult<Vec<RoleGrant>> {
        let caller = principal(ctx);
        let grants = load_list(ctx, GrantsOfUser(self.model.id)).await?;
        Ok(grants
            .into_iter()
            .filter(|g| self.seen_by_owner || policy::may_see_grant(caller, g.user_id, g.clinic_id))
            .map(RoleGrant)
            .collect())
    }
}

/// A role held within a scope: a clinic, a location, or a therapist profile.
pub struct RoleGrant(pub role_grant::Model);

#[Object]
impl RoleGrant {
    pub async fn id(&self) -> ID {
        id::encode(Kind::RoleGrant, self.0.id)
    }

    async fn role(&self) -> Role {
        self.0.role.into()
    }

    /// The account holding the role.
    async fn user(&self, ctx: &Context<'_>) -> ApiResult<User> {
        loader(ctx)?
            .load_one(UserById(self.0.user_id))
            .await?
            .map(User::seen_by_others)
            .ok_or(ApiError::not_found("user"))
    }

    async fn clinic(&self, ctx: &Context<'_>) -> ApiResult<Option<Clinic>> {
        let Some(clinic_id) = self.0.clinic_id else {
            return Ok(None);
        };
        Ok(loader(ctx)?
            .load_one(ClinicById(clinic_id))
            .await?
            .map(Clinic))
    }

    async fn location(&self, ctx: &Context<'_>) -> ApiResult<Option<Location>> {
        let Some(location_id) = self.0.location_id else {
            return Ok(None);
        };
        Ok(loader(ctx)?
            .load_one(LocationById(location_id))
            .await?
            .map(Location))
    }

    async fn therapist(&self, ctx: &Context<'_>) -> ApiResult<Option<Therapist>> {
        let Some(therapist_id) = self.0.therapist_id else {
            return Ok(None);
        };
        Ok(loader(ctx)?
            .load_one(TherapistById(therapist_id))
            .await?
            .map(Therapist))
    }
}

#[derive(SimpleObject)]
pub struct AuthPayload {
    /// Send as `Authorization: Bearer <accessToken>`.
    access_token: String,
    /// Trade for a new pair with `refreshToken` before it expires; usable once.
    refresh_token: String,
    access_token_expires_at: DateTime<Utc>,
    user: User,
}

impl From<Session> for AuthPayload {
    fn from(session: Session) -> Self {
        Self {
            access_token: session.access_token,
            refresh_token: session.refresh_token,
            access_token_expires_at: session.access_token_expires_at,
            user: User::own(session.user),
        }
    }
}

#[derive(InputObject)]
pub struct RegisterInput {
    email: String,
    /// 10 to 128 characters.
    password: String,
    name: String,
}

#[derive(InputObject)]
pub struct LoginInput {
    email: String,
    password: String,
}

#[derive(InputObject)]
pub struct RefreshTokenInput {
    refresh_token: String,
}

#[derive(InputObject)]
pub struct LogoutInput {
    refresh_token: String,
}

pub fn auth_context<'a>(ctx: &Context<'a>) -> ApiResult<&'a Arc<AuthContext>> {
    ctx.data::<Arc<AuthContext>>().map_err(|_| {
        tracing::error!("schema has no auth context");
        ApiError::Internal
    })
}

#[derive(Default)]
pub struct AuthQuery;

#[Object]
impl AuthQuery {
    /// The signed-in user; UNAUTHENTICATED without a token.
    async fn me(&self, ctx: &Context<'_>) -> ApiResult<User> {
        let user_id = principal(ctx).user_id()?;
        app_user::Entity::find_by_id(user_id)
            .one(db(ctx)?)
            .await?
            .map(User::own)
            .ok_or(ApiError::Unauthenticated)
    }
}

#[derive(Default)]
pub struct AuthMutation;

#[Object]
impl AuthMutation {
    /// Creates a client account and signs it in; sign-ups are throttled per client
    /// address.
    async fn register(&self, ctx: &Context<'_>, input: RegisterInput) -> ApiResult<AuthPayload> {
        let session = account::register(
            db(ctx)?,
            auth_context(ctx)?,
            &input.email,
            input.password,
            &input.name,
            &client_address(ctx),
        )
        .await?;
        Ok(session.into())
    }

    /// Signs in. Failed attempts are refused past a limit per (email, client address) and
    /// per client address, and slow down further sign-ins to the same email.
    async fn login(&self, ctx: &Context<'_>, input: LoginInput) -> ApiResult<AuthPayload> {
        let address = client_address(ctx);
        let session = account::login(
            db(ctx)?,
            auth_context(ctx)?,
            &input.email,
            input.password,
            &address,
        )
        .await?;
        Ok(session.into())
    }

    /// Trades a refresh token for a new pair; a reused token ends its whole session.
    async fn refresh_token(
        &self,
        ctx: &Context<'_>,
        input: RefreshTokenInput,
    ) -> ApiResult<AuthPayload> {
        let session = account::refresh(db(ctx)?, auth_context(ctx)?, &input.refresh_token).await?;
        Ok(session.into())
    }

    /// Ends the session the refresh token belongs to. Always true, so it tells nothing.
    async fn logout(&self, ctx: &Context<'_>, input: LogoutInput) -> ApiResult<bool> {
        account::logout(db(ctx)?, &input.refresh_token).await?;
        Ok(true)
    }
}

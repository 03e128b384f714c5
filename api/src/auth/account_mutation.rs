//! Sessions in the GraphQL schema: `changePassword`, `signOutEverywhere`, `disableUser`,
//! `enableUser`.

use async_graphql::{Context, ID, InputObject, Object};
use sea_orm::TransactionTrait;

use super::{
    graphql::{AuthPayload, User, auth_context},
    guard::SignedIn,
    policy::{Action, require},
    principal::principal,
    refresh, sessions,
};
use crate::{
    error::{ApiError, ApiResult},
    graphql::{
        id::{self, Kind},
        loader::db,
    },
};

#[derive(InputObject)]
pub struct ChangePasswordInput {
    current_password: String,
    /// 10 to 128 characters.
    new_password: String,
}

#[derive(Default)]
pub struct AccountMutation;

#[Object]
impl AccountMutation {
    /// Sets a new password. Every other session of the account ends (their refresh and
    /// access tokens stop working); this one continues with the tokens returned.
    #[graphql(guard = "SignedIn")]
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        input: ChangePasswordInput,
    ) -> ApiResult<AuthPayload> {
        let user_id = principal(ctx).user_id()?;
        let session = sessions::change_password(
            db(ctx)?,
            auth_context(ctx)?,
            user_id,
            input.current_password,
            input.new_password,
        )
        .await?;
        Ok(session.into())
    }

    /// Ends every session of the signed-in account, this one included.
    #[graphql(guard = "SignedIn")]
    async fn sign_out_everywhere(&self, ctx: &Context<'_>) -> ApiResult<bool> {
        let txn = db(ctx)?.begin().await?;
        refresh::end_all_sessions(&txn, principal(ctx).user_id()?).await?;
        txn.commit().await?;
        Ok(true)
    }

    /// Disables an account: it cannot sign in, and its sessions end at their next
    /// request. Platform admins; a clinic's admins for their clinic's own staff and
    /// clients (accounts that belong to no other clinic).
    #[graphql(guard = "SignedIn")]
    async fn disable_user(&self, ctx: &Context<'_>, id: ID) -> ApiResult<User> {
        set_disabled(ctx, &id, true).await
    }

    /// Lets a disabled account sign in again; who may is as for `disableUser`.
    #[graphql(guard = "SignedIn")]
    async fn enable_user(&self, ctx: &Context<'_>, id: ID) -> ApiResult<User> {
        set_disabled(ctx, &id, false).await
    }
}

async fn set_disabled(ctx: &Context<'_>, id: &ID, disabled: bool) -> ApiResult<User> {
    let db = db(ctx)?;
    let caller = principal(ctx);
    // Authorized before it is looked up, so an unknown ID tells a stranger nothing.
    let target = id::decode(Kind::User, id);
    let sole_clinic = match target {
        Some(user_id) => sessions::standing(db, user_id).await?.sole_clinic(),
        None => None,
    };
    require(caller, Action::ManageAccount { sole_clinic })?;
    let user_id = target.ok_or(ApiError::not_found("user"))?;
    if caller.user_id()? == user_id {
        return Err(ApiError::validation(
            "id",
            "you cannot disable or enable your own account",
        ));
    }
    let user = sessions::set_disabled(db, user_id, disabled).await?;
    Ok(User::seen_by_others(user))
}

use async_graphql::{Context, ID, InputObject, Object};

use super::rules;
use crate::{
    auth::{
        graphql::{Role, RoleGrant},
        guard::SignedIn,
        policy::{Action, RoleScope, require},
        principal::principal,
    },
    error::ApiResult,
    graphql::{
        id::{self, Kind},
        loader::db,
    },
};

/// A role for an existing account. The scope the role needs: `clinicId` for a franchise
/// admin, `locationId` for a location manager, `therapistId` for a therapist (it links
/// the account to that profile); none for platform admins and clients.
#[derive(InputObject)]
pub struct GrantRoleInput {
    pub user_email: String,
    pub role: Role,
    pub clinic_id: Option<ID>,
    pub location_id: Option<ID>,
    pub therapist_id: Option<ID>,
}

#[derive(Default)]
pub struct AccessMutation;

#[Object]
impl AccessMutation {
    /// Franchise admins grant roles inside their own clinic; platform admins anywhere.
    #[graphql(guard = "SignedIn")]
    async fn grant_role(&self, ctx: &Context<'_>, input: GrantRoleInput) -> ApiResult<RoleGrant> {
        let db = db(ctx)?;
        let principal = principal(ctx);
        let scope = rules::resolve_scope(db, &input).await?;
        require(
            principal,
            Action::ManageRole(RoleScope {
                role: scope.role,
                clinic_id: scope.clinic_id,
            }),
        )?;
        let user = rules::find_user(db, &input.user_email).await?;
        let grant = rules::grant(db, user.id, scope, principal.user_id()?).await?;
        Ok(RoleGrant(grant))
    }

    /// Within the same scope rules as `grantRole`. Returns the revoked grant's ID.
    #[graphql(guard = "SignedIn")]
    async fn revoke_role(&self, ctx: &Context<'_>, id: ID) -> ApiResult<ID> {
        let db = db(ctx)?;
        let grant_id = id::require(Kind::RoleGrant, &id, "role grant")?;
        let grant = rules::find_grant(db, grant_id).await?;
        require(
            principal(ctx),
            Action::ManageRole(RoleScope {
                role: grant.role,
                clinic_id: grant.clinic_id,
            }),
        )?;
        rules::revoke(db, grant).await?;
        Ok(id)
    }
}

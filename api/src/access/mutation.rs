use async_graphql::{Context, ID, InputObject, Object};
use sea_orm::TransactionTrait;

use super::rules::{self, ScopeRequest, Target};
use crate::{
    auth::{
        email,
        graphql::{Role, RoleGrant},
        guard::SignedIn,
        policy::{Action, RoleScope, require},
        principal::principal,
    },
    error::{ApiError, ApiResult},
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

/// The role and the one scope ID it takes; any other ID given is the caller's mistake.
impl TryFrom<&GrantRoleInput> for ScopeRequest {
    type Error = ApiError;

    fn try_from(input: &GrantRoleInput) -> ApiResult<Self> {
        use entity::enums::Role;
        let role: Role = input.role.into();
        let needed = match role {
            Role::PlatformAdmin | Role::Client => None,
            Role::FranchiseAdmin => Some("clinicId"),
            Role::LocationManager => Some("locationId"),
            Role::Therapist => Some("therapistId"),
        };
        let given = [
            ("clinicId", input.clinic_id.is_some()),
            ("locationId", input.location_id.is_some()),
            ("therapistId", input.therapist_id.is_some()),
        ];
        for (field, present) in given {
            if present != (Some(field) == needed) {
                let message = match needed {
                    Some(needed) => format!("this role takes {needed} and no other scope"),
                    None => "this role takes no scope".into(),
                };
                return Err(ApiError::validation(field, message));
            }
        }
        let target = match (&input.clinic_id, &input.location_id, &input.therapist_id) {
            (Some(raw), _, _) => Target::Clinic(id::require(Kind::Clinic, raw, "clinic")?),
            (_, Some(raw), _) => Target::Location(id::require(Kind::Location, raw, "location")?),
            (_, _, Some(raw)) => Target::Therapist(id::require(Kind::Therapist, raw, "therapist")?),
            (None, None, None) => Target::Nothing,
        };
        Ok(ScopeRequest { role, target })
    }
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
        let scope = rules::resolve_scope(db, &ScopeRequest::try_from(&input)?).await?;
        require(
            principal,
            Action::ManageRole(RoleScope {
                role: scope.role,
                clinic_id: scope.clinic_id,
            }),
        )?;
        let email = email::normalise(&input.user_email)
            .map_err(|_| ApiError::validation("userEmail", "enter a valid email address"))?;
        let user = rules::find_user(db, &email).await?;
        let granted_by = principal.user_id()?;
        let txn = db.begin().await?;
        let grant = rules::grant(&txn, user.id, scope, granted_by).await?;
        txn.commit().await?;
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
        let txn = db.begin().await?;
        rules::revoke(&txn, grant).await?;
        txn.commit().await?;
        Ok(id)
    }
}

use async_graphql::{Context, Guard};

use super::principal::principal;
use crate::error::ApiError;

/// Admin fields answer UNAUTHENTICATED to an anonymous caller before looking anything up,
/// so they reveal nothing (not even whether an ID exists) without a sign-in.
pub struct SignedIn;

impl Guard for SignedIn {
    async fn check(&self, ctx: &Context<'_>) -> async_graphql::Result<()> {
        principal(ctx).user_id().map(|_| ()).map_err(ApiError::into)
    }
}

use async_graphql::{Context, Object};

use super::{Intake, rules};
use crate::{
    auth::{guard::SignedIn, principal::principal},
    error::ApiResult,
    graphql::loader::db,
};

#[derive(Default)]
pub struct IntakeQuery;

#[Object]
impl IntakeQuery {
    /// The caller's own intake form; null before the first save.
    #[graphql(guard = "SignedIn")]
    async fn intake(&self, ctx: &Context<'_>) -> ApiResult<Option<Intake>> {
        let me = principal(ctx).user_id()?;
        let row = rules::find(db(ctx)?, me).await?;
        Ok(row.as_ref().map(|r| Intake::of(rules::Form::of(r))))
    }
}

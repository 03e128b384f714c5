use async_graphql::{Context, Object};

use super::{Intake, IntakeInput, rules};
use crate::{
    auth::{guard::SignedIn, principal::principal},
    error::ApiResult,
    graphql::loader::db,
};

#[derive(Default)]
pub struct IntakeMutation;

#[Object]
impl IntakeMutation {
    /// Saves the caller's own intake form whole; bookings already made keep the form as it
    /// read when they were made.
    #[graphql(guard = "SignedIn")]
    async fn update_intake(&self, ctx: &Context<'_>, input: IntakeInput) -> ApiResult<Intake> {
        let me = principal(ctx).user_id()?;
        let form = rules::Form::try_from(input)?;
        let row = rules::save(db(ctx)?, me, form).await?;
        Ok(Intake::of(rules::Form::of(&row)))
    }
}

//! One booking, if the caller may see it.

use async_graphql::Context;
use entity::booking;
use uuid::Uuid;

use super::Booking;
use crate::{
    auth::{
        policy::{BookingAction, Parties, may},
        principal::principal,
    },
    error::ApiResult,
    graphql::loader::{ById, loader},
};

/// The booking, or `None` when it is unknown or not the caller's to see (the two look the
/// same, so an ID reveals nothing).
pub async fn find_visible(ctx: &Context<'_>, id: Uuid) -> ApiResult<Option<Booking>> {
    let row = loader(ctx)?
        .load_one(ById::<booking::Entity>::new(id))
        .await?;
    Ok(row
        .filter(|b| may(principal(ctx), BookingAction::Read, Parties::of(b)))
        .map(Booking))
}

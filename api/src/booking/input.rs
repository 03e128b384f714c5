//! Parsing what booking inputs share, at the GraphQL edge.

use async_graphql::ID;
use sea_orm::DatabaseTransaction;
use serde_json::Value as Json;
use uuid::Uuid;

use crate::{
    error::ApiResult,
    graphql::id::{self, Kind},
    intake::{self, IntakeInput, rules::Form},
};

/// The service, location and (optional) therapist an input names.
pub fn ids(
    service: &ID,
    location: &ID,
    therapist: Option<&ID>,
) -> ApiResult<(Uuid, Uuid, Option<Uuid>)> {
    Ok((
        id::require(Kind::Service, service, "service")?,
        id::require(Kind::Location, location, "location")?,
        therapist
            .map(|t| id::require(Kind::Therapist, t, "therapist"))
            .transpose()?,
    ))
}

/// The intake form sent with a booking, validated; errors name `intake.<field>`.
pub fn intake_form(input: Option<IntakeInput>) -> ApiResult<Option<Form>> {
    input
        .map(Form::try_from)
        .transpose()
        .map_err(|e| e.within("intake"))
}

/// Saves the form, when one was sent, in the booking's transaction, and returns the
/// caller's intake as the booking's copy (none before a first save).
pub async fn intake_copy(
    txn: &DatabaseTransaction,
    client: Uuid,
    form: Option<Form>,
) -> ApiResult<Option<(Uuid, Json)>> {
    let row = match form {
        Some(form) => Some(intake::rules::save(txn, client, form).await?),
        None => intake::rules::find(txn, client).await?,
    };
    Ok(row.map(|row| (row.id, Form::of(&row).snapshot())))
}

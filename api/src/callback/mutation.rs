use async_graphql::{Context, ID, InputObject, Object};
use chrono::Utc;

use super::{CallbackRequest, rules};
use crate::{
    auth::{
        graphql::auth_context,
        guard::SignedIn,
        policy::{Action, require},
        principal::{client_address, principal},
    },
    error::{ApiError, ApiResult},
    graphql::{
        id::{self, Kind},
        loader::db,
    },
    validate,
};

#[derive(InputObject)]
pub struct RequestCallbackInput {
    pub clinic_id: ID,
    /// One of the clinic's locations, if the caller chose one.
    pub location_id: Option<ID>,
    pub name: String,
    pub phone: String,
    /// e.g. "weekday mornings"; up to 200 characters.
    #[graphql(default)]
    pub preferred_time: String,
    /// Up to 2000 characters.
    #[graphql(default)]
    pub message: String,
}

#[derive(Default)]
pub struct CallbackMutation;

#[Object]
impl CallbackMutation {
    /// Anyone, signed in or not; a few an hour from one address (`auth.callbacks_per_address`,
    /// 5 by default), counted per call, so aliases and batches do not multiply them.
    async fn request_callback(
        &self,
        ctx: &Context<'_>,
        input: RequestCallbackInput,
    ) -> ApiResult<CallbackRequest> {
        let db = db(ctx)?;
        let clinic_id = id::require(Kind::Clinic, &input.clinic_id, "clinic")?;
        let clinic = crate::clinic::rules::find(db, clinic_id).await?;
        let location_id = match &input.location_id {
            Some(location) => {
                let location = crate::location::rules::find(
                    db,
                    id::require(Kind::Location, location, "location")?,
                )
                .await?;
                if location.clinic_id != clinic.id {
                    return Err(ApiError::Validation {
                        field: "locationId".into(),
                        message: "the location belongs to another clinic".into(),
                        reason: Some("OTHER_CLINIC"),
                    });
                }
                Some(location.id)
            }
            None => None,
        };
        let phone = validate::phone("phone", Some(&input.phone))?
            .ok_or_else(|| ApiError::validation("phone", "give a phone number to call"))?;
        let new = rules::NewRequest {
            clinic_id: clinic.id,
            location_id,
            name: validate::text("name", &input.name, 1, 100)?,
            phone,
            preferred_time: validate::text("preferredTime", &input.preferred_time, 0, 200)?,
            message: validate::text("message", &input.message, 0, 2000)?,
        };
        let per_hour = auth_context(ctx)?.settings.callbacks_per_address;
        let address = client_address(ctx);
        let created = rules::create(db, new, &address, per_hour, Utc::now()).await?;
        Ok(CallbackRequest(created))
    }

    /// The clinic's admins and location managers.
    #[graphql(guard = "SignedIn")]
    async fn resolve_callback_request(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> ApiResult<CallbackRequest> {
        let db = db(ctx)?;
        let request = rules::find(
            db,
            id::require(Kind::CallbackRequest, &id, "callback request")?,
        )
        .await?;
        let caller = principal(ctx);
        require(
            caller,
            Action::ManageCallbacks {
                clinic_id: request.clinic_id,
            },
        )?;
        let resolved = rules::resolve(db, request, caller.user_id()?, Utc::now()).await?;
        Ok(CallbackRequest(resolved))
    }
}

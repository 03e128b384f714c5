use super::{Qualification, TherapistList, TherapistParent};
use crate::graphql::lists::list_page;
use async_graphql::{Context, ID, Object};
use uuid::Uuid;

use super::{Therapist, TherapistById};
use crate::{
    auth::{
        policy::{Action, allowed, require},
        principal::{Principal, principal},
    },
    clinic::ClinicById,
    error::{ApiError, ApiResult},
    graphql::{
        id::{self, Kind},
        loader::{Loader, loader},
        pagination::{Page, PageArgs, page_cost},
    },
    location::LocationById,
    service::ServiceById,
};

#[derive(Default)]
pub struct TherapistQuery;

/// A therapist the caller may see: anyone sees an active profile; an inactive one only the
/// clinic's staff, so its admins can find it again to reactivate it.
pub async fn find_visible(
    loader: &Loader,
    caller: &Principal,
    id: Uuid,
) -> ApiResult<Option<Therapist>> {
    let found = loader.load_one(TherapistById(id)).await?;
    Ok(found
        .filter(|t| {
            t.active
                || allowed(
                    caller,
                    Action::ReadClinicPrivate {
                        clinic_id: t.clinic_id,
                    },
                )
        })
        .map(Therapist))
}

#[Object]
impl TherapistQuery {
    /// Active therapists of a clinic or at a location, optionally only those qualified for a
    /// service, by name. At least one of `clinicId`, `locationId`, `serviceId` is required.
    /// `includeInactive` lists deactivated profiles too; the clinic's staff only.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    async fn therapists(
        &self,
        ctx: &Context<'_>,
        clinic_id: Option<ID>,
        location_id: Option<ID>,
        service_id: Option<ID>,
        #[graphql(default = false)] include_inactive: bool,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<Page<Therapist>> {
        let args = PageArgs::new(first, after, last, before);
        args.request()?;
        let loader = loader(ctx)?;
        let service = match service_id {
            Some(raw) => {
                let uuid = id::require(Kind::Service, &raw, "service")?;
                Some(
                    loader
                        .load_one(ServiceById(uuid))
                        .await?
                        .ok_or(ApiError::not_found("service"))?,
                )
            }
            None => None,
        };
        let (clinic, location): (Uuid, Option<Uuid>) = if let Some(raw) = location_id {
            let uuid = id::require(Kind::Location, &raw, "location")?;
            let location = loader
                .load_one(LocationById(uuid))
                .await?
                .ok_or(ApiError::not_found("location"))?;
            if service
                .as_ref()
                .is_some_and(|s| s.clinic_id != location.clinic_id)
            {
                return Err(ApiError::validation(
                    "serviceId",
                    "the service belongs to another clinic",
                ));
            }
            (location.clinic_id, Some(uuid))
        } else {
            let clinic = match (clinic_id, &service) {
                (Some(raw), _) => id::require(Kind::Clinic, &raw, "clinic")?,
                (None, Some(service)) => service.clinic_id,
                (None, None) => {
                    return Err(ApiError::validation(
                        "clinicId",
                        "give a clinicId, locationId or serviceId",
                    ));
                }
            };
            if loader.load_one(ClinicById(clinic)).await?.is_none() {
                return Err(ApiError::not_found("clinic"));
            }
            (clinic, None)
        };
        if include_inactive {
            require(
                principal(ctx),
                Action::ReadClinicPrivate { clinic_id: clinic },
            )?;
        }
        let (under, parent) = match location {
            Some(location) => (TherapistParent::Location, location),
            None => (TherapistParent::Clinic, clinic),
        };
        let list = TherapistList {
            under,
            include_inactive,
            qualified_for: service.map(|s| Qualification {
                clinic_id: s.clinic_id,
                modality: s.modality,
            }),
        };
        list_page(ctx, list, parent, args, Therapist).await
    }

    /// One therapist's profile; null when unknown, or inactive and the caller is not the
    /// clinic's staff.
    async fn therapist(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Option<Therapist>> {
        let Some(uuid) = id::decode(Kind::Therapist, &id) else {
            return Ok(None);
        };
        find_visible(loader(ctx)?, principal(ctx), uuid).await
    }
}

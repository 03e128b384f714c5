use async_graphql::{Context, ID, Object};
use entity::clinic;
use uuid::Uuid;

use crate::{
    access::GrantsOfClinic,
    auth::{
        graphql::RoleGrant,
        policy::{Action, require},
        principal::principal,
    },
    clinic::ClinicById,
    error::{ApiError, ApiResult},
    graphql::{
        id::{self, Kind},
        lists::list_page,
        loader::{load_list, loader},
        pagination::{Page, PageArgs, page_cost},
    },
    location::{Location, LocationList},
    service::{Modality, Service, ServiceList},
    therapist::{Therapist, TherapistList, TherapistParent},
};

/// A franchise brand with its locations, therapists and service catalogue.
pub struct Clinic(pub clinic::Model);

impl Clinic {
    /// The clinic a child row points to (its foreign key guarantees one).
    pub async fn of(ctx: &Context<'_>, clinic_id: Uuid) -> ApiResult<Clinic> {
        loader(ctx)?
            .load_one(ClinicById(clinic_id))
            .await?
            .map(Clinic)
            .ok_or(ApiError::not_found("clinic"))
    }
}

#[Object]
impl Clinic {
    pub async fn id(&self) -> ID {
        id::encode(Kind::Clinic, self.0.id)
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    /// URL-friendly unique name.
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    async fn description(&self) -> &str {
        &self.0.description
    }

    /// ISO 4217 code of the clinic's prices.
    async fn currency(&self) -> &str {
        &self.0.currency
    }

    /// How long before its start a booking can still be cancelled or moved without being late.
    async fn cancellation_cutoff_minutes(&self) -> i32 {
        self.0.cancellation_cutoff_minutes
    }

    /// How long before its start a slot can still be booked.
    async fn booking_lead_minutes(&self) -> i32 {
        self.0.booking_lead_minutes
    }

    /// Start times fall on this grid of local wall-clock minutes.
    async fn slot_step_minutes(&self) -> i32 {
        self.0.slot_step_minutes
    }

    /// How many days ahead a slot can be booked.
    async fn booking_horizon_days(&self) -> i32 {
        self.0.booking_horizon_days
    }

    /// Who holds a role in this clinic (franchise admins, location managers, therapists).
    /// Franchise admins of the clinic only.
    async fn staff(&self, ctx: &Context<'_>) -> ApiResult<Vec<RoleGrant>> {
        require(
            principal(ctx),
            Action::ManageClinic {
                clinic_id: self.0.id,
            },
        )?;
        let grants = load_list(ctx, GrantsOfClinic(self.0.id)).await?;
        Ok(grants.into_iter().map(RoleGrant).collect())
    }

    /// The clinic's locations, by name.
    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    async fn locations(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<Page<Location>> {
        let args = PageArgs::new(first, after, last, before);
        list_page(ctx, LocationList::OfClinic, self.0.id, args, Location).await
    }

    /// The clinic's active therapists, by name.
    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    async fn therapists(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<Page<Therapist>> {
        let args = PageArgs::new(first, after, last, before);
        let list = TherapistList::active(TherapistParent::Clinic);
        list_page(ctx, list, self.0.id, args, Therapist).await
    }

    /// The service catalogue, by name; archived services only when asked for.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    async fn services(
        &self,
        ctx: &Context<'_>,
        modality: Option<Modality>,
        #[graphql(default = false)] include_archived: bool,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<Page<Service>> {
        let list = ServiceList::OfClinic {
            modality: modality.map(Into::into),
            include_archived,
        };
        let args = PageArgs::new(first, after, last, before);
        list_page(ctx, list, self.0.id, args, Service).await
    }
}

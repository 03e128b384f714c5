use crate::{
    graphql::lists::list_page,
    therapist::{TherapistList, TherapistParent},
};
use async_graphql::{Context, ID, Object};
use entity::{service, service_variant};

use super::{Modality, PriceOverride, VariantsOfService};
use crate::{
    clinic::Clinic,
    error::{ApiError, ApiResult},
    graphql::{
        id::{self, Kind},
        loader::{load_list, loader},
        money::Money,
        pagination::{Page, PageArgs, page_cost},
    },
    location::LocationById,
    therapist::Therapist,
};

/// A bookable service of a clinic's catalogue.
pub struct Service(pub service::Model);

#[Object]
impl Service {
    pub async fn id(&self) -> ID {
        id::encode(Kind::Service, self.0.id)
    }

    async fn clinic(&self, ctx: &Context<'_>) -> ApiResult<Clinic> {
        Clinic::of(ctx, self.0.clinic_id).await
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    async fn description(&self) -> &str {
        &self.0.description
    }

    async fn modality(&self) -> Modality {
        self.0.modality.into()
    }

    /// Minutes the room and therapist stay blocked after the session.
    async fn cleanup_buffer_minutes(&self) -> i32 {
        self.0.cleanup_buffer_minutes
    }

    /// Whether a booking also takes a free room, at locations that have rooms.
    async fn requires_room(&self) -> bool {
        self.0.requires_room
    }

    /// Archived services stay visible on old bookings but cannot be booked.
    async fn archived(&self) -> bool {
        self.0.archived_at.is_some()
    }

    /// Duration variants with their list prices, shortest first.
    async fn variants(&self, ctx: &Context<'_>) -> ApiResult<Vec<ServiceVariant>> {
        let rows = load_list(ctx, VariantsOfService(self.0.id)).await?;
        Ok(rows.into_iter().map(ServiceVariant).collect())
    }

    /// Active therapists qualified for this service (optionally at one location), by name.
    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    async fn therapists(
        &self,
        ctx: &Context<'_>,
        location_id: Option<ID>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<Page<Therapist>> {
        let location = location_id
            .map(|raw| id::require(Kind::Location, &raw, "location"))
            .transpose()?;
        let list = TherapistList::active(TherapistParent::QualifiedFor { location });
        let args = PageArgs::new(first, after, last, before);
        list_page(ctx, list, self.0.id, args, Therapist).await
    }
}

/// One duration of a service with its list price.
pub struct ServiceVariant(pub service_variant::Model);

#[Object]
impl ServiceVariant {
    pub async fn id(&self) -> ID {
        id::encode(Kind::ServiceVariant, self.0.id)
    }

    async fn duration_minutes(&self) -> i32 {
        self.0.duration_minutes
    }

    /// The list price, before any location price or promotion.
    async fn price(&self) -> Money {
        Money::new(self.0.price_minor, self.0.currency.clone())
    }

    /// The price at one location: its override where it has one, else the list price.
    async fn price_at(&self, ctx: &Context<'_>, location_id: ID) -> ApiResult<Money> {
        let location_id = id::require(Kind::Location, &location_id, "location")?;
        let loader = loader(ctx)?;
        if loader.load_one(LocationById(location_id)).await?.is_none() {
            return Err(ApiError::not_found("location"));
        }
        let key = PriceOverride {
            variant_id: self.0.id,
            location_id,
        };
        Ok(match loader.load_one(key).await? {
            Some(row) => Money::new(row.price_minor, row.currency),
            None => Money::new(self.0.price_minor, self.0.currency.clone()),
        })
    }
}

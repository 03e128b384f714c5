use crate::{
    graphql::lists::list_page,
    service::ServiceList,
    therapist::{TherapistList, TherapistParent},
};
use async_graphql::{Context, ID, Object, SimpleObject};
use entity::{location, location_closure, opening_hours, room};
use uuid::Uuid;

use super::{ClosuresOfLocation, LocationById, OpeningHoursOfLocation, RoomsOfLocation, Weekday};
use crate::{
    clinic::Clinic,
    error::{ApiError, ApiResult},
    graphql::{
        id::{self, Kind},
        loader::{load_list, loader},
        pagination::{Page, PageArgs, page_cost},
        scalars::{Date, LocalTime},
    },
    service::Service,
    therapist::Therapist,
};

/// A place where a clinic gives sessions.
pub struct Location(pub location::Model);

impl Location {
    /// The location a child row points to (its foreign key guarantees one).
    pub async fn of(ctx: &Context<'_>, location_id: Uuid) -> ApiResult<Location> {
        loader(ctx)?
            .load_one(LocationById(location_id))
            .await?
            .map(Location)
            .ok_or(ApiError::not_found("location"))
    }
}

#[derive(SimpleObject)]
pub struct Address {
    pub line1: String,
    pub line2: Option<String>,
    pub city: String,
    pub region: Option<String>,
    pub postal_code: String,
    /// ISO 3166-1 alpha-2, e.g. `GB`.
    pub country_code: String,
}

#[Object]
impl Location {
    pub async fn id(&self) -> ID {
        id::encode(Kind::Location, self.0.id)
    }

    async fn clinic(&self, ctx: &Context<'_>) -> ApiResult<Clinic> {
        Clinic::of(ctx, self.0.clinic_id).await
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    async fn address(&self) -> Address {
        let m = &self.0;
        Address {
            line1: m.address_line1.clone(),
            line2: m.address_line2.clone(),
            city: m.city.clone(),
            region: m.region.clone(),
            postal_code: m.postal_code.clone(),
            country_code: m.country_code.clone(),
        }
    }

    /// IANA time zone (e.g. `Europe/London`); every `LocalTime` of this location is in it.
    async fn time_zone(&self) -> &str {
        &self.0.time_zone
    }

    async fn phone(&self) -> Option<&str> {
        self.0.phone.as_deref()
    }

    /// Weekly opening hours; a day may have several intervals, a missing day is closed.
    async fn opening_hours(&self, ctx: &Context<'_>) -> ApiResult<Vec<OpeningHours>> {
        let rows = load_list(ctx, OpeningHoursOfLocation(self.0.id)).await?;
        Ok(rows
            .into_iter()
            .filter_map(OpeningHours::from_model)
            .collect())
    }

    /// Dated closures (holidays), by start; `from`/`to` keep those overlapping that range.
    async fn closures(
        &self,
        ctx: &Context<'_>,
        from: Option<Date>,
        to: Option<Date>,
    ) -> ApiResult<Vec<Closure>> {
        let rows = load_list(ctx, ClosuresOfLocation(self.0.id)).await?;
        Ok(rows
            .into_iter()
            .filter(|c| from.is_none_or(|from| c.ends_on >= from.0))
            .filter(|c| to.is_none_or(|to| c.starts_on <= to.0))
            .map(Closure)
            .collect())
    }

    async fn rooms(&self, ctx: &Context<'_>) -> ApiResult<Vec<Room>> {
        let rows = load_list(ctx, RoomsOfLocation(self.0.id)).await?;
        Ok(rows.into_iter().map(Room).collect())
    }

    /// Active therapists working here, by name.
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
        let list = TherapistList::active(TherapistParent::Location);
        list_page(ctx, list, self.0.id, args, Therapist).await
    }

    /// The clinic's bookable (not archived) services, by name.
    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    async fn services(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<Page<Service>> {
        let args = PageArgs::new(first, after, last, before);
        list_page(
            ctx,
            ServiceList::bookable(),
            self.0.clinic_id,
            args,
            Service,
        )
        .await
    }
}

/// One opening interval on a weekday, in the location's time zone.
#[derive(SimpleObject)]
pub struct OpeningHours {
    pub weekday: Weekday,
    pub opens_at: LocalTime,
    pub closes_at: LocalTime,
}

impl OpeningHours {
    fn from_model(row: opening_hours::Model) -> Option<Self> {
        Some(Self {
            weekday: Weekday::from_iso_number(row.weekday)?,
            opens_at: LocalTime(row.opens_at),
            closes_at: LocalTime(row.closes_at),
        })
    }
}

/// A dated closure (holiday); both dates are included.
pub struct Closure(pub location_closure::Model);

#[Object]
impl Closure {
    pub async fn id(&self) -> ID {
        id::encode(Kind::Closure, self.0.id)
    }

    async fn location(&self, ctx: &Context<'_>) -> ApiResult<Location> {
        Location::of(ctx, self.0.location_id).await
    }

    async fn starts_on(&self) -> Date {
        Date(self.0.starts_on)
    }

    async fn ends_on(&self) -> Date {
        Date(self.0.ends_on)
    }

    async fn reason(&self) -> &str {
        &self.0.reason
    }
}

/// A treatment room; where rooms are modelled a booking needs a free one.
pub struct Room(pub room::Model);

#[Object]
impl Room {
    pub async fn id(&self) -> ID {
        id::encode(Kind::Room, self.0.id)
    }

    async fn location(&self, ctx: &Context<'_>) -> ApiResult<Location> {
        Location::of(ctx, self.0.location_id).await
    }

    async fn name(&self) -> &str {
        &self.0.name
    }
}

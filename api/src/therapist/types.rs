use crate::{graphql::lists::list_page, location::LocationList, service::ServiceList};
use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{therapist, therapist_schedule, therapist_time_off};

use super::{ScheduleOfTherapist, SpecialtiesOfTherapist, TherapistById, TimeOffBetween};
use crate::{
    auth::{
        policy::{Action, require},
        principal::principal,
    },
    clinic::Clinic,
    error::{ApiError, ApiResult},
    graphql::{
        id::{self, Kind},
        loader::{load_list, loader},
        pagination::{Page, PageArgs, page_cost},
        scalars::LocalTime,
    },
    location::{Location, Weekday},
    service::{Modality, Service},
};

/// The widest `timeOff(from, to)` range, so one field never reads a therapist's whole history.
const MAX_TIME_OFF_SPAN_DAYS: i64 = 400;

/// A therapist's public profile.
pub struct Therapist(pub therapist::Model);

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::CredentialKind")]
pub enum CredentialKind {
    Licence,
    Certification,
}

/// The licence or certification a therapist practises under.
#[derive(SimpleObject)]
pub struct Credential {
    pub kind: CredentialKind,
    /// The issuing body, e.g. a state board or a professional association.
    pub body: String,
    pub number: String,
}

#[Object]
impl Therapist {
    pub async fn id(&self) -> ID {
        id::encode(Kind::Therapist, self.0.id)
    }

    async fn clinic(&self, ctx: &Context<'_>) -> ApiResult<Clinic> {
        Clinic::of(ctx, self.0.clinic_id).await
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    async fn bio(&self) -> &str {
        &self.0.bio
    }

    async fn credential(&self) -> Credential {
        Credential {
            kind: self.0.credential_kind.into(),
            body: self.0.credential_body.clone(),
            number: self.0.credential_number.clone(),
        }
    }

    /// Minutes kept free after each session.
    async fn buffer_minutes(&self) -> i32 {
        self.0.buffer_minutes
    }

    /// The modalities this therapist is qualified for.
    async fn specialties(&self, ctx: &Context<'_>) -> ApiResult<Vec<Modality>> {
        let specialties = load_list(ctx, SpecialtiesOfTherapist(self.0.id)).await?;
        Ok(specialties.into_iter().map(Modality::from).collect())
    }

    /// Where this therapist works, by name.
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
        list_page(ctx, LocationList::OfTherapist, self.0.id, args, Location).await
    }

    /// The clinic's bookable services this therapist is qualified for, by name.
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
            ServiceList::QualifiedTherapist,
            self.0.id,
            args,
            Service,
        )
        .await
    }

    /// Weekly working hours, optionally at one location.
    async fn schedule(
        &self,
        ctx: &Context<'_>,
        location_id: Option<ID>,
    ) -> ApiResult<Vec<ScheduleInterval>> {
        let only = match location_id {
            Some(raw) => Some(id::require(Kind::Location, &raw, "location")?),
            None => None,
        };
        let rows = load_list(ctx, ScheduleOfTherapist(self.0.id)).await?;
        Ok(rows
            .into_iter()
            .filter(|row| only.is_none_or(|l| row.location_id == l))
            .filter_map(ScheduleInterval::from_model)
            .collect())
    }

    /// Time off overlapping `[from, to)` (at most 400 days), earliest first. The clinic's
    /// staff and the therapist only.
    async fn time_off(
        &self,
        ctx: &Context<'_>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> ApiResult<Vec<TimeOff>> {
        let (clinic_id, therapist_id) = (self.0.clinic_id, self.0.id);
        require(
            principal(ctx),
            Action::ReadTimeOff {
                clinic_id,
                therapist_id,
            },
        )?;
        if to <= from {
            return Err(ApiError::validation("to", "must be after from"));
        }
        if to - from > chrono::Duration::days(MAX_TIME_OFF_SPAN_DAYS) {
            return Err(ApiError::validation(
                "to",
                format!("the range spans at most {MAX_TIME_OFF_SPAN_DAYS} days"),
            ));
        }
        let rows = load_list(
            ctx,
            TimeOffBetween {
                therapist_id,
                from,
                to,
            },
        )
        .await?;
        Ok(rows.into_iter().map(TimeOff).collect())
    }
}

/// A weekly working interval at one location, in that location's time zone.
pub struct ScheduleInterval {
    row: therapist_schedule::Model,
    weekday: Weekday,
}

impl ScheduleInterval {
    fn from_model(row: therapist_schedule::Model) -> Option<Self> {
        let weekday = Weekday::from_iso_number(row.weekday)?;
        Some(Self { row, weekday })
    }
}

#[Object]
impl ScheduleInterval {
    async fn location(&self, ctx: &Context<'_>) -> ApiResult<Location> {
        Location::of(ctx, self.row.location_id).await
    }

    async fn weekday(&self) -> Weekday {
        self.weekday
    }

    async fn starts_at(&self) -> LocalTime {
        LocalTime(self.row.starts_at)
    }

    async fn ends_at(&self) -> LocalTime {
        LocalTime(self.row.ends_at)
    }
}

/// A span during which the therapist takes no bookings.
pub struct TimeOff(pub therapist_time_off::Model);

#[Object]
impl TimeOff {
    pub async fn id(&self) -> ID {
        id::encode(Kind::TimeOff, self.0.id)
    }

    async fn therapist(&self, ctx: &Context<'_>) -> ApiResult<Therapist> {
        loader(ctx)?
            .load_one(TherapistById(self.0.therapist_id))
            .await?
            .map(Therapist)
            .ok_or(ApiError::not_found("therapist"))
    }

    async fn starts_at(&self) -> DateTime<Utc> {
        self.0.starts_at
    }

    /// Exclusive.
    async fn ends_at(&self) -> DateTime<Utc> {
        self.0.ends_at
    }

    async fn reason(&self) -> &str {
        &self.0.reason
    }
}

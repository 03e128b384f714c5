//! Reading the calendar: free slots for anyone; bookings for those they concern.

use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, Utc};

use std::{collections::HashMap, sync::Arc};

use entity::therapist;
use sea_orm::PaginatorTrait;
use uuid::Uuid;

use super::{
    Booking, BookingStatus, Purpose, Slot, find_visible, input, lists, slots, slots::Range, target,
    timing,
};
use crate::{
    auth::{
        guard::SignedIn,
        policy::{BookingScope, booking_scope},
        principal::principal,
    },
    error::{ApiError, ApiResult},
    graphql::{
        id::{self, Kind},
        keyset,
        loader::db,
        pagination::{Page, PageArgs, connection, page_cost, wants_total},
        scalars::Date,
    },
    intake, validate,
};

#[derive(InputObject)]
pub struct AvailableSlotsInput {
    pub service_id: ID,
    pub location_id: ID,
    /// Only this therapist's slots.
    pub therapist_id: Option<ID>,
    /// One of the service's durations; the shortest when left out.
    pub duration_minutes: Option<i32>,
    pub from: DateTime<Utc>,
    /// Exclusive; at most 31 days after `from`.
    pub to: DateTime<Utc>,
    /// Pre- and post-event sessions keep only the days the clinics recommend around the race.
    pub purpose: Option<Purpose>,
    /// The race day; defaults to the next race in the caller's intake.
    pub race_date: Option<Date>,
}

/// Narrows `bookings`; every field optional.
#[derive(InputObject, Default)]
pub struct BookingFilter {
    /// Any of these statuses.
    pub status: Option<Vec<BookingStatus>>,
    /// Starting at or after.
    pub from: Option<DateTime<Utc>>,
    /// Starting before.
    pub to: Option<DateTime<Utc>>,
    pub location_id: Option<ID>,
    pub therapist_id: Option<ID>,
    pub client_id: Option<ID>,
}

impl TryFrom<BookingFilter> for lists::Filter {
    type Error = ApiError;

    fn try_from(input: BookingFilter) -> ApiResult<Self> {
        let optional = |id: Option<ID>, kind, field: &str| {
            id.map(|id| {
                id::decode(kind, &id)
                    .ok_or_else(|| ApiError::validation(field, "not an ID of this kind"))
            })
            .transpose()
        };
        Ok(lists::Filter {
            statuses: input
                .status
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            from: input.from,
            to: input.to,
            location_id: optional(input.location_id, Kind::Location, "filter.locationId")?,
            therapist_id: optional(input.therapist_id, Kind::Therapist, "filter.therapistId")?,
            client_id: optional(input.client_id, Kind::User, "filter.clientId")?,
        })
    }
}

#[derive(Default)]
pub struct BookingQuery;

#[Object]
impl BookingQuery {
    /// The bookings the caller may see (their own as a client, their own as a therapist,
    /// their locations' as a manager, their clinic's as an admin), by start.
    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    async fn bookings(
        &self,
        ctx: &Context<'_>,
        #[graphql(default)] filter: BookingFilter,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<Page<Booking>> {
        let filter = lists::Filter::try_from(filter)?;
        let scope = booking_scope(principal(ctx));
        page_of(
            ctx,
            &scope,
            &filter,
            PageArgs::new(first, after, last, before),
        )
        .await
    }

    /// The caller's own bookings as a client, by start.
    #[graphql(
        guard = "SignedIn",
        complexity = "page_cost(first, last, child_complexity)"
    )]
    async fn my_bookings(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<Page<Booking>> {
        let filter = lists::Filter {
            client_id: Some(principal(ctx).user_id()?),
            ..lists::Filter::default()
        };
        let scope = booking_scope(principal(ctx));
        page_of(
            ctx,
            &scope,
            &filter,
            PageArgs::new(first, after, last, before),
        )
        .await
    }

    /// One booking; null when unknown or not the caller's to see.
    async fn booking(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Option<Booking>> {
        let Some(uuid) = id::decode(Kind::Booking, &id) else {
            return Ok(None);
        };
        find_visible(ctx, uuid).await
    }

    /// Free start times, sorted by start and then therapist (by name). Anyone may ask.
    async fn available_slots(
        &self,
        ctx: &Context<'_>,
        input: AvailableSlotsInput,
    ) -> ApiResult<Vec<Slot>> {
        let db = db(ctx)?;
        let (service_id, location_id, therapist_id) = input::ids(
            &input.service_id,
            &input.location_id,
            input.therapist_id.as_ref(),
        )?;
        let now = Utc::now();
        let range = Range::new(
            validate::near_now("from", input.from, now)?,
            validate::near_now("to", input.to, now)?,
        )?;
        let window = match input.purpose.map(timing::Purpose::from) {
            Some(purpose) if timing::needs_race(purpose) => {
                let race_day = match input.race_date {
                    Some(day) => day.0,
                    None => race_day_from_intake(ctx).await?,
                };
                let race_day = validate::date_near_today("raceDate", race_day, now.date_naive())?;
                timing::window(purpose, race_day)
            }
            _ => None,
        };
        let target = target::find(db, service_id, location_id, input.duration_minutes).await?;
        let free = slots::free(db, &target, therapist_id, range, window, now).await?;
        let profiles: HashMap<Uuid, Arc<therapist::Model>> = free
            .therapists
            .into_iter()
            .map(|(id, model)| (id, Arc::new(model)))
            .collect();
        Ok(free
            .slots
            .iter()
            .filter_map(|slot| {
                let profile = profiles.get(&slot.therapist)?.clone();
                Some(Slot::new(slot, free.zone, profile))
            })
            .collect())
    }
}

/// A page of the bookings the caller may see, by start.
async fn page_of(
    ctx: &Context<'_>,
    scope: &BookingScope,
    filter: &lists::Filter,
    args: PageArgs,
) -> ApiResult<Page<Booking>> {
    let request = args.request_for(&lists::sort())?;
    let db = db(ctx)?;
    let page = keyset::page(db, lists::select(scope, filter), &lists::sort(), &request).await?;
    let total = if wants_total(ctx) {
        lists::select(scope, filter).count(db).await?
    } else {
        0
    };
    Ok(connection(page, &request, total, Booking))
}

/// The next race of the caller's intake, for pre- and post-event slots.
async fn race_day_from_intake(ctx: &Context<'_>) -> ApiResult<chrono::NaiveDate> {
    let missing = || {
        ApiError::validation(
            "raceDate",
            "give the race date, or save it in your intake first",
        )
    };
    let Ok(me) = principal(ctx).user_id() else {
        return Err(missing());
    };
    intake::rules::find(db(ctx)?, me)
        .await?
        .and_then(|row| row.next_race_on)
        .ok_or_else(missing)
}

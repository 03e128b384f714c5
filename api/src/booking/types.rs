//! Bookings and free slots as clients see them. Instants carry the location's UTC offset
//! at that instant, so an app shows local time without a time-zone library.

use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;
use std::sync::Arc;

use entity::{booking, therapist};
use uuid::Uuid;

use crate::{
    access::UserById,
    auth::{
        graphql::User,
        policy::{Parties, may_read_intake},
        principal::principal,
    },
    error::{ApiError, ApiResult},
    graphql::{
        id::{self, Kind},
        loader::loader,
        money::Money,
    },
    intake::Intake,
    location::{Location, Room},
    promotion::{Offer, RedemptionsOfBooking},
    service::{Service, ServiceById},
    therapist::{Therapist, TherapistById},
};

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::BookingStatus")]
pub enum BookingStatus {
    Pending,
    Confirmed,
    Completed,
    CancelledByClient,
    CancelledByClinic,
    NoShow,
}

/// What a session is for; pre- and post-event sessions are timed around a race.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// 2–5 days before the race.
    PreEvent,
    /// The three days after race day (24–72 hours after).
    PostEvent,
    Maintenance,
}

impl From<Purpose> for super::timing::Purpose {
    fn from(purpose: Purpose) -> Self {
        match purpose {
            Purpose::PreEvent => Self::PreEvent,
            Purpose::PostEvent => Self::PostEvent,
            Purpose::Maintenance => Self::Maintenance,
        }
    }
}

/// An instant as the location's clock shows it.
pub fn local(at: DateTime<Utc>, zone: Tz) -> DateTime<FixedOffset> {
    at.with_timezone(&zone).fixed_offset()
}

async fn zone_of(ctx: &Context<'_>, location_id: Uuid) -> ApiResult<Tz> {
    let location = Location::of(ctx, location_id).await?;
    super::calendar::zone(&location.0)
}

/// A start time a service can be booked at, with the therapist (and room) it would take.
pub struct Slot {
    pub starts_at: DateTime<FixedOffset>,
    pub ends_at: DateTime<FixedOffset>,
    /// Read with the calendar: a slot list names few therapists many times over.
    pub therapist: Arc<therapist::Model>,
    pub room_id: Option<Uuid>,
}

impl Slot {
    pub fn new(
        slot: &super::availability::Slot,
        zone: Tz,
        therapist: Arc<therapist::Model>,
    ) -> Self {
        Self {
            starts_at: local(slot.starts_at, zone),
            ends_at: local(slot.ends_at, zone),
            therapist,
            room_id: slot.room,
        }
    }
}

#[Object]
impl Slot {
    async fn starts_at(&self) -> DateTime<FixedOffset> {
        self.starts_at
    }

    async fn ends_at(&self) -> DateTime<FixedOffset> {
        self.ends_at
    }

    async fn therapist(&self) -> Therapist {
        Therapist(self.therapist.as_ref().clone())
    }

    /// The room it would take, at locations that have rooms.
    async fn room_id(&self) -> Option<ID> {
        self.room_id.map(|room| id::encode(Kind::Room, room))
    }
}

async fn therapist(ctx: &Context<'_>, therapist_id: Uuid) -> ApiResult<Therapist> {
    loader(ctx)?
        .load_one(TherapistById(therapist_id))
        .await?
        .map(Therapist)
        .ok_or(ApiError::not_found("therapist"))
}

/// What a booking costs: the list price, the discount and what the client pays.
#[derive(SimpleObject)]
pub struct BookingPrice {
    pub list: Money,
    pub discount: Money,
    #[graphql(name = "final")]
    pub final_price: Money,
    /// Each promotion that makes up the discount, and those given back.
    pub promotions: Vec<BookingDiscount>,
    /// When a move last changed the price: the client moved the booking, and it was priced
    /// again at the new start (keeping what it holds while the window allows, with the
    /// same code). Null while the price is the one quoted at booking.
    pub repriced_at: Option<DateTime<Utc>>,
}

/// What gave a promotion's redemption back.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::ReleasedBy")]
pub enum ReleasedBy {
    /// The booking was cancelled.
    Cancellation,
    /// The booking moved and was priced again without it (the new start is outside its
    /// window, or a better offer applies there).
    Reschedule,
}

/// One promotion's part of a booking's discount.
#[derive(SimpleObject)]
pub struct BookingDiscount {
    pub promotion: Offer,
    pub discount: Money,
    /// Given back: it no longer counts toward the booking's discount or the caps.
    pub released: bool,
    /// Why it was given back; null while held.
    pub released_by: Option<ReleasedBy>,
}

/// An appointment: a client, a therapist, a service and a location at a time.
pub struct Booking(pub booking::Model);

#[Object]
impl Booking {
    pub async fn id(&self) -> ID {
        id::encode(Kind::Booking, self.0.id)
    }

    async fn status(&self) -> BookingStatus {
        self.0.status.into()
    }

    async fn starts_at(&self, ctx: &Context<'_>) -> ApiResult<DateTime<FixedOffset>> {
        Ok(local(
            self.0.starts_at,
            zone_of(ctx, self.0.location_id).await?,
        ))
    }

    async fn ends_at(&self, ctx: &Context<'_>) -> ApiResult<DateTime<FixedOffset>> {
        Ok(local(
            self.0.ends_at,
            zone_of(ctx, self.0.location_id).await?,
        ))
    }

    async fn duration_minutes(&self) -> i64 {
        (self.0.ends_at - self.0.starts_at).num_minutes()
    }

    /// Who the session is for.
    async fn client(&self, ctx: &Context<'_>) -> ApiResult<User> {
        let user = loader(ctx)?
            .load_one(UserById(self.0.client_user_id))
            .await?
            .ok_or(ApiError::not_found("user"))?;
        let own = principal(ctx)
            .user_id()
            .is_ok_and(|me| me == self.0.client_user_id);
        Ok(if own {
            User::own(user)
        } else {
            User::seen_by_others(user)
        })
    }

    async fn location(&self, ctx: &Context<'_>) -> ApiResult<Location> {
        Location::of(ctx, self.0.location_id).await
    }

    async fn therapist(&self, ctx: &Context<'_>) -> ApiResult<Therapist> {
        therapist(ctx, self.0.therapist_id).await
    }

    async fn service(&self, ctx: &Context<'_>) -> ApiResult<Service> {
        loader(ctx)?
            .load_one(ServiceById(self.0.service_id))
            .await?
            .map(Service)
            .ok_or(ApiError::not_found("service"))
    }

    async fn room(&self, ctx: &Context<'_>) -> ApiResult<Option<Room>> {
        let Some(room_id) = self.0.room_id else {
            return Ok(None);
        };
        let rooms = loader(ctx)?
            .load_one(crate::location::RoomsOfLocation(self.0.location_id))
            .await?
            .unwrap_or_default();
        Ok(rooms.into_iter().find(|r| r.id == room_id).map(Room))
    }

    async fn price(&self, ctx: &Context<'_>) -> ApiResult<BookingPrice> {
        let money = |amount| Money::new(amount, &self.0.currency);
        let redemptions = loader(ctx)?
            .load_one(RedemptionsOfBooking(self.0.id))
            .await?
            .unwrap_or_default();
        Ok(BookingPrice {
            list: money(self.0.list_price_minor),
            discount: money(self.0.discount_minor),
            final_price: money(self.0.final_price_minor),
            promotions: redemptions
                .into_iter()
                .map(|(redemption, promotion)| BookingDiscount {
                    discount: money(redemption.discount_minor),
                    released: redemption.released_at.is_some(),
                    released_by: redemption.released_by.map(Into::into),
                    promotion: Offer(promotion),
                })
                .collect(),
            repriced_at: self.0.repriced_at,
        })
    }

    /// Cancelled after the clinic's cutoff.
    async fn late_cancellation(&self) -> bool {
        self.0.late_cancellation
    }

    async fn cancellation_reason(&self) -> Option<&str> {
        self.0.cancellation_reason.as_deref()
    }

    async fn cancelled_at(&self) -> Option<DateTime<Utc>> {
        self.0.cancelled_at
    }

    /// The client's intake as it read when the booking was made: to the client, the
    /// booked therapist and the clinic's staff; null to everyone else.
    async fn intake(&self, ctx: &Context<'_>) -> Option<Intake> {
        if !may_read_intake(principal(ctx), Parties::of(&self.0)) {
            return None;
        }
        self.0
            .intake_snapshot
            .as_ref()
            .and_then(Intake::from_snapshot)
    }

    /// The maintenance series it was booked in (shared by the series' bookings).
    async fn series_id(&self) -> Option<ID> {
        self.0.series_id.map(|s| id::encode(Kind::BookingSeries, s))
    }

    /// The client's note for the therapist.
    async fn notes(&self) -> &str {
        &self.0.notes
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

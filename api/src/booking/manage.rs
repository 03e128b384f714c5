//! Running the day: confirming, moving, cancelling, completing and marking no-shows.

use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, TimeDelta, Utc};
use entity::booking;
use sea_orm::DatabaseTransaction;

use super::{Booking, change, lifecycle::Step, target, write};
use crate::{
    auth::{
        guard::SignedIn,
        policy::{BookingAction, Parties, acts_for_clinic, may, may_reassign},
        principal::principal,
    },
    error::{ApiError, ApiResult},
    graphql::{
        id::{self, Kind},
        loader::db,
    },
    validate,
};

#[derive(InputObject)]
pub struct RescheduleBookingInput {
    pub id: ID,
    /// One of the free `availableSlots` for the booking's service and location.
    pub starts_at: DateTime<Utc>,
    /// Another therapist; the same one when left out.
    pub therapist_id: Option<ID>,
    /// A client's move prices the booking again at the new start: the promotions it holds
    /// stay while their window takes in that start. A move that would then cost more is
    /// refused (CONFLICT `PRICE_CHANGED`) unless this is true. The clinic's moves never
    /// change the price.
    #[graphql(default)]
    pub accept_new_price: bool,
}

/// The booking, locked in `txn`, if the caller may take `action` on it: NOT_FOUND when they
/// may not even see it (an ID reveals nothing), FORBIDDEN when they may see but not act.
async fn for_action(
    ctx: &Context<'_>,
    txn: &DatabaseTransaction,
    id: &ID,
    action: BookingAction,
) -> ApiResult<booking::Model> {
    let uuid = id::require(Kind::Booking, id, "booking")?;
    let booking = change::find_for_update(txn, uuid).await?;
    let caller = principal(ctx);
    let parties = Parties::of(&booking);
    if !may(caller, BookingAction::Read, parties) {
        return Err(ApiError::not_found("booking"));
    }
    if !may(caller, action, parties) {
        return Err(ApiError::Forbidden);
    }
    Ok(booking)
}

async fn take_step(
    ctx: &Context<'_>,
    id: &ID,
    action: BookingAction,
    step: impl FnOnce(bool) -> Step,
    reason: Option<String>,
) -> ApiResult<Booking> {
    let db = db(ctx)?;
    let txn = write::begin(db).await?;
    let booking = for_action(ctx, &txn, id, action).await?;
    let by_clinic = acts_for_clinic(principal(ctx), Parties::of(&booking));
    let clinic = crate::clinic::rules::find(&txn, booking.clinic_id).await?;
    let cutoff = TimeDelta::minutes(i64::from(clinic.cancellation_cutoff_minutes));
    let changed = change::step(&txn, booking, step(by_clinic), cutoff, reason, Utc::now()).await?;
    txn.commit().await?;
    Ok(Booking(changed))
}

#[derive(Default)]
pub struct BookingLifecycleMutation;

#[Object]
impl BookingLifecycleMutation {
    /// A pending booking is confirmed: the therapist, the location's staff, the clinic's
    /// admins.
    #[graphql(guard = "SignedIn")]
    async fn confirm_booking(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Booking> {
        take_step(ctx, &id, BookingAction::RunTheDay, |_| Step::Confirm, None).await
    }

    /// Once the session has started: the therapist, the location's staff, the clinic's
    /// admins.
    #[graphql(guard = "SignedIn")]
    async fn complete_booking(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Booking> {
        take_step(ctx, &id, BookingAction::RunTheDay, |_| Step::Complete, None).await
    }

    /// The client did not come: as `completeBooking`.
    #[graphql(guard = "SignedIn")]
    async fn mark_no_show(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Booking> {
        take_step(ctx, &id, BookingAction::RunTheDay, |_| Step::NoShow, None).await
    }

    /// The client cancels their own booking before it starts (inside the clinic's cutoff it
    /// is flagged `lateCancellation`); the therapist and staff cancel for the clinic at any
    /// time.
    #[graphql(guard = "SignedIn")]
    async fn cancel_booking(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: Option<String>,
    ) -> ApiResult<Booking> {
        let reason = validate::optional_text("reason", reason.as_deref(), 500)?;
        let step = |by_clinic| Step::Cancel { by_clinic };
        take_step(ctx, &id, BookingAction::Cancel, step, reason).await
    }

    /// Moves a booking to another free slot in one step: if the new time cannot be had, the
    /// booking keeps its old one. Clients may move their own until the clinic's cutoff; a
    /// therapist may move their own but not hand it to a colleague.
    #[graphql(guard = "SignedIn")]
    async fn reschedule_booking(
        &self,
        ctx: &Context<'_>,
        input: RescheduleBookingInput,
    ) -> ApiResult<Booking> {
        let therapist_id = input
            .therapist_id
            .as_ref()
            .map(|t| id::require(Kind::Therapist, t, "therapist"))
            .transpose()?;
        let starts_at = validate::near_now("startsAt", input.starts_at, Utc::now())?;
        let db = db(ctx)?;
        let txn = write::begin(db).await?;
        let booking = for_action(ctx, &txn, &input.id, BookingAction::Reschedule).await?;
        let parties = Parties::of(&booking);
        if therapist_id.is_some_and(|t| t != booking.therapist_id)
            && !may_reassign(principal(ctx), parties)
        {
            return Err(ApiError::Forbidden);
        }
        let by_clinic = acts_for_clinic(principal(ctx), parties);
        let target = target::of_booking(&txn, &booking).await?;
        let to = change::MoveTo {
            therapist_id,
            starts_at,
            by_clinic,
            accept_new_price: input.accept_new_price,
        };
        let moved = change::reschedule(&txn, booking, &target, to, Utc::now()).await?;
        txn.commit().await?;
        Ok(Booking(moved))
    }
}

//! Making bookings.

use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{
    Booking,
    create::{self, NewBooking},
    input, target, write,
};
use crate::{
    auth::{guard::SignedIn, principal::principal},
    error::{ApiError, ApiResult},
    graphql::loader::db,
    intake::IntakeInput,
    promotion::charge,
    validate,
};

#[derive(InputObject)]
pub struct CreateBookingInput {
    pub service_id: ID,
    pub location_id: ID,
    /// Left out, the clinic picks the free qualified therapist with the fewest bookings
    /// that day.
    pub therapist_id: Option<ID>,
    /// One of the free `availableSlots`.
    pub starts_at: DateTime<Utc>,
    /// One of the service's durations; the shortest when left out.
    pub duration_minutes: Option<i32>,
    /// Saved together with the booking (both or neither); the booking keeps a copy of the
    /// form as it reads then.
    pub intake: Option<IntakeInput>,
    /// Sending the same key again returns the booking the first call made (1–100
    /// characters, per caller).
    pub idempotency_key: Option<String>,
    /// A note for the therapist, up to 1000 characters.
    #[graphql(default)]
    pub notes: String,
    /// A promotion code (any case); automatic promotions apply without one.
    pub promo_code: Option<String>,
    /// Book at the price without a promotion that turns out to be used up, instead of
    /// being refused with `PROMOTION_EXHAUSTED` / `PROMOTION_CLIENT_LIMIT`.
    #[graphql(default)]
    pub accept_list_price: bool,
}

#[derive(Default)]
pub struct BookingMutation;

#[Object]
impl BookingMutation {
    /// Books a free slot for the caller. CONFLICT with `SLOT_TAKEN` (or `ROOM_TAKEN`) when
    /// someone else holds it; VALIDATION with `NOT_BOOKABLE` when no session can start then.
    #[graphql(guard = "SignedIn")]
    async fn create_booking(
        &self,
        ctx: &Context<'_>,
        input: CreateBookingInput,
    ) -> ApiResult<Booking> {
        let db = db(ctx)?;
        let me = principal(ctx).user_id()?;
        let now = Utc::now();
        let (service_id, location_id, therapist_id) = input::ids(
            &input.service_id,
            &input.location_id,
            input.therapist_id.as_ref(),
        )?;
        let starts_at = validate::near_now("startsAt", input.starts_at, now)?;
        let key = input
            .idempotency_key
            .as_deref()
            .map(|k| validate::text("idempotencyKey", k, 1, 100))
            .transpose()?;
        let notes = validate::text("notes", &input.notes, 0, 1000)?;
        let form = input::intake_form(input.intake)?;
        let request = Request {
            service_id,
            location_id,
            starts_at,
        };
        let code = validate::optional_text("promoCode", input.promo_code.as_deref(), 64)?;
        let target = target::find(db, service_id, location_id, input.duration_minutes).await?;

        let txn = write::begin(db).await?;
        // Read under the write lock (SQLite) so a retry queued behind its original finds it.
        if let Some(key) = &key
            && let Some(done) = create::replay(&txn, me, key).await?
        {
            txn.rollback().await?;
            return request.replayed(done);
        }
        let intake = input::intake_copy(&txn, me, form).await?;
        let ask = charge::Ask {
            client: me,
            starts_at,
            code: code.as_deref(),
            accept_list_price: input.accept_list_price,
            again: None,
        };
        let priced = match charge::price_and_take(&txn, &target, ask, now).await {
            Ok(priced) => priced,
            Err(error) => {
                txn.rollback().await?;
                return request.or_replay(db, me, key.as_deref(), error).await;
            }
        };
        let new = NewBooking {
            target: &target,
            therapist_id,
            starts_at,
            client_user_id: me,
            created_by_user_id: me,
            intake,
            charge: priced.charge.clone(),
            idempotency_key: key.clone(),
            series_id: None,
            notes,
        };
        match create::create(&txn, new, &priced.redemptions, now).await {
            Ok(booking) => {
                txn.commit().await?;
                Ok(Booking(booking))
            }
            Err(error) => {
                txn.rollback().await?;
                request.or_replay(db, me, key.as_deref(), error).await
            }
        }
    }
}

/// What identifies a create request, to tell a retry from a reused key.
struct Request {
    service_id: Uuid,
    location_id: Uuid,
    starts_at: DateTime<Utc>,
}

impl Request {
    /// A conflict may be the same request, sent twice at once, that the other call made
    /// (PostgreSQL): then its booking is the answer.
    async fn or_replay(
        &self,
        db: &sea_orm::DatabaseConnection,
        me: Uuid,
        key: Option<&str>,
        error: ApiError,
    ) -> ApiResult<Booking> {
        if let (ApiError::Conflict { .. }, Some(key)) = (&error, key)
            && let Some(done) = create::replay(db, me, key).await?
        {
            return self.replayed(done);
        }
        Err(error)
    }

    /// A replayed key must name the same booking; another one is the caller's mistake.
    fn replayed(&self, done: entity::booking::Model) -> ApiResult<Booking> {
        if done.service_id == self.service_id
            && done.location_id == self.location_id
            && done.starts_at == self.starts_at
        {
            Ok(Booking(done))
        } else {
            Err(ApiError::Conflict {
                message: "this idempotency key was used for another booking".into(),
                field: Some("idempotencyKey".into()),
                reason: Some("IDEMPOTENCY_KEY_REUSED"),
            })
        }
    }
}

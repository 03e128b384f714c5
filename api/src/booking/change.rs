//! Moving a booking along its lifecycle, and to another time. Each write is conditional on
//! the status it was read in, so two staff members acting at once never both succeed:
//! the loser is told the status the winner left.

use chrono::{DateTime, TimeDelta, Utc};
use entity::{booking, enums::BookingStatus};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect,
    sea_query::Expr,
};
use uuid::Uuid;

use super::{
    assign::{self, SlotWrite, Want},
    availability::Slot,
    lifecycle::{self, Refusal, Step},
    target::Target,
};
use crate::{
    error::{ApiError, ApiResult},
    promotion::reprice,
};

/// The GraphQL name of a status, for errors that report it.
pub fn status_name(status: BookingStatus) -> &'static str {
    match status {
        BookingStatus::Pending => "PENDING",
        BookingStatus::Confirmed => "CONFIRMED",
        BookingStatus::Completed => "COMPLETED",
        BookingStatus::CancelledByClient => "CANCELLED_BY_CLIENT",
        BookingStatus::CancelledByClinic => "CANCELLED_BY_CLINIC",
        BookingStatus::NoShow => "NO_SHOW",
    }
}

fn refused(refusal: Refusal) -> ApiError {
    let rule = |field: &str, message: &str, reason| ApiError::Validation {
        field: field.into(),
        message: message.into(),
        reason: Some(reason),
    };
    match refusal {
        Refusal::FromStatus(status) => ApiError::InvalidTransition {
            current: status_name(status),
        },
        Refusal::NotStarted => rule("id", "the session has not started yet", "NOT_STARTED"),
        Refusal::Started => rule("id", "the session has started; ask the clinic", "STARTED"),
        Refusal::PastCutoff => rule(
            "id",
            "it is too close to the start to move it; ask the clinic",
            "PAST_CUTOFF",
        ),
    }
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> ApiResult<booking::Model> {
    booking::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::not_found("booking"))
}

/// The booking, locked until the transaction ends (PostgreSQL; SQLite's IMMEDIATE
/// transaction already holds the write lock), so who may act and what it allows are
/// decided on the row the write will change.
pub async fn find_for_update(txn: &DatabaseTransaction, id: Uuid) -> ApiResult<booking::Model> {
    booking::Entity::find_by_id(id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or(ApiError::not_found("booking"))
}

/// The booking again after a conditional write matched nothing: someone changed its status.
async fn lost_race(db: &impl ConnectionTrait, id: Uuid) -> ApiError {
    match find(db, id).await {
        Ok(now) => ApiError::InvalidTransition {
            current: status_name(now.status),
        },
        Err(error) => error,
    }
}

/// Confirm, complete, mark a no-show or cancel.
pub async fn step(
    db: &impl ConnectionTrait,
    booking: booking::Model,
    step: Step,
    cutoff: TimeDelta,
    reason: Option<String>,
    now: DateTime<Utc>,
) -> ApiResult<booking::Model> {
    let outcome =
        lifecycle::apply(step, booking.status, booking.starts_at, cutoff, now).map_err(refused)?;
    let cancelling = matches!(step, Step::Cancel { .. });
    let mut update = booking::Entity::update_many()
        .col_expr(booking::Column::Status, Expr::value(outcome.status))
        .col_expr(booking::Column::UpdatedAt, Expr::value(now));
    if cancelling {
        update = update
            .col_expr(booking::Column::CancelledAt, Expr::value(now))
            .col_expr(booking::Column::CancellationReason, Expr::value(reason))
            .col_expr(booking::Column::LateCancellation, Expr::value(outcome.late));
    }
    let result = update
        .filter(booking::Column::Id.eq(booking.id))
        .filter(booking::Column::Status.eq(booking.status))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(lost_race(db, booking.id).await);
    }
    if cancelling {
        crate::promotion::redemptions::release(db, booking.id, now).await?;
    }
    find(db, booking.id).await
}

/// How a booking is to move.
pub struct MoveTo {
    pub therapist_id: Option<Uuid>,
    pub starts_at: DateTime<Utc>,
    /// The clinic moves it: its price never changes.
    pub by_clinic: bool,
    /// The client moves it even if the new start costs more.
    pub accept_new_price: bool,
}

/// Moves an open booking to another start (and therapist, when named) in one update: if
/// the new time cannot be had, the booking keeps its old one. A client's move to another
/// start prices it again there (see `promotion::reprice`).
pub async fn reschedule(
    txn: &DatabaseTransaction,
    booking: booking::Model,
    target: &Target,
    to: MoveTo,
    now: DateTime<Utc>,
) -> ApiResult<booking::Model> {
    let cutoff = TimeDelta::minutes(i64::from(target.clinic.cancellation_cutoff_minutes));
    let step = Step::Reschedule {
        by_clinic: to.by_clinic,
    };
    lifecycle::apply(step, booking.status, booking.starts_at, cutoff, now).map_err(refused)?;
    let repriced = if to.by_clinic || to.starts_at == booking.starts_at {
        None
    } else {
        let at = to.starts_at;
        Some(reprice::price_at(txn, &booking, target, at, to.accept_new_price, now).await?)
    };
    let want = Want {
        target,
        therapist_id: Some(to.therapist_id.unwrap_or(booking.therapist_id)),
        starts_at: to.starts_at,
        moving: Some(booking.id),
    };
    let write = Move {
        booking: &booking,
        now,
    };
    let moved = assign::book(txn, &want, &write, now).await?;
    let Some(repriced) = repriced else {
        return Ok(moved);
    };
    let today = super::calendar::today(&target.location, now)?;
    reprice::settle(txn, moved, repriced, today, now).await
}

struct Move<'a> {
    booking: &'a booking::Model,
    now: DateTime<Utc>,
}

impl SlotWrite for Move<'_> {
    fn write<'a>(
        &'a self,
        txn: &'a DatabaseTransaction,
        slot: &'a Slot,
    ) -> impl Future<Output = ApiResult<booking::Model>> + Send + 'a {
        move_to(txn, self.booking, slot, self.now)
    }
}

async fn move_to(
    txn: &DatabaseTransaction,
    booking: &booking::Model,
    slot: &Slot,
    now: DateTime<Utc>,
) -> ApiResult<booking::Model> {
    let result = booking::Entity::update_many()
        .col_expr(booking::Column::StartsAt, Expr::value(slot.starts_at))
        .col_expr(booking::Column::EndsAt, Expr::value(slot.ends_at))
        .col_expr(booking::Column::BusyUntil, Expr::value(slot.busy_until))
        .col_expr(booking::Column::TherapistId, Expr::value(slot.therapist))
        .col_expr(booking::Column::RoomId, Expr::value(slot.room))
        .col_expr(booking::Column::UpdatedAt, Expr::value(now))
        .filter(booking::Column::Id.eq(booking.id))
        .filter(booking::Column::Status.eq(booking.status))
        .exec(txn)
        .await?;
    if result.rows_affected == 0 {
        return Err(lost_race(txn, booking.id).await);
    }
    find(txn, booking.id).await
}

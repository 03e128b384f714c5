//! Choosing the slot to write: the candidates at a start time, in the order to try them,
//! and trying each until the database accepts one. The database's overlap rules have the
//! last word, so a slot lost to a concurrent booking is simply the next one's turn.

use chrono::{DateTime, TimeDelta, Utc};
use entity::booking;
use sea_orm::{ConnectionTrait, DatabaseTransaction, TransactionTrait};
use uuid::Uuid;

use super::{
    availability::{self, Slot},
    calendar::{self, Scope},
    slots,
    target::Target,
};
use crate::error::{ApiError, ApiResult};

/// A session wanted at a start time.
pub struct Want<'a> {
    pub target: &'a Target,
    /// `None`: any qualified therapist.
    pub therapist_id: Option<Uuid>,
    pub starts_at: DateTime<Utc>,
    /// The booking being moved, whose own time does not count as busy.
    pub moving: Option<Uuid>,
}

/// A booking written into a slot: a new one, or one moved there.
pub trait SlotWrite: Sync {
    fn write<'a>(
        &'a self,
        txn: &'a DatabaseTransaction,
        slot: &'a Slot,
    ) -> impl Future<Output = ApiResult<booking::Model>> + Send + 'a;
}

/// Writes the first slot the database accepts, each attempt in a savepoint (on PostgreSQL
/// a refused write spoils the transaction). CONFLICT `SLOT_TAKEN` (or `ROOM_TAKEN`) when
/// every one is taken.
async fn first_free(
    txn: &DatabaseTransaction,
    slots: Vec<Slot>,
    write: &impl SlotWrite,
) -> ApiResult<booking::Model> {
    let mut refusal = None;
    for slot in slots {
        let attempt = txn.begin().await?;
        match write.write(&attempt, &slot).await {
            Ok(written) => {
                attempt.commit().await?;
                return Ok(written);
            }
            Err(error) if is_taken(&error) => {
                attempt.rollback().await?;
                refusal = Some(error);
            }
            Err(error) => return Err(error),
        }
    }
    Err(match refusal {
        Some(
            taken @ ApiError::Conflict {
                reason: Some("ROOM_TAKEN"),
                ..
            },
        ) => taken,
        _ => slot_taken(),
    })
}

/// How many times the calendar is read again after every candidate was lost to concurrent
/// bookings: on PostgreSQL a write refused by a committed winner sees it on the next read,
/// so the next round offers what is really left (another room, another therapist).
const ROUNDS: usize = 3;

/// Writes the wanted session into the first slot the database accepts, reading the
/// calendar again when a round's candidates were all taken under it.
pub async fn book(
    txn: &DatabaseTransaction,
    want: &Want<'_>,
    write: &impl SlotWrite,
    now: DateTime<Utc>,
) -> ApiResult<booking::Model> {
    let mut round = 1;
    loop {
        let slots = candidates(txn, want, now).await?;
        match first_free(txn, slots, write).await {
            Err(error) if is_taken(&error) && round < ROUNDS => round += 1,
            written => return written,
        }
    }
}

/// The free slots at `starts_at`, in the order to try them: the named therapist's, or
/// every qualified therapist's, fewest bookings that local day first.
async fn candidates(
    db: &impl ConnectionTrait,
    new: &Want<'_>,
    now: DateTime<Utc>,
) -> ApiResult<Vec<Slot>> {
    let target = new.target;
    let (from, to) = (new.starts_at, new.starts_at + TimeDelta::minutes(1));
    let scope = Scope {
        moving: new.moving,
        ..slots::scope(target, new.therapist_id)
    };
    // A day either side, so the day's bookings can be counted for the auto-assignment.
    let around = TimeDelta::days(1);
    let calendar = calendar::load(db, &target.location, scope, from - around, to + around).await?;
    if new.therapist_id.is_some() && calendar.profiles.is_empty() {
        return Err(ApiError::Validation {
            field: "therapistId".into(),
            message: "the therapist does not offer this service at this location".into(),
            reason: Some("NOT_QUALIFIED"),
        });
    }
    let need = slots::need(target);
    let policy = calendar::policy(&target.clinic);
    let request = availability::Request { from, to, now };
    let mut slots = availability::free_slots(
        &calendar.place,
        &calendar.therapists,
        &need,
        &policy,
        &request,
    )
    .map_err(slots::unusable)?;
    // Only the exact start: `startsAt` 09:59:30 does not book 10:00.
    let exact = |slot: &Slot| slot.starts_at == new.starts_at;
    slots.retain(exact);
    if slots.is_empty() {
        // Free of bookings, would the time be bookable? Then it is taken, not invalid.
        let mut place = calendar.place.clone();
        let mut therapists = calendar.therapists.clone();
        let rooms_busy = place.rooms.iter().any(|r| !r.busy.is_empty());
        place.rooms.iter_mut().for_each(|r| r.busy.clear());
        therapists.iter_mut().for_each(|t| t.busy.clear());
        let mut idle = availability::free_slots(&place, &therapists, &need, &policy, &request)
            .map_err(slots::unusable)?;
        idle.retain(exact);
        if idle.is_empty() {
            return Err(ApiError::Validation {
                field: "startsAt".into(),
                message: "no session can start then: outside opening hours or the \
                          therapist's schedule, closed, too soon or too far ahead"
                    .into(),
                reason: Some("NOT_BOOKABLE"),
            });
        }
        let therapist_free = calendar.therapists.iter().any(|t| {
            idle.iter()
                .any(|s| s.therapist == t.id && !overlaps_any(&t.busy, s))
        });
        return Err(if therapist_free && rooms_busy {
            room_taken()
        } else {
            slot_taken()
        });
    }
    let day = new.starts_at.with_timezone(&calendar.zone).date_naive();
    let bookings_that_day = |therapist: Uuid| {
        calendar
            .therapists
            .iter()
            .find(|t| t.id == therapist)
            .map_or(0, |t| {
                t.busy
                    .iter()
                    .filter(|b| b.start.with_timezone(&calendar.zone).date_naive() == day)
                    .count()
            })
    };
    // Stable: equal counts keep the display order (name, id).
    slots.sort_by_key(|s| bookings_that_day(s.therapist));
    Ok(slots)
}

fn overlaps_any(busy: &[availability::Span], slot: &Slot) -> bool {
    busy.iter()
        .any(|b| b.start < slot.busy_until && slot.starts_at < b.end)
}

pub fn slot_taken() -> ApiError {
    ApiError::Conflict {
        message: "the therapist is already booked at this time".into(),
        field: None,
        reason: Some("SLOT_TAKEN"),
    }
}

fn room_taken() -> ApiError {
    ApiError::Conflict {
        message: "no room is free at this time".into(),
        field: None,
        reason: Some("ROOM_TAKEN"),
    }
}

/// A refusal another booking caused: the next candidate may still be free. Contention
/// (a serialization failure or deadlock) is not one: it goes back to the caller to retry.
fn is_taken(error: &ApiError) -> bool {
    matches!(
        error,
        ApiError::Conflict {
            reason: Some("SLOT_TAKEN" | "ROOM_TAKEN"),
            ..
        }
    )
}

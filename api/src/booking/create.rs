//! Booking one slot. The caller owns the transaction (on SQLite an IMMEDIATE one, so
//! bookings are written one at a time); the database's overlap rules stay the arbiter,
//! so a booking that lost a race is refused by them and reported as taken.

use chrono::{DateTime, Utc};
use entity::{booking, enums::BookingStatus};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    Set,
};
use serde_json::Value as Json;
use uuid::Uuid;

use super::{
    assign::{self, SlotWrite, Want},
    availability::Slot,
    price::Charge,
    target::Target,
};
use crate::error::ApiResult;

/// A booking to make, validated and priced.
#[derive(Clone)]
pub struct NewBooking<'a> {
    pub target: &'a Target,
    /// `None` lets the clinic pick the free qualified therapist with the fewest bookings.
    pub therapist_id: Option<Uuid>,
    pub starts_at: DateTime<Utc>,
    pub client_user_id: Uuid,
    pub created_by_user_id: Uuid,
    pub intake: Option<(Uuid, Json)>,
    pub charge: Charge,
    pub idempotency_key: Option<String>,
    pub series_id: Option<Uuid>,
    pub notes: String,
}

/// The booking the caller already made with this idempotency key, if any.
pub async fn replay(
    db: &impl ConnectionTrait,
    created_by_user_id: Uuid,
    key: &str,
) -> ApiResult<Option<booking::Model>> {
    Ok(booking::Entity::find()
        .filter(booking::Column::CreatedByUserId.eq(created_by_user_id))
        .filter(booking::Column::IdempotencyKey.eq(key))
        .one(db)
        .await?)
}

/// Books the slot at `starts_at`, or says why not: VALIDATION `NOT_BOOKABLE` when no rule
/// allows a session then, CONFLICT `SLOT_TAKEN` / `ROOM_TAKEN` when others hold it. The
/// redemptions its price took (promotion, discount) are recorded with it, dated by the
/// location's local day.
pub async fn create(
    db: &DatabaseTransaction,
    new: NewBooking<'_>,
    redemptions: &[(Uuid, i64)],
    now: DateTime<Utc>,
) -> ApiResult<booking::Model> {
    let want = Want {
        target: new.target,
        therapist_id: new.therapist_id,
        starts_at: new.starts_at,
        moving: None,
    };
    let write = Insert { new: &new, now };
    let booking = assign::book(db, &want, &write, now).await?;
    let today = super::calendar::today(&new.target.location, now)?;
    crate::promotion::redemptions::record(db, &booking, redemptions, today, now).await?;
    Ok(booking)
}

struct Insert<'a> {
    new: &'a NewBooking<'a>,
    now: DateTime<Utc>,
}

impl SlotWrite for Insert<'_> {
    fn write<'a>(
        &'a self,
        txn: &'a DatabaseTransaction,
        slot: &'a Slot,
    ) -> impl Future<Output = ApiResult<booking::Model>> + Send + 'a {
        insert(txn, self.new, slot, self.now)
    }
}

async fn insert(
    db: &DatabaseTransaction,
    new: &NewBooking<'_>,
    slot: &Slot,
    now: DateTime<Utc>,
) -> ApiResult<booking::Model> {
    let target = new.target;
    let (intake_id, intake_snapshot) = match &new.intake {
        Some((id, snapshot)) => (Some(*id), Some(snapshot.clone())),
        None => (None, None),
    };
    Ok(booking::ActiveModel {
        id: Set(Uuid::new_v4()),
        clinic_id: Set(target.clinic.id),
        location_id: Set(target.location.id),
        therapist_id: Set(slot.therapist),
        service_id: Set(target.service.id),
        service_variant_id: Set(target.variant.id),
        room_id: Set(slot.room),
        client_user_id: Set(new.client_user_id),
        created_by_user_id: Set(Some(new.created_by_user_id)),
        intake_id: Set(intake_id),
        intake_snapshot: Set(intake_snapshot),
        series_id: Set(new.series_id),
        starts_at: Set(slot.starts_at),
        ends_at: Set(slot.ends_at),
        busy_until: Set(slot.busy_until),
        status: Set(BookingStatus::Pending),
        list_price_minor: Set(new.charge.list_minor),
        discount_minor: Set(new.charge.discount_minor),
        final_price_minor: Set(new.charge.final_minor()),
        currency: Set(new.charge.currency.clone()),
        cancellation_reason: Set(None),
        cancelled_at: Set(None),
        late_cancellation: Set(false),
        repriced_at: Set(None),
        idempotency_key: Set(new.idempotency_key.clone()),
        notes: Set(new.notes.clone()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?)
}

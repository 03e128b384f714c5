//! Taking, recording and releasing redemptions. A booking takes one with a conditional
//! update of the promotion's counter, in the booking's transaction: on PostgreSQL the
//! update holds the promotion's row until commit, so racing bookings queue there and the
//! per-client count read after it is current; on SQLite the write lock does the same.

use chrono::{DateTime, NaiveDate, Utc};
use entity::{booking, enums::ReleasedBy, promotion, promotion_redemption};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use crate::{
    booking::ACTIVE_STATUSES,
    error::{ApiError, ApiResult},
};

/// Why a redemption could not be taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// Used up, or ended meanwhile.
    Exhausted,
    ClientLimit,
    /// The client booked at the clinic meanwhile.
    NotFirstVisit,
    /// Its terms were edited after the booking was priced: price it again.
    Changed,
}

impl Refused {
    /// The caller's error; `coded` says whether the client entered the promotion's code.
    pub fn error(self, coded: bool) -> ApiError {
        let (message, reason) = match self {
            Refused::Exhausted => ("the promotion has been used up", "PROMOTION_EXHAUSTED"),
            Refused::ClientLimit => (
                "you have used this promotion as often as it allows",
                "PROMOTION_CLIENT_LIMIT",
            ),
            Refused::NotFirstVisit => (
                "the promotion is for a first visit only",
                "PROMOTION_FIRST_VISIT_ONLY",
            ),
            Refused::Changed => (
                "the promotion changed while booking; try again",
                "CONTENTION",
            ),
        };
        ApiError::Conflict {
            message: message.into(),
            field: coded.then(|| "promoCode".into()),
            reason: Some(reason),
        }
    }
}

/// Takes one redemption of the promotion for the client, within its caps, deciding on the
/// row as it is now (locked by the update on PostgreSQL), not as it was priced. A booking
/// priced again (`moving`) is not a visit of its own.
pub async fn take(
    db: &impl ConnectionTrait,
    priced: &promotion::Model,
    client: Uuid,
    moving: Option<Uuid>,
) -> ApiResult<Result<(), Refused>> {
    use promotion::Column as P;
    let under_cap = Condition::any()
        .add(P::MaxRedemptions.is_null())
        .add(Expr::col(P::RedemptionCount).lt(Expr::col(P::MaxRedemptions)));
    let taken = promotion::Entity::update_many()
        .col_expr(P::RedemptionCount, Expr::col(P::RedemptionCount).add(1))
        .filter(P::Id.eq(priced.id))
        .filter(P::EndedAt.is_null())
        .filter(under_cap)
        .exec(db)
        .await?;
    if taken.rows_affected == 0 {
        return Ok(Err(Refused::Exhausted));
    }
    let now = promotion::Entity::find_by_id(priced.id)
        .one(db)
        .await?
        .ok_or(ApiError::not_found("promotion"))?;
    if now.updated_at != priced.updated_at {
        return Ok(Err(Refused::Changed));
    }
    if let Some(cap) = now.max_redemptions_per_client {
        let mine = super::offers::counts(db, &[now.id], client).await?;
        if mine.get(&now.id).copied().unwrap_or(0) >= u64::try_from(cap).unwrap_or(0) {
            return Ok(Err(Refused::ClientLimit));
        }
    }
    if now.first_visit_only && has_visited(db, now.clinic_id, client, moving).await? {
        return Ok(Err(Refused::NotFirstVisit));
    }
    Ok(Ok(()))
}

/// Locks the clinic's live automatic promotions in id order until the transaction ends
/// (PostgreSQL; SQLite's write lock serializes already). A series takes redemptions
/// session by session, in date order; locking first, in the order every booking takes
/// them, keeps it from deadlocking with one.
pub async fn lock_automatic(db: &impl ConnectionTrait, clinic_id: Uuid) -> ApiResult<()> {
    promotion::Entity::find()
        .filter(promotion::Column::ClinicId.eq(clinic_id))
        .filter(promotion::Column::EndedAt.is_null())
        .filter(promotion::Column::Code.is_null())
        .order_by_asc(promotion::Column::Id)
        .lock_exclusive()
        .all(db)
        .await?;
    Ok(())
}

/// Keeps a redemption the booking holds: locks the promotion's row as `take` does, so an
/// edit racing the move is either seen or waits, and refuses if it was edited after the
/// booking was priced.
pub async fn keep(
    db: &impl ConnectionTrait,
    priced: &promotion::Model,
) -> ApiResult<Result<(), Refused>> {
    let now = crate::promotion::rules::find_for_update(db, priced.id).await?;
    Ok(if now.updated_at == priced.updated_at {
        Ok(())
    } else {
        Err(Refused::Changed)
    })
}

/// Whether the client has a booking at the clinic that is not cancelled, other than
/// `except` (a booking being priced again).
pub async fn has_visited(
    db: &impl ConnectionTrait,
    clinic_id: Uuid,
    client: Uuid,
    except: Option<Uuid>,
) -> ApiResult<bool> {
    let mut bookings = booking::Entity::find()
        .filter(booking::Column::ClinicId.eq(clinic_id))
        .filter(booking::Column::ClientUserId.eq(client))
        .filter(booking::Column::Status.is_in(ACTIVE_STATUSES));
    if let Some(except) = except {
        bookings = bookings.filter(booking::Column::Id.ne(except));
    }
    Ok(bookings.count(db).await? > 0)
}

/// Records the redemptions a new booking took with `take`, dated by the local day.
pub async fn record(
    db: &impl ConnectionTrait,
    booking: &booking::Model,
    priced: &[(Uuid, i64)],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    for &(promotion_id, discount_minor) in priced {
        promotion_redemption::ActiveModel {
            id: Set(Uuid::new_v4()),
            promotion_id: Set(promotion_id),
            booking_id: Set(booking.id),
            client_user_id: Set(booking.client_user_id),
            discount_minor: Set(discount_minor),
            currency: Set(booking.currency.clone()),
            released_at: Set(None),
            released_by: Set(None),
            redeemed_on: Set(Some(today)),
            created_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The redemptions a booking holds (not released), in promotion id order.
pub async fn held(
    db: &impl ConnectionTrait,
    booking_id: Uuid,
) -> ApiResult<Vec<promotion_redemption::Model>> {
    Ok(promotion_redemption::Entity::find()
        .filter(promotion_redemption::Column::BookingId.eq(booking_id))
        .filter(promotion_redemption::Column::ReleasedAt.is_null())
        .order_by_asc(promotion_redemption::Column::PromotionId)
        .all(db)
        .await?)
}

/// Gives one redemption back: it counts against no cap any more.
pub async fn release_one(
    db: &impl ConnectionTrait,
    redemption: &promotion_redemption::Model,
    by: ReleasedBy,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let released = promotion_redemption::Entity::update_many()
        .col_expr(promotion_redemption::Column::ReleasedAt, Expr::value(now))
        .col_expr(promotion_redemption::Column::ReleasedBy, Expr::value(by))
        .filter(promotion_redemption::Column::Id.eq(redemption.id))
        .filter(promotion_redemption::Column::ReleasedAt.is_null())
        .exec(db)
        .await?;
    if released.rows_affected == 1 {
        promotion::Entity::update_many()
            .col_expr(
                promotion::Column::RedemptionCount,
                Expr::col(promotion::Column::RedemptionCount).sub(1),
            )
            .filter(promotion::Column::Id.eq(redemption.promotion_id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Gives back a cancelled booking's redemptions. Promotions are touched in id order, as
/// bookings take them, so the two never deadlock.
pub async fn release(
    db: &impl ConnectionTrait,
    booking_id: Uuid,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    for redemption in held(db, booking_id).await? {
        release_one(db, &redemption, ReleasedBy::Cancellation, now).await?;
    }
    Ok(())
}

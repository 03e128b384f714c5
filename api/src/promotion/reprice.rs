//! A client's move to another start prices the booking again at that start, before the
//! move is written (so promotions are locked before the slot, as `createBooking` does).
//! The list price and booking time stay; a promotion the booking holds stays while its
//! window takes in the new start; the code the client entered counts again; anything else
//! is judged as for a new booking. A move that would cost more is refused unless the
//! client accepts the new price; a price that changed is dated by `repriced_at`. Held
//! redemptions the new price leaves out (out of their window, or outdone by a better
//! offer at the new start) are given back.

use chrono::{DateTime, NaiveDate, Utc};
use entity::{booking, promotion, promotion_redemption};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set,
    sea_query::Expr,
};
use uuid::Uuid;

use super::{charge, redemptions};
use crate::{
    booking::target::Target,
    error::{ApiError, ApiResult},
};

/// The price at the new start, its redemptions already taken and released in `txn`.
pub struct Repriced {
    priced: charge::Priced,
    held: Vec<promotion_redemption::Model>,
    accept_new_price: bool,
}

/// Prices `booking` at `starts_at`, taking and releasing its redemptions in `txn`; the
/// caller then moves it and `settle`s the price.
pub async fn price_at(
    txn: &DatabaseTransaction,
    booking: &booking::Model,
    target: &Target,
    starts_at: DateTime<Utc>,
    accept_new_price: bool,
    now: DateTime<Utc>,
) -> ApiResult<Repriced> {
    // Every redemption the booking has had, held or given back, in promotion id order.
    let used = promotion_redemption::Entity::find()
        .filter(promotion_redemption::Column::BookingId.eq(booking.id))
        .find_also_related(promotion::Entity)
        .order_by_asc(promotion_redemption::Column::PromotionId)
        .all(txn)
        .await?;
    // The code the client booked with, if the booking ever used one.
    let code = used
        .iter()
        .find_map(|(_, promotion)| promotion.as_ref()?.code.clone());
    let held: Vec<promotion_redemption::Model> = used
        .iter()
        .filter(|(r, _)| r.released_at.is_none())
        .map(|(r, _)| r.clone())
        .collect();
    let used: Vec<Uuid> = used.iter().map(|(r, _)| r.promotion_id).collect();
    let ask = charge::Ask {
        client: booking.client_user_id,
        starts_at,
        code: code.as_deref(),
        accept_list_price: true,
        again: Some(charge::Again {
            booking,
            held: &held,
            used: &used,
        }),
    };
    let priced = charge::price_and_take(txn, target, ask, now).await?;
    Ok(Repriced {
        priced,
        held,
        accept_new_price,
    })
}

/// Writes the new price on the moved booking: kept redemptions take their new amounts,
/// one given back by an earlier move is held again, a new one is recorded. A price that
/// did not change leaves the booking as it is.
pub async fn settle(
    txn: &DatabaseTransaction,
    moved: booking::Model,
    repriced: Repriced,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ApiResult<booking::Model> {
    let Repriced {
        priced,
        held,
        accept_new_price,
    } = repriced;
    let mut before: Vec<(Uuid, i64)> = held
        .iter()
        .map(|r| (r.promotion_id, r.discount_minor))
        .collect();
    before.sort_unstable();
    let mut after = priced.redemptions.clone();
    after.sort_unstable();
    if before == after && priced.charge.discount_minor == moved.discount_minor {
        return Ok(moved);
    }
    let charge = &priced.charge;
    let (old, new) = (moved.final_price_minor, charge.final_minor());
    // Decided once the new time is had, so a taken slot is reported as that.
    if new > old && !accept_new_price {
        return Err(ApiError::Conflict {
            message: format!(
                "at the new start the booking costs {new} instead of {old} (minor units of \
                 {}); set acceptNewPrice to move it anyway",
                charge.currency
            ),
            field: Some("acceptNewPrice".into()),
            reason: Some("PRICE_CHANGED"),
        });
    }
    let mut changed: booking::ActiveModel = moved.into();
    changed.discount_minor = Set(charge.discount_minor);
    changed.final_price_minor = Set(charge.final_minor());
    changed.repriced_at = Set(Some(now));
    changed.updated_at = Set(now);
    let changed = changed.update(txn).await?;
    for &(promotion_id, discount_minor) in &priced.redemptions {
        let kept = held.iter().any(|r| r.promotion_id == promotion_id);
        write(
            txn,
            &changed,
            kept,
            (promotion_id, discount_minor),
            today,
            now,
        )
        .await?;
    }
    Ok(changed)
}

async fn write(
    txn: &DatabaseTransaction,
    booking: &booking::Model,
    kept: bool,
    (promotion_id, discount_minor): (Uuid, i64),
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    use promotion_redemption::Column as R;
    let mut update = promotion_redemption::Entity::update_many()
        .col_expr(R::DiscountMinor, Expr::value(discount_minor))
        .filter(R::PromotionId.eq(promotion_id))
        .filter(R::BookingId.eq(booking.id));
    if !kept {
        // Given back by an earlier move, if it exists ((promotion, booking) is unique):
        // held again from today, as a new one would be.
        update = update
            .col_expr(R::RedeemedOn, Expr::value(today))
            .col_expr(R::ReleasedAt, Expr::value(Option::<DateTime<Utc>>::None))
            .col_expr(
                R::ReleasedBy,
                Expr::value(Option::<entity::enums::ReleasedBy>::None),
            );
    }
    let written = update.exec(txn).await?;
    if written.rows_affected == 0 {
        redemptions::record(txn, booking, &[(promotion_id, discount_minor)], today, now).await?;
    }
    Ok(())
}

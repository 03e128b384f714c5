//! A booking moved to another start keeps its promotions while each still takes in the new
//! start; once one does not, the booking is priced again as `createBooking` would price it
//! then, with the code the client entered, and `repriced_at` says so.

use chrono::{DateTime, NaiveDate, Utc};
use entity::{booking, promotion, promotion_redemption};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set,
    sea_query::Expr,
};
use uuid::Uuid;

use super::{charge, offers, redemptions};
use crate::{booking::target::Target, error::ApiResult, pricing};

/// The moved booking, priced again if a promotion it holds no longer takes in its start.
/// A promotion used up meanwhile is priced without rather than refusing the move.
pub async fn after_move(
    txn: &DatabaseTransaction,
    moved: booking::Model,
    target: &Target,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ApiResult<booking::Model> {
    let held = redemptions::held(txn, moved.id).await?;
    if held.is_empty() {
        return Ok(moved);
    }
    let ids = held.iter().map(|r| r.promotion_id);
    let promotions = promotion::Entity::find()
        .filter(promotion::Column::Id.is_in(ids))
        .all(txn)
        .await?;
    if promotions.iter().all(|row| still_applies(row, &moved)) {
        return Ok(moved);
    }
    // The code the client entered, unless its promotion has been ended.
    let code = promotions
        .iter()
        .filter(|row| row.ended_at.is_none())
        .find_map(|row| row.code.as_deref());
    let ask = charge::Ask {
        client: moved.client_user_id,
        starts_at: moved.starts_at,
        code,
        accept_list_price: true,
        again: Some(charge::Again {
            booking: &moved,
            held: &held,
        }),
    };
    let priced = charge::price_and_take(txn, target, ask, now).await?;
    let charge = &priced.charge;
    let mut repriced: booking::ActiveModel = moved.into();
    repriced.list_price_minor = Set(charge.list_minor);
    repriced.discount_minor = Set(charge.discount_minor);
    repriced.final_price_minor = Set(charge.final_minor());
    repriced.currency = Set(charge.currency.clone());
    repriced.repriced_at = Set(Some(now));
    repriced.updated_at = Set(now);
    let repriced = repriced.update(txn).await?;
    for &(promotion_id, discount_minor) in &priced.redemptions {
        settle(
            txn,
            &repriced,
            &held,
            promotion_id,
            discount_minor,
            today,
            now,
        )
        .await?;
    }
    Ok(repriced)
}

/// Whether a promotion the booking holds still takes in its (new) start. Its scope is
/// fixed once redeemed and a move keeps the service and location, so the window decides;
/// caps and the client's history were met when it was taken.
fn still_applies(row: &promotion::Model, booking: &booking::Model) -> bool {
    let Some(offer) = offers::offer(row, &booking.currency) else {
        return false;
    };
    let at_new_start = pricing::QuoteInput {
        service_id: booking.service_id,
        location_id: booking.location_id,
        list_price_minor: booking.list_price_minor,
        currency: booking.currency.clone(),
        appointment_start: booking.starts_at,
        booked_at: booking.created_at,
        first_visit: true,
        code: None,
    };
    pricing::covers(&offer, &at_new_start).is_ok()
}

/// Writes one redemption of the new price: a kept one takes its new amount, one given back
/// by an earlier move is held again, and a new one is recorded.
async fn settle(
    txn: &DatabaseTransaction,
    booking: &booking::Model,
    held: &[promotion_redemption::Model],
    promotion_id: Uuid,
    discount_minor: i64,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    use promotion_redemption::Column as R;
    if held.iter().any(|r| r.promotion_id == promotion_id) {
        promotion_redemption::Entity::update_many()
            .col_expr(R::DiscountMinor, Expr::value(discount_minor))
            .col_expr(R::Currency, Expr::value(booking.currency.clone()))
            .filter(R::PromotionId.eq(promotion_id))
            .filter(R::BookingId.eq(booking.id))
            .exec(txn)
            .await?;
        return Ok(());
    }
    let again = promotion_redemption::Entity::update_many()
        .col_expr(R::DiscountMinor, Expr::value(discount_minor))
        .col_expr(R::Currency, Expr::value(booking.currency.clone()))
        .col_expr(R::ReleasedAt, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(
            R::ReleasedBy,
            Expr::value(Option::<entity::enums::ReleasedBy>::None),
        )
        .filter(R::PromotionId.eq(promotion_id))
        .filter(R::BookingId.eq(booking.id))
        .exec(txn)
        .await?;
    if again.rows_affected == 0 {
        redemptions::record(txn, booking, &[(promotion_id, discount_minor)], today, now).await?;
    }
    Ok(())
}

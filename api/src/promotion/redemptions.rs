//! Taking, recording and releasing redemptions. A booking takes one with a conditional
//! update of the promotion's counter, in the booking's transaction: on PostgreSQL the
//! update holds the promotion's row until commit, so racing bookings queue there and the
//! per-client count read after it is current; on SQLite the write lock does the same.

use chrono::{DateTime, Utc};
use entity::{promotion, promotion_redemption};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};

/// Why a redemption could not be taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    Exhausted,
    ClientLimit,
}

impl Refused {
    pub fn error(self) -> ApiError {
        let (message, reason) = match self {
            Refused::Exhausted => ("the promotion has been used up", "PROMOTION_EXHAUSTED"),
            Refused::ClientLimit => (
                "you have used this promotion as often as it allows",
                "PROMOTION_CLIENT_LIMIT",
            ),
        };
        ApiError::Conflict {
            message: message.into(),
            field: Some("promoCode".into()),
            reason: Some(reason),
        }
    }
}

/// Takes one redemption of the promotion for the client, within its caps.
pub async fn take(
    db: &impl ConnectionTrait,
    promotion: &promotion::Model,
    client: Uuid,
) -> ApiResult<Result<(), Refused>> {
    let mut update = promotion::Entity::update_many()
        .col_expr(
            promotion::Column::RedemptionCount,
            Expr::col(promotion::Column::RedemptionCount).add(1),
        )
        .filter(promotion::Column::Id.eq(promotion.id));
    if let Some(cap) = promotion.max_redemptions {
        update = update.filter(promotion::Column::RedemptionCount.lt(cap));
    }
    if update.exec(db).await?.rows_affected == 0 {
        return Ok(Err(Refused::Exhausted));
    }
    if let Some(cap) = promotion.max_redemptions_per_client {
        let mine = promotion_redemption::Entity::find()
            .filter(promotion_redemption::Column::PromotionId.eq(promotion.id))
            .filter(promotion_redemption::Column::ClientUserId.eq(client))
            .filter(promotion_redemption::Column::ReleasedAt.is_null())
            .count(db)
            .await?;
        if mine >= u64::try_from(cap).unwrap_or(0) {
            return Ok(Err(Refused::ClientLimit));
        }
    }
    Ok(Ok(()))
}

pub struct Redemption {
    pub promotion_id: Uuid,
    pub booking_id: Uuid,
    pub client: Uuid,
    pub discount_minor: i64,
    pub currency: String,
}

/// Records a redemption taken with `take` (or, with `released_at`, one already given back).
pub async fn record(
    db: &impl ConnectionTrait,
    redemption: Redemption,
    released_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    promotion_redemption::ActiveModel {
        id: Set(Uuid::new_v4()),
        promotion_id: Set(redemption.promotion_id),
        booking_id: Set(redemption.booking_id),
        client_user_id: Set(redemption.client),
        discount_minor: Set(redemption.discount_minor),
        currency: Set(redemption.currency),
        released_at: Set(released_at),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Gives back a cancelled booking's redemptions: they count against no cap any more.
pub async fn release(
    db: &impl ConnectionTrait,
    booking_id: Uuid,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let held = promotion_redemption::Entity::find()
        .filter(promotion_redemption::Column::BookingId.eq(booking_id))
        .filter(promotion_redemption::Column::ReleasedAt.is_null())
        .all(db)
        .await?;
    for redemption in held {
        promotion_redemption::Entity::update_many()
            .col_expr(promotion_redemption::Column::ReleasedAt, Expr::value(now))
            .filter(promotion_redemption::Column::Id.eq(redemption.id))
            .exec(db)
            .await?;
        promotion::Entity::update_many()
            .col_expr(
                promotion::Column::RedemptionCount,
                Expr::col(promotion::Column::RedemptionCount).sub(1),
            )
            .filter(promotion::Column::Id.eq(redemption.promotion_id))
            .filter(promotion::Column::RedemptionCount.gt(0))
            .exec(db)
            .await?;
    }
    Ok(())
}

use sea_orm::entity::prelude::*;

use crate::enums::ReleasedBy;

/// A promotion applied to a booking. `released_at` is set when the booking is cancelled,
/// or moved and priced again without it, so the redemption stops counting towards the
/// limits; `released_by` says which.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "promotion_redemption")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Unique together with `booking_id`.
    pub promotion_id: Uuid,
    pub booking_id: Uuid,
    pub client_user_id: Uuid,
    pub discount_minor: i64,
    pub currency: String,
    pub released_at: Option<DateTimeUtc>,
    pub released_by: Option<ReleasedBy>,
    /// The local date at the booking's location when it was made (reports sum by it).
    pub redeemed_on: Option<Date>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::promotion::Entity",
        from = "Column::PromotionId",
        to = "super::promotion::Column::Id",
        on_delete = "Restrict"
    )]
    Promotion,
    #[sea_orm(
        belongs_to = "super::booking::Entity",
        from = "Column::BookingId",
        to = "super::booking::Column::Id",
        on_delete = "Cascade"
    )]
    Booking,
    #[sea_orm(
        belongs_to = "super::app_user::Entity",
        from = "Column::ClientUserId",
        to = "super::app_user::Column::Id",
        on_delete = "Restrict"
    )]
    ClientUser,
}

impl Related<super::promotion::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Promotion.def()
    }
}

impl Related<super::booking::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Booking.def()
    }
}

impl Related<super::app_user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ClientUser.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

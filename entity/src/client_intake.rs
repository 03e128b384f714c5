use sea_orm::entity::prelude::*;

use crate::enums::PressurePreference;

/// A client's health / training intake form (one per client, kept current).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "client_intake")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub client_user_id: Uuid,
    /// 0..=1000.
    pub weekly_distance_km: Option<i32>,
    pub next_race_name: Option<String>,
    pub next_race_on: Option<Date>,
    /// JSON array of strings.
    pub pain_areas: Json,
    /// JSON array of strings.
    pub conditions: Json,
    pub medical_notes: String,
    pub pressure_preference: Option<PressurePreference>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::app_user::Entity",
        from = "Column::ClientUserId",
        to = "super::app_user::Column::Id",
        on_delete = "Cascade"
    )]
    ClientUser,
    #[sea_orm(has_many = "super::booking::Entity")]
    Booking,
}

impl Related<super::app_user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ClientUser.def()
    }
}

impl Related<super::booking::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Booking.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

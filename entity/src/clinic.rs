use sea_orm::entity::prelude::*;

/// A brand / franchise; owns locations, therapists, services and promotions.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "clinic")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    #[sea_orm(unique)]
    pub slug: String,
    pub description: String,
    /// Default currency of the brand (ISO 4217, upper case).
    pub currency: String,
    /// How long before `starts_at` a client may still cancel without it
    /// counting as a late cancellation.
    pub cancellation_cutoff_minutes: i32,
    /// How long before a start it can still be booked online (0..=10080).
    pub booking_lead_minutes: i32,
    /// Start times fall on this grid of local wall-clock minutes (5..=60).
    pub slot_step_minutes: i32,
    /// How far ahead a start can be booked (1..=365 days).
    pub booking_horizon_days: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::location::Entity")]
    Location,
    #[sea_orm(has_many = "super::therapist::Entity")]
    Therapist,
    #[sea_orm(has_many = "super::service::Entity")]
    Service,
    #[sea_orm(has_many = "super::promotion::Entity")]
    Promotion,
    #[sea_orm(has_many = "super::booking::Entity")]
    Booking,
    #[sea_orm(has_many = "super::callback_request::Entity")]
    CallbackRequest,
}

impl Related<super::location::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Location.def()
    }
}

impl Related<super::therapist::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Therapist.def()
    }
}

impl Related<super::service::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Service.def()
    }
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

impl Related<super::callback_request::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CallbackRequest.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

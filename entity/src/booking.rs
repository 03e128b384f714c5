use sea_orm::entity::prelude::*;

use crate::enums::BookingStatus;

/// An appointment. The database rejects (PostgreSQL exclusion constraints /
/// SQLite triggers, both named `booking_therapist_no_overlap` and
/// `booking_room_no_overlap`) two non-cancelled bookings of the same therapist,
/// or the same room, whose `[starts_at, busy_until)` spans overlap.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "booking")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub clinic_id: Uuid,
    pub location_id: Uuid,
    pub therapist_id: Uuid,
    pub service_id: Uuid,
    pub service_variant_id: Uuid,
    pub room_id: Option<Uuid>,
    pub client_user_id: Uuid,
    /// Who made the booking (client or staff); NULL if unknown.
    pub created_by_user_id: Option<Uuid>,
    /// Intake form at booking time; NULL if none or deleted.
    pub intake_id: Option<Uuid>,
    /// The intake as it read when the booking was made (health data: never logged).
    pub intake_snapshot: Option<Json>,
    /// The maintenance series this booking was made in, if any.
    pub series_id: Option<Uuid>,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    /// `ends_at` plus cleanup/therapist buffer: how long therapist and room
    /// are occupied. `>= ends_at`.
    pub busy_until: DateTimeUtc,
    pub status: BookingStatus,
    pub list_price_minor: i64,
    pub discount_minor: i64,
    /// Always `list_price_minor - discount_minor`, never negative.
    pub final_price_minor: i64,
    pub currency: String,
    pub cancellation_reason: Option<String>,
    pub cancelled_at: Option<DateTimeUtc>,
    pub late_cancellation: bool,
    /// When a move last changed the price.
    pub repriced_at: Option<DateTimeUtc>,
    /// Unique per `created_by_user_id`, so retried create calls dedupe.
    pub idempotency_key: Option<String>,
    pub notes: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::clinic::Entity",
        from = "Column::ClinicId",
        to = "super::clinic::Column::Id",
        on_delete = "Restrict"
    )]
    Clinic,
    #[sea_orm(
        belongs_to = "super::location::Entity",
        from = "Column::LocationId",
        to = "super::location::Column::Id",
        on_delete = "Restrict"
    )]
    Location,
    #[sea_orm(
        belongs_to = "super::therapist::Entity",
        from = "Column::TherapistId",
        to = "super::therapist::Column::Id",
        on_delete = "Restrict"
    )]
    Therapist,
    #[sea_orm(
        belongs_to = "super::service::Entity",
        from = "Column::ServiceId",
        to = "super::service::Column::Id",
        on_delete = "Restrict"
    )]
    Service,
    #[sea_orm(
        belongs_to = "super::service_variant::Entity",
        from = "Column::ServiceVariantId",
        to = "super::service_variant::Column::Id",
        on_delete = "Restrict"
    )]
    ServiceVariant,
    #[sea_orm(
        belongs_to = "super::room::Entity",
        from = "Column::RoomId",
        to = "super::room::Column::Id",
        on_delete = "Restrict"
    )]
    Room,
    #[sea_orm(
        belongs_to = "super::app_user::Entity",
        from = "Column::ClientUserId",
        to = "super::app_user::Column::Id",
        on_delete = "Restrict"
    )]
    ClientUser,
    #[sea_orm(
        belongs_to = "super::app_user::Entity",
        from = "Column::CreatedByUserId",
        to = "super::app_user::Column::Id",
        on_delete = "Restrict"
    )]
    CreatedByUser,
    #[sea_orm(
        belongs_to = "super::client_intake::Entity",
        from = "Column::IntakeId",
        to = "super::client_intake::Column::Id",
        on_delete = "SetNull"
    )]
    Intake,
    #[sea_orm(has_many = "super::promotion_redemption::Entity")]
    PromotionRedemption,
}

impl Related<super::clinic::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Clinic.def()
    }
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

impl Related<super::service_variant::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ServiceVariant.def()
    }
}

impl Related<super::room::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Room.def()
    }
}

/// The client. For the creator, join `Relation::CreatedByUser` explicitly.
impl Related<super::app_user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ClientUser.def()
    }
}

impl Related<super::client_intake::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Intake.def()
    }
}

impl Related<super::promotion_redemption::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PromotionRedemption.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

use crate::enums::Modality;

/// A treatment on a clinic's menu; priced per duration in `service_variant`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "service")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub clinic_id: Uuid,
    /// Unique within the clinic.
    pub name: String,
    pub description: String,
    pub modality: Modality,
    /// Room/therapist turnaround after the session (0..=120), added to `busy_until`.
    pub cleanup_buffer_minutes: i32,
    /// Whether a booking needs a free room, at locations that model rooms.
    pub requires_room: bool,
    /// Archived services are hidden from booking but kept for history.
    pub archived_at: Option<DateTimeUtc>,
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
    #[sea_orm(has_many = "super::service_variant::Entity")]
    ServiceVariant,
    #[sea_orm(has_many = "super::promotion_service::Entity")]
    PromotionService,
    #[sea_orm(has_many = "super::booking::Entity")]
    Booking,
}

impl Related<super::clinic::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Clinic.def()
    }
}

impl Related<super::service_variant::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ServiceVariant.def()
    }
}

impl Related<super::promotion_service::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PromotionService.def()
    }
}

impl Related<super::booking::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Booking.def()
    }
}

/// Promotions explicitly limited to this service, through `promotion_service`
/// (promotions with no `promotion_service` rows apply to every service).
impl Related<super::promotion::Entity> for Entity {
    fn to() -> RelationDef {
        super::promotion_service::Relation::Promotion.def()
    }
    fn via() -> Option<RelationDef> {
        Some(super::promotion_service::Relation::Service.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}

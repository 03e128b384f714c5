use sea_orm::entity::prelude::*;

use crate::enums::{PromotionKind, WindowBasis};

/// A discount. `kind` decides the shape: `Percent` sets only `percent_off`;
/// `Fixed` sets `amount_off_minor` and `currency`. Automatic promotions have
/// no `code`; the others must have one (upper case, unique among the clinic's promotions
/// not yet ended).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "promotion")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub clinic_id: Uuid,
    pub name: String,
    pub description: String,
    pub kind: PromotionKind,
    /// 1..=100, only for `Percent`.
    pub percent_off: Option<i32>,
    /// > 0, only for `Fixed`.
    pub amount_off_minor: Option<i64>,
    /// Only for `Fixed`.
    pub currency: Option<String>,
    pub code: Option<String>,
    pub automatic: bool,
    pub first_visit_only: bool,
    pub starts_at: DateTimeUtc,
    /// Exclusive, strictly after `starts_at`.
    pub ends_at: DateTimeUtc,
    pub max_redemptions: Option<i32>,
    pub max_redemptions_per_client: Option<i32>,
    pub min_spend_minor: Option<i64>,
    /// Whether the window is matched against the appointment's start or the booking's time.
    pub window_basis: WindowBasis,
    /// The classes it may be applied together with (each side must allow the other's).
    pub combines_with_code: bool,
    pub combines_with_automatic: bool,
    /// Redemptions not released; a booking takes one only while under `max_redemptions`.
    pub redemption_count: i32,
    /// Set when the promotion is ended early by staff.
    pub ended_at: Option<DateTimeUtc>,
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
    #[sea_orm(has_many = "super::promotion_service::Entity")]
    PromotionService,
    #[sea_orm(has_many = "super::promotion_location::Entity")]
    PromotionLocation,
    #[sea_orm(has_many = "super::promotion_redemption::Entity")]
    PromotionRedemption,
}

impl Related<super::clinic::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Clinic.def()
    }
}

impl Related<super::promotion_service::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PromotionService.def()
    }
}

impl Related<super::promotion_location::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PromotionLocation.def()
    }
}

impl Related<super::promotion_redemption::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PromotionRedemption.def()
    }
}

/// Services the promotion is limited to (none = every service of the clinic).
impl Related<super::service::Entity> for Entity {
    fn to() -> RelationDef {
        super::promotion_service::Relation::Service.def()
    }
    fn via() -> Option<RelationDef> {
        Some(super::promotion_service::Relation::Promotion.def().rev())
    }
}

/// Locations the promotion is limited to (none = every location).
impl Related<super::location::Entity> for Entity {
    fn to() -> RelationDef {
        super::promotion_location::Relation::Location.def()
    }
    fn via() -> Option<RelationDef> {
        Some(super::promotion_location::Relation::Promotion.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}

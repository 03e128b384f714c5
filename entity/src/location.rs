use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "location")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub clinic_id: Uuid,
    /// Unique within the clinic.
    pub name: String,
    pub address_line1: String,
    pub address_line2: Option<String>,
    pub city: String,
    pub region: Option<String>,
    pub postal_code: String,
    /// ISO 3166-1 alpha-2, upper case.
    pub country_code: String,
    /// IANA time zone name, e.g. `Europe/Dublin`; opening hours and schedules
    /// are wall-clock times in this zone.
    pub time_zone: String,
    pub phone: Option<String>,
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
    #[sea_orm(has_many = "super::opening_hours::Entity")]
    OpeningHours,
    #[sea_orm(has_many = "super::location_closure::Entity")]
    LocationClosure,
    #[sea_orm(has_many = "super::room::Entity")]
    Room,
    #[sea_orm(has_many = "super::therapist_location::Entity")]
    TherapistLocation,
    #[sea_orm(has_many = "super::therapist_schedule::Entity")]
    TherapistSchedule,
    #[sea_orm(has_many = "super::service_price_override::Entity")]
    ServicePriceOverride,
    #[sea_orm(has_many = "super::booking::Entity")]
    Booking,
}

impl Related<super::clinic::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Clinic.def()
    }
}

impl Related<super::opening_hours::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OpeningHours.def()
    }
}

impl Related<super::location_closure::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LocationClosure.def()
    }
}

impl Related<super::room::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Room.def()
    }
}

impl Related<super::therapist_location::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TherapistLocation.def()
    }
}

impl Related<super::therapist_schedule::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TherapistSchedule.def()
    }
}

impl Related<super::service_price_override::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ServicePriceOverride.def()
    }
}

impl Related<super::booking::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Booking.def()
    }
}

/// Therapists working here, through `therapist_location`.
impl Related<super::therapist::Entity> for Entity {
    fn to() -> RelationDef {
        super::therapist_location::Relation::Therapist.def()
    }
    fn via() -> Option<RelationDef> {
        Some(super::therapist_location::Relation::Location.def().rev())
    }
}

/// Promotions explicitly limited to this location, through
/// `promotion_location` (promotions with no such rows apply everywhere).
impl Related<super::promotion::Entity> for Entity {
    fn to() -> RelationDef {
        super::promotion_location::Relation::Promotion.def()
    }
    fn via() -> Option<RelationDef> {
        Some(super::promotion_location::Relation::Location.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}

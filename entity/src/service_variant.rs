use sea_orm::entity::prelude::*;

/// One bookable duration of a service and its base price.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "service_variant")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub service_id: Uuid,
    /// 5..=480, unique within the service.
    pub duration_minutes: i32,
    /// Minor units (e.g. cents) of `currency`.
    pub price_minor: i64,
    pub currency: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::service::Entity",
        from = "Column::ServiceId",
        to = "super::service::Column::Id",
        on_delete = "Cascade"
    )]
    Service,
    #[sea_orm(has_many = "super::service_price_override::Entity")]
    ServicePriceOverride,
    #[sea_orm(has_many = "super::booking::Entity")]
    Booking,
}

impl Related<super::service::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Service.def()
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

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

/// Location-specific price of a service variant (replaces the base price).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "service_price_override")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Unique together with `location_id`.
    pub service_variant_id: Uuid,
    pub location_id: Uuid,
    pub price_minor: i64,
    pub currency: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::service_variant::Entity",
        from = "Column::ServiceVariantId",
        to = "super::service_variant::Column::Id",
        on_delete = "Cascade"
    )]
    ServiceVariant,
    #[sea_orm(
        belongs_to = "super::location::Entity",
        from = "Column::LocationId",
        to = "super::location::Column::Id",
        on_delete = "Cascade"
    )]
    Location,
}

impl Related<super::service_variant::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ServiceVariant.def()
    }
}

impl Related<super::location::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Location.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

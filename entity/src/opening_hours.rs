use sea_orm::entity::prelude::*;

/// One opening interval of a location on a weekday (several rows per day
/// allowed, e.g. split shifts). Times are wall-clock in the location's zone.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "opening_hours")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub location_id: Uuid,
    /// ISO weekday: 1 = Monday ... 7 = Sunday.
    pub weekday: i32,
    pub opens_at: Time,
    /// Strictly after `opens_at` (no intervals across midnight).
    pub closes_at: Time,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::location::Entity",
        from = "Column::LocationId",
        to = "super::location::Column::Id",
        on_delete = "Cascade"
    )]
    Location,
}

impl Related<super::location::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Location.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

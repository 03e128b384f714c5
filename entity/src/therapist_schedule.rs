use sea_orm::entity::prelude::*;

/// Weekly working hours of a therapist at one of their locations
/// (wall-clock times in the location's time zone).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "therapist_schedule")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub therapist_id: Uuid,
    /// Must be one of the therapist's locations: (therapist_id, location_id)
    /// references `therapist_location`, so unassigning removes the schedule.
    pub location_id: Uuid,
    /// ISO weekday: 1 = Monday ... 7 = Sunday.
    pub weekday: i32,
    pub starts_at: Time,
    /// Strictly after `starts_at`.
    pub ends_at: Time,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::therapist::Entity",
        from = "Column::TherapistId",
        to = "super::therapist::Column::Id",
        on_delete = "Cascade"
    )]
    Therapist,
    #[sea_orm(
        belongs_to = "super::therapist_location::Entity",
        from = "(Column::TherapistId, Column::LocationId)",
        to = "(super::therapist_location::Column::TherapistId, super::therapist_location::Column::LocationId)",
        on_delete = "Cascade"
    )]
    TherapistLocation,
    /// Join helper only: the database enforces this through the composite key
    /// above, there is no separate `location_id` foreign key.
    #[sea_orm(
        belongs_to = "super::location::Entity",
        from = "Column::LocationId",
        to = "super::location::Column::Id",
        skip_fk
    )]
    Location,
}

impl Related<super::therapist::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Therapist.def()
    }
}

impl Related<super::therapist_location::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TherapistLocation.def()
    }
}

impl Related<super::location::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Location.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

use crate::enums::CallbackStatus;

/// "Call me back" request left by a prospective client.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "callback_request")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub clinic_id: Uuid,
    pub location_id: Option<Uuid>,
    pub name: String,
    pub phone: String,
    /// Free text, e.g. "weekday mornings".
    pub preferred_time: String,
    pub message: String,
    pub status: CallbackStatus,
    pub resolved_by_user_id: Option<Uuid>,
    pub resolved_at: Option<DateTimeUtc>,
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
        belongs_to = "super::app_user::Entity",
        from = "Column::ResolvedByUserId",
        to = "super::app_user::Column::Id",
        on_delete = "Restrict"
    )]
    ResolvedByUser,
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

impl Related<super::app_user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ResolvedByUser.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

use crate::enums::Role;

/// A role held by a user, with its scope. Allowed scopes (CHECK in the schema):
/// `PlatformAdmin`, `Client`: no ids; `FranchiseAdmin`: clinic_id;
/// `LocationManager`: clinic_id + location_id; `Therapist`: clinic_id + therapist_id.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "role_grant")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub role: Role,
    pub clinic_id: Option<Uuid>,
    pub location_id: Option<Uuid>,
    pub therapist_id: Option<Uuid>,
    pub granted_by_user_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::app_user::Entity",
        from = "Column::UserId",
        to = "super::app_user::Column::Id",
        on_delete = "Cascade"
    )]
    User,
    #[sea_orm(
        belongs_to = "super::clinic::Entity",
        from = "Column::ClinicId",
        to = "super::clinic::Column::Id",
        on_delete = "Cascade"
    )]
    Clinic,
    #[sea_orm(
        belongs_to = "super::location::Entity",
        from = "Column::LocationId",
        to = "super::location::Column::Id",
        on_delete = "Cascade"
    )]
    Location,
    #[sea_orm(
        belongs_to = "super::therapist::Entity",
        from = "Column::TherapistId",
        to = "super::therapist::Column::Id",
        on_delete = "Cascade"
    )]
    Therapist,
    #[sea_orm(
        belongs_to = "super::app_user::Entity",
        from = "Column::GrantedByUserId",
        to = "super::app_user::Column::Id",
        on_delete = "SetNull"
    )]
    GrantedByUser,
}

/// The grantee. For the granter, join `Relation::GrantedByUser` explicitly.
impl Related<super::app_user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
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

impl ActiveModelBehavior for ActiveModel {}

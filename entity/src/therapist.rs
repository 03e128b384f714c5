use sea_orm::entity::prelude::*;

use crate::enums::CredentialKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "therapist")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub clinic_id: Uuid,
    /// Login account of the therapist, if any (at most one therapist per user;
    /// set to NULL when the user is deleted).
    #[sea_orm(unique)]
    pub user_id: Option<Uuid>,
    pub name: String,
    pub bio: String,
    pub credential_kind: CredentialKind,
    pub credential_body: String,
    pub credential_number: String,
    /// Rest time after each booking (0..=240), added to `busy_until`.
    pub buffer_minutes: i32,
    pub active: bool,
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
        belongs_to = "super::app_user::Entity",
        from = "Column::UserId",
        to = "super::app_user::Column::Id",
        on_delete = "SetNull"
    )]
    User,
    #[sea_orm(has_many = "super::therapist_specialty::Entity")]
    TherapistSpecialty,
    #[sea_orm(has_many = "super::therapist_location::Entity")]
    TherapistLocation,
    #[sea_orm(has_many = "super::therapist_schedule::Entity")]
    TherapistSchedule,
    #[sea_orm(has_many = "super::therapist_time_off::Entity")]
    TherapistTimeOff,
    #[sea_orm(has_many = "super::booking::Entity")]
    Booking,
}

impl Related<super::clinic::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Clinic.def()
    }
}

impl Related<super::app_user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl Related<super::therapist_specialty::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TherapistSpecialty.def()
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

impl Related<super::therapist_time_off::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TherapistTimeOff.def()
    }
}

impl Related<super::booking::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Booking.def()
    }
}

/// Locations the therapist works at, through `therapist_location`.
impl Related<super::location::Entity> for Entity {
    fn to() -> RelationDef {
        super::therapist_location::Relation::Location.def()
    }
    fn via() -> Option<RelationDef> {
        Some(super::therapist_location::Relation::Therapist.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}

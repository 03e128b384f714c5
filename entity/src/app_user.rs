use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "app_user")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Always lower-case (CHECK in the schema); unique.
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    /// NULL for accounts that cannot log in with a password.
    pub password_hash: Option<String>,
    /// Set while the account is disabled: no sign-in, no refresh, no request.
    pub disabled_at: Option<DateTimeUtc>,
    /// Moves on each time every session ends (password changed, signed out everywhere,
    /// disabled); access tokens carry the epoch they were issued in and count only in it.
    pub session_epoch: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::refresh_token::Entity")]
    RefreshToken,
    #[sea_orm(has_one = "super::therapist::Entity")]
    Therapist,
    #[sea_orm(has_one = "super::client_intake::Entity")]
    ClientIntake,
    /// Grants held by this user (not the ones they granted).
    #[sea_orm(has_many = "super::role_grant::Entity", via_rel = "Relation::User")]
    RoleGrant,
    /// Bookings where this user is the client (not the creator).
    #[sea_orm(has_many = "super::booking::Entity", via_rel = "Relation::ClientUser")]
    Booking,
}

impl Related<super::refresh_token::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::RefreshToken.def()
    }
}

impl Related<super::therapist::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Therapist.def()
    }
}

impl Related<super::client_intake::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ClientIntake.def()
    }
}

impl Related<super::role_grant::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::RoleGrant.def()
    }
}

impl Related<super::booking::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Booking.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

/// Attempts counted against one throttled key in the window that started at
/// `window_started_at`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "auth_throttle")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub throttle_key: String,
    pub window_started_at: DateTimeUtc,
    pub attempts: i32,
    /// For an email's failures: the earliest the next sign-in to it may be checked.
    pub next_attempt_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

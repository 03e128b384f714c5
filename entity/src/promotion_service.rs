use sea_orm::entity::prelude::*;

/// Limits a promotion to a service. No rows = every service of the clinic.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "promotion_service")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub promotion_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub service_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::promotion::Entity",
        from = "Column::PromotionId",
        to = "super::promotion::Column::Id",
        on_delete = "Cascade"
    )]
    Promotion,
    #[sea_orm(
        belongs_to = "super::service::Entity",
        from = "Column::ServiceId",
        to = "super::service::Column::Id",
        on_delete = "Cascade"
    )]
    Service,
}

impl Related<super::promotion::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Promotion.def()
    }
}

impl Related<super::service::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Service.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

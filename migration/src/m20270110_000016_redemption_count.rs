use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Promotion {
    Table,
    RedemptionCount,
}

/// The redemptions a promotion holds (not released), kept on its row: a booking takes one
/// with a conditional update, so a total cap holds however many bookings race for it.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Promotion::Table)
                    .add_column(
                        integer(Promotion::RedemptionCount)
                            .default(0)
                            .check(Expr::col(Promotion::RedemptionCount).gte(0)),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE promotion SET redemption_count = (SELECT COUNT(*) FROM promotion_redemption r \
                 WHERE r.promotion_id = promotion.id AND r.released_at IS NULL)",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Promotion::Table)
                    .drop_column(Promotion::RedemptionCount)
                    .to_owned(),
            )
            .await
    }
}

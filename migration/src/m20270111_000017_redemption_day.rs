use sea_orm_migration::{prelude::*, schema::*, sea_orm::DbBackend};

use crate::util::{create_indexes, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum PromotionRedemption {
    Table,
    PromotionId,
    RedeemedOn,
}

/// The local date (at the booking's location) a redemption was made on, written with it,
/// so a promotion's report sums by day in one GROUP BY on either database. Rows from
/// before take their UTC date.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PromotionRedemption::Table)
                    .add_column(date_null(PromotionRedemption::RedeemedOn))
                    .to_owned(),
            )
            .await?;
        let backfill = match manager.get_database_backend() {
            DbBackend::Postgres => {
                "UPDATE promotion_redemption SET redeemed_on = (created_at AT TIME ZONE 'UTC')::date"
            }
            _ => "UPDATE promotion_redemption SET redeemed_on = substr(created_at, 1, 10)",
        };
        manager
            .get_connection()
            .execute_unprepared(backfill)
            .await?;
        create_indexes(
            manager,
            vec![index(
                PromotionRedemption::Table,
                (
                    PromotionRedemption::PromotionId,
                    PromotionRedemption::RedeemedOn,
                ),
            )],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_promotion_redemption_promotion_id_redeemed_on")
                    .table(PromotionRedemption::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(PromotionRedemption::Table)
                    .drop_column(PromotionRedemption::RedeemedOn)
                    .to_owned(),
            )
            .await
    }
}

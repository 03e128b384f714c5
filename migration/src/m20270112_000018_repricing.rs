use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{one_of, tstz_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Booking {
    Table,
    RepricedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PromotionRedemption {
    Table,
    ReleasedBy,
}

/// Rescheduling outside a promotion's window prices the booking again: the booking says
/// when, and each redemption given back says whether a cancellation or a move did it
/// (reports count cancellations apart). Redemptions released before were cancellations.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Booking::Table)
                    .add_column(tstz_null(Booking::RepricedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(PromotionRedemption::Table)
                    .add_column(text_null(PromotionRedemption::ReleasedBy).check(one_of(
                        PromotionRedemption::ReleasedBy,
                        &["cancellation", "reschedule"],
                    )))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE promotion_redemption SET released_by = 'cancellation' \
                 WHERE released_at IS NOT NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PromotionRedemption::Table)
                    .drop_column(PromotionRedemption::ReleasedBy)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Booking::Table)
                    .drop_column(Booking::RepricedAt)
                    .to_owned(),
            )
            .await
    }
}

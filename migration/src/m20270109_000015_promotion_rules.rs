use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_indexes, one_of, unique_index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Promotion {
    Table,
    ClinicId,
    Code,
    Stackable,
    WindowBasis,
    CombinesWithCode,
    CombinesWithAutomatic,
}

/// What the promotions rules need: whether the validity window is matched against the
/// appointment or the booking's time; which classes (code, automatic) a promotion combines
/// with, in place of one `stackable` flag; and codes unique only among the clinic's
/// promotions not yet ended, so a code can come back next year.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = [
            text(Promotion::WindowBasis)
                .default("appointment")
                .check(one_of(Promotion::WindowBasis, &["appointment", "booking"]))
                .take(),
            boolean(Promotion::CombinesWithCode).default(false).take(),
            boolean(Promotion::CombinesWithAutomatic)
                .default(false)
                .take(),
        ];
        for column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Promotion::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE promotion SET combines_with_code = stackable, combines_with_automatic = stackable",
        )
        .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Promotion::Table)
                    .drop_column(Promotion::Stackable)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("uq_promotion_clinic_id_code")
                    .table(Promotion::Table)
                    .to_owned(),
            )
            .await?;
        // The same on both backends; NULL codes (automatic promotions) never collide.
        db.execute_unprepared(
            "CREATE UNIQUE INDEX uq_promotion_live_code ON promotion (clinic_id, code) \
             WHERE ended_at IS NULL",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("uq_promotion_live_code")
                    .table(Promotion::Table)
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![unique_index(
                Promotion::Table,
                (Promotion::ClinicId, Promotion::Code),
            )],
        )
        .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Promotion::Table)
                    .add_column(boolean(Promotion::Stackable).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE promotion SET stackable = (combines_with_code AND combines_with_automatic)",
            )
            .await?;
        for column in [
            Promotion::CombinesWithAutomatic,
            Promotion::CombinesWithCode,
            Promotion::WindowBasis,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Promotion::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

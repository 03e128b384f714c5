use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

use crate::util::tstz;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OpeningHours {
    Table,
    CreatedAt,
}

/// Opening hours get the `created_at` every other row has. Rows that exist already take
/// their location's. SQLite cannot add a NOT NULL column without a default, so it keeps a
/// placeholder default that every write overrides; PostgreSQL drops it.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(OpeningHours::Table)
                    .add_column(tstz(OpeningHours::CreatedAt).default("1970-01-01T00:00:00+00:00"))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE opening_hours SET created_at = \
             (SELECT created_at FROM location WHERE location.id = opening_hours.location_id)",
        )
        .await?;
        if manager.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared("ALTER TABLE opening_hours ALTER COLUMN created_at DROP DEFAULT")
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(OpeningHours::Table)
                    .drop_column(OpeningHours::CreatedAt)
                    .to_owned(),
            )
            .await
    }
}

use sea_orm_migration::{prelude::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// One grant per (user, role, scope), even when two grants race. The scope columns are
/// nullable and NULLs never collide in a UNIQUE index, so the index is on their values
/// with NULL read as the nil UUID.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let nil = match manager.get_database_backend() {
            DatabaseBackend::Postgres => "'00000000-0000-0000-0000-000000000000'::uuid",
            // sqlx stores UUIDs in SQLite as 16-byte blobs.
            _ => "x'00000000000000000000000000000000'",
        };
        let sql = format!(
            "CREATE UNIQUE INDEX uq_role_grant_scope ON role_grant \
             (user_id, role, COALESCE(clinic_id, {nil}), COALESCE(location_id, {nil}), \
             COALESCE(therapist_id, {nil}))"
        );
        manager.get_connection().execute_unprepared(&sql).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP INDEX uq_role_grant_scope")
            .await?;
        Ok(())
    }
}

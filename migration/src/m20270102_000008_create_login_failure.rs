use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_indexes, drop_tables, index, tstz};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// One row per failed login, keyed by what is throttled (`email:…` or `address:…`). Rows
/// are only inserts, so concurrent failures on several API instances never lose a count.
#[derive(DeriveIden, Clone, Copy)]
enum LoginFailure {
    Table,
    Id,
    ThrottleKey,
    FailedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LoginFailure::Table)
                    .col(pk_uuid(LoginFailure::Id))
                    .col(text(LoginFailure::ThrottleKey))
                    .col(tstz(LoginFailure::FailedAt))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![index(
                LoginFailure::Table,
                (LoginFailure::ThrottleKey, LoginFailure::FailedAt),
            )],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, vec![LoginFailure::Table.into_iden()]).await
    }
}

use sea_orm_migration::{prelude::*, schema::*, sea_orm::DbBackend};

use crate::util::{create_indexes, drop_tables, index, tstz, tstz_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// One counter per throttled key (`login:…`, `address:…`, `register:…`), in fixed windows.
/// A conditional upsert takes an attempt only while the key is under its limit, so a
/// refused attempt writes nothing and racing attempts cannot pass on a stale count.
/// `next_attempt_at` spaces out the sign-ins to an email that keeps failing.
#[derive(DeriveIden, Clone, Copy)]
enum AuthThrottle {
    Table,
    ThrottleKey,
    WindowStartedAt,
    Attempts,
    NextAttemptAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum LoginFailure {
    Table,
    Id,
    ThrottleKey,
    FailedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AppUser {
    Table,
    DisabledAt,
    SessionEpoch,
}

#[derive(DeriveIden, Clone, Copy)]
enum RefreshToken {
    Table,
    FamilyStartedAt,
    SessionEpoch,
}

/// Sessions the owner and the admins control: a disabled account, a session epoch that
/// access and refresh tokens carry and that ending every session moves on, and refresh
/// families with an absolute lifetime (existing
/// families start at their first token). The per-failure login rows give way to counters.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuthThrottle::Table)
                    .col(text(AuthThrottle::ThrottleKey).primary_key())
                    .col(tstz(AuthThrottle::WindowStartedAt))
                    .col(integer(AuthThrottle::Attempts))
                    .col(tstz_null(AuthThrottle::NextAttemptAt))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![index(AuthThrottle::Table, AuthThrottle::WindowStartedAt)],
        )
        .await?;
        drop_tables(manager, vec![LoginFailure::Table.into_iden()]).await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AppUser::Table)
                    .add_column(tstz_null(AppUser::DisabledAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AppUser::Table)
                    .add_column(integer(AppUser::SessionEpoch).default(0))
                    .to_owned(),
            )
            .await?;
        // SQLite cannot add a NOT NULL column without a default: it keeps a placeholder
        // that every write overrides; PostgreSQL drops it.
        manager
            .alter_table(
                Table::alter()
                    .table(RefreshToken::Table)
                    .add_column(
                        tstz(RefreshToken::FamilyStartedAt).default("1970-01-01T00:00:00+00:00"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(RefreshToken::Table)
                    .add_column(integer(RefreshToken::SessionEpoch).default(0))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE refresh_token SET family_started_at = \
             (SELECT MIN(r.created_at) FROM refresh_token r WHERE r.family_id = refresh_token.family_id)",
        )
        .await?;
        if manager.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared(
                "ALTER TABLE refresh_token ALTER COLUMN family_started_at DROP DEFAULT",
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [RefreshToken::SessionEpoch, RefreshToken::FamilyStartedAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(RefreshToken::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for column in [AppUser::SessionEpoch, AppUser::DisabledAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(AppUser::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
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
        .await?;
        drop_tables(manager, vec![AuthThrottle::Table.into_iden()]).await
    }
}

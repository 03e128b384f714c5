use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_indexes, drop_tables, fk, index, tstz, tstz_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum AppUser {
    Table,
    Id,
    Email,
    Name,
    PasswordHash,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum RefreshToken {
    Table,
    Id,
    UserId,
    FamilyId,
    TokenHash,
    ExpiresAt,
    RotatedAt,
    RevokedAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AppUser::Table)
                    .col(pk_uuid(AppUser::Id))
                    // Emails are normalised by the application; the CHECK keeps
                    // the UNIQUE constraint case-insensitive in effect.
                    .col(text_uniq(AppUser::Email).check(
                        Expr::col(AppUser::Email).eq(Func::lower(Expr::col(AppUser::Email))),
                    ))
                    .col(text(AppUser::Name))
                    .col(text_null(AppUser::PasswordHash))
                    .col(tstz(AppUser::CreatedAt))
                    .col(tstz(AppUser::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RefreshToken::Table)
                    .col(pk_uuid(RefreshToken::Id))
                    .col(uuid(RefreshToken::UserId))
                    .col(uuid(RefreshToken::FamilyId))
                    .col(text_uniq(RefreshToken::TokenHash))
                    .col(tstz(RefreshToken::ExpiresAt))
                    .col(tstz_null(RefreshToken::RotatedAt))
                    .col(tstz_null(RefreshToken::RevokedAt))
                    .col(tstz(RefreshToken::CreatedAt))
                    .foreign_key(&mut fk(
                        RefreshToken::Table,
                        RefreshToken::UserId,
                        AppUser::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        create_indexes(
            manager,
            vec![
                index(RefreshToken::Table, RefreshToken::UserId),
                index(RefreshToken::Table, RefreshToken::FamilyId),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            vec![RefreshToken::Table.into_iden(), AppUser::Table.into_iden()],
        )
        .await
    }
}

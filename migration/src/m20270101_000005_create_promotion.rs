use sea_orm_migration::{prelude::*, schema::*};

use crate::m20270101_000002_create_clinic_and_location::{Clinic, Location};
use crate::m20270101_000004_create_service::Service;
use crate::util::{
    create_indexes, currency_null, drop_tables, fk, index, one_of, text_empty, tstz, tstz_null,
    unique_index,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum Promotion {
    Table,
    Id,
    ClinicId,
    Name,
    Description,
    Kind,
    PercentOff,
    AmountOffMinor,
    Currency,
    Code,
    Automatic,
    FirstVisitOnly,
    StartsAt,
    EndsAt,
    MaxRedemptions,
    MaxRedemptionsPerClient,
    MinSpendMinor,
    Stackable,
    EndedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PromotionService {
    Table,
    PromotionId,
    ServiceId,
}

#[derive(DeriveIden, Clone, Copy)]
enum PromotionLocation {
    Table,
    PromotionId,
    LocationId,
}

use Promotion as P;

/// Exactly one discount shape: a percentage, or a fixed amount in a currency.
fn kind_check() -> Expr {
    let percent = Expr::col(P::Kind)
        .eq("percent")
        .and(Expr::col(P::PercentOff).is_not_null())
        .and(Expr::col(P::AmountOffMinor).is_null())
        .and(Expr::col(P::Currency).is_null());
    let fixed = Expr::col(P::Kind)
        .eq("fixed")
        .and(Expr::col(P::AmountOffMinor).is_not_null())
        .and(Expr::col(P::Currency).is_not_null())
        .and(Expr::col(P::PercentOff).is_null());
    percent.or(fixed)
}

/// Automatic promotions apply without a code; the others need one.
/// `= TRUE` / `= FALSE` is valid on both PostgreSQL and SQLite (>= 3.23).
fn code_check() -> Expr {
    Expr::col(P::Automatic)
        .eq(true)
        .and(Expr::col(P::Code).is_null())
        .or(Expr::col(P::Automatic)
            .eq(false)
            .and(Expr::col(P::Code).is_not_null()))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(P::Table)
                    .col(pk_uuid(P::Id))
                    .col(uuid(P::ClinicId))
                    .col(text(P::Name))
                    .col(text_empty(P::Description))
                    .col(text(P::Kind).check(one_of(P::Kind, &["percent", "fixed"])))
                    .col(
                        integer_null(P::PercentOff).check(Expr::col(P::PercentOff).between(1, 100)),
                    )
                    .col(
                        big_integer_null(P::AmountOffMinor)
                            .check(Expr::col(P::AmountOffMinor).gt(0)),
                    )
                    .col(currency_null(P::Currency))
                    .col(
                        text_null(P::Code)
                            .check(Expr::col(P::Code).eq(Func::upper(Expr::col(P::Code)))),
                    )
                    .col(boolean(P::Automatic))
                    .col(boolean(P::FirstVisitOnly).default(false))
                    .col(tstz(P::StartsAt))
                    .col(tstz(P::EndsAt))
                    .col(integer_null(P::MaxRedemptions).check(Expr::col(P::MaxRedemptions).gt(0)))
                    .col(
                        integer_null(P::MaxRedemptionsPerClient)
                            .check(Expr::col(P::MaxRedemptionsPerClient).gt(0)),
                    )
                    .col(
                        big_integer_null(P::MinSpendMinor)
                            .check(Expr::col(P::MinSpendMinor).gte(0)),
                    )
                    .col(boolean(P::Stackable).default(false))
                    .col(tstz_null(P::EndedAt))
                    .col(tstz(P::CreatedAt))
                    .col(tstz(P::UpdatedAt))
                    .check((
                        "ck_promotion_range",
                        Expr::col(P::EndsAt).gt(Expr::col(P::StartsAt)),
                    ))
                    .check(("ck_promotion_discount_shape", kind_check()))
                    .check(("ck_promotion_code", code_check()))
                    .foreign_key(&mut fk(
                        P::Table,
                        P::ClinicId,
                        Clinic::Table,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;

        // No rows for a promotion = it applies to every service of the clinic.
        manager
            .create_table(
                Table::create()
                    .table(PromotionService::Table)
                    .col(uuid(PromotionService::PromotionId))
                    .col(uuid(PromotionService::ServiceId))
                    .primary_key(
                        Index::create()
                            .col(PromotionService::PromotionId)
                            .col(PromotionService::ServiceId),
                    )
                    .foreign_key(&mut fk(
                        PromotionService::Table,
                        PromotionService::PromotionId,
                        P::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        PromotionService::Table,
                        PromotionService::ServiceId,
                        Service::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        // No rows for a promotion = it applies at every location.
        manager
            .create_table(
                Table::create()
                    .table(PromotionLocation::Table)
                    .col(uuid(PromotionLocation::PromotionId))
                    .col(uuid(PromotionLocation::LocationId))
                    .primary_key(
                        Index::create()
                            .col(PromotionLocation::PromotionId)
                            .col(PromotionLocation::LocationId),
                    )
                    .foreign_key(&mut fk(
                        PromotionLocation::Table,
                        PromotionLocation::PromotionId,
                        P::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        PromotionLocation::Table,
                        PromotionLocation::LocationId,
                        Location::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        create_indexes(
            manager,
            vec![
                // NULL codes (automatic promotions) never collide.
                unique_index(P::Table, (P::ClinicId, P::Code)),
                index(P::Table, (P::ClinicId, P::StartsAt)),
                index(PromotionService::Table, PromotionService::ServiceId),
                index(PromotionLocation::Table, PromotionLocation::LocationId),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            vec![
                PromotionLocation::Table.into_iden(),
                PromotionService::Table.into_iden(),
                P::Table.into_iden(),
            ],
        )
        .await
    }
}

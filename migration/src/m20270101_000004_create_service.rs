use sea_orm_migration::{prelude::*, schema::*};

use crate::m20270101_000002_create_clinic_and_location::{Clinic, Location};
use crate::util::{
    create_indexes, currency, drop_tables, fk, index, text_empty, tstz, tstz_null, unique_index,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum Service {
    Table,
    Id,
    ClinicId,
    Name,
    Description,
    Modality,
    CleanupBufferMinutes,
    ArchivedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum ServiceVariant {
    Table,
    Id,
    ServiceId,
    DurationMinutes,
    PriceMinor,
    Currency,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ServicePriceOverride {
    Table,
    Id,
    ServiceVariantId,
    LocationId,
    PriceMinor,
    Currency,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Service::Table)
                    .col(pk_uuid(Service::Id))
                    .col(uuid(Service::ClinicId))
                    .col(text(Service::Name))
                    .col(text_empty(Service::Description))
                    .col(text(Service::Modality))
                    .col(
                        integer(Service::CleanupBufferMinutes)
                            .default(0)
                            .check(Expr::col(Service::CleanupBufferMinutes).between(0, 120)),
                    )
                    .col(tstz_null(Service::ArchivedAt))
                    .col(tstz(Service::CreatedAt))
                    .col(tstz(Service::UpdatedAt))
                    .foreign_key(&mut fk(
                        Service::Table,
                        Service::ClinicId,
                        Clinic::Table,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ServiceVariant::Table)
                    .col(pk_uuid(ServiceVariant::Id))
                    .col(uuid(ServiceVariant::ServiceId))
                    .col(
                        integer(ServiceVariant::DurationMinutes)
                            .check(Expr::col(ServiceVariant::DurationMinutes).between(5, 480)),
                    )
                    .col(
                        big_integer(ServiceVariant::PriceMinor)
                            .check(Expr::col(ServiceVariant::PriceMinor).gte(0)),
                    )
                    .col(currency(ServiceVariant::Currency))
                    .col(tstz(ServiceVariant::CreatedAt))
                    .col(tstz(ServiceVariant::UpdatedAt))
                    .foreign_key(&mut fk(
                        ServiceVariant::Table,
                        ServiceVariant::ServiceId,
                        Service::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ServicePriceOverride::Table)
                    .col(pk_uuid(ServicePriceOverride::Id))
                    .col(uuid(ServicePriceOverride::ServiceVariantId))
                    .col(uuid(ServicePriceOverride::LocationId))
                    .col(
                        big_integer(ServicePriceOverride::PriceMinor)
                            .check(Expr::col(ServicePriceOverride::PriceMinor).gte(0)),
                    )
                    .col(currency(ServicePriceOverride::Currency))
                    .col(tstz(ServicePriceOverride::CreatedAt))
                    .col(tstz(ServicePriceOverride::UpdatedAt))
                    .foreign_key(&mut fk(
                        ServicePriceOverride::Table,
                        ServicePriceOverride::ServiceVariantId,
                        ServiceVariant::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ServicePriceOverride::Table,
                        ServicePriceOverride::LocationId,
                        Location::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        create_indexes(
            manager,
            vec![
                unique_index(Service::Table, (Service::ClinicId, Service::Name)),
                unique_index(
                    ServiceVariant::Table,
                    (ServiceVariant::ServiceId, ServiceVariant::DurationMinutes),
                ),
                unique_index(
                    ServicePriceOverride::Table,
                    (
                        ServicePriceOverride::ServiceVariantId,
                        ServicePriceOverride::LocationId,
                    ),
                ),
                index(
                    ServicePriceOverride::Table,
                    ServicePriceOverride::LocationId,
                ),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            vec![
                ServicePriceOverride::Table.into_iden(),
                ServiceVariant::Table.into_iden(),
                Service::Table.into_iden(),
            ],
        )
        .await
    }
}

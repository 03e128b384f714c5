use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{
    create_indexes, currency, drop_tables, fk, index, text_empty, tstz, unique_index,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum Clinic {
    Table,
    Id,
    Name,
    Slug,
    Description,
    Currency,
    CancellationCutoffMinutes,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum Location {
    Table,
    Id,
    ClinicId,
    Name,
    AddressLine1,
    AddressLine2,
    City,
    Region,
    PostalCode,
    CountryCode,
    TimeZone,
    Phone,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum OpeningHours {
    Table,
    Id,
    LocationId,
    Weekday,
    OpensAt,
    ClosesAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum LocationClosure {
    Table,
    Id,
    LocationId,
    StartsOn,
    EndsOn,
    Reason,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum Room {
    Table,
    Id,
    LocationId,
    Name,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Clinic::Table)
                    .col(pk_uuid(Clinic::Id))
                    .col(text(Clinic::Name))
                    .col(text_uniq(Clinic::Slug))
                    .col(text_empty(Clinic::Description))
                    .col(currency(Clinic::Currency))
                    .col(
                        integer(Clinic::CancellationCutoffMinutes)
                            .default(1440)
                            .check(Expr::col(Clinic::CancellationCutoffMinutes).gte(0)),
                    )
                    .col(tstz(Clinic::CreatedAt))
                    .col(tstz(Clinic::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Location::Table)
                    .col(pk_uuid(Location::Id))
                    .col(uuid(Location::ClinicId))
                    .col(text(Location::Name))
                    .col(text(Location::AddressLine1))
                    .col(text_null(Location::AddressLine2))
                    .col(text(Location::City))
                    .col(text_null(Location::Region))
                    .col(text(Location::PostalCode))
                    .col(
                        text(Location::CountryCode).check(
                            Func::char_length(Expr::col(Location::CountryCode))
                                .eq(2)
                                .and(
                                    Expr::col(Location::CountryCode)
                                        .eq(Func::upper(Expr::col(Location::CountryCode))),
                                ),
                        ),
                    )
                    .col(text(Location::TimeZone))
                    .col(text_null(Location::Phone))
                    .col(tstz(Location::CreatedAt))
                    .col(tstz(Location::UpdatedAt))
                    .foreign_key(&mut fk(
                        Location::Table,
                        Location::ClinicId,
                        Clinic::Table,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OpeningHours::Table)
                    .col(pk_uuid(OpeningHours::Id))
                    .col(uuid(OpeningHours::LocationId))
                    // ISO weekday: 1 = Monday ... 7 = Sunday.
                    .col(
                        integer(OpeningHours::Weekday)
                            .check(Expr::col(OpeningHours::Weekday).between(1, 7)),
                    )
                    .col(time(OpeningHours::OpensAt))
                    .col(time(OpeningHours::ClosesAt))
                    .check((
                        "ck_opening_hours_range",
                        Expr::col(OpeningHours::ClosesAt).gt(Expr::col(OpeningHours::OpensAt)),
                    ))
                    .foreign_key(&mut fk(
                        OpeningHours::Table,
                        OpeningHours::LocationId,
                        Location::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LocationClosure::Table)
                    .col(pk_uuid(LocationClosure::Id))
                    .col(uuid(LocationClosure::LocationId))
                    .col(date(LocationClosure::StartsOn))
                    // Inclusive: a one-day closure has ends_on = starts_on.
                    .col(date(LocationClosure::EndsOn))
                    .col(text_empty(LocationClosure::Reason))
                    .col(tstz(LocationClosure::CreatedAt))
                    .check((
                        "ck_location_closure_range",
                        Expr::col(LocationClosure::EndsOn)
                            .gte(Expr::col(LocationClosure::StartsOn)),
                    ))
                    .foreign_key(&mut fk(
                        LocationClosure::Table,
                        LocationClosure::LocationId,
                        Location::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Room::Table)
                    .col(pk_uuid(Room::Id))
                    .col(uuid(Room::LocationId))
                    .col(text(Room::Name))
                    .col(tstz(Room::CreatedAt))
                    .col(tstz(Room::UpdatedAt))
                    .foreign_key(&mut fk(
                        Room::Table,
                        Room::LocationId,
                        Location::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        create_indexes(
            manager,
            vec![
                unique_index(Location::Table, (Location::ClinicId, Location::Name)),
                index(
                    OpeningHours::Table,
                    (OpeningHours::LocationId, OpeningHours::Weekday),
                ),
                index(
                    LocationClosure::Table,
                    (LocationClosure::LocationId, LocationClosure::StartsOn),
                ),
                unique_index(Room::Table, (Room::LocationId, Room::Name)),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            vec![
                Room::Table.into_iden(),
                LocationClosure::Table.into_iden(),
                OpeningHours::Table.into_iden(),
                Location::Table.into_iden(),
                Clinic::Table.into_iden(),
            ],
        )
        .await
    }
}

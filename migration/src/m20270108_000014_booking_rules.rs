use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_indexes, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Clinic {
    Table,
    BookingLeadMinutes,
    SlotStepMinutes,
    BookingHorizonDays,
}

#[derive(DeriveIden, Clone, Copy)]
enum Service {
    Table,
    RequiresRoom,
}

#[derive(DeriveIden, Clone, Copy)]
enum Booking {
    Table,
    IntakeSnapshot,
    SeriesId,
}

/// What booking needs beyond the first schema: each clinic's lead time, slot step and
/// horizon; whether a service needs a room; the intake as it was when the booking was made
/// (the client's form is edited in place); and the maintenance series a booking belongs to.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let clinic_columns = [
            integer(Clinic::BookingLeadMinutes)
                .default(120)
                .check(Expr::col(Clinic::BookingLeadMinutes).between(0, 10_080))
                .take(),
            integer(Clinic::SlotStepMinutes)
                .default(15)
                .check(Expr::col(Clinic::SlotStepMinutes).between(5, 60))
                .take(),
            integer(Clinic::BookingHorizonDays)
                .default(90)
                .check(Expr::col(Clinic::BookingHorizonDays).between(1, 365))
                .take(),
        ];
        for column in clinic_columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Clinic::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Service::Table)
                    .add_column(boolean(Service::RequiresRoom).default(true))
                    .to_owned(),
            )
            .await?;
        for column in [
            json_null(Booking::IntakeSnapshot),
            uuid_null(Booking::SeriesId),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Booking::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        create_indexes(manager, vec![index(Booking::Table, Booking::SeriesId)]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_booking_series_id")
                    .table(Booking::Table)
                    .to_owned(),
            )
            .await?;
        for column in [Booking::SeriesId, Booking::IntakeSnapshot] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Booking::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Service::Table)
                    .drop_column(Service::RequiresRoom)
                    .to_owned(),
            )
            .await?;
        for column in [
            Clinic::BookingHorizonDays,
            Clinic::SlotStepMinutes,
            Clinic::BookingLeadMinutes,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Clinic::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

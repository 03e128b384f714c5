use sea_orm_migration::{prelude::*, schema::*};

use crate::m20270101_000001_create_identity::AppUser;
use crate::m20270101_000002_create_clinic_and_location::{Clinic, Location};
use crate::util::{create_indexes, drop_tables, fk, index, one_of, text_empty, tstz};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum Therapist {
    Table,
    Id,
    ClinicId,
    UserId,
    Name,
    Bio,
    CredentialKind,
    CredentialBody,
    CredentialNumber,
    BufferMinutes,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum TherapistSpecialty {
    Table,
    TherapistId,
    Modality,
}

#[derive(DeriveIden, Clone, Copy)]
enum TherapistLocation {
    Table,
    TherapistId,
    LocationId,
}

#[derive(DeriveIden, Clone, Copy)]
enum TherapistSchedule {
    Table,
    Id,
    TherapistId,
    LocationId,
    Weekday,
    StartsAt,
    EndsAt,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum TherapistTimeOff {
    Table,
    Id,
    TherapistId,
    StartsAt,
    EndsAt,
    Reason,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Therapist::Table)
                    .col(pk_uuid(Therapist::Id))
                    .col(uuid(Therapist::ClinicId))
                    // Optional login account; at most one therapist per user.
                    .col(uuid_null(Therapist::UserId).unique_key())
                    .col(text(Therapist::Name))
                    .col(text_empty(Therapist::Bio))
                    .col(text(Therapist::CredentialKind).check(one_of(
                        Therapist::CredentialKind,
                        &["licence", "certification"],
                    )))
                    .col(text(Therapist::CredentialBody))
                    .col(text(Therapist::CredentialNumber))
                    .col(
                        integer(Therapist::BufferMinutes)
                            .default(0)
                            .check(Expr::col(Therapist::BufferMinutes).between(0, 240)),
                    )
                    .col(boolean(Therapist::Active).default(true))
                    .col(tstz(Therapist::CreatedAt))
                    .col(tstz(Therapist::UpdatedAt))
                    .foreign_key(&mut fk(
                        Therapist::Table,
                        Therapist::ClinicId,
                        Clinic::Table,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        Therapist::Table,
                        Therapist::UserId,
                        AppUser::Table,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;

        // No CHECK on modality: the Modality enum is expected to grow.
        manager
            .create_table(
                Table::create()
                    .table(TherapistSpecialty::Table)
                    .col(uuid(TherapistSpecialty::TherapistId))
                    .col(text(TherapistSpecialty::Modality))
                    .primary_key(
                        Index::create()
                            .col(TherapistSpecialty::TherapistId)
                            .col(TherapistSpecialty::Modality),
                    )
                    .foreign_key(&mut fk(
                        TherapistSpecialty::Table,
                        TherapistSpecialty::TherapistId,
                        Therapist::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(TherapistLocation::Table)
                    .col(uuid(TherapistLocation::TherapistId))
                    .col(uuid(TherapistLocation::LocationId))
                    .primary_key(
                        Index::create()
                            .col(TherapistLocation::TherapistId)
                            .col(TherapistLocation::LocationId),
                    )
                    .foreign_key(&mut fk(
                        TherapistLocation::Table,
                        TherapistLocation::TherapistId,
                        Therapist::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        TherapistLocation::Table,
                        TherapistLocation::LocationId,
                        Location::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(TherapistSchedule::Table)
                    .col(pk_uuid(TherapistSchedule::Id))
                    .col(uuid(TherapistSchedule::TherapistId))
                    .col(uuid(TherapistSchedule::LocationId))
                    .col(
                        integer(TherapistSchedule::Weekday)
                            .check(Expr::col(TherapistSchedule::Weekday).between(1, 7)),
                    )
                    .col(time(TherapistSchedule::StartsAt))
                    .col(time(TherapistSchedule::EndsAt))
                    .col(tstz(TherapistSchedule::CreatedAt))
                    .check((
                        "ck_therapist_schedule_range",
                        Expr::col(TherapistSchedule::EndsAt)
                            .gt(Expr::col(TherapistSchedule::StartsAt)),
                    ))
                    .foreign_key(&mut fk(
                        TherapistSchedule::Table,
                        TherapistSchedule::TherapistId,
                        Therapist::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    // A therapist can only be scheduled where they work; removing
                    // the assignment removes its schedule rows.
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_therapist_schedule_therapist_location")
                            .from(
                                TherapistSchedule::Table,
                                (
                                    TherapistSchedule::TherapistId,
                                    TherapistSchedule::LocationId,
                                ),
                            )
                            .to(
                                TherapistLocation::Table,
                                (
                                    TherapistLocation::TherapistId,
                                    TherapistLocation::LocationId,
                                ),
                            )
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(TherapistTimeOff::Table)
                    .col(pk_uuid(TherapistTimeOff::Id))
                    .col(uuid(TherapistTimeOff::TherapistId))
                    .col(tstz(TherapistTimeOff::StartsAt))
                    .col(tstz(TherapistTimeOff::EndsAt))
                    .col(text_empty(TherapistTimeOff::Reason))
                    .col(tstz(TherapistTimeOff::CreatedAt))
                    .check((
                        "ck_therapist_time_off_range",
                        Expr::col(TherapistTimeOff::EndsAt)
                            .gt(Expr::col(TherapistTimeOff::StartsAt)),
                    ))
                    .foreign_key(&mut fk(
                        TherapistTimeOff::Table,
                        TherapistTimeOff::TherapistId,
                        Therapist::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        create_indexes(
            manager,
            vec![
                index(Therapist::Table, Therapist::ClinicId),
                index(TherapistSpecialty::Table, TherapistSpecialty::Modality),
                index(TherapistLocation::Table, TherapistLocation::LocationId),
                index(
                    TherapistSchedule::Table,
                    (TherapistSchedule::TherapistId, TherapistSchedule::Weekday),
                ),
                index(TherapistSchedule::Table, TherapistSchedule::LocationId),
                index(
                    TherapistTimeOff::Table,
                    (TherapistTimeOff::TherapistId, TherapistTimeOff::StartsAt),
                ),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            vec![
                TherapistTimeOff::Table.into_iden(),
                TherapistSchedule::Table.into_iden(),
                TherapistLocation::Table.into_iden(),
                TherapistSpecialty::Table.into_iden(),
                Therapist::Table.into_iden(),
            ],
        )
        .await
    }
}

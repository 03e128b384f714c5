use sea_orm_migration::{prelude::*, schema::*};

use crate::booking_overlap;
use crate::m20270101_000001_create_identity::AppUser;
use crate::m20270101_000002_create_clinic_and_location::{Clinic, Location, Room};
use crate::m20270101_000003_create_therapist::Therapist;
use crate::m20270101_000004_create_service::{Service, ServiceVariant};
use crate::m20270101_000005_create_promotion::Promotion;
use crate::util::{
    create_indexes, currency, drop_tables, fk, index, one_of, text_empty, tstz, tstz_null,
    unique_index,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum ClientIntake {
    Table,
    Id,
    ClientUserId,
    WeeklyDistanceKm,
    NextRaceName,
    NextRaceOn,
    PainAreas,
    Conditions,
    MedicalNotes,
    PressurePreference,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Booking {
    Table,
    Id,
    ClinicId,
    LocationId,
    TherapistId,
    ServiceId,
    ServiceVariantId,
    RoomId,
    ClientUserId,
    CreatedByUserId,
    IntakeId,
    StartsAt,
    EndsAt,
    BusyUntil,
    Status,
    ListPriceMinor,
    DiscountMinor,
    FinalPriceMinor,
    Currency,
    CancellationReason,
    CancelledAt,
    LateCancellation,
    IdempotencyKey,
    Notes,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PromotionRedemption {
    Table,
    Id,
    PromotionId,
    BookingId,
    ClientUserId,
    DiscountMinor,
    Currency,
    ReleasedAt,
    CreatedAt,
}

const BOOKING_STATUSES: [&str; 6] = [
    "pending",
    "confirmed",
    "completed",
    "cancelled_by_client",
    "cancelled_by_clinic",
    "no_show",
];

fn create_client_intake() -> TableCreateStatement {
    use ClientIntake as C;
    Table::create()
        .table(C::Table)
        .col(pk_uuid(C::Id))
        // One intake form per client, updated in place.
        .col(uuid_uniq(C::ClientUserId))
        .col(
            integer_null(C::WeeklyDistanceKm)
                .check(Expr::col(C::WeeklyDistanceKm).between(0, 1000)),
        )
        .col(text_null(C::NextRaceName))
        .col(date_null(C::NextRaceOn))
        // JSON arrays of strings.
        .col(json(C::PainAreas))
        .col(json(C::Conditions))
        .col(text_empty(C::MedicalNotes))
        .col(text_null(C::PressurePreference).check(one_of(
            C::PressurePreference,
            &["light", "medium", "firm", "deep"],
        )))
        .col(tstz(C::CreatedAt))
        .col(tstz(C::UpdatedAt))
        .foreign_key(&mut fk(
            C::Table,
            C::ClientUserId,
            AppUser::Table,
            ForeignKeyAction::Cascade,
        ))
        .to_owned()
}

fn create_booking() -> TableCreateStatement {
    use Booking as B;
    use ForeignKeyAction::{Restrict, SetNull};
    Table::create()
        .table(B::Table)
        .col(pk_uuid(B::Id))
        .col(uuid(B::ClinicId))
        .col(uuid(B::LocationId))
        .col(uuid(B::TherapistId))
        .col(uuid(B::ServiceId))
        .col(uuid(B::ServiceVariantId))
        .col(uuid_null(B::RoomId))
        .col(uuid(B::ClientUserId))
        .col(uuid_null(B::CreatedByUserId))
        .col(uuid_null(B::IntakeId))
        .col(tstz(B::StartsAt))
        .col(tstz(B::EndsAt))
        // ends_at + cleanup/therapist buffer: how long therapist and room are busy.
        .col(tstz(B::BusyUntil))
        .col(text(B::Status).check(one_of(B::Status, &BOOKING_STATUSES)))
        .col(big_integer(B::ListPriceMinor).check(Expr::col(B::ListPriceMinor).gte(0)))
        .col(big_integer(B::DiscountMinor).check(Expr::col(B::DiscountMinor).gte(0)))
        .col(big_integer(B::FinalPriceMinor))
        .col(currency(B::Currency))
        .col(text_null(B::CancellationReason))
        .col(tstz_null(B::CancelledAt))
        .col(boolean(B::LateCancellation).default(false))
        .col(text_null(B::IdempotencyKey))
        .col(text_empty(B::Notes))
        .col(tstz(B::CreatedAt))
        .col(tstz(B::UpdatedAt))
        .check((
            "ck_booking_price",
            Expr::col(B::FinalPriceMinor)
                .eq(Expr::col(B::ListPriceMinor).sub(Expr::col(B::DiscountMinor)))
                .and(Expr::col(B::FinalPriceMinor).gte(0)),
        ))
        .check((
            "ck_booking_range",
            Expr::col(B::EndsAt).gt(Expr::col(B::StartsAt)),
        ))
        .check((
            "ck_booking_busy_until",
            Expr::col(B::BusyUntil).gte(Expr::col(B::EndsAt)),
        ))
        .foreign_key(&mut fk(B::Table, B::ClinicId, Clinic::Table, Restrict))
        .foreign_key(&mut fk(B::Table, B::LocationId, Location::Table, Restrict))
        .foreign_key(&mut fk(
            B::Table,
            B::TherapistId,
            Therapist::Table,
            Restrict,
        ))
        .foreign_key(&mut fk(B::Table, B::ServiceId, Service::Table, Restrict))
        .foreign_key(&mut fk(
            B::Table,
            B::ServiceVariantId,
            ServiceVariant::Table,
            Restrict,
        ))
        .foreign_key(&mut fk(B::Table, B::RoomId, Room::Table, Restrict))
        .foreign_key(&mut fk(B::Table, B::ClientUserId, AppUser::Table, Restrict))
        .foreign_key(&mut fk(
            B::Table,
            B::CreatedByUserId,
            AppUser::Table,
            Restrict,
        ))
        .foreign_key(&mut fk(B::Table, B::IntakeId, ClientIntake::Table, SetNull))
        .to_owned()
}

fn create_promotion_redemption() -> TableCreateStatement {
    use ForeignKeyAction::{Cascade, Restrict};
    use PromotionRedemption as R;
    Table::create()
        .table(R::Table)
        .col(pk_uuid(R::Id))
        .col(uuid(R::PromotionId))
        .col(uuid(R::BookingId))
        .col(uuid(R::ClientUserId))
        .col(big_integer(R::DiscountMinor).check(Expr::col(R::DiscountMinor).gte(0)))
        .col(currency(R::Currency))
        // Set when the booking is cancelled and the redemption no longer counts.
        .col(tstz_null(R::ReleasedAt))
        .col(tstz(R::CreatedAt))
        .foreign_key(&mut fk(
            R::Table,
            R::PromotionId,
            Promotion::Table,
            Restrict,
        ))
        .foreign_key(&mut fk(R::Table, R::BookingId, Booking::Table, Cascade))
        .foreign_key(&mut fk(R::Table, R::ClientUserId, AppUser::Table, Restrict))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use Booking as B;
        use PromotionRedemption as R;

        manager.create_table(create_client_intake()).await?;
        manager.create_table(create_booking()).await?;
        manager.create_table(create_promotion_redemption()).await?;

        create_indexes(
            manager,
            vec![
                // NULL creator or key never collide: only keyed retries dedupe.
                unique_index(B::Table, (B::CreatedByUserId, B::IdempotencyKey)),
                index(B::Table, (B::TherapistId, B::StartsAt)),
                index(B::Table, (B::ClientUserId, B::StartsAt)),
                index(B::Table, (B::LocationId, B::StartsAt)),
                index(B::Table, (B::ClinicId, B::StartsAt)),
                index(B::Table, (B::RoomId, B::StartsAt)),
                index(B::Table, B::ServiceId),
                index(B::Table, B::ServiceVariantId),
                index(B::Table, B::IntakeId),
                unique_index(R::Table, (R::PromotionId, R::BookingId)),
                index(R::Table, (R::PromotionId, R::ClientUserId)),
                index(R::Table, R::BookingId),
                index(R::Table, R::ClientUserId),
            ],
        )
        .await?;

        booking_overlap::create(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        booking_overlap::drop(manager).await?;
        drop_tables(
            manager,
            vec![
                PromotionRedemption::Table.into_iden(),
                Booking::Table.into_iden(),
                ClientIntake::Table.into_iden(),
            ],
        )
        .await
    }
}

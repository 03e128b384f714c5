//! The demo data must be valid whatever day the server starts on, and load exactly once.

use chrono::Weekday::Mon;
use chrono::{DateTime, TimeDelta, Utc};
use entity::enums::{BookingStatus, CredentialKind, Modality};
use entity::{booking, clinic, promotion_redemption};
use sea_orm::{
    ColumnTrait, ConnectOptions, Database, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};

use super::plan::plan;
use super::spec::When::Week;
use super::spec::*;
use super::time::instant;
use super::{CLINICS, kinetic, load, load_clinics};

fn at(text: &str) -> DateTime<Utc> {
    instant(text).expect("valid instant")
}

#[test]
fn every_clinic_plans_cleanly_on_any_day_for_two_years() {
    // Every 5 hours: all weekdays, times of day, DST changes, Thanksgiving and Christmas.
    let mut now = at("2026-06-01T00:00:00Z");
    while now < at("2028-06-01T00:00:00Z") {
        for clinic in CLINICS {
            if let Err(error) = plan(clinic, now) {
                panic!("{} at {now}: {error}", clinic.slug);
            }
        }
        now += TimeDelta::hours(5);
    }
}

#[test]
fn bookings_cover_every_status_and_both_sides_of_today() {
    let now = at("2026-11-24T13:00:00Z");
    let bookings: Vec<_> = CLINICS
        .iter()
        .flat_map(|clinic| plan(clinic, now).expect("plans").bookings)
        .collect();
    assert!((8..=15).contains(&bookings.len()));
    for status in [
        BookingStatus::Pending,
        BookingStatus::Confirmed,
        BookingStatus::Completed,
        BookingStatus::CancelledByClient,
        BookingStatus::CancelledByClinic,
        BookingStatus::NoShow,
    ] {
        assert!(bookings.iter().any(|b| b.status == status), "{status:?}");
    }
    let two_weeks = now + TimeDelta::days(14);
    assert!(bookings.iter().any(|b| b.starts_at < now));
    assert!(
        bookings
            .iter()
            .filter(|b| now < b.starts_at && b.starts_at < two_weeks)
            .count()
            >= 5
    );
    for b in &bookings {
        assert!(b.created_at <= now && b.cancelled_at.is_none_or(|c| c >= b.created_at));
    }
}

#[tokio::test]
async fn the_february_sports_massage_carries_ten_percent_off_the_london_price() {
    let db = empty_database().await;
    load_clinics(&db, &[&kinetic::CLINIC], at("2026-11-24T13:00:00Z"))
        .await
        .expect("loads");
    let february = booking::Entity::find()
        .filter(booking::Column::StartsAt.eq(at("2027-02-18T18:30:00Z")))
        .one(&db)
        .await
        .expect("bookings read")
        .expect("the February booking");
    assert_eq!(
        (february.list_price_minor, february.discount_minor),
        (7500, 750)
    );
    assert_eq!(february.status, BookingStatus::Confirmed);
    let redemptions = promotion_redemption::Entity::find()
        .filter(promotion_redemption::Column::BookingId.eq(february.id))
        .count(&db)
        .await
        .expect("counts");
    assert_eq!(redemptions, 1);
}

#[test]
fn a_confirmed_booking_whose_day_has_passed_is_completed() {
    let plan = plan(&kinetic::CLINIC, at("2027-03-10T12:00:00Z")).expect("plans");
    let february = plan.bookings.iter().find(|b| b.spec.promotion.is_some());
    assert_eq!(february.map(|b| b.status), Some(BookingStatus::Completed));
}

/// A fresh in-memory database with the schema.
async fn empty_database() -> DatabaseConnection {
    let mut options = ConnectOptions::new("sqlite::memory:");
    options
        .max_connections(1)
        .min_connections(1)
        .sqlx_logging(false);
    let db = Database::connect(options).await.expect("connects");
    crate::db::migrate(&db).await.expect("migrates");
    db
}

#[tokio::test]
async fn every_clinic_loads_through_the_booking_rules_whatever_the_day() {
    // Every 11 days and 7 hours for two years: weekdays, times of day, DST, holidays.
    let mut now = at("2026-06-01T00:00:00Z");
    while now < at("2028-06-01T00:00:00Z") {
        let db = empty_database().await;
        if let Err(error) = load_clinics(&db, &CLINICS, now).await {
            panic!("at {now}: {error}");
        }
        now += TimeDelta::days(11) + TimeDelta::hours(7);
    }
}

#[tokio::test]
async fn loading_twice_creates_everything_once() {
    let db = empty_database().await;

    let first = load(&db).await.expect("first load");
    assert_eq!((first.clinics_created, first.clinics_skipped), (3, 0));
    assert_eq!(first.users_created, 8);
    let bookings = booking::Entity::find().count(&db).await.expect("counts");
    assert_eq!(bookings, first.bookings_created as u64);

    let second = load(&db).await.expect("second load");
    assert_eq!((second.clinics_created, second.clinics_skipped), (0, 3));
    assert_eq!(clinic::Entity::find().count(&db).await.expect("counts"), 3);
    assert_eq!(
        booking::Entity::find().count(&db).await.expect("counts"),
        bookings
    );
    let redemptions = promotion_redemption::Entity::find()
        .count(&db)
        .await
        .expect("counts");
    // The February code's booking, and first visits' automatic offer.
    assert!(redemptions > 1, "{redemptions}");
    let third = load(&db).await.expect("third load");
    assert_eq!(third.bookings_created, 0);
    let again = promotion_redemption::Entity::find()
        .count(&db)
        .await
        .expect("counts");
    assert_eq!(again, redemptions);
}

/// One location open 09:00-17:00 on weekdays, one therapist, one service; no bookings.
const TINY: ClinicSpec = ClinicSpec {
    slug: "tiny",
    name: "Tiny",
    description: "",
    currency: "GBP",
    cancellation_cutoff_minutes: 1440,
    booking_horizon_days: 90,
    time_zone: "Europe/London",
    locations: &[LocationSpec {
        name: "Here",
        address_line1: "1 High Street",
        address_line2: None,
        city: "York",
        region: None,
        postal_code: "YO1 1AA",
        country_code: "GB",
        phone: None,
        hours: &[(WEEKDAYS, "09:00", "17:00")],
        closures: &[("2026-12-21", "2027-01-01", "Holidays")],
        rooms: &["Room 1"],
    }],
    therapists: &[TherapistSpec {
        name: "Sam",
        bio: "",
        credential_kind: CredentialKind::Certification,
        credential_body: "Sports Massage Association",
        credential_number: "SMA-1",
        buffer_minutes: 15,
        specialties: &[Modality::Sports],
        shifts: &[("Here", WEEKDAYS, "09:00", "17:00")],
        time_off: None,
    }],
    services: &[
        ServiceSpec::new("Sports massage", Modality::Sports, 10, &[(60, 6000)], ""),
        ServiceSpec::new("Thai massage", Modality::Thai, 10, &[(60, 6000)], ""),
    ],
    price_overrides: &[],
    promotions: &[],
    clients: &[ClientSpec {
        email: "a@example.com",
        name: "A",
        weekly_distance_km: None,
        next_race: None,
        pain_areas: &[],
        conditions: &[],
        medical_notes: "",
        pressure: None,
    }],
    bookings: &[],
};

const fn sports(at: &'static str) -> BookingSpec {
    book("a@example.com", "Here", "Sam", "Sports massage", 60).on(Week(1, Mon), at)
}

static BACK_TO_BACK: ClinicSpec = ClinicSpec {
    bookings: &[sports("10:00"), sports("11:15")],
    ..TINY
};
static TOO_CLOSE: ClinicSpec = ClinicSpec {
    bookings: &[sports("10:00"), sports("11:00")],
    ..TINY
};
static TOO_CLOSE_BUT_CANCELLED: ClinicSpec = ClinicSpec {
    bookings: &[
        sports("10:00"),
        sports("11:00").cancelled(BookingStatus::CancelledByClient, "Injured"),
    ],
    ..TINY
};
static TOO_LATE: ClinicSpec = ClinicSpec {
    bookings: &[sports("16:30")],
    ..TINY
};
static UNQUALIFIED: ClinicSpec = ClinicSpec {
    bookings: &[book("a@example.com", "Here", "Sam", "Thai massage", 60).on(Week(1, Mon), "10:00")],
    ..TINY
};

async fn load_one(clinic: &'static ClinicSpec) -> Result<Vec<booking::Model>, DbErr> {
    let db = empty_database().await;
    load_clinics(&db, &[clinic], at("2026-11-24T13:00:00Z")).await?;
    Ok(booking::Entity::find()
        .order_by_asc(booking::Column::StartsAt)
        .all(&db)
        .await
        .expect("bookings read"))
}

#[tokio::test]
async fn the_booking_rules_keep_the_therapists_buffer_between_demo_bookings() {
    assert_eq!(load_one(&BACK_TO_BACK).await.map(|b| b.len()).ok(), Some(2));
    assert!(load_one(&TOO_CLOSE).await.is_err());
    let cancelled = load_one(&TOO_CLOSE_BUT_CANCELLED)
        .await
        .expect("a cancelled booking frees the slot");
    let late: Vec<_> = cancelled.iter().map(|b| b.late_cancellation).collect();
    assert_eq!(late, [false, false]);
}

#[tokio::test]
async fn demo_bookings_outside_the_schedule_or_the_therapists_skills_are_refused() {
    assert!(load_one(&TOO_LATE).await.is_err());
    assert!(load_one(&UNQUALIFIED).await.is_err());
}

#[test]
fn a_relative_day_in_a_closure_moves_a_week_further_out() {
    // Next Monday is 21 December, then 28 December: both closed.
    let plan = plan(&BACK_TO_BACK, at("2026-12-15T12:00:00Z")).expect("plans");
    assert_eq!(plan.bookings[0].starts_at, at("2027-01-04T10:00:00Z"));
}

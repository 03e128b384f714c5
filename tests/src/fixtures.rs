//! Catalogue rows written straight to storage, for tests that read them over HTTP. (Once the
//! admin mutations exist, tests that are about writing go through those instead.)

use chrono::{Duration, NaiveDate, NaiveTime, Utc};
use entity::{
    booking, clinic,
    enums::{BookingStatus, CredentialKind, Modality},
    location, location_closure, opening_hours, room, service, service_price_override,
    service_variant, therapist, therapist_location, therapist_schedule, therapist_specialty,
    therapist_time_off,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

fn time(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).expect("valid time")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

pub async fn clinic(db: &DatabaseConnection, name: &str) -> Uuid {
    let id = Uuid::new_v4();
    clinic::ActiveModel {
        id: Set(id),
        name: Set(name.into()),
        slug: Set(format!(
            "{}-{}",
            name.to_lowercase().replace(' ', "-"),
            &id.simple().to_string()[..8]
        )),
        description: Set(format!("{name} sports massage")),
        currency: Set("GBP".into()),
        cancellation_cutoff_minutes: Set(1440),
        booking_lead_minutes: Set(120),
        slot_step_minutes: Set(15),
        booking_horizon_days: Set(90),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
    }
    .insert(db)
    .await
    .expect("clinic inserted");
    id
}

/// A London location open Monday 09:00–13:00 and 14:00–18:00, closed at Christmas 2026,
/// with two rooms.
pub async fn location(db: &DatabaseConnection, clinic_id: Uuid, name: &str) -> Uuid {
    let id = Uuid::new_v4();
    let now = Utc::now();
    location::ActiveModel {
        id: Set(id),
        clinic_id: Set(clinic_id),
        name: Set(name.into()),
        address_line1: Set("1 Curtain Road".into()),
        address_line2: Set(None),
        city: Set("London".into()),
        region: Set(None),
        postal_code: Set("EC2A 3AB".into()),
        country_code: Set("GB".into()),
        time_zone: Set("Europe/London".into()),
        phone: Set(Some("+44 20 7946 0000".into())),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
    .expect("location inserted");
    for (opens, closes) in [(time(9, 0), time(13, 0)), (time(14, 0), time(18, 0))] {
        opening_hours::ActiveModel {
            id: Set(Uuid::new_v4()),
            location_id: Set(id),
            weekday: Set(1),
            opens_at: Set(opens),
            closes_at: Set(closes),
            created_at: Set(now),
        }
        .insert(db)
        .await
        .expect("opening hours inserted");
    }
    location_closure::ActiveModel {
        id: Set(Uuid::new_v4()),
        location_id: Set(id),
        starts_on: Set(date(2026, 12, 25)),
        ends_on: Set(date(2026, 12, 26)),
        reason: Set("Christmas".into()),
        created_at: Set(now),
    }
    .insert(db)
    .await
    .expect("closure inserted");
    for room_name in ["Room 2", "Room 1"] {
        room::ActiveModel {
            id: Set(Uuid::new_v4()),
            location_id: Set(id),
            name: Set(room_name.into()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await
        .expect("room inserted");
    }
    id
}

/// A therapist specialising in sports massage, working Mondays 09:00–13:00 at each location.
pub async fn therapist(
    db: &DatabaseConnection,
    clinic_id: Uuid,
    name: &str,
    locations: &[Uuid],
    active: bool,
) -> Uuid {
    insert_therapist(db, clinic_id, name, locations, &[Modality::Sports], active).await
}

pub async fn therapist_specialising(
    db: &DatabaseConnection,
    clinic_id: Uuid,
    name: &str,
    locations: &[Uuid],
    specialties: &[Modality],
) -> Uuid {
    insert_therapist(db, clinic_id, name, locations, specialties, true).await
}

async fn insert_therapist(
    db: &DatabaseConnection,
    clinic_id: Uuid,
    name: &str,
    locations: &[Uuid],
    specialties: &[Modality],
    active: bool,
) -> Uuid {
    let id = Uuid::new_v4();
    let now = Utc::now();
    therapist::ActiveModel {
        id: Set(id),
        clinic_id: Set(clinic_id),
        user_id: Set(None),
        name: Set(name.into()),
        bio: Set(format!("{name} works with runners.")),
        credential_kind: Set(CredentialKind::Certification),
        credential_body: Set("Sports Massage Association".into()),
        credential_number: Set(format!("SMA-{}", &id.simple().to_string()[..6])),
        buffer_minutes: Set(10),
        active: Set(active),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
    .expect("therapist inserted");
    for modality in specialties {
        therapist_specialty::ActiveModel {
            therapist_id: Set(id),
            modality: Set(*modality),
        }
        .insert(db)
        .await
        .expect("specialty inserted");
    }
    for location_id in locations {
        therapist_location::ActiveModel {
            therapist_id: Set(id),
            location_id: Set(*location_id),
        }
        .insert(db)
        .await
        .expect("therapist location inserted");
        therapist_schedule::ActiveModel {
            id: Set(Uuid::new_v4()),
            therapist_id: Set(id),
            location_id: Set(*location_id),
            weekday: Set(1),
            starts_at: Set(time(9, 0)),
            ends_at: Set(time(13, 0)),
            created_at: Set(now),
        }
        .insert(db)
        .await
        .expect("schedule inserted");
    }
    id
}

/// A sports massage service with 30/60/90-minute variants at £35/£60/£85.
pub async fn service(db: &DatabaseConnection, clinic_id: Uuid, name: &str, archived: bool) -> Uuid {
    service_of(db, clinic_id, name, Modality::Sports, archived).await
}

pub async fn service_of(
    db: &DatabaseConnection,
    clinic_id: Uuid,
    name: &str,
    modality: Modality,
    archived: bool,
) -> Uuid {
    let id = Uuid::new_v4();
    let now = Utc::now();
    service::ActiveModel {
        id: Set(id),
        clinic_id: Set(clinic_id),
        name: Set(name.into()),
        description: Set(format!("{name} for runners")),
        modality: Set(modality),
        cleanup_buffer_minutes: Set(10),
        requires_room: Set(true),
        archived_at: Set(archived.then_some(now)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
    .expect("service inserted");
    for (minutes, price) in [(60, 6_000), (30, 3_500), (90, 8_500)] {
        service_variant::ActiveModel {
            id: Set(Uuid::new_v4()),
            service_id: Set(id),
            duration_minutes: Set(minutes),
            price_minor: Set(price),
            currency: Set("GBP".into()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await
        .expect("variant inserted");
    }
    id
}

pub async fn price_override(
    db: &DatabaseConnection,
    service_id: Uuid,
    duration_minutes: i32,
    location_id: Uuid,
    price_minor: i64,
) {
    let variant = variant(db, service_id, duration_minutes).await;
    let now = Utc::now();
    service_price_override::ActiveModel {
        id: Set(Uuid::new_v4()),
        service_variant_id: Set(variant),
        location_id: Set(location_id),
        price_minor: Set(price_minor),
        currency: Set("GBP".into()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
    .expect("override inserted");
}

/// What a booking ties together.
#[derive(Clone, Copy, Debug)]
pub struct Slot {
    pub clinic: Uuid,
    pub location: Uuid,
    pub therapist: Uuid,
    pub service: Uuid,
    pub variant: Uuid,
    pub room: Option<Uuid>,
}

/// A confirmed 30-minute booking three days from now, not yet stored.
pub fn booking_row(slot: Slot, client: Uuid) -> booking::ActiveModel {
    booking_row_at(
        slot,
        client,
        Utc::now() + Duration::days(3),
        30,
        BookingStatus::Confirmed,
    )
}

/// A booking of `minutes` (busy 10 more) at `starts`, not yet stored.
pub fn booking_row_at(
    slot: Slot,
    client: Uuid,
    starts: chrono::DateTime<Utc>,
    minutes: i64,
    status: BookingStatus,
) -> booking::ActiveModel {
    let now = Utc::now();
    booking::ActiveModel {
        id: Set(Uuid::new_v4()),
        clinic_id: Set(slot.clinic),
        location_id: Set(slot.location),
        therapist_id: Set(slot.therapist),
        service_id: Set(slot.service),
        service_variant_id: Set(slot.variant),
        room_id: Set(slot.room),
        client_user_id: Set(client),
        starts_at: Set(starts),
        ends_at: Set(starts + Duration::minutes(minutes)),
        busy_until: Set(starts + Duration::minutes(minutes + 10)),
        status: Set(status),
        list_price_minor: Set(3_500),
        discount_minor: Set(0),
        final_price_minor: Set(3_500),
        currency: Set("GBP".into()),
        late_cancellation: Set(false),
        repriced_at: Set(None),
        notes: Set(String::new()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// The ID of a service's variant of this duration.
pub async fn variant(db: &DatabaseConnection, service_id: Uuid, minutes: i32) -> Uuid {
    service_variant::Entity::find()
        .filter(service_variant::Column::ServiceId.eq(service_id))
        .filter(service_variant::Column::DurationMinutes.eq(minutes))
        .one(db)
        .await
        .expect("variant query")
        .expect("variant exists")
        .id
}

/// A confirmed 30-minute booking three days from now.
pub async fn booking(db: &DatabaseConnection, slot: Slot, client: Uuid) -> Uuid {
    booking_row(slot, client)
        .insert(db)
        .await
        .expect("booking inserted")
        .id
}

/// A week of time off in March 2027 ("Marathon taper").
pub async fn time_off(db: &DatabaseConnection, therapist_id: Uuid) -> Uuid {
    let id = Uuid::new_v4();
    let starts = chrono::DateTime::parse_from_rfc3339("2027-03-01T00:00:00Z")
        .expect("valid instant")
        .to_utc();
    therapist_time_off::ActiveModel {
        id: Set(id),
        therapist_id: Set(therapist_id),
        starts_at: Set(starts),
        ends_at: Set(starts + Duration::days(7)),
        reason: Set("Marathon taper".into()),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await
    .expect("time off inserted");
    id
}

/// `clinics` clinics, each with a franchise admin, `locations` locations (each with a
/// manager) of `therapists` therapists (all qualified for every service, each with a week
/// of time off in March 2027) and `services` sports services.
pub async fn catalogue(
    db: &DatabaseConnection,
    prefix: &str,
    clinics: usize,
    locations: usize,
    therapists: usize,
    services: usize,
) {
    for c in 0..clinics {
        let clinic_id = clinic(db, &format!("{prefix} clinic {c}")).await;
        crate::users::franchise_admin(db, clinic_id).await;
        for s in 0..services {
            service(db, clinic_id, &format!("Service {s}"), false).await;
        }
        for l in 0..locations {
            let location_id = location(db, clinic_id, &format!("Location {l}")).await;
            crate::users::location_manager(db, clinic_id, location_id).await;
            for t in 0..therapists {
                let therapist_id = therapist(
                    db,
                    clinic_id,
                    &format!("Therapist {l}.{t}"),
                    &[location_id],
                    true,
                )
                .await;
                time_off(db, therapist_id).await;
            }
        }
    }
}

/// An automatic 10%-off promotion of the clinic, valid for the next 28 days, stored as is.
pub async fn promotion(db: &DatabaseConnection, clinic: Uuid, name: &str) -> Uuid {
    let id = Uuid::new_v4();
    let now = Utc::now();
    entity::promotion::ActiveModel {
        id: Set(id),
        clinic_id: Set(clinic),
        name: Set(name.into()),
        description: Set(String::new()),
        kind: Set(entity::enums::PromotionKind::Percent),
        percent_off: Set(Some(10)),
        amount_off_minor: Set(None),
        currency: Set(None),
        code: Set(None),
        automatic: Set(true),
        first_visit_only: Set(false),
        starts_at: Set(now),
        ends_at: Set(now + Duration::days(28)),
        max_redemptions: Set(None),
        max_redemptions_per_client: Set(None),
        min_spend_minor: Set(None),
        window_basis: Set(entity::enums::WindowBasis::Appointment),
        combines_with_code: Set(false),
        combines_with_automatic: Set(false),
        redemption_count: Set(0),
        ended_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
    .expect("promotion inserted");
    id
}

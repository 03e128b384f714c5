//! The database itself keeps every link inside one clinic, whatever code writes to it.

use chrono::{Duration, Utc};
use entity::{
    booking, enums::BookingStatus, enums::Role, location, role_grant, room, service_variant,
    therapist_location,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, Set,
};
use stride_tests::{fixtures, spawn_app, users};
use uuid::Uuid;

/// Asserts the write was refused by the rule named `rule`.
fn refused<T: std::fmt::Debug>(result: Result<T, DbErr>, rule: &str) {
    match result {
        Ok(row) => panic!("{rule} let through {row:?}"),
        Err(error) => assert!(error.to_string().contains(rule), "{rule}: {error}"),
    }
}

async fn variant_of(db: &DatabaseConnection, service: Uuid) -> Uuid {
    service_variant::Entity::find()
        .filter(service_variant::Column::ServiceId.eq(service))
        .one(db)
        .await
        .expect("variant query")
        .expect("a variant")
        .id
}

async fn room_at(db: &DatabaseConnection, location: Uuid) -> Uuid {
    room::Entity::find()
        .filter(room::Column::LocationId.eq(location))
        .one(db)
        .await
        .expect("room query")
        .expect("a room")
        .id
}

fn booking_row(slot: fixtures::Slot, client: Uuid) -> booking::ActiveModel {
    let now = Utc::now();
    let starts = now + Duration::days(3);
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
        ends_at: Set(starts + Duration::minutes(30)),
        busy_until: Set(starts + Duration::minutes(40)),
        status: Set(BookingStatus::Confirmed),
        list_price_minor: Set(3_500),
        discount_minor: Set(0),
        final_price_minor: Set(3_500),
        currency: Set("GBP".into()),
        late_cancellation: Set(false),
        notes: Set(String::new()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

#[tokio::test]
async fn links_across_clinics_are_refused_by_the_database() {
    let app = spawn_app().await;
    let db = &app.db;
    let (a, b) = (
        fixtures::clinic(db, "Kinetic").await,
        fixtures::clinic(db, "Sabai").await,
    );
    let (loc_a, loc_b) = (
        fixtures::location(db, a, "Shoreditch").await,
        fixtures::location(db, b, "Soi 11").await,
    );
    let ana = fixtures::therapist(db, a, "Ana", &[loc_a], true).await;
    let (svc_a, svc_b) = (
        fixtures::service(db, a, "Sports", false).await,
        fixtures::service(db, b, "Thai", false).await,
    );
    let client = users::client(db).await;

    let link = therapist_location::ActiveModel {
        therapist_id: Set(ana),
        location_id: Set(loc_b),
    };
    refused(link.insert(db).await, "therapist_location_same_clinic");

    let grant = role_grant::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(client.user_id),
        role: Set(Role::LocationManager),
        clinic_id: Set(Some(a)),
        location_id: Set(Some(loc_b)),
        therapist_id: Set(None),
        granted_by_user_id: Set(None),
        created_at: Set(Utc::now()),
    };
    refused(grant.insert(db).await, "role_grant_location_clinic");

    let good = fixtures::Slot {
        clinic: a,
        location: loc_a,
        therapist: ana,
        service: svc_a,
        variant: variant_of(db, svc_a).await,
        room: Some(room_at(db, loc_a).await),
    };
    let bad_slots = [
        (
            fixtures::Slot {
                service: svc_b,
                variant: variant_of(db, svc_b).await,
                ..good
            },
            "booking_service_clinic",
        ),
        (
            fixtures::Slot {
                variant: variant_of(db, svc_b).await,
                ..good
            },
            "booking_variant_of_service",
        ),
        (
            fixtures::Slot {
                room: Some(room_at(db, loc_b).await),
                ..good
            },
            "booking_room_at_location",
        ),
        (
            fixtures::Slot {
                location: loc_b,
                room: None,
                ..good
            },
            "booking_location_clinic",
        ),
    ];
    for (slot, rule) in bad_slots {
        refused(booking_row(slot, client.user_id).insert(db).await, rule);
    }
    // The same rows inside one clinic are accepted.
    booking_row(good, client.user_id)
        .insert(db)
        .await
        .expect("a consistent booking is stored");
}

#[tokio::test]
async fn a_location_never_moves_to_another_clinic() {
    let app = spawn_app().await;
    let db = &app.db;
    let a = fixtures::clinic(db, "Kinetic").await;
    let b = fixtures::clinic(db, "Sabai").await;
    let loc = fixtures::location(db, a, "Shoreditch").await;
    let mut row = location::Entity::find_by_id(loc)
        .one(db)
        .await
        .expect("location query")
        .expect("the location")
        .into_active_model();
    row.name = Set("Shoreditch High Street".into());
    let renamed = row.clone().update(db).await.expect("a rename is fine");
    assert_eq!(renamed.name, "Shoreditch High Street");
    row.clinic_id = Set(b);
    refused(row.update(db).await, "location_clinic_fixed");
}

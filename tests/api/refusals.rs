//! Storage refusals reach callers as named errors, read from the real driver of whichever
//! backend runs the suite: a duplicate is a CONFLICT on the field at fault, a row still in
//! use a CONFLICT, an overlapping booking SLOT_TAKEN or ROOM_TAKEN.

use entity::{app_user, clinic, location, role_grant, room, service, service_variant, therapist};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, IntoActiveModel,
    ModelTrait, QueryFilter, Set,
};
use stride_api::error::{ApiError, conflict_if_in_use};
use stride_tests::{fixtures, spawn_app, users};
use uuid::Uuid;

/// Asserts the write was refused as a duplicate of the key behind `field`.
fn duplicate<T: std::fmt::Debug>(result: Result<T, DbErr>, field: &str) {
    let error = result.expect_err(&format!("a duplicate {field} was stored"));
    match ApiError::from(error) {
        ApiError::Conflict {
            field: Some(found), ..
        } => assert_eq!(found, field),
        other => panic!("{field}: {other:?}"),
    }
}

/// Asserts the write was refused as a CONFLICT with `reason`.
fn taken<T: std::fmt::Debug>(result: Result<T, DbErr>, reason: &str) {
    let error = result.expect_err(&format!("{reason}: the overlap was stored"));
    match ApiError::from(error) {
        ApiError::Conflict {
            reason: Some(found),
            ..
        } => assert_eq!(found, reason),
        other => panic!("{reason}: {other:?}"),
    }
}

/// The row again under a new ID, so only its unique keys collide.
fn again<A: ActiveModelTrait>(
    row: impl IntoActiveModel<A>,
    id: <A::Entity as EntityTrait>::Column,
) -> A {
    let mut copy = row.into_active_model().reset_all();
    copy.set(id, Uuid::new_v4().into());
    copy
}

async fn one<E: EntityTrait>(db: &DatabaseConnection, column: E::Column, value: Uuid) -> E::Model
where
    E::Column: ColumnTrait,
{
    E::find()
        .filter(column.eq(value))
        .one(db)
        .await
        .expect("query")
        .expect("a row")
}

#[tokio::test]
async fn duplicates_are_conflicts_on_the_field_at_fault() {
    let app = spawn_app().await;
    let db = &app.db;
    let clinic_id = fixtures::clinic(db, "Kinetic").await;
    let location_id = fixtures::location(db, clinic_id, "Kinetic Shoreditch").await;
    let therapist_id = fixtures::therapist(db, clinic_id, "Ana", &[location_id], true).await;
    let other_therapist = fixtures::therapist(db, clinic_id, "Ben", &[location_id], true).await;
    let service_id = fixtures::service(db, clinic_id, "Sports massage", false).await;
    let admin = users::franchise_admin(db, clinic_id).await.user_id;

    let user = one::<app_user::Entity>(db, app_user::Column::Id, admin).await;
    duplicate(again(user, app_user::Column::Id).insert(db).await, "email");
    let clinic = one::<clinic::Entity>(db, clinic::Column::Id, clinic_id).await;
    duplicate(again(clinic, clinic::Column::Id).insert(db).await, "slug");
    let location = one::<location::Entity>(db, location::Column::Id, location_id).await;
    duplicate(
        again(location, location::Column::Id).insert(db).await,
        "name",
    );
    let room = one::<room::Entity>(db, room::Column::LocationId, location_id).await;
    duplicate(again(room, room::Column::Id).insert(db).await, "name");
    let service = one::<service::Entity>(db, service::Column::Id, service_id).await;
    duplicate(again(service, service::Column::Id).insert(db).await, "name");
    let variant =
        one::<service_variant::Entity>(db, service_variant::Column::ServiceId, service_id).await;
    duplicate(
        again(variant, service_variant::Column::Id).insert(db).await,
        "variants.durationMinutes",
    );
    let grant = one::<role_grant::Entity>(db, role_grant::Column::UserId, admin).await;
    duplicate(
        again(grant, role_grant::Column::Id).insert(db).await,
        "userEmail",
    );

    // One account speaks for at most one therapist.
    for (id, outcome) in [(therapist_id, true), (other_therapist, false)] {
        let mut profile = one::<therapist::Entity>(db, therapist::Column::Id, id)
            .await
            .into_active_model();
        profile.user_id = Set(Some(admin));
        let result = profile.update(db).await;
        if outcome {
            result.expect("the first link is stored");
        } else {
            duplicate(result, "userEmail");
        }
    }
}

/// A clinic with one location, two therapists there and a service: everything a booking
/// names, with the location's first room.
async fn slot(db: &DatabaseConnection) -> (fixtures::Slot, Uuid) {
    let clinic = fixtures::clinic(db, "Kinetic").await;
    let location = fixtures::location(db, clinic, "Kinetic Shoreditch").await;
    let therapist = fixtures::therapist(db, clinic, "Ana", &[location], true).await;
    let colleague = fixtures::therapist(db, clinic, "Ben", &[location], true).await;
    let service = fixtures::service(db, clinic, "Sports massage", false).await;
    let variant = one::<service_variant::Entity>(db, service_variant::Column::ServiceId, service)
        .await
        .id;
    let room = one::<room::Entity>(db, room::Column::LocationId, location)
        .await
        .id;
    let slot = fixtures::Slot {
        clinic,
        location,
        therapist,
        service,
        variant,
        room: Some(room),
    };
    (slot, colleague)
}

#[tokio::test]
async fn a_row_still_referred_to_is_in_use() {
    let app = spawn_app().await;
    let db = &app.db;
    let (slot, _) = slot(db).await;
    let client = users::client(db).await.user_id;
    fixtures::booking(db, slot, client).await;
    let room = one::<room::Entity>(db, room::Column::Id, slot.room.expect("a room")).await;

    let refused = room
        .clone()
        .delete(db)
        .await
        .expect_err("a booked room was deleted");
    assert_eq!(
        conflict_if_in_use(refused, "the room has bookings"),
        ApiError::conflict("the room has bookings")
    );
    let refused = room
        .delete(db)
        .await
        .expect_err("a booked room was deleted");
    assert_eq!(ApiError::from(refused).code(), "CONFLICT");
}

#[tokio::test]
async fn overlapping_bookings_are_slot_or_room_taken() {
    let app = spawn_app().await;
    let db = &app.db;
    let (slot, colleague) = slot(db).await;
    let client = users::client(db).await.user_id;
    fixtures::booking(db, slot, client).await;

    let same_therapist = fixtures::Slot { room: None, ..slot };
    taken(
        fixtures::booking_row(same_therapist, client)
            .insert(db)
            .await,
        "SLOT_TAKEN",
    );
    let same_room = fixtures::Slot {
        therapist: colleague,
        ..slot
    };
    taken(
        fixtures::booking_row(same_room, client).insert(db).await,
        "ROOM_TAKEN",
    );
}

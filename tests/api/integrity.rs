//! The database itself keeps every link inside one clinic, whatever code writes to it.

use chrono::{Duration, NaiveTime, Utc};
use entity::{
    booking, callback_request,
    enums::{CallbackStatus, Role},
    location, promotion_location, promotion_redemption, promotion_service, role_grant, room,
    service_price_override, service_variant, therapist_location, therapist_schedule,
};
use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    ExecResult, QueryFilter, Set,
    sea_query::{Alias, Expr, ExprTrait, Query},
};
use stride_api::error::ApiError;
use stride_tests::{fixtures, spawn_app, users};
use uuid::Uuid;

/// Asserts the write was refused by the rule named `rule`, and that callers would hear of
/// it as a named error rather than an internal one.
fn refused<T: std::fmt::Debug>(result: Result<T, DbErr>, rule: &str) {
    match result {
        Ok(row) => panic!("{rule} let through {row:?}"),
        Err(error) => {
            assert!(error.to_string().contains(rule), "{rule}: {error}");
            match ApiError::from(error) {
                ApiError::Validation {
                    reason: Some(_), ..
                }
                | ApiError::Conflict {
                    reason: Some(_), ..
                } => {}
                other => panic!("{rule} answered as {other:?}"),
            }
        }
    }
}

/// `UPDATE table SET column = value WHERE id = row`, for any table.
async fn set_column(
    db: &DatabaseConnection,
    table: &str,
    column: &str,
    value: Uuid,
    row: Uuid,
) -> Result<ExecResult, DbErr> {
    let update = Query::update()
        .table(Alias::new(table))
        .value(Alias::new(column), value)
        .and_where(Expr::col(Alias::new("id")).eq(row))
        .to_owned();
    db.execute(&update).await
}

/// One clinic's worth of rows to link, rightly or wrongly.
#[derive(Clone, Copy, Debug)]
struct World {
    clinic: Uuid,
    location: Uuid,
    therapist: Uuid,
    service: Uuid,
    variant: Uuid,
    room: Uuid,
    promotion: Uuid,
}

impl World {
    fn slot(&self) -> fixtures::Slot {
        fixtures::Slot {
            clinic: self.clinic,
            location: self.location,
            therapist: self.therapist,
            service: self.service,
            variant: self.variant,
            room: Some(self.room),
        }
    }
}

async fn world(db: &DatabaseConnection, name: &str) -> World {
    let clinic = fixtures::clinic(db, name).await;
    let location = fixtures::location(db, clinic, &format!("{name} centre")).await;
    let therapist =
        fixtures::therapist(db, clinic, &format!("{name} therapist"), &[location], true).await;
    let service = fixtures::service(db, clinic, &format!("{name} massage"), false).await;
    let variant = service_variant::Entity::find()
        .filter(service_variant::Column::ServiceId.eq(service))
        .one(db)
        .await
        .expect("variant query")
        .expect("a variant")
        .id;
    let room = room::Entity::find()
        .filter(room::Column::LocationId.eq(location))
        .one(db)
        .await
        .expect("room query")
        .expect("a room")
        .id;
    let promotion = fixtures::promotion(db, clinic, "10% off sports massage").await;
    World {
        clinic,
        location,
        therapist,
        service,
        variant,
        room,
        promotion,
    }
}

fn grant(user: Uuid, role: Role, clinic: Uuid) -> role_grant::ActiveModel {
    role_grant::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(user),
        role: Set(role),
        clinic_id: Set(Some(clinic)),
        location_id: Set(None),
        therapist_id: Set(None),
        granted_by_user_id: Set(None),
        created_at: Set(Utc::now()),
    }
}

fn redemption(promotion: Uuid, booking: Uuid, client: Uuid) -> promotion_redemption::ActiveModel {
    promotion_redemption::ActiveModel {
        id: Set(Uuid::new_v4()),
        promotion_id: Set(promotion),
        booking_id: Set(booking),
        client_user_id: Set(client),
        discount_minor: Set(350),
        currency: Set("GBP".into()),
        released_at: Set(None),
        released_by: Set(None),
        redeemed_on: Set(None),
        created_at: Set(Utc::now()),
    }
}

#[tokio::test]
async fn links_across_clinics_are_refused_by_the_database() {
    let app = spawn_app().await;
    let db = &app.db;
    let (a, b) = (world(db, "Kinetic").await, world(db, "Sabai").await);
    let client = users::client(db).await.user_id;
    let now = Utc::now();

    let link = therapist_location::ActiveModel {
        therapist_id: Set(a.therapist),
        location_id: Set(b.location),
    };
    refused(link.insert(db).await, "therapist_location_same_clinic");
    let nine = NaiveTime::from_hms_opt(9, 0, 0).expect("time");
    let schedule = therapist_schedule::ActiveModel {
        id: Set(Uuid::new_v4()),
        therapist_id: Set(a.therapist),
        location_id: Set(b.location),
        weekday: Set(2),
        starts_at: Set(nine),
        ends_at: Set(nine + Duration::hours(4)),
        created_at: Set(now),
    };
    refused(schedule.insert(db).await, "therapist_schedule_same_clinic");
    let price = service_price_override::ActiveModel {
        id: Set(Uuid::new_v4()),
        service_variant_id: Set(a.variant),
        location_id: Set(b.location),
        price_minor: Set(4_000),
        currency: Set("GBP".into()),
        created_at: Set(now),
        updated_at: Set(now),
    };
    refused(price.insert(db).await, "price_override_same_clinic");
    let scoped_location = promotion_location::ActiveModel {
        promotion_id: Set(a.promotion),
        location_id: Set(b.location),
    };
    refused(
        scoped_location.insert(db).await,
        "promotion_location_same_clinic",
    );
    let scoped_service = promotion_service::ActiveModel {
        promotion_id: Set(a.promotion),
        service_id: Set(b.service),
    };
    refused(
        scoped_service.insert(db).await,
        "promotion_service_same_clinic",
    );

    let manager = role_grant::ActiveModel {
        location_id: Set(Some(b.location)),
        ..grant(client, Role::LocationManager, a.clinic)
    };
    refused(manager.insert(db).await, "role_grant_location_clinic");
    let therapist = role_grant::ActiveModel {
        therapist_id: Set(Some(b.therapist)),
        ..grant(client, Role::Therapist, a.clinic)
    };
    refused(therapist.insert(db).await, "role_grant_therapist_clinic");

    let good = a.slot();
    let bad_slots = [
        (
            fixtures::Slot {
                location: b.location,
                room: None,
                ..good
            },
            "booking_location_clinic",
        ),
        (
            fixtures::Slot {
                therapist: b.therapist,
                ..good
            },
            "booking_therapist_clinic",
        ),
        (
            fixtures::Slot {
                service: b.service,
                variant: b.variant,
                ..good
            },
            "booking_service_clinic",
        ),
        (
            fixtures::Slot {
                variant: b.variant,
                ..good
            },
            "booking_variant_of_service",
        ),
        (
            fixtures::Slot {
                room: Some(b.room),
                ..good
            },
            "booking_room_at_location",
        ),
    ];
    for (slot, rule) in bad_slots {
        refused(fixtures::booking_row(slot, client).insert(db).await, rule);
    }
    let booked = fixtures::booking_row(good, client)
        .insert(db)
        .await
        .expect("a consistent booking is stored");
    refused(
        redemption(b.promotion, booked.id, client).insert(db).await,
        "promotion_redemption_same_clinic",
    );
    redemption(a.promotion, booked.id, client)
        .insert(db)
        .await
        .expect("a redemption of the booking's own clinic is stored");

    let callback = callback_request::ActiveModel {
        id: Set(Uuid::new_v4()),
        clinic_id: Set(a.clinic),
        location_id: Set(Some(b.location)),
        name: Set("Jo Runner".into()),
        phone: Set("+44 7700 900123".into()),
        preferred_time: Set("weekday evenings".into()),
        message: Set(String::new()),
        status: Set(CallbackStatus::Open),
        resolved_by_user_id: Set(None),
        resolved_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    refused(
        callback.insert(db).await,
        "callback_request_location_clinic",
    );

    // The same kinds of rows inside one clinic are accepted, and a status change on a
    // booking is not a link the rules re-check.
    let own_manager = role_grant::ActiveModel {
        location_id: Set(Some(a.location)),
        ..grant(client, Role::LocationManager, a.clinic)
    };
    own_manager
        .insert(db)
        .await
        .expect("a same-clinic grant is stored");
    booking::Entity::update_many()
        .col_expr(booking::Column::Status, Expr::value("cancelled_by_client"))
        .filter(booking::Column::Id.eq(booked.id))
        .exec(db)
        .await
        .expect("a booking can be cancelled");
}

#[tokio::test]
async fn the_columns_the_rules_read_never_change() {
    let app = spawn_app().await;
    let db = &app.db;
    let (a, b) = (world(db, "Kinetic").await, world(db, "Sabai").await);
    let client = users::client(db).await.user_id;
    let booked = fixtures::booking_row(a.slot(), client)
        .insert(db)
        .await
        .expect("booking stored");

    let moves = [
        (
            "location",
            "clinic_id",
            b.clinic,
            a.location,
            "location_clinic_fixed",
        ),
        (
            "therapist",
            "clinic_id",
            b.clinic,
            a.therapist,
            "therapist_clinic_fixed",
        ),
        (
            "service",
            "clinic_id",
            b.clinic,
            a.service,
            "service_clinic_fixed",
        ),
        (
            "promotion",
            "clinic_id",
            b.clinic,
            a.promotion,
            "promotion_clinic_fixed",
        ),
        (
            "room",
            "location_id",
            b.location,
            a.room,
            "room_location_fixed",
        ),
        (
            "service_variant",
            "service_id",
            b.service,
            a.variant,
            "service_variant_service_fixed",
        ),
    ];
    for (table, column, to, row, rule) in moves {
        refused(set_column(db, table, column, to, row).await, rule);
    }
    // Every link of the booking moved at once would pass the link rules: the clinic stays.
    refused(
        booking::Entity::update_many()
            .col_expr(booking::Column::ClinicId, Expr::value(b.clinic))
            .col_expr(booking::Column::LocationId, Expr::value(b.location))
            .col_expr(booking::Column::TherapistId, Expr::value(b.therapist))
            .col_expr(booking::Column::ServiceId, Expr::value(b.service))
            .col_expr(booking::Column::ServiceVariantId, Expr::value(b.variant))
            .col_expr(booking::Column::RoomId, Expr::value(b.room))
            .filter(booking::Column::Id.eq(booked.id))
            .exec(db)
            .await,
        "booking_clinic_fixed",
    );
    location::Entity::update_many()
        .col_expr(location::Column::Name, Expr::value("Kinetic Shoreditch"))
        .filter(location::Column::Id.eq(a.location))
        .exec(db)
        .await
        .expect("a rename is no move");
}

#[tokio::test]
async fn the_rules_roll_back_and_apply_again() {
    let app = spawn_app().await;
    let db = &app.db;
    let a = world(db, "Kinetic").await;
    let b = world(db, "Sabai").await;
    let since_rules =
        stride_tests::database::migrations_since("m20270104_000010_same_clinic_rules");
    Migrator::down(db, Some(since_rules))
        .await
        .expect("the rules roll back");
    // Without the rules the database takes a cross-clinic link; applying them again then
    // stops on that row instead of guarding a store that already breaks them.
    therapist_location::ActiveModel {
        therapist_id: Set(a.therapist),
        location_id: Set(b.location),
    }
    .insert(db)
    .await
    .expect("no rule without the migration");
    let error = Migrator::up(db, None)
        .await
        .expect_err("the breach stops the migration");
    assert!(
        error.to_string().contains("therapist_location_same_clinic"),
        "{error}"
    );
    therapist_location::Entity::delete_many()
        .filter(therapist_location::Column::LocationId.eq(b.location))
        .filter(therapist_location::Column::TherapistId.eq(a.therapist))
        .exec(db)
        .await
        .expect("breach removed");
    Migrator::up(db, None).await.expect("the rules apply again");
    let link = therapist_location::ActiveModel {
        therapist_id: Set(a.therapist),
        location_id: Set(b.location),
    };
    refused(link.insert(db).await, "therapist_location_same_clinic");
}

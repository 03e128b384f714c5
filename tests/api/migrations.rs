//! Migrations that reshape existing rows do so faithfully.

use chrono::{TimeZone, Utc};
use entity::{location, opening_hours};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use stride_tests::{fixtures, spawn_app};

#[tokio::test]
async fn opening_hours_written_before_their_timestamp_existed_take_their_locations() {
    let app = spawn_app().await;
    let db = &app.db;
    let clinic = fixtures::clinic(db, "Kinetic").await;
    let location_id = fixtures::location(db, clinic, "Shoreditch").await;
    let since =
        stride_tests::database::migrations_since("m20270105_000011_opening_hours_created_at");
    Migrator::down(db, Some(since)).await.expect("rolled back");
    let opened = Utc
        .with_ymd_and_hms(2025, 3, 14, 9, 30, 0)
        .single()
        .expect("instant");
    location::Entity::update_many()
        .col_expr(location::Column::CreatedAt, Expr::value(opened))
        .filter(location::Column::Id.eq(location_id))
        .exec(db)
        .await
        .expect("location dated");
    Migrator::up(db, None).await.expect("applied again");

    let hours = opening_hours::Entity::find()
        .filter(opening_hours::Column::LocationId.eq(location_id))
        .all(db)
        .await
        .expect("opening hours read");
    assert_eq!(hours.len(), 2);
    assert!(hours.iter().all(|h| h.created_at == opened), "{hours:?}");
}

#[tokio::test]
async fn a_stackable_promotion_combines_with_both_classes_after_the_upgrade() {
    use sea_orm::{
        ConnectionTrait,
        sea_query::{Alias, Query},
    };
    let app = spawn_app().await;
    let db = &app.db;
    let clinic = fixtures::clinic(db, "Kinetic").await;
    let since = stride_tests::database::migrations_since("m20270109_000015_promotion_rules");
    Migrator::down(db, Some(since)).await.expect("rolled back");
    for (name, stackable) in [("Stacks", true), ("Alone", false)] {
        let at = |text: &str| {
            chrono::DateTime::parse_from_rfc3339(text)
                .expect("instant")
                .to_utc()
        };
        let columns = [
            "id",
            "clinic_id",
            "name",
            "description",
            "kind",
            "percent_off",
            "automatic",
            "first_visit_only",
            "starts_at",
            "ends_at",
            "stackable",
            "created_at",
            "updated_at",
        ];
        let insert = Query::insert()
            .into_table(Alias::new("promotion"))
            .columns(columns.map(Alias::new))
            .values_panic([
                uuid::Uuid::new_v4().into(),
                clinic.into(),
                name.into(),
                "".into(),
                "percent".into(),
                10.into(),
                true.into(),
                false.into(),
                at("2027-02-01T00:00:00Z").into(),
                at("2027-03-01T00:00:00Z").into(),
                stackable.into(),
                at("2027-01-01T00:00:00Z").into(),
                at("2027-01-01T00:00:00Z").into(),
            ])
            .to_owned();
        db.execute(&insert).await.expect("old promotion stored");
    }
    Migrator::up(db, None).await.expect("applied again");
    for row in entity::promotion::Entity::find()
        .all(db)
        .await
        .expect("read")
    {
        let stacks = row.name == "Stacks";
        assert_eq!(
            (row.combines_with_code, row.combines_with_automatic),
            (stacks, stacks),
            "{}",
            row.name
        );
    }
}

#[tokio::test]
async fn redemptions_stored_before_their_counter_and_day_are_counted_dated_and_explained() {
    use entity::{enums::BookingStatus, enums::ReleasedBy, promotion, promotion_redemption};
    use sea_orm::{ActiveModelTrait, Set};
    let app = spawn_app().await;
    let db = &app.db;
    let clinic = fixtures::clinic(db, "Kinetic").await;
    let location = fixtures::location(db, clinic, "Leeds").await;
    let service = fixtures::service(db, clinic, "Sports massage", false).await;
    let slot = fixtures::Slot {
        clinic,
        location,
        therapist: fixtures::therapist(db, clinic, "Ana", &[location], true).await,
        service,
        variant: fixtures::variant(db, service, 60).await,
        room: None,
    };
    let offer = fixtures::promotion(db, clinic, "February").await;
    let client = stride_tests::users::client(db).await.user_id;
    let made = Utc
        .with_ymd_and_hms(2027, 1, 20, 23, 30, 0)
        .single()
        .expect("instant");
    for (hours, released) in [(0, None), (2, Some(made)), (4, None)] {
        let starts = made + chrono::TimeDelta::days(10) + chrono::TimeDelta::hours(hours);
        let booking = fixtures::booking_row_at(slot, client, starts, 30, BookingStatus::Confirmed)
            .insert(db)
            .await
            .expect("booking");
        promotion_redemption::ActiveModel {
            id: Set(uuid::Uuid::new_v4()),
            promotion_id: Set(offer),
            booking_id: Set(booking.id),
            client_user_id: Set(client),
            discount_minor: Set(600),
            currency: Set("GBP".into()),
            released_at: Set(released),
            released_by: Set(None),
            redeemed_on: Set(None),
            created_at: Set(made),
        }
        .insert(db)
        .await
        .expect("redemption");
    }
    let since = stride_tests::database::migrations_since("m20270110_000016_redemption_count");
    Migrator::down(db, Some(since)).await.expect("rolled back");
    Migrator::up(db, None).await.expect("applied again");

    let row = promotion::Entity::find_by_id(offer)
        .one(db)
        .await
        .expect("read")
        .expect("the promotion");
    assert_eq!(row.redemption_count, 2, "the held ones");
    let redemptions = promotion_redemption::Entity::find()
        .all(db)
        .await
        .expect("read");
    for redemption in redemptions {
        let by = redemption.released_at.map(|_| ReleasedBy::Cancellation);
        assert_eq!(redemption.released_by, by, "{redemption:?}");
        assert_eq!(redemption.redeemed_on, Some(made.date_naive()));
    }
}

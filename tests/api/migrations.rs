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

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

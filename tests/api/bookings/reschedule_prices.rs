//! A client's move prices the booking again at the new start: promotions it holds stay
//! while their window takes in that start, the code entered counts again, a dearer move
//! needs the client's consent, and the clinic's moves never change the price.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use entity::{promotion, promotion_redemption};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use stride_tests::{TestApp, spawn_app, users};

use super::{
    CREATE, Studio, all_at_once, input, london, monday,
    promotions::{end_promotion, promote, with_code, without_rooms},
    refusal,
};

const RESCHEDULE: &str =
    "mutation($input: RescheduleBookingInput!) { rescheduleBooking(input: $input) {
  startsAt
  price { discount { amountMinor } final { amountMinor } repricedAt
    promotions { promotion { name } discount { amountMinor } released releasedBy } } } }";

fn move_to(id: &Value, at: DateTime<Utc>, accept: bool) -> Value {
    json!({ "input": { "id": id, "startsAt": at.to_rfc3339(), "acceptNewPrice": accept } })
}

/// Moves the booking, accepting a dearer price.
async fn reschedule(app: &TestApp, id: &Value, at: DateTime<Utc>, token: &str) -> Value {
    move_as(app, id, at, token, true).await
}

async fn move_as(app: &TestApp, id: &Value, at: DateTime<Utc>, token: &str, accept: bool) -> Value {
    let body = app
        .gql_as(RESCHEDULE, move_to(id, at, accept), Some(token))
        .await;
    let moved = body["data"]["rescheduleBooking"].clone();
    assert!(moved["startsAt"].is_string(), "{body}");
    moved
}

/// Each promotion on the price by name: (discount, released by).
fn parts(moved: &Value) -> BTreeMap<String, (Value, Value)> {
    moved["price"]["promotions"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|part| {
            let name = part["promotion"]["name"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            let released_by = part["releasedBy"].clone();
            assert_eq!(part["released"], !released_by.is_null(), "{part}");
            (name, (part["discount"]["amountMinor"].clone(), released_by))
        })
        .collect()
}

fn part(discount: i64, released_by: Option<&str>) -> (Value, Value) {
    (json!(discount), json!(released_by))
}

fn final_price(moved: &Value) -> &Value {
    &moved["price"]["final"]["amountMinor"]
}

async fn book_with(
    app: &TestApp,
    studio: &Studio,
    at: DateTime<Utc>,
    code: Option<&str>,
    token: &str,
) -> Value {
    let variables = with_code(input(studio, Some(0), at, 60), code, false);
    let booked = app.gql_as(CREATE, variables, Some(token)).await;
    let id = booked["data"]["createBooking"]["id"].clone();
    assert!(id.is_string(), "{booked}");
    id
}

#[tokio::test]
async fn a_move_inside_the_window_keeps_the_discount_and_a_dearer_one_needs_consent() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let ends = london(monday(1), 0, 0).to_rfc3339();
    let promotion = promote(
        &app,
        &studio,
        json!({ "name": "Ten", "percentOff": 10, "code": "TEN", "totalCap": 1, "validTo": ends }),
    )
    .await;
    let client = users::client(&app.db).await;
    let id = book_with(
        &app,
        &studio,
        london(monday(0), 9, 0),
        Some("ten"),
        &client.token,
    )
    .await;

    let inside = reschedule(&app, &id, london(monday(0), 11, 0), &client.token).await;
    assert_eq!(final_price(&inside), 5400, "{inside}");
    assert!(inside["price"]["repricedAt"].is_null(), "{inside}");
    assert_eq!(
        parts(&inside),
        BTreeMap::from([("Ten".into(), part(600, None))])
    );

    // A dearer move to a taken slot is told the slot is taken; one to a free slot that
    // the client did not accept is refused; neither changes anything.
    let outside = london(monday(1), 9, 0);
    let other = users::client(&app.db).await;
    book_with(&app, &studio, london(monday(1), 11, 0), None, &other.token).await;
    for (at, expected) in [
        (london(monday(1), 11, 0), "CONFLICT/SLOT_TAKEN"),
        (outside, "CONFLICT/PRICE_CHANGED"),
    ] {
        let refused = app
            .gql_as(RESCHEDULE, move_to(&id, at, false), Some(&client.token))
            .await;
        assert_eq!(refusal(&refused), expected, "{refused}");
    }
    let unchanged = app
        .gql_as(
            "query($id: ID!) { booking(id: $id) { startsAt price { final { amountMinor } } } }",
            json!({ "id": id }),
            Some(&client.token),
        )
        .await;
    assert_eq!(
        unchanged["data"]["booking"]["startsAt"], inside["startsAt"],
        "{unchanged}"
    );
    assert_eq!(
        unchanged["data"]["booking"]["price"]["final"]["amountMinor"],
        5400
    );
    assert_eq!(held_counts(&app).await, 1);

    let moved = reschedule(&app, &id, outside, &client.token).await;
    assert_eq!(moved["price"]["discount"]["amountMinor"], 0, "{moved}");
    assert_eq!(final_price(&moved), 6000, "{moved}");
    assert!(moved["price"]["repricedAt"].is_string(), "{moved}");
    assert_eq!(
        parts(&moved),
        BTreeMap::from([("Ten".into(), part(600, Some("RESCHEDULE")))])
    );

    // The only redemption the cap allows is free again.
    assert_eq!(held_counts(&app).await, 0);
    let variables = with_code(
        input(&studio, Some(0), london(monday(0), 9, 0), 60),
        Some("TEN"),
        false,
    );
    let second = app.gql_as(CREATE, variables, Some(&other.token)).await;
    assert_eq!(
        second["data"]["createBooking"]["price"]["final"]["amountMinor"], 5400,
        "{second}"
    );

    let admin = users::franchise_admin(&app.db, studio.clinic).await;
    let report = app
        .gql_as(
            "query($id: ID!) { promotionReport(id: $id) { total { redemptions released movedOut } } }",
            json!({ "id": promotion }),
            Some(&admin.token),
        )
        .await;
    assert_eq!(
        report["data"]["promotionReport"]["total"],
        json!({ "redemptions": 1, "released": 0, "movedOut": 1 }),
        "{report}"
    );
}

#[tokio::test]
async fn moving_finds_what_applies_at_the_new_start_and_the_code_entered_counts_again() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let week = |n| london(monday(n), 0, 0).to_rfc3339();
    promote(
        &app,
        &studio,
        json!({ "name": "Welcome", "percentOff": 5, "firstVisitOnly": true,
                "combinesWith": ["CODE"], "validTo": week(2) }),
    )
    .await;
    promote(
        &app,
        &studio,
        json!({ "name": "Ten", "percentOff": 10, "code": "TEN",
                "combinesWith": ["AUTOMATIC"], "validTo": week(1) }),
    )
    .await;
    promote(
        &app,
        &studio,
        json!({ "name": "Later", "amountOffMinor": 1000, "validFrom": week(2) }),
    )
    .await;
    let client = users::client(&app.db).await;
    let id = book_with(
        &app,
        &studio,
        london(monday(0), 9, 0),
        Some("ten"),
        &client.token,
    )
    .await;
    let at = |n| london(monday(n), 9, 0);

    // Ten has ended by week 1; the first-visit offer it holds still covers week 1.
    let week1 = reschedule(&app, &id, at(1), &client.token).await;
    assert_eq!(final_price(&week1), 5700, "{week1}");
    assert_eq!(
        parts(&week1),
        BTreeMap::from([
            ("Welcome".into(), part(300, None)),
            ("Ten".into(), part(600, Some("RESCHEDULE"))),
        ])
    );

    // Cheaper: no consent needed.
    let week2 = move_as(&app, &id, at(2), &client.token, false).await;
    assert_eq!(final_price(&week2), 5000, "{week2}");
    assert_eq!(
        parts(&week2),
        BTreeMap::from([
            ("Welcome".into(), part(300, Some("RESCHEDULE"))),
            ("Ten".into(), part(600, Some("RESCHEDULE"))),
            ("Later".into(), part(1000, None)),
        ])
    );

    // Back in week 0, the code the client entered applies again, with the first visit.
    let back = reschedule(&app, &id, at(0), &client.token).await;
    assert_eq!(final_price(&back), 5100, "{back}");
    assert_eq!(
        parts(&back),
        BTreeMap::from([
            ("Welcome".into(), part(300, None)),
            ("Ten".into(), part(600, None)),
            ("Later".into(), part(1000, Some("RESCHEDULE"))),
        ])
    );
    assert_eq!(held_counts(&app).await, 2);
}

#[tokio::test]
async fn a_later_booking_does_not_cost_the_first_visit_offer_and_the_clinic_moves_at_no_cost() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let ends = london(monday(2), 0, 0).to_rfc3339();
    promote(
        &app,
        &studio,
        json!({ "name": "Welcome", "amountOffMinor": 1500, "firstVisitOnly": true, "validTo": ends }),
    )
    .await;
    let client = users::client(&app.db).await;
    let first = book_with(&app, &studio, london(monday(0), 9, 0), None, &client.token).await;
    book_with(&app, &studio, london(monday(0), 11, 0), None, &client.token).await;

    let moved = reschedule(&app, &first, london(monday(1), 9, 0), &client.token).await;
    assert_eq!(final_price(&moved), 4500, "{moved}");
    assert!(moved["price"]["repricedAt"].is_null(), "{moved}");

    // The clinic moves it past the offer's end: the client keeps what they were quoted.
    let admin = users::franchise_admin(&app.db, studio.clinic).await;
    let by_clinic = reschedule(&app, &first, london(monday(2), 9, 0), &admin.token).await;
    assert_eq!(final_price(&by_clinic), 4500, "{by_clinic}");
    assert_eq!(
        parts(&by_clinic),
        BTreeMap::from([("Welcome".into(), part(1500, None))])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn moves_and_new_bookings_racing_for_a_capped_promotion_keep_its_count_true() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 5).await;
    without_rooms(&app, &studio).await;
    let ends = london(monday(1), 0, 0).to_rfc3339();
    promote(
        &app,
        &studio,
        json!({ "name": "Ten", "percentOff": 10, "totalCap": 10, "validTo": ends }),
    )
    .await;
    // Ten clients hold the ten redemptions in week 0; each moves to week 1 while another
    // client books the slot it leaves.
    let slot = |therapist: usize, week, n: i64| {
        (
            therapist,
            london(monday(week), 9, 0) + TimeDelta::minutes(45 * n),
        )
    };
    let mut calls = Vec::new();
    for n in 0..10 {
        let (therapist, at) = slot(n % 5, 0, (n / 5) as i64);
        let holder = users::client(&app.db).await;
        let booked = app
            .gql_as(
                CREATE,
                input(&studio, Some(therapist), at, 30),
                Some(&holder.token),
            )
            .await;
        assert_eq!(
            booked["data"]["createBooking"]["price"]["final"]["amountMinor"], 3150,
            "{booked}"
        );
        let id = &booked["data"]["createBooking"]["id"];
        let newcomer = users::client(&app.db).await;
        calls.push((
            newcomer.token,
            CREATE,
            input(&studio, Some(therapist), at, 30),
        ));
        let (_, later) = slot(n % 5, 1, (n / 5) as i64);
        calls.push((holder.token, RESCHEDULE, move_to(id, later, true)));
    }
    let mut discounted = 0;
    for body in all_at_once(&app, calls).await {
        let moving = body["data"].get("rescheduleBooking").is_some()
            || body["errors"][0]["path"][0] == "rescheduleBooking";
        if moving {
            assert_eq!(
                body["data"]["rescheduleBooking"]["price"]["final"]["amountMinor"], 3500,
                "{body}"
            );
            continue;
        }
        // A newcomer may come before the slot is left.
        match body["data"]["createBooking"]["price"]["final"]["amountMinor"].as_i64() {
            Some(3150) => discounted += 1,
            Some(3500) => {}
            _ => assert_eq!(refusal(&body), "CONFLICT/SLOT_TAKEN", "{body}"),
        }
    }
    assert!(discounted <= 10, "{discounted} discounted");
    assert_eq!(held_counts(&app).await, discounted);
}

/// The redemptions held, after checking each promotion's counter against them.
pub(super) async fn held_counts(app: &TestApp) -> u64 {
    let mut total = 0;
    for row in promotion::Entity::find().all(&app.db).await.expect("read") {
        let held = promotion_redemption::Entity::find()
            .filter(promotion_redemption::Column::PromotionId.eq(row.id))
            .filter(promotion_redemption::Column::ReleasedAt.is_null())
            .count(&app.db)
            .await
            .expect("counted");
        assert_eq!(
            u64::try_from(row.redemption_count).ok(),
            Some(held),
            "{}: its counter against its redemptions",
            row.name
        );
        total += held;
    }
    total
}

#[tokio::test]
async fn an_ended_promotion_the_booking_holds_stays_while_its_window_covers_the_move() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let ends = london(monday(1), 0, 0).to_rfc3339();
    let promotion = promote(
        &app,
        &studio,
        json!({ "name": "Ten", "percentOff": 10, "validTo": ends }),
    )
    .await;
    let client = users::client(&app.db).await;
    let id = book_with(&app, &studio, london(monday(0), 9, 0), None, &client.token).await;
    end_promotion(&app, &studio, &promotion).await;

    let inside = reschedule(&app, &id, london(monday(0), 11, 0), &client.token).await;
    assert_eq!(final_price(&inside), 5400, "{inside}");
    assert_eq!(
        parts(&inside),
        BTreeMap::from([("Ten".into(), part(600, None))])
    );

    let outside = reschedule(&app, &id, london(monday(1), 9, 0), &client.token).await;
    assert_eq!(final_price(&outside), 6000, "{outside}");
    // Ended, it does not come back on a move into its window.
    let back = reschedule(&app, &id, london(monday(0), 11, 0), &client.token).await;
    assert_eq!(final_price(&back), 6000, "{back}");
    assert_eq!(
        parts(&back),
        BTreeMap::from([("Ten".into(), part(600, Some("RESCHEDULE")))])
    );
    assert_eq!(held_counts(&app).await, 0);
}

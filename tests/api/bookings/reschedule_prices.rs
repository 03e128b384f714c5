//! A reschedule keeps the booking's promotions while they take in the new start; once one
//! does not, the booking is priced again at the new start, and says so.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use stride_tests::{TestApp, spawn_app, users};

use super::{
    CREATE, Studio, input, london, monday,
    promotions::{promote, with_code},
};

const RESCHEDULE: &str =
    "mutation($input: RescheduleBookingInput!) { rescheduleBooking(input: $input) {
  startsAt
  price { discount { amountMinor } final { amountMinor } repricedAt
    promotions { promotion { name } discount { amountMinor } released releasedBy } } } }";

async fn reschedule(
    app: &TestApp,
    id: &Value,
    at: chrono::DateTime<chrono::Utc>,
    token: &str,
) -> Value {
    let body = app
        .gql_as(
            RESCHEDULE,
            json!({ "input": { "id": id, "startsAt": at.to_rfc3339() } }),
            Some(token),
        )
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

#[tokio::test]
async fn a_move_inside_the_window_keeps_the_discount_and_one_outside_prices_again() {
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
    let variables = input(&studio, Some(0), london(monday(0), 9, 0), 60);
    let booked = app
        .gql_as(
            CREATE,
            with_code(variables, Some("ten"), false),
            Some(&client.token),
        )
        .await;
    let id = booked["data"]["createBooking"]["id"].clone();
    assert_eq!(
        booked["data"]["createBooking"]["price"]["final"]["amountMinor"], 5400,
        "{booked}"
    );

    let inside = reschedule(&app, &id, london(monday(0), 11, 0), &client.token).await;
    assert_eq!(inside["price"]["final"]["amountMinor"], 5400, "{inside}");
    assert!(inside["price"]["repricedAt"].is_null(), "{inside}");
    assert_eq!(
        parts(&inside),
        BTreeMap::from([("Ten".into(), part(600, None))])
    );

    let outside = reschedule(&app, &id, london(monday(1), 9, 0), &client.token).await;
    assert_eq!(outside["price"]["discount"]["amountMinor"], 0, "{outside}");
    assert_eq!(outside["price"]["final"]["amountMinor"], 6000, "{outside}");
    assert!(outside["price"]["repricedAt"].is_string(), "{outside}");
    assert_eq!(
        parts(&outside),
        BTreeMap::from([("Ten".into(), part(600, Some("RESCHEDULE")))])
    );

    // The only redemption the cap allows is free again.
    let other = users::client(&app.db).await;
    let variables = input(&studio, Some(0), london(monday(0), 9, 0), 60);
    let second = app
        .gql_as(
            CREATE,
            with_code(variables, Some("TEN"), false),
            Some(&other.token),
        )
        .await;
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
async fn pricing_again_finds_what_applies_at_the_new_start_and_the_booking_is_no_visit_of_its_own()
{
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
    let variables = input(&studio, Some(0), london(monday(0), 9, 0), 60);
    let booked = app
        .gql_as(
            CREATE,
            with_code(variables, Some("ten"), false),
            Some(&client.token),
        )
        .await;
    let id = booked["data"]["createBooking"]["id"].clone();
    assert_eq!(
        booked["data"]["createBooking"]["price"]["final"]["amountMinor"], 5100,
        "{booked}"
    );

    // Ten has ended by week 1; the first-visit offer still holds, as this booking is the
    // client's only one.
    let week1 = reschedule(&app, &id, london(monday(1), 9, 0), &client.token).await;
    assert_eq!(week1["price"]["final"]["amountMinor"], 5700, "{week1}");
    assert_eq!(
        parts(&week1),
        BTreeMap::from([
            ("Welcome".into(), part(300, None)),
            ("Ten".into(), part(600, Some("RESCHEDULE"))),
        ])
    );

    let week2 = reschedule(&app, &id, london(monday(2), 9, 0), &client.token).await;
    assert_eq!(week2["price"]["final"]["amountMinor"], 5000, "{week2}");
    assert_eq!(
        parts(&week2),
        BTreeMap::from([
            ("Welcome".into(), part(300, Some("RESCHEDULE"))),
            ("Ten".into(), part(600, Some("RESCHEDULE"))),
            ("Later".into(), part(1000, None)),
        ])
    );

    // Back in week 1, Later has not started and the first-visit offer is held again.
    let back = reschedule(&app, &id, london(monday(1), 9, 0), &client.token).await;
    assert_eq!(back["price"]["final"]["amountMinor"], 5700, "{back}");
    assert_eq!(
        parts(&back),
        BTreeMap::from([
            ("Welcome".into(), part(300, None)),
            ("Ten".into(), part(600, Some("RESCHEDULE"))),
            ("Later".into(), part(1000, Some("RESCHEDULE"))),
        ])
    );
}

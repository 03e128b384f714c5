//! Many requests race for the same slots; the database decides, on SQLite and PostgreSQL.

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};
use entity::{booking, service};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, sea_query::Expr};
use serde_json::json;
use stride_tests::{TestApp, spawn_app};

use super::{CREATE, Studio, all_at_once, input, london, monday, refusal};

/// Sends every request at once (each on its own task) and counts the outcomes: BOOKED,
/// or the error's code and reason. A 5xx or a transport failure fails the test.
async fn race(
    app: &TestApp,
    studio: &Studio,
    requests: Vec<(Option<usize>, DateTime<Utc>)>,
    minutes: i64,
) -> HashMap<String, usize> {
    let token = &studio.client.token;
    let calls = requests
        .into_iter()
        .map(|(therapist, at)| (token.clone(), CREATE, input(studio, therapist, at, minutes)))
        .collect();
    let mut outcomes = HashMap::new();
    for body in all_at_once(app, calls).await {
        let outcome = if body["data"]["createBooking"]["id"].is_string() {
            "BOOKED".to_owned()
        } else {
            refusal(&body)
        };
        *outcomes.entry(outcome).or_insert(0) += 1;
    }
    outcomes
}

async fn active_bookings(app: &TestApp) -> u64 {
    booking::Entity::find()
        .filter(booking::Column::Status.is_in(["pending", "confirmed"]))
        .count(&app.db)
        .await
        .expect("bookings counted")
}

fn expect(outcomes: &HashMap<String, usize>, booked: usize, taken: usize) {
    let mut want = HashMap::from([("BOOKED".to_owned(), booked)]);
    if taken > 0 {
        want.insert("CONFLICT/SLOT_TAKEN".to_owned(), taken);
    }
    assert_eq!(outcomes, &want);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_requests_for_one_slot_make_exactly_one_booking() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let at = london(monday(0), 10, 0);
    let outcomes = race(&app, &studio, vec![(Some(0), at); 100], 60).await;
    expect(&outcomes, 1, 99);
    assert_eq!(active_bookings(&app).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_requests_over_ten_slots_make_exactly_ten_bookings() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    // 30 minutes + 10 of buffer: starts 45 minutes apart never overlap; five a Monday.
    let slots: Vec<DateTime<Utc>> = (0..2)
        .flat_map(|week| {
            (0..5).map(move |n| london(monday(week), 9, 0) + TimeDelta::minutes(45 * n))
        })
        .collect();
    let requests = (0..100).map(|n| (Some(0), slots[n % 10])).collect();
    let outcomes = race(&app, &studio, requests, 30).await;
    expect(&outcomes, 10, 90);
    assert_eq!(active_bookings(&app).await, 10);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_auto_assigned_requests_for_one_time_fill_the_four_therapists() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 4).await;
    // Rooms would cap it at two: this service needs none.
    service::Entity::update_many()
        .col_expr(service::Column::RequiresRoom, Expr::value(false))
        .filter(service::Column::Id.eq(studio.service))
        .exec(&app.db)
        .await
        .expect("service updated");
    let at = london(monday(0), 10, 0);
    let outcomes = race(&app, &studio, vec![(None, at); 50], 60).await;
    expect(&outcomes, 4, 46);
    let therapists: std::collections::HashSet<_> = booking::Entity::find()
        .all(&app.db)
        .await
        .expect("bookings read")
        .into_iter()
        .map(|b| b.therapist_id)
        .collect();
    assert_eq!(therapists.len(), 4, "one booking per therapist");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_rooms_cap_simultaneous_sessions_whatever_the_therapists() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 4).await;
    let at = london(monday(0), 10, 0);
    let requests = (0..40).map(|n| (Some(n % 4), at)).collect();
    let outcomes = race(&app, &studio, requests, 60).await;
    assert_eq!(outcomes.get("BOOKED"), Some(&2), "{outcomes:?}");
    let refused: usize = outcomes
        .iter()
        .filter(|(k, _)| k.starts_with("CONFLICT/"))
        .map(|(_, n)| n)
        .sum();
    assert_eq!(refused, 38, "{outcomes:?}");
    assert_eq!(active_bookings(&app).await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_simultaneous_reschedules_onto_one_slot_move_exactly_one() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    // Twenty 30-minute bookings, five a Monday over four weeks.
    let mut ids = Vec::new();
    for week in 1..5 {
        for n in 0..5 {
            let at = london(monday(week), 9, 0) + TimeDelta::minutes(45 * n);
            let body = super::book(&app, &studio, &studio.client.token, Some(0), at, 30).await;
            let id = body["data"]["createBooking"]["id"]
                .as_str()
                .map(str::to_owned);
            ids.push(id.unwrap_or_else(|| panic!("booked: {body}")));
        }
    }
    let target = london(monday(0), 10, 0).to_rfc3339();
    let move_it =
        "mutation($input: RescheduleBookingInput!) { rescheduleBooking(input: $input) { id } }";
    let calls = ids
        .into_iter()
        .map(|id| {
            let variables = json!({ "input": { "id": id, "startsAt": target } });
            (studio.client.token.clone(), move_it, variables)
        })
        .collect();
    let mut outcomes: HashMap<String, usize> = HashMap::new();
    for body in all_at_once(&app, calls).await {
        let outcome = if body["data"]["rescheduleBooking"]["id"].is_string() {
            "MOVED".to_owned()
        } else {
            refusal(&body)
        };
        *outcomes.entry(outcome).or_insert(0) += 1;
    }
    assert_eq!(
        outcomes,
        HashMap::from([
            ("MOVED".to_owned(), 1),
            ("CONFLICT/SLOT_TAKEN".to_owned(), 19)
        ])
    );
    let at_target = booking::Entity::find()
        .filter(booking::Column::StartsAt.eq(london(monday(0), 10, 0)))
        .count(&app.db)
        .await
        .expect("bookings counted");
    assert_eq!(at_target, 1);
    assert_eq!(
        active_bookings(&app).await,
        20,
        "the nineteen others kept their times"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_request_sent_ten_times_at_once_makes_one_booking_and_ten_answers() {
    let app = spawn_app().await;
    let studio = Studio::open(&app, 1).await;
    let mut variables = input(&studio, Some(0), london(monday(0), 10, 0), 60);
    variables["input"]["idempotencyKey"] = json!("tap-tap-tap");
    let token = &studio.client.token;
    let calls = (0..10)
        .map(|_| (token.clone(), CREATE, variables.clone()))
        .collect();
    let mut ids = std::collections::HashSet::new();
    for body in all_at_once(&app, calls).await {
        let id = body["data"]["createBooking"]["id"]
            .as_str()
            .map(str::to_owned);
        ids.insert(id.unwrap_or_else(|| panic!("every retry gets the booking: {body}")));
    }
    assert_eq!(ids.len(), 1);
    assert_eq!(active_bookings(&app).await, 1);
}

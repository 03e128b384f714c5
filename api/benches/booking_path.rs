//! The booking path under load, on the real `stride` binary serving the demo: at 32
//! connections, `availableSlots` for one therapist over 7 days and for a whole location
//! over 14 days, each as a ratio to `GET /readyz`; and `createBooking` on distinct free
//! slots as a ratio to plain inserts of booking rows into the same table (no rules, 32 at
//! once through a pool of the same size), all measured in the same run.
//!
//! `cargo bench -p stride-api --bench booking_path` runs it on SQLite; with
//! `STRIDE_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres` it also runs
//! on a fresh PostgreSQL database it creates (and drops) on that server.

mod common;

use std::{
    collections::{HashMap, VecDeque},
    sync::{
        Arc, Mutex,
        atomic::{AtomicI64, Ordering},
    },
    time::{Duration, Instant},
};

use chrono::{DateTime, TimeDelta, Utc};
use entity::{booking, enums::BookingStatus};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, EntityTrait, Set};
use serde_json::{Value, json};
use uuid::Uuid;

const CONNECTIONS: usize = 32;

const IDS: &str = "{ clinics(first: 3) { edges { node { locations(first: 5) { edges { node { id therapists(first: 10) { edges { node { id services(first: 1) { edges { node { id } } } } } } } } } } } } }";
const SLOTS: &str = "query($input: AvailableSlotsInput!) { availableSlots(input: $input) { startsAt endsAt therapist { id } } }";
const CREATE: &str =
    "mutation($input: CreateBookingInput!) { createBooking(input: $input) { id } }";

/// A location with one of its therapists and a service that therapist gives.
#[derive(Clone)]
struct Place {
    location: String,
    therapist: String,
    service: String,
}

async fn graphql(
    client: &reqwest::Client,
    base: &str,
    token: Option<&str>,
    query: &str,
    variables: Value,
) -> Option<Value> {
    let mut request = client
        .post(format!("{base}/graphql"))
        .json(&json!({ "query": query, "variables": variables }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let body: Value = request.send().await.ok()?.json().await.ok()?;
    body.get("errors").is_none().then_some(body)
}

fn edges(value: &Value) -> Vec<Value> {
    value["edges"]
        .as_array()
        .map(|e| e.iter().map(|e| e["node"].clone()).collect())
        .unwrap_or_default()
}

/// Every (location, therapist, service) of the demo's clinics.
async fn places(client: &reqwest::Client, base: &str) -> Vec<Place> {
    let Some(body) = graphql(client, base, None, IDS, json!({})).await else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for clinic in edges(&body["data"]["clinics"]) {
        for location in edges(&clinic["locations"]) {
            for therapist in edges(&location["therapists"]) {
                if let Some(service) = edges(&therapist["services"]).first() {
                    found.push(Place {
                        location: location["id"].as_str().unwrap_or_default().to_owned(),
                        therapist: therapist["id"].as_str().unwrap_or_default().to_owned(),
                        service: service["id"].as_str().unwrap_or_default().to_owned(),
                    });
                }
            }
        }
    }
    found
}

fn slots_input(place: &Place, therapist: bool, from: DateTime<Utc>, days: i64) -> Value {
    let mut input = json!({
        "serviceId": place.service,
        "locationId": place.location,
        "from": from.to_rfc3339(),
        "to": (from + TimeDelta::days(days)).to_rfc3339(),
    });
    if therapist {
        input["therapistId"] = json!(place.therapist);
    }
    json!({ "input": input })
}

/// Whether a GraphQL call answered without errors, without parsing the answer: the load
/// generator shares the machine's two cores with the server and should cost it little.
async fn answered(
    client: &reqwest::Client,
    base: &str,
    token: Option<&str>,
    query: &str,
    variables: &Value,
) -> bool {
    let mut request = client
        .post(format!("{base}/graphql"))
        .json(&json!({ "query": query, "variables": variables }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    match request.send().await {
        Ok(response) if response.status().is_success() => response
            .bytes()
            .await
            .is_ok_and(|body| !body.windows(9).any(|w| w == b"\"errors\":")),
        _ => false,
    }
}

/// Free starts of every therapist over the next 336 days (clinics with a shorter horizon
/// offer fewer) that do not overlap one another (each therapist's taken greedily in
/// order), as `createBooking` inputs.
async fn distinct_slots(client: &reqwest::Client, base: &str, places: &[Place]) -> VecDeque<Value> {
    let mut chosen = VecDeque::new();
    let mut last_end: HashMap<String, String> = HashMap::new();
    let start = Utc::now() + TimeDelta::days(1);
    for place in places {
        for window in 0..12 {
            let from = start + TimeDelta::days(28 * window);
            let Some(body) = graphql(
                client,
                base,
                None,
                SLOTS,
                slots_input(place, true, from, 28),
            )
            .await
            else {
                continue;
            };
            for slot in body["data"]["availableSlots"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let (starts, ends) = (slot["startsAt"].as_str(), slot["endsAt"].as_str());
                let (Some(starts), Some(ends)) = (starts, ends) else {
                    continue;
                };
                let (Ok(starts_at), Ok(ends_at)) = (
                    DateTime::parse_from_rfc3339(starts),
                    DateTime::parse_from_rfc3339(ends),
                ) else {
                    continue;
                };
                // An hour past the end clears any buffer.
                let clear = last_end
                    .get(&place.therapist)
                    .and_then(|t| DateTime::parse_from_rfc3339(t).ok());
                if clear.is_some_and(|end| starts_at < end) {
                    continue;
                }
                last_end.insert(
                    place.therapist.clone(),
                    (ends_at + TimeDelta::hours(1)).to_rfc3339(),
                );
                chosen.push_back(json!({ "input": {
                    "serviceId": place.service,
                    "locationId": place.location,
                    "therapistId": place.therapist,
                    "startsAt": starts_at.to_utc().to_rfc3339(),
                }}));
            }
        }
    }
    chosen
}

/// Plain inserts of booking rows (copies of a demo booking, two hours apart in 2031: no
/// overlaps, no rules), 32 at once, as the reference for `createBooking`.
async fn plain_inserts(database_url: &str) -> Result<common::Figures, Box<dyn std::error::Error>> {
    let mut options = ConnectOptions::new(database_url);
    options
        .max_connections(CONNECTIONS as u32)
        .sqlx_logging(false);
    options.map_sqlx_sqlite_opts(|sqlite| {
        sqlite
            .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
            .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10))
    });
    let db: DatabaseConnection = Database::connect(options).await?;
    let template = booking::Entity::find()
        .one(&db)
        .await?
        .ok_or("the demo has no booking to copy")?;
    let base = DateTime::parse_from_rfc3339("2031-01-01T00:00:00Z")?.to_utc();
    let next = Arc::new(AtomicI64::new(0));
    let (db, template) = (Arc::new(db), Arc::new(template));
    let figures = common::drive(CONNECTIONS, move || {
        let (db, template, next) = (db.clone(), template.clone(), next.clone());
        async move {
            let n = next.fetch_add(1, Ordering::Relaxed);
            let starts = base + TimeDelta::hours(2 * n);
            let row = booking::ActiveModel {
                id: Set(Uuid::new_v4()),
                starts_at: Set(starts),
                ends_at: Set(starts + TimeDelta::minutes(60)),
                busy_until: Set(starts + TimeDelta::minutes(70)),
                status: Set(BookingStatus::Pending),
                room_id: Set(None),
                series_id: Set(None),
                idempotency_key: Set(None),
                created_at: Set(Utc::now()),
                updated_at: Set(Utc::now()),
                ..booking::ActiveModel::from((*template).clone())
            };
            booking::Entity::insert(row)
                .exec_without_returning(&*db)
                .await
                .is_ok()
        }
    })
    .await;
    Ok(figures)
}

fn print(name: &str, figures: common::Figures, reference: f64, reference_name: &str) {
    println!(
        "{:<44} {:>9.0} {:>9.2} {:>9.2} {:>8.0}% of {:<14} {:>7}",
        name,
        figures.per_second,
        figures.p50_ms,
        figures.p99_ms,
        100.0 * figures.per_second / reference.max(1.0),
        reference_name,
        figures.failures
    );
}

async fn run(label: &str, database_url: &str) -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::temp_dir().join(format!("stride-booking-{}-{label}", std::process::id()));
    let server = common::serve(
        &dir,
        &[
            ("STRIDE_CONFIG", "/dev/null"),
            ("STRIDE_DATABASE_URL", database_url),
        ],
    )?;
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CONNECTIONS)
        .build()?;
    let base = server.base.clone();
    let started = Instant::now();
    while graphql(&client, &base, None, "{ __typename }", json!({}))
        .await
        .is_none()
    {
        if started.elapsed() > Duration::from_secs(120) {
            return Err("the server did not start".into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Rooms would cap how many sessions run at once; the bench books therapists' time.
    let db = Database::connect(database_url).await?;
    db.execute_unprepared("UPDATE service SET requires_room = false")
        .await?;
    db.close().await?;
    let places = places(&client, &base).await;
    let place = places
        .first()
        .cloned()
        .ok_or("the demo has no bookable therapist")?;
    let registered = graphql(
        &client,
        &base,
        None,
        "mutation($e: String!) { register(input: { email: $e, password: \"correct horse battery\", name: \"Bench\" }) { accessToken } }",
        json!({ "e": format!("bench-{}@example.com", std::process::id()) }),
    )
    .await
    .ok_or("could not register")?;
    let token = registered["data"]["register"]["accessToken"]
        .as_str()
        .unwrap_or_default()
        .to_owned();

    println!("\n{label}, {CONNECTIONS} connections");
    println!(
        "{:<44} {:>9} {:>9} {:>9} {:>24} {:>7}",
        "request", "req/s", "p50 ms", "p99 ms", "ratio", "failed"
    );
    let ready = {
        let (client, base) = (client.clone(), base.clone());
        common::drive(CONNECTIONS, move || {
            let (client, base) = (client.clone(), base.clone());
            async move {
                match client.get(format!("{base}/readyz")).send().await {
                    Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
                    Err(_) => false,
                }
            }
        })
        .await
    };
    print("GET /readyz", ready, ready.per_second, "readyz");
    let from = Utc::now() + TimeDelta::days(1);
    for (name, therapist, days) in [
        ("availableSlots, one therapist, 7 days", true, 7),
        ("availableSlots, whole location, 14 days", false, 14),
    ] {
        let variables = slots_input(&place, therapist, from, days);
        let (client, base) = (client.clone(), base.clone());
        let figures = common::drive(CONNECTIONS, move || {
            let (client, base, variables) = (client.clone(), base.clone(), variables.clone());
            async move { answered(&client, &base, None, SLOTS, &variables).await }
        })
        .await;
        print(name, figures, ready.per_second, "readyz");
    }

    let queue = Arc::new(Mutex::new(distinct_slots(&client, &base, &places).await));
    let available = queue.lock().map(|q| q.len()).unwrap_or(0);
    let reference = plain_inserts(database_url).await?;
    print(
        "plain INSERT into booking (no rules)",
        reference,
        reference.per_second,
        "plain INSERT",
    );
    let booked = {
        let (client, base, token, queue) =
            (client.clone(), base.clone(), token.clone(), queue.clone());
        common::drive(CONNECTIONS, move || {
            let (client, base, token, queue) =
                (client.clone(), base.clone(), token.clone(), queue.clone());
            async move {
                let next = queue.lock().ok().and_then(|mut q| q.pop_front());
                let Some(variables) = next else { return false };
                answered(&client, &base, Some(&token), CREATE, &variables).await
            }
        })
        .await
    };
    print(
        "createBooking, distinct free slots",
        booked,
        reference.per_second,
        "plain INSERT",
    );
    let left = queue.lock().map(|q| q.len()).unwrap_or(0);
    println!("({available} distinct free slots prepared, {left} left unused)");
    if left == 0 {
        println!("the slots ran out: the createBooking figure counts empty calls; prepare more");
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    common::on_each_database("stride-booking", |label, url| async move {
        run(label, &url).await
    })
    .await
}

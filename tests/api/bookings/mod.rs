//! Booking over HTTP: free slots, booking them, and races for one slot on both databases.

mod create;
mod lifecycle;
mod promotion_workflow;
mod promotions;
mod races;
mod reschedule_prices;
mod series;
mod slots;
mod visibility;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Europe::London;
use entity::enums::Modality;
use serde_json::{Value, json};
use stride_api::graphql::id::{Kind, encode};
use stride_tests::{
    TestApp, fixtures,
    users::{self, SignedIn},
};
use uuid::Uuid;

/// A London studio (fixtures: Mondays 09:00–13:00 and 14:00–18:00, two rooms) with a
/// sports massage (30/60/90 min, 10 min cleanup) and therapists working Mondays 09–13.
pub struct Studio {
    pub clinic: Uuid,
    pub location: Uuid,
    pub service: Uuid,
    pub therapists: Vec<Uuid>,
    pub client: SignedIn,
}

impl Studio {
    pub async fn open(app: &TestApp, therapists: usize) -> Self {
        let clinic = fixtures::clinic(&app.db, "Stride Studio").await;
        let location = fixtures::location(&app.db, clinic, "Shoreditch").await;
        let service = fixtures::service(&app.db, clinic, "Sports massage", false).await;
        let mut ids = Vec::new();
        for n in 0..therapists {
            let name = format!("Therapist {n:02}");
            ids.push(
                fixtures::therapist_specialising(
                    &app.db,
                    clinic,
                    &name,
                    &[location],
                    &[Modality::Sports],
                )
                .await,
            );
        }
        Self {
            clinic,
            location,
            service,
            therapists: ids,
            client: users::client(&app.db).await,
        }
    }

    pub fn ids(&self) -> (String, String) {
        (
            encode(Kind::Service, self.service).to_string(),
            encode(Kind::Location, self.location).to_string(),
        )
    }

    pub fn therapist_id(&self, n: usize) -> String {
        encode(Kind::Therapist, self.therapists[n]).to_string()
    }
}

/// The Monday `weeks` weeks after the first Monday at least two days away.
pub fn monday(weeks: u64) -> NaiveDate {
    let mut day = Utc::now().date_naive() + Days::new(2);
    while day.weekday() != Weekday::Mon {
        day = day + Days::new(1);
    }
    day + Days::new(7 * weeks)
}

/// A London wall-clock time on a day, as an instant.
pub fn london(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    let time = NaiveTime::from_hms_opt(hour, minute, 0).expect("valid time");
    London
        .from_local_datetime(&day.and_time(time))
        .earliest()
        .expect("an existing London time")
        .with_timezone(&Utc)
}

pub const CREATE: &str = "mutation($input: CreateBookingInput!) { createBooking(input: $input) { id status startsAt endsAt therapist { name } room { name } price { list { amountMinor currency } final { amountMinor } } } }";

pub const SLOTS: &str = "query($input: AvailableSlotsInput!) { availableSlots(input: $input) { startsAt endsAt therapist { name } roomId } }";

/// The variables of `CREATE` for `starts_at` with the named therapist (or any).
pub fn input(
    studio: &Studio,
    therapist: Option<usize>,
    starts_at: DateTime<Utc>,
    minutes: i64,
) -> Value {
    let (service, location) = studio.ids();
    let mut input = json!({
        "serviceId": service,
        "locationId": location,
        "startsAt": starts_at.to_rfc3339(),
        "durationMinutes": minutes,
    });
    if let Some(n) = therapist {
        input["therapistId"] = json!(studio.therapist_id(n));
    }
    json!({ "input": input })
}

/// Books `starts_at` with the named therapist (or any), as `token`.
pub async fn book(
    app: &TestApp,
    studio: &Studio,
    token: &str,
    therapist: Option<usize>,
    starts_at: DateTime<Utc>,
    minutes: i64,
) -> Value {
    let variables = input(studio, therapist, starts_at, minutes);
    app.gql_as(CREATE, variables, Some(token)).await
}

/// Books as `book` does and returns the new booking's ID; anything else fails the test.
pub async fn book_id(
    app: &TestApp,
    studio: &Studio,
    token: &str,
    therapist: Option<usize>,
    starts_at: DateTime<Utc>,
    minutes: i64,
) -> String {
    let body = book(app, studio, token, therapist, starts_at, minutes).await;
    body["data"]["createBooking"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("booked: {body}"))
        .to_owned()
}

/// Sets the clinic's cancellation cutoff.
pub async fn set_cutoff(app: &TestApp, clinic: Uuid, minutes: i32) {
    use entity::clinic;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    clinic::Entity::update_many()
        .col_expr(
            clinic::Column::CancellationCutoffMinutes,
            Expr::value(minutes),
        )
        .filter(clinic::Column::Id.eq(clinic))
        .exec(&app.db)
        .await
        .expect("cutoff set");
}

/// Sends every call (token, query, variables) at once, each on its own task, and returns
/// the answers as they come. A 5xx or a transport failure fails the test.
pub async fn all_at_once(app: &TestApp, calls: Vec<(String, &'static str, Value)>) -> Vec<Value> {
    let url = format!("{}/graphql", app.address);
    let mut running = tokio::task::JoinSet::new();
    for (token, query, variables) in calls {
        let body = json!({ "query": query, "variables": variables });
        let (client, url) = (app.client.clone(), url.clone());
        running.spawn(async move {
            let response = client.post(url).bearer_auth(token).json(&body).send().await;
            let response = response.expect("request is sent");
            assert_eq!(response.status(), 200, "no 5xx under contention");
            response.json::<Value>().await.expect("response is JSON")
        });
    }
    let mut answers = Vec::new();
    while let Some(answer) = running.join_next().await {
        answers.push(answer.expect("call finished"));
    }
    answers
}

/// `"CODE/REASON"` of the first error.
pub fn refusal(body: &Value) -> String {
    let code = body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("?");
    format!("{code}/{}", reason(body))
}

/// The `extensions.reason` of the first error.
pub fn reason(body: &Value) -> &str {
    body["errors"][0]["extensions"]["reason"]
        .as_str()
        .unwrap_or("<none>")
}

/// A confirmed 60-minute booking with therapist 0 that started `hours_ago` hours ago,
/// written straight to the database (the API books nothing in the past).
pub async fn started_booking(
    app: &TestApp,
    studio: &Studio,
    client: Uuid,
    hours_ago: i64,
) -> String {
    use entity::enums::BookingStatus;
    use sea_orm::ActiveModelTrait;
    let slot = fixtures::Slot {
        clinic: studio.clinic,
        location: studio.location,
        therapist: studio.therapists[0],
        service: studio.service,
        variant: fixtures::variant(&app.db, studio.service, 60).await,
        room: None,
    };
    let starts = Utc::now() - chrono::TimeDelta::hours(hours_ago);
    let row = fixtures::booking_row_at(slot, client, starts, 60, BookingStatus::Confirmed);
    let id = row.insert(&app.db).await.expect("booking inserted").id;
    encode(Kind::Booking, id).to_string()
}

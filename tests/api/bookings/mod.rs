//! Booking over HTTP: free slots, booking them, and races for one slot on both databases.

mod create;
mod lifecycle;
mod races;
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
    use entity::{booking, enums::BookingStatus, service_variant};
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    let variant = service_variant::Entity::find()
        .filter(service_variant::Column::ServiceId.eq(studio.service))
        .filter(service_variant::Column::DurationMinutes.eq(60))
        .one(&app.db)
        .await
        .expect("variant read")
        .expect("a 60-minute variant");
    let starts = Utc::now() - chrono::TimeDelta::hours(hours_ago);
    let id = Uuid::new_v4();
    booking::ActiveModel {
        id: Set(id),
        clinic_id: Set(studio.clinic),
        location_id: Set(studio.location),
        therapist_id: Set(studio.therapists[0]),
        service_id: Set(studio.service),
        service_variant_id: Set(variant.id),
        client_user_id: Set(client),
        starts_at: Set(starts),
        ends_at: Set(starts + chrono::TimeDelta::minutes(60)),
        busy_until: Set(starts + chrono::TimeDelta::minutes(70)),
        status: Set(BookingStatus::Confirmed),
        list_price_minor: Set(6_000),
        discount_minor: Set(0),
        final_price_minor: Set(6_000),
        currency: Set("GBP".into()),
        late_cancellation: Set(false),
        notes: Set(String::new()),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("booking inserted");
    encode(Kind::Booking, id).to_string()
}

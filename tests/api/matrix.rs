//! The authorization matrix: every mutation × every kind of caller → allowed, or the code
//! the caller gets. Each cell runs against fresh targets, so an allowed cell never changes
//! what the next one sees. A mutation without a row fails the test.

use std::collections::BTreeSet;

use chrono::Utc;
use entity::{
    app_user, enums::Role, location_closure, role_grant, room, service_variant, therapist_time_off,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde_json::{Value, json};
use stride_api::graphql::id::{Kind, encode};
use stride_tests::{TestApp, error_codes, fixtures, spawn_app_with, users};
use uuid::Uuid;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Caller {
    Anonymous,
    Client,
    /// The therapist the target profile belongs to.
    Therapist,
    /// Manager of the target location.
    ManagerHere,
    /// Manager of another location of the same clinic.
    ManagerElsewhere,
    /// Franchise admin of the target clinic.
    AdminHere,
    /// Franchise admin of another clinic.
    AdminElsewhere,
    Platform,
}

const CALLERS: [Caller; 8] = [
    Caller::Anonymous,
    Caller::Client,
    Caller::Therapist,
    Caller::ManagerHere,
    Caller::ManagerElsewhere,
    Caller::AdminHere,
    Caller::AdminElsewhere,
    Caller::Platform,
];

/// Who may run a mutation (platform admins may run every one).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Allowed {
    Everyone,
    PlatformOnly,
    ClinicAdmins,
    /// Clinic admins and the location's managers.
    LocationStaff,
    /// Clinic admins and the therapist themself.
    TherapistAndAdmins,
    /// Clinic admins, the location's managers and the therapist themself.
    ScheduleKeepers,
    /// Anyone signed in, for their own account.
    SignedIn,
    /// The booking's client, its therapist, the location's managers and the clinic's
    /// admins; staff elsewhere do not even see it.
    BookingParties,
    /// As `BookingParties`, but not the client: running the clinic's day.
    BookingStaff,
    /// Clinic admins and any of its location managers.
    ClinicStaff,
}

impl Allowed {
    pub(crate) fn permits(self, caller: Caller) -> bool {
        use Caller::*;
        match self {
            Allowed::Everyone => true,
            Allowed::PlatformOnly => caller == Platform,
            Allowed::ClinicAdmins => matches!(caller, AdminHere | Platform),
            Allowed::LocationStaff => matches!(caller, AdminHere | ManagerHere | Platform),
            Allowed::TherapistAndAdmins => matches!(caller, AdminHere | Therapist | Platform),
            Allowed::ScheduleKeepers => {
                matches!(caller, AdminHere | ManagerHere | Therapist | Platform)
            }
            Allowed::SignedIn => caller != Anonymous,
            Allowed::BookingParties => {
                matches!(
                    caller,
                    Client | Therapist | ManagerHere | AdminHere | Platform
                )
            }
            Allowed::ClinicStaff => {
                matches!(
                    caller,
                    AdminHere | ManagerHere | ManagerElsewhere | Platform
                )
            }
            Allowed::BookingStaff => {
                matches!(caller, Therapist | ManagerHere | AdminHere | Platform)
            }
        }
    }

    /// The code a caller without the right gets: bookings they cannot see do not exist
    /// for them.
    pub(crate) fn refusal(self, caller: Caller) -> &'static str {
        let booking = matches!(self, Allowed::BookingParties | Allowed::BookingStaff);
        match caller {
            Caller::Anonymous => "UNAUTHENTICATED",
            Caller::ManagerElsewhere | Caller::AdminElsewhere if booking => "NOT_FOUND",
            _ => "FORBIDDEN",
        }
    }
}

const ROWS: &[(&str, Allowed)] = &[
    ("register", Allowed::Everyone),
    ("login", Allowed::Everyone),
    ("refreshToken", Allowed::Everyone),
    ("logout", Allowed::Everyone),
    ("changePassword", Allowed::SignedIn),
    ("signOutEverywhere", Allowed::SignedIn),
    ("disableUser", Allowed::ClinicAdmins),
    ("enableUser", Allowed::ClinicAdmins),
    ("createClinic", Allowed::PlatformOnly),
    ("updateClinic", Allowed::ClinicAdmins),
    ("createLocation", Allowed::ClinicAdmins),
    ("updateLocation", Allowed::ClinicAdmins),
    ("setOpeningHours", Allowed::LocationStaff),
    ("addClosure", Allowed::LocationStaff),
    ("removeClosure", Allowed::LocationStaff),
    ("createRoom", Allowed::ClinicAdmins),
    ("renameRoom", Allowed::ClinicAdmins),
    ("removeRoom", Allowed::ClinicAdmins),
    ("createTherapist", Allowed::ClinicAdmins),
    ("updateTherapist", Allowed::TherapistAndAdmins),
    ("setTherapistSchedule", Allowed::ScheduleKeepers),
    ("addTimeOff", Allowed::TherapistAndAdmins),
    ("removeTimeOff", Allowed::TherapistAndAdmins),
    ("createService", Allowed::ClinicAdmins),
    ("updateService", Allowed::ClinicAdmins),
    ("archiveService", Allowed::ClinicAdmins),
    ("setLocationPrice", Allowed::ClinicAdmins),
    ("grantRole", Allowed::ClinicAdmins),
    ("revokeRole", Allowed::ClinicAdmins),
    ("updateIntake", Allowed::SignedIn),
    ("createBooking", Allowed::SignedIn),
    ("confirmBooking", Allowed::BookingStaff),
    ("completeBooking", Allowed::BookingStaff),
    ("markNoShow", Allowed::BookingStaff),
    ("cancelBooking", Allowed::BookingParties),
    ("rescheduleBooking", Allowed::BookingParties),
    ("createBookingSeries", Allowed::SignedIn),
    ("createPromotion", Allowed::ClinicAdmins),
    ("updatePromotion", Allowed::ClinicAdmins),
    ("endPromotion", Allowed::ClinicAdmins),
    ("requestCallback", Allowed::Everyone),
    ("resolveCallbackRequest", Allowed::ClinicStaff),
];

/// Clinic A with locations A1 (target) and A2, therapist TA at A1, and clinic B.
pub(crate) struct World {
    pub(crate) clinic: Uuid,
    pub(crate) location: Uuid,
    therapist: Uuid,
    /// Each caller's account; tokens are minted per cell, as a row may end sessions.
    pub(crate) callers: Vec<(Caller, Option<Uuid>)>,
}

impl World {
    pub(crate) async fn build(app: &TestApp) -> Self {
        let db = &app.db;
        let clinic = fixtures::clinic(db, "Clinic A").await;
        let other_clinic = fixtures::clinic(db, "Clinic B").await;
        let location = fixtures::location(db, clinic, "A1").await;
        let elsewhere = fixtures::location(db, clinic, "A2").await;
        let therapist = fixtures::therapist(db, clinic, "Ana", &[location], true).await;
        let callers = vec![
            (Caller::Anonymous, None),
            (Caller::Client, Some(users::client(db).await.user_id)),
            (
                Caller::Therapist,
                Some(users::therapist(db, clinic, therapist).await.user_id),
            ),
            (
                Caller::ManagerHere,
                Some(users::location_manager(db, clinic, location).await.user_id),
            ),
            (
                Caller::ManagerElsewhere,
                Some(users::location_manager(db, clinic, elsewhere).await.user_id),
            ),
            (
                Caller::AdminHere,
                Some(users::franchise_admin(db, clinic).await.user_id),
            ),
            (
                Caller::AdminElsewhere,
                Some(users::franchise_admin(db, other_clinic).await.user_id),
            ),
            (
                Caller::Platform,
                Some(users::platform_admin(db).await.user_id),
            ),
        ];
        // Every caller knows their password, for changePassword.
        let hash = stride_api::auth::password::hash(crate::auth::PASSWORD).expect("hashed");
        app_user::Entity::update_many()
            .col_expr(
                app_user::Column::PasswordHash,
                sea_orm::sea_query::Expr::value(hash),
            )
            .exec(db)
            .await
            .expect("passwords set");
        Self {
            clinic,
            location,
            therapist,
            callers,
        }
    }

    fn client(&self) -> Uuid {
        self.callers
            .iter()
            .find_map(|(caller, id)| (*caller == Caller::Client).then_some(*id).flatten())
            .expect("a client caller")
    }

    fn ids(&self) -> (String, String, String) {
        (
            encode(Kind::Clinic, self.clinic).0,
            encode(Kind::Location, self.location).0,
            encode(Kind::Therapist, self.therapist).0,
        )
    }
}

/// The operation a cell runs, on targets made fresh for it. `n` keeps names unique.
async fn operation(name: &str, world: &World, app: &TestApp, n: usize) -> (String, Value) {
    let db = &app.db;
    let (clinic, location, therapist) = world.ids();
    let now = Utc::now();
    let op = |q: &str, vars: Value| (q.to_owned(), vars);
    match name {
        "register" => op(
            "mutation($e: String!) { register(input: { email: $e, password: \"correct horse battery\", name: \"New\" }) { accessToken } }",
            json!({ "e": format!("new{n}@example.com") }),
        ),
        "login" | "refreshToken" | "logout" => {
            let session = crate::auth::register(app, &format!("session{n}@example.com")).await;
            match name {
                "login" => op(
                    "mutation($e: String!) { login(input: { email: $e, password: \"correct horse battery\" }) { accessToken } }",
                    json!({ "e": format!("session{n}@example.com") }),
                ),
                "refreshToken" => op(
                    "mutation($t: String!) { refreshToken(input: { refreshToken: $t }) { accessToken } }",
                    json!({ "t": session["refreshToken"] }),
                ),
                _ => op(
                    "mutation($t: String!) { logout(input: { refreshToken: $t }) }",
                    json!({ "t": session["refreshToken"] }),
                ),
            }
        }
        "changePassword" => op(
            "mutation($p: String!) { changePassword(input: { currentPassword: $p, newPassword: $p }) { accessToken } }",
            json!({ "p": crate::auth::PASSWORD }),
        ),
        "signOutEverywhere" => op("mutation { signOutEverywhere }", json!({})),
        "disableUser" | "enableUser" => {
            // A fresh member of clinic A's staff, so no cell depends on another.
            let staff = users::location_manager(db, world.clinic, world.location).await;
            op(
                &format!("mutation($id: ID!) {{ {name}(id: $id) {{ id }} }}"),
                json!({ "id": encode(Kind::User, staff.user_id).0 }),
            )
        }
        "createClinic" => op(
            "mutation($name: String!) { createClinic(input: { name: $name, currency: \"GBP\", firstAdmin: { email: \"owner@example.com\", name: \"Owner\", password: \"correct horse battery\" } }) { id } }",
            json!({ "name": format!("New clinic {n}") }),
        ),
        "updateClinic" => op(
            "mutation($id: ID!) { updateClinic(id: $id, input: { description: \"Updated\" }) { id } }",
            json!({ "id": clinic }),
        ),
        "createLocation" => op(
            "mutation($c: ID!, $name: String!) { createLocation(input: { clinicId: $c, name: $name, timeZone: \"Europe/London\", address: { line1: \"1 Road\", city: \"Leeds\", postalCode: \"LS1 1AA\", countryCode: \"GB\" } }) { id } }",
            json!({ "c": clinic, "name": format!("New location {n}") }),
        ),
        "updateLocation" => op(
            "mutation($id: ID!) { updateLocation(id: $id, input: { phone: \"+44 113 496 0000\" }) { id } }",
            json!({ "id": location }),
        ),
        "setOpeningHours" => op(
            "mutation($id: ID!) { setOpeningHours(locationId: $id, hours: [{ weekday: MONDAY, opensAt: \"08:00\", closesAt: \"20:00\" }]) { id } }",
            json!({ "id": location }),
        ),
        "addClosure" => op(
            "mutation($id: ID!) { addClosure(input: { locationId: $id, startsOn: \"2027-01-01\", endsOn: \"2027-01-01\", reason: \"New year\" }) { id } }",
            json!({ "id": location }),
        ),
        "removeClosure" => {
            let id = Uuid::new_v4();
            location_closure::ActiveModel {
                id: Set(id),
                location_id: Set(world.location),
                starts_on: Set(now.date_naive()),
                ends_on: Set(now.date_naive()),
                reason: Set(String::new()),
                created_at: Set(now),
            }
            .insert(db)
            .await
            .expect("closure");
            op(
                "mutation($id: ID!) { removeClosure(id: $id) }",
                json!({ "id": encode(Kind::Closure, id).0 }),
            )
        }
        "createRoom" => op(
            "mutation($id: ID!, $name: String!) { createRoom(locationId: $id, name: $name) { id } }",
            json!({ "id": location, "name": format!("Room {n}") }),
        ),
        "renameRoom" => {
            let id = room(db, world.location, format!("To rename {n}")).await;
            op(
                "mutation($id: ID!, $name: String!) { renameRoom(id: $id, name: $name) { id } }",
                json!({ "id": encode(Kind::Room, id).0, "name": format!("Renamed {n}") }),
            )
        }
        "removeRoom" => {
            let id = room(db, world.location, format!("Spare {n}")).await;
            op(
                "mutation($id: ID!) { removeRoom(id: $id) }",
                json!({ "id": encode(Kind::Room, id).0 }),
            )
        }
        "createTherapist" => op(
            "mutation($c: ID!, $l: ID!, $name: String!) { createTherapist(input: { clinicId: $c, name: $name, bio: \"Runner\", credential: { kind: CERTIFICATION, body: \"SMA\", number: \"1\" }, specialties: [SPORTS], locationIds: [$l], bufferMinutes: 10 }) { id } }",
            json!({ "c": clinic, "l": location, "name": format!("New therapist {n}") }),
        ),
        "updateTherapist" => op(
            "mutation($id: ID!) { updateTherapist(id: $id, input: { bio: \"Updated bio\" }) { id } }",
            json!({ "id": therapist }),
        ),
        "setTherapistSchedule" => op(
            "mutation($t: ID!, $l: ID!) { setTherapistSchedule(therapistId: $t, locationId: $l, intervals: [{ weekday: MONDAY, startsAt: \"09:00\", endsAt: \"12:00\" }]) { id } }",
            json!({ "t": therapist, "l": location }),
        ),
        "addTimeOff" => op(
            "mutation($t: ID!) { addTimeOff(input: { therapistId: $t, startsAt: \"2027-03-01T00:00:00Z\", endsAt: \"2027-03-08T00:00:00Z\", reason: \"Marathon\" }) { id } }",
            json!({ "t": therapist }),
        ),
        "removeTimeOff" => {
            let id = Uuid::new_v4();
            therapist_time_off::ActiveModel {
                id: Set(id),
                therapist_id: Set(world.therapist),
                starts_at: Set(now),
                ends_at: Set(now + chrono::Duration::days(1)),
                reason: Set(String::new()),
                created_at: Set(now),
            }
            .insert(db)
            .await
            .expect("time off");
            op(
                "mutation($id: ID!) { removeTimeOff(id: $id) }",
                json!({ "id": encode(Kind::TimeOff, id).0 }),
            )
        }
        "createService" => op(
            "mutation($c: ID!, $name: String!) { createService(input: { clinicId: $c, name: $name, description: \"\", modality: SPORTS, cleanupBufferMinutes: 10, variants: [{ durationMinutes: 60, priceMinor: 6000 }] }) { id } }",
            json!({ "c": clinic, "name": format!("New service {n}") }),
        ),
        "updateService" | "archiveService" | "setLocationPrice" => {
            let service = fixtures::service(db, world.clinic, &format!("Service {n}"), false).await;
            let id = encode(Kind::Service, service).0;
            match name {
                "updateService" => op(
                    "mutation($id: ID!) { updateService(id: $id, input: { description: \"Updated\" }) { id } }",
                    json!({ "id": id }),
                ),
                "archiveService" => op(
                    "mutation($id: ID!) { archiveService(id: $id) { id } }",
                    json!({ "id": id }),
                ),
                _ => {
                    let variant = service_variant::Entity::find()
                        .filter(service_variant::Column::ServiceId.eq(service))
                        .one(db)
                        .await
                        .expect("query")
                        .expect("variant");
                    op(
                        "mutation($v: ID!, $l: ID!) { setLocationPrice(input: { variantId: $v, locationId: $l, priceMinor: 7000 }) { id } }",
                        json!({ "v": encode(Kind::ServiceVariant, variant.id).0, "l": location }),
                    )
                }
            }
        }
        "grantRole" => {
            let email = format!("staff{n}@example.com");
            insert_user(app, &email).await;
            op(
                "mutation($e: String!, $l: ID!) { grantRole(input: { userEmail: $e, role: LOCATION_MANAGER, locationId: $l }) { id } }",
                json!({ "e": email, "l": location }),
            )
        }
        "revokeRole" => {
            let user = insert_user(app, &format!("revokee{n}@example.com")).await;
            let id = Uuid::new_v4();
            role_grant::ActiveModel {
                id: Set(id),
                user_id: Set(user),
                role: Set(Role::LocationManager),
                clinic_id: Set(Some(world.clinic)),
                location_id: Set(Some(world.location)),
                therapist_id: Set(None),
                granted_by_user_id: Set(None),
                created_at: Set(now),
            }
            .insert(db)
            .await
            .expect("grant");
            op(
                "mutation($id: ID!) { revokeRole(id: $id) }",
                json!({ "id": encode(Kind::RoleGrant, id).0 }),
            )
        }
        "updateIntake" => op(
            "mutation { updateIntake(input: { weeklyDistanceKm: 40, painAreas: [CALVES] }) { weeklyDistanceKm } }",
            json!({}),
        ),
        "createBooking" => {
            let service = fixtures::service(db, world.clinic, &format!("Booked {n}"), false).await;
            op(
                "mutation($s: ID!, $l: ID!, $t: ID!, $at: DateTime!) { createBooking(input: { serviceId: $s, locationId: $l, therapistId: $t, startsAt: $at, durationMinutes: 30 }) { id } }",
                json!({
                    "s": encode(Kind::Service, service).0,
                    "l": location,
                    "t": therapist,
                    "at": monday_at(1 + n % 8, 11).to_rfc3339(),
                }),
            )
        }
        "createBookingSeries" => {
            // A therapist of its own, so no cell's sessions meet another's.
            let own = fixtures::therapist(
                db,
                world.clinic,
                &format!("Series {n}"),
                &[world.location],
                true,
            )
            .await;
            let service = fixtures::service(db, world.clinic, &format!("Series {n}"), false).await;
            op(
                "mutation($s: ID!, $l: ID!, $t: ID!, $at: DateTime!) { createBookingSeries(input: { serviceId: $s, locationId: $l, therapistId: $t, startsAt: $at, durationMinutes: 30, everyWeeks: 1, count: 2 }) { booked } }",
                json!({
                    "s": encode(Kind::Service, service).0,
                    "l": location,
                    "t": encode(Kind::Therapist, own).0,
                    "at": monday_at(1 + n % 8, 12).to_rfc3339(),
                }),
            )
        }
        "confirmBooking" | "completeBooking" | "markNoShow" | "cancelBooking" => {
            // Completion needs a session that has started; the others one to come.
            let starts = if name == "confirmBooking" || name == "cancelBooking" {
                now + chrono::Duration::days(200) + chrono::Duration::hours(2 * n as i64)
            } else {
                now - chrono::Duration::days(200) + chrono::Duration::hours(2 * n as i64)
            };
            let id = booking(db, world, starts, name == "confirmBooking").await;
            op(
                &format!("mutation($id: ID!) {{ {name}(id: $id) {{ id }} }}"),
                json!({ "id": encode(Kind::Booking, id).0 }),
            )
        }
        "rescheduleBooking" => {
            let starts = now + chrono::Duration::days(200) + chrono::Duration::hours(2 * n as i64);
            let id = booking(db, world, starts, false).await;
            op(
                "mutation($id: ID!, $at: DateTime!) { rescheduleBooking(input: { id: $id, startsAt: $at }) { id } }",
                json!({ "id": encode(Kind::Booking, id).0, "at": monday_at(1 + n % 8, 9).to_rfc3339() }),
            )
        }
        "createPromotion" => op(
            "mutation($c: ID!, $name: String!) { createPromotion(input: { clinicId: $c, name: $name, percentOff: 10, validFrom: \"2027-02-01T00:00:00Z\", validTo: \"2027-03-01T00:00:00Z\" }) { id } }",
            json!({ "c": clinic, "name": format!("Offer {n}") }),
        ),
        "updatePromotion" | "endPromotion" => {
            let id = fixtures::promotion(db, world.clinic, &format!("Promotion {n}")).await;
            let query = if name == "endPromotion" {
                "mutation($id: ID!) { endPromotion(id: $id) { id } }"
            } else {
                "mutation($id: ID!) { updatePromotion(id: $id, input: { description: \"Updated\" }) { id } }"
            };
            op(query, json!({ "id": encode(Kind::Promotion, id).0 }))
        }
        "requestCallback" => op(
            "mutation($c: ID!) { requestCallback(input: { clinicId: $c, name: \"Runner\", phone: \"+44 20 7946 0000\" }) { id } }",
            json!({ "c": clinic }),
        ),
        "resolveCallbackRequest" => {
            let id = Uuid::new_v4();
            entity::callback_request::ActiveModel {
                id: Set(id),
                clinic_id: Set(world.clinic),
                location_id: Set(None),
                name: Set("Runner".into()),
                phone: Set("+44 20 7946 0000".into()),
                preferred_time: Set(String::new()),
                message: Set(String::new()),
                status: Set(entity::enums::CallbackStatus::Open),
                resolved_by_user_id: Set(None),
                resolved_at: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(db)
            .await
            .expect("callback request");
            op(
                "mutation($id: ID!) { resolveCallbackRequest(id: $id) { id } }",
                json!({ "id": encode(Kind::CallbackRequest, id).0 }),
            )
        }
        other => panic!("the matrix has a row for {other} but no operation"),
    }
}

async fn insert_user(app: &TestApp, email: &str) -> Uuid {
    let id = Uuid::new_v4();
    let now = Utc::now();
    app_user::ActiveModel {
        id: Set(id),
        email: Set(email.into()),
        name: Set("Staff".into()),
        password_hash: Set(None),
        disabled_at: Set(None),
        session_epoch: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&app.db)
    .await
    .expect("user");
    id
}

#[tokio::test]
async fn every_mutation_has_a_row_in_the_matrix() {
    let app = spawn_app_with(|s| s.graphql.introspection = true).await;
    let schema = app
        .gql_ok(
            "{ __schema { mutationType { fields { name } } } }",
            json!({}),
        )
        .await;
    let in_schema: BTreeSet<String> = schema["__schema"]["mutationType"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["name"].as_str().expect("name").to_owned())
        .collect();
    let in_matrix: BTreeSet<String> = ROWS.iter().map(|(name, _)| (*name).to_owned()).collect();
    assert_eq!(
        in_schema, in_matrix,
        "add a row to ROWS for each new mutation"
    );
}

#[tokio::test]
async fn every_caller_gets_exactly_what_the_matrix_says() {
    // Every cell signs up from the same address.
    let app = spawn_app_with(|s| {
        s.auth.registrations_per_address = 1_000;
        s.auth.callbacks_per_address = 1_000;
    })
    .await;
    let world = World::build(&app).await;
    let mut n = 0;
    let mut wrong = Vec::new();
    for (name, allowed) in ROWS {
        for (caller, account) in &world.callers {
            n += 1;
            let (query, vars) = operation(name, &world, &app, n).await;
            let token = match account {
                Some(user_id) => Some(users::current_token(&app.db, *user_id).await),
                None => None,
            };
            let body = app.gql_as(&query, vars, token.as_deref()).await;
            let codes = error_codes(&body);
            let expected: Vec<String> = if allowed.permits(*caller) {
                vec![]
            } else {
                vec![allowed.refusal(*caller).into()]
            };
            if codes != expected {
                wrong.push(format!(
                    "{name} as {caller:?}: expected {expected:?}, got {body}"
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} cells differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert_eq!(n, ROWS.len() * CALLERS.len());
}

/// A 60-minute booking of the world's client with therapist TA at A1, written directly.
async fn booking(
    db: &DatabaseConnection,
    world: &World,
    starts: chrono::DateTime<Utc>,
    pending: bool,
) -> Uuid {
    use entity::enums::BookingStatus;
    let service = fixtures::service(db, world.clinic, &format!("For {starts}"), false).await;
    let slot = fixtures::Slot {
        clinic: world.clinic,
        location: world.location,
        therapist: world.therapist,
        service,
        variant: fixtures::variant(db, service, 60).await,
        room: None,
    };
    let status = if pending {
        BookingStatus::Pending
    } else {
        BookingStatus::Confirmed
    };
    fixtures::booking_row_at(slot, world.client(), starts, 60, status)
        .insert(db)
        .await
        .expect("booking")
        .id
}

/// `hour`:00 London time on the Monday `weeks` weeks after the coming one (the fixtures'
/// therapist works Mondays 09:00–13:00).
fn monday_at(weeks: usize, hour: u32) -> chrono::DateTime<Utc> {
    use chrono::{Datelike, Days, TimeZone};
    let mut day = Utc::now().date_naive() + Days::new(2);
    while day.weekday() != chrono::Weekday::Mon {
        day = day + Days::new(1);
    }
    let day = day + Days::new(7 * weeks as u64);
    let at = day.and_hms_opt(hour, 0, 0).expect("valid time");
    chrono_tz::Europe::London
        .from_local_datetime(&at)
        .earliest()
        .expect("a London time")
        .with_timezone(&Utc)
}

/// A room of its own for one row, so no row depends on another's.
async fn room(db: &DatabaseConnection, location: Uuid, name: String) -> Uuid {
    let id = Uuid::new_v4();
    let now = Utc::now();
    room::ActiveModel {
        id: Set(id),
        location_id: Set(location),
        name: Set(name),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
    .expect("room");
    id
}

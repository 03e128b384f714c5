//! Every list pages by keyset: walking it with `after` (and back with `before`) visits
//! each row exactly once, in order, even while rows are added between pages, those
//! behind the cursor not coming back and those ahead of it showing up.

use entity::{enums::Modality, therapist_location};
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{Value, json};
use stride_api::graphql::id::{Kind, encode};
use stride_tests::{TestApp, fixtures, spawn_app};
use uuid::Uuid;

const PAGE: &str =
    "edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }";
const ARGS: &str = "first: $first, after: $after, last: $last, before: $before";
const VARS: &str = "$first: Int, $after: String, $last: Int, $before: String";

#[derive(Clone, Copy, Debug)]
enum List {
    Clinics,
    ClinicLocations,
    ClinicTherapists,
    ClinicServices,
    Locations,
    LocationTherapists,
    LocationServices,
    Therapists,
    TherapistLocations,
    TherapistServices,
    ServiceTherapists,
    Services,
}

const LISTS: [List; 12] = [
    List::Clinics,
    List::ClinicLocations,
    List::ClinicTherapists,
    List::ClinicServices,
    List::Locations,
    List::LocationTherapists,
    List::LocationServices,
    List::Therapists,
    List::TherapistLocations,
    List::TherapistServices,
    List::ServiceTherapists,
    List::Services,
];

/// A clinic with one location, one therapist there and one service they are qualified for.
struct World {
    clinic: Uuid,
    location: Uuid,
    therapist: Uuid,
    service: Uuid,
}

impl List {
    /// The query, and where its connection sits in the answer.
    fn query(self) -> (String, &'static [&'static str]) {
        let (query, path): (String, &'static [&'static str]) = match self {
            List::Clinics => (format!("clinics({ARGS}) {{ {PAGE} }}"), &["clinics"]),
            List::ClinicLocations => (
                format!("clinic(id: $clinic) {{ locations({ARGS}) {{ {PAGE} }} }}"),
                &["clinic", "locations"],
            ),
            List::ClinicTherapists => (
                format!("clinic(id: $clinic) {{ therapists({ARGS}) {{ {PAGE} }} }}"),
                &["clinic", "therapists"],
            ),
            List::ClinicServices => (
                format!("clinic(id: $clinic) {{ services({ARGS}) {{ {PAGE} }} }}"),
                &["clinic", "services"],
            ),
            List::Locations => (
                format!("locations(clinicId: $clinic, {ARGS}) {{ {PAGE} }}"),
                &["locations"],
            ),
            List::LocationTherapists => (
                format!("location(id: $location) {{ therapists({ARGS}) {{ {PAGE} }} }}"),
                &["location", "therapists"],
            ),
            List::LocationServices => (
                format!("location(id: $location) {{ services({ARGS}) {{ {PAGE} }} }}"),
                &["location", "services"],
            ),
            List::Therapists => (
                format!(
                    "therapists(locationId: $location, serviceId: $service, {ARGS}) {{ {PAGE} }}"
                ),
                &["therapists"],
            ),
            List::TherapistLocations => (
                format!("therapist(id: $therapist) {{ locations({ARGS}) {{ {PAGE} }} }}"),
                &["therapist", "locations"],
            ),
            List::TherapistServices => (
                format!("therapist(id: $therapist) {{ services({ARGS}) {{ {PAGE} }} }}"),
                &["therapist", "services"],
            ),
            List::ServiceTherapists => (
                format!("service(id: $service) {{ therapists({ARGS}) {{ {PAGE} }} }}"),
                &["service", "therapists"],
            ),
            List::Services => (
                format!("services(clinicId: $clinic, {ARGS}) {{ {PAGE} }}"),
                &["services"],
            ),
        };
        let ids = "$clinic: ID!, $location: ID!, $therapist: ID!, $service: ID!";
        // Every query declares every id; GraphQL refuses unused variables, so each one
        // is touched through an alias that costs nothing.
        let touch = "c: clinic(id: $clinic) { id } l: location(id: $location) { id } t: therapist(id: $therapist) { id } s: service(id: $service) { id }";
        (format!("query({VARS}, {ids}) {{ {query} {touch} }}"), path)
    }

    /// Adds a row named `name` to this list.
    async fn add(self, app: &TestApp, world: &World, name: &str) {
        let db = &app.db;
        match self {
            List::Clinics => {
                fixtures::clinic(db, name).await;
            }
            List::ClinicLocations | List::Locations => {
                fixtures::location(db, world.clinic, name).await;
            }
            List::ClinicTherapists
            | List::LocationTherapists
            | List::Therapists
            | List::ServiceTherapists => {
                fixtures::therapist(db, world.clinic, name, &[world.location], true).await;
            }
            List::ClinicServices
            | List::LocationServices
            | List::TherapistServices
            | List::Services => {
                fixtures::service_of(db, world.clinic, name, Modality::Sports, false).await;
            }
            List::TherapistLocations => {
                let location = fixtures::location(db, world.clinic, name).await;
                therapist_location::ActiveModel {
                    therapist_id: Set(world.therapist),
                    location_id: Set(location),
                }
                .insert(db)
                .await
                .expect("linked");
            }
        }
    }
}

async fn page(app: &TestApp, list: List, world: &World, args: Value) -> Value {
    let (query, path) = list.query();
    let mut variables = json!({
        "clinic": encode(Kind::Clinic, world.clinic).0,
        "location": encode(Kind::Location, world.location).0,
        "therapist": encode(Kind::Therapist, world.therapist).0,
        "service": encode(Kind::Service, world.service).0,
    });
    for (key, value) in args.as_object().into_iter().flatten() {
        variables[key] = value.clone();
    }
    let mut answer = app.gql_ok(&query, variables).await;
    for step in path {
        answer = answer[*step].take();
    }
    answer
}

fn names(page: &Value) -> Vec<String> {
    page["edges"]
        .as_array()
        .map(|edges| {
            edges
                .iter()
                .map(|e| e["node"]["name"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Walks the whole list two at a time; after each page adds one row behind the cursor
/// (`behind`) and one ahead of it (`ahead`).
async fn walk(app: &TestApp, list: List, world: &World, forward: bool, tag: &str) -> Vec<String> {
    // Names sort the same way on both databases: behind and ahead of every other row.
    let (behind, ahead) = if forward {
        ("AAf", "ZZf")
    } else {
        ("ZZz", "AA0")
    };
    let mut seen = Vec::new();
    let mut cursor = Value::Null;
    for step in 0..50 {
        let args = if forward {
            json!({ "first": 2, "after": cursor })
        } else {
            json!({ "last": 2, "before": cursor })
        };
        let page = page(app, list, world, args).await;
        let mut batch = names(&page);
        if !forward {
            batch.reverse();
        }
        seen.extend(batch);
        let info = &page["pageInfo"];
        let more = if forward {
            info["hasNextPage"].as_bool()
        } else {
            info["hasPreviousPage"].as_bool()
        };
        if more != Some(true) {
            break;
        }
        cursor = if forward {
            info["endCursor"].clone()
        } else {
            info["startCursor"].clone()
        };
        // Each new row ahead lies just beyond the rows added ahead before it.
        let ahead_rank = if forward { step } else { 99 - step };
        list.add(app, world, &format!("{behind}{step:02}{tag}"))
            .await;
        list.add(app, world, &format!("{ahead}{ahead_rank:02}{tag}"))
            .await;
    }
    if !forward {
        seen.reverse();
    }
    seen
}

impl World {
    async fn build(app: &TestApp, tag: &str) -> Self {
        let db = &app.db;
        let clinic = fixtures::clinic(db, &format!("Main clinic{tag}")).await;
        let location = fixtures::location(db, clinic, "Main location").await;
        let therapist = fixtures::therapist(db, clinic, "Main therapist", &[location], true).await;
        let service = fixtures::service(db, clinic, "Main service", false).await;
        Self {
            clinic,
            location,
            therapist,
            service,
        }
    }
}

#[tokio::test]
async fn every_list_walks_without_gaps_or_repeats_while_rows_arrive() {
    let app = spawn_app().await;
    // Each list gets a clinic of its own; clinics themselves are one list for all, so
    // each list's rows also carry its tag.
    for (index, list) in LISTS.into_iter().enumerate() {
        let tag = format!("-{index:02}");
        let world = World::build(&app, &tag).await;
        let mine = |name: &str, prefix: &str| name.starts_with(prefix) && name.ends_with(&tag);
        for i in 0..5 {
            list.add(&app, &world, &format!("M{i}{tag}")).await;
        }
        let forward = walk(&app, list, &world, true, &tag).await;
        let everything = names(&page(&app, list, &world, json!({ "first": 100 })).await);
        let expected: Vec<&String> = everything.iter().filter(|n| !mine(n, "AAf")).collect();
        assert_eq!(
            forward.iter().collect::<Vec<_>>(),
            expected,
            "{list:?} forward"
        );
        assert!(
            forward.iter().any(|n| mine(n, "ZZf")),
            "{list:?}: rows ahead appear"
        );

        let backward = walk(&app, list, &world, false, &tag).await;
        let everything = names(&page(&app, list, &world, json!({ "first": 100 })).await);
        let expected: Vec<&String> = everything.iter().filter(|n| !mine(n, "ZZz")).collect();
        assert_eq!(
            backward.iter().collect::<Vec<_>>(),
            expected,
            "{list:?} backward"
        );
        assert!(
            backward.iter().any(|n| mine(n, "AA0")),
            "{list:?}: rows ahead appear"
        );
    }
}

#[tokio::test]
async fn a_nested_page_holds_each_parents_own_rows() {
    let app = spawn_app().await;
    let db = &app.db;
    for c in 0..3 {
        let clinic = fixtures::clinic(db, &format!("Clinic {c}")).await;
        for l in (0..5).rev() {
            fixtures::location(db, clinic, &format!("Location {c}.{l}")).await;
        }
    }
    let body = app
        .gql_ok(
            "{ clinics(first: 3) { edges { node { name locations(first: 2) {
                edges { node { name } } pageInfo { hasNextPage hasPreviousPage } } } } } }",
            json!({}),
        )
        .await;
    let clinics = body["clinics"]["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(clinics.len(), 3);
    for (c, clinic) in clinics.iter().enumerate() {
        let page = &clinic["node"]["locations"];
        assert_eq!(
            names(page),
            [format!("Location {c}.0"), format!("Location {c}.1")],
            "{body}"
        );
        assert_eq!(page["pageInfo"]["hasNextPage"], true);
        assert_eq!(page["pageInfo"]["hasPreviousPage"], false);
    }
}

//! The read path under load, measured on the real `stride` binary with its own HTTP load
//! generator: requests per second, p50 and p99 of `{ __typename }`, `GET /readyz`, the
//! flat and the nested catalogue, at 1 and 32 connections, each as a ratio to `/readyz`
//! in the same run (this machine is noisy; ratios hold). First on the demo data, then
//! with a scaled catalogue (100 more clinics × 5 locations × 10 therapists) asked for
//! the same page, whose figures should match the demo's: cost follows the page, not the
//! table.
//!
//! `cargo bench -p stride-api --bench read_path` runs it on SQLite; with
//! `STRIDE_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres` it also runs
//! on a fresh PostgreSQL database it creates (and drops) on that server.

mod common;

use common::Figures;
use std::time::{Duration, Instant};

use chrono::Utc;
use entity::{
    clinic,
    enums::{CredentialKind, Modality},
    location, service, service_variant, therapist, therapist_location, therapist_specialty,
};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, EntityTrait, Set, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

const FLAT: &str = "{ clinics(first: 10) { edges { node { id name } } } }";
/// The README's query on the first three clinics: the demo's three, in both runs (the
/// scaled clinics sort after them), so the scaled run asks for the very same page.
const NESTED: &str = "{ clinics(first: 3) { edges { node { name locations(first: 10) { edges { node { name timeZone therapists(first: 20) { edges { node { name specialties } } } } } } } } } }";

#[derive(Clone, Copy)]
enum Probe {
    Typename,
    Ready,
    Flat,
    Nested,
}

impl Probe {
    fn name(self) -> &'static str {
        match self {
            Probe::Typename => "{ __typename }",
            Probe::Ready => "GET /readyz",
            Probe::Flat => "flat catalogue",
            Probe::Nested => "nested catalogue",
        }
    }

    async fn send(self, client: &reqwest::Client, base: &str) -> bool {
        let response = match self {
            Probe::Ready => client.get(format!("{base}/readyz")).send().await,
            graphql => {
                let query = match graphql {
                    Probe::Typename => "{ __typename }",
                    Probe::Flat => FLAT,
                    _ => NESTED,
                };
                client
                    .post(format!("{base}/graphql"))
                    .json(&json!({ "query": query }))
                    .send()
                    .await
            }
        };
        match response {
            Ok(response) => response.status().is_success() && response.bytes().await.is_ok(),
            Err(_) => false,
        }
    }
}

async fn drive(base: &str, probe: Probe, connections: usize) -> Figures {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(connections)
        .build()
        .unwrap_or_default();
    let base = base.to_owned();
    common::drive(connections, move || {
        let (client, base) = (client.clone(), base.clone());
        async move { probe.send(&client, &base).await }
    })
    .await
}

/// Prints one table; returns the nested catalogue's figures at 1 and 32 connections.
async fn measure(label: &str, base: &str) -> Vec<(usize, f64, f64)> {
    println!("\n{label}");
    println!(
        "{:<18} {:>5} {:>10} {:>9} {:>9} {:>10} {:>8}",
        "request", "conns", "req/s", "p50 ms", "p99 ms", "÷ readyz", "failed"
    );
    let mut nested = Vec::new();
    for connections in [1, 32] {
        let ready = drive(base, Probe::Ready, connections).await;
        for probe in [Probe::Ready, Probe::Typename, Probe::Flat, Probe::Nested] {
            let figures = match probe {
                Probe::Ready => ready,
                _ => drive(base, probe, connections).await,
            };
            println!(
                "{:<18} {:>5} {:>10.0} {:>9.2} {:>9.2} {:>9.0}% {:>8}",
                probe.name(),
                connections,
                figures.per_second,
                figures.p50_ms,
                figures.p99_ms,
                100.0 * figures.per_second / ready.per_second.max(1.0),
                figures.failures
            );
            if matches!(probe, Probe::Nested) {
                nested.push((connections, figures.per_second, figures.p50_ms));
            }
        }
    }
    nested
}

/// 100 clinics × 5 locations × 10 therapists (with specialties and links) and 4 services
/// of 3 variants each, written in bulk in one transaction.
async fn scale(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    let now = Utc::now();
    let txn = db.begin().await?;
    for c in 0..100 {
        let clinic_id = Uuid::new_v4();
        clinic::Entity::insert(clinic::ActiveModel {
            id: Set(clinic_id),
            name: Set(format!("Zeta scaled clinic {c:03}")),
            slug: Set(format!("scaled-clinic-{c:03}")),
            description: Set("Sports massage".into()),
            currency: Set("GBP".into()),
            cancellation_cutoff_minutes: Set(1440),
            booking_lead_minutes: Set(120),
            slot_step_minutes: Set(15),
            booking_horizon_days: Set(90),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .exec(&txn)
        .await?;
        let mut services = Vec::new();
        let mut variants = Vec::new();
        for s in 0..4 {
            let service_id = Uuid::new_v4();
            services.push(service::ActiveModel {
                id: Set(service_id),
                clinic_id: Set(clinic_id),
                name: Set(format!("Service {s}")),
                description: Set("For runners".into()),
                modality: Set(Modality::Sports),
                cleanup_buffer_minutes: Set(10),
                requires_room: Set(true),
                archived_at: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            });
            for (minutes, price) in [(30, 3_500), (60, 6_000), (90, 8_500)] {
                variants.push(service_variant::ActiveModel {
                    id: Set(Uuid::new_v4()),
                    service_id: Set(service_id),
                    duration_minutes: Set(minutes),
                    price_minor: Set(price),
                    currency: Set("GBP".into()),
                    created_at: Set(now),
                    updated_at: Set(now),
                });
            }
        }
        service::Entity::insert_many(services).exec(&txn).await?;
        service_variant::Entity::insert_many(variants)
            .exec(&txn)
            .await?;
        let (mut locations, mut therapists, mut links, mut specialties) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for l in 0..5 {
            let location_id = Uuid::new_v4();
            locations.push(location::ActiveModel {
                id: Set(location_id),
                clinic_id: Set(clinic_id),
                name: Set(format!("Location {l}")),
                address_line1: Set("1 Curtain Road".into()),
                address_line2: Set(None),
                city: Set("London".into()),
                region: Set(None),
                postal_code: Set("EC2A 3AB".into()),
                country_code: Set("GB".into()),
                time_zone: Set("Europe/London".into()),
                phone: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            });
            for t in 0..10 {
                let therapist_id = Uuid::new_v4();
                therapists.push(therapist::ActiveModel {
                    id: Set(therapist_id),
                    clinic_id: Set(clinic_id),
                    user_id: Set(None),
                    name: Set(format!("Therapist {l}.{t}")),
                    bio: Set("Works with runners.".into()),
                    credential_kind: Set(CredentialKind::Certification),
                    credential_body: Set("SMA".into()),
                    credential_number: Set(format!("SMA-{c}-{l}-{t}")),
                    buffer_minutes: Set(10),
                    active: Set(true),
                    created_at: Set(now),
                    updated_at: Set(now),
                });
                links.push(therapist_location::ActiveModel {
                    therapist_id: Set(therapist_id),
                    location_id: Set(location_id),
                });
                specialties.push(therapist_specialty::ActiveModel {
                    therapist_id: Set(therapist_id),
                    modality: Set(Modality::Sports),
                });
            }
        }
        location::Entity::insert_many(locations).exec(&txn).await?;
        therapist::Entity::insert_many(therapists)
            .exec(&txn)
            .await?;
        therapist_location::Entity::insert_many(links)
            .exec(&txn)
            .await?;
        therapist_specialty::Entity::insert_many(specialties)
            .exec(&txn)
            .await?;
    }
    txn.commit().await
}

async fn run(label: &str, database_url: &str) -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::temp_dir().join(format!("stride-read-{}-{label}", std::process::id()));
    let server = common::serve(
        &dir,
        &[
            ("STRIDE_CONFIG", "/dev/null"),
            ("STRIDE_DATABASE_URL", database_url),
        ],
    )?;
    let client = reqwest::Client::new();
    let ready = Instant::now();
    while !Probe::Typename.send(&client, &server.base).await {
        if ready.elapsed() > Duration::from_secs(120) {
            return Err("the server did not start".into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let demo = measure(&format!("{label}, demo catalogue"), &server.base).await;
    let db = Database::connect(database_url).await?;
    scale(&db).await?;
    // Fresh planner statistics, as autovacuum (or SQLite's ANALYZE) would keep them.
    db.execute_unprepared("ANALYZE").await?;
    db.close().await?;
    let scaled = measure(&format!("{label}, scaled catalogue"), &server.base).await;
    for ((connections, demo_rps, demo_p50), (_, scaled_rps, scaled_p50)) in demo.iter().zip(&scaled)
    {
        println!(
            "nested catalogue at {connections} connection(s): scaled/demo req/s {:.2}, p50 {:.2}",
            scaled_rps / demo_rps.max(1.0),
            scaled_p50 / demo_p50.max(0.001)
        );
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    println!(
        "idle resident memory with the scaled catalogue: {:.1} MiB",
        common::resident_mib(server.child.id())
    );
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    common::on_each_database(
        "stride-read",
        |label, url| async move { run(label, &url).await },
    )
    .await
}

//! Demo data for `stride serve --demo`: three clinics (a UK physio-style clinic, a Scottish
//! Thai massage studio and a Colorado chiropractic practice) with locations, therapists,
//! services, promotions, client runners and bookings around today's date.
//!
//! Loading is idempotent: a clinic whose slug exists is skipped whole, and each clinic is
//! inserted in one transaction, so a crash never leaves half a clinic.

mod bookings;
mod catalogue;
mod check;
mod kinetic;
pub mod logins;
mod offers;
mod peak;
mod plan;
mod replay;
mod sabai;
mod spec;
mod time;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::hash::Hash;

use chrono::Utc;
use entity::clinic;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, TransactionTrait,
};
use uuid::Uuid;

use spec::ClinicSpec;

/// The demo clinics, in loading order.
static CLINICS: [&ClinicSpec; 3] = [&kinetic::CLINIC, &sabai::CLINIC, &peak::CLINIC];

#[derive(Debug, Default)]
pub struct Summary {
    pub clinics_created: usize,
    pub clinics_skipped: usize,
    /// Client accounts created (existing emails are reused).
    pub users_created: usize,
    pub bookings_created: usize,
}

/// Loads every demo clinic that is not there yet (by slug).
pub async fn load(db: &DatabaseConnection) -> Result<Summary, DbErr> {
    load_clinics(db, &CLINICS, Utc::now()).await
}

/// Loads these clinics as if it were `now`: bookings are replayed through the booking
/// rules on the clock of their day.
async fn load_clinics(
    db: &DatabaseConnection,
    clinics: &[&'static ClinicSpec],
    now: chrono::DateTime<Utc>,
) -> Result<Summary, DbErr> {
    let mut summary = Summary::default();
    for &spec in clinics {
        let txn = db.begin().await?;
        let exists = clinic::Entity::find()
            .filter(clinic::Column::Slug.eq(spec.slug))
            .count(&txn)
            .await?
            > 0;
        if exists {
            txn.rollback().await?;
            summary.clinics_skipped += 1;
            tracing::info!(slug = spec.slug, "demo clinic already present, skipped");
            continue;
        }
        // Dates are resolved before anything is written; the rules judge each booking.
        let plan = plan::plan(spec, now)?;
        let mut ids = catalogue::insert(&txn, spec, &plan, now).await?;
        offers::insert(&txn, spec, &mut ids, now).await?;
        let created = bookings::insert(&txn, spec, &plan, &mut ids, now).await?;
        txn.commit().await?;
        summary.clinics_created += 1;
        summary.users_created += created.users;
        summary.bookings_created += created.bookings;
        tracing::info!(
            slug = spec.slug,
            bookings = created.bookings,
            "demo clinic created"
        );
    }
    Ok(summary)
}

/// Ids of what one clinic's transaction inserted, by name.
#[derive(Default)]
struct Ids {
    clinic: Uuid,
    locations: HashMap<&'static str, Uuid>,
    rooms: HashMap<(&'static str, &'static str), Uuid>,
    therapists: HashMap<&'static str, Uuid>,
    services: HashMap<&'static str, Uuid>,
    variants: HashMap<(&'static str, i32), Uuid>,
    promotions: HashMap<&'static str, Uuid>,
    clients: HashMap<&'static str, bookings::Client>,
}

/// The id recorded under `key`.
fn id<K: Hash + Eq + std::fmt::Debug, V: Copy>(map: &HashMap<K, V>, key: &K) -> Result<V, DbErr> {
    map.get(key)
        .copied()
        .ok_or_else(|| time::invalid(format!("nothing named {key:?}")))
}

/// Inserts one row (without `RETURNING`: the ids are made here).
async fn put<A: ActiveModelTrait>(
    txn: &impl sea_orm::ConnectionTrait,
    row: A,
) -> Result<(), DbErr> {
    A::Entity::insert(row).exec_without_returning(txn).await?;
    Ok(())
}

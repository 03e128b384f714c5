//! Database schema for Stride (SQLite and PostgreSQL). Library only: the API
//! applies it with `Migrator::up(&db, None)`.

pub use sea_orm_migration::prelude::*;

mod booking_overlap;
mod util;

mod m20270101_000001_create_identity;
mod m20270101_000002_create_clinic_and_location;
mod m20270101_000003_create_therapist;
mod m20270101_000004_create_service;
mod m20270101_000005_create_promotion;
mod m20270101_000006_create_booking;
mod m20270101_000007_create_access;
mod m20270102_000008_create_login_failure;
mod m20270103_000009_unique_role_grant;
mod m20270104_000010_same_clinic_rules;
mod m20270105_000011_opening_hours_created_at;
mod m20270106_000012_sessions_and_throttles;
mod m20270107_000013_keyset_indexes;
mod m20270108_000014_booking_rules;
mod m20270109_000015_promotion_rules;
mod m20270110_000016_redemption_count;
mod m20270111_000017_redemption_day;
mod m20270112_000018_repricing;

pub struct Migrator;

/// Every trigger and exclusion rule by the name it reports when it refuses a write, so
/// the API can check that it answers each one.
pub fn rule_names() -> Vec<&'static str> {
    let mut names = m20270104_000010_same_clinic_rules::names();
    names.extend(booking_overlap::names());
    names
}

impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20270101_000001_create_identity::Migration),
            Box::new(m20270101_000002_create_clinic_and_location::Migration),
            Box::new(m20270101_000003_create_therapist::Migration),
            Box::new(m20270101_000004_create_service::Migration),
            Box::new(m20270101_000005_create_promotion::Migration),
            Box::new(m20270101_000006_create_booking::Migration),
            Box::new(m20270101_000007_create_access::Migration),
            Box::new(m20270102_000008_create_login_failure::Migration),
            Box::new(m20270103_000009_unique_role_grant::Migration),
            Box::new(m20270104_000010_same_clinic_rules::Migration),
            Box::new(m20270105_000011_opening_hours_created_at::Migration),
            Box::new(m20270106_000012_sessions_and_throttles::Migration),
            Box::new(m20270107_000013_keyset_indexes::Migration),
            Box::new(m20270108_000014_booking_rules::Migration),
            Box::new(m20270109_000015_promotion_rules::Migration),
            Box::new(m20270110_000016_redemption_count::Migration),
            Box::new(m20270111_000017_redemption_day::Migration),
            Box::new(m20270112_000018_repricing::Migration),
        ]
    }
}

//! Backend-specific SQL for the booking overlap rule: two *active* bookings
//! (status not cancelled) of the same therapist, or of the same non-null
//! room, must not have overlapping `[starts_at, busy_until)` spans.
//!
//! PostgreSQL enforces it with exclusion constraints; SQLite has none, so it
//! gets BEFORE INSERT/UPDATE triggers that raise the same constraint names.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::util::ACTIVE_BOOKING_STATUSES;

/// (constraint name, column whose equal values must not overlap)
const RULES: [(&str, &str); 2] = [
    ("booking_therapist_no_overlap", "therapist_id"),
    ("booking_room_no_overlap", "room_id"),
];

const EVENTS: [(&str, &str); 2] = [("insert", "INSERT"), ("update", "UPDATE")];

/// The names the rules report when they refuse a write.
pub fn names() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|(name, _)| *name)
}

pub async fn create(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    match manager.get_database_backend() {
        DbBackend::Postgres => {
            // Lets a GiST index combine `uuid WITH =` and `tstzrange WITH &&`.
            db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS btree_gist")
                .await?;
            for (name, col) in RULES {
                db.execute_unprepared(&format!(
                    "ALTER TABLE booking ADD CONSTRAINT {name} \
                     EXCLUDE USING gist ({col} WITH =, tstzrange(starts_at, busy_until) WITH &&) \
                     WHERE ({col} IS NOT NULL AND status IN ({ACTIVE_BOOKING_STATUSES}))"
                ))
                .await?;
            }
        }
        DbBackend::Sqlite => {
            for (name, col) in RULES {
                for (suffix, event) in EVENTS {
                    db.execute_unprepared(&sqlite_trigger(name, col, suffix, event))
                        .await?;
                }
            }
        }
        other => return Err(DbErr::Migration(format!("unsupported backend {other:?}"))),
    }
    Ok(())
}

pub async fn drop(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    match manager.get_database_backend() {
        DbBackend::Postgres => {
            // btree_gist is left installed: other objects may use it.
            for (name, _) in RULES {
                db.execute_unprepared(&format!(
                    "ALTER TABLE booking DROP CONSTRAINT IF EXISTS {name}"
                ))
                .await?;
            }
        }
        DbBackend::Sqlite => {
            for (name, _) in RULES {
                for (suffix, _) in EVENTS {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {name}_{suffix}"))
                        .await?;
                }
            }
        }
        other => return Err(DbErr::Migration(format!("unsupported backend {other:?}"))),
    }
    Ok(())
}

/// Timestamps are compared as text: sqlx writes `DateTime<Utc>` to SQLite as
/// RFC 3339 with a fixed `+00:00` offset, which sorts chronologically.
fn sqlite_trigger(name: &str, col: &str, suffix: &str, event: &str) -> String {
    format!(
        "CREATE TRIGGER {name}_{suffix} BEFORE {event} ON booking
         FOR EACH ROW
         WHEN NEW.{col} IS NOT NULL AND NEW.status IN ({ACTIVE_BOOKING_STATUSES})
         BEGIN
             SELECT RAISE(ABORT, '{name}')
             WHERE EXISTS (
                 SELECT 1 FROM booking AS other
                 WHERE other.{col} = NEW.{col}
                   AND other.id <> NEW.id
                   AND other.status IN ({ACTIVE_BOOKING_STATUSES})
                   AND other.starts_at < NEW.busy_until
                   AND NEW.starts_at < other.busy_until
             );
         END"
    )
}

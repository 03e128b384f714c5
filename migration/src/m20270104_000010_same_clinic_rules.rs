use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Rows that link two parts of the domain must stay inside one clinic: a therapist works
/// only at their own clinic's locations, a grant's location belongs to the grant's clinic,
/// a booking's therapist, service, variant and room all belong to its clinic and location.
/// Foreign keys alone cannot say this, and the columns the rules read never change, so
/// row triggers (SQLite: RAISE; PostgreSQL: a PL/pgSQL function) hold them on both stores.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        for rule in rules() {
            for sql in rule.create(backend)? {
                db.execute_unprepared(&sql).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        for rule in rules() {
            for sql in rule.drop(backend)? {
                db.execute_unprepared(&sql).await?;
            }
        }
        Ok(())
    }
}

/// `left` and `right` are SQL expressions over `NEW` (and `OLD` on updates) that must be
/// equal, NULLs included, whenever `guard` holds.
struct Rule {
    name: &'static str,
    table: &'static str,
    guard: Option<&'static str>,
    left: String,
    right: String,
    on_insert: bool,
}

fn clinic_of(parent: &str, column: &str) -> String {
    format!("(SELECT clinic_id FROM {parent} WHERE id = NEW.{column})")
}

fn new(column: &str) -> String {
    format!("NEW.{column}")
}

fn same(
    name: &'static str,
    table: &'static str,
    guard: Option<&'static str>,
    left: String,
    right: String,
) -> Rule {
    Rule {
        name,
        table,
        guard,
        left,
        right,
        on_insert: true,
    }
}

/// A column that never changes once the row exists: the rules above read it.
fn fixed(name: &'static str, table: &'static str, column: &str) -> Rule {
    Rule {
        name,
        table,
        guard: None,
        left: new(column),
        right: format!("OLD.{column}"),
        on_insert: false,
    }
}

fn rules() -> Vec<Rule> {
    let variant_clinic = "(SELECT s.clinic_id FROM service_variant AS v \
        JOIN service AS s ON s.id = v.service_id WHERE v.id = NEW.service_variant_id)";
    vec![
        fixed("location_clinic_fixed", "location", "clinic_id"),
        fixed("therapist_clinic_fixed", "therapist", "clinic_id"),
        fixed("service_clinic_fixed", "service", "clinic_id"),
        fixed("promotion_clinic_fixed", "promotion", "clinic_id"),
        fixed("room_location_fixed", "room", "location_id"),
        fixed(
            "service_variant_service_fixed",
            "service_variant",
            "service_id",
        ),
        same(
            "therapist_location_same_clinic",
            "therapist_location",
            None,
            clinic_of("therapist", "therapist_id"),
            clinic_of("location", "location_id"),
        ),
        same(
            "therapist_schedule_same_clinic",
            "therapist_schedule",
            None,
            clinic_of("therapist", "therapist_id"),
            clinic_of("location", "location_id"),
        ),
        same(
            "price_override_same_clinic",
            "service_price_override",
            None,
            variant_clinic.into(),
            clinic_of("location", "location_id"),
        ),
        same(
            "promotion_location_same_clinic",
            "promotion_location",
            None,
            clinic_of("promotion", "promotion_id"),
            clinic_of("location", "location_id"),
        ),
        same(
            "promotion_service_same_clinic",
            "promotion_service",
            None,
            clinic_of("promotion", "promotion_id"),
            clinic_of("service", "service_id"),
        ),
        same(
            "promotion_redemption_same_clinic",
            "promotion_redemption",
            None,
            clinic_of("promotion", "promotion_id"),
            clinic_of("booking", "booking_id"),
        ),
        same(
            "role_grant_location_clinic",
            "role_grant",
            Some("NEW.location_id IS NOT NULL"),
            clinic_of("location", "location_id"),
            new("clinic_id"),
        ),
        same(
            "role_grant_therapist_clinic",
            "role_grant",
            Some("NEW.therapist_id IS NOT NULL"),
            clinic_of("therapist", "therapist_id"),
            new("clinic_id"),
        ),
        same(
            "booking_location_clinic",
            "booking",
            None,
            clinic_of("location", "location_id"),
            new("clinic_id"),
        ),
        same(
            "booking_therapist_clinic",
            "booking",
            None,
            clinic_of("therapist", "therapist_id"),
            new("clinic_id"),
        ),
        same(
            "booking_service_clinic",
            "booking",
            None,
            clinic_of("service", "service_id"),
            new("clinic_id"),
        ),
        same(
            "booking_variant_of_service",
            "booking",
            None,
            "(SELECT service_id FROM service_variant WHERE id = NEW.service_variant_id)".into(),
            new("service_id"),
        ),
        same(
            "booking_room_at_location",
            "booking",
            Some("NEW.room_id IS NOT NULL"),
            "(SELECT location_id FROM room WHERE id = NEW.room_id)".into(),
            new("location_id"),
        ),
        same(
            "callback_request_location_clinic",
            "callback_request",
            Some("NEW.location_id IS NOT NULL"),
            clinic_of("location", "location_id"),
            new("clinic_id"),
        ),
    ]
}

impl Rule {
    fn broken(&self, distinct: &str) -> String {
        let differ = format!("{} {distinct} {}", self.left, self.right);
        match self.guard {
            Some(guard) => format!("{guard} AND {differ}"),
            None => differ,
        }
    }

    fn create(&self, backend: DbBackend) -> Result<Vec<String>, DbErr> {
        let (name, table) = (self.name, self.table);
        Ok(match backend {
            DbBackend::Sqlite => {
                let events: &[&str] = if self.on_insert {
                    &["INSERT", "UPDATE"]
                } else {
                    &["UPDATE"]
                };
                events
                    .iter()
                    .map(|event| {
                        let suffix = event.to_lowercase();
                        format!(
                            "CREATE TRIGGER {name}_{suffix} BEFORE {event} ON {table} \
                             FOR EACH ROW WHEN {} \
                             BEGIN SELECT RAISE(ABORT, '{name}'); END",
                            self.broken("IS NOT")
                        )
                    })
                    .collect()
            }
            DbBackend::Postgres => {
                let events = if self.on_insert {
                    "INSERT OR UPDATE"
                } else {
                    "UPDATE"
                };
                vec![
                    format!(
                        "CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ \
                         BEGIN \
                           IF {} THEN \
                             RAISE EXCEPTION '{name}' USING ERRCODE = 'check_violation', \
                               CONSTRAINT = '{name}'; \
                           END IF; \
                           RETURN NEW; \
                         END $$",
                        self.broken("IS DISTINCT FROM")
                    ),
                    format!(
                        "CREATE TRIGGER {name} BEFORE {events} ON {table} \
                         FOR EACH ROW EXECUTE FUNCTION {name}()"
                    ),
                ]
            }
            other => return Err(DbErr::Migration(format!("unsupported backend {other:?}"))),
        })
    }

    fn drop(&self, backend: DbBackend) -> Result<Vec<String>, DbErr> {
        let (name, table) = (self.name, self.table);
        Ok(match backend {
            DbBackend::Sqlite => ["insert", "update"]
                .iter()
                .map(|suffix| format!("DROP TRIGGER IF EXISTS {name}_{suffix}"))
                .collect(),
            DbBackend::Postgres => vec![
                format!("DROP TRIGGER IF EXISTS {name} ON {table}"),
                format!("DROP FUNCTION IF EXISTS {name}()"),
            ],
            other => return Err(DbErr::Migration(format!("unsupported backend {other:?}"))),
        })
    }
}

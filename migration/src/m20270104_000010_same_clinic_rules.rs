use sea_orm_migration::{
    prelude::*,
    sea_orm::{ConnectionTrait, DbBackend, Statement},
};

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
        let distinct = match backend {
            DbBackend::Postgres => "IS DISTINCT FROM",
            _ => "IS NOT",
        };
        // Rows written before the rules existed must already keep them: a trigger would
        // otherwise refuse later, unrelated writes to such a row.
        for rule in rules().iter().filter(|rule| rule.on_insert) {
            if db
                .query_one_raw(Statement::from_string(
                    backend,
                    rule.existing_breach(distinct),
                ))
                .await?
                .is_some()
            {
                return Err(DbErr::Migration(format!(
                    "rows of {} already break {}; fix them, then migrate again",
                    rule.table, rule.name
                )));
            }
        }
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
/// equal, NULLs included, whenever `guard` holds. Updates are checked only when they write
/// a column the rule reads, so status changes and unrelated cascades cost nothing.
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

/// The names the rules raise when they refuse a write.
pub fn names() -> Vec<&'static str> {
    rules().into_iter().map(|rule| rule.name).collect()
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
        fixed("booking_clinic_fixed", "booking", "clinic_id"),
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
    /// The columns of the row the rule reads: every `NEW.<column>` in it.
    fn columns(&self) -> Vec<&str> {
        let text = [self.guard.unwrap_or(""), &self.left, &self.right];
        let mut columns: Vec<&str> = text
            .iter()
            .flat_map(|part| part.split("NEW.").skip(1))
            .map(|rest| {
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                &rest[..end]
            })
            .collect();
        columns.sort_unstable();
        columns.dedup();
        columns
    }

    /// A query for one existing row that already breaks the rule (inserts rules only).
    fn existing_breach(&self, distinct: &str) -> String {
        let condition = self.broken(distinct).replace("NEW.", "checked.");
        format!(
            "SELECT 1 FROM {} AS checked WHERE {condition} LIMIT 1",
            self.table
        )
    }

    fn broken(&self, distinct: &str) -> String {
        let differ = format!("{} {distinct} {}", self.left, self.right);
        match self.guard {
            Some(guard) => format!("{guard} AND {differ}"),
            None => differ,
        }
    }

    fn create(&self, backend: DbBackend) -> Result<Vec<String>, DbErr> {
        let (name, table) = (self.name, self.table);
        let update = format!("UPDATE OF {}", self.columns().join(", "));
        Ok(match backend {
            DbBackend::Sqlite => {
                let mut events = vec![("update", update.as_str())];
                if self.on_insert {
                    events.push(("insert", "INSERT"));
                }
                events
                    .into_iter()
                    .map(|(suffix, event)| {
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
                    format!("INSERT OR {update}")
                } else {
                    update
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

//! Storage refusals in the caller's terms: the one place that reads driver errors.
//! Constraint and trigger violations it can name become CONFLICT or VALIDATION with a
//! reason; everything else is logged and answered INTERNAL (or retryable when the
//! connection failed).

use sea_orm::{
    DbErr, RuntimeErr,
    sqlx::{self, postgres::PgDatabaseError, sqlite::SqliteError},
};

use super::ApiError;

impl From<DbErr> for ApiError {
    fn from(error: DbErr) -> Self {
        if let Some(answer) = refusal(&error).and_then(answer) {
            return answer;
        }
        match error {
            DbErr::RecordNotFound(_) => ApiError::not_found("record"),
            DbErr::ConnectionAcquire(ref cause) => {
                tracing::error!(error = %cause, "database connection unavailable");
                ApiError::Unavailable
            }
            DbErr::Conn(ref cause) => {
                tracing::error!(error = %cause, "database connection failed");
                ApiError::Unavailable
            }
            other => {
                tracing::error!(error = %other, "database error");
                ApiError::Internal
            }
        }
    }
}

/// A delete refused by a foreign key, in the caller's words: something still refers to
/// the row. Any other error is answered as `From<DbErr>` answers it.
pub fn conflict_if_in_use(error: DbErr, message: &str) -> ApiError {
    if matches!(refusal(&error), Some(Refusal::ForeignKey)) {
        ApiError::conflict(message)
    } else {
        ApiError::from(error)
    }
}

/// What the storage refused, in its own terms. `refusal` is the only reader of driver
/// errors; `answer` turns what it finds into the caller's error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Refusal<'a> {
    /// A unique key, as the backend names it (see `UNIQUE_KEYS`).
    Unique(&'a str),
    ForeignKey,
    /// A trigger or exclusion constraint, by the name it reports.
    Rule(&'a str),
    /// A concurrent transaction won (serialization failure or deadlock): trying again may
    /// succeed, or find the other's change.
    Contention,
    /// SQLite's write lock stayed taken past the busy timeout.
    Busy,
}

fn refusal(error: &DbErr) -> Option<Refusal<'_>> {
    let (DbErr::Exec(RuntimeErr::SqlxError(cause)) | DbErr::Query(RuntimeErr::SqlxError(cause))) =
        error
    else {
        return None;
    };
    let sqlx::Error::Database(cause) = cause.as_ref() else {
        return None;
    };
    let code = cause.code()?;
    if cause.try_downcast_ref::<PgDatabaseError>().is_some() {
        postgres_refusal(&code, cause.constraint())
    } else if cause.try_downcast_ref::<SqliteError>().is_some() {
        sqlite_refusal(&code, cause.message())
    } else {
        None
    }
}

/// PostgreSQL names the constraint; the SQLSTATE says what kind it is.
fn postgres_refusal<'a>(sqlstate: &str, constraint: Option<&'a str>) -> Option<Refusal<'a>> {
    match sqlstate {
        "23505" => Some(Refusal::Unique(constraint.unwrap_or_default())),
        "23503" => Some(Refusal::ForeignKey),
        // check_violation, which the same-clinic triggers raise under their own name, and
        // exclusion_violation, the booking overlap constraints.
        "23514" | "23P01" => constraint.map(Refusal::Rule),
        "40001" | "40P01" => Some(Refusal::Contention),
        _ => None,
    }
}

/// SQLite has no constraint names to report: it lists a unique key's columns in the
/// message, and a trigger's `RAISE` text is the whole message.
fn sqlite_refusal<'a>(extended_code: &str, message: &'a str) -> Option<Refusal<'a>> {
    const UNIQUE: &str = "2067";
    const PRIMARY_KEY: &str = "1555";
    const FOREIGN_KEY: &str = "787";
    const TRIGGER: &str = "1811";
    // SQLITE_BUSY and its extended codes (recovery, snapshot, timeout).
    const BUSY: [&str; 4] = ["5", "261", "517", "773"];
    match extended_code {
        code if BUSY.contains(&code) => Some(Refusal::Busy),
        UNIQUE | PRIMARY_KEY => Some(Refusal::Unique(
            message
                .strip_prefix("UNIQUE constraint failed: ")
                .unwrap_or(message),
        )),
        FOREIGN_KEY => Some(Refusal::ForeignKey),
        // A RESTRICT action fails as a trigger, with the foreign key's message.
        TRIGGER if message == "FOREIGN KEY constraint failed" => Some(Refusal::ForeignKey),
        TRIGGER => Some(Refusal::Rule(message)),
        _ => None,
    }
}

/// The caller's error for a refusal; `None` leaves it internal (an unnamed CHECK, say).
fn answer(refusal: Refusal<'_>) -> Option<ApiError> {
    match refusal {
        Refusal::Unique(key) => Some(duplicate(key)),
        Refusal::ForeignKey => Some(ApiError::conflict(
            "the change would break a link between records",
        )),
        Refusal::Rule(name) => same_clinic_rule(name).or_else(|| overlap_rule(name)),
        Refusal::Busy => {
            tracing::warn!("SQLite write lock busy past the timeout");
            Some(ApiError::Unavailable)
        }
        Refusal::Contention => Some(ApiError::Conflict {
            message: "a concurrent change got there first; try again".into(),
            field: None,
            reason: Some("CONTENTION"),
        }),
    }
}

/// A unique key the API writes to, and what a duplicate means to the caller.
struct UniqueKey {
    /// The constraint or index name PostgreSQL reports.
    postgres: &'static str,
    /// What SQLite reports after `UNIQUE constraint failed: `.
    sqlite: &'static str,
    field: &'static str,
    message: &'static str,
}

const UNIQUE_KEYS: [UniqueKey; 10] = [
    UniqueKey {
        postgres: "app_user_email_key",
        sqlite: "app_user.email",
        field: "email",
        message: "an account with this email already exists",
    },
    UniqueKey {
        postgres: "clinic_slug_key",
        sqlite: "clinic.slug",
        field: "slug",
        message: "a clinic with this slug exists",
    },
    UniqueKey {
        postgres: "uq_location_clinic_id_name",
        sqlite: "location.clinic_id, location.name",
        field: "name",
        message: "the clinic already has a location with this name",
    },
    UniqueKey {
        postgres: "uq_room_location_id_name",
        sqlite: "room.location_id, room.name",
        field: "name",
        message: "the location already has a room with this name",
    },
    UniqueKey {
        postgres: "uq_service_clinic_id_name",
        sqlite: "service.clinic_id, service.name",
        field: "name",
        message: "the clinic already has a service with this name",
    },
    UniqueKey {
        postgres: "uq_service_variant_service_id_duration_minutes",
        sqlite: "service_variant.service_id, service_variant.duration_minutes",
        field: "variants.durationMinutes",
        message: "the service already has a variant of this duration",
    },
    UniqueKey {
        postgres: "uq_role_grant_scope",
        sqlite: "index 'uq_role_grant_scope'",
        field: "userEmail",
        message: "the user already holds this role",
    },
    UniqueKey {
        postgres: "uq_booking_created_by_user_id_idempotency_key",
        sqlite: "booking.created_by_user_id, booking.idempotency_key",
        field: "idempotencyKey",
        message: "this idempotency key was used for another booking",
    },
    UniqueKey {
        postgres: "uq_promotion_live_code",
        sqlite: "promotion.clinic_id, promotion.code",
        field: "code",
        message: "another live promotion of the clinic uses this code",
    },
    UniqueKey {
        postgres: "therapist_user_id_key",
        sqlite: "therapist.user_id",
        field: "userEmail",
        message: "this account already speaks for another therapist",
    },
];

fn duplicate(key: &str) -> ApiError {
    match UNIQUE_KEYS
        .iter()
        .find(|known| known.postgres == key || known.sqlite == key)
    {
        Some(known) => ApiError::conflict_on(known.field, known.message),
        None => ApiError::conflict("this already exists"),
    }
}

/// The triggers of migration `m20270104_000010_same_clinic_rules`. The API checks these
/// links before writing, so a refusal means a caller named a row of another clinic in a
/// way no check foresaw; a `*_fixed` rule means something tried to move a row.
fn same_clinic_rule(name: &str) -> Option<ApiError> {
    let elsewhere = |field: &str, message: &str, reason| ApiError::Validation {
        field: field.into(),
        message: message.into(),
        reason: Some(reason),
    };
    let other_clinic = |field: &str, what: &str| {
        elsewhere(
            field,
            &format!("{what} belongs to another clinic"),
            "OTHER_CLINIC",
        )
    };
    let fixed = |message: &str| ApiError::Conflict {
        message: message.into(),
        field: None,
        reason: Some("FIXED_LINK"),
    };
    Some(match name {
        "location_clinic_fixed"
        | "therapist_clinic_fixed"
        | "service_clinic_fixed"
        | "promotion_clinic_fixed"
        | "booking_clinic_fixed" => fixed("a record cannot move to another clinic"),
        "room_location_fixed" => fixed("a room cannot move to another location"),
        "service_variant_service_fixed" => fixed("a variant cannot move to another service"),
        "therapist_location_same_clinic" | "promotion_location_same_clinic" => {
            other_clinic("locationIds", "a location")
        }
        "therapist_schedule_same_clinic"
        | "price_override_same_clinic"
        | "role_grant_location_clinic"
        | "booking_location_clinic"
        | "callback_request_location_clinic" => other_clinic("locationId", "the location"),
        "promotion_service_same_clinic" => other_clinic("serviceIds", "a service"),
        "promotion_redemption_same_clinic" => other_clinic("promotionId", "the promotion"),
        "role_grant_therapist_clinic" | "booking_therapist_clinic" => {
            other_clinic("therapistId", "the therapist")
        }
        "booking_service_clinic" => other_clinic("serviceId", "the service"),
        "booking_variant_of_service" => elsewhere(
            "variantId",
            "the variant belongs to another service",
            "OTHER_SERVICE",
        ),
        "booking_room_at_location" => elsewhere(
            "roomId",
            "the room is at another location",
            "OTHER_LOCATION",
        ),
        _ => return None,
    })
}

/// The booking overlap rules (PostgreSQL exclusion constraints, SQLite triggers): two
/// active bookings of one therapist, or of one room, never overlap.
fn overlap_rule(name: &str) -> Option<ApiError> {
    let (reason, message) = match name {
        "booking_therapist_no_overlap" => {
            ("SLOT_TAKEN", "the therapist is already booked at this time")
        }
        "booking_room_no_overlap" => ("ROOM_TAKEN", "the room is already booked at this time"),
        _ => return None,
    };
    Some(ApiError::Conflict {
        message: message.into(),
        field: None,
        reason: Some(reason),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::tests::{extensions, text};

    #[test]
    fn postgres_refusals_are_read_by_sqlstate_and_constraint_name() {
        let cases = [
            (
                "23505",
                Some("uq_room_location_id_name"),
                Some(Refusal::Unique("uq_room_location_id_name")),
            ),
            (
                "23503",
                Some("fk_booking_room_id"),
                Some(Refusal::ForeignKey),
            ),
            (
                "23514",
                Some("booking_room_at_location"),
                Some(Refusal::Rule("booking_room_at_location")),
            ),
            (
                "23P01",
                Some("booking_room_no_overlap"),
                Some(Refusal::Rule("booking_room_no_overlap")),
            ),
            ("23514", None, None),
            ("40001", None, Some(Refusal::Contention)),
            ("40P01", None, Some(Refusal::Contention)),
            ("40000", None, None),
        ];
        for (sqlstate, constraint, expected) in cases {
            assert_eq!(
                postgres_refusal(sqlstate, constraint),
                expected,
                "{sqlstate}"
            );
        }
    }

    #[test]
    fn sqlite_refusals_are_read_by_extended_code_and_message() {
        let cases = [
            (
                "2067",
                "UNIQUE constraint failed: room.location_id, room.name",
                Some(Refusal::Unique("room.location_id, room.name")),
            ),
            (
                "2067",
                "UNIQUE constraint failed: index 'uq_role_grant_scope'",
                Some(Refusal::Unique("index 'uq_role_grant_scope'")),
            ),
            (
                "1555",
                "UNIQUE constraint failed: clinic.id",
                Some(Refusal::Unique("clinic.id")),
            ),
            (
                "787",
                "FOREIGN KEY constraint failed",
                Some(Refusal::ForeignKey),
            ),
            (
                "1811",
                "FOREIGN KEY constraint failed",
                Some(Refusal::ForeignKey),
            ),
            (
                "1811",
                "booking_therapist_no_overlap",
                Some(Refusal::Rule("booking_therapist_no_overlap")),
            ),
            ("275", "CHECK constraint failed: email = lower(email)", None),
            ("5", "database is locked", Some(Refusal::Busy)),
            ("517", "database is locked", Some(Refusal::Busy)),
            ("6", "database table is locked", None),
        ];
        for (code, message, expected) in cases {
            assert_eq!(sqlite_refusal(code, message), expected, "{code} {message}");
        }
    }

    #[test]
    fn each_unique_key_is_a_conflict_on_its_field_on_both_backends() {
        for key in &UNIQUE_KEYS {
            for spelling in [key.postgres, key.sqlite] {
                let ext = extensions(answer(Refusal::Unique(spelling)).expect("answered"));
                assert_eq!(ext.get("code"), text("CONFLICT").as_ref(), "{spelling}");
                assert_eq!(ext.get("field"), text(key.field).as_ref(), "{spelling}");
            }
        }
    }

    #[test]
    fn an_unknown_duplicate_is_a_conflict_on_no_field() {
        let error = answer(Refusal::Unique("refresh_token_token_hash_key")).expect("answered");
        assert_eq!(error, ApiError::conflict("this already exists"));
    }

    #[test]
    fn every_rule_the_migrations_create_is_answered_with_a_reason() {
        for name in migration::rule_names() {
            let error = answer(Refusal::Rule(name)).unwrap_or_else(|| panic!("{name} unanswered"));
            assert!(
                matches!(error.code(), "VALIDATION" | "CONFLICT"),
                "{name}: {error:?}"
            );
            let ext = extensions(error);
            assert!(ext.get("reason").is_some(), "{name} has no reason");
            assert!(!format!("{ext:?}").contains(name), "{name} leaks its name");
        }
    }

    #[test]
    fn overlapping_bookings_are_slot_or_room_taken() {
        for (name, reason) in [
            ("booking_therapist_no_overlap", "SLOT_TAKEN"),
            ("booking_room_no_overlap", "ROOM_TAKEN"),
        ] {
            let ext = extensions(answer(Refusal::Rule(name)).expect("answered"));
            assert_eq!(ext.get("code"), text("CONFLICT").as_ref());
            assert_eq!(ext.get("reason"), text(reason).as_ref());
        }
    }

    #[test]
    fn a_link_to_another_clinic_names_the_field_at_fault() {
        let ext =
            extensions(answer(Refusal::Rule("role_grant_therapist_clinic")).expect("answered"));
        assert_eq!(ext.get("code"), text("VALIDATION").as_ref());
        assert_eq!(ext.get("field"), text("therapistId").as_ref());
        assert_eq!(ext.get("reason"), text("OTHER_CLINIC").as_ref());
    }

    #[test]
    fn unnamed_checks_and_other_failures_stay_internal() {
        assert_eq!(answer(Refusal::Rule("app_user_email_check")), None);
        assert_eq!(answer(Refusal::Rule("")), None);
        assert_eq!(
            refusal(&DbErr::Custom("UNIQUE constraint failed: x".into())),
            None
        );
    }
}

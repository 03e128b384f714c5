//! The one error type of the API. Each variant maps to a stable `extensions.code`.
//!
//! `ApiError` deliberately does not implement `Display`: async-graphql turns any `Display`
//! error into a client message, so storage errors must pass through `From<DbErr>` below,
//! which logs the cause and hands the caller nothing but `INTERNAL`.

use async_graphql::ErrorExtensions;
use sea_orm::{DbErr, SqlErr};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    Unauthenticated,
    /// A sign-in with an unknown email or a wrong password (never says which).
    InvalidCredentials,
    Forbidden,
    NotFound {
        what: &'static str,
    },
    Validation {
        field: String,
        message: String,
    },
    Conflict {
        message: String,
        field: Option<String>,
    },
    RateLimited {
        retry_after_seconds: u64,
    },
    /// The storage was unreachable; the caller may retry.
    Unavailable,
    /// Anything else; the cause has been logged where it was converted.
    Internal,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::Conflict {
            message: message.into(),
            field: None,
        }
    }

    pub fn not_found(what: &'static str) -> Self {
        Self::NotFound { what }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated | Self::InvalidCredentials => "UNAUTHENTICATED",
            Self::Forbidden => "FORBIDDEN",
            Self::NotFound { .. } => "NOT_FOUND",
            Self::Validation { .. } => "VALIDATION",
            Self::Conflict { .. } => "CONFLICT",
            Self::RateLimited { .. } => "RATE_LIMITED",
            Self::Unavailable | Self::Internal => "INTERNAL",
        }
    }

    pub fn message(&self) -> String {
        match self {
            Self::Unauthenticated => "authentication required".into(),
            Self::InvalidCredentials => "wrong email or password".into(),
            Self::Forbidden => "not allowed".into(),
            Self::NotFound { what } => format!("{what} not found"),
            Self::Validation { message, .. } => message.clone(),
            Self::Conflict { message, .. } => message.clone(),
            Self::RateLimited { .. } => "too many attempts; try again later".into(),
            Self::Unavailable => "service temporarily unavailable; try again".into(),
            Self::Internal => "internal error".into(),
        }
    }
}

impl From<ApiError> for async_graphql::Error {
    fn from(error: ApiError) -> Self {
        let code = error.code();
        async_graphql::Error::new(error.message()).extend_with(|_, ext| {
            ext.set("code", code);
            match &error {
                ApiError::Validation { field, .. }
                | ApiError::Conflict {
                    field: Some(field), ..
                } => ext.set("field", field.as_str()),
                ApiError::RateLimited {
                    retry_after_seconds,
                } => ext.set("retryAfterSeconds", *retry_after_seconds),
                ApiError::Unavailable => ext.set("retryable", true),
                _ => {}
            }
        })
    }
}

impl From<DbErr> for ApiError {
    fn from(error: DbErr) -> Self {
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

/// A write that hit a UNIQUE constraint is the caller's CONFLICT on `field`; any other
/// storage error stays internal.
pub fn conflict_if_duplicate(error: DbErr, field: &str, message: &str) -> ApiError {
    match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => ApiError::Conflict {
            message: message.into(),
            field: Some(field.into()),
        },
        _ => ApiError::from(error),
    }
}

/// A delete refused by a foreign key: something still refers to the row.
pub fn conflict_if_in_use(error: DbErr, message: &str) -> ApiError {
    if is_foreign_key_violation(&error) {
        ApiError::conflict(message)
    } else {
        ApiError::from(error)
    }
}

/// SeaORM recognises SQLite's plain foreign-key code (787) but not the extended one a
/// RESTRICT action raises (1811), so that case is read from the driver's message.
fn is_foreign_key_violation(error: &DbErr) -> bool {
    matches!(
        error.sql_err(),
        Some(SqlErr::ForeignKeyConstraintViolation(_))
    ) || error.to_string().contains("FOREIGN KEY constraint failed")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extensions(error: ApiError) -> async_graphql::ErrorExtensionValues {
        async_graphql::Error::from(error)
            .extensions
            .expect("every ApiError carries extensions")
    }

    #[test]
    fn validation_errors_name_the_field() {
        let ext = extensions(ApiError::validation("first", "too many"));
        assert_eq!(
            ext.get("code"),
            Some(&async_graphql::Value::from("VALIDATION"))
        );
        assert_eq!(ext.get("field"), Some(&async_graphql::Value::from("first")));
    }

    #[test]
    fn storage_errors_never_reach_the_message() {
        let error = ApiError::from(DbErr::Custom("SELECT secret FROM app_user".into()));
        let graphql = async_graphql::Error::from(error);
        assert_eq!(graphql.message, "internal error");
        assert!(!format!("{graphql:?}").contains("SELECT"));
    }
}

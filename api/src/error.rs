//! The one error type of the API. Each variant maps to a stable `extensions.code`.
//!
//! `ApiError` deliberately does not implement `Display`: async-graphql turns any `Display`
//! error into a client message, so storage errors must pass through `From<DbErr>` below,
//! which answers the constraint and trigger violations it can name and hands the caller
//! nothing but `INTERNAL` for the rest, after logging the cause.

mod storage;

use async_graphql::ErrorExtensions;

pub use storage::conflict_if_in_use;

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
        /// A stable name for the rule broken, for clients that branch on it.
        reason: Option<&'static str>,
    },
    Conflict {
        message: String,
        field: Option<String>,
        /// A stable name for the rule broken, for clients that branch on it.
        reason: Option<&'static str>,
    },
    /// A booking cannot take this step from the status it is in.
    InvalidTransition {
        /// The status's GraphQL name.
        current: &'static str,
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
            reason: None,
        }
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::Conflict {
            message: message.into(),
            field: None,
            reason: None,
        }
    }

    pub fn conflict_on(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Conflict {
            message: message.into(),
            field: Some(field.into()),
            reason: None,
        }
    }

    pub fn not_found(what: &'static str) -> Self {
        Self::NotFound { what }
    }

    /// The same error about a field of the input object `parent`: `email` becomes
    /// `firstAdmin.email`.
    pub fn within(self, parent: &str) -> Self {
        match self {
            Self::Validation {
                field,
                message,
                reason,
            } => Self::Validation {
                field: format!("{parent}.{field}"),
                message,
                reason,
            },
            Self::Conflict {
                message,
                field: Some(field),
                reason,
            } => Self::Conflict {
                message,
                field: Some(format!("{parent}.{field}")),
                reason,
            },
            other => other,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated | Self::InvalidCredentials => "UNAUTHENTICATED",
            Self::Forbidden => "FORBIDDEN",
            Self::NotFound { .. } => "NOT_FOUND",
            Self::Validation { .. } | Self::InvalidTransition { .. } => "VALIDATION",
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
            Self::InvalidTransition { current } => {
                format!("not possible while the booking is {current}")
            }
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
                ApiError::Validation { field, reason, .. } => {
                    ext.set("field", field.as_str());
                    if let Some(reason) = reason {
                        ext.set("reason", *reason);
                    }
                }
                ApiError::Conflict { field, reason, .. } => {
                    if let Some(field) = field {
                        ext.set("field", field.as_str());
                    }
                    if let Some(reason) = reason {
                        ext.set("reason", *reason);
                    }
                }
                ApiError::InvalidTransition { current } => {
                    ext.set("field", "id");
                    ext.set("reason", "INVALID_TRANSITION");
                    ext.set("currentStatus", *current);
                }
                ApiError::RateLimited {
                    retry_after_seconds,
                } => ext.set("retryAfterSeconds", *retry_after_seconds),
                ApiError::Unavailable => ext.set("retryable", true),
                _ => {}
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use sea_orm::DbErr;

    use super::*;

    /// The extensions a client sees; shared with `storage`'s tests.
    pub(super) fn extensions(error: ApiError) -> async_graphql::ErrorExtensionValues {
        async_graphql::Error::from(error)
            .extensions
            .expect("every ApiError carries extensions")
    }

    pub(super) fn text(value: &str) -> Option<async_graphql::Value> {
        Some(async_graphql::Value::from(value))
    }

    #[test]
    fn validation_errors_name_the_field() {
        let ext = extensions(ApiError::validation("first", "too many"));
        assert_eq!(ext.get("code"), text("VALIDATION").as_ref());
        assert_eq!(ext.get("field"), text("first").as_ref());
        assert_eq!(ext.get("reason"), None);
    }

    #[test]
    fn storage_errors_never_reach_the_message() {
        let error = ApiError::from(DbErr::Custom("SELECT secret FROM app_user".into()));
        let graphql = async_graphql::Error::from(error);
        assert_eq!(graphql.message, "internal error");
        assert!(!format!("{graphql:?}").contains("SELECT"));
    }

    #[test]
    fn errors_within_an_input_object_name_the_nested_field() {
        let nested = ApiError::conflict_on("email", "taken").within("firstAdmin");
        assert_eq!(nested, ApiError::conflict_on("firstAdmin.email", "taken"));
        let nested = ApiError::validation("name", "too long").within("address");
        assert_eq!(nested, ApiError::validation("address.name", "too long"));
        assert_eq!(ApiError::Forbidden.within("x"), ApiError::Forbidden);
    }
}

//! Opening the database and applying migrations.

use std::{fmt, time::Duration};

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

use crate::settings::Settings;

/// A start-up failure that names the database without its password.
#[derive(Debug)]
pub struct ConnectError {
    pub redacted_url: String,
    pub cause: String,
}

impl fmt::Display for ConnectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot connect to database {}: {}",
            self.redacted_url, self.cause
        )
    }
}

impl std::error::Error for ConnectError {}

pub async fn connect(settings: &Settings) -> Result<DatabaseConnection, ConnectError> {
    let mut options = ConnectOptions::new(settings.database_url.clone());
    options
        .max_connections(settings.database_max_connections)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    let connection = Database::connect(options)
        .await
        .map_err(|error| ConnectError {
            redacted_url: redact_url(&settings.database_url),
            cause: single_line(&error),
        })?;
    // A lazy pool may report success before reaching the server.
    connection.ping().await.map_err(|error| ConnectError {
        redacted_url: redact_url(&settings.database_url),
        cause: single_line(&error),
    })?;
    Ok(connection)
}

pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

fn single_line(error: &DbErr) -> String {
    error.to_string().lines().collect::<Vec<_>>().join(" ")
}

/// Hides passwords wherever a URL can carry them: `postgres://user:secret@host/db` →
/// `postgres://user:***@host/db`, and `?password=secret` → `?password=***`.
pub fn redact_url(url: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let mut redacted = redact_user_info(base);
    if let Some(query) = query {
        let params: Vec<String> = query
            .split('&')
            .map(|param| match param.split_once('=') {
                Some((key, _)) if key.to_ascii_lowercase().contains("password") => {
                    format!("{key}=***")
                }
                _ => param.to_owned(),
            })
            .collect();
        redacted.push('?');
        redacted.push_str(&params.join("&"));
    }
    redacted
}

fn redact_user_info(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_owned();
    };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let Some(at) = authority.rfind('@') else {
        return url.to_owned();
    };
    let user_info = &authority[..at];
    let Some(colon) = user_info.find(':') else {
        return url.to_owned();
    };
    format!(
        "{}{}:***{}",
        &url[..scheme_end + 3],
        &user_info[..colon],
        &rest[at..]
    )
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn passwords_are_hidden() {
        assert_eq!(
            redact_url("postgres://stride:s3cr@t@db.internal:5432/stride"),
            "postgres://stride:***@db.internal:5432/stride"
        );
        assert_eq!(
            redact_url("postgres://stride@db/stride?sslmode=require&password=s3cr%40t"),
            "postgres://stride@db/stride?sslmode=require&password=***"
        );
        assert_eq!(
            redact_url("postgres://a:b@db/x?PASSWORD=c&sslpassword=d"),
            "postgres://a:***@db/x?PASSWORD=***&sslpassword=***"
        );
    }

    #[test]
    fn urls_without_passwords_are_unchanged() {
        for url in [
            "sqlite://stride.db?mode=rwc",
            "postgres://postgres@127.0.0.1/stride",
            "postgres://127.0.0.1/db?user=a",
            "not a url",
        ] {
            assert_eq!(redact_url(url), url);
        }
    }
}

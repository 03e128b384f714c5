//! Opening the database and applying migrations.

use std::{fmt, time::Duration};

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DbErr,
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
};

use crate::settings::Settings;

/// How long a SQLite write waits for another to finish before giving up; shorter than the
/// pool's acquire timeout, so writers queued on the lock give their connections back
/// before readers waiting for one time out.
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(4);

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
    let mut options = ConnectOptions::new(without_loopback_tls(&settings.database_url));
    options
        .max_connections(settings.database_max_connections)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    // Stride's working set lives in memory: with PostgreSQL's default random_page_cost (4,
    // tuned for spinning disks) the planner scans a whole table rather than probe an index
    // a few dozen times, and a nested page costs what the table costs.
    if let Some(cost) = settings
        .postgres_random_page_cost
        .filter(|cost| *cost > 0.0)
    {
        options.map_sqlx_postgres_opts(move |postgres| {
            postgres.options([("random_page_cost", cost.to_string())])
        });
    }
    // Readers never wait for the writer in WAL mode, and a writer waits its turn (up to
    // the busy timeout) instead of failing: bookings race for slots. FULL sync: a booking
    // acknowledged is a booking kept, even through a power cut.
    options.map_sqlx_sqlite_opts(|sqlite| {
        sqlite
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(SQLITE_BUSY_TIMEOUT)
    });
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

/// TLS to a PostgreSQL server on this very host protects nothing and costs a fifth of the
/// read path's CPU (sqlx prefers TLS when the server offers it): unless the URL asks for an
/// `sslmode`, loopback connections go without.
fn without_loopback_tls(url: &str) -> String {
    let Some(rest) = url
        .strip_prefix("postgres://")
        .or_else(|| url.strip_prefix("postgresql://"))
    else {
        return url.to_owned();
    };
    let (base, query) = rest.split_once('?').unwrap_or((rest, ""));
    let authority = base.split('/').next().unwrap_or_default();
    let host_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = match host_port.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => host_port.split(':').next().unwrap_or_default(),
    };
    let loopback = host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    // Any TLS parameter (`sslmode`, `ssl-mode`, `sslrootcert`, …) or a host given as a
    // parameter (which wins over the URL's) leaves the URL as it is; so does PGSSLMODE.
    let keys: Vec<String> = query
        .split('&')
        .map(|param| {
            param
                .split('=')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase()
        })
        .collect();
    let decided_elsewhere = keys
        .iter()
        .any(|key| key.starts_with("ssl") || key == "host" || key == "hostaddr")
        || std::env::var_os("PGSSLMODE").is_some();
    if !loopback || decided_elsewhere {
        return url.to_owned();
    }
    let separator = if query.is_empty() && !url.contains('?') {
        '?'
    } else {
        '&'
    };
    format!("{url}{separator}sslmode=disable")
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
    use super::{redact_url, without_loopback_tls};

    #[test]
    fn loopback_postgres_goes_without_tls_unless_asked() {
        assert_eq!(
            without_loopback_tls("postgres://postgres@127.0.0.1:5432/stride"),
            "postgres://postgres@127.0.0.1:5432/stride?sslmode=disable"
        );
        assert_eq!(
            without_loopback_tls("postgresql://u:p@localhost/db?application_name=x"),
            "postgresql://u:p@localhost/db?application_name=x&sslmode=disable"
        );
        assert_eq!(
            without_loopback_tls("postgres://[::1]:5432/db"),
            "postgres://[::1]:5432/db?sslmode=disable"
        );
        for kept in [
            "postgres://u@127.0.0.1/db?sslmode=require",
            "postgres://u@127.0.0.1/db?ssl-mode=require",
            "postgres://u@localhost/db?sslrootcert=ca.pem",
            "postgres://u:pw@localhost/db?host=db.prod.internal",
            "postgres://u:pw@localhost/db?hostaddr=10.0.0.5",
            "postgres://u@db.internal:5432/db",
            "postgres://u@10.0.0.5/db",
            "sqlite://stride.db?mode=rwc",
        ] {
            assert_eq!(without_loopback_tls(kept), kept);
        }
    }

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

//! Typed settings: built-in defaults, then an optional TOML file, then `STRIDE_*` variables.
//! Stride's settings are read only here (the log filter also honours `RUST_LOG`).

use std::{fmt, path::Path};

use serde::Deserialize;

/// A value that must never reach a log: `Debug` prints a placeholder.
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// `sqlite://stride.db?mode=rwc` (the embedded default) or `postgres://user:pass@host/db`.
    pub database_url: String,
    pub database_max_connections: u32,
    /// PostgreSQL's `random_page_cost` for Stride's sessions (sent at connect). Its working
    /// set lives in memory, where the default of 4 makes the planner scan whole tables
    /// instead of probing an index; 0 leaves the server's setting (a pooler such as
    /// PgBouncer may refuse startup options).
    pub postgres_random_page_cost: Option<f64>,
    pub host: String,
    pub port: u16,
    /// A `tracing` filter such as `info` or `stride_api=debug,info`.
    pub log_level: String,
    /// `text` for people, `json` for log collectors.
    pub log_format: LogFormat,
    /// HMAC secret for access tokens; required unless serving demo data.
    pub jwt_secret: Option<Secret>,
    /// Browser origins allowed to call the API (CORS); empty allows none.
    pub cors_allowed_origins: Vec<String>,
    /// Proxies (CIDRs) whose `X-Forwarded-For` names the client; empty trusts none.
    pub trusted_proxies: Vec<String>,
    pub graphql: GraphqlLimits,
    pub auth: AuthSettings,
    /// The password `stride create-admin` sets; read from standard input when absent.
    pub admin_password: Option<Secret>,
}

/// Token lifetimes, and the throttles on sign-in and on anonymous forms.
#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuthSettings {
    /// `iss` of the tokens this installation issues and accepts.
    pub issuer: String,
    /// `aud` of the tokens this installation issues and accepts.
    pub audience: String,
    pub access_token_minutes: i64,
    pub refresh_token_days: i64,
    /// A session (a refresh-token family) ends this long after its sign-in, however
    /// often it is refreshed.
    pub session_max_days: i64,
    /// Failed logins allowed per (email, client address) pair and per client address
    /// within the window; past them that pair or address is refused until it ends.
    pub failures_per_email_and_address: u32,
    pub failures_per_address: u32,
    pub failure_window_minutes: i64,
    /// Past this many failures on one email (from any address) within the window, sign-ins
    /// to it are checked one at a time, spaced half a second apart, doubling per failure,
    /// at most `email_delay_max_seconds`; a caller waits for its turn up to
    /// `email_queue_max_seconds`, then gets RATE_LIMITED. The owner is slowed down, never
    /// locked out for a window, and guesses at one email are capped from all addresses.
    pub email_delay_after_failures: u32,
    pub email_delay_max_seconds: u64,
    pub email_queue_max_seconds: u64,
    /// Sign-ups allowed per client address, and in all, within the registration window.
    pub registrations_per_address: u32,
    pub registrations_in_all: u32,
    pub registration_window_minutes: i64,
    /// Callback requests one client address may leave per hour.
    pub callbacks_per_address: u32,
    /// Password hashes computed at once (0: one per CPU), and how long a caller waits for
    /// a turn before RATE_LIMITED.
    pub password_hash_concurrency: usize,
    pub password_hash_wait_millis: u64,
    /// `EdDSA` or `RS256` keys instead of the HS256 secret: the PEM private key that signs,
    /// and its key ID.
    pub signing_key_file: Option<String>,
    pub signing_key_id: Option<String>,
    /// `HS256` (default), `EdDSA` or `RS256`.
    pub algorithm: String,
    /// Public keys that still verify (`kid` = PEM file), so keys rotate without
    /// invalidating tokens already issued.
    pub verification_key_files: Vec<KeyFile>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct KeyFile {
    pub kid: String,
    pub path: String,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            issuer: "stride".into(),
            audience: "stride-api".into(),
            access_token_minutes: 15,
            refresh_token_days: 30,
            session_max_days: 90,
            failures_per_email_and_address: 5,
            failures_per_address: 50,
            failure_window_minutes: 15,
            email_delay_after_failures: 5,
            email_delay_max_seconds: 8,
            email_queue_max_seconds: 30,
            registrations_per_address: 20,
            registrations_in_all: 1000,
            registration_window_minutes: 60,
            callbacks_per_address: 5,
            password_hash_concurrency: 0,
            password_hash_wait_millis: 2000,
            signing_key_file: None,
            signing_key_id: None,
            algorithm: "HS256".into(),
            verification_key_files: Vec::new(),
        }
    }
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

/// Limits that keep one HTTP request from buying unbounded work.
#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GraphqlLimits {
    pub max_depth: usize,
    /// The estimated response size: every field counts, and a list counts its items'
    /// selection once per item of its page size.
    pub max_complexity: usize,
    /// Fields an operation selects once its fragments are expanded, aliases included.
    pub max_fields: u64,
    /// `login`, `register`, `refreshToken`, `partnerToken` and `changePassword` fields
    /// one operation may hold.
    pub max_auth_mutations: u64,
    pub max_batch_size: usize,
    pub max_body_bytes: usize,
    /// Schema introspection and the GraphiQL page; off unless configured or `--demo`.
    pub introspection: bool,
    pub graphiql: bool,
}

impl Default for GraphqlLimits {
    fn default() -> Self {
        Self {
            max_depth: 16,
            max_complexity: 50_000,
            max_fields: 1_000,
            max_auth_mutations: 1,
            max_batch_size: 10,
            max_body_bytes: 256 * 1024,
            introspection: false,
            graphiql: false,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            database_url: "sqlite://stride.db?mode=rwc".into(),
            database_max_connections: 10,
            postgres_random_page_cost: Some(1.1),
            host: "127.0.0.1".into(),
            port: 8080,
            log_level: "info".into(),
            log_format: LogFormat::Text,
            jwt_secret: None,
            cors_allowed_origins: Vec::new(),
            trusted_proxies: Vec::new(),
            graphql: GraphqlLimits::default(),
            auth: AuthSettings::default(),
            admin_password: None,
        }
    }
}

#[derive(Debug)]
pub struct SettingsError(pub String);

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SettingsError {}

impl Settings {
    /// Defaults, then the TOML file named by `STRIDE_CONFIG` (or `stride.toml` if present),
    /// then `STRIDE_*` variables.
    pub fn load() -> Result<Self, SettingsError> {
        let env: Vec<(String, String)> = std::env::vars().collect();
        let lookup = |name: &str| {
            env.iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
        };
        let file = match lookup("STRIDE_CONFIG") {
            Some(path) => Some(read_file(Path::new(&path))?),
            None if Path::new("stride.toml").exists() => Some(read_file(Path::new("stride.toml"))?),
            None => None,
        };
        let base = match file {
            Some(text) => toml::from_str(&text)
                .map_err(|e| SettingsError(format!("invalid config file: {e}")))?,
            None => Settings::default(),
        };
        base.with_overrides(lookup)
    }

    /// Applies `STRIDE_*` overrides read through `lookup`.
    pub fn with_overrides(
        mut self,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, SettingsError> {
        if let Some(v) = lookup("STRIDE_DATABASE_URL") {
            self.database_url = v;
        }
        if let Some(v) = lookup("STRIDE_DATABASE_MAX_CONNECTIONS") {
            self.database_max_connections = parse("STRIDE_DATABASE_MAX_CONNECTIONS", &v)?;
        }
        if let Some(v) = lookup("STRIDE_POSTGRES_RANDOM_PAGE_COST") {
            self.postgres_random_page_cost = Some(parse("STRIDE_POSTGRES_RANDOM_PAGE_COST", &v)?);
        }
        if let Some(v) = lookup("STRIDE_HOST") {
            self.host = v;
        }
        if let Some(v) = lookup("STRIDE_PORT") {
            self.port = parse("STRIDE_PORT", &v)?;
        }
        if let Some(v) = lookup("STRIDE_LOG_LEVEL") {
            self.log_level = v;
        }
        if let Some(v) = lookup("STRIDE_LOG_FORMAT") {
            self.log_format = match v.as_str() {
                "text" => LogFormat::Text,
                "json" => LogFormat::Json,
                _ => {
                    return Err(SettingsError(
                        "STRIDE_LOG_FORMAT must be text or json".into(),
                    ));
                }
            };
        }
        if let Some(v) = lookup("STRIDE_JWT_SECRET") {
            self.jwt_secret = Some(Secret::new(v));
        }
        if let Some(v) = lookup("STRIDE_ADMIN_PASSWORD") {
            self.admin_password = Some(Secret::new(v));
        }
        if let Some(v) = lookup("STRIDE_CORS_ALLOWED_ORIGINS") {
            self.cors_allowed_origins = comma_list(&v);
        }
        if let Some(v) = lookup("STRIDE_TRUSTED_PROXIES") {
            self.trusted_proxies = comma_list(&v);
        }
        if let Some(v) = lookup("STRIDE_GRAPHQL_INTROSPECTION") {
            self.graphql.introspection = parse("STRIDE_GRAPHQL_INTROSPECTION", &v)?;
        }
        if let Some(v) = lookup("STRIDE_GRAPHIQL") {
            self.graphql.graphiql = parse("STRIDE_GRAPHIQL", &v)?;
        }
        self.check()?;
        Ok(self)
    }

    /// Limits of zero would lock everyone out or divide the window by nothing.
    fn check(&self) -> Result<(), SettingsError> {
        let auth = &self.auth;
        let positive = [
            (
                "auth.failures_per_email_and_address",
                i64::from(auth.failures_per_email_and_address),
            ),
            ("auth.session_max_days", auth.session_max_days),
            (
                "auth.registrations_per_address",
                i64::from(auth.registrations_per_address),
            ),
            (
                "auth.callbacks_per_address",
                i64::from(auth.callbacks_per_address),
            ),
            (
                "auth.registrations_in_all",
                i64::from(auth.registrations_in_all),
            ),
            (
                "auth.registration_window_minutes",
                auth.registration_window_minutes,
            ),
            (
                "auth.failures_per_address",
                i64::from(auth.failures_per_address),
            ),
            ("auth.failure_window_minutes", auth.failure_window_minutes),
            ("auth.access_token_minutes", auth.access_token_minutes),
            ("auth.refresh_token_days", auth.refresh_token_days),
            ("graphql.max_batch_size", self.graphql.max_batch_size as i64),
            (
                "graphql.max_fields",
                i64::try_from(self.graphql.max_fields).unwrap_or(i64::MAX),
            ),
            (
                "graphql.max_auth_mutations",
                i64::try_from(self.graphql.max_auth_mutations).unwrap_or(i64::MAX),
            ),
        ];
        if let Some((name, _)) = positive.iter().find(|(_, value)| *value < 1) {
            return Err(SettingsError(format!("{name} must be at least 1")));
        }
        // Throttle counters older than a day are swept (see auth::throttle).
        let windows = [
            ("auth.failure_window_minutes", auth.failure_window_minutes),
            (
                "auth.registration_window_minutes",
                auth.registration_window_minutes,
            ),
        ];
        if let Some((name, _)) = windows.iter().find(|(_, minutes)| *minutes > 24 * 60) {
            return Err(SettingsError(format!("{name} must be at most 1440")));
        }
        crate::http::client_address::parse_proxies(&self.trusted_proxies)
            .map(|_| ())
            .map_err(SettingsError)
    }

    pub fn bind_address(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }
}

fn comma_list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(String::from)
        .collect()
}

fn read_file(path: &Path) -> Result<String, SettingsError> {
    std::fs::read_to_string(path)
        .map_err(|e| SettingsError(format!("cannot read config file {}: {e}", path.display())))
}

fn parse<T: std::str::FromStr>(name: &str, value: &str) -> Result<T, SettingsError> {
    value
        .parse()
        .map_err(|_| SettingsError(format!("{name} has an invalid value")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn environment_overrides_defaults() {
        let settings = Settings::default()
            .with_overrides(lookup(&[
                ("STRIDE_PORT", "9000"),
                (
                    "STRIDE_CORS_ALLOWED_ORIGINS",
                    "https://a.example, https://b.example,",
                ),
                ("STRIDE_JWT_SECRET", "s3cret"),
            ]))
            .expect("valid overrides");
        assert_eq!(settings.port, 9000);
        assert_eq!(
            settings.cors_allowed_origins,
            vec!["https://a.example", "https://b.example"]
        );
        assert_eq!(settings.jwt_secret, Some(Secret::new("s3cret")));
    }

    #[test]
    fn an_invalid_port_is_an_error_not_a_default() {
        let result = Settings::default().with_overrides(lookup(&[("STRIDE_PORT", "eighty")]));
        assert!(result.is_err());
    }

    #[test]
    fn zero_limits_are_refused() {
        let mut settings = Settings::default();
        settings.auth.failures_per_email_and_address = 0;
        assert!(settings.with_overrides(|_| None).is_err());
    }

    #[test]
    fn throttle_windows_longer_than_a_day_and_bad_proxies_are_refused() {
        let mut settings = Settings::default();
        settings.auth.failure_window_minutes = 24 * 60 + 1;
        assert!(settings.with_overrides(|_| None).is_err());
        let proxies = Settings::default().with_overrides(|name| {
            (name == "STRIDE_TRUSTED_PROXIES").then(|| "10.0.0.0/8, not-an-address".to_owned())
        });
        assert!(proxies.is_err());
    }

    #[test]
    fn secrets_do_not_print() {
        let printed = format!("{:?}", Secret::new("hunter2hunter2"));
        assert!(!printed.contains("hunter2"));
    }

    #[test]
    fn a_toml_file_fills_nested_limits() {
        let settings: Settings =
            toml::from_str("port = 7000\n[graphql]\nmax_depth = 8\n").expect("valid toml");
        assert_eq!(settings.port, 7000);
        assert_eq!(settings.graphql.max_depth, 8);
        assert_eq!(settings.graphql.max_batch_size, 10);
    }
}

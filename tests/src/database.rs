//! One database per test, so tests run in parallel and leave nothing behind.

use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use uuid::Uuid;

/// Names a PostgreSQL server (any database on it) to run the suite against; unset runs it
/// on SQLite.
pub const POSTGRES_ENV: &str = "STRIDE_TEST_DATABASE_URL";

pub enum TestDatabase {
    Sqlite {
        path: std::path::PathBuf,
        url: String,
    },
    Postgres {
        admin_url: String,
        name: String,
        url: String,
    },
}

impl TestDatabase {
    pub async fn create() -> Self {
        let id = Uuid::new_v4().simple().to_string();
        match std::env::var(POSTGRES_ENV) {
            Ok(server) if !server.is_empty() => {
                let name = format!("stride_test_{id}");
                let admin = Database::connect(&server)
                    .await
                    .expect("PostgreSQL is reachable");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("test database is created");
                admin.close().await.ok();
                let url = replace_database(&server, &name);
                TestDatabase::Postgres {
                    admin_url: server,
                    name,
                    url,
                }
            }
            _ => {
                let path = std::env::temp_dir().join(format!("stride-test-{id}.db"));
                let url = format!("sqlite://{}?mode=rwc", path.display());
                TestDatabase::Sqlite { path, url }
            }
        }
    }

    pub fn url(&self) -> &str {
        match self {
            TestDatabase::Sqlite { url, .. } | TestDatabase::Postgres { url, .. } => url,
        }
    }

    pub async fn connect(&self) -> DatabaseConnection {
        Database::connect(self.url())
            .await
            .expect("test database is reachable")
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, TestDatabase::Postgres { .. })
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match self {
            TestDatabase::Sqlite { path, .. } => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut file = path.clone().into_os_string();
                    file.push(suffix);
                    std::fs::remove_file(file).ok();
                }
            }
            TestDatabase::Postgres {
                admin_url, name, ..
            } => {
                // Drop runs outside any async context, so the clean-up gets its own runtime.
                let (admin_url, name) = (admin_url.clone(), name.clone());
                std::thread::spawn(move || {
                    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    else {
                        return;
                    };
                    runtime.block_on(async {
                        if let Ok(admin) = Database::connect(&admin_url).await {
                            let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                            admin.execute_unprepared(&sql).await.ok();
                            admin.close().await.ok();
                        }
                    });
                })
                .join()
                .ok();
            }
        }
    }
}

/// `postgres://u@h:5432/postgres?x=y` with the database name replaced.
fn replace_database(server: &str, name: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (server, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[authority_start..]
        .find('/')
        .map_or(base.len(), |i| authority_start + i);
    let mut url = format!("{}/{}", &base[..path_start], name);
    if let Some(query) = query {
        url.push('?');
        url.push_str(query);
    }
    url
}

/// How many migrations, counted from the newest, roll back to just before `name`.
pub fn migrations_since(name: &str) -> u32 {
    use migration::MigratorTrait;
    let back = migration::Migrator::migrations()
        .iter()
        .rev()
        .position(|m| m.name() == name)
        .unwrap_or_else(|| panic!("no migration named {name}"));
    u32::try_from(back + 1).expect("a few migrations")
}

#[cfg(test)]
mod tests {
    use super::replace_database;

    #[test]
    fn the_database_name_is_replaced() {
        assert_eq!(
            replace_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            replace_database("postgres://postgres@localhost", "t1"),
            "postgres://postgres@localhost/t1"
        );
        assert_eq!(
            replace_database("postgres://p@h/db?sslmode=disable", "t1"),
            "postgres://p@h/t1?sslmode=disable"
        );
    }
}

//! The `stride` binary as an operator runs it.

use std::{
    io::Write,
    process::{Command, Stdio},
};

use entity::{app_user, enums::Role, role_grant};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use stride_tests::TestDatabase;

fn stride() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stride"));
    // Only what each test sets: no config file or variables from the developer's shell.
    for (key, _) in std::env::vars() {
        if key.starts_with("STRIDE_") || key == "RUST_LOG" {
            command.env_remove(key);
        }
    }
    command.env("STRIDE_CONFIG", "/dev/null");
    command
}

#[test]
fn an_unreachable_database_fails_at_once_with_one_line_naming_it_without_its_password() {
    for subcommand in ["migrate", "serve"] {
        let output = stride()
            .arg(subcommand)
            .env(
                "STRIDE_DATABASE_URL",
                "postgres://stride:topsecret@127.0.0.1:1/stride",
            )
            .env(
                "STRIDE_JWT_SECRET",
                "a-secret-of-at-least-thirty-two-bytes!!",
            )
            .output()
            .expect("stride runs");
        assert!(!output.status.success(), "{subcommand} must fail");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let lines: Vec<_> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 1, "{subcommand}: {stderr}");
        assert!(
            lines[0].contains("postgres://stride:***@127.0.0.1:1/stride"),
            "{stderr}"
        );
        assert!(!stderr.contains("topsecret"), "{stderr}");
    }
}

#[test]
fn serving_without_a_jwt_secret_outside_demo_is_refused() {
    let output = stride()
        .arg("serve")
        .env("STRIDE_DATABASE_URL", "sqlite::memory:")
        .output()
        .expect("stride runs");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("STRIDE_JWT_SECRET"));
}

#[test]
fn the_exported_schema_is_the_served_one() {
    let output = stride()
        .args(["export-schema", "--output", "-"])
        .output()
        .expect("stride runs");
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        stride_api::graphql::sdl()
    );
}

#[tokio::test]
async fn create_admin_reads_the_password_from_stdin_and_grants_platform_admin() {
    let database = TestDatabase::create().await;
    let mut child = stride()
        .args(["create-admin", "--email", " Root@Stride.Example "])
        .env("STRIDE_DATABASE_URL", database.url())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("stride runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"a long enough password\n")
        .expect("password written");
    let output = child.wait_with_output().expect("stride finishes");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let db = database.connect().await;
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq("root@stride.example"))
        .one(&db)
        .await
        .expect("query")
        .expect("the admin exists under the normalised email");
    let hash = user.password_hash.expect("a password hash");
    assert!(hash.starts_with("$argon2id$"));
    assert!(!hash.contains("a long enough password"));
    let grants = role_grant::Entity::find()
        .filter(role_grant::Column::UserId.eq(user.id))
        .all(&db)
        .await
        .expect("query");
    assert_eq!(grants.len(), 1);
    assert_eq!(grants[0].role, Role::PlatformAdmin);
}

#[tokio::test]
async fn create_admin_refuses_a_short_password() {
    let database = TestDatabase::create().await;
    let output = stride()
        .args(["create-admin", "--email", "root@stride.example"])
        .env("STRIDE_DATABASE_URL", database.url())
        .env("STRIDE_ADMIN_PASSWORD", "short")
        .output()
        .expect("stride runs");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("at least 10"));
}

#[tokio::test]
async fn serve_demo_prints_one_sign_in_per_role() {
    use std::io::{BufRead, BufReader};
    let database = TestDatabase::create().await;
    let dir = std::env::temp_dir().join(format!("stride-demo-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut child = stride()
        .args(["serve", "--demo"])
        .current_dir(&dir)
        .env("STRIDE_DATABASE_URL", database.url())
        .env("STRIDE_PORT", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("stride runs");
    let stdout = child.stdout.take().expect("stdout");
    // The sign-ins are printed before the server starts; six lines is all this reads.
    let lines: Vec<String> = BufReader::new(stdout)
        .lines()
        .take(6)
        .map_while(Result::ok)
        .collect();
    child.kill().ok();
    child.wait().ok();
    std::fs::remove_dir_all(&dir).ok();
    assert!(lines[0].starts_with("Demo sign-ins"), "{lines:?}");
    for role in [
        "platform admin",
        "franchise admin",
        "location manager",
        "therapist",
        "client",
    ] {
        assert!(
            lines.iter().any(|l| l.trim_start().starts_with(role)),
            "{role}: {lines:?}"
        );
    }
}

#[tokio::test]
async fn reset_password_sets_the_password_and_ends_every_session() {
    use chrono::Utc;
    use entity::refresh_token;
    use sea_orm::{ActiveModelTrait, Set};
    let database = TestDatabase::create().await;
    let db = database.connect().await;
    stride_api::db::migrate(&db).await.expect("migrated");
    let now = Utc::now();
    let user = app_user::ActiveModel {
        id: Set(uuid::Uuid::new_v4()),
        email: Set("ana@example.com".into()),
        name: Set("Ana".into()),
        password_hash: Set(None),
        disabled_at: Set(None),
        session_epoch: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&db)
    .await
    .expect("user");
    refresh_token::ActiveModel {
        id: Set(uuid::Uuid::new_v4()),
        user_id: Set(user.id),
        family_id: Set(uuid::Uuid::new_v4()),
        family_started_at: Set(now),
        session_epoch: Set(0),
        token_hash: Set("a-stored-hash".into()),
        expires_at: Set(now + chrono::Duration::days(30)),
        rotated_at: Set(None),
        revoked_at: Set(None),
        created_at: Set(now),
    }
    .insert(&db)
    .await
    .expect("session");

    let output = stride()
        .args(["reset-password", "--email", "ANA@example.com"])
        .env("STRIDE_DATABASE_URL", database.url())
        .env("STRIDE_ADMIN_PASSWORD", "a brand new passphrase")
        .output()
        .expect("stride runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let after = app_user::Entity::find_by_id(user.id)
        .one(&db)
        .await
        .expect("query")
        .expect("user");
    let hash = after.password_hash.expect("a password hash");
    assert!(stride_api::auth::password::verify(
        "a brand new passphrase",
        &hash
    ));
    assert_eq!(
        after.session_epoch, 1,
        "access tokens issued before no longer count"
    );
    let sessions = refresh_token::Entity::find()
        .filter(refresh_token::Column::UserId.eq(user.id))
        .all(&db)
        .await
        .expect("query");
    assert!(
        sessions.iter().all(|s| s.revoked_at.is_some()),
        "{sessions:?}"
    );

    let unknown = stride()
        .args(["reset-password", "--email", "nobody@example.com"])
        .env("STRIDE_DATABASE_URL", database.url())
        .env("STRIDE_ADMIN_PASSWORD", "a brand new passphrase")
        .output()
        .expect("stride runs");
    assert!(!unknown.status.success());
}

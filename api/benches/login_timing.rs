//! Prints how long a failed login takes for an unknown email and for a wrong password.
//! They should match: the time must not tell an attacker which emails have accounts.
//! Run with `cargo bench -p stride-api --bench login_timing`.

use std::time::{Duration, Instant};

use stride_api::{
    auth::{
        account::{self, AuthContext},
        password::PasswordWork,
        tokens::TokenService,
    },
    db,
    settings::{AuthSettings, Secret, Settings},
};

const ROUNDS: usize = 30;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::temp_dir().join(format!("stride-bench-{}.db", std::process::id()));
    let settings = Settings {
        database_url: format!("sqlite://{}?mode=rwc", path.display()),
        ..Settings::default()
    };
    let connection = db::connect(&settings).await?;
    db::migrate(&connection).await.map_err(|e| e.to_string())?;
    // No throttling here: every attempt must reach the password check.
    let auth_settings = AuthSettings {
        failures_per_email_and_address: u32::MAX,
        failures_per_address: u32::MAX,
        email_delay_after_failures: u32::MAX,
        ..AuthSettings::default()
    };
    let secret = Secret::new("bench-secret-of-at-least-thirty-two-bytes");
    let auth = AuthContext {
        tokens: TokenService::from_settings(&auth_settings, Some(&secret))?,
        settings: auth_settings,
        passwords: PasswordWork::new(1, Duration::from_secs(60)),
    };
    account::register(
        &connection,
        &auth,
        "runner@example.com",
        "correct horse battery".into(),
        "Runner",
        "bench",
    )
    .await
    .map_err(|e| e.message())?;

    let mut unknown = Vec::with_capacity(ROUNDS);
    let mut wrong = Vec::with_capacity(ROUNDS);
    for round in 0..ROUNDS {
        // Interleaved, so drift in the machine's load hits both alike.
        let started = Instant::now();
        let _ = account::login(
            &connection,
            &auth,
            &format!("nobody{round}@example.com"),
            "wrong password!".into(),
            "bench",
        )
        .await;
        unknown.push(started.elapsed());
        let started = Instant::now();
        let _ = account::login(
            &connection,
            &auth,
            "runner@example.com",
            "wrong password!".into(),
            "bench",
        )
        .await;
        wrong.push(started.elapsed());
    }
    let (unknown_median, wrong_median) = (median(&mut unknown), median(&mut wrong));
    println!("failed login, {ROUNDS} rounds each (median):");
    println!("  unknown email:  {:>8.2} ms", ms(unknown_median));
    println!("  wrong password: {:>8.2} ms", ms(wrong_median));
    println!(
        "  ratio:          {:>8.3}",
        ms(unknown_median) / ms(wrong_median)
    );
    connection.close().await.ok();
    for suffix in ["", "-wal", "-shm"] {
        std::fs::remove_file(format!("{}{suffix}", path.display())).ok();
    }
    Ok(())
}

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

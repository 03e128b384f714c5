//! What the benches share: the real `stride` binary serving the demo in a folder of its
//! own, a load generator with latency figures, and the operating system's account of its
//! memory.

#![allow(dead_code)] // Each bench uses its own part.

use std::{
    future::Future,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

pub const MEASURE: Duration = Duration::from_secs(3);
pub const WARM_UP: Duration = Duration::from_millis(500);

#[derive(Clone, Copy)]
pub struct Figures {
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub failures: usize,
}

/// Runs `call` on `connections` workers at once, back to back, for the warm-up and then
/// `MEASURE`; counts what finished in the measured part. `call` says whether it succeeded.
pub async fn drive<F, Fut>(connections: usize, call: F) -> Figures
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: Future<Output = bool> + Send,
{
    let warm_until = Instant::now() + WARM_UP;
    let stop_at = warm_until + MEASURE;
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..connections {
        let call = call.clone();
        workers.spawn(async move {
            let (mut latencies, mut failures) = (Vec::new(), 0);
            loop {
                let started = Instant::now();
                if started >= stop_at {
                    break;
                }
                let ok = call().await;
                if started >= warm_until {
                    latencies.push(started.elapsed());
                    failures += usize::from(!ok);
                }
            }
            (latencies, failures)
        });
    }
    let (mut latencies, mut failures) = (Vec::new(), 0);
    while let Some(Ok((mine, failed))) = workers.join_next().await {
        latencies.extend(mine);
        failures += failed;
    }
    latencies.sort();
    let at = |p: f64| {
        latencies
            .get(((latencies.len().max(1) - 1) as f64 * p).round() as usize)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    Figures {
        per_second: latencies.len() as f64 / MEASURE.as_secs_f64(),
        p50_ms: at(0.50),
        p99_ms: at(0.99),
        failures,
    }
}

/// A running `stride serve --demo`; stopped, and its folder removed, when dropped.
pub struct Server {
    pub child: Child,
    dir: PathBuf,
    /// `http://127.0.0.1:<port>`.
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
        std::fs::remove_dir_all(&self.dir).ok();
    }
}

/// Serves the demo from `dir` with these settings (`STRIDE_*` variables) on a free port.
pub fn serve(dir: &Path, settings: &[(&str, &str)]) -> std::io::Result<Server> {
    std::fs::create_dir_all(dir)?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_stride"))
        .args(["serve", "--demo"])
        .current_dir(dir)
        .envs(settings.iter().copied())
        .env("STRIDE_PORT", port.to_string())
        .env("STRIDE_LOG_LEVEL", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    Ok(Server {
        child,
        dir: dir.to_owned(),
        base: format!("http://127.0.0.1:{port}"),
    })
}

/// Resident memory of a process, in MiB.
pub fn resident_mib(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

/// Runs `run` on a fresh SQLite file, then, when `STRIDE_BENCH_DATABASE_URL` names a
/// PostgreSQL server, on a database it creates there and drops afterwards.
pub async fn on_each_database<F, Fut>(
    prefix: &str,
    run: F,
) -> Result<(), Box<dyn std::error::Error>>
where
    F: Fn(&'static str, String) -> Fut,
    Fut: Future<Output = Result<(), Box<dyn std::error::Error>>>,
{
    use sea_orm::{ConnectionTrait, Database};
    let sqlite = std::env::temp_dir().join(format!("{prefix}-{}.db", std::process::id()));
    let outcome = run("SQLite", format!("sqlite://{}?mode=rwc", sqlite.display())).await;
    for suffix in ["", "-wal", "-shm"] {
        std::fs::remove_file(format!("{}{suffix}", sqlite.display())).ok();
    }
    outcome?;
    if let Ok(server) = std::env::var("STRIDE_BENCH_DATABASE_URL") {
        let name = format!("stride_bench_{}", std::process::id());
        let admin = Database::connect(&server).await?;
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await?;
        let url = match server.rsplit_once('/') {
            Some((base, _)) => format!("{base}/{name}"),
            None => return Err("STRIDE_BENCH_DATABASE_URL needs a database path".into()),
        };
        let outcome = run("PostgreSQL", url).await;
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await?;
        outcome?;
    }
    Ok(())
}

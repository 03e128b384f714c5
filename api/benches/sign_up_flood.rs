//! Memory and latency under a sign-up flood, measured on the real `stride` binary: its
//! resident memory at idle, its peak while 200 `register` calls race (sign-up throttle
//! lifted, so every one of them asks for a password hash) next to a loop of catalogue
//! queries, the catalogue's p50/p99 during the flood, and its memory a minute after.
//! Run with `cargo bench -p stride-api --bench sign_up_flood` (a release build).

mod common;

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use serde_json::{Value, json};

const SIGN_UPS: usize = 200;
const CATALOGUE: &str = "{ clinics(first: 10) { edges { node { name locations(first: 10) {
  edges { node { name timeZone therapists(first: 20) { edges { node { name specialties } } } } } } } } } }";

fn start() -> Result<common::Server, Box<dyn std::error::Error>> {
    let dir = std::env::temp_dir().join(format!("stride-flood-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let config = dir.join("stride.toml");
    std::fs::write(
        &config,
        "[auth]\nregistrations_per_address = 100000\nregistrations_in_all = 100000\n",
    )?;
    let config = config.display().to_string();
    Ok(common::serve(&dir, &[("STRIDE_CONFIG", config.as_str())])?)
}

fn rss_kib(pid: u32) -> u64 {
    (common::resident_mib(pid) * 1024.0) as u64
}

async fn post(client: &reqwest::Client, url: &str, query: &str, variables: Value) -> Option<Value> {
    let response = client
        .post(url)
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
        .ok()?;
    response.json().await.ok()
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = start()?;
    let graphql = format!("{}/graphql", server.base);
    let pid = server.child.id();
    let client = reqwest::Client::new();
    let ready = Instant::now();
    while post(&client, &graphql, "{ __typename }", json!({}))
        .await
        .is_none()
    {
        if ready.elapsed() > Duration::from_secs(120) {
            return Err("the server did not start".into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    for _ in 0..50 {
        post(&client, &graphql, CATALOGUE, json!({})).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let idle = rss_kib(pid);

    let peak = Arc::new(AtomicU64::new(idle));
    let flooding = Arc::new(AtomicBool::new(true));
    let sampler = {
        let (peak, flooding) = (peak.clone(), flooding.clone());
        tokio::spawn(async move {
            while flooding.load(Ordering::Relaxed) {
                peak.fetch_max(rss_kib(pid), Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
    };
    let reader = {
        let (client, url, flooding) = (client.clone(), graphql.clone(), flooding.clone());
        tokio::spawn(async move {
            let mut latencies = Vec::new();
            while flooding.load(Ordering::Relaxed) {
                let started = Instant::now();
                post(&client, &url, CATALOGUE, json!({})).await;
                latencies.push(started.elapsed());
            }
            latencies
        })
    };
    let started = Instant::now();
    let mut sign_ups = tokio::task::JoinSet::new();
    for i in 0..SIGN_UPS {
        let (client, url) = (client.clone(), graphql.clone());
        sign_ups.spawn(async move {
            let body = post(
                &client,
                &url,
                "mutation($e: String!) { register(input: { email: $e, password: \"correct horse battery\", name: \"Runner\" }) { accessToken } }",
                json!({ "e": format!("flood{i}@example.com") }),
            )
            .await
            .unwrap_or(Value::Null);
            body["errors"][0]["extensions"]["code"]
                .as_str()
                .unwrap_or("OK")
                .to_owned()
        });
    }
    let mut outcomes = std::collections::BTreeMap::<String, usize>::new();
    while let Some(code) = sign_ups.join_next().await {
        *outcomes
            .entry(code.unwrap_or_else(|_| "PANIC".into()))
            .or_default() += 1;
    }
    let flood_time = started.elapsed();
    flooding.store(false, Ordering::Relaxed);
    sampler.await.ok();
    let mut latencies = reader.await.unwrap_or_default();
    latencies.sort();
    let peak = peak.load(Ordering::Relaxed);

    tokio::time::sleep(Duration::from_secs(60)).await;
    let after = rss_kib(pid);

    let mib = |kib: u64| kib as f64 / 1024.0;
    println!(
        "sign-up flood: {SIGN_UPS} parallel register calls in {:.2} s: {outcomes:?}",
        flood_time.as_secs_f64()
    );
    println!(
        "catalogue during the flood: {} requests, p50 {:.1} ms, p99 {:.1} ms",
        latencies.len(),
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.99)
    );
    println!(
        "resident memory: idle {:.1} MiB, peak {:.1} MiB ({:.2}x idle), a minute after {:.1} MiB ({:.2}x idle)",
        mib(idle),
        mib(peak),
        peak as f64 / idle.max(1) as f64,
        mib(after),
        after as f64 / idle.max(1) as f64
    );
    Ok(())
}

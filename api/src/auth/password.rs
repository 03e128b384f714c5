//! Passwords are stored only as argon2id PHC strings, at OWASP's parameters or stronger.
//! Hashing costs a core and 19 MiB for tens of milliseconds, so callers on the async
//! runtime go through `PasswordWork`, which runs a bounded number of hashes at once.

use std::{
    sync::{Arc, OnceLock},
    time::Duration,
};

use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use tokio::sync::Semaphore;

use crate::error::{ApiError, ApiResult};

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 128;

/// 19 MiB, 2 passes, 1 lane: OWASP's minimum for argon2id.
const MEMORY_KIB: u32 = 19 * 1024;
const ITERATIONS: u32 = 2;
const LANES: u32 = 1;

fn hasher() -> Result<Argon2<'static>, ApiError> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, LANES, None).map_err(|error| {
        tracing::error!(%error, "invalid argon2 parameters");
        ApiError::Internal
    })?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Length is counted in characters, so a long non-ASCII passphrase is not cut short.
pub fn validate(field: &str, password: &str) -> Result<(), ApiError> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(ApiError::validation(
            field,
            format!("the password needs at least {MIN_LENGTH} characters"),
        ));
    }
    if length > MAX_LENGTH {
        return Err(ApiError::validation(
            field,
            format!("the password may have at most {MAX_LENGTH} characters"),
        ));
    }
    Ok(())
}

/// A salted argon2id hash in PHC form.
pub fn hash(password: &str) -> Result<String, ApiError> {
    let hashed = hasher()?
        .hash_password(password.as_bytes())
        .map_err(|error| {
            tracing::error!(%error, "password hashing failed");
            ApiError::Internal
        })?;
    Ok(hashed.to_string())
}

/// Whether `password` matches `phc`; a malformed stored hash never matches.
pub fn verify(password: &str, phc: &str) -> bool {
    match hasher() {
        Ok(argon2) => argon2.verify_password(password.as_bytes(), phc).is_ok(),
        Err(_) => false,
    }
}

/// Hashing and verifying on the blocking pool, at most `concurrency` at once. A caller
/// that finds every turn taken waits a bounded time, then gets RATE_LIMITED: a flood of
/// sign-ups or sign-ins queues for a moment instead of piling up memory and threads.
#[derive(Clone)]
pub struct PasswordWork {
    turns: Arc<Semaphore>,
    wait: Duration,
}

impl PasswordWork {
    /// `concurrency` 0 means one per CPU.
    pub fn new(concurrency: usize, wait: Duration) -> Self {
        let concurrency = match concurrency {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        };
        Self {
            turns: Arc::new(Semaphore::new(concurrency)),
            wait,
        }
    }

    pub async fn hash(&self, password: String) -> ApiResult<String> {
        self.run(move || hash(&password)).await?
    }

    /// With no stored hash it verifies against a dummy one, so an unknown email costs as
    /// much as a known one; the answer is then always false.
    pub async fn verify(&self, password: String, stored_hash: Option<String>) -> ApiResult<bool> {
        static DUMMY: OnceLock<Option<String>> = OnceLock::new();
        self.run(move || {
            let candidate: String = password.chars().take(MAX_LENGTH).collect();
            match stored_hash {
                Some(hash) => verify(&candidate, &hash),
                None => {
                    let dummy = DUMMY.get_or_init(|| hash("stride-dummy-password-for-timing").ok());
                    if let Some(dummy) = dummy {
                        verify(&candidate, dummy);
                    }
                    false
                }
            }
        })
        .await
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> ApiResult<T> {
        let turn = tokio::time::timeout(self.wait, self.turns.clone().acquire_owned())
            .await
            .map_err(|_| ApiError::RateLimited {
                retry_after_seconds: 1,
            })?
            .map_err(|_| ApiError::Internal)?;
        tokio::task::spawn_blocking(move || {
            let result = work();
            drop(turn);
            result
        })
        .await
        .map_err(|_| ApiError::Internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_salted_argon2id_and_verify() {
        let first = hash("correct horse battery").expect("hash");
        let second = hash("correct horse battery").expect("hash");
        assert!(
            first.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{first}"
        );
        assert_ne!(first, second, "each hash has its own salt");
        assert!(verify("correct horse battery", &first));
        assert!(!verify("correct horse battery!", &first));
        assert!(!verify("correct horse battery", "not a hash"));
    }

    #[tokio::test]
    async fn callers_past_the_turns_wait_then_are_rate_limited() {
        let work = PasswordWork::new(1, Duration::from_millis(20));
        let held = work.turns.clone().acquire_owned().await.expect("a turn");
        assert_eq!(
            work.hash("correct horse battery".into()).await,
            Err(ApiError::RateLimited {
                retry_after_seconds: 1
            })
        );
        drop(held);
        let hashed = work
            .hash("correct horse battery".into())
            .await
            .expect("hashed");
        assert_eq!(
            work.verify("correct horse battery".into(), Some(hashed))
                .await,
            Ok(true)
        );
        assert_eq!(
            work.verify("correct horse battery".into(), None).await,
            Ok(false)
        );
    }

    #[test]
    fn length_limits_hold_at_their_edges() {
        assert!(validate("password", &"a".repeat(MIN_LENGTH - 1)).is_err());
        assert!(validate("password", &"a".repeat(MIN_LENGTH)).is_ok());
        assert!(validate("password", &"é".repeat(MAX_LENGTH)).is_ok());
        assert!(validate("password", &"a".repeat(MAX_LENGTH + 1)).is_err());
    }
}

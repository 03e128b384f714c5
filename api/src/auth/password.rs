//! Passwords are stored only as argon2id PHC strings, at OWASP's parameters or stronger.
//! Hashing is CPU-heavy, so callers on the async runtime use the `*_blocking` wrappers.

use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};

use crate::error::ApiError;

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
pub fn validate(password: &str) -> Result<(), ApiError> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(ApiError::validation(
            "password",
            format!("the password needs at least {MIN_LENGTH} characters"),
        ));
    }
    if length > MAX_LENGTH {
        return Err(ApiError::validation(
            "password",
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

pub async fn hash_blocking(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .map_err(|_| ApiError::Internal)?
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

    #[test]
    fn length_limits_hold_at_their_edges() {
        assert!(validate(&"a".repeat(MIN_LENGTH - 1)).is_err());
        assert!(validate(&"a".repeat(MIN_LENGTH)).is_ok());
        assert!(validate(&"é".repeat(MAX_LENGTH)).is_ok());
        assert!(validate(&"a".repeat(MAX_LENGTH + 1)).is_err());
    }
}

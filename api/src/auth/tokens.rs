//! Access tokens: short-lived JWTs. The algorithm is pinned by configuration (HS256 with a
//! secret of at least 32 bytes, or EdDSA / RS256 from PEM key files with a `kid`), and
//! `exp`, `nbf`, `iss` and `aud` are always checked.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{
    Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, decode_header, encode,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    error::ApiError,
    settings::{AuthSettings, Secret},
};

pub const MIN_SECRET_BYTES: usize = 32;

/// Whom a token speaks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    User(Uuid),
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    iss: String,
    aud: String,
    exp: i64,
    nbf: i64,
    iat: i64,
    /// Unique per token; optional on the way in.
    #[serde(default)]
    jti: Option<String>,
}

/// Why a token was refused; callers only ever answer UNAUTHENTICATED.
#[derive(Debug, PartialEq, Eq)]
pub struct InvalidToken;

pub struct TokenService {
    algorithm: Algorithm,
    signing_key: EncodingKey,
    signing_kid: Option<String>,
    /// Verification keys by `kid`; `None` is the key for tokens without a `kid`.
    verifying: HashMap<Option<String>, DecodingKey>,
    validation: Validation,
    issuer: String,
    audience: String,
    access_ttl: Duration,
}

impl TokenService {
    pub fn from_settings(auth: &AuthSettings, secret: Option<&Secret>) -> Result<Self, String> {
        let algorithm = match auth.algorithm.as_str() {
            "HS256" => Algorithm::HS256,
            "EdDSA" => Algorithm::EdDSA,
            "RS256" => Algorithm::RS256,
            other => {
                return Err(format!(
                    "unsupported token algorithm {other}: use HS256, EdDSA or RS256"
                ));
            }
        };
        let mut verifying = HashMap::new();
        let (signing_key, signing_kid) = if algorithm == Algorithm::HS256 {
            let secret = secret.ok_or("STRIDE_JWT_SECRET is required for HS256")?;
            if secret.expose().len() < MIN_SECRET_BYTES {
                return Err(format!(
                    "STRIDE_JWT_SECRET must be at least {MIN_SECRET_BYTES} bytes"
                ));
            }
            verifying.insert(None, DecodingKey::from_secret(secret.expose().as_bytes()));
            (EncodingKey::from_secret(secret.expose().as_bytes()), None)
        } else {
            let path = auth
                .signing_key_file
                .as_ref()
                .ok_or("auth.signing_key_file is required for EdDSA and RS256")?;
            let kid = auth
                .signing_key_id
                .clone()
                .ok_or("auth.signing_key_id is required with a signing key")?;
            let pem =
                std::fs::read(path).map_err(|e| format!("cannot read signing key {path}: {e}"))?;
            let key = match algorithm {
                Algorithm::EdDSA => EncodingKey::from_ed_pem(&pem),
                _ => EncodingKey::from_rsa_pem(&pem),
            }
            .map_err(|e| format!("invalid signing key {path}: {e}"))?;
            for file in &auth.verification_key_files {
                let pem = std::fs::read(&file.path)
                    .map_err(|e| format!("cannot read key {}: {e}", file.path))?;
                let key = match algorithm {
                    Algorithm::EdDSA => DecodingKey::from_ed_pem(&pem),
                    _ => DecodingKey::from_rsa_pem(&pem),
                }
                .map_err(|e| format!("invalid verification key {}: {e}", file.path))?;
                verifying.insert(Some(file.kid.clone()), key);
            }
            if !verifying.contains_key(&Some(kid.clone())) {
                return Err(format!(
                    "auth.verification_key_files has no public key for kid {kid}"
                ));
            }
            (key, Some(kid))
        };
        let mut validation = Validation::new(algorithm);
        validation.algorithms = vec![algorithm];
        validation.set_issuer(&[&auth.issuer]);
        validation.set_audience(&[&auth.audience]);
        validation.validate_nbf = true;
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        Ok(Self {
            algorithm,
            signing_key,
            signing_kid,
            verifying,
            validation,
            issuer: auth.issuer.clone(),
            audience: auth.audience.clone(),
            access_ttl: Duration::minutes(auth.access_token_minutes),
        })
    }

    /// A signed access token for `subject` and the instant it expires.
    pub fn issue(&self, subject: Subject) -> Result<(String, DateTime<Utc>), ApiError> {
        let now = Utc::now();
        let expires_at = now + self.access_ttl;
        let Subject::User(user_id) = subject;
        let claims = Claims {
            sub: format!("user:{user_id}"),
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            exp: expires_at.timestamp(),
            nbf: now.timestamp(),
            iat: now.timestamp(),
            jti: Some(Uuid::new_v4().to_string()),
        };
        let mut header = Header::new(self.algorithm);
        header.kid = self.signing_kid.clone();
        let token = encode(&header, &claims, &self.signing_key).map_err(|error| {
            tracing::error!(%error, "signing an access token failed");
            ApiError::Internal
        })?;
        Ok((token, expires_at))
    }

    pub fn verify(&self, token: &str) -> Result<Subject, InvalidToken> {
        let header = decode_header(token).map_err(|_| InvalidToken)?;
        if header.alg != self.algorithm {
            return Err(InvalidToken);
        }
        let key = self.verifying.get(&header.kid).ok_or(InvalidToken)?;
        let data = decode::<Claims>(token, key, &self.validation).map_err(|_| InvalidToken)?;
        let user = data.claims.sub.strip_prefix("user:").ok_or(InvalidToken)?;
        Uuid::parse_str(user)
            .map(Subject::User)
            .map_err(|_| InvalidToken)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(secret: &str) -> TokenService {
        TokenService::from_settings(&AuthSettings::default(), Some(&Secret::new(secret)))
            .expect("valid settings")
    }

    const SECRET: &str = "a-test-secret-of-at-least-thirty-two-bytes";

    #[test]
    fn issued_tokens_verify_to_their_subject() {
        let tokens = service(SECRET);
        let user = Uuid::new_v4();
        let (token, expires_at) = tokens.issue(Subject::User(user)).expect("issued");
        assert_eq!(tokens.verify(&token), Ok(Subject::User(user)));
        let minutes = (expires_at - Utc::now()).num_minutes();
        assert!((14..=15).contains(&minutes), "{minutes}");
    }

    #[test]
    fn short_secrets_and_unknown_algorithms_are_refused_at_start() {
        assert!(
            TokenService::from_settings(&AuthSettings::default(), Some(&Secret::new("short")))
                .is_err()
        );
        assert!(TokenService::from_settings(&AuthSettings::default(), None).is_err());
        let none = AuthSettings {
            algorithm: "none".into(),
            ..AuthSettings::default()
        };
        assert!(TokenService::from_settings(&none, Some(&Secret::new(SECRET))).is_err());
    }

    #[test]
    fn a_token_signed_with_another_secret_is_refused() {
        let (token, _) = service("another-secret-that-is-thirty-two-bytes-long")
            .issue(Subject::User(Uuid::new_v4()))
            .expect("issued");
        assert_eq!(service(SECRET).verify(&token), Err(InvalidToken));
    }
}

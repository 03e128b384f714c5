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
    /// The account's session epoch at issue (see `app_user.session_epoch`).
    #[serde(default)]
    sv: i32,
}

/// The `typ` of access tokens (RFC 9068), so no other JWT signed with the same key (a
/// partner's client assertion, an ID token) can be passed off as one.
pub const ACCESS_TOKEN_TYPE: &str = "at+jwt";

/// A token that verified: whom it speaks for, in which session epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verified {
    pub subject: Subject,
    pub session_epoch: i32,
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
    pub fn issue(
        &self,
        subject: Subject,
        session_epoch: i32,
    ) -> Result<(String, DateTime<Utc>), ApiError> {
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
            sv: session_epoch,
        };
        let mut header = Header::new(self.algorithm);
        header.typ = Some(ACCESS_TOKEN_TYPE.into());
        header.kid = self.signing_kid.clone();
        let token = encode(&header, &claims, &self.signing_key).map_err(|error| {
            tracing::error!(%error, "signing an access token failed");
            ApiError::Internal
        })?;
        Ok((token, expires_at))
    }

    pub fn verify(&self, token: &str) -> Result<Verified, InvalidToken> {
        let header = decode_header(token).map_err(|_| InvalidToken)?;
        if header.alg != self.algorithm {
            return Err(InvalidToken);
        }
        let typ = header.typ.as_deref().map(str::to_ascii_lowercase);
        if !matches!(typ.as_deref(), Some("at+jwt" | "application/at+jwt")) {
            return Err(InvalidToken);
        }
        let key = self.verifying.get(&header.kid).ok_or(InvalidToken)?;
        let data = decode::<Claims>(token, key, &self.validation).map_err(|_| InvalidToken)?;
        let user = data.claims.sub.strip_prefix("user:").ok_or(InvalidToken)?;
        let subject = Uuid::parse_str(user)
            .map(Subject::User)
            .map_err(|_| InvalidToken)?;
        Ok(Verified {
            subject,
            session_epoch: data.claims.sv,
        })
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

    /// Valid claims for `user`, for tokens a test signs itself.
    fn claims_for(user: Uuid) -> Claims {
        let now = Utc::now().timestamp();
        Claims {
            sub: format!("user:{user}"),
            iss: "stride".into(),
            aud: "stride-api".into(),
            exp: now + 600,
            nbf: now,
            iat: now,
            jti: None,
            sv: 0,
        }
    }

    #[test]
    fn issued_tokens_verify_to_their_subject() {
        let tokens = service(SECRET);
        let user = Uuid::new_v4();
        let (token, expires_at) = tokens.issue(Subject::User(user), 0).expect("issued");
        assert_eq!(
            tokens.verify(&token).map(|v| v.subject),
            Ok(Subject::User(user))
        );
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
    fn only_access_tokens_are_accepted_as_access_tokens() {
        let tokens = service(SECRET);
        let user = Uuid::new_v4();
        let (token, _) = tokens.issue(Subject::User(user), 0).expect("issued");
        assert_eq!(
            decode_header(&token).expect("header").typ.as_deref(),
            Some("at+jwt")
        );
        assert_eq!(tokens.verify(&token).map(|v| v.session_epoch), Ok(0));
        // The same claims under the same key, typed as a plain JWT or as nothing.
        let claims = claims_for(user);
        for typ in [Some("JWT"), None, Some("id+jwt")] {
            let mut header = Header::new(Algorithm::HS256);
            header.typ = typ.map(String::from);
            let other = encode(
                &header,
                &claims,
                &EncodingKey::from_secret(SECRET.as_bytes()),
            )
            .expect("signed");
            assert_eq!(tokens.verify(&other), Err(InvalidToken), "{typ:?}");
        }
    }

    #[test]
    fn a_token_signed_with_another_secret_is_refused() {
        let (token, _) = service("another-secret-that-is-thirty-two-bytes-long")
            .issue(Subject::User(Uuid::new_v4()), 0)
            .expect("issued");
        assert_eq!(service(SECRET).verify(&token), Err(InvalidToken));
    }

    mod key_files {
        use ed25519_dalek::{
            SigningKey,
            pkcs8::{EncodePrivateKey, EncodePublicKey, spki::der::pem::LineEnding},
        };

        use super::*;
        use crate::settings::KeyFile;

        /// Writes a fresh Ed25519 key pair; returns the private and public PEM paths.
        fn key_pair(dir: &std::path::Path, name: &str) -> (String, String) {
            let mut seed = [0u8; 32];
            getrandom::fill(&mut seed).expect("randomness");
            let key = SigningKey::from_bytes(&seed);
            let private = dir.join(format!("{name}.pem"));
            let public = dir.join(format!("{name}.pub.pem"));
            std::fs::write(
                &private,
                key.to_pkcs8_pem(LineEnding::LF).expect("pem").as_bytes(),
            )
            .expect("write");
            std::fs::write(
                &public,
                key.verifying_key()
                    .to_public_key_pem(LineEnding::LF)
                    .expect("pem"),
            )
            .expect("write");
            (private.display().to_string(), public.display().to_string())
        }

        fn settings(signing: &str, kid: &str, verifying: Vec<KeyFile>) -> AuthSettings {
            AuthSettings {
                algorithm: "EdDSA".into(),
                signing_key_file: Some(signing.into()),
                signing_key_id: Some(kid.into()),
                verification_key_files: verifying,
                ..AuthSettings::default()
            }
        }

        /// Algorithm confusion: an HS256 token whose secret is a public key's PEM text,
        /// naming that key's `kid`, as an attacker who read the public key would forge.
        fn hs256_keyed_with(public_pem: &[u8], kid: &str, user: Uuid) -> String {
            let mut header = Header::new(Algorithm::HS256);
            header.typ = Some(ACCESS_TOKEN_TYPE.into());
            header.kid = Some(kid.into());
            let claims = super::claims_for(user);
            encode(&header, &claims, &EncodingKey::from_secret(public_pem)).expect("forged")
        }

        #[test]
        fn keys_rotate_while_old_tokens_verify_and_confused_algorithms_fail() {
            let dir = std::env::temp_dir().join(format!("stride-keys-{}", Uuid::new_v4()));
            std::fs::create_dir_all(&dir).expect("dir");
            let (old_private, old_public) = key_pair(&dir, "k1");
            let (new_private, new_public) = key_pair(&dir, "k2");
            let k1 = KeyFile {
                kid: "k1".into(),
                path: old_public.clone(),
            };
            let k2 = KeyFile {
                kid: "k2".into(),
                path: new_public,
            };

            let before =
                TokenService::from_settings(&settings(&old_private, "k1", vec![k1.clone()]), None)
                    .expect("k1 service");
            let user = Uuid::new_v4();
            let (old_token, _) = before.issue(Subject::User(user), 0).expect("issued");
            assert_eq!(
                decode_header(&old_token).expect("header").kid.as_deref(),
                Some("k1")
            );

            // After rotation the new key signs and the old one still verifies.
            let after = TokenService::from_settings(
                &settings(&new_private, "k2", vec![k1, k2.clone()]),
                None,
            )
            .expect("k2 service");
            assert_eq!(
                after.verify(&old_token).map(|v| v.subject),
                Ok(Subject::User(user))
            );
            let (new_token, _) = after.issue(Subject::User(user), 0).expect("issued");
            assert_eq!(
                after.verify(&new_token).map(|v| v.subject),
                Ok(Subject::User(user))
            );

            // Once k1 is retired, its tokens stop verifying.
            let retired =
                TokenService::from_settings(&settings(&new_private, "k2", vec![k2]), None)
                    .expect("service");
            assert_eq!(retired.verify(&old_token), Err(InvalidToken));

            // Algorithm confusion: an HS256 token keyed with the public key's PEM text.
            let public_pem = std::fs::read(&old_public).expect("public key");
            let forged = hs256_keyed_with(&public_pem, "k1", user);
            assert_eq!(before.verify(&forged), Err(InvalidToken));

            std::fs::remove_dir_all(dir).ok();
        }

        #[test]
        fn rs256_keys_sign_and_verify_and_refuse_forgeries() {
            use rsa::{
                RsaPrivateKey,
                pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding},
                rand_core::OsRng,
            };
            let dir = std::env::temp_dir().join(format!("stride-keys-{}", Uuid::new_v4()));
            std::fs::create_dir_all(&dir).expect("dir");
            let key = RsaPrivateKey::new(&mut OsRng, 2048).expect("RSA key");
            let (private, public) = (dir.join("r1.pem"), dir.join("r1.pub.pem"));
            let private_pem = key.to_pkcs8_pem(LineEnding::LF).expect("pem");
            std::fs::write(&private, private_pem.as_bytes()).expect("write");
            let public_pem = key
                .to_public_key()
                .to_public_key_pem(LineEnding::LF)
                .expect("pem");
            std::fs::write(&public, &public_pem).expect("write");
            let rs256 = AuthSettings {
                algorithm: "RS256".into(),
                signing_key_file: Some(private.display().to_string()),
                signing_key_id: Some("r1".into()),
                verification_key_files: vec![KeyFile {
                    kid: "r1".into(),
                    path: public.display().to_string(),
                }],
                ..AuthSettings::default()
            };
            let service = TokenService::from_settings(&rs256, None).expect("RS256 service");
            let user = Uuid::new_v4();
            let (token, _) = service.issue(Subject::User(user), 0).expect("issued");
            let header = decode_header(&token).expect("header");
            assert_eq!(
                (header.alg, header.kid.as_deref()),
                (Algorithm::RS256, Some("r1"))
            );
            assert_eq!(
                service.verify(&token).map(|v| v.subject),
                Ok(Subject::User(user))
            );

            let mut tampered = token.clone();
            tampered.push('A');
            assert_eq!(service.verify(&tampered), Err(InvalidToken));
            let forged = hs256_keyed_with(public_pem.as_bytes(), "r1", user);
            assert_eq!(service.verify(&forged), Err(InvalidToken));
            std::fs::remove_dir_all(dir).ok();
        }

        #[test]
        fn a_signing_key_without_its_public_key_is_refused_at_start() {
            let dir = std::env::temp_dir().join(format!("stride-keys-{}", Uuid::new_v4()));
            std::fs::create_dir_all(&dir).expect("dir");
            let (private, _) = key_pair(&dir, "k1");
            assert!(TokenService::from_settings(&settings(&private, "k1", vec![]), None).is_err());
            std::fs::remove_dir_all(dir).ok();
        }
    }
}

//! Sign-up, sign-in, token refresh and sign-out.

use chrono::{Duration, Utc};
use entity::{app_user, enums::Role, role_grant};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};
use uuid::Uuid;

use super::{
    email,
    password::{self, PasswordWork},
    refresh::{self, Lifetimes},
    throttle::{self, Limit},
    tokens::{Subject, TokenService},
};
use crate::{
    error::{ApiError, ApiResult},
    settings::AuthSettings,
    validate,
};

/// What the schema needs to sign people in.
pub struct AuthContext {
    pub tokens: TokenService,
    pub settings: AuthSettings,
    pub passwords: PasswordWork,
}

impl AuthContext {
    pub fn lifetimes(&self) -> Lifetimes {
        Lifetimes {
            ttl: Duration::days(self.settings.refresh_token_days),
            session_max: Duration::days(self.settings.session_max_days),
        }
    }
}

pub struct Session {
    pub access_token: String,
    pub access_token_expires_at: chrono::DateTime<Utc>,
    pub refresh_token: String,
    pub user: app_user::Model,
}

const MAX_NAME_CHARS: usize = 100;

/// Sign-ups are counted per client address and in all, per attempt, before any work.
pub async fn register(
    db: &DatabaseConnection,
    auth: &AuthContext,
    raw_email: &str,
    plain_password: String,
    raw_name: &str,
    client_address: &str,
) -> ApiResult<Session> {
    let email = email::normalise(raw_email)?;
    password::validate("password", &plain_password)?;
    let name = validate::text("name", raw_name, 1, MAX_NAME_CHARS)?;

    let settings = &auth.settings;
    let window = Duration::minutes(settings.registration_window_minutes);
    let now = Utc::now();
    let per_address = Limit {
        key: format!("register:{client_address}"),
        max: settings.registrations_per_address,
        window,
    };
    let in_all = Limit {
        key: "register:*".into(),
        max: settings.registrations_in_all,
        window,
    };
    throttle::take(db, &per_address, now).await?;
    if let Err(refused) = throttle::take(db, &in_all, now).await {
        throttle::give_back(db, &per_address.key).await?;
        return Err(refused);
    }
    // A taken email is answered before any hashing is spent on it.
    let taken = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&email))
        .one(db)
        .await?
        .is_some();
    if taken {
        return Err(email_taken());
    }

    let password_hash = auth.passwords.hash(plain_password).await?;
    let txn = db.begin().await?;
    let user = app_user::ActiveModel {
        id: Set(Uuid::new_v4()),
        email: Set(email),
        name: Set(name),
        password_hash: Set(Some(password_hash)),
        disabled_at: Set(None),
        session_epoch: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    role_grant::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(user.id),
        role: Set(Role::Client),
        clinic_id: Set(None),
        location_id: Set(None),
        therapist_id: Set(None),
        granted_by_user_id: Set(None),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let session = start_session(&txn, auth, user).await?;
    txn.commit().await?;
    Ok(session)
}

fn email_taken() -> ApiError {
    ApiError::conflict_on("email", "an account with this email already exists")
}

/// The same answer, after about the same work, for an unknown email, a wrong password and
/// a disabled account. Attempts are refused per (email, address) pair and per address;
/// failures on the email alone only space its sign-ins out, so an attacker elsewhere can
/// slow the owner down but not lock them out for a window.
pub async fn login(
    db: &DatabaseConnection,
    auth: &AuthContext,
    raw_email: &str,
    plain_password: String,
    client_address: &str,
) -> ApiResult<Session> {
    // Bounded, so a huge "email" cannot bloat the throttle table.
    let email: String = raw_email.trim().to_lowercase().chars().take(254).collect();
    let settings = &auth.settings;
    let window = Duration::minutes(settings.failure_window_minutes);
    let now = Utc::now();
    let address = Limit {
        key: format!("address:{client_address}"),
        max: settings.failures_per_address,
        window,
    };
    let pair = Limit {
        key: format!("login:{client_address}:{email}"),
        max: settings.failures_per_email_and_address,
        window,
    };
    // An address over its limit is refused on a read, before any write.
    if let Some(refused) = throttle::exhausted(db, &address, now).await? {
        return Err(refused);
    }
    throttle::take(db, &pair, now).await?;
    if let Err(refused) = throttle::take(db, &address, now).await {
        throttle::give_back(db, &pair.key).await?;
        return Err(refused);
    }

    // An email that keeps failing is checked at most once per delay, from all addresses
    // together: the caller waits for its turn, up to a bound.
    let email_key = format!("email:{email}");
    let failures = throttle::attempts(db, &email_key, window, now).await?;
    let spacing = email_delay(settings, failures);
    if !spacing.is_zero() {
        let max_wait =
            Duration::seconds(i64::try_from(settings.email_queue_max_seconds).unwrap_or(60));
        let spacing = Duration::from_std(spacing).unwrap_or_default();
        match throttle::queue(db, &email_key, spacing, max_wait, now).await {
            Ok(wait) => tokio::time::sleep(wait).await,
            Err(refused) => {
                throttle::give_back(db, &pair.key).await?;
                throttle::give_back(db, &address.key).await?;
                return Err(refused);
            }
        }
    }

    let user = match email::normalise(&email) {
        Ok(email) => {
            app_user::Entity::find()
                .filter(app_user::Column::Email.eq(email))
                .one(db)
                .await?
        }
        Err(_) => None,
    };
    let stored_hash = user.as_ref().and_then(|u| u.password_hash.clone());
    let matches = match auth.passwords.verify(plain_password, stored_hash).await {
        Ok(matches) => matches,
        Err(error) => {
            // The password was never checked: that was no guess.
            throttle::give_back(db, &pair.key).await?;
            throttle::give_back(db, &address.key).await?;
            return Err(error);
        }
    };
    match user {
        Some(user) if matches && user.disabled_at.is_none() => {
            throttle::forget(db, &pair.key).await?;
            throttle::give_back(db, &address.key).await?;
            throttle::forget(db, &email_key).await?;
            let txn = db.begin().await?;
            let session = start_session(&txn, auth, user).await?;
            txn.commit().await?;
            Ok(session)
        }
        // The attempt stays counted: that is the failure.
        _ => {
            throttle::record(db, &email_key, window).await?;
            Err(ApiError::InvalidCredentials)
        }
    }
}

/// How far apart sign-ins to an email are checked: half a second once it has had
/// `email_delay_after_failures` failures, doubling with each further one, never more
/// than `email_delay_max_seconds`.
pub fn email_delay(settings: &AuthSettings, failures: u32) -> std::time::Duration {
    let Some(over) = failures.checked_sub(settings.email_delay_after_failures) else {
        return std::time::Duration::ZERO;
    };
    let max = std::time::Duration::from_secs(settings.email_delay_max_seconds);
    let delay = std::time::Duration::from_millis(500).saturating_mul(1u32 << over.min(20));
    delay.min(max)
}

pub async fn refresh(
    db: &DatabaseConnection,
    auth: &AuthContext,
    presented: &str,
) -> ApiResult<Session> {
    let (user, next) = refresh::rotate(db, presented, auth.lifetimes()).await?;
    let (access_token, access_token_expires_at) = auth
        .tokens
        .issue(Subject::User(user.id), user.session_epoch)?;
    Ok(Session {
        access_token,
        access_token_expires_at,
        refresh_token: next.token,
        user,
    })
}

pub async fn logout(db: &DatabaseConnection, presented: &str) -> ApiResult<()> {
    refresh::revoke(db, presented).await
}

/// A new sign-in: a new refresh family and an access token. The account is read again
/// inside the transaction: if its password, epoch or standing changed since `user` was
/// read (a password change racing this sign-in), no session is started.
pub async fn start_session(
    txn: &sea_orm::DatabaseTransaction,
    auth: &AuthContext,
    user: app_user::Model,
) -> ApiResult<Session> {
    let current = app_user::Entity::find_by_id(user.id).one(txn).await?;
    let unchanged = current.as_ref().is_some_and(|current| {
        current.password_hash == user.password_hash
            && current.session_epoch == user.session_epoch
            && current.disabled_at.is_none()
    });
    if !unchanged {
        return Err(ApiError::InvalidCredentials);
    }
    let family = refresh::Family::start(user.session_epoch);
    let refresh = refresh::issue(txn, user.id, family, auth.lifetimes()).await?;
    let (access_token, access_token_expires_at) = auth
        .tokens
        .issue(Subject::User(user.id), user.session_epoch)?;
    Ok(Session {
        access_token,
        access_token_expires_at,
        refresh_token: refresh.token,
        user,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_emails_sign_ins_slow_down_progressively_and_boundedly() {
        let settings = AuthSettings::default();
        let after = settings.email_delay_after_failures;
        let ms = |failures| email_delay(&settings, failures).as_millis();
        assert_eq!(ms(0), 0);
        assert_eq!(ms(after - 1), 0);
        assert_eq!(ms(after), 500);
        assert_eq!(ms(after + 1), 1000);
        assert_eq!(ms(after + 3), 4000);
        let max = u128::from(settings.email_delay_max_seconds) * 1000;
        assert_eq!(ms(after + 10), max);
        assert_eq!(ms(u32::MAX), max);
    }
}

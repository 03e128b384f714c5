//! Signed-in callers for tests: a user with one role grant and an access token for it.
//! The token is minted with the test server's secret; how real sign-ins issue tokens is
//! tested in `auth` and `tokens`.

use chrono::Utc;
use entity::{app_user, enums::Role, role_grant};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use serde::Serialize;
use uuid::Uuid;

use crate::TEST_JWT_SECRET;

/// Where a role applies; leave out what the role does not need.
#[derive(Clone, Copy, Debug, Default)]
pub struct Scope {
    pub clinic: Option<Uuid>,
    pub location: Option<Uuid>,
    pub therapist: Option<Uuid>,
}

pub struct SignedIn {
    pub user_id: Uuid,
    pub token: String,
}

#[derive(Serialize)]
struct Claims {
    sub: String,
    iss: &'static str,
    aud: &'static str,
    exp: i64,
    nbf: i64,
    iat: i64,
    /// The account's session epoch the token belongs to.
    sv: i32,
}

/// A token for an existing user whose sessions were never ended.
pub fn token_for(user_id: Uuid) -> String {
    token_in_epoch(user_id, 0)
}

/// A token for an existing user in their current session epoch.
pub async fn current_token(db: &DatabaseConnection, user_id: Uuid) -> String {
    use sea_orm::EntityTrait;
    let user = app_user::Entity::find_by_id(user_id)
        .one(db)
        .await
        .expect("user read")
        .expect("user exists");
    token_in_epoch(user_id, user.session_epoch)
}

fn token_in_epoch(user_id: Uuid, session_epoch: i32) -> String {
    let now = Utc::now().timestamp();
    let claims = Claims {
        sub: format!("user:{user_id}"),
        iss: "stride",
        aud: "stride-api",
        exp: now + 3600,
        nbf: now - 5,
        iat: now - 5,
        sv: session_epoch,
    };
    let mut header = Header::new(Algorithm::HS256);
    header.typ = Some("at+jwt".into());
    encode(
        &header,
        &claims,
        &EncodingKey::from_secret(TEST_JWT_SECRET.as_bytes()),
    )
    .expect("token signed")
}

/// A new user holding `role` within `scope`, signed in.
pub async fn with_role(db: &DatabaseConnection, role: Role, scope: Scope) -> SignedIn {
    let user_id = Uuid::new_v4();
    let now = Utc::now();
    app_user::ActiveModel {
        id: Set(user_id),
        email: Set(format!("{}@example.com", user_id.simple())),
        name: Set(format!("{role:?} user")),
        password_hash: Set(None),
        disabled_at: Set(None),
        session_epoch: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
    .expect("user inserted");
    role_grant::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(user_id),
        role: Set(role),
        clinic_id: Set(scope.clinic),
        location_id: Set(scope.location),
        therapist_id: Set(scope.therapist),
        granted_by_user_id: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await
    .expect("grant inserted");
    SignedIn {
        user_id,
        token: token_for(user_id),
    }
}

pub async fn platform_admin(db: &DatabaseConnection) -> SignedIn {
    with_role(db, Role::PlatformAdmin, Scope::default()).await
}

pub async fn franchise_admin(db: &DatabaseConnection, clinic: Uuid) -> SignedIn {
    with_role(
        db,
        Role::FranchiseAdmin,
        Scope {
            clinic: Some(clinic),
            ..Scope::default()
        },
    )
    .await
}

pub async fn location_manager(db: &DatabaseConnection, clinic: Uuid, location: Uuid) -> SignedIn {
    let scope = Scope {
        clinic: Some(clinic),
        location: Some(location),
        ..Scope::default()
    };
    with_role(db, Role::LocationManager, scope).await
}

pub async fn therapist(db: &DatabaseConnection, clinic: Uuid, therapist: Uuid) -> SignedIn {
    let scope = Scope {
        clinic: Some(clinic),
        therapist: Some(therapist),
        ..Scope::default()
    };
    with_role(db, Role::Therapist, scope).await
}

pub async fn client(db: &DatabaseConnection) -> SignedIn {
    with_role(db, Role::Client, Scope::default()).await
}

//! Inserts a clinic's demo clients (reused if their email already exists) and bookings.

use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::Role;
use entity::{app_user, booking, client_intake, promotion_redemption, role_grant};
use sea_orm::{ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, Set};
use serde_json::Value;
use uuid::Uuid;

use super::plan::Plan;
use super::spec::{ClientSpec, ClinicSpec};
use super::{Ids, id, put};

/// The ids of one client: the user and the intake the bookings point at.
#[derive(Clone, Copy)]
pub struct Client {
    pub user: Uuid,
    pub intake: Option<Uuid>,
}

pub struct Created {
    pub users: usize,
    pub bookings: usize,
}

pub async fn insert(
    txn: &DatabaseTransaction,
    spec: &'static ClinicSpec,
    plan: &Plan,
    ids: &mut Ids,
    now: DateTime<Utc>,
) -> Result<Created, DbErr> {
    let mut users = 0;
    for (client, race_day) in spec.clients.iter().zip(&plan.race_days) {
        // The account dates from its first booking (made a week ahead), or from now.
        let since = plan
            .bookings
            .iter()
            .filter(|b| b.spec.client == client.email)
            .map(|b| b.created_at)
            .fold(now, DateTime::min);
        let (ids_of, created) = ensure_client(txn, client, *race_day, since).await?;
        ids.clients.insert(client.email, ids_of);
        users += usize::from(created);
    }
    for b in &plan.bookings {
        let s = b.spec;
        let client = id(&ids.clients, &s.client)?;
        let booking_id = Uuid::new_v4();
        let room_id = match s.room {
            Some(room) => Some(id(&ids.rooms, &(s.location, room))?),
            None => None,
        };
        put(
            txn,
            booking::ActiveModel {
                id: Set(booking_id),
                clinic_id: Set(ids.clinic),
                location_id: Set(id(&ids.locations, &s.location)?),
                therapist_id: Set(id(&ids.therapists, &s.therapist)?),
                service_id: Set(id(&ids.services, &s.service)?),
                service_variant_id: Set(id(&ids.variants, &(s.service, s.minutes))?),
                room_id: Set(room_id),
                client_user_id: Set(client.user),
                created_by_user_id: Set(Some(client.user)),
                intake_id: Set(client.intake),
                intake_snapshot: Set(None),
                series_id: Set(None),
                starts_at: Set(b.starts_at),
                ends_at: Set(b.ends_at),
                busy_until: Set(b.busy_until),
                status: Set(b.status),
                list_price_minor: Set(b.list_price_minor),
                discount_minor: Set(b.discount_minor),
                final_price_minor: Set(b.list_price_minor - b.discount_minor),
                currency: Set(spec.currency.to_owned()),
                cancellation_reason: Set(s.cancellation_reason.map(str::to_owned)),
                cancelled_at: Set(b.cancelled_at),
                late_cancellation: Set(b.late_cancellation),
                idempotency_key: Set(None),
                notes: Set(s.notes.to_owned()),
                created_at: Set(b.created_at),
                updated_at: Set(now),
            },
        )
        .await?;
        if let Some(name) = s.promotion {
            put(
                txn,
                promotion_redemption::ActiveModel {
                    id: Set(Uuid::new_v4()),
                    promotion_id: Set(id(&ids.promotions, &name)?),
                    booking_id: Set(booking_id),
                    client_user_id: Set(client.user),
                    discount_minor: Set(b.discount_minor),
                    currency: Set(spec.currency.to_owned()),
                    released_at: Set(b.cancelled_at.filter(|_| !b.is_active())),
                    created_at: Set(b.created_at),
                },
            )
            .await?;
        }
    }
    Ok(Created {
        users,
        bookings: plan.bookings.len(),
    })
}

fn strings(items: &[&str]) -> Value {
    Value::from(items.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
}

/// Finds the client by email or creates them (no password, a client role and an intake).
/// Returns whether the user was created.
async fn ensure_client(
    txn: &DatabaseTransaction,
    client: &ClientSpec,
    race_day: Option<NaiveDate>,
    since: DateTime<Utc>,
) -> Result<(Client, bool), DbErr> {
    let email = client.email.to_lowercase();
    let existing = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email.as_str()))
        .one(txn)
        .await?;
    if let Some(user) = existing {
        let intake = client_intake::Entity::find()
            .filter(client_intake::Column::ClientUserId.eq(user.id))
            .one(txn)
            .await?;
        return Ok((
            Client {
                user: user.id,
                intake: intake.map(|i| i.id),
            },
            false,
        ));
    }
    let user = Uuid::new_v4();
    put(
        txn,
        app_user::ActiveModel {
            id: Set(user),
            email: Set(email),
            name: Set(client.name.to_owned()),
            password_hash: Set(None),
            disabled_at: Set(None),
            session_epoch: Set(0),
            created_at: Set(since),
            updated_at: Set(since),
        },
    )
    .await?;
    put(
        txn,
        role_grant::ActiveModel {
            id: Set(Uuid::new_v4()),
            user_id: Set(user),
            role: Set(Role::Client),
            clinic_id: Set(None),
            location_id: Set(None),
            therapist_id: Set(None),
            granted_by_user_id: Set(None),
            created_at: Set(since),
        },
    )
    .await?;
    let intake = Uuid::new_v4();
    put(
        txn,
        client_intake::ActiveModel {
            id: Set(intake),
            client_user_id: Set(user),
            weekly_distance_km: Set(client.weekly_distance_km),
            next_race_name: Set(client.next_race.map(|(name, _)| name.to_owned())),
            next_race_on: Set(race_day),
            pain_areas: Set(strings(client.pain_areas)),
            conditions: Set(strings(client.conditions)),
            medical_notes: Set(client.medical_notes.to_owned()),
            pressure_preference: Set(client.pressure),
            created_at: Set(since),
            updated_at: Set(since),
        },
    )
    .await?;
    Ok((
        Client {
            user,
            intake: Some(intake),
        },
        true,
    ))
}

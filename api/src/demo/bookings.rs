//! Inserts a clinic's demo clients (reused if their email already exists) and bookings.

use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::Role;
use entity::{app_user, client_intake, role_grant};
use sea_orm::{ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, Set};
use serde_json::Value;
use uuid::Uuid;

use super::plan::Plan;
use super::replay;
use super::spec::{ClientSpec, ClinicSpec};
use super::{Ids, id, put};
use crate::intake::rules::Form;

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
    // Cancelled bookings first: each is made and cancelled before the slot it held is
    // booked again by someone else.
    let mut order: Vec<_> = plan.bookings.iter().collect();
    order.sort_by_key(|b| (!b.is_cancelled(), b.created_at));
    for b in order {
        let s = b.spec;
        let client = id(&ids.clients, &s.client)?;
        let intake = match client.intake {
            Some(intake_id) => client_intake::Entity::find_by_id(intake_id)
                .one(txn)
                .await?
                .map(|row| (intake_id, Form::of(&row).snapshot())),
            None => None,
        };
        replay::book(txn, spec, b, ids, intake).await?;
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

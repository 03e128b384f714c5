//! Therapist rules: plain functions over a connection, called by the resolvers once the
//! caller is authorized and the input validated. They see inactive therapists too. Those
//! that write more than one row run on the caller's transaction.

use std::collections::HashSet;

use chrono::Utc;
use entity::{
    enums::{CredentialKind, Modality},
    location, therapist, therapist_location, therapist_schedule, therapist_specialty,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::{
    error::{ApiError, ApiResult},
    validate::Interval,
};

/// The therapist, active or not.
pub async fn find(db: &impl ConnectionTrait, therapist_id: Uuid) -> ApiResult<therapist::Model> {
    therapist::Entity::find_by_id(therapist_id)
        .one(db)
        .await?
        .ok_or(ApiError::not_found("therapist"))
}

/// A validated credential.
pub struct Credential {
    pub kind: CredentialKind,
    pub body: String,
    pub number: String,
}

/// At least one modality; repeats are dropped (the table has one row per modality).
pub fn specialties(items: impl IntoIterator<Item = Modality>) -> ApiResult<Vec<Modality>> {
    let mut seen = HashSet::new();
    let unique: Vec<Modality> = items.into_iter().filter(|m| seen.insert(*m)).collect();
    if unique.is_empty() {
        return Err(ApiError::validation("specialties", "name at least one"));
    }
    Ok(unique)
}

/// Existing locations of `clinic_id`, deduplicated. An unknown ID is NOT_FOUND; a location
/// of another clinic is the caller's mistake on `locationIds`.
pub async fn locations_of_clinic(
    db: &impl ConnectionTrait,
    clinic_id: Uuid,
    location_ids: &[Uuid],
) -> ApiResult<Vec<Uuid>> {
    let mut ids = Vec::new();
    for id in location_ids {
        if !ids.contains(id) {
            ids.push(*id);
        }
    }
    let found = location::Entity::find()
        .filter(location::Column::Id.is_in(ids.clone()))
        .all(db)
        .await?;
    if found.len() < ids.len() {
        return Err(ApiError::not_found("location"));
    }
    if found.iter().any(|l| l.clinic_id != clinic_id) {
        return Err(ApiError::validation(
            "locationIds",
            "every location must belong to the therapist's clinic",
        ));
    }
    Ok(ids)
}

/// A therapist's validated profile fields.
pub struct Profile {
    pub name: String,
    pub bio: String,
    pub credential: Credential,
    pub buffer_minutes: i32,
    pub active: bool,
}

impl Profile {
    pub fn of(t: &therapist::Model) -> Self {
        Self {
            name: t.name.clone(),
            bio: t.bio.clone(),
            credential: Credential {
                kind: t.credential_kind,
                body: t.credential_body.clone(),
                number: t.credential_number.clone(),
            },
            buffer_minutes: t.buffer_minutes,
            active: t.active,
        }
    }

    fn apply(self, model: &mut therapist::ActiveModel) {
        model.name = Set(self.name);
        model.bio = Set(self.bio);
        model.credential_kind = Set(self.credential.kind);
        model.credential_body = Set(self.credential.body);
        model.credential_number = Set(self.credential.number);
        model.buffer_minutes = Set(self.buffer_minutes);
        model.active = Set(self.active);
        model.updated_at = Set(Utc::now());
    }
}

/// The specialties and locations to replace; `None` leaves them as they are.
#[derive(Default)]
pub struct Links {
    pub specialties: Option<Vec<Modality>>,
    pub locations: Option<Vec<Uuid>>,
}

/// Run it inside the caller's transaction, so the profile never exists without its links.
pub async fn create(
    db: &impl ConnectionTrait,
    clinic_id: Uuid,
    profile: Profile,
    links: Links,
) -> ApiResult<therapist::Model> {
    let now = Utc::now();
    let mut model = therapist::ActiveModel {
        id: Set(Uuid::new_v4()),
        clinic_id: Set(clinic_id),
        user_id: Set(None),
        created_at: Set(now),
        ..Default::default()
    };
    profile.apply(&mut model);
    let created = model.insert(db).await?;
    replace_links(db, created.id, links).await?;
    Ok(created)
}

/// The profile and its links change together: run it inside the caller's transaction, so
/// readers never see half an edit.
pub async fn update(
    db: &impl ConnectionTrait,
    therapist: therapist::Model,
    profile: Profile,
    links: Links,
) -> ApiResult<therapist::Model> {
    let id = therapist.id;
    let mut model: therapist::ActiveModel = therapist.into();
    profile.apply(&mut model);
    let updated = model.update(db).await?;
    replace_links(db, id, links).await?;
    Ok(updated)
}

async fn replace_links(
    db: &impl ConnectionTrait,
    therapist_id: Uuid,
    links: Links,
) -> ApiResult<()> {
    if let Some(specialties) = links.specialties {
        therapist_specialty::Entity::delete_many()
            .filter(therapist_specialty::Column::TherapistId.eq(therapist_id))
            .exec(db)
            .await?;
        therapist_specialty::Entity::insert_many(specialties.into_iter().map(|modality| {
            therapist_specialty::ActiveModel {
                therapist_id: Set(therapist_id),
                modality: Set(modality),
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    if let Some(wanted) = links.locations {
        let current: Vec<Uuid> = therapist_location::Entity::find()
            .filter(therapist_location::Column::TherapistId.eq(therapist_id))
            .all(db)
            .await?
            .into_iter()
            .map(|l| l.location_id)
            .collect();
        // Only dropped links are deleted: the FK cascade takes their schedule with them,
        // while kept locations keep their hours.
        therapist_location::Entity::delete_many()
            .filter(therapist_location::Column::TherapistId.eq(therapist_id))
            .filter(therapist_location::Column::LocationId.is_not_in(wanted.clone()))
            .exec(db)
            .await?;
        let added = wanted.into_iter().filter(|l| !current.contains(l));
        therapist_location::Entity::insert_many(added.map(|location_id| {
            therapist_location::ActiveModel {
                therapist_id: Set(therapist_id),
                location_id: Set(location_id),
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// Replaces the therapist's weekly intervals at one location. The therapist must work
/// there, and cannot be in two places at once: other locations' intervals must not overlap.
/// Run it inside the caller's transaction: the clash check relies on it.
pub async fn set_schedule(
    db: &impl ConnectionTrait,
    therapist_id: Uuid,
    location_id: Uuid,
    intervals: &[Interval],
) -> ApiResult<()> {
    // Writing the therapist's row first takes its lock (a row lock on PostgreSQL, the
    // write lock on SQLite), so two schedule edits for one therapist run one at a time
    // and each sees the other's intervals when it checks for clashes.
    therapist::Entity::update_many()
        .col_expr(therapist::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(therapist::Column::Id.eq(therapist_id))
        .exec(db)
        .await?;
    let works_there = therapist_location::Entity::find_by_id((therapist_id, location_id))
        .one(db)
        .await?
        .is_some();
    if !works_there {
        return Err(ApiError::validation(
            "locationId",
            "the therapist does not work at this location",
        ));
    }
    let elsewhere = therapist_schedule::Entity::find()
        .filter(therapist_schedule::Column::TherapistId.eq(therapist_id))
        .filter(therapist_schedule::Column::LocationId.ne(location_id))
        .all(db)
        .await?;
    if let Some(clash) = intervals.iter().find(|i| {
        elsewhere.iter().any(|o| {
            o.weekday == i.weekday.iso_number()
                && o.starts_at < i.ends_at
                && i.starts_at < o.ends_at
        })
    }) {
        return Err(ApiError::validation(
            "intervals",
            format!(
                "an interval on {:?} overlaps the therapist's hours at another location",
                clash.weekday
            ),
        ));
    }
    therapist_schedule::Entity::delete_many()
        .filter(therapist_schedule::Column::TherapistId.eq(therapist_id))
        .filter(therapist_schedule::Column::LocationId.eq(location_id))
        .exec(db)
        .await?;
    let now = Utc::now();
    let rows = intervals.iter().map(|i| therapist_schedule::ActiveModel {
        id: Set(Uuid::new_v4()),
        therapist_id: Set(therapist_id),
        location_id: Set(location_id),
        weekday: Set(i.weekday.iso_number()),
        starts_at: Set(i.starts_at),
        ends_at: Set(i.ends_at),
        created_at: Set(now),
    });
    therapist_schedule::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

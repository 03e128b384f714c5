//! The therapist admin API: profiles, where they work, weekly schedules and time off.

use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, Duration, Utc};
use sea_orm::TransactionTrait;
use uuid::Uuid;

use super::{CredentialKind, Therapist, TimeOff, rules, time_off};
use crate::{
    auth::{
        guard::SignedIn,
        policy::{Action, require},
        principal::principal,
    },
    error::{ApiError, ApiResult},
    graphql::{
        id::{self, Kind},
        loader::db,
        scalars::LocalTime,
    },
    location::Weekday,
    service::Modality,
    validate::{self, Interval},
};

#[derive(InputObject)]
pub struct CredentialInput {
    pub kind: CredentialKind,
    /// The issuing body, e.g. a state board or a professional association.
    pub body: String,
    pub number: String,
}

impl TryFrom<CredentialInput> for rules::Credential {
    type Error = ApiError;

    fn try_from(input: CredentialInput) -> ApiResult<Self> {
        Ok(Self {
            kind: input.kind.into(),
            body: validate::text("credential.body", &input.body, 1, 100)?,
            number: validate::text("credential.number", &input.number, 1, 100)?,
        })
    }
}

#[derive(InputObject)]
pub struct CreateTherapistInput {
    pub clinic_id: ID,
    pub name: String,
    pub bio: String,
    pub credential: CredentialInput,
    /// At least one; repeats are ignored.
    pub specialties: Vec<Modality>,
    /// Locations of the same clinic.
    pub location_ids: Vec<ID>,
    /// Minutes kept free after each session, 0 to 240.
    pub buffer_minutes: i32,
}

/// Only the fields given change. A therapist may edit their own name, bio and buffer;
/// the rest needs a franchise admin of the clinic.
#[derive(InputObject)]
pub struct UpdateTherapistInput {
    pub name: Option<String>,
    pub bio: Option<String>,
    pub credential: Option<CredentialInput>,
    pub specialties: Option<Vec<Modality>>,
    /// Replaces the locations; the schedule at a removed location goes with it.
    pub location_ids: Option<Vec<ID>>,
    pub buffer_minutes: Option<i32>,
    /// An inactive therapist disappears from the public catalogue.
    pub active: Option<bool>,
}

#[derive(InputObject)]
pub struct ScheduleIntervalInput {
    pub weekday: Weekday,
    pub starts_at: LocalTime,
    pub ends_at: LocalTime,
}

#[derive(InputObject)]
pub struct AddTimeOffInput {
    pub therapist_id: ID,
    pub starts_at: DateTime<Utc>,
    /// Exclusive; after `startsAt`, at most 366 days later.
    pub ends_at: DateTime<Utc>,
    pub reason: String,
}

#[derive(Default)]
pub struct TherapistMutation;

#[Object]
impl TherapistMutation {
    /// Franchise admins of the clinic.
    #[graphql(guard = "SignedIn")]
    async fn create_therapist(
        &self,
        ctx: &Context<'_>,
        input: CreateTherapistInput,
    ) -> ApiResult<Therapist> {
        let db = db(ctx)?;
        let clinic =
            crate::clinic::rules::find(db, id::require(Kind::Clinic, &input.clinic_id, "clinic")?)
                .await?;
        require(
            principal(ctx),
            Action::ManageClinic {
                clinic_id: clinic.id,
            },
        )?;
        let profile = rules::Profile {
            name: validate::text("name", &input.name, 1, 100)?,
            bio: validate::text("bio", &input.bio, 0, 2000)?,
            credential: input.credential.try_into()?,
            buffer_minutes: validate::in_range("bufferMinutes", input.buffer_minutes, 0..=240)?,
            active: true,
        };
        let links = rules::Links {
            specialties: Some(rules::specialties(
                input.specialties.into_iter().map(Into::into),
            )?),
            locations: Some(
                rules::locations_of_clinic(db, clinic.id, &location_ids(&input.location_ids)?)
                    .await?,
            ),
        };
        let txn = db.begin().await?;
        let therapist = rules::create(&txn, clinic.id, profile, links).await?;
        txn.commit().await?;
        Ok(Therapist(therapist))
    }

    /// The therapist (name, bio, buffer) or franchise admins of the clinic (everything).
    #[graphql(guard = "SignedIn")]
    async fn update_therapist(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateTherapistInput,
    ) -> ApiResult<Therapist> {
        let db = db(ctx)?;
        let therapist = rules::find(db, id::require(Kind::Therapist, &id, "therapist")?).await?;
        let (clinic_id, therapist_id) = (therapist.clinic_id, therapist.id);
        let admin_only = input.credential.is_some()
            || input.specialties.is_some()
            || input.location_ids.is_some()
            || input.active.is_some();
        let action = if admin_only {
            Action::ManageClinic { clinic_id }
        } else {
            Action::EditTherapistProfile {
                clinic_id,
                therapist_id,
            }
        };
        require(principal(ctx), action)?;

        let mut profile = rules::Profile::of(&therapist);
        if let Some(name) = input.name {
            profile.name = validate::text("name", &name, 1, 100)?;
        }
        if let Some(bio) = input.bio {
            profile.bio = validate::text("bio", &bio, 0, 2000)?;
        }
        if let Some(credential) = input.credential {
            profile.credential = credential.try_into()?;
        }
        if let Some(minutes) = input.buffer_minutes {
            profile.buffer_minutes = validate::in_range("bufferMinutes", minutes, 0..=240)?;
        }
        if let Some(active) = input.active {
            profile.active = active;
        }
        let mut links = rules::Links::default();
        if let Some(specialties) = input.specialties {
            links.specialties = Some(rules::specialties(specialties.into_iter().map(Into::into))?);
        }
        if let Some(raw) = input.location_ids {
            let ids = location_ids(&raw)?;
            links.locations = Some(rules::locations_of_clinic(db, clinic_id, &ids).await?);
        }
        let txn = db.begin().await?;
        let therapist = rules::update(&txn, therapist, profile, links).await?;
        txn.commit().await?;
        Ok(Therapist(therapist))
    }

    /// Replaces the therapist's weekly intervals at one location. Franchise admins, the
    /// location's managers and the therapist.
    #[graphql(guard = "SignedIn")]
    async fn set_therapist_schedule(
        &self,
        ctx: &Context<'_>,
        therapist_id: ID,
        location_id: ID,
        intervals: Vec<ScheduleIntervalInput>,
    ) -> ApiResult<Therapist> {
        let db = db(ctx)?;
        let therapist = rules::find(
            db,
            id::require(Kind::Therapist, &therapist_id, "therapist")?,
        )
        .await?;
        let location = crate::location::rules::find(
            db,
            id::require(Kind::Location, &location_id, "location")?,
        )
        .await?;
        require(
            principal(ctx),
            Action::ManageSchedule {
                clinic_id: therapist.clinic_id,
                location_id: location.id,
                therapist_id: therapist.id,
            },
        )?;
        let intervals = validate::intervals(
            "intervals",
            intervals
                .into_iter()
                .map(|i| Interval {
                    weekday: i.weekday,
                    starts_at: i.starts_at.0,
                    ends_at: i.ends_at.0,
                })
                .collect(),
        )?;
        let txn = db.begin().await?;
        rules::set_schedule(&txn, therapist.id, location.id, &intervals).await?;
        txn.commit().await?;
        Ok(Therapist(therapist))
    }

    /// The therapist and the franchise admins of the clinic.
    #[graphql(guard = "SignedIn")]
    async fn add_time_off(&self, ctx: &Context<'_>, input: AddTimeOffInput) -> ApiResult<TimeOff> {
        let db = db(ctx)?;
        let therapist = rules::find(
            db,
            id::require(Kind::Therapist, &input.therapist_id, "therapist")?,
        )
        .await?;
        require(
            principal(ctx),
            Action::ManageTimeOff {
                clinic_id: therapist.clinic_id,
                therapist_id: therapist.id,
            },
        )?;
        if input.ends_at <= input.starts_at {
            return Err(ApiError::validation("endsAt", "must be after startsAt"));
        }
        if input.ends_at - input.starts_at > Duration::days(366) {
            return Err(ApiError::validation(
                "endsAt",
                "time off lasts at most 366 days",
            ));
        }
        let reason = validate::text("reason", &input.reason, 0, 200)?;
        Ok(TimeOff(
            time_off::add(db, therapist.id, input.starts_at, input.ends_at, reason).await?,
        ))
    }

    /// As `addTimeOff`. Returns the removed time off's ID.
    #[graphql(guard = "SignedIn")]
    async fn remove_time_off(&self, ctx: &Context<'_>, id: ID) -> ApiResult<ID> {
        let db = db(ctx)?;
        let time_off_id = id::require(Kind::TimeOff, &id, "time off")?;
        let (time_off, therapist) = time_off::find(db, time_off_id).await?;
        require(
            principal(ctx),
            Action::ManageTimeOff {
                clinic_id: therapist.clinic_id,
                therapist_id: therapist.id,
            },
        )?;
        time_off::remove(db, time_off).await?;
        Ok(id)
    }
}

/// A malformed ID names no location, so it is NOT_FOUND like an unknown one.
fn location_ids(input: &[ID]) -> ApiResult<Vec<Uuid>> {
    input
        .iter()
        .map(|raw| id::require(Kind::Location, raw, "location"))
        .collect()
}

//! The intake form: validated, saved in place (one per client), and snapshotted.

use chrono::{NaiveDate, Utc};
use entity::{client_intake, enums::PressurePreference};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, sea_query::OnConflict};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::ApiResult;

/// The areas runners most often bring in, as clinics list them.
pub const PAIN_AREAS: [&str; 11] = [
    "calves",
    "hamstrings",
    "quadriceps",
    "glutes",
    "hip_flexors",
    "it_band",
    "shins",
    "knees",
    "plantar_fascia",
    "achilles",
    "lower_back",
];

/// A validated form; also the shape of a booking's snapshot (stored as JSON).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Form {
    pub weekly_distance_km: Option<i32>,
    pub next_race_name: Option<String>,
    pub next_race_on: Option<NaiveDate>,
    /// Names from `PAIN_AREAS`.
    pub pain_areas: Vec<String>,
    pub conditions: Vec<String>,
    pub medical_notes: String,
    pub pressure_preference: Option<Pressure>,
}

/// `PressurePreference` with a serde spelling, for snapshots.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pressure {
    Light,
    Medium,
    Firm,
    Deep,
}

impl From<PressurePreference> for Pressure {
    fn from(p: PressurePreference) -> Self {
        match p {
            PressurePreference::Light => Pressure::Light,
            PressurePreference::Medium => Pressure::Medium,
            PressurePreference::Firm => Pressure::Firm,
            PressurePreference::Deep => Pressure::Deep,
        }
    }
}

impl From<Pressure> for PressurePreference {
    fn from(p: Pressure) -> Self {
        match p {
            Pressure::Light => PressurePreference::Light,
            Pressure::Medium => PressurePreference::Medium,
            Pressure::Firm => PressurePreference::Firm,
            Pressure::Deep => PressurePreference::Deep,
        }
    }
}

fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

impl Form {
    pub fn of(row: &client_intake::Model) -> Self {
        Self {
            weekly_distance_km: row.weekly_distance_km,
            next_race_name: row.next_race_name.clone(),
            next_race_on: row.next_race_on,
            pain_areas: strings(&row.pain_areas),
            conditions: strings(&row.conditions),
            medical_notes: row.medical_notes.clone(),
            pressure_preference: row.pressure_preference.map(Into::into),
        }
    }

    pub fn snapshot(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    pub fn from_snapshot(value: &serde_json::Value) -> Option<Self> {
        serde_json::from_value(value.clone()).ok()
    }
}

pub async fn find(
    db: &impl ConnectionTrait,
    client_user_id: Uuid,
) -> ApiResult<Option<client_intake::Model>> {
    Ok(client_intake::Entity::find()
        .filter(client_intake::Column::ClientUserId.eq(client_user_id))
        .one(db)
        .await?)
}

/// Saves the client's form in place (created on first save) and returns the stored row.
pub async fn save(
    db: &impl ConnectionTrait,
    client_user_id: Uuid,
    form: Form,
) -> ApiResult<client_intake::Model> {
    use client_intake::Column as C;
    let now = Utc::now();
    let row = client_intake::ActiveModel {
        id: Set(Uuid::new_v4()),
        client_user_id: Set(client_user_id),
        weekly_distance_km: Set(form.weekly_distance_km),
        next_race_name: Set(form.next_race_name),
        next_race_on: Set(form.next_race_on),
        pain_areas: Set(serde_json::Value::from(form.pain_areas)),
        conditions: Set(serde_json::Value::from(form.conditions)),
        medical_notes: Set(form.medical_notes),
        pressure_preference: Set(form.pressure_preference.map(Into::into)),
        created_at: Set(now),
        updated_at: Set(now),
    };
    // An upsert, so two saves at once both land (the later wins) instead of one failing.
    client_intake::Entity::insert(row)
        .on_conflict(
            OnConflict::column(C::ClientUserId)
                .update_columns([
                    C::WeeklyDistanceKm,
                    C::NextRaceName,
                    C::NextRaceOn,
                    C::PainAreas,
                    C::Conditions,
                    C::MedicalNotes,
                    C::PressurePreference,
                    C::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    find(db, client_user_id)
        .await?
        .ok_or(crate::error::ApiError::Internal)
}

//! The intake form over GraphQL: what the client fills in, and what the booked therapist
//! and staff read.

use async_graphql::{Enum, InputObject, SimpleObject};

use super::rules::{Form, Pressure};
use crate::{
    error::{ApiError, ApiResult},
    graphql::scalars::Date,
    validate,
};

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PainArea {
    Calves,
    Hamstrings,
    Quadriceps,
    Glutes,
    HipFlexors,
    ItBand,
    Shins,
    Knees,
    PlantarFascia,
    Achilles,
    LowerBack,
}

impl PainArea {
    const ALL: [PainArea; 11] = [
        PainArea::Calves,
        PainArea::Hamstrings,
        PainArea::Quadriceps,
        PainArea::Glutes,
        PainArea::HipFlexors,
        PainArea::ItBand,
        PainArea::Shins,
        PainArea::Knees,
        PainArea::PlantarFascia,
        PainArea::Achilles,
        PainArea::LowerBack,
    ];

    /// The stored name (`super::rules::PAIN_AREAS`, same order).
    fn stored(self) -> &'static str {
        super::rules::PAIN_AREAS[self as usize]
    }

    fn from_stored(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|area| area.stored() == name)
    }
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PressurePreference {
    Light,
    Medium,
    Firm,
    Deep,
}

impl From<Pressure> for PressurePreference {
    fn from(p: Pressure) -> Self {
        match p {
            Pressure::Light => Self::Light,
            Pressure::Medium => Self::Medium,
            Pressure::Firm => Self::Firm,
            Pressure::Deep => Self::Deep,
        }
    }
}

impl From<PressurePreference> for Pressure {
    fn from(p: PressurePreference) -> Self {
        match p {
            PressurePreference::Light => Self::Light,
            PressurePreference::Medium => Self::Medium,
            PressurePreference::Firm => Self::Firm,
            PressurePreference::Deep => Self::Deep,
        }
    }
}

/// The race a client trains for.
#[derive(SimpleObject, Clone)]
pub struct Race {
    pub name: Option<String>,
    pub date: Option<Date>,
}

/// A client's intake form.
#[derive(SimpleObject, Clone)]
pub struct Intake {
    pub weekly_distance_km: Option<i32>,
    pub next_race: Race,
    pub pain_areas: Vec<PainArea>,
    /// Known conditions, e.g. plantar fasciitis, Achilles tendinopathy.
    pub conditions: Vec<String>,
    pub medical_notes: String,
    pub pressure_preference: Option<PressurePreference>,
}

impl Intake {
    pub fn of(form: Form) -> Self {
        Self {
            weekly_distance_km: form.weekly_distance_km,
            next_race: Race {
                name: form.next_race_name,
                date: form.next_race_on.map(Date),
            },
            pain_areas: form
                .pain_areas
                .iter()
                .filter_map(|name| PainArea::from_stored(name))
                .collect(),
            conditions: form.conditions,
            medical_notes: form.medical_notes,
            pressure_preference: form.pressure_preference.map(Into::into),
        }
    }

    pub fn from_snapshot(value: &serde_json::Value) -> Option<Self> {
        Form::from_snapshot(value).map(Self::of)
    }
}

/// The whole form; what is left out is cleared.
#[derive(InputObject)]
pub struct IntakeInput {
    /// 0 to 1000.
    pub weekly_distance_km: Option<i32>,
    pub next_race_name: Option<String>,
    pub next_race_date: Option<Date>,
    #[graphql(default)]
    pub pain_areas: Vec<PainArea>,
    /// At most 20, each up to 100 characters.
    #[graphql(default)]
    pub conditions: Vec<String>,
    /// Up to 4000 characters.
    #[graphql(default)]
    pub medical_notes: String,
    pub pressure_preference: Option<PressurePreference>,
}

impl TryFrom<IntakeInput> for Form {
    type Error = ApiError;

    fn try_from(input: IntakeInput) -> ApiResult<Self> {
        let weekly_distance_km = input
            .weekly_distance_km
            .map(|km| validate::in_range("weeklyDistanceKm", km, 0..=1000))
            .transpose()?;
        let next_race_name =
            validate::optional_text("nextRaceName", input.next_race_name.as_deref(), 200)?;
        if input.conditions.len() > 20 {
            return Err(ApiError::validation("conditions", "at most 20 conditions"));
        }
        let mut conditions = Vec::with_capacity(input.conditions.len());
        for condition in &input.conditions {
            let condition = validate::text("conditions", condition, 1, 100)?;
            if !conditions.contains(&condition) {
                conditions.push(condition);
            }
        }
        let mut pain_areas: Vec<String> = Vec::new();
        for area in input.pain_areas {
            let name = area.stored().to_owned();
            if !pain_areas.contains(&name) {
                pain_areas.push(name);
            }
        }
        Ok(Form {
            weekly_distance_km,
            next_race_name,
            next_race_on: input.next_race_date.map(|d| d.0),
            pain_areas,
            conditions,
            medical_notes: validate::text("medicalNotes", &input.medical_notes, 0, 4000)?,
            pressure_preference: input.pressure_preference.map(Into::into),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pain_area_has_its_stored_name() {
        for area in PainArea::ALL {
            assert_eq!(PainArea::from_stored(area.stored()), Some(area));
        }
        assert_eq!(PainArea::from_stored("elbow"), None);
    }
}

//! Therapists: public profiles, credentials, specialties, where and when they work.

mod lists;
mod loaders;
mod mutation;
mod query;
pub mod rules;
mod time_off;
mod types;

pub use lists::{Qualification, TherapistList, TherapistParent};
pub use loaders::{ScheduleOfTherapist, SpecialtiesOfTherapist, TherapistById, TimeOffBetween};
pub use mutation::TherapistMutation;
pub use query::{TherapistQuery, find_visible};
pub use types::{Credential, CredentialKind, ScheduleInterval, Therapist, TimeOff};

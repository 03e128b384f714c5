//! Therapists: public profiles, credentials, specialties, where and when they work.

mod loaders;
mod query;
mod types;

pub use loaders::{
    LocationsOfTherapist, ScheduleOfTherapist, SpecialtiesOfTherapist, TherapistById,
    TherapistsAtLocation, TherapistsOfClinic,
};
pub use query::{TherapistQuery, find_public, retain_qualified};
pub use types::{Credential, CredentialKind, ScheduleInterval, Therapist};

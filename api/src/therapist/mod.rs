//! Therapists: public profiles, credentials, specialties, where and when they work.

mod loaders;
mod mutation;
mod query;
pub mod rules;
mod time_off;
mod types;

pub use loaders::{
    EveryTherapistAtLocation, EveryTherapistOfClinic, LocationsOfTherapist, ScheduleOfTherapist,
    SpecialtiesOfTherapist, TherapistById, TherapistsAtLocation, TherapistsOfClinic,
    TimeOffBetween,
};
pub use mutation::TherapistMutation;
pub use query::{TherapistQuery, find_visible, retain_qualified};
pub use types::{Credential, CredentialKind, ScheduleInterval, Therapist, TimeOff};

//! Clinics: the franchise brands.

mod loaders;
mod mutation;
mod query;
pub mod rules;
mod types;

pub use loaders::ClinicById;
pub use mutation::ClinicMutation;
pub use query::ClinicQuery;
pub use types::Clinic;

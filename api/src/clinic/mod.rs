//! Clinics: the franchise brands.

mod loaders;
mod query;
mod types;

pub use loaders::ClinicById;
pub use query::ClinicQuery;
pub use types::Clinic;

//! The service catalogue: modalities, duration/price variants, per-location prices.

mod loaders;
mod modality;
mod mutation;
mod query;
pub mod rules;
mod types;

use entity::service;

pub use loaders::{PriceOverride, ServiceById, ServicesOfClinic, VariantById, VariantsOfService};
pub use modality::Modality;
pub use mutation::ServiceMutation;
pub use query::ServiceQuery;
pub use types::{Service, ServiceVariant};

/// Keeps the services of one modality (when given) and hides archived ones unless asked.
pub fn filter(
    rows: Vec<service::Model>,
    modality: Option<Modality>,
    include_archived: bool,
) -> Vec<service::Model> {
    let modality = modality.map(entity::enums::Modality::from);
    rows.into_iter()
        .filter(|s| include_archived || s.archived_at.is_none())
        .filter(|s| modality.is_none_or(|m| s.modality == m))
        .collect()
}

//! The service catalogue: modalities, duration/price variants, per-location prices.

mod lists;
mod loaders;
mod modality;
mod mutation;
mod query;
pub mod rules;
mod types;

pub use lists::ServiceList;
pub use loaders::{PriceOverride, ServiceById, VariantById, VariantsOfService};
pub use modality::Modality;
pub use mutation::ServiceMutation;
pub use query::ServiceQuery;
pub use types::{Service, ServiceVariant};

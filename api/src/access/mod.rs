//! Role grants: who may act for which clinic, location or therapist profile.

mod loaders;
mod mutation;
mod rules;

pub use loaders::{GrantsOfClinic, GrantsOfUser, UserById};
pub use mutation::AccessMutation;

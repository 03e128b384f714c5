//! Role grants: who may act for which clinic, location or therapist profile.

mod mutation;
mod rules;

pub use mutation::AccessMutation;

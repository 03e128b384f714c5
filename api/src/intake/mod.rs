//! The client's intake: running habits, pain areas, conditions, notes. Health data: only
//! the client, the booked therapist and the clinic's staff read it, and it never reaches
//! a log. Each booking keeps a snapshot of the form as it read when the booking was made.

mod mutation;
mod query;
pub mod rules;
mod types;

pub use mutation::IntakeMutation;
pub use query::IntakeQuery;
pub use types::{Intake, IntakeInput};

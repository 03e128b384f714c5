//! "Call me back" requests from the clinics' sites: anyone may leave one (throttled per
//! address); the clinic's admins and location managers see and resolve them.

mod mutation;
mod query;
pub mod rules;
mod types;

pub use mutation::CallbackMutation;
pub use query::CallbackQuery;
pub use types::{CallbackRequest, CallbackStatus};

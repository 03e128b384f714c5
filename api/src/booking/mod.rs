//! Bookings: free slots, booking them without ever double-booking a therapist or a room,
//! and the day's lifecycle.

mod assign;
pub mod availability;
mod calendar;
pub(crate) mod change;
pub(crate) mod create;
mod input;
pub(crate) mod lifecycle;
mod lists;
mod manage;
mod mutation;
pub(crate) mod price;
mod query;
mod series;
mod series_mutation;
mod slots;
pub(crate) mod target;
pub mod timing;
mod types;
mod visible;
pub(crate) mod write;

pub use calendar::ACTIVE as ACTIVE_STATUSES;
pub use manage::BookingLifecycleMutation;
pub use mutation::BookingMutation;
pub use query::BookingQuery;
pub use series_mutation::BookingSeriesMutation;
pub use types::{Booking, BookingStatus, Purpose, Slot};
pub use visible::find_visible;

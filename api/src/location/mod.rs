//! Locations of a clinic: address, time zone, opening hours, closures and rooms.

mod lists;
mod loaders;
mod mutation;
mod query;
pub mod rules;
mod types;
mod weekday;

pub use lists::LocationList;
pub use loaders::{ClosuresOfLocation, LocationById, OpeningHoursOfLocation, RoomsOfLocation};
pub use mutation::LocationMutation;
pub use query::LocationQuery;
pub use types::{Address, Closure, Location, OpeningHours, Room};
pub use weekday::Weekday;

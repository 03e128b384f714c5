//! Input checks that would otherwise make the computation meaningless, loop forever or
//! panic.

use std::fmt;

use chrono::TimeDelta;

use super::{
    Closure, Location, MAX_RANGE_DAYS, Policy, Request, Service, Therapist, WeeklyInterval,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AvailabilityError {
    /// `to <= from`.
    EmptyRange,
    /// `to - from` is longer than [`MAX_RANGE_DAYS`].
    RangeTooLong,
    /// The policy's step is zero minutes.
    ZeroStep,
    /// The service lasts zero minutes.
    ZeroDuration,
    /// Opening hours or a schedule with `opens >= closes`.
    InvalidInterval(WeeklyInterval),
    /// A closure whose last day is before its first.
    InvalidClosure(Closure),
    /// The request lies too close to the ends of the representable calendar.
    OutOfRange,
}

impl fmt::Display for AvailabilityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptyRange => f.write_str("the range must end after it starts"),
            Self::RangeTooLong => write!(f, "the range must not exceed {MAX_RANGE_DAYS} days"),
            Self::ZeroStep => f.write_str("the slot step must be at least one minute"),
            Self::ZeroDuration => f.write_str("the service must last at least one minute"),
            Self::InvalidInterval(i) => write!(
                f,
                "the interval on {} must open before it closes ({}–{})",
                i.weekday, i.opens, i.closes
            ),
            Self::InvalidClosure(c) => write!(
                f,
                "the closure must not end before it starts ({}–{})",
                c.first, c.last
            ),
            Self::OutOfRange => f.write_str("the range is outside the supported calendar"),
        }
    }
}

impl std::error::Error for AvailabilityError {}

pub(super) fn validate(
    location: &Location,
    therapists: &[Therapist],
    service: &Service,
    policy: &Policy,
    request: &Request,
) -> Result<(), AvailabilityError> {
    if request.to <= request.from {
        return Err(AvailabilityError::EmptyRange);
    }
    if request.to - request.from > TimeDelta::days(MAX_RANGE_DAYS) {
        return Err(AvailabilityError::RangeTooLong);
    }
    if policy.step_minutes == 0 {
        return Err(AvailabilityError::ZeroStep);
    }
    if service.duration_minutes == 0 {
        return Err(AvailabilityError::ZeroDuration);
    }
    let schedules = therapists.iter().flat_map(|t| &t.schedule);
    if let Some(bad) = location
        .hours
        .iter()
        .chain(schedules)
        .find(|i| i.opens >= i.closes)
    {
        return Err(AvailabilityError::InvalidInterval(*bad));
    }
    if let Some(bad) = location.closures.iter().find(|c| c.first > c.last) {
        return Err(AvailabilityError::InvalidClosure(*bad));
    }
    Ok(())
}

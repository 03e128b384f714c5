//! Which way a booking may go: pending → confirmed → completed, or cancelled (by the
//! client or the clinic), or a no-show. Plain rules over a status and a clock.

use chrono::{DateTime, TimeDelta, Utc};
use entity::enums::BookingStatus;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Confirm,
    Complete,
    NoShow,
    /// `by_clinic`: staff or the therapist cancel, not the client.
    Cancel {
        by_clinic: bool,
    },
    /// Moving it: the status stays.
    Reschedule {
        by_clinic: bool,
    },
}

/// Why a step is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not from this status.
    FromStatus(BookingStatus),
    /// Completing or marking a no-show before the session starts.
    NotStarted,
    /// A client cancelling or moving a session that has started.
    Started,
    /// A client moving a session inside the clinic's cutoff.
    PastCutoff,
}

/// The status after the step, and whether a cancellation is late (inside the cutoff).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub status: BookingStatus,
    pub late: bool,
}

/// The statuses a step may start from.
pub fn sources(step: Step) -> &'static [BookingStatus] {
    match step {
        Step::Confirm => &[BookingStatus::Pending],
        _ => &[BookingStatus::Pending, BookingStatus::Confirmed],
    }
}

pub fn apply(
    step: Step,
    status: BookingStatus,
    starts_at: DateTime<Utc>,
    cutoff: TimeDelta,
    now: DateTime<Utc>,
) -> Result<Outcome, Refusal> {
    if !sources(step).contains(&status) {
        return Err(Refusal::FromStatus(status));
    }
    let started = now >= starts_at;
    let inside_cutoff = starts_at - now < cutoff;
    let outcome = |status| {
        Ok(Outcome {
            status,
            late: false,
        })
    };
    match step {
        Step::Confirm => outcome(BookingStatus::Confirmed),
        Step::Complete | Step::NoShow if !started => Err(Refusal::NotStarted),
        Step::Complete => outcome(BookingStatus::Completed),
        Step::NoShow => outcome(BookingStatus::NoShow),
        Step::Cancel { by_clinic: true } => outcome(BookingStatus::CancelledByClinic),
        Step::Cancel { by_clinic: false } if started => Err(Refusal::Started),
        Step::Cancel { by_clinic: false } => Ok(Outcome {
            status: BookingStatus::CancelledByClient,
            late: inside_cutoff,
        }),
        Step::Reschedule { by_clinic: true } => outcome(status),
        Step::Reschedule { by_clinic: false } if started => Err(Refusal::Started),
        Step::Reschedule { by_clinic: false } if inside_cutoff => Err(Refusal::PastCutoff),
        Step::Reschedule { by_clinic: false } => outcome(status),
    }
}

#[cfg(test)]
mod tests;

//! Who may see and change a booking, and who may read a client's intake (health data).
//! Lists never filter after the fetch: `BookingScope` is what a caller may see, and its
//! `condition` goes into the list's SQL.

use entity::{booking, enums::Role};
use sea_orm::{ColumnTrait, Condition};
use uuid::Uuid;

use crate::auth::principal::Principal;

/// The people and places a booking ties together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parties {
    pub clinic_id: Uuid,
    pub location_id: Uuid,
    pub therapist_id: Uuid,
    pub client_user_id: Uuid,
}

impl Parties {
    pub fn of(booking: &booking::Model) -> Self {
        Self {
            clinic_id: booking.clinic_id,
            location_id: booking.location_id,
            therapist_id: booking.therapist_id,
            client_user_id: booking.client_user_id,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BookingAction {
    Read,
    /// Move it to another time (the client, the therapist and staff).
    Reschedule,
    /// Cancel it (the client, the therapist and staff).
    Cancel,
    /// Confirm, complete or mark a no-show: the clinic's side of the day.
    RunTheDay,
}

/// How a caller stands to a booking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Standing {
    Client,
    Therapist,
    /// A manager of its location or an admin of its clinic.
    Staff,
    PlatformAdmin,
    Stranger,
}

fn standing(principal: &Principal, parties: Parties) -> Standing {
    let Ok(me) = principal.user_id() else {
        return Standing::Stranger;
    };
    let staff = principal.has(super::franchise_admin_of(parties.clinic_id))
        || principal.has(super::manager_of(parties.clinic_id, parties.location_id));
    if staff {
        Standing::Staff
    } else if principal.has(super::therapist_self(parties.therapist_id)) {
        Standing::Therapist
    } else if me == parties.client_user_id {
        Standing::Client
    } else if principal.has(super::platform_admin) {
        Standing::PlatformAdmin
    } else {
        Standing::Stranger
    }
}

/// Whether the caller may take this action on the booking; the client may not run the
/// clinic's day, and platform admins may do what the clinic's admins may.
pub fn may(principal: &Principal, action: BookingAction, parties: Parties) -> bool {
    match standing(principal, parties) {
        Standing::Staff | Standing::PlatformAdmin | Standing::Therapist => true,
        Standing::Client => action != BookingAction::RunTheDay,
        Standing::Stranger => false,
    }
}

/// Whether the caller acts for the clinic (staff, the therapist, platform admins) rather
/// than as the client: the clinic may cancel after the start, and its cancellations are
/// the clinic's.
pub fn acts_for_clinic(principal: &Principal, parties: Parties) -> bool {
    matches!(
        standing(principal, parties),
        Standing::Staff | Standing::Therapist | Standing::PlatformAdmin
    )
}

/// Whether the caller may hand the booking to another therapist: the client choosing, or
/// the clinic's staff; not the booked therapist on their own.
pub fn may_reassign(principal: &Principal, parties: Parties) -> bool {
    matches!(
        standing(principal, parties),
        Standing::Client | Standing::Staff | Standing::PlatformAdmin
    )
}

/// Intake is health data: the client, the booked therapist and the clinic's staff read it;
/// nobody else, platform admins included.
pub fn may_read_intake(principal: &Principal, parties: Parties) -> bool {
    matches!(
        standing(principal, parties),
        Standing::Client | Standing::Therapist | Standing::Staff
    )
}

/// The bookings a caller may see, as a value (lists use it as a batch key) that becomes
/// a SQL condition.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum BookingScope {
    Everything,
    Some {
        /// Clinics the caller administers.
        clinics: Vec<Uuid>,
        /// Locations the caller manages, each with its clinic (a grant never reaches
        /// across clinics).
        locations: Vec<(Uuid, Uuid)>,
        /// The therapist profiles the caller speaks for.
        therapists: Vec<Uuid>,
        /// The caller's own bookings as a client.
        client: Option<Uuid>,
    },
}

pub fn booking_scope(principal: &Principal) -> BookingScope {
    let grants = principal.grants();
    if grants.iter().any(|g| g.role == Role::PlatformAdmin) {
        return BookingScope::Everything;
    }
    let pick = |role: Role, id: fn(&crate::auth::principal::Grant) -> Option<Uuid>| {
        let mut ids: Vec<_> = grants
            .iter()
            .filter(|g| g.role == role)
            .filter_map(id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    BookingScope::Some {
        clinics: pick(Role::FranchiseAdmin, |g| g.clinic_id),
        locations: {
            let mut pairs: Vec<(Uuid, Uuid)> = grants
                .iter()
                .filter(|g| g.role == Role::LocationManager)
                .filter_map(|g| Some((g.clinic_id?, g.location_id?)))
                .collect();
            pairs.sort_unstable();
            pairs.dedup();
            pairs
        },
        therapists: pick(Role::Therapist, |g| g.therapist_id),
        client: principal.user_id().ok(),
    }
}

impl BookingScope {
    /// The rows of `booking` inside the scope; nothing at all for an anonymous caller.
    pub fn condition(&self) -> Condition {
        match self {
            BookingScope::Everything => Condition::all(),
            BookingScope::Some {
                clinics,
                locations,
                therapists,
                client,
            } => {
                let mut any = Condition::any()
                    .add(booking::Column::ClinicId.is_in(clinics.clone()))
                    .add(booking::Column::TherapistId.is_in(therapists.clone()));
                for (clinic, location) in locations {
                    any = any.add(
                        Condition::all()
                            .add(booking::Column::ClinicId.eq(*clinic))
                            .add(booking::Column::LocationId.eq(*location)),
                    );
                }
                if let Some(client) = client {
                    any = any.add(booking::Column::ClientUserId.eq(*client));
                }
                any
            }
        }
    }
}

#[cfg(test)]
mod tests;

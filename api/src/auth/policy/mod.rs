//! Every authorization rule, in one place. Resolvers name the action they are about to
//! take; this module says whether the caller may. Anything not allowed here is denied.

mod booking;

pub use booking::{
    BookingAction, BookingScope, Parties, acts_for_clinic, booking_scope, may, may_read_intake,
    may_reassign,
};

use entity::enums::Role;
use uuid::Uuid;

use super::principal::{Grant, Principal};
use crate::error::{ApiError, ApiResult};

/// Something a caller wants to do, with the scope it touches.
#[derive(Clone, Copy, Debug)]
pub enum Action {
    /// Create clinics (and their first admin).
    CreateClinic,
    /// Change a clinic's profile, locations, rooms, therapists, services and prices.
    ManageClinic { clinic_id: Uuid },
    /// Change a location's hours and closures.
    ManageLocationHours { clinic_id: Uuid, location_id: Uuid },
    /// Change a therapist's public profile (name, bio).
    EditTherapistProfile { clinic_id: Uuid, therapist_id: Uuid },
    /// Change a therapist's weekly schedule at one location.
    ManageSchedule {
        clinic_id: Uuid,
        location_id: Uuid,
        therapist_id: Uuid,
    },
    /// Add or remove a therapist's time off: the therapist and the clinic's admins.
    ManageTimeOff { clinic_id: Uuid, therapist_id: Uuid },
    /// Read a clinic's staff-only data (therapists' time off, inactive profiles).
    ReadClinicPrivate { clinic_id: Uuid },
    /// Read a therapist's time off: the clinic's staff and the therapist.
    ReadTimeOff { clinic_id: Uuid, therapist_id: Uuid },
    /// Grant or revoke a role with this scope.
    ManageRole(RoleScope),
    /// Read a clinic's promotions and how they do: its admins and location managers.
    ReadPromotions { clinic_id: Uuid },
    /// Read and resolve a clinic's callback requests: its admins and location managers.
    ManageCallbacks { clinic_id: Uuid },
    /// Disable or enable an account. Platform admins may for any; a clinic's admins for
    /// an account that belongs to their clinic alone (its staff and clients).
    ManageAccount { sole_clinic: Option<Uuid> },
}

#[derive(Clone, Copy, Debug)]
pub struct RoleScope {
    pub role: Role,
    pub clinic_id: Option<Uuid>,
}

fn platform_admin(g: &Grant) -> bool {
    g.role == Role::PlatformAdmin
}

fn franchise_admin_of(clinic_id: Uuid) -> impl Fn(&Grant) -> bool {
    move |g| g.role == Role::FranchiseAdmin && g.clinic_id == Some(clinic_id)
}

/// A manager of this location, which must belong to this clinic: a grant never reaches
/// across clinics, even if a location were linked to another clinic's data.
fn manager_of(clinic_id: Uuid, location_id: Uuid) -> impl Fn(&Grant) -> bool {
    move |g| {
        g.role == Role::LocationManager
            && g.location_id == Some(location_id)
            && g.clinic_id == Some(clinic_id)
    }
}

fn manager_in(clinic_id: Uuid) -> impl Fn(&Grant) -> bool {
    move |g| g.role == Role::LocationManager && g.clinic_id == Some(clinic_id)
}

fn therapist_self(therapist_id: Uuid) -> impl Fn(&Grant) -> bool {
    move |g| g.role == Role::Therapist && g.therapist_id == Some(therapist_id)
}

fn therapist_in(clinic_id: Uuid) -> impl Fn(&Grant) -> bool {
    move |g| g.role == Role::Therapist && g.clinic_id == Some(clinic_id)
}

pub fn allowed(principal: &Principal, action: Action) -> bool {
    let p = principal;
    if p.has(platform_admin) {
        return true;
    }
    match action {
        Action::CreateClinic => false,
        Action::ManageClinic { clinic_id } => p.has(franchise_admin_of(clinic_id)),
        Action::ManageLocationHours {
            clinic_id,
            location_id,
        } => p.has(franchise_admin_of(clinic_id)) || p.has(manager_of(clinic_id, location_id)),
        Action::EditTherapistProfile {
            clinic_id,
            therapist_id,
        } => p.has(franchise_admin_of(clinic_id)) || p.has(therapist_self(therapist_id)),
        Action::ManageSchedule {
            clinic_id,
            location_id,
            therapist_id,
        } => {
            p.has(franchise_admin_of(clinic_id))
                || p.has(manager_of(clinic_id, location_id))
                || p.has(therapist_self(therapist_id))
        }
        Action::ManageTimeOff {
            clinic_id,
            therapist_id,
        } => p.has(franchise_admin_of(clinic_id)) || p.has(therapist_self(therapist_id)),
        Action::ReadClinicPrivate { clinic_id } => {
            p.has(franchise_admin_of(clinic_id))
                || p.has(manager_in(clinic_id))
                || p.has(therapist_in(clinic_id))
        }
        Action::ReadTimeOff {
            clinic_id,
            therapist_id,
        } => {
            p.has(therapist_self(therapist_id))
                || allowed(p, Action::ReadClinicPrivate { clinic_id })
        }
        Action::ReadPromotions { clinic_id } | Action::ManageCallbacks { clinic_id } => {
            p.has(franchise_admin_of(clinic_id)) || p.has(manager_in(clinic_id))
        }
        Action::ManageAccount { sole_clinic } => {
            sole_clinic.is_some_and(|clinic_id| p.has(franchise_admin_of(clinic_id)))
        }
        Action::ManageRole(scope) => match (scope.role, scope.clinic_id) {
            // Franchise admins hand out roles inside their own clinic only.
            (Role::FranchiseAdmin | Role::LocationManager | Role::Therapist, Some(clinic_id)) => {
                p.has(franchise_admin_of(clinic_id))
            }
            _ => false,
        },
    }
}

/// Whether the caller may see one of `holder`'s grants: the holder and platform admins see
/// them all, a clinic's admins see the grants inside their clinic and nothing else.
pub fn may_see_grant(principal: &Principal, holder: Uuid, grant_clinic: Option<Uuid>) -> bool {
    if principal.user_id().is_ok_and(|me| me == holder) || principal.has(platform_admin) {
        return true;
    }
    grant_clinic.is_some_and(|clinic_id| principal.has(franchise_admin_of(clinic_id)))
}

/// UNAUTHENTICATED for an anonymous caller, FORBIDDEN for a signed-in one without the right.
pub fn require(principal: &Principal, action: Action) -> ApiResult<()> {
    if allowed(principal, action) {
        return Ok(());
    }
    match principal {
        Principal::Anonymous => Err(ApiError::Unauthenticated),
        Principal::User { .. } => Err(ApiError::Forbidden),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(grants: Vec<Grant>) -> Principal {
        Principal::User {
            id: Uuid::new_v4(),
            grants,
        }
    }

    pub(super) fn grant(
        role: Role,
        clinic: Option<Uuid>,
        location: Option<Uuid>,
        therapist: Option<Uuid>,
    ) -> Grant {
        Grant {
            role,
            clinic_id: clinic,
            location_id: location,
            therapist_id: therapist,
        }
    }

    #[test]
    fn scopes_never_cross_clinics() {
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let (loc_a, loc_b) = (Uuid::new_v4(), Uuid::new_v4());
        let admin_a = user(vec![grant(Role::FranchiseAdmin, Some(a), None, None)]);
        assert!(allowed(&admin_a, Action::ManageClinic { clinic_id: a }));
        assert!(!allowed(&admin_a, Action::ManageClinic { clinic_id: b }));
        assert!(!allowed(
            &admin_a,
            Action::ManageLocationHours {
                clinic_id: b,
                location_id: loc_b
            }
        ));
        assert!(!allowed(
            &admin_a,
            Action::ReadClinicPrivate { clinic_id: b }
        ));
        assert!(!allowed(&admin_a, Action::CreateClinic));

        let manager = user(vec![grant(
            Role::LocationManager,
            Some(a),
            Some(loc_a),
            None,
        )]);
        assert!(allowed(
            &manager,
            Action::ManageLocationHours {
                clinic_id: a,
                location_id: loc_a
            }
        ));
        assert!(!allowed(
            &manager,
            Action::ManageLocationHours {
                clinic_id: a,
                location_id: Uuid::new_v4()
            }
        ));
        assert!(!allowed(&manager, Action::ManageClinic { clinic_id: a }));
        // A manager's location, named as if it were another clinic's, opens nothing there.
        assert!(!allowed(
            &manager,
            Action::ManageSchedule {
                clinic_id: b,
                location_id: loc_a,
                therapist_id: Uuid::new_v4()
            }
        ));
        assert!(allowed(
            &manager,
            Action::ManageSchedule {
                clinic_id: a,
                location_id: loc_a,
                therapist_id: Uuid::new_v4()
            }
        ));
    }

    #[test]
    fn therapists_edit_only_themselves() {
        let clinic = Uuid::new_v4();
        let me = Uuid::new_v4();
        let therapist = user(vec![grant(Role::Therapist, Some(clinic), None, Some(me))]);
        assert!(allowed(
            &therapist,
            Action::EditTherapistProfile {
                clinic_id: clinic,
                therapist_id: me
            }
        ));
        assert!(!allowed(
            &therapist,
            Action::EditTherapistProfile {
                clinic_id: clinic,
                therapist_id: Uuid::new_v4()
            }
        ));
        let manager = user(vec![grant(
            Role::LocationManager,
            Some(clinic),
            Some(Uuid::new_v4()),
            None,
        )]);
        assert!(!allowed(
            &manager,
            Action::ManageTimeOff {
                clinic_id: clinic,
                therapist_id: me
            }
        ));
        assert!(allowed(
            &therapist,
            Action::ManageTimeOff {
                clinic_id: clinic,
                therapist_id: me
            }
        ));
        // Reading time off is wider: the clinic's managers and therapists see it too.
        let read = |therapist_id| Action::ReadTimeOff {
            clinic_id: clinic,
            therapist_id,
        };
        assert!(allowed(&therapist, read(me)));
        assert!(allowed(&manager, read(me)));
        assert!(allowed(&therapist, read(Uuid::new_v4())));
        let elsewhere = user(vec![grant(
            Role::Therapist,
            Some(Uuid::new_v4()),
            None,
            Some(Uuid::new_v4()),
        )]);
        assert!(!allowed(&elsewhere, read(me)));
        assert!(!allowed(&user(vec![]), read(me)));
    }

    #[test]
    fn accounts_are_disabled_by_platform_admins_or_the_admins_of_their_only_clinic() {
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let admin_a = user(vec![grant(Role::FranchiseAdmin, Some(a), None, None)]);
        let manager_a = user(vec![grant(Role::LocationManager, Some(a), None, None)]);
        let platform = user(vec![grant(Role::PlatformAdmin, None, None, None)]);
        let only_a = Action::ManageAccount {
            sole_clinic: Some(a),
        };
        let only_b = Action::ManageAccount {
            sole_clinic: Some(b),
        };
        let shared_or_platform = Action::ManageAccount { sole_clinic: None };
        assert!(allowed(&admin_a, only_a));
        assert!(!allowed(&admin_a, only_b));
        assert!(!allowed(&admin_a, shared_or_platform));
        assert!(!allowed(&manager_a, only_a));
        assert!(allowed(&platform, shared_or_platform));
    }

    #[test]
    fn roles_are_granted_only_inside_the_granters_clinic() {
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let admin_a = user(vec![grant(Role::FranchiseAdmin, Some(a), None, None)]);
        let scope = |role, clinic| {
            Action::ManageRole(RoleScope {
                role,
                clinic_id: clinic,
            })
        };
        assert!(allowed(&admin_a, scope(Role::LocationManager, Some(a))));
        assert!(!allowed(&admin_a, scope(Role::LocationManager, Some(b))));
        assert!(!allowed(&admin_a, scope(Role::PlatformAdmin, None)));
        assert!(!allowed(&admin_a, scope(Role::Client, None)));
        let platform = user(vec![grant(Role::PlatformAdmin, None, None, None)]);
        assert!(allowed(&platform, scope(Role::PlatformAdmin, None)));
    }

    #[test]
    fn grants_are_seen_by_their_holder_and_their_clinics_admins_only() {
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let holder = Uuid::new_v4();
        let admin_a = user(vec![grant(Role::FranchiseAdmin, Some(a), None, None)]);
        assert!(may_see_grant(&admin_a, holder, Some(a)));
        assert!(!may_see_grant(&admin_a, holder, Some(b)));
        assert!(!may_see_grant(&admin_a, holder, None));
        let me = Principal::User {
            id: holder,
            grants: vec![],
        };
        assert!(may_see_grant(&me, holder, Some(b)));
        assert!(!may_see_grant(&Principal::Anonymous, holder, Some(a)));
    }

    #[test]
    fn anonymous_callers_are_asked_to_sign_in_and_users_are_refused() {
        let clinic = Uuid::new_v4();
        assert_eq!(
            require(
                &Principal::Anonymous,
                Action::ManageClinic { clinic_id: clinic }
            ),
            Err(ApiError::Unauthenticated)
        );
        assert_eq!(
            require(&user(vec![]), Action::ManageClinic { clinic_id: clinic }),
            Err(ApiError::Forbidden)
        );
    }
}

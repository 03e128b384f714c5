use super::*;
use crate::auth::{policy::tests::grant, principal::Grant};

fn user(id: Uuid, grants: Vec<Grant>) -> Principal {
    Principal::User { id, grants }
}

struct World {
    parties: Parties,
    client: Principal,
    therapist: Principal,
    manager: Principal,
    admin: Principal,
    platform: Principal,
    /// Staff of the same clinic who have no say over this booking.
    bystanders: Vec<Principal>,
    /// Everyone of another clinic, and other clients.
    strangers: Vec<Principal>,
}

fn world() -> World {
    let (clinic, location, therapist, client) = (
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
    );
    let other = Uuid::new_v4();
    let id = Uuid::new_v4;
    World {
        parties: Parties {
            clinic_id: clinic,
            location_id: location,
            therapist_id: therapist,
            client_user_id: client,
        },
        client: user(client, vec![grant(Role::Client, None, None, None)]),
        therapist: user(
            id(),
            vec![grant(Role::Therapist, Some(clinic), None, Some(therapist))],
        ),
        manager: user(
            id(),
            vec![grant(
                Role::LocationManager,
                Some(clinic),
                Some(location),
                None,
            )],
        ),
        admin: user(
            id(),
            vec![grant(Role::FranchiseAdmin, Some(clinic), None, None)],
        ),
        platform: user(id(), vec![grant(Role::PlatformAdmin, None, None, None)]),
        bystanders: vec![
            user(
                id(),
                vec![grant(Role::Therapist, Some(clinic), None, Some(id()))],
            ),
            user(
                id(),
                vec![grant(Role::LocationManager, Some(clinic), Some(id()), None)],
            ),
        ],
        strangers: vec![
            Principal::Anonymous,
            user(id(), vec![grant(Role::Client, None, None, None)]),
            user(
                id(),
                vec![grant(Role::FranchiseAdmin, Some(other), None, None)],
            ),
            // A manager grant naming this location under another clinic opens nothing.
            user(
                id(),
                vec![grant(
                    Role::LocationManager,
                    Some(other),
                    Some(location),
                    None,
                )],
            ),
            user(
                id(),
                vec![grant(Role::Therapist, Some(other), None, Some(id()))],
            ),
        ],
    }
}

const ACTIONS: [BookingAction; 4] = [
    BookingAction::Read,
    BookingAction::Reschedule,
    BookingAction::Cancel,
    BookingAction::RunTheDay,
];

#[test]
fn the_parties_and_staff_may_act_and_nobody_else() {
    let w = world();
    for action in ACTIONS {
        for who in [&w.therapist, &w.manager, &w.admin, &w.platform] {
            assert!(may(who, action, w.parties), "{action:?} {who:?}");
        }
        for who in w.bystanders.iter().chain(&w.strangers) {
            assert!(!may(who, action, w.parties), "{action:?} {who:?}");
        }
    }
}

#[test]
fn clients_read_reschedule_and_cancel_their_own_but_do_not_run_the_day() {
    let w = world();
    assert!(may(&w.client, BookingAction::Read, w.parties));
    assert!(may(&w.client, BookingAction::Reschedule, w.parties));
    assert!(may(&w.client, BookingAction::Cancel, w.parties));
    assert!(!may(&w.client, BookingAction::RunTheDay, w.parties));
    assert!(!acts_for_clinic(&w.client, w.parties));
    assert!(acts_for_clinic(&w.therapist, w.parties));
}

#[test]
fn intake_is_read_by_the_client_the_booked_therapist_and_the_clinics_staff_only() {
    let w = world();
    for who in [&w.client, &w.therapist, &w.manager, &w.admin] {
        assert!(may_read_intake(who, w.parties), "{who:?}");
    }
    assert!(!may_read_intake(&w.platform, w.parties));
    for who in w.bystanders.iter().chain(&w.strangers) {
        assert!(!may_read_intake(who, w.parties), "{who:?}");
    }
}

#[test]
fn scopes_name_what_each_grant_reaches() {
    let w = world();
    assert_eq!(booking_scope(&w.platform), BookingScope::Everything);
    assert_eq!(
        booking_scope(&Principal::Anonymous),
        BookingScope::Some {
            clinics: vec![],
            locations: vec![],
            therapists: vec![],
            client: None
        }
    );
    let BookingScope::Some {
        clinics,
        locations,
        therapists,
        client,
    } = booking_scope(&w.manager)
    else {
        panic!("a manager sees some bookings, not all");
    };
    assert!(clinics.is_empty() && therapists.is_empty());
    assert_eq!(
        locations,
        vec![(w.parties.clinic_id, w.parties.location_id)]
    );
    assert!(client.is_some());
}

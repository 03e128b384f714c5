use super::*;
use BookingStatus::*;

const STEPS: [Step; 7] = [
    Step::Confirm,
    Step::Complete,
    Step::NoShow,
    Step::Cancel { by_clinic: true },
    Step::Cancel { by_clinic: false },
    Step::Reschedule { by_clinic: true },
    Step::Reschedule { by_clinic: false },
];

fn at(hours: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default() + TimeDelta::hours(hours)
}

const DAY: TimeDelta = TimeDelta::hours(24);

#[test]
fn closed_bookings_never_move_again() {
    for status in [Completed, CancelledByClient, CancelledByClinic, NoShow] {
        for step in STEPS {
            for now in [at(-48), at(1)] {
                assert_eq!(
                    apply(step, status, at(0), DAY, now),
                    Err(Refusal::FromStatus(status)),
                    "{step:?} from {status:?}"
                );
            }
        }
    }
}

#[test]
fn only_a_pending_booking_is_confirmed() {
    assert_eq!(
        apply(Step::Confirm, Pending, at(0), DAY, at(-48)).map(|o| o.status),
        Ok(Confirmed)
    );
    assert_eq!(
        apply(Step::Confirm, Confirmed, at(0), DAY, at(-48)),
        Err(Refusal::FromStatus(Confirmed))
    );
}

#[test]
fn completion_and_no_shows_wait_for_the_start() {
    for status in [Pending, Confirmed] {
        for step in [Step::Complete, Step::NoShow] {
            assert_eq!(
                apply(step, status, at(0), DAY, at(-1)),
                Err(Refusal::NotStarted)
            );
        }
        assert_eq!(
            apply(Step::Complete, status, at(0), DAY, at(0)).map(|o| o.status),
            Ok(Completed)
        );
        assert_eq!(
            apply(Step::NoShow, status, at(0), DAY, at(2)).map(|o| o.status),
            Ok(NoShow)
        );
    }
}

#[test]
fn a_client_cancelling_inside_the_cutoff_is_late_and_after_the_start_is_refused() {
    let cancel = |now| {
        apply(
            Step::Cancel { by_clinic: false },
            Confirmed,
            at(0),
            DAY,
            now,
        )
    };
    assert_eq!(
        cancel(at(-25)),
        Ok(Outcome {
            status: CancelledByClient,
            late: false
        })
    );
    assert_eq!(
        cancel(at(-23)),
        Ok(Outcome {
            status: CancelledByClient,
            late: true
        })
    );
    assert_eq!(cancel(at(0)), Err(Refusal::Started));
}

#[test]
fn the_clinic_cancels_any_open_booking_at_any_time_and_never_late() {
    for now in [at(-48), at(-1), at(3)] {
        assert_eq!(
            apply(Step::Cancel { by_clinic: true }, Pending, at(0), DAY, now),
            Ok(Outcome {
                status: CancelledByClinic,
                late: false
            })
        );
    }
}

#[test]
fn clients_move_sessions_only_before_the_cutoff_and_keep_the_status() {
    let client = Step::Reschedule { by_clinic: false };
    assert_eq!(
        apply(client, Confirmed, at(0), DAY, at(-25)).map(|o| o.status),
        Ok(Confirmed)
    );
    assert_eq!(
        apply(client, Confirmed, at(0), DAY, at(-2)),
        Err(Refusal::PastCutoff)
    );
    assert_eq!(
        apply(client, Pending, at(0), DAY, at(1)),
        Err(Refusal::Started)
    );
    let clinic = Step::Reschedule { by_clinic: true };
    assert_eq!(
        apply(clinic, Pending, at(0), DAY, at(-2)).map(|o| o.status),
        Ok(Pending)
    );
}

//! Request and input validation: errors instead of panics, empty results where nothing
//! is wrong.

use chrono::TimeDelta;
use chrono_tz::Europe::London;

use super::*;

fn ask(request: Request, policy: Policy, svc: Service) -> Result<Vec<Slot>, AvailabilityError> {
    let loc = location(London, every_day("09:00", "17:00"));
    free_slots(
        &loc,
        &[therapist(1, every_day("09:00", "17:00"))],
        &svc,
        &policy,
        &request,
    )
}

fn range(from: &str, to: &str) -> Request {
    Request {
        from: utc(from),
        to: utc(to),
        now: utc("2026-01-01 00:00"),
    }
}

#[test]
fn a_range_that_ends_where_it_starts_is_empty() {
    let result = ask(
        range("2026-03-02 09:00", "2026-03-02 09:00"),
        policy(),
        service(60),
    );
    assert_eq!(result, Err(AvailabilityError::EmptyRange));
}

#[test]
fn a_range_that_ends_before_it_starts_is_empty() {
    let result = ask(
        range("2026-03-02 09:00", "2026-03-01 09:00"),
        policy(),
        service(60),
    );
    assert_eq!(result, Err(AvailabilityError::EmptyRange));
}

#[test]
fn a_range_longer_than_31_days_is_refused() {
    let result = ask(
        range("2026-03-01 00:00", "2026-04-01 00:01"),
        policy(),
        service(60),
    );
    assert_eq!(result, Err(AvailabilityError::RangeTooLong));
}

#[test]
fn a_range_of_exactly_31_days_is_accepted() {
    let slots = ask(
        range("2026-03-01 00:00", "2026-04-01 00:00"),
        policy(),
        service(60),
    )
    .unwrap();
    assert_eq!(
        TimeDelta::days(MAX_RANGE_DAYS),
        utc("2026-04-01 00:00") - utc("2026-03-01 00:00")
    );
    // 31 days (including the spring-forward Sunday) of 09:00–16:00 quarter-hour starts.
    assert_eq!(slots.len(), 31 * 29);
}

#[test]
fn a_zero_step_is_refused() {
    let zero = Policy {
        step_minutes: 0,
        ..policy()
    };
    let result = ask(
        range("2026-03-02 00:00", "2026-03-03 00:00"),
        zero,
        service(60),
    );
    assert_eq!(result, Err(AvailabilityError::ZeroStep));
}

#[test]
fn a_zero_length_service_is_refused() {
    let result = ask(
        range("2026-03-02 00:00", "2026-03-03 00:00"),
        policy(),
        service(0),
    );
    assert_eq!(result, Err(AvailabilityError::ZeroDuration));
}

#[test]
fn an_interval_that_does_not_open_before_it_closes_is_refused() {
    let request = range("2026-03-02 00:00", "2026-03-03 00:00");
    let bad = on(Weekday::Tue, "10:00", "10:00");
    let loc = location(London, vec![bad]);
    let result = free_slots(&loc, &[], &service(60), &policy(), &request);
    assert_eq!(result, Err(AvailabilityError::InvalidInterval(bad)));
    let t = therapist(
        1,
        vec![
            on(Weekday::Mon, "09:00", "10:00"),
            on(Weekday::Wed, "12:00", "11:00"),
        ],
    );
    let result = free_slots(
        &location(London, Vec::new()),
        &[t],
        &service(60),
        &policy(),
        &request,
    );
    assert_eq!(
        result,
        Err(AvailabilityError::InvalidInterval(on(
            Weekday::Wed,
            "12:00",
            "11:00"
        )))
    );
}

#[test]
fn a_closure_that_ends_before_it_starts_is_refused() {
    let mut loc = location(London, every_day("09:00", "17:00"));
    let bad = Closure::new(date("2026-03-05"), date("2026-03-04"));
    loc.closures = vec![bad];
    let result = free_slots(
        &loc,
        &[],
        &service(60),
        &policy(),
        &range("2026-03-02 00:00", "2026-03-03 00:00"),
    );
    assert_eq!(result, Err(AvailabilityError::InvalidClosure(bad)));
}

#[test]
fn a_lead_time_past_the_range_gives_no_slots_rather_than_an_error() {
    let far = Policy {
        lead_time: TimeDelta::days(30),
        ..policy()
    };
    let request = Request {
        now: utc("2026-03-01 12:00"),
        ..range("2026-03-02 00:00", "2026-03-03 00:00")
    };
    assert_eq!(ask(request, far, service(60)), Ok(Vec::new()));
}

#[test]
fn extreme_policies_saturate_instead_of_overflowing() {
    let extreme = Policy {
        lead_time: TimeDelta::MIN,
        horizon: TimeDelta::MAX,
        ..policy()
    };
    let slots = ask(
        range("2026-03-02 00:00", "2026-03-03 00:00"),
        extreme,
        service(60),
    )
    .unwrap();
    assert_eq!(slots.len(), 29);
}

#[test]
fn errors_explain_themselves() {
    let error: Box<dyn std::error::Error> = Box::new(AvailabilityError::RangeTooLong);
    assert_eq!(error.to_string(), "the range must not exceed 31 days");
    let interval = AvailabilityError::InvalidInterval(on(Weekday::Mon, "10:00", "09:00"));
    assert_eq!(
        interval.to_string(),
        "the interval on Mon must open before it closes (10:00:00–09:00:00)"
    );
}

#[test]
fn the_ends_of_the_calendar_do_not_panic() {
    let loc = location(London, every_day("00:00", "23:59"));
    let t = therapist(1, every_day("00:00", "23:59"));
    let last = Request {
        from: DateTime::<Utc>::MAX_UTC - TimeDelta::days(1),
        to: DateTime::<Utc>::MAX_UTC,
        now: DateTime::<Utc>::MAX_UTC - TimeDelta::days(2),
    };
    let result = free_slots(
        &loc,
        std::slice::from_ref(&t),
        &service(60),
        &policy(),
        &last,
    );
    assert!(
        matches!(result, Ok(_) | Err(AvailabilityError::OutOfRange)),
        "{result:?}"
    );
    let first = Request {
        from: DateTime::<Utc>::MIN_UTC,
        to: DateTime::<Utc>::MIN_UTC + TimeDelta::days(1),
        now: DateTime::<Utc>::MIN_UTC,
    };
    let result = free_slots(&loc, &[t], &service(60), &policy(), &first);
    assert!(
        matches!(result, Ok(_) | Err(AvailabilityError::OutOfRange)),
        "{result:?}"
    );
}

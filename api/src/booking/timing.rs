//! The timing advice clinics give runners, as windows of local dates around a race:
//! pre-event massage 2–5 days before it, post-event 24–72 hours after it. A race has a
//! date, not a time, so "24–72 hours after" means the three local days after race day.

use chrono::{NaiveDate, TimeDelta};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    PreEvent,
    PostEvent,
    Maintenance,
}

/// The local dates (inclusive) on which a session with this purpose fits the race;
/// `None` when the purpose does not depend on a race.
pub fn window(purpose: Purpose, race_day: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let day = |offset: i64| race_day.checked_add_signed(TimeDelta::days(offset));
    match purpose {
        Purpose::PreEvent => Some((day(-5)?, day(-2)?)),
        Purpose::PostEvent => Some((day(1)?, day(3)?)),
        Purpose::Maintenance => None,
    }
}

/// Whether a purpose only makes sense around a race.
pub fn needs_race(purpose: Purpose) -> bool {
    purpose != Purpose::Maintenance
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("valid date")
    }

    #[test]
    fn pre_event_sessions_fall_two_to_five_days_before_the_race() {
        assert_eq!(
            window(Purpose::PreEvent, date("2027-04-25")),
            Some((date("2027-04-20"), date("2027-04-23")))
        );
    }

    #[test]
    fn post_event_sessions_fall_on_the_three_days_after_the_race() {
        assert_eq!(
            window(Purpose::PostEvent, date("2027-02-27")),
            Some((date("2027-02-28"), date("2027-03-02")))
        );
    }

    #[test]
    fn maintenance_has_no_race_window() {
        assert_eq!(window(Purpose::Maintenance, date("2027-04-25")), None);
        assert!(!needs_race(Purpose::Maintenance));
        assert!(needs_race(Purpose::PreEvent) && needs_race(Purpose::PostEvent));
    }

    #[test]
    fn windows_at_the_edge_of_the_calendar_are_none_not_a_panic() {
        assert_eq!(window(Purpose::PreEvent, NaiveDate::MIN), None);
        assert_eq!(window(Purpose::PostEvent, NaiveDate::MAX), None);
    }
}

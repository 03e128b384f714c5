//! Pure date and time helpers: the demo is written in local wall-clock time and stored in UTC.

use chrono::{
    DateTime, Datelike, LocalResult, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc, Weekday,
};
use chrono_tz::Tz;
use sea_orm::DbErr;

use super::spec::When;

/// The error for demo data that does not add up (never expected at run time).
pub fn invalid(message: impl std::fmt::Display) -> DbErr {
    DbErr::Custom(format!("demo data: {message}"))
}

pub fn zone(name: &str) -> Result<Tz, DbErr> {
    name.parse::<Tz>()
        .map_err(|_| invalid(format!("unknown time zone {name:?}")))
}

/// `"HH:MM"`.
pub fn clock(text: &str) -> Result<NaiveTime, DbErr> {
    NaiveTime::parse_from_str(text, "%H:%M").map_err(|e| invalid(format!("time {text:?}: {e}")))
}

/// `"YYYY-MM-DD"`.
pub fn date(text: &str) -> Result<NaiveDate, DbErr> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| invalid(format!("date {text:?}: {e}")))
}

/// RFC 3339, e.g. `"2027-02-01T00:00:00Z"`.
pub fn instant(text: &str) -> Result<DateTime<Utc>, DbErr> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| invalid(format!("instant {text:?}: {e}")))
}

/// ISO weekday number stored in the database: 1 = Monday ... 7 = Sunday.
pub fn weekday_number(day: Weekday) -> i32 {
    // number_from_monday() is 1..=7, so the cast cannot truncate.
    day.number_from_monday() as i32
}

/// A local wall-clock time as a UTC instant. A time skipped by a DST change is an error;
/// a repeated one (autumn) resolves to its first occurrence.
pub fn local_to_utc(tz: Tz, day: NaiveDate, time: NaiveTime) -> Result<DateTime<Utc>, DbErr> {
    match tz.from_local_datetime(&day.and_time(time)) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Ok(t.with_timezone(&Utc)),
        LocalResult::None => Err(invalid(format!("{day} {time} does not exist in {tz}"))),
    }
}

pub fn add_minutes(at: DateTime<Utc>, minutes: i64) -> Result<DateTime<Utc>, DbErr> {
    TimeDelta::try_minutes(minutes)
        .and_then(|d| at.checked_add_signed(d))
        .ok_or_else(|| invalid(format!("{at} + {minutes} min overflows")))
}

pub fn add_days(day: NaiveDate, days: i64) -> Result<NaiveDate, DbErr> {
    TimeDelta::try_days(days)
        .and_then(|d| day.checked_add_signed(d))
        .ok_or_else(|| invalid(format!("{day} + {days} days overflows")))
}

/// The calendar day a `When` names, seen from local `today`.
pub fn resolve(when: When, today: NaiveDate) -> Result<NaiveDate, DbErr> {
    match when {
        When::On(text) => date(text),
        When::Week(weeks, day) => {
            let monday = add_days(today, -i64::from(today.weekday().num_days_from_monday()))?;
            add_days(monday, weeks * 7 + i64::from(day.num_days_from_monday()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        date(text).expect("valid date")
    }

    fn t(text: &str) -> NaiveTime {
        clock(text).expect("valid time")
    }

    #[test]
    fn london_wall_clock_follows_summer_time() {
        let london = zone("Europe/London").expect("zone");
        let winter = local_to_utc(london, d("2027-02-18"), t("18:30")).expect("winter");
        assert_eq!(winter, instant("2027-02-18T18:30:00Z").expect("instant"));
        let summer = local_to_utc(london, d("2027-07-01"), t("09:00")).expect("summer");
        assert_eq!(summer, instant("2027-07-01T08:00:00Z").expect("instant"));
    }

    #[test]
    fn denver_is_seven_hours_behind_utc_in_winter() {
        let denver = zone("America/Denver").expect("zone");
        let at = local_to_utc(denver, d("2026-12-01"), t("09:00")).expect("valid");
        assert_eq!(at, instant("2026-12-01T16:00:00Z").expect("instant"));
    }

    #[test]
    fn a_time_skipped_by_the_spring_change_is_an_error() {
        let london = zone("Europe/London").expect("zone");
        assert!(local_to_utc(london, d("2027-03-28"), t("01:30")).is_err());
        let denver = zone("America/Denver").expect("zone");
        assert!(local_to_utc(denver, d("2027-03-14"), t("02:30")).is_err());
    }

    #[test]
    fn a_repeated_autumn_time_takes_its_first_occurrence() {
        let london = zone("Europe/London").expect("zone");
        let at = local_to_utc(london, d("2027-10-31"), t("01:30")).expect("ambiguous resolves");
        assert_eq!(at, instant("2027-10-31T00:30:00Z").expect("instant"));
    }

    #[test]
    fn weeks_are_iso_weeks_around_today() {
        let tuesday = d("2026-11-24");
        assert_eq!(
            resolve(When::Week(0, Weekday::Mon), tuesday).ok(),
            Some(d("2026-11-23"))
        );
        assert_eq!(
            resolve(When::Week(1, Weekday::Sun), tuesday).ok(),
            Some(d("2026-12-06"))
        );
        assert_eq!(
            resolve(When::Week(-1, Weekday::Fri), tuesday).ok(),
            Some(d("2026-11-20"))
        );
        let sunday = d("2026-11-29");
        assert_eq!(
            resolve(When::Week(1, Weekday::Mon), sunday).ok(),
            Some(d("2026-11-30"))
        );
        assert_eq!(
            resolve(When::On("2027-02-18"), sunday).ok(),
            Some(d("2027-02-18"))
        );
    }

    #[test]
    fn malformed_values_are_errors_not_panics() {
        assert!(clock("25:00").is_err());
        assert!(date("2027-02-30").is_err());
        assert!(instant("February").is_err());
        assert!(zone("Mars/Olympus_Mons").is_err());
    }
}

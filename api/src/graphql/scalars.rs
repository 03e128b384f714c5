//! Scalars of the public contract: `Date` ("2027-02-01") and `LocalTime` ("09:00", a wall
//! clock time of a location). Instants use async-graphql's chrono `DateTime` (RFC 3339).

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::{NaiveDate, NaiveTime, Timelike};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

#[Scalar(name = "Date")]
/// A calendar date, ISO 8601 (`2027-02-01`).
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(Date)
                .map_err(|_| InputValueError::custom("expected a date like 2027-02-01")),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LocalTime(pub NaiveTime);

#[Scalar(name = "LocalTime")]
/// A wall-clock time in a location's time zone, `HH:MM` (24-hour).
impl ScalarType for LocalTime {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(text) => parse_local_time(text)
                .map(LocalTime)
                .ok_or_else(|| InputValueError::custom("expected a time like 09:00")),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%H:%M").to_string())
    }
}

/// Exactly `HH:MM`; seconds are not part of the contract.
fn parse_local_time(text: &str) -> Option<NaiveTime> {
    if text.len() != 5 {
        return None;
    }
    let time = NaiveTime::parse_from_str(text, "%H:%M").ok()?;
    (time.second() == 0).then_some(time)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_are_hours_and_minutes() {
        assert_eq!(parse_local_time("09:30"), NaiveTime::from_hms_opt(9, 30, 0));
        for bad in ["9:30", "24:00", "09:60", "09:30:00", "", "ab:cd"] {
            assert_eq!(parse_local_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_round_trip() {
        let parsed = Date::parse(Value::from("2027-02-01")).expect("valid date");
        assert_eq!(parsed.to_value(), Value::from("2027-02-01"));
        assert!(Date::parse(Value::from("2027-02-30")).is_err());
        assert!(Date::parse(Value::from(20270201)).is_err());
    }
}

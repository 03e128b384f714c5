//! Input validation shared by the admin API. Each check names the input field at fault,
//! so clients can point at it (`extensions.field`).

mod currency;
mod intervals;

pub use currency::currency;
pub use intervals::{Interval, intervals};

use chrono_tz::Tz;

use crate::error::{ApiError, ApiResult};

/// Trimmed text of `min..=max` characters.
pub fn text(field: &str, value: &str, min: usize, max: usize) -> ApiResult<String> {
    let trimmed = value.trim();
    let length = trimmed.chars().count();
    if length < min || length > max {
        return Err(ApiError::validation(
            field,
            format!("needs {min} to {max} characters"),
        ));
    }
    if trimmed.chars().any(|c| c.is_control() && c != '\n') {
        return Err(ApiError::validation(
            field,
            "must not contain control characters",
        ));
    }
    Ok(trimmed.to_owned())
}

/// Optional text: `None` and blank both mean "none".
pub fn optional_text(field: &str, value: Option<&str>, max: usize) -> ApiResult<Option<String>> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) => text(field, v, 1, max).map(Some),
        None => Ok(None),
    }
}

/// An IANA time zone name such as `Europe/London`.
pub fn time_zone(field: &str, value: &str) -> ApiResult<String> {
    let name = value.trim();
    name.parse::<Tz>()
        .map(|tz| tz.name().to_owned())
        .map_err(|_| ApiError::validation(field, "must be an IANA time zone such as Europe/London"))
}

/// ISO 3166-1 alpha-2, stored upper-case.
pub fn country_code(field: &str, value: &str) -> ApiResult<String> {
    let code = value.trim().to_uppercase();
    if code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(ApiError::validation(
            field,
            "must be a two-letter country code such as GB",
        ))
    }
}

/// Digits with the usual separators, 6 to 20 digits.
pub fn phone(field: &str, value: Option<&str>) -> ApiResult<Option<String>> {
    let Some(phone) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let allowed = phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if allowed && (6..=20).contains(&digits) && phone.len() <= 32 {
        Ok(Some(phone.to_owned()))
    } else {
        Err(ApiError::validation(
            field,
            "must be a phone number such as +44 20 7946 0000",
        ))
    }
}

/// Lower-case letters, digits and single hyphens, 2 to 60 characters.
pub fn slug(field: &str, value: &str) -> ApiResult<String> {
    let slug = value.trim();
    let valid = (2..=60).contains(&slug.len())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--");
    if valid {
        Ok(slug.to_owned())
    } else {
        Err(ApiError::validation(
            field,
            "must be lower-case letters, digits and hyphens",
        ))
    }
}

/// A whole number within `range`.
pub fn in_range(field: &str, value: i32, range: std::ops::RangeInclusive<i32>) -> ApiResult<i32> {
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(ApiError::validation(
            field,
            format!("must be between {} and {}", range.start(), range.end()),
        ))
    }
}

/// How far from now a booking instant or race date may lie: past any horizon a clinic may
/// set (365 days), and far inside the calendar's limits, so date arithmetic never overflows.
pub const MAX_DAYS_FROM_NOW: i64 = 800;

/// An instant within `MAX_DAYS_FROM_NOW` days of now.
pub fn near_now(
    field: &str,
    at: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> ApiResult<chrono::DateTime<chrono::Utc>> {
    if (at - now).num_days().abs() <= MAX_DAYS_FROM_NOW {
        Ok(at)
    } else {
        Err(ApiError::validation(
            field,
            format!("must be within {MAX_DAYS_FROM_NOW} days of today"),
        ))
    }
}

/// A date within `MAX_DAYS_FROM_NOW` days of today.
pub fn date_near_today(
    field: &str,
    day: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> ApiResult<chrono::NaiveDate> {
    if (day - today).num_days().abs() <= MAX_DAYS_FROM_NOW {
        Ok(day)
    } else {
        Err(ApiError::validation(
            field,
            format!("must be within {MAX_DAYS_FROM_NOW} days of today"),
        ))
    }
}

/// A price in minor units: never negative.
pub fn price(field: &str, value: i64) -> ApiResult<i64> {
    if (0..=100_000_000).contains(&value) {
        Ok(value)
    } else {
        Err(ApiError::validation(
            field,
            "must be between 0 and 100000000 minor units",
        ))
    }
}

/// Derives a slug from a name: `Kinetic Physio & Sports` → `kinetic-physio-sports`.
pub fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.trim().to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_zones_must_be_iana_names() {
        assert_eq!(
            time_zone("tz", " Europe/London ").as_deref(),
            Ok("Europe/London")
        );
        assert_eq!(
            time_zone("tz", "America/Denver").as_deref(),
            Ok("America/Denver")
        );
        for bad in ["", "GMT+1", "Europe/Londn", "london", "Mars/Olympus"] {
            assert!(time_zone("tz", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(
            text("name", "  Shoreditch ", 1, 10).as_deref(),
            Ok("Shoreditch")
        );
        assert!(text("name", "   ", 1, 10).is_err());
        assert!(text("name", "abcdefghijk", 1, 10).is_err());
        assert!(text("name", "a\u{0}b", 1, 10).is_err());
    }

    #[test]
    fn phones_countries_slugs_and_prices() {
        assert_eq!(
            phone("phone", Some("+44 20 7946 0000")),
            Ok(Some("+44 20 7946 0000".into()))
        );
        assert_eq!(phone("phone", Some("  ")), Ok(None));
        assert!(phone("phone", Some("call me")).is_err());
        assert!(phone("phone", Some("12")).is_err());
        assert_eq!(country_code("c", "gb").as_deref(), Ok("GB"));
        assert!(country_code("c", "GBR").is_err());
        assert!(slug("s", "kinetic-physio").is_ok());
        for bad in ["Kinetic", "-a", "a-", "a--b", "a", "a b"] {
            assert!(slug("s", bad).is_err(), "{bad}");
        }
        assert_eq!(
            slugify("Kinetic Physio & Sports Massage!"),
            "kinetic-physio-sports-massage"
        );
        assert!(price("p", -1).is_err());
        assert!(price("p", 0).is_ok());
    }
}

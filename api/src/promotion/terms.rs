//! A promotion's validated terms: what it takes off, when, where and for whom.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use entity::{
    enums::{PromotionKind, WindowBasis},
    promotion,
};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Discount {
    /// 1 to 100.
    PercentOff(i32),
    /// More than 0, in the clinic's currency's minor units.
    AmountOff(i64),
}

impl Discount {
    pub fn new(percent_off: Option<i32>, amount_off_minor: Option<i64>) -> ApiResult<Self> {
        match (percent_off, amount_off_minor) {
            (Some(percent), None) if (1..=100).contains(&percent) => Ok(Self::PercentOff(percent)),
            (Some(_), None) => Err(ApiError::validation(
                "percentOff",
                "a percentage off is 1 to 100",
            )),
            (None, Some(amount)) if amount > 0 && amount <= 100_000_000 => {
                Ok(Self::AmountOff(amount))
            }
            (None, Some(_)) => Err(ApiError::validation(
                "amountOffMinor",
                "an amount off is more than 0 (and at most 100000000 minor units)",
            )),
            _ => Err(ApiError::validation(
                "percentOff",
                "give either percentOff or amountOffMinor",
            )),
        }
    }

    pub fn of(row: &promotion::Model) -> Option<Self> {
        match row.kind {
            PromotionKind::Percent => row.percent_off.map(Self::PercentOff),
            PromotionKind::Fixed => row.amount_off_minor.map(Self::AmountOff),
        }
    }
}

/// Everything an admin sets on a promotion, checked field by field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Terms {
    pub name: String,
    pub description: String,
    pub discount: Discount,
    /// Upper case; `None` for an automatic promotion.
    pub code: Option<String>,
    pub valid_from: DateTime<Utc>,
    pub valid_to: DateTime<Utc>,
    pub window_basis: WindowBasis,
    /// Empty: every service of the clinic.
    pub services: BTreeSet<Uuid>,
    /// Empty: every location of the clinic.
    pub locations: BTreeSet<Uuid>,
    pub first_visit_only: bool,
    pub min_list_price_minor: Option<i64>,
    pub total_cap: Option<i32>,
    pub per_client_cap: Option<i32>,
    pub combines_with_code: bool,
    pub combines_with_automatic: bool,
}

impl Terms {
    /// The cross-field rules: the window runs forwards, caps are positive.
    pub fn check(self) -> ApiResult<Self> {
        if self.valid_to <= self.valid_from {
            return Err(ApiError::validation("validTo", "must be after validFrom"));
        }
        for (field, cap) in [
            ("totalCap", self.total_cap),
            ("perClientCap", self.per_client_cap),
        ] {
            if cap.is_some_and(|cap| cap <= 0) {
                return Err(ApiError::validation(field, "a cap is at least 1"));
            }
        }
        if self.min_list_price_minor.is_some_and(|min| min < 0) {
            return Err(ApiError::validation(
                "minListPriceMinor",
                "a minimum price is not negative",
            ));
        }
        Ok(self)
    }

    /// The terms as stored, with the scope read separately.
    pub fn of(
        row: &promotion::Model,
        services: BTreeSet<Uuid>,
        locations: BTreeSet<Uuid>,
    ) -> Option<Self> {
        Some(Self {
            name: row.name.clone(),
            description: row.description.clone(),
            discount: Discount::of(row)?,
            code: row.code.clone(),
            valid_from: row.starts_at,
            valid_to: row.ends_at,
            window_basis: row.window_basis,
            services,
            locations,
            first_visit_only: row.first_visit_only,
            min_list_price_minor: row.min_spend_minor,
            total_cap: row.max_redemptions,
            per_client_cap: row.max_redemptions_per_client,
            combines_with_code: row.combines_with_code,
            combines_with_automatic: row.combines_with_automatic,
        })
    }
}

/// A promotion code: 3 to 32 letters, digits or hyphens, compared case-insensitively (so
/// stored in upper case).
pub fn code(field: &str, text: &str) -> ApiResult<String> {
    let code = text.trim().to_uppercase();
    let ok = (3..=32).contains(&code.chars().count())
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if ok {
        Ok(code)
    } else {
        Err(ApiError::validation(
            field,
            "a code is 3 to 32 letters, digits or hyphens",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_discount_is_a_percentage_or_an_amount_never_both() {
        assert_eq!(Discount::new(Some(10), None), Ok(Discount::PercentOff(10)));
        assert_eq!(Discount::new(None, Some(500)), Ok(Discount::AmountOff(500)));
        for (percent, amount, field) in [
            (Some(0), None, "percentOff"),
            (Some(101), None, "percentOff"),
            (None, Some(0), "amountOffMinor"),
            (None, Some(-5), "amountOffMinor"),
            (Some(10), Some(500), "percentOff"),
            (None, None, "percentOff"),
        ] {
            let error = Discount::new(percent, amount).expect_err("refused");
            assert!(
                matches!(&error, ApiError::Validation { field: f, .. } if f == field),
                "{percent:?} {amount:?}: {error:?}"
            );
        }
    }

    #[test]
    fn codes_are_trimmed_upper_cased_and_plain() {
        assert_eq!(code("code", " feb-10 "), Ok("FEB-10".to_owned()));
        for bad in ["", "ab", "ten percent", "CAFÉ", &"X".repeat(33)] {
            assert!(code("code", bad).is_err(), "{bad}");
        }
    }
}

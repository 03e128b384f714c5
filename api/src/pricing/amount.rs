//! What one promotion takes off a list price, in integer minor units.

use super::Discount;

/// The promotion's discount on its own, between 0 and the list price (0 when the list
/// price is not positive). Percentages round half up: 10% of 7,499 is 749.9, so 750.
/// The product is taken in i128, so no list price or percentage can overflow it.
pub(super) fn standalone(discount: Discount, list_minor: i64) -> i64 {
    if list_minor <= 0 {
        return 0;
    }
    match discount {
        Discount::PercentOff(percent) => {
            let percent = i128::from(percent.min(100));
            let off = (i128::from(list_minor) * percent + 50) / 100;
            // `off <= list_minor` because `percent <= 100`, so the conversion cannot fail.
            i64::try_from(off).unwrap_or(list_minor)
        }
        Discount::AmountOff(amount) => amount.clamp(0, list_minor),
    }
}

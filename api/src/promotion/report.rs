//! How a promotion does: redemptions, discount given and revenue after discount, by
//! location and by local day, and the redemptions released by cancellations and by moves. One SQL
//! aggregate per report; the totals are folded from its rows here.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use entity::{booking, enums::ReleasedBy, promotion_redemption};
use sea_orm::{
    ConnectionTrait,
    sea_query::{Alias, Expr, ExprTrait, Func, Query},
};
use uuid::Uuid;

use crate::error::ApiResult;

/// Sums over some redemptions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Still held (their bookings not cancelled).
    pub redemptions: i64,
    /// Given back by cancellations.
    pub released: i64,
    /// Given back when a move priced the booking again without it.
    pub moved_out: i64,
    /// Over the held redemptions.
    pub discount_minor: i64,
    /// What the held redemptions' bookings pay, after the discount.
    pub revenue_minor: i64,
}

impl Totals {
    fn add(&mut self, other: Totals) {
        self.redemptions += other.redemptions;
        self.released += other.released;
        self.moved_out += other.moved_out;
        self.discount_minor += other.discount_minor;
        self.revenue_minor += other.revenue_minor;
    }
}

/// The aggregate's row: one location on one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub location_id: Uuid,
    pub day: Option<NaiveDate>,
    pub totals: Totals,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub total: Totals,
    /// By location id.
    pub by_location: Vec<(Uuid, Totals)>,
    /// By day, oldest first.
    pub by_day: Vec<(NaiveDate, Totals)>,
}

/// Folds the aggregate's rows into the report.
pub fn fold(rows: &[Row]) -> Report {
    let mut total = Totals::default();
    let mut locations: BTreeMap<Uuid, Totals> = BTreeMap::new();
    let mut days: BTreeMap<NaiveDate, Totals> = BTreeMap::new();
    for row in rows {
        total.add(row.totals);
        locations
            .entry(row.location_id)
            .or_default()
            .add(row.totals);
        if let Some(day) = row.day {
            days.entry(day).or_default().add(row.totals);
        }
    }
    Report {
        total,
        by_location: locations.into_iter().collect(),
        by_day: days.into_iter().collect(),
    }
}

/// Redemptions of the promotion summed per location and local day, in one statement.
pub async fn rows(db: &impl ConnectionTrait, promotion_id: Uuid) -> ApiResult<Vec<Row>> {
    use booking::Column as B;
    use promotion_redemption::Column as R;
    let held = || Expr::col((promotion_redemption::Entity, R::ReleasedAt)).is_null();
    let sum = |when_held: Expr, otherwise: Expr| {
        Func::sum(Expr::case(held(), when_held).finally(otherwise)).cast_as(Alias::new("BIGINT"))
    };
    let released_by = |by: ReleasedBy| {
        let when = Expr::col((promotion_redemption::Entity, R::ReleasedBy)).eq(by);
        Func::sum(Expr::case(when, 1).finally(0)).cast_as(Alias::new("BIGINT"))
    };
    let query = Query::select()
        .expr_as(
            Expr::col((booking::Entity, B::LocationId)),
            Alias::new("location_id"),
        )
        .expr_as(
            Expr::col((promotion_redemption::Entity, R::RedeemedOn)),
            Alias::new("day"),
        )
        .expr_as(sum(Expr::val(1), Expr::val(0)), Alias::new("redemptions"))
        .expr_as(
            released_by(ReleasedBy::Cancellation),
            Alias::new("released"),
        )
        .expr_as(released_by(ReleasedBy::Reschedule), Alias::new("moved_out"))
        .expr_as(
            sum(
                Expr::col((promotion_redemption::Entity, R::DiscountMinor)),
                Expr::val(0),
            ),
            Alias::new("discount"),
        )
        .expr_as(
            sum(
                Expr::col((booking::Entity, B::FinalPriceMinor)),
                Expr::val(0),
            ),
            Alias::new("revenue"),
        )
        .from(promotion_redemption::Entity)
        .inner_join(
            booking::Entity,
            Expr::col((booking::Entity, B::Id))
                .equals((promotion_redemption::Entity, R::BookingId)),
        )
        .and_where(Expr::col((promotion_redemption::Entity, R::PromotionId)).eq(promotion_id))
        .group_by_col((booking::Entity, B::LocationId))
        .group_by_col((promotion_redemption::Entity, R::RedeemedOn))
        .to_owned();
    let mut found = Vec::new();
    for row in db.query_all(&query).await? {
        found.push(Row {
            location_id: row.try_get("", "location_id")?,
            day: row.try_get("", "day")?,
            totals: Totals {
                redemptions: row.try_get("", "redemptions")?,
                released: row.try_get("", "released")?,
                moved_out: row.try_get("", "moved_out")?,
                discount_minor: row.try_get("", "discount")?,
                revenue_minor: row.try_get("", "revenue")?,
            },
        });
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }

    fn totals(redemptions: i64, released: i64, discount: i64, revenue: i64) -> Totals {
        Totals {
            redemptions,
            released,
            moved_out: 0,
            discount_minor: discount,
            revenue_minor: revenue,
        }
    }

    #[test]
    fn rows_fold_into_totals_by_location_and_by_day() {
        let (leeds, york) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let rows = [
            Row {
                location_id: leeds,
                day: day("2027-02-02"),
                totals: totals(2, 0, 1200, 10800),
            },
            Row {
                location_id: york,
                day: day("2027-02-02"),
                totals: totals(1, 1, 600, 5400),
            },
            Row {
                location_id: leeds,
                day: day("2027-02-01"),
                totals: totals(1, 0, 600, 5400),
            },
        ];
        let report = fold(&rows);
        assert_eq!(report.total, totals(4, 1, 2400, 21600));
        assert_eq!(
            report.by_location,
            [
                (leeds, totals(3, 0, 1800, 16200)),
                (york, totals(1, 1, 600, 5400))
            ]
        );
        let days: Vec<_> = report.by_day.iter().map(|(d, t)| (Some(*d), *t)).collect();
        assert_eq!(
            days,
            [
                (day("2027-02-01"), totals(1, 0, 600, 5400)),
                (day("2027-02-02"), totals(3, 1, 1800, 16200))
            ]
        );
    }

    #[test]
    fn a_promotion_never_redeemed_reports_zeros() {
        assert_eq!(fold(&[]), Report::default());
    }
}

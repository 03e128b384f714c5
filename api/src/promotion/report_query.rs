//! `promotionReport(id)`: for the clinic's franchise admins.

use async_graphql::{Context, ID, Object, SimpleObject};

use super::{Promotion, report, rules};
use crate::{
    auth::{
        guard::SignedIn,
        policy::{Action, require},
        principal::principal,
    },
    error::{ApiError, ApiResult},
    graphql::{
        id::{self, Kind},
        loader::{db, loader},
        money::Money,
        scalars::Date,
    },
    location::{Location, LocationById},
};

/// Sums over some of a promotion's redemptions.
#[derive(SimpleObject)]
pub struct ReportFigures {
    /// Held by bookings that are not cancelled.
    pub redemptions: i64,
    /// Given back by cancellations.
    pub released: i64,
    /// Given back when a move priced the booking again without it.
    pub moved_out: i64,
    pub discount_given: Money,
    /// What the bookings holding them pay, after the discount.
    pub revenue: Money,
}

#[derive(SimpleObject)]
pub struct ReportByLocation {
    pub location: Location,
    pub figures: ReportFigures,
}

#[derive(SimpleObject)]
pub struct ReportByDay {
    /// The local date at the location when the booking was made.
    pub date: Date,
    pub figures: ReportFigures,
}

#[derive(SimpleObject)]
pub struct PromotionReport {
    pub promotion: Promotion,
    pub total: ReportFigures,
    pub by_location: Vec<ReportByLocation>,
    /// Oldest first.
    pub by_day: Vec<ReportByDay>,
}

fn figures(totals: report::Totals, currency: &str) -> ReportFigures {
    ReportFigures {
        redemptions: totals.redemptions,
        released: totals.released,
        moved_out: totals.moved_out,
        discount_given: Money::new(totals.discount_minor, currency),
        revenue: Money::new(totals.revenue_minor, currency),
    }
}

#[derive(Default)]
pub struct PromotionReportQuery;

#[Object]
impl PromotionReportQuery {
    /// How a promotion does: franchise admins of its clinic.
    #[graphql(guard = "SignedIn")]
    async fn promotion_report(&self, ctx: &Context<'_>, id: ID) -> ApiResult<PromotionReport> {
        let db = db(ctx)?;
        let row = rules::find(db, id::require(Kind::Promotion, &id, "promotion")?).await?;
        require(
            principal(ctx),
            Action::ManageClinic {
                clinic_id: row.clinic_id,
            },
        )?;
        let clinic = crate::clinic::rules::find(db, row.clinic_id).await?;
        let report = report::fold(&report::rows(db, row.id).await?);
        let currency = clinic.currency.as_str();
        // Every location in one batch.
        let keys = report.by_location.iter().map(|(id, _)| LocationById(*id));
        let mut locations = loader(ctx)?.load_many(keys).await?;
        let mut by_location = Vec::with_capacity(report.by_location.len());
        for (location_id, totals) in report.by_location {
            let location = locations
                .remove(&LocationById(location_id))
                .ok_or(ApiError::not_found("location"))?;
            by_location.push(ReportByLocation {
                location: Location(location),
                figures: figures(totals, currency),
            });
        }
        Ok(PromotionReport {
            promotion: Promotion(row),
            total: figures(report.total, currency),
            by_location,
            by_day: report
                .by_day
                .into_iter()
                .map(|(day, totals)| ReportByDay {
                    date: Date(day),
                    figures: figures(totals, currency),
                })
                .collect(),
        })
    }
}

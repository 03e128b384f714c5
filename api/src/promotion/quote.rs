//! `priceQuote`: what `createBooking` would charge now, and why each promotion did or did
//! not apply.

use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use entity::promotion;

use super::offers;
use crate::{
    auth::principal::principal,
    booking::{price, target},
    error::ApiResult,
    graphql::{
        id::{self, Kind},
        loader::db,
        money::Money,
    },
    pricing, validate,
};

#[derive(InputObject)]
pub struct PriceQuoteInput {
    pub service_id: ID,
    pub location_id: ID,
    pub starts_at: DateTime<Utc>,
    /// One of the service's durations; the shortest when left out.
    pub duration_minutes: Option<i32>,
    /// Case does not matter.
    pub promo_code: Option<String>,
}

/// Why a promotion did not apply.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "crate::pricing::Reason")]
pub enum PromotionRefusal {
    NotStarted,
    Ended,
    OutOfScope,
    MinSpend,
    FirstVisitOnly,
    ClientLimit,
    Exhausted,
    DoesNotCombine,
    BetterOffer,
}

/// A promotion as clients see it: what it offers, not how it is capped.
pub struct Offer(pub promotion::Model);

#[Object]
impl Offer {
    async fn id(&self) -> ID {
        id::encode(Kind::Promotion, self.0.id)
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    async fn description(&self) -> &str {
        &self.0.description
    }

    async fn percent_off(&self) -> Option<i32> {
        self.0.percent_off
    }

    async fn amount_off(&self) -> Option<Money> {
        Some(Money::new(
            self.0.amount_off_minor?,
            self.0.currency.as_deref()?,
        ))
    }

    /// The minimum list price it needs, if any (minor units).
    async fn min_list_price_minor(&self) -> Option<i64> {
        self.0.min_spend_minor
    }

    async fn valid_from(&self) -> DateTime<Utc> {
        self.0.starts_at
    }

    async fn valid_to(&self) -> DateTime<Utc> {
        self.0.ends_at
    }
}

#[derive(SimpleObject)]
pub struct AppliedOffer {
    pub promotion: Offer,
    pub discount: Money,
}

/// One promotion considered for the booking: applied, or why not.
#[derive(SimpleObject)]
pub struct PromotionVerdict {
    pub promotion: Offer,
    pub applied: bool,
    pub reason: Option<PromotionRefusal>,
}

#[derive(SimpleObject)]
pub struct PriceQuote {
    pub list_price: Money,
    pub discount: Money,
    pub final_price: Money,
    /// The promotion applied (the largest, when several combine); null when none.
    pub promotion: Option<Offer>,
    pub applied: Vec<AppliedOffer>,
    /// Every promotion considered: automatic ones, and the one whose code was entered.
    pub explanation: Vec<PromotionVerdict>,
}

#[derive(Default)]
pub struct PriceQuoteQuery;

#[Object]
impl PriceQuoteQuery {
    /// What booking this would cost the caller now (anyone may ask; signed in, their own
    /// history counts for first-visit offers and per-client limits).
    async fn price_quote(
        &self,
        ctx: &Context<'_>,
        input: PriceQuoteInput,
    ) -> ApiResult<PriceQuote> {
        let db = db(ctx)?;
        let now = Utc::now();
        let service_id = id::require(Kind::Service, &input.service_id, "service")?;
        let location_id = id::require(Kind::Location, &input.location_id, "location")?;
        let starts_at = validate::near_now("startsAt", input.starts_at, now)?;
        let code = validate::optional_text("promoCode", input.promo_code.as_deref(), 64)?;
        let client = principal(ctx).user_id().ok();
        let target = target::find(db, service_id, location_id, input.duration_minutes).await?;
        let list = price::list_price(db, &target.variant, location_id).await?;
        let offers = offers::load(db, target.clinic.id, &list.currency, client, &[]).await?;
        let asked = offers::Asked {
            client,
            moving: None,
            starts_at,
            booked_at: now,
            code: code.clone(),
        };
        let quote_input = offers::quote_input(db, &offers, &target, &list, asked).await?;
        let quote = pricing::quote(&quote_input, &offers.promotions);
        if code.is_some() && !quote.code_matched {
            return Err(offers::unknown_code());
        }
        let offer = |id| offers.rows.get(&id).cloned().map(Offer);
        let money = |amount| Money::new(amount, &quote.currency);
        let applied: Vec<AppliedOffer> = quote
            .applied
            .iter()
            .filter_map(|a| {
                Some(AppliedOffer {
                    promotion: offer(a.promotion_id)?,
                    discount: money(a.discount_minor),
                })
            })
            .collect();
        let explanation = quote
            .verdicts
            .iter()
            .filter_map(|v| {
                Some(PromotionVerdict {
                    promotion: offer(v.promotion_id)?,
                    applied: v.applied,
                    reason: v.reason.map(Into::into),
                })
            })
            .collect();
        let promotion = quote.applied.first().and_then(|a| offer(a.promotion_id));
        Ok(PriceQuote {
            list_price: money(quote.list_price_minor),
            discount: money(quote.discount_minor),
            final_price: money(quote.final_price_minor),
            promotion,
            applied,
            explanation,
        })
    }
}

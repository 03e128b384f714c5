//! Promotions as franchise admins and location managers see them.

use async_graphql::{Context, Enum, ID, Object};
use chrono::{DateTime, Utc};
use entity::promotion;

use super::loaders::ScopeOfPromotion;
use crate::{
    clinic::Clinic,
    error::ApiResult,
    graphql::{
        id::{self, Kind},
        loader::loader,
        money::Money,
    },
};

/// Who a promotion reaches: clients who enter its code, or every booking it fits.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PromotionClass {
    Code,
    Automatic,
}

/// What the validity window is matched against.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::WindowBasis")]
pub enum WindowBasis {
    /// The appointment's start.
    Appointment,
    /// When the booking is made.
    Booking,
}

/// A discount offer of a clinic.
pub struct Promotion(pub promotion::Model);

#[Object]
impl Promotion {
    pub async fn id(&self) -> ID {
        id::encode(Kind::Promotion, self.0.id)
    }

    async fn clinic(&self, ctx: &Context<'_>) -> ApiResult<Clinic> {
        Clinic::of(ctx, self.0.clinic_id).await
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    async fn description(&self) -> &str {
        &self.0.description
    }

    /// 1 to 100 for a percentage off; null for an amount off.
    async fn percent_off(&self) -> Option<i32> {
        self.0.percent_off
    }

    /// For an amount off; null for a percentage off.
    async fn amount_off(&self) -> Option<Money> {
        let currency = self.0.currency.as_deref()?;
        Some(Money::new(self.0.amount_off_minor?, currency))
    }

    async fn class(&self) -> PromotionClass {
        if self.0.automatic {
            PromotionClass::Automatic
        } else {
            PromotionClass::Code
        }
    }

    /// Upper case; compared case-insensitively. Null for an automatic promotion.
    async fn code(&self) -> Option<&str> {
        self.0.code.as_deref()
    }

    async fn valid_from(&self) -> DateTime<Utc> {
        self.0.starts_at
    }

    /// Exclusive.
    async fn valid_to(&self) -> DateTime<Utc> {
        self.0.ends_at
    }

    async fn window_basis(&self) -> WindowBasis {
        self.0.window_basis.into()
    }

    /// The services it is limited to, as IDs; empty: every service of the clinic.
    async fn service_ids(&self, ctx: &Context<'_>) -> ApiResult<Vec<ID>> {
        let (services, _) = self.scope(ctx).await?;
        Ok(services
            .into_iter()
            .map(|s| id::encode(Kind::Service, s))
            .collect())
    }

    /// The locations it is limited to, as IDs; empty: every location of the clinic.
    async fn location_ids(&self, ctx: &Context<'_>) -> ApiResult<Vec<ID>> {
        let (_, locations) = self.scope(ctx).await?;
        Ok(locations
            .into_iter()
            .map(|l| id::encode(Kind::Location, l))
            .collect())
    }

    async fn first_visit_only(&self) -> bool {
        self.0.first_visit_only
    }

    /// In the clinic's currency's minor units.
    async fn min_list_price_minor(&self) -> Option<i64> {
        self.0.min_spend_minor
    }

    async fn total_cap(&self) -> Option<i32> {
        self.0.max_redemptions
    }

    async fn per_client_cap(&self) -> Option<i32> {
        self.0.max_redemptions_per_client
    }

    /// The classes it may be applied together with.
    async fn combines_with(&self) -> Vec<PromotionClass> {
        let mut classes = Vec::new();
        if self.0.combines_with_code {
            classes.push(PromotionClass::Code);
        }
        if self.0.combines_with_automatic {
            classes.push(PromotionClass::Automatic);
        }
        classes
    }

    /// When it was ended early, if it was.
    async fn ended_at(&self) -> Option<DateTime<Utc>> {
        self.0.ended_at
    }

    /// Redemptions held now (released ones, of cancelled bookings, no longer count).
    async fn redemptions(&self) -> i32 {
        self.0.redemption_count
    }
}

impl Promotion {
    async fn scope(&self, ctx: &Context<'_>) -> ApiResult<(Vec<uuid::Uuid>, Vec<uuid::Uuid>)> {
        let scope = loader(ctx)?.load_one(ScopeOfPromotion(self.0.id)).await?;
        Ok(scope.unwrap_or_default())
    }
}

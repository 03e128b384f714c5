//! The promotions a booking could get, read for the pure pricing: a clinic's promotions
//! not ended, with their scope and how often they (and this client) have used them. A
//! fixed number of statements, whatever the promotions.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use entity::{
    enums::WindowBasis, promotion, promotion_location, promotion_redemption, promotion_service,
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::terms::Discount;
use crate::{
    booking::{price::Charge, target::Target},
    error::{ApiError, ApiResult},
    pricing,
};

/// The clinic's promotions in pricing's terms, and the rows they came from (by id).
pub struct Offers {
    pub promotions: Vec<pricing::Promotion>,
    pub rows: HashMap<Uuid, promotion::Model>,
}

/// The client's redemptions not released, per promotion. (All clients' are the
/// promotion's `redemption_count`.)
pub(super) async fn counts(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
    client: Uuid,
) -> ApiResult<HashMap<Uuid, u64>> {
    use promotion_redemption::Column;
    let counted: Vec<(Uuid, i64)> = promotion_redemption::Entity::find()
        .select_only()
        .column(Column::PromotionId)
        .column_as(Expr::col(Column::Id).count(), "redemptions")
        .filter(Column::PromotionId.is_in(ids.iter().copied()))
        .filter(Column::ReleasedAt.is_null())
        .filter(Column::ClientUserId.eq(client))
        .group_by(Column::PromotionId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(counted
        .into_iter()
        .map(|(id, n)| (id, u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// The promotion's terms in pricing's terms, for the whole clinic and never redeemed: the
/// caller adds its scope and counts. `None` for a row whose discount does not fit.
pub fn offer(row: &promotion::Model, currency: &str) -> Option<pricing::Promotion> {
    let discount = match Discount::of(row)? {
        Discount::PercentOff(p) => pricing::Discount::PercentOff(u8::try_from(p).ok()?),
        Discount::AmountOff(a) => pricing::Discount::AmountOff(a),
    };
    let basis = match row.window_basis {
        WindowBasis::Appointment => pricing::WindowBasis::AppointmentStart,
        WindowBasis::Booking => pricing::WindowBasis::BookedAt,
    };
    let mut classes = Vec::new();
    if row.combines_with_code {
        classes.push(pricing::PromotionClass::Code);
    }
    if row.combines_with_automatic {
        classes.push(pricing::PromotionClass::Automatic);
    }
    let cap = |n: Option<i32>| n.and_then(|n| u32::try_from(n).ok());
    let mut offer = pricing::Promotion::automatic(
        row.id,
        discount,
        row.currency.as_deref().unwrap_or(currency),
    )
    .valid(Some(row.starts_at), Some(row.ends_at), basis)
    .combining_with(&classes);
    if let Some(code) = &row.code {
        offer.trigger = pricing::Trigger::Code(code.clone());
    }
    offer.first_visit_only = row.first_visit_only;
    offer.min_list_price_minor = row.min_spend_minor;
    offer.total_cap = cap(row.max_redemptions);
    offer.per_client_cap = cap(row.max_redemptions_per_client);
    Some(offer)
}

/// The clinic's promotions not ended, and those in `held` (a booking's own) even if ended.
pub async fn load(
    db: &impl ConnectionTrait,
    clinic_id: Uuid,
    currency: &str,
    client: Option<Uuid>,
    held: &[Uuid],
) -> ApiResult<Offers> {
    let live_or_held = Condition::any()
        .add(promotion::Column::EndedAt.is_null())
        .add(promotion::Column::Id.is_in(held.iter().copied()));
    let rows = promotion::Entity::find()
        .filter(promotion::Column::ClinicId.eq(clinic_id))
        .filter(live_or_held)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(Offers {
            promotions: Vec::new(),
            rows: HashMap::new(),
        });
    }
    let ids: Vec<Uuid> = rows.iter().map(|p| p.id).collect();
    let mut services: HashMap<Uuid, BTreeSet<Uuid>> = HashMap::new();
    for row in promotion_service::Entity::find()
        .filter(promotion_service::Column::PromotionId.is_in(ids.clone()))
        .all(db)
        .await?
    {
        services
            .entry(row.promotion_id)
            .or_default()
            .insert(row.service_id);
    }
    let mut locations: HashMap<Uuid, BTreeSet<Uuid>> = HashMap::new();
    for row in promotion_location::Entity::find()
        .filter(promotion_location::Column::PromotionId.is_in(ids.clone()))
        .all(db)
        .await?
    {
        locations
            .entry(row.promotion_id)
            .or_default()
            .insert(row.location_id);
    }
    let per_client = rows.iter().any(|p| p.max_redemptions_per_client.is_some());
    let mine = match client {
        Some(client) if per_client => counts(db, &ids, client).await?,
        _ => HashMap::new(),
    };
    let promotions = rows
        .iter()
        .filter_map(|row| {
            let mut offer = offer(row, currency)?;
            offer.service_ids = services.remove(&row.id).unwrap_or_default();
            offer.location_ids = locations.remove(&row.id).unwrap_or_default();
            offer.redeemed_total = u64::try_from(row.redemption_count).unwrap_or(0);
            offer.redeemed_by_client = mine.get(&row.id).copied().unwrap_or(0);
            Some(offer)
        })
        .collect();
    Ok(Offers {
        promotions,
        rows: rows.into_iter().map(|row| (row.id, row)).collect(),
    })
}

impl Offers {
    /// Promotions a booking holds (`held`) stay eligible while their window and scope take
    /// in the booking: their caps and first visit were met when they were taken.
    pub fn keep_eligible(&mut self, held: &[Uuid], input: &pricing::QuoteInput) {
        for promotion in &mut self.promotions {
            if held.contains(&promotion.id) && pricing::covers(promotion, input).is_ok() {
                promotion.total_cap = None;
                promotion.per_client_cap = None;
                promotion.first_visit_only = false;
                // The list price is the booking's, which met it; an edit since does not count.
                promotion.min_list_price_minor = None;
            }
        }
    }

    /// Leaves out the code promotions not in `used`.
    pub fn only_codes_of(&mut self, used: &[Uuid]) {
        self.promotions.retain(|promotion| {
            matches!(promotion.trigger, pricing::Trigger::Automatic) || used.contains(&promotion.id)
        });
    }
}

/// What a booking is priced for, besides its target and list price.
pub struct Asked {
    pub client: Option<Uuid>,
    /// The booking being priced again, which is no visit of its own.
    pub moving: Option<Uuid>,
    pub starts_at: DateTime<Utc>,
    pub booked_at: DateTime<Utc>,
    pub code: Option<String>,
}

/// Pricing's input, built one way for `priceQuote` and for the charge, so the quote is
/// what the booking is charged.
pub async fn quote_input(
    db: &impl ConnectionTrait,
    offers: &Offers,
    target: &Target,
    list: &Charge,
    asked: Asked,
) -> ApiResult<pricing::QuoteInput> {
    let clinic = target.clinic.id;
    Ok(pricing::QuoteInput {
        service_id: target.service.id,
        location_id: target.location.id,
        list_price_minor: list.list_minor,
        currency: list.currency.clone(),
        appointment_start: asked.starts_at,
        booked_at: asked.booked_at,
        first_visit: first_visit(db, offers, clinic, asked.client, asked.moving).await?,
        code: asked.code,
    })
}

/// An entered code no promotion of the clinic has.
pub fn unknown_code() -> ApiError {
    ApiError::Validation {
        field: "promoCode".into(),
        message: "no promotion of this clinic has this code".into(),
        reason: Some("UNKNOWN_CODE"),
    }
}

/// Whether this would be the client's first visit: no booking at the clinic that is not
/// cancelled, whenever it is, other than the one being priced again (`moving`).
/// Anonymous callers are quoted as first-time clients. Not looked up when no offer asks.
async fn first_visit(
    db: &impl ConnectionTrait,
    offers: &Offers,
    clinic_id: Uuid,
    client: Option<Uuid>,
    moving: Option<Uuid>,
) -> ApiResult<bool> {
    if !offers.promotions.iter().any(|p| p.first_visit_only) {
        return Ok(true);
    }
    match client {
        Some(client) => Ok(!super::redemptions::has_visited(db, clinic_id, client, moving).await?),
        None => Ok(true),
    }
}

//! What a booking is charged: the quote `priceQuote` shows, with each applied promotion's
//! redemption taken in the booking's transaction. A promotion used up meanwhile refuses
//! the booking, unless the client accepts the price without it.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use entity::{booking, enums::ReleasedBy, promotion_redemption};
use sea_orm::{DatabaseTransaction, TransactionTrait};
use uuid::Uuid;

use super::{offers, redemptions};
use crate::{
    booking::{price, price::Charge, target::Target},
    error::{ApiError, ApiResult},
    pricing,
};

/// The charge, and the redemptions taken for it (promotion, discount).
pub struct Priced {
    pub charge: Charge,
    pub redemptions: Vec<(Uuid, i64)>,
}

/// How the client asked to be priced.
pub struct Ask<'a> {
    pub client: Uuid,
    pub starts_at: DateTime<Utc>,
    pub code: Option<&'a str>,
    /// Book at the price without a promotion that turns out to be used up.
    pub accept_list_price: bool,
    /// A booking priced again, rather than a new one.
    pub again: Option<Again<'a>>,
}

/// A booking priced again at a new start: its list price and booking time stay what they
/// were, and it is no visit of its own. Each promotion it holds stays eligible while its
/// window (as set, even if the promotion has since been ended) takes in the new start,
/// as caps and first visit were met when it was taken; the others are judged as for a
/// new booking. Held redemptions the new price leaves out are released, the rest kept.
pub struct Again<'a> {
    pub booking: &'a booking::Model,
    pub held: &'a [promotion_redemption::Model],
    /// Every promotion the booking has had a redemption of, held or given back.
    pub used: &'a [Uuid],
}

pub async fn price_and_take(
    txn: &DatabaseTransaction,
    target: &Target,
    ask: Ask<'_>,
    now: DateTime<Utc>,
) -> ApiResult<Priced> {
    let list = match &ask.again {
        Some(again) => Charge {
            list_minor: again.booking.list_price_minor,
            discount_minor: 0,
            currency: again.booking.currency.clone(),
        },
        None => price::list_price(txn, &target.variant, target.location.id).await?,
    };
    let moving = ask.again.as_ref().map(|again| again.booking.id);
    let held = ask.again.as_ref().map_or(&[][..], |again| again.held);
    let kept: BTreeSet<Uuid> = held.iter().map(|r| r.promotion_id).collect();
    let held_ids: Vec<Uuid> = kept.iter().copied().collect();
    let mut offers = offers::load(
        txn,
        target.clinic.id,
        &list.currency,
        Some(ask.client),
        &held_ids,
    )
    .await?;
    let asked = offers::Asked {
        client: Some(ask.client),
        moving,
        starts_at: ask.starts_at,
        booked_at: ask
            .again
            .as_ref()
            .map_or(now, |again| again.booking.created_at),
        code: ask.code.map(str::to_owned),
    };
    let input = offers::quote_input(txn, &offers, target, &list, asked).await?;
    if let Some(again) = &ask.again {
        offers.keep_eligible(&held_ids, &input);
        // On a move, a code stands for the promotions the booking used it for, not for a
        // later one that took the code over.
        offers.only_codes_of(again.used);
    }
    // Each round either takes every applied redemption or rules one promotion out.
    for _ in 0..=offers.promotions.len() {
        let quote = pricing::quote(&input, &offers.promotions);
        if input.code.is_some() && !quote.code_matched && ask.again.is_none() {
            return Err(offers::unknown_code());
        }
        // A code the client entered that its caps now rule out refuses the booking,
        // unless the client takes the price without it.
        if !ask.accept_list_price
            && let Some(capped) = quote.verdicts.iter().find_map(|v| capped_code(v, &offers))
        {
            return Err(capped.error(true));
        }
        let applied: BTreeSet<Uuid> = quote.applied.iter().map(|a| a.promotion_id).collect();
        if applied.is_empty() && kept.is_empty() {
            return Ok(Priced {
                charge: list,
                redemptions: Vec::new(),
            });
        }
        let attempt = txn.begin().await?;
        let redeem = Redeem {
            client: ask.client,
            moving,
            held,
            kept: &kept,
            now,
        };
        match redeem.all(&attempt, &offers, &applied).await? {
            None => {
                attempt.commit().await?;
                return Ok(Priced {
                    charge: Charge {
                        list_minor: quote.list_price_minor,
                        discount_minor: quote.discount_minor,
                        currency: quote.currency,
                    },
                    redemptions: quote
                        .applied
                        .iter()
                        .map(|a| (a.promotion_id, a.discount_minor))
                        .collect(),
                });
            }
            Some((promotion_id, why)) => {
                attempt.rollback().await?;
                // A move has no code field to point at.
                let coded = ask.again.is_none()
                    && offers
                        .rows
                        .get(&promotion_id)
                        .is_some_and(|row| row.code.is_some());
                if !ask.accept_list_price || why == redemptions::Refused::Changed {
                    return Err(why.error(coded));
                }
                // Priced again as if it were used up, which it is.
                if let Some(offer) = offers.promotions.iter_mut().find(|p| p.id == promotion_id) {
                    offer.total_cap = Some(0);
                }
            }
        }
    }
    Err(ApiError::Internal)
}

/// Brings a booking's redemptions to the applied promotions.
struct Redeem<'a> {
    client: Uuid,
    moving: Option<Uuid>,
    held: &'a [promotion_redemption::Model],
    /// The held promotions' ids.
    kept: &'a BTreeSet<Uuid>,
    now: DateTime<Utc>,
}

impl Redeem<'_> {
    /// Takes each applied promotion not held, keeps each held one still applied and gives
    /// back the others, in id order (as cancellations release them, so two never wait on
    /// each other). The first promotion refused, and why.
    async fn all(
        &self,
        attempt: &DatabaseTransaction,
        offers: &offers::Offers,
        applied: &BTreeSet<Uuid>,
    ) -> ApiResult<Option<(Uuid, redemptions::Refused)>> {
        for &id in applied.union(self.kept) {
            let row = offers.rows.get(&id).ok_or(ApiError::Internal)?;
            let outcome = match self.held.iter().find(|r| r.promotion_id == id) {
                Some(given_back) if !applied.contains(&id) => {
                    let by = ReleasedBy::Reschedule;
                    redemptions::release_one(attempt, given_back, by, self.now).await?;
                    Ok(())
                }
                Some(_) => redemptions::keep(attempt, row).await?,
                None => redemptions::take(attempt, row, self.client, self.moving).await?,
            };
            if let Err(why) = outcome {
                return Ok(Some((id, why)));
            }
        }
        Ok(None)
    }
}

/// Why an entered code's promotion was left out for its caps, if it was.
fn capped_code(
    verdict: &pricing::Verdict,
    offers: &offers::Offers,
) -> Option<redemptions::Refused> {
    let coded = offers
        .rows
        .get(&verdict.promotion_id)
        .is_some_and(|row| row.code.is_some());
    match verdict.reason? {
        pricing::Reason::Exhausted if coded => Some(redemptions::Refused::Exhausted),
        pricing::Reason::ClientLimit if coded => Some(redemptions::Refused::ClientLimit),
        _ => None,
    }
}

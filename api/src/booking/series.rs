//! Maintenance series: the same session every 1–4 weeks, booked all or nothing. Dates
//! step in the location's wall-clock time, so a weekly 18:00 stays 18:00 across DST.

use chrono::{DateTime, Days, NaiveDate, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use entity::{booking, therapist};
use sea_orm::{ConnectionTrait, DatabaseTransaction, TransactionTrait};
use uuid::Uuid;

use super::{
    availability::Slot,
    create::{self, NewBooking},
    slots::{self, Range},
    target::Target,
};
use crate::{
    error::{ApiError, ApiResult},
    promotion::{charge, redemptions},
};

/// How far either side of a taken date to look for another time.
const ALTERNATIVE_DAYS: i64 = 3;

/// The dates refused, each with why: `SLOT_TAKEN`, `ROOM_TAKEN` or `NOT_BOOKABLE`.
pub type Refused = Vec<(DateTime<Utc>, &'static str)>;

/// The starts of the series: the first, then every `every_weeks` weeks at the same local
/// time. A local time that does not exist that day (a DST gap) comes back as `None`.
pub fn starts(
    first: DateTime<Utc>,
    zone: Tz,
    every_weeks: u32,
    count: u32,
) -> Vec<(NaiveDate, Option<DateTime<Utc>>)> {
    let local = first.with_timezone(&zone).naive_local();
    (0..count)
        .filter_map(|n| {
            let days = u64::from(n) * 7 * u64::from(every_weeks);
            let at = local.checked_add_days(Days::new(days))?;
            let instant = zone
                .from_local_datetime(&at)
                .earliest()
                .map(|t| t.with_timezone(&Utc));
            Some((at.date(), instant))
        })
        .collect()
}

/// Books every date in `txn`, or none: on the first refusal it keeps going only to name
/// every date that fails, then the caller rolls back.
pub async fn book(
    txn: &DatabaseTransaction,
    template: NewBooking<'_>,
    dates: &[(NaiveDate, Option<DateTime<Utc>>)],
    now: DateTime<Utc>,
) -> ApiResult<Result<Vec<booking::Model>, Refused>> {
    let mut booked = Vec::new();
    let mut refused = Vec::new();
    redemptions::lock_automatic(txn, template.target.clinic.id).await?;
    for (day, at) in dates {
        let Some(at) = *at else {
            let midnight = day.and_hms_opt(0, 0, 0).map(|t| t.and_utc()).unwrap_or(now);
            refused.push((midnight, "NOT_BOOKABLE"));
            continue;
        };
        let attempt = txn.begin().await?;
        match session(&attempt, &template, at, now).await {
            Ok(model) => {
                attempt.commit().await?;
                booked.push(model);
            }
            Err(error) => {
                attempt.rollback().await?;
                refused.push((at, refusal_reason(&error).ok_or(error)?));
            }
        }
    }
    Ok(if refused.is_empty() {
        Ok(booked)
    } else {
        Err(refused)
    })
}

/// One session, priced on its own as `createBooking` prices it (automatic promotions; the
/// first session alone is a first visit), its redemptions taken with it.
async fn session(
    attempt: &DatabaseTransaction,
    template: &NewBooking<'_>,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> ApiResult<booking::Model> {
    let ask = charge::Ask {
        client: template.client_user_id,
        starts_at: at,
        code: None,
        accept_list_price: true,
        again: None,
    };
    let priced = charge::price_and_take(attempt, template.target, ask, now).await?;
    let new = NewBooking {
        starts_at: at,
        idempotency_key: None,
        charge: priced.charge.clone(),
        ..template.clone()
    };
    create::create(attempt, new, &priced.redemptions, now).await
}

/// The reason a date is refused, if the refusal is about the date (not about the input).
fn refusal_reason(error: &ApiError) -> Option<&'static str> {
    match error {
        ApiError::Conflict {
            reason: Some(reason @ ("SLOT_TAKEN" | "ROOM_TAKEN")),
            ..
        } => Some(reason),
        ApiError::Validation {
            reason: Some("NOT_BOOKABLE"),
            ..
        } => Some("NOT_BOOKABLE"),
        _ => None,
    }
}

/// The free slot nearest `wanted` within a few days either side (the same therapist when
/// one is named), with its therapist's profile.
pub async fn nearest_free(
    db: &impl ConnectionTrait,
    target: &Target,
    therapist_id: Option<Uuid>,
    wanted: DateTime<Utc>,
    now: DateTime<Utc>,
) -> ApiResult<Option<(Slot, therapist::Model)>> {
    let span = TimeDelta::days(ALTERNATIVE_DAYS);
    let range = Range::new(wanted - span, wanted + span)?;
    let mut free = slots::free(db, target, therapist_id, range, None, now).await?;
    let nearest = free
        .slots
        .into_iter()
        .min_by_key(|slot| (slot.starts_at - wanted).abs());
    Ok(nearest.and_then(|slot| Some((slot, free.therapists.remove(&slot.therapist)?))))
}

#[cfg(test)]
mod tests {
    use chrono_tz::Europe::London;

    use super::*;

    #[test]
    fn a_weekly_series_keeps_its_local_time_across_the_clocks_changing() {
        // 18:00 in London on 15 March 2027 (GMT); the clocks go forward on 28 March.
        let first = London
            .with_ymd_and_hms(2027, 3, 15, 18, 0, 0)
            .single()
            .map(|t| t.with_timezone(&Utc))
            .expect("a London time");
        let dates = starts(first, London, 1, 3);
        let local: Vec<String> = dates
            .iter()
            .filter_map(|(_, at)| *at)
            .map(|at| at.with_timezone(&London).format("%F %H:%M %:z").to_string())
            .collect();
        assert_eq!(
            local,
            [
                "2027-03-15 18:00 +00:00",
                "2027-03-22 18:00 +00:00",
                "2027-03-29 18:00 +01:00"
            ]
        );
    }

    #[test]
    fn a_series_steps_by_its_interval_and_names_a_date_whose_time_does_not_exist() {
        // 01:30 on Sunday 21 March 2027; a week later the clocks skip 01:00–02:00.
        let first = London
            .with_ymd_and_hms(2027, 3, 21, 1, 30, 0)
            .single()
            .map(|t| t.with_timezone(&Utc))
            .expect("a London time");
        let dates = starts(first, London, 1, 2);
        assert!(dates[0].1.is_some());
        assert_eq!(dates[1].0.to_string(), "2027-03-28");
        assert_eq!(dates[1].1, None);
        let fortnightly = starts(first, London, 2, 4);
        let days: Vec<String> = fortnightly.iter().map(|(d, _)| d.to_string()).collect();
        assert_eq!(
            days,
            ["2027-03-21", "2027-04-04", "2027-04-18", "2027-05-02"]
        );
    }
}

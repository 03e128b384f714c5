//! Replays one planned booking through the booking rules, on a clock set to when each
//! step happened: made (a week ahead), confirmed, then completed, marked a no-show or
//! cancelled. The rules decide whether it may be booked and whether a cancellation is late.

use chrono::{DateTime, TimeDelta, Utc};
use entity::{booking, enums::BookingStatus};
use sea_orm::{DatabaseTransaction, DbErr};
use uuid::Uuid;

use super::plan::Planned;
use super::spec::ClinicSpec;
use super::time::invalid;
use super::{Ids, id};
use crate::booking::{
    change,
    create::{self, NewBooking},
    lifecycle::Step,
    target,
};
use crate::error::ApiError;
use crate::promotion::charge;

pub async fn book(
    txn: &DatabaseTransaction,
    spec: &ClinicSpec,
    planned: &Planned,
    ids: &Ids,
    intake: Option<(Uuid, serde_json::Value)>,
) -> Result<booking::Model, DbErr> {
    let s = planned.spec;
    let refused = |error: ApiError| {
        invalid(format!(
            "booking of {} with {} at {}: {error:?}",
            s.client, s.therapist, planned.starts_at
        ))
    };
    let client = id(&ids.clients, &s.client)?.user;
    let service = id(&ids.services, &s.service)?;
    let location = id(&ids.locations, &s.location)?;
    let target = target::find(txn, service, location, Some(s.minutes))
        .await
        .map_err(refused)?;
    let made = planned.created_at;
    // The client enters the code of the promotion the booking names; automatic ones apply
    // as the rules say.
    let code = match s.promotion {
        Some(name) => spec
            .promotions
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.code),
        None => None,
    };
    let ask = charge::Ask {
        client,
        starts_at: planned.starts_at,
        code,
        accept_list_price: false,
        again: None,
    };
    let priced = charge::price_and_take(txn, &target, ask, made)
        .await
        .map_err(refused)?;
    let new = NewBooking {
        target: &target,
        therapist_id: Some(id(&ids.therapists, &s.therapist)?),
        starts_at: planned.starts_at,
        client_user_id: client,
        created_by_user_id: client,
        intake,
        charge: priced.charge.clone(),
        idempotency_key: None,
        series_id: None,
        notes: s.notes.to_owned(),
    };
    let mut booking = create::create(txn, new, &priced.redemptions, made)
        .await
        .map_err(refused)?;
    let cutoff = TimeDelta::minutes(i64::from(spec.cancellation_cutoff_minutes));
    let minute = TimeDelta::minutes(1);
    let ends = booking.ends_at;
    let steps: Vec<(Step, DateTime<Utc>)> = match planned.status {
        BookingStatus::Pending => vec![],
        BookingStatus::Confirmed => vec![(Step::Confirm, made + minute)],
        BookingStatus::Completed => vec![(Step::Confirm, made + minute), (Step::Complete, ends)],
        BookingStatus::NoShow => vec![
            (Step::Confirm, made + minute),
            (Step::NoShow, planned.starts_at + TimeDelta::minutes(15)),
        ],
        BookingStatus::CancelledByClient | BookingStatus::CancelledByClinic => {
            let by_clinic = planned.status == BookingStatus::CancelledByClinic;
            let at = planned.cancelled_at.unwrap_or(made);
            vec![(Step::Cancel { by_clinic }, at)]
        }
    };
    for (step, at) in steps {
        let reason = s.cancellation_reason.map(str::to_owned);
        booking = change::step(txn, booking, step, cutoff, reason, at)
            .await
            .map_err(refused)?;
    }
    Ok(booking)
}

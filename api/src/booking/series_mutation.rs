//! `createBookingSeries`: maintenance sessions every 1–4 weeks, all or nothing.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, FixedOffset, Utc};
use std::sync::Arc;

use uuid::Uuid;

use super::{Booking, Slot, create::NewBooking, input, price, series, target, types::local, write};
use crate::{
    auth::{guard::SignedIn, principal::principal},
    error::ApiResult,
    graphql::{
        id::{self, Kind},
        loader::db,
    },
    intake::IntakeInput,
    validate,
};

#[derive(InputObject)]
pub struct CreateBookingSeriesInput {
    pub service_id: ID,
    pub location_id: ID,
    /// Left out, each date gets the free qualified therapist with the fewest bookings.
    pub therapist_id: Option<ID>,
    /// The first session; the others follow at the same local time.
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: Option<i32>,
    /// 1 to 4.
    pub every_weeks: i32,
    /// 2 to 12 sessions.
    pub count: i32,
    pub intake: Option<IntakeInput>,
    #[graphql(default)]
    pub notes: String,
}

/// A date of the series that could not be booked.
#[derive(SimpleObject)]
pub struct SeriesConflict {
    pub starts_at: DateTime<FixedOffset>,
    /// `SLOT_TAKEN`, `ROOM_TAKEN` or `NOT_BOOKABLE`.
    pub reason: String,
    /// The nearest free time within three days, if any.
    pub alternative: Option<Slot>,
}

/// Either every session was booked, or none was and `conflicts` says which dates failed.
#[derive(SimpleObject)]
pub struct BookingSeries {
    pub booked: bool,
    /// Shared by the series' bookings (`Booking.seriesId`).
    pub series_id: Option<ID>,
    pub bookings: Vec<Booking>,
    pub conflicts: Vec<SeriesConflict>,
}

#[derive(Default)]
pub struct BookingSeriesMutation;

#[Object]
impl BookingSeriesMutation {
    /// Books a maintenance series for the caller in one transaction: all sessions or none.
    /// Each session is priced as `createBooking` prices it, with the clinic's automatic
    /// promotions at its own start.
    #[graphql(guard = "SignedIn")]
    async fn create_booking_series(
        &self,
        ctx: &Context<'_>,
        input: CreateBookingSeriesInput,
    ) -> ApiResult<BookingSeries> {
        let db = db(ctx)?;
        let me = principal(ctx).user_id()?;
        let (service_id, location_id, therapist_id) = input::ids(
            &input.service_id,
            &input.location_id,
            input.therapist_id.as_ref(),
        )?;
        let every_weeks = validate::in_range("everyWeeks", input.every_weeks, 1..=4)?;
        let count = validate::in_range("count", input.count, 2..=12)?;
        let notes = validate::text("notes", &input.notes, 0, 1000)?;
        let form = input::intake_form(input.intake)?;
        let target = target::find(db, service_id, location_id, input.duration_minutes).await?;
        let zone = super::calendar::zone(&target.location)?;
        // The price before promotions; each session is then priced at its own start.
        let charge = price::list_price(db, &target.variant, location_id).await?;
        let dates = series::starts(
            input.starts_at,
            zone,
            every_weeks.unsigned_abs(),
            count.unsigned_abs(),
        );
        let now = Utc::now();
        let series_id = Uuid::new_v4();

        let txn = write::begin(db).await?;
        let intake = input::intake_copy(&txn, me, form).await?;
        let template = NewBooking {
            target: &target,
            therapist_id,
            starts_at: input.starts_at,
            client_user_id: me,
            created_by_user_id: me,
            intake,
            charge,
            idempotency_key: None,
            series_id: Some(series_id),
            notes,
        };
        let refused = match series::book(&txn, template, &dates, now).await? {
            Ok(bookings) => {
                txn.commit().await?;
                return Ok(BookingSeries {
                    booked: true,
                    series_id: Some(id::encode(Kind::BookingSeries, series_id)),
                    bookings: bookings.into_iter().map(Booking).collect(),
                    conflicts: Vec::new(),
                });
            }
            Err(refused) => refused,
        };
        txn.rollback().await?;
        let mut conflicts = Vec::with_capacity(refused.len());
        for (at, reason) in refused {
            let alternative = series::nearest_free(db, &target, therapist_id, at, now).await?;
            conflicts.push(SeriesConflict {
                starts_at: local(at, zone),
                reason: reason.to_owned(),
                alternative: alternative
                    .map(|(slot, therapist)| Slot::new(&slot, zone, Arc::new(therapist))),
            });
        }
        Ok(BookingSeries {
            booked: false,
            series_id: None,
            bookings: Vec::new(),
            conflicts,
        })
    }
}

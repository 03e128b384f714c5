//! The shape of a demo clinic, written as plain Rust values (see `kinetic.rs`, `sabai.rs`,
//! `peak.rs`). Things are referred to by name; times are local wall-clock `"HH:MM"` in the
//! clinic's time zone, dates `"YYYY-MM-DD"`, instants RFC 3339.

use chrono::Weekday::{self, Fri, Mon, Thu, Tue, Wed};
use entity::enums::{BookingStatus, CredentialKind, Modality, PressurePreference};

pub struct ClinicSpec {
    pub slug: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub currency: &'static str,
    pub cancellation_cutoff_minutes: i32,
    /// How many days ahead clients may book.
    pub booking_horizon_days: i32,
    /// IANA zone shared by all the clinic's locations.
    pub time_zone: &'static str,
    pub locations: &'static [LocationSpec],
    pub therapists: &'static [TherapistSpec],
    pub services: &'static [ServiceSpec],
    pub price_overrides: &'static [PriceOverride],
    pub promotions: &'static [PromotionSpec],
    pub clients: &'static [ClientSpec],
    pub bookings: &'static [BookingSpec],
}

/// `(days, from, to)`: an opening or working interval on each of `days`; a day may have
/// several.
pub type Interval = (&'static [Weekday], &'static str, &'static str);

pub const WEEKDAYS: &[Weekday] = &[Mon, Tue, Wed, Thu, Fri];

pub struct LocationSpec {
    pub name: &'static str,
    pub address_line1: &'static str,
    pub address_line2: Option<&'static str>,
    pub city: &'static str,
    pub region: Option<&'static str>,
    pub postal_code: &'static str,
    pub country_code: &'static str,
    pub phone: Option<&'static str>,
    pub hours: &'static [Interval],
    /// `(first day, last day inclusive, reason)`.
    pub closures: &'static [(&'static str, &'static str, &'static str)],
    pub rooms: &'static [&'static str],
}

pub struct TherapistSpec {
    pub name: &'static str,
    pub bio: &'static str,
    pub credential_kind: CredentialKind,
    pub credential_body: &'static str,
    pub credential_number: &'static str,
    pub buffer_minutes: i32,
    pub specialties: &'static [Modality],
    /// `(location, days, from, to)`; the therapist works at every location named here.
    pub shifts: &'static [(&'static str, &'static [Weekday], &'static str, &'static str)],
    pub time_off: Option<TimeOff>,
}

/// Whole days off, from the start of `first` to the end of `last` (local time).
pub struct TimeOff {
    pub first: When,
    pub last: When,
    pub reason: &'static str,
}

pub struct ServiceSpec {
    pub name: &'static str,
    pub description: &'static str,
    pub modality: Modality,
    pub cleanup_buffer_minutes: i32,
    /// `(duration in minutes, price in minor units)`.
    pub variants: &'static [(i32, i64)],
    pub archived: bool,
}

impl ServiceSpec {
    pub const fn new(
        name: &'static str,
        modality: Modality,
        cleanup_buffer_minutes: i32,
        variants: &'static [(i32, i64)],
        description: &'static str,
    ) -> Self {
        Self {
            name,
            description,
            modality,
            cleanup_buffer_minutes,
            variants,
            archived: false,
        }
    }

    pub const fn archived(self) -> Self {
        Self {
            archived: true,
            ..self
        }
    }
}

pub struct PriceOverride {
    pub service: &'static str,
    pub minutes: i32,
    pub location: &'static str,
    pub price_minor: i64,
}

#[derive(Clone, Copy)]
pub enum Discount {
    Percent(i32),
    /// Minor units of the clinic's currency.
    Fixed(i64),
}

pub struct PromotionSpec {
    pub name: &'static str,
    pub description: &'static str,
    pub discount: Discount,
    /// `None` = applied automatically.
    pub code: Option<&'static str>,
    pub first_visit_only: bool,
    pub starts_at: &'static str,
    pub ends_at: &'static str,
    pub max_redemptions: Option<i32>,
    pub max_redemptions_per_client: Option<i32>,
    pub min_spend_minor: Option<i64>,
    /// Combines with both code and automatic promotions.
    pub combines: bool,
    /// Empty = the whole catalogue / every location.
    pub services: &'static [&'static str],
    pub locations: &'static [&'static str],
}

/// A runner with a client account (no password) and an intake form.
pub struct ClientSpec {
    pub email: &'static str,
    pub name: &'static str,
    pub weekly_distance_km: Option<i32>,
    pub next_race: Option<(&'static str, When)>,
    pub pain_areas: &'static [&'static str],
    pub conditions: &'static [&'static str],
    pub medical_notes: &'static str,
    pub pressure: Option<PressurePreference>,
}

/// A day, relative to today so the demo stays current, or fixed.
#[derive(Clone, Copy, Debug)]
pub enum When {
    /// That weekday in the ISO week `n` weeks from the current one (-1 = last week).
    Week(i64, Weekday),
    /// A fixed `YYYY-MM-DD`.
    On(&'static str),
}

pub struct BookingSpec {
    /// The client's email.
    pub client: &'static str,
    pub location: &'static str,
    pub therapist: &'static str,
    pub service: &'static str,
    pub minutes: i32,
    /// A relative day that falls in a closure moves a week away from today.
    pub day: When,
    pub at: &'static str,
    /// Pending / confirmed bookings whose time has passed are stored as completed.
    pub status: BookingStatus,
    pub promotion: Option<&'static str>,
    pub cancellation_reason: Option<&'static str>,
    pub notes: &'static str,
}

/// A pending booking on a day still to be set with `on`; the other setters adjust it.
pub const fn book(
    client: &'static str,
    location: &'static str,
    therapist: &'static str,
    service: &'static str,
    minutes: i32,
) -> BookingSpec {
    BookingSpec {
        client,
        location,
        therapist,
        service,
        minutes,
        day: When::On(""),
        at: "",
        status: BookingStatus::Pending,
        promotion: None,
        cancellation_reason: None,
        notes: "",
    }
}

impl BookingSpec {
    pub const fn on(self, day: When, at: &'static str) -> Self {
        Self { day, at, ..self }
    }

    pub const fn status(self, status: BookingStatus) -> Self {
        Self { status, ..self }
    }

    pub const fn cancelled(self, status: BookingStatus, reason: &'static str) -> Self {
        Self {
            status,
            cancellation_reason: Some(reason),
            ..self
        }
    }

    pub const fn promotion(self, name: &'static str) -> Self {
        Self {
            promotion: Some(name),
            ..self
        }
    }

    pub const fn notes(self, notes: &'static str) -> Self {
        Self { notes, ..self }
    }
}

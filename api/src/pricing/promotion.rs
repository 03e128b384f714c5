//! What an admin configures for one promotion, plus the redemption counts the caller has
//! loaded for it.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use uuid::Uuid;

/// How much a promotion takes off, always measured against the LIST price.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Discount {
    /// Percent off, 1–100. Values above 100 count as 100 and 0 takes nothing off, so a
    /// bad row can never raise a price.
    PercentOff(u8),
    /// A fixed amount off, in the clinic currency's minor units. A negative amount takes
    /// nothing off.
    AmountOff(i64),
}

/// The class of a promotion, as named in `combines_with`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PromotionClass {
    Code,
    Automatic,
}

/// How a promotion comes into play.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Trigger {
    /// Only when the client enters this code (trimmed, compared case-insensitively).
    Code(String),
    /// On every booking it is eligible for.
    Automatic,
}

impl Trigger {
    pub fn class(&self) -> PromotionClass {
        match self {
            Trigger::Code(_) => PromotionClass::Code,
            Trigger::Automatic => PromotionClass::Automatic,
        }
    }
}

/// Which instant the validity window is matched against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum WindowBasis {
    /// When the appointment starts ("10% off massages IN February").
    #[default]
    AppointmentStart,
    /// When the booking is made ("book during February").
    BookedAt,
}

/// One promotion. Fields are public so the caller can map a stored row directly; the
/// constructors give the permissive defaults (always valid, whole clinic, no limits,
/// combines with nothing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Promotion {
    /// Unique among the promotions passed to one quote (ties and output order use it).
    pub id: Uuid,
    pub discount: Discount,
    pub trigger: Trigger,
    /// Valid on `[valid_from, valid_to)`; `None` leaves that side open.
    pub valid_from: Option<DateTime<Utc>>,
    pub valid_to: Option<DateTime<Utc>>,
    pub window_basis: WindowBasis,
    /// Empty means every service.
    pub service_ids: BTreeSet<Uuid>,
    /// Empty means every location.
    pub location_ids: BTreeSet<Uuid>,
    /// The currency its amounts are in; a booking in another currency is out of scope.
    pub currency: String,
    pub first_visit_only: bool,
    /// The list price must be at least this.
    pub min_list_price_minor: Option<i64>,
    /// At most this many redemptions in all (`Exhausted` once reached).
    pub total_cap: Option<u32>,
    /// At most this many redemptions by one client (`ClientLimit` once reached).
    pub per_client_cap: Option<u32>,
    /// Redemptions so far, not counting the booking being quoted.
    pub redeemed_total: u64,
    /// This client's redemptions so far, not counting the booking being quoted.
    pub redeemed_by_client: u64,
    /// Classes it may be applied together with; a pair combines only if each lists the
    /// other's class.
    pub combines_with: BTreeSet<PromotionClass>,
}

impl Promotion {
    /// An automatic promotion with the permissive defaults.
    pub fn automatic(id: Uuid, discount: Discount, currency: &str) -> Self {
        Promotion {
            id,
            discount,
            trigger: Trigger::Automatic,
            valid_from: None,
            valid_to: None,
            window_basis: WindowBasis::default(),
            service_ids: BTreeSet::new(),
            location_ids: BTreeSet::new(),
            currency: currency.to_owned(),
            first_visit_only: false,
            min_list_price_minor: None,
            total_cap: None,
            per_client_cap: None,
            redeemed_total: 0,
            redeemed_by_client: 0,
            combines_with: BTreeSet::new(),
        }
    }

    /// A code promotion with the permissive defaults.
    pub fn with_code(id: Uuid, code: &str, discount: Discount, currency: &str) -> Self {
        Promotion {
            trigger: Trigger::Code(code.to_owned()),
            ..Promotion::automatic(id, discount, currency)
        }
    }

    /// The same promotion, valid on `[from, to)` measured on `basis`.
    pub fn valid(
        self,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
        basis: WindowBasis,
    ) -> Self {
        Promotion {
            valid_from: from,
            valid_to: to,
            window_basis: basis,
            ..self
        }
    }

    /// The same promotion, combinable with exactly these classes.
    pub fn combining_with(self, classes: &[PromotionClass]) -> Self {
        Promotion {
            combines_with: classes.iter().copied().collect(),
            ..self
        }
    }

    pub fn class(&self) -> PromotionClass {
        self.trigger.class()
    }

    /// Whether the two may be applied together: each must list the other's class.
    pub fn combines(&self, other: &Promotion) -> bool {
        self.combines_with.contains(&other.class()) && other.combines_with.contains(&self.class())
    }
}

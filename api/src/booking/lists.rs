//! Bookings lists, paged in SQL by start then id. What a caller may see is a condition of
//! the query itself (`BookingScope`), never a filter after the fetch.

use chrono::{DateTime, Utc};
use entity::{booking, enums::BookingStatus};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Select};
use uuid::Uuid;

use crate::{auth::policy::BookingScope, graphql::keyset::SortColumns};

/// What the caller narrows the list to; every field optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    pub statuses: Vec<BookingStatus>,
    /// Starting at or after.
    pub from: Option<DateTime<Utc>>,
    /// Starting before.
    pub to: Option<DateTime<Utc>>,
    pub location_id: Option<Uuid>,
    pub therapist_id: Option<Uuid>,
    pub client_id: Option<Uuid>,
}

pub fn select(scope: &BookingScope, filter: &Filter) -> Select<booking::Entity> {
    let mut rows = booking::Entity::find().filter(scope.condition());
    if !filter.statuses.is_empty() {
        rows = rows.filter(booking::Column::Status.is_in(filter.statuses.clone()));
    }
    if let Some(from) = filter.from {
        rows = rows.filter(booking::Column::StartsAt.gte(from));
    }
    if let Some(to) = filter.to {
        rows = rows.filter(booking::Column::StartsAt.lt(to));
    }
    if let Some(id) = filter.location_id {
        rows = rows.filter(booking::Column::LocationId.eq(id));
    }
    if let Some(id) = filter.therapist_id {
        rows = rows.filter(booking::Column::TherapistId.eq(id));
    }
    if let Some(id) = filter.client_id {
        rows = rows.filter(booking::Column::ClientUserId.eq(id));
    }
    rows
}

/// By start, then id: a therapist's day reads in order.
pub fn sort() -> SortColumns {
    SortColumns::by_instant(
        (booking::Entity, booking::Column::StartsAt),
        (booking::Entity, booking::Column::Id),
    )
}

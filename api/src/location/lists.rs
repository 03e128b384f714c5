//! Lists of locations, paged in SQL (see `graphql::lists`).

use entity::{location, therapist_location};
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter, Select,
    sea_query::{ColumnRef, IntoColumnRef},
};
use uuid::Uuid;

use crate::graphql::{keyset::SortColumns, lists::ListSpec};

/// Locations by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LocationList {
    /// A clinic's locations.
    OfClinic,
    /// Where a therapist works.
    OfTherapist,
}

impl ListSpec for LocationList {
    type Entity = location::Entity;

    fn rows(&self, parents: &[Uuid]) -> (Select<location::Entity>, ColumnRef) {
        let parents = parents.iter().copied();
        match self {
            LocationList::OfClinic => (
                location::Entity::find().filter(location::Column::ClinicId.is_in(parents)),
                (location::Entity, location::Column::ClinicId).into_column_ref(),
            ),
            LocationList::OfTherapist => (
                location::Entity::find()
                    .inner_join(therapist_location::Entity)
                    .filter(therapist_location::Column::TherapistId.is_in(parents)),
                (
                    therapist_location::Entity,
                    therapist_location::Column::TherapistId,
                )
                    .into_column_ref(),
            ),
        }
    }

    fn sort(&self) -> SortColumns {
        SortColumns::new(
            (location::Entity, location::Column::Name),
            (location::Entity, location::Column::Id),
        )
    }
}

//! Lists of therapists, paged in SQL (see `graphql::lists`).

use entity::{enums::Modality, service, therapist, therapist_location, therapist_specialty};
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter, QueryTrait, Select,
    sea_query::{ColumnRef, Expr, ExprTrait, IntoColumnRef, JoinType, Query},
};
use uuid::Uuid;

use crate::graphql::{keyset::SortColumns, lists::ListSpec};

/// Therapists by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TherapistList {
    pub under: TherapistParent,
    /// Deactivated profiles too: the clinic staff's view.
    pub include_inactive: bool,
    /// Only those qualified for a service: of its clinic, specialising in its modality.
    pub qualified_for: Option<Qualification>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TherapistParent {
    Clinic,
    Location,
    /// Those qualified for a service (of its clinic, practising its modality), optionally
    /// only those working at one location: one statement for every service on a page.
    QualifiedFor {
        location: Option<Uuid>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Qualification {
    pub clinic_id: Uuid,
    pub modality: Modality,
}

impl TherapistList {
    /// Active therapists under a parent.
    pub fn active(under: TherapistParent) -> Self {
        Self {
            under,
            include_inactive: false,
            qualified_for: None,
        }
    }
}

impl ListSpec for TherapistList {
    type Entity = therapist::Entity;

    fn rows(&self, parents: &[Uuid]) -> (Select<therapist::Entity>, ColumnRef) {
        let parents = parents.iter().copied();
        let (mut rows, parent) = match self.under {
            TherapistParent::Clinic => (
                therapist::Entity::find().filter(therapist::Column::ClinicId.is_in(parents)),
                (therapist::Entity, therapist::Column::ClinicId).into_column_ref(),
            ),
            TherapistParent::Location => (
                therapist::Entity::find()
                    .inner_join(therapist_location::Entity)
                    .filter(therapist_location::Column::LocationId.is_in(parents)),
                (
                    therapist_location::Entity,
                    therapist_location::Column::LocationId,
                )
                    .into_column_ref(),
            ),
            TherapistParent::QualifiedFor { location } => {
                let mut rows = therapist::Entity::find()
                    .inner_join(therapist_specialty::Entity)
                    .filter(service::Column::Id.is_in(parents));
                QueryTrait::query(&mut rows).join(
                    JoinType::InnerJoin,
                    service::Entity,
                    Expr::col((service::Entity, service::Column::Modality))
                        .equals((
                            therapist_specialty::Entity,
                            therapist_specialty::Column::Modality,
                        ))
                        .and(
                            Expr::col((service::Entity, service::Column::ClinicId))
                                .equals((therapist::Entity, therapist::Column::ClinicId)),
                        ),
                );
                if let Some(location) = location {
                    let working_there = Query::select()
                        .column(therapist_location::Column::TherapistId)
                        .from(therapist_location::Entity)
                        .and_where(therapist_location::Column::LocationId.eq(location))
                        .to_owned();
                    rows = rows.filter(therapist::Column::Id.in_subquery(working_there));
                }
                (
                    rows,
                    (service::Entity, service::Column::Id).into_column_ref(),
                )
            }
        };
        if !self.include_inactive {
            rows = rows.filter(therapist::Column::Active.eq(true));
        }
        if let Some(qualification) = self.qualified_for {
            let specialists = Query::select()
                .column(therapist_specialty::Column::TherapistId)
                .from(therapist_specialty::Entity)
                .and_where(therapist_specialty::Column::Modality.eq(qualification.modality))
                .to_owned();
            rows = rows
                .filter(therapist::Column::ClinicId.eq(qualification.clinic_id))
                .filter(therapist::Column::Id.in_subquery(specialists));
        }
        (rows, parent)
    }

    fn sort(&self) -> SortColumns {
        SortColumns::new(
            (therapist::Entity, therapist::Column::Name),
            (therapist::Entity, therapist::Column::Id),
        )
    }
}

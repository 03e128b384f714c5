//! Lists of services, paged in SQL (see `graphql::lists`).

use entity::{enums::Modality, service, therapist, therapist_specialty};
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter, QueryTrait, Select,
    sea_query::{ColumnRef, Expr, ExprTrait, IntoColumnRef, JoinType},
};
use uuid::Uuid;

use crate::graphql::{keyset::SortColumns, lists::ListSpec};

/// Services by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ServiceList {
    /// A clinic's catalogue: one modality when given; archived services when asked.
    OfClinic {
        modality: Option<Modality>,
        include_archived: bool,
    },
    /// The bookable services of a therapist's clinic in the modalities they practise.
    QualifiedTherapist,
}

impl ServiceList {
    /// A clinic's bookable services.
    pub fn bookable() -> Self {
        ServiceList::OfClinic {
            modality: None,
            include_archived: false,
        }
    }
}

impl ListSpec for ServiceList {
    type Entity = service::Entity;

    fn rows(&self, parents: &[Uuid]) -> (Select<service::Entity>, ColumnRef) {
        let parents = parents.iter().copied();
        match *self {
            ServiceList::OfClinic {
                modality,
                include_archived,
            } => {
                let mut rows =
                    service::Entity::find().filter(service::Column::ClinicId.is_in(parents));
                if !include_archived {
                    rows = rows.filter(service::Column::ArchivedAt.is_null());
                }
                if let Some(modality) = modality {
                    rows = rows.filter(service::Column::Modality.eq(modality));
                }
                (
                    rows,
                    (service::Entity, service::Column::ClinicId).into_column_ref(),
                )
            }
            ServiceList::QualifiedTherapist => {
                let mut rows = service::Entity::find()
                    .filter(service::Column::ArchivedAt.is_null())
                    .filter(therapist_specialty::Column::TherapistId.is_in(parents));
                QueryTrait::query(&mut rows)
                    .join(
                        JoinType::InnerJoin,
                        therapist_specialty::Entity,
                        Expr::col((
                            therapist_specialty::Entity,
                            therapist_specialty::Column::Modality,
                        ))
                        .equals((service::Entity, service::Column::Modality)),
                    )
                    .join(
                        JoinType::InnerJoin,
                        therapist::Entity,
                        Expr::col((therapist::Entity, therapist::Column::Id))
                            .equals((
                                therapist_specialty::Entity,
                                therapist_specialty::Column::TherapistId,
                            ))
                            .and(
                                Expr::col((therapist::Entity, therapist::Column::ClinicId))
                                    .equals((service::Entity, service::Column::ClinicId)),
                            ),
                    );
                (
                    rows,
                    (
                        therapist_specialty::Entity,
                        therapist_specialty::Column::TherapistId,
                    )
                        .into_column_ref(),
                )
            }
        }
    }

    fn sort(&self) -> SortColumns {
        SortColumns::new(
            (service::Entity, service::Column::Name),
            (service::Entity, service::Column::Id),
        )
    }
}

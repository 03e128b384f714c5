//! Schema assembly: one query object per domain, merged; shared GraphQL building blocks.

pub mod id;
pub mod loader;
pub mod money;
pub mod node;
pub mod pagination;
pub mod scalars;

use async_graphql::{EmptyMutation, EmptySubscription, MergedObject, Schema};
use sea_orm::DatabaseConnection;

use crate::settings::GraphqlLimits;

#[derive(MergedObject, Default)]
pub struct Query(
    crate::clinic::ClinicQuery,
    crate::location::LocationQuery,
    crate::therapist::TherapistQuery,
    crate::service::ServiceQuery,
    node::NodeQuery,
);

pub type StrideSchema = Schema<Query, EmptyMutation, EmptySubscription>;

/// The schema with its limits; a request still needs a `DataLoader` (see `loader`).
pub fn build_schema(db: DatabaseConnection, limits: &GraphqlLimits) -> StrideSchema {
    Schema::build(Query::default(), EmptyMutation, EmptySubscription)
        .data(db)
        .limit_depth(limits.max_depth)
        .limit_complexity(limits.max_complexity)
        .limit_recursive_depth(64)
        .limit_directives(16)
        .finish()
}

/// The SDL written to `schema.graphql`; needs no database.
pub fn sdl() -> String {
    Schema::build(Query::default(), EmptyMutation, EmptySubscription)
        .finish()
        .sdl()
}

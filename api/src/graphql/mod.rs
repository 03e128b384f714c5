//! Schema assembly: one query object per domain, merged; shared GraphQL building blocks.

pub mod admission;
pub mod cost;
pub mod executed;
pub mod id;
pub mod keyset;
pub mod lists;
pub mod loader;
pub mod money;
pub mod node;
pub mod pagination;
pub mod scalars;
pub mod text_input;

use std::sync::Arc;

use async_graphql::{EmptySubscription, MergedObject, Schema};
use sea_orm::DatabaseConnection;

use crate::{auth::account::AuthContext, settings::GraphqlLimits};

#[derive(MergedObject, Default)]
pub struct Query(
    crate::clinic::ClinicQuery,
    crate::location::LocationQuery,
    crate::therapist::TherapistQuery,
    crate::service::ServiceQuery,
    crate::booking::BookingQuery,
    crate::intake::IntakeQuery,
    crate::callback::CallbackQuery,
    crate::promotion::PromotionQuery,
    crate::promotion::PriceQuoteQuery,
    crate::promotion::PromotionReportQuery,
    crate::auth::graphql::AuthQuery,
    node::NodeQuery,
);

#[derive(MergedObject, Default)]
pub struct Mutation(
    crate::auth::graphql::AuthMutation,
    crate::auth::account_mutation::AccountMutation,
    crate::therapist::TherapistMutation,
    crate::location::LocationMutation,
    crate::service::ServiceMutation,
    crate::clinic::ClinicMutation,
    crate::access::AccessMutation,
    crate::booking::BookingMutation,
    crate::booking::BookingLifecycleMutation,
    crate::booking::BookingSeriesMutation,
    crate::intake::IntakeMutation,
    crate::callback::CallbackMutation,
    crate::promotion::PromotionMutation,
);

pub type StrideSchema = Schema<Query, Mutation, EmptySubscription>;

/// The schema with its limits; a request still needs a `DataLoader` (see `loader`) and
/// the caller's `Principal`.
pub fn build_schema(
    db: DatabaseConnection,
    auth: Arc<AuthContext>,
    limits: &GraphqlLimits,
) -> StrideSchema {
    let builder = Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .data(db)
        .data(auth)
        .extension(executed::MarkExecution)
        .limit_depth(limits.max_depth)
        .limit_complexity(limits.max_complexity)
        .limit_recursive_depth(64)
        .limit_directives(16);
    if limits.introspection {
        builder.finish()
    } else {
        builder.disable_introspection().finish()
    }
}

/// The SDL written to `schema.graphql`; needs no database.
pub fn sdl() -> String {
    Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .finish()
        .sdl()
}

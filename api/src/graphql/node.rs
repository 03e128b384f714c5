//! The `Node` interface and `node(id)`: any entity by its global ID.

use async_graphql::{Context, ID, Interface, Object};

use crate::{
    clinic::Clinic,
    error::ApiResult,
    graphql::{
        id::{self, Kind},
        loader::loader,
    },
    location::Location,
    service::{Service, ServiceVariant},
    therapist::Therapist,
};

#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID"))]
pub enum Node {
    Clinic(Clinic),
    Location(Location),
    Therapist(Therapist),
    Service(Service),
    ServiceVariant(ServiceVariant),
}

#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// Finds any entity the caller may see by its ID; null when unknown or malformed.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Option<Node>> {
        let Some((kind, uuid)) = id::decode_any(&id) else {
            return Ok(None);
        };
        let loader = loader(ctx)?;
        Ok(match kind {
            Kind::Clinic => loader
                .load_one(crate::clinic::ClinicById(uuid))
                .await?
                .map(|m| Node::Clinic(Clinic(m))),
            Kind::Location => loader
                .load_one(crate::location::LocationById(uuid))
                .await?
                .map(|m| Node::Location(Location(m))),
            Kind::Therapist => crate::therapist::find_public(loader, uuid)
                .await?
                .map(Node::Therapist),
            Kind::Service => loader
                .load_one(crate::service::ServiceById(uuid))
                .await?
                .map(|m| Node::Service(Service(m))),
            Kind::ServiceVariant => loader
                .load_one(crate::service::VariantById(uuid))
                .await?
                .map(|m| Node::ServiceVariant(ServiceVariant(m))),
            _ => None,
        })
    }
}

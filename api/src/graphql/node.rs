//! The `Node` interface and `node(id)`: any entity by its global ID, if the caller may see it.

use async_graphql::{Context, ID, Interface, Object};
use entity::{callback_request, location_closure, role_grant, room, therapist_time_off};
use uuid::Uuid;

use crate::{
    access::{GrantsOfUser, UserById},
    auth::{
        graphql::{RoleGrant, User},
        policy::{self, Action, allowed},
        principal::{Principal, principal},
    },
    booking::{Booking, find_visible},
    callback::CallbackRequest,
    clinic::{Clinic, ClinicById},
    error::ApiResult,
    graphql::{
        id::{self, Kind},
        loader::{ById, Loader, load_list, loader},
    },
    location::{Closure, Location, LocationById, Room},
    promotion::{self, Promotion},
    service::{Service, ServiceById, ServiceVariant, VariantById},
    therapist::{self, Therapist, TherapistById, TimeOff},
};

#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID"))]
pub enum Node {
    Clinic(Clinic),
    Location(Location),
    Room(Room),
    Closure(Closure),
    Therapist(Therapist),
    TimeOff(TimeOff),
    Service(Service),
    ServiceVariant(ServiceVariant),
    User(User),
    RoleGrant(RoleGrant),
    Booking(Booking),
    CallbackRequest(CallbackRequest),
    Promotion(Promotion),
}

#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// Finds any entity the caller may see by its ID; null when unknown, malformed or not
    /// the caller's to see.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Option<Node>> {
        let Some((kind, uuid)) = id::decode_any(&id) else {
            return Ok(None);
        };
        let loader = loader(ctx)?;
        let caller = principal(ctx);
        Ok(match kind {
            Kind::Clinic => loader
                .load_one(ClinicById(uuid))
                .await?
                .map(|m| Node::Clinic(Clinic(m))),
            Kind::Location => loader
                .load_one(LocationById(uuid))
                .await?
                .map(|m| Node::Location(Location(m))),
            Kind::Room => loader
                .load_one(ById::<room::Entity>::new(uuid))
                .await?
                .map(|m| Node::Room(Room(m))),
            Kind::Closure => loader
                .load_one(ById::<location_closure::Entity>::new(uuid))
                .await?
                .map(|m| Node::Closure(Closure(m))),
            Kind::Therapist => therapist::find_visible(loader, caller, uuid)
                .await?
                .map(Node::Therapist),
            Kind::TimeOff => time_off(loader, caller, uuid).await?,
            Kind::Service => loader
                .load_one(ServiceById(uuid))
                .await?
                .map(|m| Node::Service(Service(m))),
            Kind::ServiceVariant => loader
                .load_one(VariantById(uuid))
                .await?
                .map(|m| Node::ServiceVariant(ServiceVariant(m))),
            Kind::User => user(ctx, loader, caller, uuid).await?,
            Kind::RoleGrant => loader
                .load_one(ById::<role_grant::Entity>::new(uuid))
                .await?
                .filter(|g| policy::may_see_grant(caller, g.user_id, g.clinic_id))
                .map(|g| Node::RoleGrant(RoleGrant(g))),
            Kind::Booking => find_visible(ctx, uuid).await?.map(Node::Booking),
            Kind::CallbackRequest => loader
                .load_one(ById::<callback_request::Entity>::new(uuid))
                .await?
                .filter(|r| {
                    allowed(
                        caller,
                        Action::ManageCallbacks {
                            clinic_id: r.clinic_id,
                        },
                    )
                })
                .map(|r| Node::CallbackRequest(CallbackRequest(r))),
            Kind::Promotion => promotion::find_visible(ctx, uuid)
                .await?
                .map(Node::Promotion),
            // A series is a label its bookings share, not something to fetch.
            Kind::BookingSeries => None,
        })
    }
}

/// Time off, to the therapist and the clinic's staff.
async fn time_off(loader: &Loader, caller: &Principal, id: Uuid) -> ApiResult<Option<Node>> {
    let Some(row) = loader
        .load_one(ById::<therapist_time_off::Entity>::new(id))
        .await?
    else {
        return Ok(None);
    };
    let Some(therapist) = loader.load_one(TherapistById(row.therapist_id)).await? else {
        return Ok(None);
    };
    let action = Action::ReadTimeOff {
        clinic_id: therapist.clinic_id,
        therapist_id: therapist.id,
    };
    Ok(allowed(caller, action).then_some(Node::TimeOff(TimeOff(row))))
}

/// An account, to itself whole, and to whoever may see one of its grants (its clinics'
/// admins, platform admins) as others see it.
async fn user(
    ctx: &Context<'_>,
    loader: &Loader,
    caller: &Principal,
    id: Uuid,
) -> ApiResult<Option<Node>> {
    let Some(model) = loader.load_one(UserById(id)).await? else {
        return Ok(None);
    };
    if caller.user_id().is_ok_and(|me| me == id) {
        return Ok(Some(Node::User(User::own(model))));
    }
    let grants = load_list(ctx, GrantsOfUser(id)).await?;
    let visible = grants
        .iter()
        .any(|g| policy::may_see_grant(caller, g.user_id, g.clinic_id));
    Ok(visible.then(|| Node::User(User::seen_by_others(model))))
}

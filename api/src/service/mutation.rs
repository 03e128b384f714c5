//! The service catalogue admin API: services, their duration variants, location prices.

use std::collections::HashSet;

use async_graphql::{Context, ID, InputObject, Object};
use sea_orm::TransactionTrait;

use super::{Modality, Service, ServiceVariant, rules};
use crate::{
    auth::{
        guard::SignedIn,
        policy::{Action, require},
        principal::principal,
    },
    error::{ApiError, ApiResult},
    graphql::{
        id::{self, Kind},
        loader::db,
    },
    validate,
};

#[derive(InputObject)]
pub struct VariantInput {
    /// 5 to 480; each duration once per service.
    pub duration_minutes: i32,
    /// The list price in minor units of the clinic's currency.
    pub price_minor: i64,
}

#[derive(InputObject)]
pub struct CreateServiceInput {
    pub clinic_id: ID,
    pub name: String,
    pub description: String,
    pub modality: Modality,
    /// 0 to 120.
    pub cleanup_buffer_minutes: i32,
    /// Whether a booking also takes a free room, at locations that have rooms.
    #[graphql(default = true)]
    pub requires_room: bool,
    /// 1 to 6.
    pub variants: Vec<VariantInput>,
}

/// Only the fields given change.
#[derive(InputObject)]
pub struct UpdateServiceInput {
    pub name: Option<String>,
    pub description: Option<String>,
    pub modality: Option<Modality>,
    pub cleanup_buffer_minutes: Option<i32>,
    pub requires_room: Option<bool>,
    /// The full new set: kept durations get the new price (and keep their IDs), new ones
    /// are added, missing ones removed (CONFLICT if bookings refer to them).
    pub variants: Option<Vec<VariantInput>>,
}

#[derive(InputObject)]
pub struct SetLocationPriceInput {
    pub variant_id: ID,
    /// A location of the service's clinic.
    pub location_id: ID,
    /// Null clears the override: the location charges the list price again.
    pub price_minor: Option<i64>,
}

#[derive(Default)]
pub struct ServiceMutation;

#[Object]
impl ServiceMutation {
    /// Franchise admins of the clinic. Prices are in the clinic's currency.
    #[graphql(guard = "SignedIn")]
    async fn create_service(
        &self,
        ctx: &Context<'_>,
        input: CreateServiceInput,
    ) -> ApiResult<Service> {
        let db = db(ctx)?;
        let clinic =
            crate::clinic::rules::find(db, id::require(Kind::Clinic, &input.clinic_id, "clinic")?)
                .await?;
        require(
            principal(ctx),
            Action::ManageClinic {
                clinic_id: clinic.id,
            },
        )?;
        let details = rules::Details {
            name: validate::text("name", &input.name, 1, 100)?,
            description: validate::text("description", &input.description, 0, 2000)?,
            modality: input.modality.into(),
            cleanup_buffer_minutes: buffer(input.cleanup_buffer_minutes)?,
            requires_room: input.requires_room,
        };
        let variants = variants(input.variants)?;
        let txn = db.begin().await?;
        let service = rules::create(&txn, &clinic, details, variants).await?;
        txn.commit().await?;
        Ok(Service(service))
    }

    /// Franchise admins of the clinic.
    #[graphql(guard = "SignedIn")]
    async fn update_service(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateServiceInput,
    ) -> ApiResult<Service> {
        let db = db(ctx)?;
        let service = rules::find(db, id::require(Kind::Service, &id, "service")?).await?;
        require(
            principal(ctx),
            Action::ManageClinic {
                clinic_id: service.clinic_id,
            },
        )?;
        let mut details = rules::Details::of(&service);
        if let Some(name) = input.name {
            details.name = validate::text("name", &name, 1, 100)?;
        }
        if let Some(description) = input.description {
            details.description = validate::text("description", &description, 0, 2000)?;
        }
        if let Some(modality) = input.modality {
            details.modality = modality.into();
        }
        if let Some(minutes) = input.cleanup_buffer_minutes {
            details.cleanup_buffer_minutes = buffer(minutes)?;
        }
        if let Some(requires_room) = input.requires_room {
            details.requires_room = requires_room;
        }
        let variants = input.variants.map(variants).transpose()?;
        let txn = db.begin().await?;
        let service = rules::update(&txn, service, details, variants).await?;
        txn.commit().await?;
        Ok(Service(service))
    }

    /// Franchise admins of the clinic. Hides the service from the bookable catalogue; it
    /// stays readable. Archiving an archived service changes nothing.
    #[graphql(guard = "SignedIn")]
    async fn archive_service(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Service> {
        let db = db(ctx)?;
        let service = rules::find(db, id::require(Kind::Service, &id, "service")?).await?;
        require(
            principal(ctx),
            Action::ManageClinic {
                clinic_id: service.clinic_id,
            },
        )?;
        Ok(Service(rules::archive(db, service).await?))
    }

    /// Franchise admins of the clinic. Sets or clears one variant's price at one location.
    #[graphql(guard = "SignedIn")]
    async fn set_location_price(
        &self,
        ctx: &Context<'_>,
        input: SetLocationPriceInput,
    ) -> ApiResult<ServiceVariant> {
        let db = db(ctx)?;
        let variant_id = id::require(Kind::ServiceVariant, &input.variant_id, "variant")?;
        let (variant, service) = rules::find_variant(db, variant_id).await?;
        require(
            principal(ctx),
            Action::ManageClinic {
                clinic_id: service.clinic_id,
            },
        )?;
        let location = crate::location::rules::find(
            db,
            id::require(Kind::Location, &input.location_id, "location")?,
        )
        .await?;
        if location.clinic_id != service.clinic_id {
            return Err(ApiError::validation(
                "locationId",
                "the location belongs to another clinic",
            ));
        }
        let price = input
            .price_minor
            .map(|p| validate::price("priceMinor", p))
            .transpose()?;
        rules::set_location_price(db, &variant, location.id, price).await?;
        Ok(ServiceVariant(variant))
    }
}

fn buffer(minutes: i32) -> ApiResult<i32> {
    validate::in_range("cleanupBufferMinutes", minutes, 0..=120)
}

/// 1 to 6 variants of distinct durations: a duration is what a client picks, so two
/// variants of one duration would be ambiguous (and the table forbids them).
fn variants(input: Vec<VariantInput>) -> ApiResult<Vec<rules::Variant>> {
    if !(1..=6).contains(&input.len()) {
        return Err(ApiError::validation("variants", "needs 1 to 6 variants"));
    }
    let mut seen = HashSet::new();
    input
        .into_iter()
        .map(|v| {
            let duration =
                validate::in_range("variants.durationMinutes", v.duration_minutes, 5..=480)?;
            if !seen.insert(duration) {
                return Err(ApiError::validation(
                    "variants.durationMinutes",
                    format!("{duration} minutes appears more than once"),
                ));
            }
            Ok(rules::Variant {
                duration_minutes: duration,
                price_minor: validate::price("variants.priceMinor", v.price_minor)?,
            })
        })
        .collect()
}

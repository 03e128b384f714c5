//! Franchise admins run their clinic's promotions.

use std::collections::BTreeSet;

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{
    Promotion, PromotionClass, WindowBasis, rules,
    terms::{self, Discount, Terms},
};
use crate::{
    auth::{
        guard::SignedIn,
        policy::{Action, require},
        principal::principal,
    },
    booking::write,
    error::{ApiError, ApiResult},
    graphql::{
        id::{self, Kind},
        loader::db,
    },
    validate,
};

#[derive(InputObject)]
pub struct CreatePromotionInput {
    pub clinic_id: ID,
    pub name: String,
    #[graphql(default)]
    pub description: String,
    /// 1 to 100; or give `amountOffMinor`.
    pub percent_off: Option<i32>,
    /// More than 0, in the clinic's currency; or give `percentOff`.
    pub amount_off_minor: Option<i64>,
    /// Clients enter it (any case) to get the discount; left out, the promotion applies
    /// automatically. Unique among the clinic's promotions not yet over.
    pub code: Option<String>,
    pub valid_from: DateTime<Utc>,
    /// Exclusive; after `validFrom`.
    pub valid_to: DateTime<Utc>,
    #[graphql(default_with = "WindowBasis::Appointment")]
    pub window_basis: WindowBasis,
    /// Services of the clinic it is limited to; empty: all.
    #[graphql(default)]
    pub service_ids: Vec<ID>,
    /// Locations of the clinic it is limited to; empty: all.
    #[graphql(default)]
    pub location_ids: Vec<ID>,
    #[graphql(default)]
    pub first_visit_only: bool,
    pub min_list_price_minor: Option<i64>,
    /// At least 1.
    pub total_cap: Option<i32>,
    /// At least 1.
    pub per_client_cap: Option<i32>,
    /// The classes it may be applied together with; empty: it never combines.
    #[graphql(default)]
    pub combines_with: Vec<PromotionClass>,
}

/// Only the fields given change; `null` clears a code (the promotion becomes automatic),
/// a minimum price or a cap. Once redeemed, the discount and scope are fixed.
#[derive(InputObject, Default)]
pub struct UpdatePromotionInput {
    pub name: Option<String>,
    pub description: Option<String>,
    pub percent_off: Option<i32>,
    pub amount_off_minor: Option<i64>,
    pub code: MaybeUndefined<String>,
    pub valid_from: Option<DateTime<Utc>>,
    pub valid_to: Option<DateTime<Utc>>,
    pub window_basis: Option<WindowBasis>,
    pub service_ids: Option<Vec<ID>>,
    pub location_ids: Option<Vec<ID>>,
    pub first_visit_only: Option<bool>,
    pub min_list_price_minor: MaybeUndefined<i64>,
    pub total_cap: MaybeUndefined<i32>,
    pub per_client_cap: MaybeUndefined<i32>,
    pub combines_with: Option<Vec<PromotionClass>>,
}

fn ids(kind: Kind, items: &[ID], what: &'static str) -> ApiResult<BTreeSet<Uuid>> {
    items
        .iter()
        .map(|item| id::require(kind, item, what))
        .collect()
}

fn code(text: Option<&str>) -> ApiResult<Option<String>> {
    text.map(|c| terms::code("code", c)).transpose()
}

fn window(at: DateTime<Utc>, field: &str) -> ApiResult<DateTime<Utc>> {
    validate::near_now(field, at, Utc::now())
}

impl TryFrom<CreatePromotionInput> for Terms {
    type Error = ApiError;

    fn try_from(input: CreatePromotionInput) -> ApiResult<Self> {
        Terms {
            name: validate::text("name", &input.name, 1, 100)?,
            description: validate::text("description", &input.description, 0, 2000)?,
            discount: Discount::new(input.percent_off, input.amount_off_minor)?,
            code: code(input.code.as_deref())?,
            valid_from: window(input.valid_from, "validFrom")?,
            valid_to: window(input.valid_to, "validTo")?,
            window_basis: input.window_basis.into(),
            services: ids(Kind::Service, &input.service_ids, "service")?,
            locations: ids(Kind::Location, &input.location_ids, "location")?,
            first_visit_only: input.first_visit_only,
            min_list_price_minor: input.min_list_price_minor,
            total_cap: input.total_cap,
            per_client_cap: input.per_client_cap,
            combines_with_code: input.combines_with.contains(&PromotionClass::Code),
            combines_with_automatic: input.combines_with.contains(&PromotionClass::Automatic),
        }
        .check()
    }
}

/// The current terms with the input's changes.
fn changed(mut terms: Terms, input: UpdatePromotionInput) -> ApiResult<Terms> {
    if let Some(name) = input.name {
        terms.name = validate::text("name", &name, 1, 100)?;
    }
    if let Some(description) = input.description {
        terms.description = validate::text("description", &description, 0, 2000)?;
    }
    if input.percent_off.is_some() || input.amount_off_minor.is_some() {
        terms.discount = Discount::new(input.percent_off, input.amount_off_minor)?;
    }
    match input.code {
        MaybeUndefined::Value(text) => terms.code = code(Some(&text))?,
        MaybeUndefined::Null => terms.code = None,
        MaybeUndefined::Undefined => {}
    }
    if let Some(at) = input.valid_from {
        terms.valid_from = window(at, "validFrom")?;
    }
    if let Some(at) = input.valid_to {
        terms.valid_to = window(at, "validTo")?;
    }
    if let Some(basis) = input.window_basis {
        terms.window_basis = basis.into();
    }
    if let Some(items) = input.service_ids {
        terms.services = ids(Kind::Service, &items, "service")?;
    }
    if let Some(items) = input.location_ids {
        terms.locations = ids(Kind::Location, &items, "location")?;
    }
    if let Some(first) = input.first_visit_only {
        terms.first_visit_only = first;
    }
    input
        .min_list_price_minor
        .update_to(&mut terms.min_list_price_minor);
    input.total_cap.update_to(&mut terms.total_cap);
    input.per_client_cap.update_to(&mut terms.per_client_cap);
    if let Some(classes) = input.combines_with {
        terms.combines_with_code = classes.contains(&PromotionClass::Code);
        terms.combines_with_automatic = classes.contains(&PromotionClass::Automatic);
    }
    terms.check()
}

#[derive(Default)]
pub struct PromotionMutation;

#[Object]
impl PromotionMutation {
    /// Franchise admins of the clinic.
    #[graphql(guard = "SignedIn")]
    async fn create_promotion(
        &self,
        ctx: &Context<'_>,
        input: CreatePromotionInput,
    ) -> ApiResult<Promotion> {
        let db = db(ctx)?;
        let clinic_id = id::require(Kind::Clinic, &input.clinic_id, "clinic")?;
        let clinic = crate::clinic::rules::find(db, clinic_id).await?;
        require(principal(ctx), Action::ManageClinic { clinic_id })?;
        let terms = Terms::try_from(input)?;
        let txn = write::begin(db).await?;
        let created = rules::create(&txn, clinic.id, &clinic.currency, terms, Utc::now()).await?;
        txn.commit().await?;
        Ok(Promotion(created))
    }

    /// Franchise admins of the clinic.
    #[graphql(guard = "SignedIn")]
    async fn update_promotion(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdatePromotionInput,
    ) -> ApiResult<Promotion> {
        let db = db(ctx)?;
        let id = id::require(Kind::Promotion, &id, "promotion")?;
        let txn = write::begin(db).await?;
        let row = rules::find_for_update(&txn, id).await?;
        require(
            principal(ctx),
            Action::ManageClinic {
                clinic_id: row.clinic_id,
            },
        )?;
        let clinic = crate::clinic::rules::find(&txn, row.clinic_id).await?;
        let (services, locations) = rules::scope(&txn, row.id).await?;
        let current = Terms::of(&row, services, locations).ok_or(ApiError::Internal)?;
        let terms = changed(current, input)?;
        let updated = rules::update(&txn, row, terms, &clinic.currency, Utc::now()).await?;
        txn.commit().await?;
        Ok(Promotion(updated))
    }

    /// Ends the promotion now: no booking gets it after this. Franchise admins of the
    /// clinic.
    #[graphql(guard = "SignedIn")]
    async fn end_promotion(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Promotion> {
        let db = db(ctx)?;
        let id = id::require(Kind::Promotion, &id, "promotion")?;
        let txn = write::begin(db).await?;
        let row = rules::find_for_update(&txn, id).await?;
        require(
            principal(ctx),
            Action::ManageClinic {
                clinic_id: row.clinic_id,
            },
        )?;
        let ended = rules::end(&txn, row, Utc::now()).await?;
        txn.commit().await?;
        Ok(Promotion(ended))
    }
}

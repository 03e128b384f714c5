use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use sea_orm::PaginatorTrait;

use super::{Promotion, rules};
use crate::{
    auth::{
        guard::SignedIn,
        policy::{Action, allowed, require},
        principal::principal,
    },
    error::ApiResult,
    graphql::{
        id::{self, Kind},
        keyset,
        loader::{ById, db, loader},
        pagination::{Page, PageArgs, connection, page_cost, wants_total},
    },
};

#[derive(Default)]
pub struct PromotionQuery;

#[Object]
impl PromotionQuery {
    /// A clinic's promotions by name, only those live at `activeAt` when given: its
    /// franchise admins and location managers.
    #[allow(clippy::too_many_arguments)]
    #[graphql(
        guard = "SignedIn",
        complexity = "page_cost(first, last, child_complexity)"
    )]
    async fn promotions(
        &self,
        ctx: &Context<'_>,
        clinic_id: ID,
        active_at: Option<DateTime<Utc>>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<Page<Promotion>> {
        let clinic_id = id::require(Kind::Clinic, &clinic_id, "clinic")?;
        require(principal(ctx), Action::ReadPromotions { clinic_id })?;
        let request = PageArgs::new(first, after, last, before).request_for(&rules::sort())?;
        let db = db(ctx)?;
        let page = keyset::page(
            db,
            rules::select(clinic_id, active_at),
            &rules::sort(),
            &request,
        )
        .await?;
        let total = if wants_total(ctx) {
            rules::select(clinic_id, active_at).count(db).await?
        } else {
            0
        };
        Ok(connection(page, &request, total, Promotion))
    }

    /// One promotion; null when unknown or not the caller's to see.
    async fn promotion(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Option<Promotion>> {
        let Some(uuid) = id::decode(Kind::Promotion, &id) else {
            return Ok(None);
        };
        find_visible(ctx, uuid).await
    }
}

/// The promotion, if the caller may read the clinic's promotions.
pub async fn find_visible(ctx: &Context<'_>, id: uuid::Uuid) -> ApiResult<Option<Promotion>> {
    let row = loader(ctx)?
        .load_one(ById::<entity::promotion::Entity>::new(id))
        .await?;
    Ok(row
        .filter(|p| {
            allowed(
                principal(ctx),
                Action::ReadPromotions {
                    clinic_id: p.clinic_id,
                },
            )
        })
        .map(Promotion))
}

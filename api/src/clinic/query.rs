use async_graphql::{Context, ID, Object};
use entity::clinic;
use sea_orm::{EntityTrait, PaginatorTrait};

use super::{Clinic, ClinicById};
use crate::{
    error::ApiResult,
    graphql::{
        id::{self, Kind},
        keyset::{self, SortColumns},
        loader::{db, loader},
        pagination::{Page, PageArgs, connection, page_cost, wants_total},
    },
};

#[derive(Default)]
pub struct ClinicQuery;

#[Object]
impl ClinicQuery {
    /// Every clinic (franchise brand), by name.
    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    async fn clinics(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<Page<Clinic>> {
        let sort = SortColumns::new(
            (clinic::Entity, clinic::Column::Name),
            (clinic::Entity, clinic::Column::Id),
        );
        let request = PageArgs::new(first, after, last, before).request_for(&sort)?;
        let db = db(ctx)?;
        let page = keyset::page(db, clinic::Entity::find(), &sort, &request).await?;
        let total = if wants_total(ctx) {
            clinic::Entity::find().count(db).await?
        } else {
            0
        };
        Ok(connection(page, &request, total, Clinic))
    }

    /// One clinic; null when the ID is unknown.
    async fn clinic(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Option<Clinic>> {
        let Some(uuid) = id::decode(Kind::Clinic, &id) else {
            return Ok(None);
        };
        Ok(loader(ctx)?.load_one(ClinicById(uuid)).await?.map(Clinic))
    }
}

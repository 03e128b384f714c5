use async_graphql::{Context, ID, Object};
use entity::clinic;
use sea_orm::{EntityTrait, QueryOrder};

use super::{Clinic, ClinicById};
use crate::{
    error::ApiResult,
    graphql::{
        id::{self, Kind},
        loader::{db, loader},
        pagination::{Page, PageArgs, page_cost, page_of_select},
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
        let select = clinic::Entity::find()
            .order_by_asc(clinic::Column::Name)
            .order_by_asc(clinic::Column::Id);
        let args = PageArgs::new(first, after, last, before);
        page_of_select(db(ctx)?, &args, select, Clinic).await
    }

    /// One clinic; null when the ID is unknown.
    async fn clinic(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Option<Clinic>> {
        let Some(uuid) = id::decode(Kind::Clinic, &id) else {
            return Ok(None);
        };
        Ok(loader(ctx)?.load_one(ClinicById(uuid)).await?.map(Clinic))
    }
}

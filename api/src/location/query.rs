use async_graphql::{Context, ID, Object};

use super::LocationList;
use super::{Location, LocationById};
use crate::graphql::lists::list_page;
use crate::{
    clinic::ClinicById,
    error::{ApiError, ApiResult},
    graphql::{
        id::{self, Kind},
        loader::loader,
        pagination::{Page, PageArgs, page_cost},
    },
};

#[derive(Default)]
pub struct LocationQuery;

#[Object]
impl LocationQuery {
    /// A clinic's locations, by name. NOT_FOUND when the clinic is unknown.
    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    async fn locations(
        &self,
        ctx: &Context<'_>,
        clinic_id: ID,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<Page<Location>> {
        let clinic_id = id::require(Kind::Clinic, &clinic_id, "clinic")?;
        let loader = loader(ctx)?;
        if loader.load_one(ClinicById(clinic_id)).await?.is_none() {
            return Err(ApiError::not_found("clinic"));
        }
        let args = PageArgs::new(first, after, last, before);
        list_page(ctx, LocationList::OfClinic, clinic_id, args, Location).await
    }

    /// One location; null when the ID is unknown.
    async fn location(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Option<Location>> {
        let Some(uuid) = id::decode(Kind::Location, &id) else {
            return Ok(None);
        };
        Ok(loader(ctx)?
            .load_one(LocationById(uuid))
            .await?
            .map(Location))
    }
}

use async_graphql::{Context, ID, Object};

use super::{Modality, Service, ServiceById};
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
pub struct ServiceQuery;

#[Object]
impl ServiceQuery {
    /// A clinic's catalogue, by name; archived services only when asked for.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "page_cost(first, last, child_complexity)")]
    async fn services(
        &self,
        ctx: &Context<'_>,
        clinic_id: ID,
        modality: Option<Modality>,
        #[graphql(default = false)] include_archived: bool,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<Page<Service>> {
        let clinic_id = id::require(Kind::Clinic, &clinic_id, "clinic")?;
        let loader = loader(ctx)?;
        if loader.load_one(ClinicById(clinic_id)).await?.is_none() {
            return Err(ApiError::not_found("clinic"));
        }
        let list = super::ServiceList::OfClinic {
            modality: modality.map(Into::into),
            include_archived,
        };
        let args = PageArgs::new(first, after, last, before);
        list_page(ctx, list, clinic_id, args, Service).await
    }

    /// One service; null when the ID is unknown.
    async fn service(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Option<Service>> {
        let Some(uuid) = id::decode(Kind::Service, &id) else {
            return Ok(None);
        };
        Ok(loader(ctx)?.load_one(ServiceById(uuid)).await?.map(Service))
    }
}

use async_graphql::{Context, ID, Object};
use sea_orm::PaginatorTrait;

use super::{CallbackRequest, CallbackStatus, rules};
use crate::{
    auth::{
        guard::SignedIn,
        policy::{Action, require},
        principal::principal,
    },
    error::ApiResult,
    graphql::{
        id::{self, Kind},
        keyset,
        loader::db,
        pagination::{Page, PageArgs, connection, page_cost, wants_total},
    },
};

#[derive(Default)]
pub struct CallbackQuery;

#[Object]
impl CallbackQuery {
    /// A clinic's callback requests, oldest first: its admins and location managers.
    #[allow(clippy::too_many_arguments)]
    #[graphql(
        guard = "SignedIn",
        complexity = "page_cost(first, last, child_complexity)"
    )]
    async fn callback_requests(
        &self,
        ctx: &Context<'_>,
        clinic_id: ID,
        status: Option<CallbackStatus>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<Page<CallbackRequest>> {
        let clinic_id = id::require(Kind::Clinic, &clinic_id, "clinic")?;
        require(principal(ctx), Action::ManageCallbacks { clinic_id })?;
        let request = PageArgs::new(first, after, last, before).request_for(&rules::sort())?;
        let db = db(ctx)?;
        let status = status.map(Into::into);
        let rows = rules::select(clinic_id, status);
        let page = keyset::page(db, rows, &rules::sort(), &request).await?;
        let total = if wants_total(ctx) {
            rules::select(clinic_id, status).count(db).await?
        } else {
            0
        };
        Ok(connection(page, &request, total, CallbackRequest))
    }
}

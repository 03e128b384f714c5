//! Connections paged in SQL through the request's batch loader: every connection of one
//! kind at one nesting level (the locations of each clinic on a page, say) is fetched in
//! one statement, a page per parent; `totalCount`, only when selected, in one more.

use std::{collections::HashMap, hash::Hash};

use async_graphql::{Context, OutputType, dataloader::Loader};
use sea_orm::{EntityTrait, Select, sea_query::ColumnRef};
use uuid::Uuid;

use super::{
    keyset::{self, Keyed, PageRequest, Slice, SortColumns},
    loader::{Store, loader},
    pagination::{Page, PageArgs, connection, wants_total},
};
use crate::error::{ApiError, ApiResult};

/// A kind of list hanging under parents: which rows, which column names their parent,
/// and their order.
pub trait ListSpec: Clone + Eq + Hash + Send + Sync + 'static {
    type Entity: EntityTrait<Model: Keyed + Clone + Send + Sync>;

    /// The rows of these parents' lists, and the column naming each row's parent.
    fn rows(&self, parents: &[Uuid]) -> (Select<Self::Entity>, ColumnRef);

    fn sort(&self) -> SortColumns;
}

/// One page of a list under one parent.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PageOf<L> {
    pub list: L,
    pub parent: Uuid,
    pub request: PageRequest,
}

/// How many rows a list under one parent holds.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CountOf<L> {
    pub list: L,
    pub parent: Uuid,
}

impl<L: ListSpec> Loader<PageOf<L>> for Store {
    type Value = Slice<<L::Entity as EntityTrait>::Model>;
    type Error = ApiError;

    async fn load(&self, keys: &[PageOf<L>]) -> Result<HashMap<PageOf<L>, Self::Value>, ApiError> {
        // Keys asking for the same page of the same kind of list share a statement.
        let mut groups: HashMap<(&L, &PageRequest), Vec<Uuid>> = HashMap::new();
        for key in keys {
            groups
                .entry((&key.list, &key.request))
                .or_default()
                .push(key.parent);
        }
        let mut found = HashMap::with_capacity(keys.len());
        for ((list, request), parents) in groups {
            let (rows, parent) = list.rows(&parents);
            let mut pages = keyset::pages(&self.db, rows, parent, &list.sort(), request).await?;
            for parent in parents {
                let key = PageOf {
                    list: list.clone(),
                    parent,
                    request: request.clone(),
                };
                found.insert(key, pages.remove(&parent).unwrap_or_default());
            }
        }
        Ok(found)
    }
}

impl<L: ListSpec> Loader<CountOf<L>> for Store {
    type Value = u64;
    type Error = ApiError;

    async fn load(&self, keys: &[CountOf<L>]) -> Result<HashMap<CountOf<L>, u64>, ApiError> {
        let mut groups: HashMap<&L, Vec<Uuid>> = HashMap::new();
        for key in keys {
            groups.entry(&key.list).or_default().push(key.parent);
        }
        let mut found = HashMap::with_capacity(keys.len());
        for (list, parents) in groups {
            let (rows, parent) = list.rows(&parents);
            let counts = keyset::counts(&self.db, rows, parent).await?;
            for parent in parents {
                let count = counts.get(&parent).copied().unwrap_or(0);
                found.insert(
                    CountOf {
                        list: list.clone(),
                        parent,
                    },
                    count,
                );
            }
        }
        Ok(found)
    }
}

/// The connection of `list` under `parent`, as the arguments ask.
pub async fn list_page<L: ListSpec, N: OutputType>(
    ctx: &Context<'_>,
    list: L,
    parent: Uuid,
    args: PageArgs,
    to_node: impl Fn(<L::Entity as EntityTrait>::Model) -> N,
) -> ApiResult<Page<N>> {
    let request = args.request_for(&list.sort())?;
    let loader = loader(ctx)?;
    let page = loader.load_one(PageOf {
        list: list.clone(),
        parent,
        request: request.clone(),
    });
    let total = async {
        if wants_total(ctx) {
            Ok(loader
                .load_one(CountOf { list, parent })
                .await?
                .unwrap_or(0))
        } else {
            Ok::<_, ApiError>(0)
        }
    };
    let (page, total) = tokio::join!(page, total);
    Ok(connection(
        page?.unwrap_or_default(),
        &request,
        total?,
        to_node,
    ))
}

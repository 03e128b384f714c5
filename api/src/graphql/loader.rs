//! Batch loading. One `Store` serves every key type (`impl Loader<Key> for Store` lives in
//! each domain), and a fresh `DataLoader<Store>` is made per request, so its cache never
//! outlives the request that filled it.

use std::{collections::HashMap, hash::Hash};

use async_graphql::{Context, dataloader::DataLoader};
use sea_orm::DatabaseConnection;

use crate::error::{ApiError, ApiResult};

pub struct Store {
    pub db: DatabaseConnection,
}

pub type Loader = DataLoader<Store>;

pub fn new_loader(db: DatabaseConnection) -> Loader {
    DataLoader::new(Store { db }, tokio::spawn)
}

pub fn loader<'a>(ctx: &Context<'a>) -> ApiResult<&'a Loader> {
    ctx.data::<Loader>().map_err(|_| {
        tracing::error!("request has no DataLoader");
        ApiError::Internal
    })
}

/// Every row a list key loads; a key without rows is an empty list.
pub async fn load_list<K, V>(ctx: &Context<'_>, key: K) -> ApiResult<Vec<V>>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    V: Send + Sync + Clone + 'static,
    Store: async_graphql::dataloader::Loader<K, Value = Vec<V>, Error = ApiError>,
{
    Ok(loader(ctx)?.load_one(key).await?.unwrap_or_default())
}

pub fn db<'a>(ctx: &Context<'a>) -> ApiResult<&'a DatabaseConnection> {
    ctx.data::<DatabaseConnection>().map_err(|_| {
        tracing::error!("schema has no database connection");
        ApiError::Internal
    })
}

/// Groups rows by a key, keeping their order within each group.
pub fn group<K: Eq + Hash, V>(rows: Vec<V>, key: impl Fn(&V) -> K) -> HashMap<K, Vec<V>> {
    let mut groups: HashMap<K, Vec<V>> = HashMap::new();
    for row in rows {
        groups.entry(key(&row)).or_default().push(row);
    }
    groups
}

/// Indexes rows by a unique key.
pub fn index<K: Eq + Hash, V>(rows: Vec<V>, key: impl Fn(&V) -> K) -> HashMap<K, V> {
    rows.into_iter().map(|row| (key(&row), row)).collect()
}

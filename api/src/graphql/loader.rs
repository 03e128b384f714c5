//! Batch loading. One `Store` serves every key type (`impl Loader<Key> for Store` lives in
//! each domain), and a fresh `DataLoader<Store>` is made per request, so its cache never
//! outlives the request that filled it.

use std::{collections::HashMap, hash::Hash, marker::PhantomData};

use async_graphql::{Context, dataloader::DataLoader};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, Iterable, ModelTrait, PrimaryKeyToColumn,
    QueryFilter,
};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};

pub struct Store {
    pub db: DatabaseConnection,
}

pub type Loader = DataLoader<Store>;

/// Batches fire without an idle wait (a zero delay: only the timer's own turn). Each actix
/// worker runs a single-threaded runtime, so the spawned batch only runs once the
/// request's task yields: by then every sibling resolver of the level (polled together)
/// has asked for its key. async-graphql's default 1 ms wait bought nothing here and cost a
/// millisecond per nesting level.
pub fn new_loader(db: DatabaseConnection) -> Loader {
    DataLoader::new(Store { db }, tokio::spawn).delay(std::time::Duration::ZERO)
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

/// Any entity's row by its UUID primary key, batched: `loader.load_one(ById::<room::Entity>::new(id))`.
pub struct ById<E>(pub Uuid, PhantomData<fn() -> E>);

impl<E> ById<E> {
    pub fn new(id: Uuid) -> Self {
        Self(id, PhantomData)
    }
}

impl<E> Clone for ById<E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E> Copy for ById<E> {}

impl<E> PartialEq for ById<E> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl<E> Eq for ById<E> {}

impl<E> Hash for ById<E> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl<E> async_graphql::dataloader::Loader<ById<E>> for Store
where
    E: EntityTrait,
    E::Model: Clone + Send + Sync,
{
    type Value = E::Model;
    type Error = ApiError;

    async fn load(&self, keys: &[ById<E>]) -> Result<HashMap<ById<E>, E::Model>, ApiError> {
        let Some(key) = E::PrimaryKey::iter().next() else {
            return Ok(HashMap::new());
        };
        let column = key.into_column();
        let rows = E::find()
            .filter(column.is_in(keys.iter().map(|k| k.0)))
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(|row| match row.get(column) {
                sea_orm::Value::Uuid(Some(id)) => Some((ById::new(id), row)),
                _ => None,
            })
            .collect())
    }
}

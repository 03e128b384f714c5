//! Keyset ("seek") pages in SQL. A list is ordered by a text column, then its id; a page
//! starts after (or ends before) the sort key of a given item, so `WHERE (name, id) >
//! (…, …) ORDER BY name, id LIMIT n + 1` costs the same on page one as on page ten
//! thousand. Lists under many parents are paged per parent in one statement (a window
//! function), never one statement per parent and never every row.
//!
//! Plain Rust over SeaORM: no GraphQL here, so a rule or a report can page the same way.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait, Select,
    sea_query::{
        Alias, Asterisk, ColumnRef, Expr, ExprTrait, Func, Order, Query, SimpleExpr,
        WindowStatement,
    },
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// An item's place in its list: its sort value and its id.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SortKey {
    #[serde(flatten)]
    pub value: SortValue,
    pub id: Uuid,
}

/// What a list is ordered by first: a name, or an instant (bookings by start).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortValue {
    Text(String),
    At(DateTime<Utc>),
}

impl SortKey {
    pub fn text(text: impl Into<String>, id: Uuid) -> Self {
        Self {
            value: SortValue::Text(text.into()),
            id,
        }
    }
}

/// Rows of a list ordered by a sort value, then id.
pub trait Keyed {
    fn sort_key(&self) -> SortKey;
}

macro_rules! keyed_by_name {
    ($($model:path),*) => {$(
        impl Keyed for $model {
            fn sort_key(&self) -> SortKey {
                SortKey::text(self.name.clone(), self.id)
            }
        }
    )*};
}

impl Keyed for entity::callback_request::Model {
    fn sort_key(&self) -> SortKey {
        SortKey {
            value: SortValue::At(self.created_at),
            id: self.id,
        }
    }
}

impl Keyed for entity::booking::Model {
    fn sort_key(&self) -> SortKey {
        SortKey {
            value: SortValue::At(self.starts_at),
            id: self.id,
        }
    }
}

keyed_by_name!(
    entity::clinic::Model,
    entity::location::Model,
    entity::therapist::Model,
    entity::service::Model,
    entity::promotion::Model
);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// `first`/`after`: the items after the cursor, in list order.
    Forward,
    /// `last`/`before`: the items before the cursor, the nearest last.
    Backward,
}

/// One page asked for: which way, how many, from where.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PageRequest {
    pub direction: Direction,
    pub limit: u64,
    pub cursor: Option<SortKey>,
}

/// A page's items in list order, and whether more lie beyond it in its direction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slice<T> {
    pub rows: Vec<T>,
    pub has_more: bool,
}

impl<T> Default for Slice<T> {
    fn default() -> Self {
        Self {
            rows: Vec::new(),
            has_more: false,
        }
    }
}

/// The columns a list is ordered by: its sort value's, then its id's.
#[derive(Clone, Debug)]
pub struct SortColumns {
    pub text: ColumnRef,
    pub id: ColumnRef,
    /// Whether the first column holds instants rather than names.
    pub instants: bool,
}

impl SortColumns {
    /// Ordered by a name, then id.
    pub fn new(
        text: impl sea_orm::sea_query::IntoColumnRef,
        id: impl sea_orm::sea_query::IntoColumnRef,
    ) -> Self {
        Self {
            text: text.into_column_ref(),
            id: id.into_column_ref(),
            instants: false,
        }
    }

    /// Ordered by an instant, then id.
    pub fn by_instant(
        at: impl sea_orm::sea_query::IntoColumnRef,
        id: impl sea_orm::sea_query::IntoColumnRef,
    ) -> Self {
        Self {
            instants: true,
            ..Self::new(at, id)
        }
    }

    /// Whether a cursor's value is of this list's kind.
    pub fn accepts(&self, value: &SortValue) -> bool {
        matches!(value, SortValue::At(_)) == self.instants
    }

    fn beyond(&self, request: &PageRequest) -> Option<SimpleExpr> {
        let cursor = request.cursor.as_ref()?;
        let row = Expr::tuple([Expr::col(self.text.clone()), Expr::col(self.id.clone())]);
        let value = match &cursor.value {
            SortValue::Text(text) => Expr::val(text.clone()),
            SortValue::At(at) => Expr::val(*at),
        };
        let key = Expr::tuple([value, Expr::val(cursor.id)]);
        Some(match request.direction {
            Direction::Forward => row.gt(key),
            Direction::Backward => row.lt(key),
        })
    }

    fn order(request: &PageRequest) -> Order {
        match request.direction {
            Direction::Forward => Order::Asc,
            Direction::Backward => Order::Desc,
        }
    }
}

/// One page of one list.
pub async fn page<E: EntityTrait>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    sort: &SortColumns,
    request: &PageRequest,
) -> Result<Slice<E::Model>, DbErr> {
    let order = SortColumns::order(request);
    let mut select = select
        .order_by(Expr::col(sort.text.clone()), order.clone())
        .order_by(Expr::col(sort.id.clone()), order)
        .limit(request.limit + 1);
    if let Some(beyond) = sort.beyond(request) {
        select = select.filter(beyond);
    }
    let rows = select.all(db).await?;
    Ok(trim(rows, request))
}

/// One page of each parent's list, in one statement. `select` holds the rows of every
/// parent asked for (filtered to them); `parent` is the column naming each row's parent.
pub async fn pages<E: EntityTrait>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    parent: impl sea_orm::sea_query::IntoColumnRef,
    sort: &SortColumns,
    request: &PageRequest,
) -> Result<HashMap<Uuid, Slice<E::Model>>, DbErr> {
    let parent = parent.into_column_ref();
    let order = SortColumns::order(request);
    let mut inner = match sort.beyond(request) {
        Some(beyond) => select.filter(beyond),
        None => select,
    }
    .into_query();
    let mut window = WindowStatement::partition_by(parent.clone());
    window
        .order_by(sort.text.clone(), order.clone())
        .order_by(sort.id.clone(), order);
    inner
        .expr_as(Expr::col(parent), Alias::new("page_parent"))
        .expr_window_as(Func::cust("ROW_NUMBER"), window, Alias::new("page_rank"));
    let outer = Query::select()
        .column(Asterisk)
        .from_subquery(inner, Alias::new("page"))
        .and_where(Expr::col(Alias::new("page_rank")).lte(request.limit + 1))
        .order_by(Alias::new("page_parent"), Order::Asc)
        .order_by(Alias::new("page_rank"), Order::Asc)
        .to_owned();
    let mut grouped: HashMap<Uuid, Vec<E::Model>> = HashMap::new();
    for row in db.query_all(&outer).await? {
        let parent: Uuid = row.try_get("", "page_parent")?;
        grouped
            .entry(parent)
            .or_default()
            .push(E::Model::from_query_result(&row, "")?);
    }
    Ok(grouped
        .into_iter()
        .map(|(parent, rows)| (parent, trim(rows, request)))
        .collect())
}

/// How many rows each parent's list holds, in one statement.
pub async fn counts<E: EntityTrait>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    parent: impl sea_orm::sea_query::IntoColumnRef,
) -> Result<HashMap<Uuid, u64>, DbErr> {
    let parent = parent.into_column_ref();
    let rows: Vec<(Uuid, i64)> = select
        .select_only()
        .column_as(Expr::col(parent.clone()), "page_parent")
        .column_as(Expr::col(Asterisk).count(), "page_count")
        .group_by(Expr::col(parent))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(parent, count)| (parent, u64::try_from(count).unwrap_or(0)))
        .collect())
}

/// Fetched `limit + 1` rows in the request's direction: the extra one only says there
/// are more. A backward page is turned back into list order.
fn trim<T>(mut rows: Vec<T>, request: &PageRequest) -> Slice<T> {
    let limit = usize::try_from(request.limit).unwrap_or(usize::MAX);
    let has_more = rows.len() > limit;
    rows.truncate(limit);
    if request.direction == Direction::Backward {
        rows.reverse();
    }
    Slice { rows, has_more }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(direction: Direction, limit: u64) -> PageRequest {
        PageRequest {
            direction,
            limit,
            cursor: None,
        }
    }

    #[test]
    fn the_extra_row_says_there_is_more_and_is_dropped() {
        let forward = trim(vec![1, 2, 3], &request(Direction::Forward, 2));
        assert_eq!(
            forward,
            Slice {
                rows: vec![1, 2],
                has_more: true
            }
        );
        let last = trim(vec![1, 2], &request(Direction::Forward, 2));
        assert_eq!(
            last,
            Slice {
                rows: vec![1, 2],
                has_more: false
            }
        );
    }

    #[test]
    fn a_backward_page_comes_back_in_list_order() {
        // Fetched nearest-first: 9, 8, 7 (one extra).
        let backward = trim(vec![9, 8, 7], &request(Direction::Backward, 2));
        assert_eq!(
            backward,
            Slice {
                rows: vec![8, 9],
                has_more: true
            }
        );
    }
}

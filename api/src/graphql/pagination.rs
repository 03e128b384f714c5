//! Relay connections over an ordered list: `first`/`after` and `last`/`before`, a capped
//! page size and `totalCount`. Cursors are opaque positions in the list's fixed order.

use async_graphql::{
    OutputType, SimpleObject,
    connection::{Connection, CursorType, DisableNodesField, Edge, EmptyFields},
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait, QuerySelect, Select};

use crate::error::{ApiError, ApiResult};

pub const MAX_PAGE_SIZE: usize = 100;
pub const DEFAULT_PAGE_SIZE: usize = 20;

/// Position of an item in a list's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor(pub usize);

impl CursorType for Cursor {
    type Error = InvalidCursor;

    fn decode_cursor(s: &str) -> Result<Self, Self::Error> {
        let bytes = URL_SAFE_NO_PAD.decode(s).map_err(|_| InvalidCursor)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| InvalidCursor)?;
        let position = text.strip_prefix("position:").ok_or(InvalidCursor)?;
        position.parse().map(Cursor).map_err(|_| InvalidCursor)
    }

    fn encode_cursor(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("position:{}", self.0))
    }
}

#[derive(Debug)]
pub struct InvalidCursor;

impl std::fmt::Display for InvalidCursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("invalid cursor")
    }
}

#[derive(SimpleObject)]
pub struct ConnectionFields {
    /// How many items the whole list holds, across all pages.
    pub total_count: u64,
}

pub type Page<N> = Connection<
    Cursor,
    N,
    ConnectionFields,
    EmptyFields,
    async_graphql::connection::DefaultConnectionName,
    async_graphql::connection::DefaultEdgeName,
    DisableNodesField,
>;

/// What a connection field costs against the complexity limit: each item of the page it
/// may return costs what one item's selection costs, so nesting multiplies.
pub fn page_cost(first: Option<i32>, last: Option<i32>, child_complexity: usize) -> usize {
    let page = first.or(last).map_or(DEFAULT_PAGE_SIZE, |n| {
        n.clamp(0, MAX_PAGE_SIZE as i32) as usize
    });
    page.max(1)
        .saturating_mul(child_complexity)
        .saturating_add(1)
}

/// The pagination arguments every list field takes.
#[derive(Clone, Debug, Default)]
pub struct PageArgs {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub last: Option<i32>,
    pub before: Option<String>,
}

/// The slice of the list to return: `offset..offset + limit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub offset: usize,
    pub limit: usize,
    pub has_previous_page: bool,
    pub has_next_page: bool,
}

impl PageArgs {
    pub fn new(
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Self {
        Self {
            first,
            after,
            last,
            before,
        }
    }

    /// The window of a list of `total` items these arguments select.
    pub fn window(&self, total: usize) -> ApiResult<Window> {
        let first = page_size("first", self.first)?;
        let last = page_size("last", self.last)?;
        let after = cursor("after", self.after.as_deref())?;
        let before = cursor("before", self.before.as_deref())?;

        let mut start = after.map_or(0, |c| c.0.saturating_add(1)).min(total);
        let mut end = before.map_or(total, |c| c.0).min(total).max(start);
        match (first, last) {
            (Some(first), _) => end = end.min(start + first),
            (None, Some(last)) => start = start.max(end.saturating_sub(last)),
            (None, None) => end = end.min(start + DEFAULT_PAGE_SIZE),
        }
        if let (Some(_), Some(last)) = (first, last) {
            start = start.max(end.saturating_sub(last));
        }
        Ok(Window {
            offset: start,
            limit: end - start,
            has_previous_page: start > 0,
            has_next_page: end < total,
        })
    }

    /// Pages through a list already held in memory, in its order.
    pub fn page_of<T, N: OutputType>(
        &self,
        items: Vec<T>,
        to_node: impl Fn(T) -> N,
    ) -> ApiResult<Page<N>> {
        let total = items.len();
        let window = self.window(total)?;
        let nodes = items
            .into_iter()
            .skip(window.offset)
            .take(window.limit)
            .map(to_node)
            .collect();
        Ok(connection(window, total as u64, nodes))
    }
}

/// Builds the connection for a window whose nodes were fetched separately.
pub fn connection<N: OutputType>(window: Window, total: u64, nodes: Vec<N>) -> Page<N> {
    let mut page = Connection::with_additional_fields(
        window.has_previous_page,
        window.has_next_page,
        ConnectionFields { total_count: total },
    );
    page.edges.extend(
        nodes
            .into_iter()
            .enumerate()
            .map(|(i, node)| Edge::new(Cursor(window.offset + i), node)),
    );
    page
}

/// Pages through a query in the database: one COUNT and one windowed SELECT, whatever
/// the page. The select must already be in a total order (end it with the primary key).
pub async fn page_of_select<E, N>(
    db: &DatabaseConnection,
    args: &PageArgs,
    select: Select<E>,
    to_node: impl Fn(E::Model) -> N,
) -> ApiResult<Page<N>>
where
    E: EntityTrait,
    E::Model: Sync,
    N: OutputType,
{
    let total = select.clone().count(db).await?;
    let window = args.window(usize::try_from(total).unwrap_or(usize::MAX))?;
    let rows = if window.limit == 0 {
        Vec::new()
    } else {
        select
            .offset(window.offset as u64)
            .limit(window.limit as u64)
            .all(db)
            .await?
    };
    Ok(connection(
        window,
        total,
        rows.into_iter().map(to_node).collect(),
    ))
}

fn page_size(field: &str, value: Option<i32>) -> ApiResult<Option<usize>> {
    match value {
        None => Ok(None),
        Some(n) if n < 0 => Err(ApiError::validation(
            field,
            format!("{field} must not be negative"),
        )),
        Some(n) if n as usize > MAX_PAGE_SIZE => Err(ApiError::validation(
            field,
            format!("{field} must be at most {MAX_PAGE_SIZE}"),
        )),
        Some(n) => Ok(Some(n as usize)),
    }
}

fn cursor(field: &str, value: Option<&str>) -> ApiResult<Option<Cursor>> {
    value
        .map(|raw| {
            Cursor::decode_cursor(raw).map_err(|_| ApiError::validation(field, "invalid cursor"))
        })
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(
        first: Option<i32>,
        after: Option<usize>,
        last: Option<i32>,
        before: Option<usize>,
    ) -> PageArgs {
        PageArgs::new(
            first,
            after.map(|p| Cursor(p).encode_cursor()),
            last,
            before.map(|p| Cursor(p).encode_cursor()),
        )
    }

    fn window(offset: usize, limit: usize, has_previous_page: bool, has_next_page: bool) -> Window {
        Window {
            offset,
            limit,
            has_previous_page,
            has_next_page,
        }
    }

    #[test]
    fn first_pages_forward() {
        assert_eq!(
            args(Some(2), None, None, None).window(5),
            Ok(window(0, 2, false, true))
        );
        assert_eq!(
            args(Some(2), Some(1), None, None).window(5),
            Ok(window(2, 2, true, true))
        );
        assert_eq!(
            args(Some(2), Some(3), None, None).window(5),
            Ok(window(4, 1, true, false))
        );
        assert_eq!(
            args(Some(2), Some(9), None, None).window(5),
            Ok(window(5, 0, true, false))
        );
    }

    #[test]
    fn last_pages_backward() {
        assert_eq!(
            args(None, None, Some(2), None).window(5),
            Ok(window(3, 2, true, false))
        );
        assert_eq!(
            args(None, None, Some(2), Some(3)).window(5),
            Ok(window(1, 2, true, true))
        );
        assert_eq!(
            args(None, None, Some(9), Some(1)).window(5),
            Ok(window(0, 1, false, true))
        );
    }

    #[test]
    fn no_arguments_gives_the_default_page() {
        assert_eq!(
            args(None, None, None, None).window(50),
            Ok(window(0, DEFAULT_PAGE_SIZE, false, true))
        );
        assert_eq!(
            args(None, None, None, None).window(0),
            Ok(window(0, 0, false, false))
        );
    }

    #[test]
    fn page_size_is_capped_and_never_negative() {
        let too_big = args(Some(MAX_PAGE_SIZE as i32 + 1), None, None, None).window(5);
        assert!(matches!(too_big, Err(ApiError::Validation { ref field, .. }) if field == "first"));
        let negative = args(None, None, Some(-1), None).window(5);
        assert!(matches!(negative, Err(ApiError::Validation { ref field, .. }) if field == "last"));
        assert!(
            args(Some(MAX_PAGE_SIZE as i32), None, None, None)
                .window(5)
                .is_ok()
        );
    }

    #[test]
    fn a_forged_cursor_is_a_validation_error() {
        let forged = PageArgs::new(Some(1), Some("bm9wZQ".into()), None, None).window(5);
        assert!(matches!(forged, Err(ApiError::Validation { ref field, .. }) if field == "after"));
    }

    #[test]
    fn every_window_stays_inside_the_list() {
        // Exhaustive over small lists: the window is in bounds and the flags are truthful.
        for total in 0..8 {
            for first in [None, Some(0), Some(1), Some(3), Some(10)] {
                for last in [None, Some(0), Some(2), Some(10)] {
                    for after in [None, Some(0), Some(3), Some(9)] {
                        for before in [None, Some(0), Some(4), Some(9)] {
                            let w = args(first, after, last, before)
                                .window(total)
                                .expect("valid");
                            assert!(w.offset + w.limit <= total);
                            assert_eq!(w.has_previous_page, w.offset > 0);
                            assert_eq!(w.has_next_page, w.offset + w.limit < total);
                            if let Some(f) = first {
                                assert!(w.limit <= f as usize);
                            }
                            if let Some(l) = last {
                                assert!(w.limit <= l as usize);
                            }
                            if let Some(a) = after {
                                assert!(w.offset > a || w.limit == 0);
                            }
                            if let Some(b) = before {
                                assert!(w.offset + w.limit <= b.max(w.offset));
                            }
                        }
                    }
                }
            }
        }
    }
}

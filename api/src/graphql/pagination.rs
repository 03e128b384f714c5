//! Relay connections: `first`/`after` and `last`/`before`, a capped page size, cursors
//! that carry the item's sort key (see `keyset`), and `totalCount` computed only when a
//! query selects it.

use async_graphql::{
    Context, OutputType, SimpleObject,
    connection::{Connection, CursorType, DisableNodesField, Edge, EmptyFields},
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

use super::keyset::{Direction, Keyed, PageRequest, Slice, SortColumns, SortKey, SortValue};
use crate::error::{ApiError, ApiResult};

pub const MAX_PAGE_SIZE: usize = 100;
pub const DEFAULT_PAGE_SIZE: usize = 20;

/// Longer than any cursor Stride hands out (names are at most a few hundred characters).
const MAX_CURSOR_CHARS: usize = 2048;

/// An item's sort key, opaque to clients.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor(pub SortKey);

impl CursorType for Cursor {
    type Error = InvalidCursor;

    fn decode_cursor(s: &str) -> Result<Self, Self::Error> {
        if s.len() > MAX_CURSOR_CHARS {
            return Err(InvalidCursor);
        }
        let bytes = URL_SAFE_NO_PAD.decode(s).map_err(|_| InvalidCursor)?;
        let key: SortKey = serde_json::from_slice(&bytes).map_err(|_| InvalidCursor)?;
        // No stored name holds a control character; PostgreSQL would refuse a NUL.
        if let SortValue::Text(text) = &key.value
            && text.chars().any(char::is_control)
        {
            return Err(InvalidCursor);
        }
        Ok(Cursor(key))
    }

    fn encode_cursor(&self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(&self.0).unwrap_or_default())
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

/// Whether the query selects `totalCount` on this connection: counting costs a
/// statement, so it is done only when asked for.
pub fn wants_total(ctx: &Context<'_>) -> bool {
    ctx.look_ahead().field("totalCount").exists()
}

/// The pagination arguments every list field takes.
#[derive(Clone, Debug, Default)]
pub struct PageArgs {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub last: Option<i32>,
    pub before: Option<String>,
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

    /// The page these arguments ask for: `first` (default 20) after a cursor, or `last`
    /// before one. Mixing the two directions is refused.
    pub fn request(&self) -> ApiResult<PageRequest> {
        let first = page_size("first", self.first)?;
        let last = page_size("last", self.last)?;
        let after = cursor("after", self.after.as_deref())?;
        let before = cursor("before", self.before.as_deref())?;
        let backward = last.is_some() || before.is_some();
        let forward = first.is_some() || after.is_some();
        if forward && backward {
            // Name a backward argument the client actually sent.
            let field = if last.is_some() { "last" } else { "before" };
            return Err(ApiError::validation(
                field,
                "page forward (first, after) or backward (last, before), not both",
            ));
        }
        Ok(if backward {
            PageRequest {
                direction: Direction::Backward,
                limit: last.unwrap_or(DEFAULT_PAGE_SIZE) as u64,
                cursor: before.map(|c| c.0),
            }
        } else {
            PageRequest {
                direction: Direction::Forward,
                limit: first.unwrap_or(DEFAULT_PAGE_SIZE) as u64,
                cursor: after.map(|c| c.0),
            }
        })
    }

    /// The page asked of a list ordered by `sort`: a cursor of another kind of list (a name
    /// where a start time belongs) is refused like any invalid cursor.
    pub fn request_for(&self, sort: &SortColumns) -> ApiResult<PageRequest> {
        let request = self.request()?;
        match &request.cursor {
            Some(key) if !sort.accepts(&key.value) => {
                let field = match request.direction {
                    Direction::Forward => "after",
                    Direction::Backward => "before",
                };
                Err(ApiError::validation(field, "invalid cursor"))
            }
            _ => Ok(request),
        }
    }
}

/// The connection for a fetched page; `total` is only read when the query selects it.
pub fn connection<T: Keyed, N: OutputType>(
    slice: Slice<T>,
    request: &PageRequest,
    total: u64,
    to_node: impl Fn(T) -> N,
) -> Page<N> {
    let from_cursor = request.cursor.is_some();
    let (has_previous_page, has_next_page) = match request.direction {
        Direction::Forward => (from_cursor, slice.has_more),
        Direction::Backward => (slice.has_more, from_cursor),
    };
    let mut page = Connection::with_additional_fields(
        has_previous_page,
        has_next_page,
        ConnectionFields { total_count: total },
    );
    page.edges.extend(
        slice
            .rows
            .into_iter()
            .map(|row| Edge::new(Cursor(row.sort_key()), to_node(row))),
    );
    page
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
    use uuid::Uuid;

    use super::*;

    impl Keyed for SortKey {
        fn sort_key(&self) -> SortKey {
            self.clone()
        }
    }

    fn key(text: &str, n: u128) -> SortKey {
        SortKey::text(text, Uuid::from_u128(n))
    }

    fn cursor_of(text: &str, n: u128) -> String {
        Cursor(key(text, n)).encode_cursor()
    }

    #[test]
    fn cursors_carry_the_sort_key_both_ways() {
        let request = PageArgs::new(Some(2), Some(cursor_of("Bravo", 7)), None, None)
            .request()
            .expect("valid");
        assert_eq!(request.direction, Direction::Forward);
        assert_eq!(request.limit, 2);
        assert_eq!(request.cursor, Some(key("Bravo", 7)));
        let back = PageArgs::new(None, None, Some(3), Some(cursor_of("Delta", 9)))
            .request()
            .expect("valid");
        assert_eq!(back.direction, Direction::Backward);
        assert_eq!(back.cursor, Some(key("Delta", 9)));
        let before_alone = PageArgs::new(None, None, None, Some(cursor_of("Delta", 9)))
            .request()
            .expect("valid");
        assert_eq!(before_alone.direction, Direction::Backward);
        assert_eq!(before_alone.limit, DEFAULT_PAGE_SIZE as u64);
    }

    #[test]
    fn page_flags_follow_the_direction() {
        let slice = |has_more| Slice {
            rows: vec![key("Charlie", 3), key("Delta", 4)],
            has_more,
        };
        let forward = PageArgs::new(Some(2), Some(cursor_of("Bravo", 2)), None, None)
            .request()
            .expect("valid");
        let page = connection(slice(true), &forward, 0, |k| k.id.to_string());
        assert!(page.has_previous_page && page.has_next_page);
        assert_eq!(page.edges[1].cursor.encode_cursor(), cursor_of("Delta", 4));
        let first = PageArgs::new(Some(2), None, None, None)
            .request()
            .expect("valid");
        let page = connection(slice(false), &first, 0, |k| k.id.to_string());
        assert!(!page.has_previous_page && !page.has_next_page);
        let backward = PageArgs::new(None, None, Some(2), None)
            .request()
            .expect("valid");
        let page = connection(slice(true), &backward, 0, |k| k.id.to_string());
        assert!(page.has_previous_page && !page.has_next_page);
    }

    #[test]
    fn page_size_is_capped_and_never_negative_and_directions_do_not_mix() {
        let too_big = PageArgs::new(Some(MAX_PAGE_SIZE as i32 + 1), None, None, None).request();
        assert!(matches!(too_big, Err(ApiError::Validation { ref field, .. }) if field == "first"));
        let negative = PageArgs::new(None, None, Some(-1), None).request();
        assert!(matches!(negative, Err(ApiError::Validation { ref field, .. }) if field == "last"));
        let mixed = PageArgs::new(Some(1), None, Some(1), None).request();
        assert!(matches!(mixed, Err(ApiError::Validation { ref field, .. }) if field == "last"));
        let crossed =
            PageArgs::new(None, Some(cursor_of("A", 1)), None, Some(cursor_of("B", 2))).request();
        assert!(
            matches!(crossed, Err(ApiError::Validation { ref field, .. }) if field == "before")
        );
        let first_before = PageArgs::new(Some(1), None, None, Some(cursor_of("B", 2))).request();
        assert!(
            matches!(first_before, Err(ApiError::Validation { ref field, .. }) if field == "before")
        );
        let default = PageArgs::default().request().expect("valid");
        assert_eq!(default.limit, DEFAULT_PAGE_SIZE as u64);
        assert_eq!(default.direction, Direction::Forward);
    }

    #[test]
    fn a_forged_cursor_is_a_validation_error() {
        let nul =
            URL_SAFE_NO_PAD.encode(format!(r#"{{"text":"a\u0000b","id":"{}"}}"#, Uuid::nil()));
        for forged in ["bm9wZQ", "forged", "", "eyJ0ZXh0IjoxfQ", nul.as_str()] {
            let request = PageArgs::new(Some(1), Some(forged.into()), None, None).request();
            assert!(
                matches!(request, Err(ApiError::Validation { ref field, .. }) if field == "after"),
                "{forged}"
            );
        }
    }
}

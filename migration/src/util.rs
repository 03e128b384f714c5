//! Small builders shared by the migrations so every table spells keys,
//! money, foreign keys and indexes the same way on SQLite and PostgreSQL.

use sea_orm_migration::{prelude::*, schema};

/// Booking statuses that occupy the therapist / room (everything but the
/// cancelled ones). Used by the overlap constraints and triggers.
pub const ACTIVE_BOOKING_STATUSES: &str = "'pending', 'confirmed', 'completed', 'no_show'";

/// `created_at` / `updated_at` style column. Deliberately no DB default: on
/// SQLite `CURRENT_TIMESTAMP` writes a different text format from the one
/// sqlx uses, which would break the text ordering the checks/triggers rely on.
pub fn tstz<T: IntoIden>(col: T) -> ColumnDef {
    schema::timestamp_with_time_zone(col)
}

pub fn tstz_null<T: IntoIden>(col: T) -> ColumnDef {
    schema::timestamp_with_time_zone_null(col)
}

/// `TEXT NOT NULL DEFAULT ''`.
pub fn text_empty<T: IntoIden>(col: T) -> ColumnDef {
    schema::text(col).default("").take()
}

/// ISO-4217 style code: three upper-case letters. The CHECK also passes for
/// NULL, so the same helper serves nullable currency columns.
pub fn currency_check<T: IntoIden + Clone>(col: T) -> Expr {
    Func::char_length(Expr::col(col.clone()))
        .eq(3)
        .and(Expr::col(col.clone()).eq(Func::upper(Expr::col(col))))
}

pub fn currency<T: IntoIden + Clone>(col: T) -> ColumnDef {
    schema::text(col.clone()).check(currency_check(col)).take()
}

pub fn currency_null<T: IntoIden + Clone>(col: T) -> ColumnDef {
    schema::text_null(col.clone())
        .check(currency_check(col))
        .take()
}

/// `col IN ('a', 'b', ...)` for string-valued enums.
pub fn one_of<T: IntoIden>(col: T, values: &[&'static str]) -> Expr {
    Expr::col(col).is_in(values.iter().copied())
}

/// Foreign key `table.col -> parent.id`, named `fk_<table>_<col>`.
pub fn fk<T, C, P>(
    table: T,
    col: C,
    parent: P,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement
where
    T: IntoIden,
    C: IntoIden,
    P: IntoIden,
{
    let (table, col) = (table.into_iden(), col.into_iden());
    ForeignKey::create()
        .name(format!("fk_{table}_{col}"))
        .from(table, col)
        .to(parent, "id")
        .on_delete(on_delete)
        .take()
}

/// Plain index named `idx_<table>_<cols...>`.
pub fn index<T: IntoIden, C: IdenList>(table: T, cols: C) -> IndexCreateStatement {
    build_index("idx", table.into_iden(), cols)
}

/// Unique index named `uq_<table>_<cols...>` (used for multi-column
/// uniqueness; NULLs stay distinct on both backends).
pub fn unique_index<T: IntoIden, C: IdenList>(table: T, cols: C) -> IndexCreateStatement {
    let mut idx = build_index("uq", table.into_iden(), cols);
    idx.unique();
    idx
}

fn build_index<C: IdenList>(prefix: &str, table: DynIden, cols: C) -> IndexCreateStatement {
    let cols: Vec<DynIden> = cols.into_iter().collect();
    let names: Vec<String> = cols.iter().map(ToString::to_string).collect();
    let mut idx = Index::create();
    idx.name(format!("{prefix}_{table}_{}", names.join("_")))
        .table(table);
    for col in cols {
        idx.col(col);
    }
    idx
}

/// Creates all indexes in order.
pub async fn create_indexes(
    manager: &SchemaManager<'_>,
    indexes: Vec<IndexCreateStatement>,
) -> Result<(), DbErr> {
    for idx in indexes {
        manager.create_index(idx).await?;
    }
    Ok(())
}

/// Drops tables in the given order (callers list children first).
pub async fn drop_tables(manager: &SchemaManager<'_>, tables: Vec<DynIden>) -> Result<(), DbErr> {
    for table in tables {
        manager
            .drop_table(Table::drop().table(table).to_owned())
            .await?;
    }
    Ok(())
}

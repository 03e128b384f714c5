//! The transaction every booking write runs in. On SQLite it is IMMEDIATE: it takes the
//! write lock at BEGIN, so two bookings never read the calendar, both find a slot free and
//! then both try to write (SQLite cannot upgrade a read lock while another writer waits).
//! PostgreSQL's overlap constraints arbitrate there, whatever the isolation level.

use sea_orm::{
    DatabaseConnection, DatabaseTransaction, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};

use crate::error::ApiResult;

pub async fn begin(db: &DatabaseConnection) -> ApiResult<DatabaseTransaction> {
    let options = TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    };
    Ok(db.begin_with_options(options).await?)
}

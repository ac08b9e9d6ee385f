//! The pool and the transactions [`on_db!`](crate::on_db) hands to its body: sqlx's own,
//! counting every statement they execute on the handle (see [`crate::Db::statements`]),
//! so that a transaction of six statements counts six and a helper that runs none counts
//! none.

use std::fmt;
use std::future::Future;
use std::ops::{Deref, DerefMut};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};

use futures_util::Stream;
use sqlx::{Database, Describe, Either, Execute, Executor, SqlStr};

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
type BoxStream<'a, T> = Pin<Box<dyn Stream<Item = T> + Send + 'a>>;

/// A pool whose statements count on its handle. Dereferences to sqlx's pool for what is
/// not a statement (size, close...).
pub struct Pool<'a, DB: Database> {
    pool: &'a sqlx::Pool<DB>,
    statements: &'a AtomicU64,
}

impl<'a, DB: Database> Pool<'a, DB> {
    /// The pool of `pool`, counting on `statements`.
    pub fn new(pool: &'a sqlx::Pool<DB>, statements: &'a AtomicU64) -> Self {
        Pool { pool, statements }
    }

    /// Begins a transaction (`BEGIN`).
    pub async fn begin(&self) -> Result<Transaction<'a, DB>, sqlx::Error> {
        Ok(Transaction::new(self.pool.begin().await?, self.statements))
    }

    /// Begins a transaction with `statement` (e.g. [`crate::dialect::begin_write`]).
    pub async fn begin_with(
        &self,
        statement: &'static str,
    ) -> Result<Transaction<'a, DB>, sqlx::Error> {
        Ok(Transaction::new(
            self.pool.begin_with(statement).await?,
            self.statements,
        ))
    }
}

impl<DB: Database> Clone for Pool<'_, DB> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<DB: Database> Copy for Pool<'_, DB> {}

impl<DB: Database> fmt::Debug for Pool<'_, DB> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("counted::Pool").finish_non_exhaustive()
    }
}

impl<DB: Database> Deref for Pool<'_, DB> {
    type Target = sqlx::Pool<DB>;
    fn deref(&self) -> &sqlx::Pool<DB> {
        self.pool
    }
}

impl<'a, DB: Database> Executor<'a> for Pool<'a, DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
{
    type Database = DB;

    fn fetch_many<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxStream<'e, Result<Either<DB::QueryResult, DB::Row>, sqlx::Error>>
    where
        'a: 'e,
        E: 'q + Execute<'q, DB>,
    {
        self.statements.fetch_add(1, Ordering::Relaxed);
        self.pool.fetch_many(query)
    }

    fn fetch_optional<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxFuture<'e, Result<Option<DB::Row>, sqlx::Error>>
    where
        'a: 'e,
        E: 'q + Execute<'q, DB>,
    {
        self.statements.fetch_add(1, Ordering::Relaxed);
        self.pool.fetch_optional(query)
    }

    fn prepare_with<'e>(
        self,
        sql: SqlStr,
        parameters: &'e [DB::TypeInfo],
    ) -> BoxFuture<'e, Result<DB::Statement, sqlx::Error>>
    where
        'a: 'e,
    {
        self.pool.prepare_with(sql, parameters)
    }

    fn describe<'e>(self, sql: SqlStr) -> BoxFuture<'e, Result<Describe<DB>, sqlx::Error>>
    where
        'a: 'e,
    {
        self.pool.describe(sql)
    }
}

/// A transaction whose statements count on its handle. `&mut *tx` is the executor, as
/// with sqlx's own transaction.
pub struct Transaction<'a, DB: Database> {
    conn: Connection<'a, DB>,
}

/// The connection of a [`Transaction`]: what `&mut *tx` points at.
pub struct Connection<'a, DB: Database> {
    tx: sqlx::Transaction<'static, DB>,
    statements: &'a AtomicU64,
}

impl<'a, DB: Database> Transaction<'a, DB> {
    fn new(tx: sqlx::Transaction<'static, DB>, statements: &'a AtomicU64) -> Self {
        Transaction {
            conn: Connection { tx, statements },
        }
    }

    /// Commits.
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.conn.tx.commit().await
    }

    /// Rolls back.
    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        self.conn.tx.rollback().await
    }
}

impl<'a, DB: Database> Deref for Transaction<'a, DB> {
    type Target = Connection<'a, DB>;
    fn deref(&self) -> &Connection<'a, DB> {
        &self.conn
    }
}

impl<DB: Database> DerefMut for Transaction<'_, DB> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.conn
    }
}

impl<DB: Database> fmt::Debug for Transaction<'_, DB> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("counted::Transaction")
            .finish_non_exhaustive()
    }
}

impl<DB: Database> fmt::Debug for Connection<'_, DB> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("counted::Connection")
            .finish_non_exhaustive()
    }
}

impl<'c, DB: Database> Executor<'c> for &'c mut Connection<'_, DB>
where
    for<'x> &'x mut DB::Connection: Executor<'x, Database = DB>,
{
    type Database = DB;

    fn fetch_many<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxStream<'e, Result<Either<DB::QueryResult, DB::Row>, sqlx::Error>>
    where
        'c: 'e,
        E: 'q + Execute<'q, DB>,
    {
        self.statements.fetch_add(1, Ordering::Relaxed);
        (&mut *self.tx).fetch_many(query)
    }

    fn fetch_optional<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxFuture<'e, Result<Option<DB::Row>, sqlx::Error>>
    where
        'c: 'e,
        E: 'q + Execute<'q, DB>,
    {
        self.statements.fetch_add(1, Ordering::Relaxed);
        (&mut *self.tx).fetch_optional(query)
    }

    fn prepare_with<'e>(
        self,
        sql: SqlStr,
        parameters: &'e [DB::TypeInfo],
    ) -> BoxFuture<'e, Result<DB::Statement, sqlx::Error>>
    where
        'c: 'e,
    {
        (&mut *self.tx).prepare_with(sql, parameters)
    }

    fn describe<'e>(self, sql: SqlStr) -> BoxFuture<'e, Result<Describe<DB>, sqlx::Error>>
    where
        'c: 'e,
    {
        (&mut *self.tx).describe(sql)
    }
}

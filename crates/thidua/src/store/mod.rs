//! Where the server keeps campaigns and credentials: an embedded SQLite file by default, or
//! PostgreSQL for a province or a country. Both hold the same two tables (see `migrations`); the
//! SQL is written once, in the subset both speak.
//!
//! A campaign is stored as its merged JSON document with a version that grows by one on every
//! change. Writers compare-and-swap on that version, so two servers on one PostgreSQL (or two
//! requests at once) never overwrite each other's merge: the loser merges again.

use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use sqlx::Row;
use std::str::FromStr;
use std::time::Duration;

/// A campaign as stored.
#[derive(Debug, Clone)]
pub struct StoredCampaign {
    pub id: String,
    pub bloc: String,
    pub doc: String,
    pub version: u64,
    pub updated_ms: u64,
}

/// Whom a credential stands for, as stored: `leader` or `unit:<code>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    pub campaign_id: String,
    pub role: String,
}

#[derive(Debug)]
pub enum StoreError {
    /// The database could not be reached or answered with an error (disk full, restart…).
    Unavailable(String),
    /// A campaign with this id exists already.
    Exists,
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Unavailable(e) => write!(f, "{e}"),
            StoreError::Exists => write!(f, "the campaign exists already"),
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        StoreError::Unavailable(e.to_string())
    }
}

#[derive(Clone)]
pub enum Store {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs the same query text on whichever pool the store has. `$1, $2…` placeholders, in order of
/// first use, mean the same in both.
macro_rules! on_pool {
    ($store:expr, |$pool:ident| $body:expr) => {
        match $store {
            Store::Sqlite($pool) => $body,
            Store::Postgres($pool) => $body,
        }
    };
}

mod migrations;

fn to_u64(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

fn to_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

impl Store {
    /// Opens (and creates, for SQLite) the database named by `url` and brings its schema up to
    /// date: `sqlite://path` (or a bare path), `postgres://…`.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        let store = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            Store::Postgres(pool)
        } else {
            let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
            let options = SqliteConnectOptions::from_str(&format!("sqlite://{path}"))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // A commit survives a power cut with WAL at NORMAL only up to the last checkpoint;
                // FULL makes an accepted sync durable before the server answers it.
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true);
            // Fault injection for the tests (tests/faults.rs): a database that may not grow past
            // this many pages fails its writes exactly as on a full disk (SQLITE_FULL).
            let options = match std::env::var("THIDUA_TEST_SQLITE_MAX_PAGES") {
                Ok(n) if !n.is_empty() => options.pragma("max_page_count", n),
                _ => options,
            };
            let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
            Store::Sqlite(pool)
        };
        migrations::run(&store).await?;
        Ok(store)
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Store::Sqlite(_) => "SQLite",
            Store::Postgres(_) => "PostgreSQL",
        }
    }

    /// Stores a new campaign with its credentials (hashes), all or nothing.
    pub async fn create(&self, c: &StoredCampaign, credentials: &[(String, String)]) -> Result<(), StoreError> {
        on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let exists = sqlx::query("SELECT 1 FROM campaigns WHERE id = $1")
                .bind(&c.id)
                .fetch_optional(&mut *tx)
                .await?;
            if exists.is_some() {
                return Err(StoreError::Exists);
            }
            sqlx::query("INSERT INTO campaigns (id, bloc, doc, version, created_ms, updated_ms) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(&c.id)
                .bind(&c.bloc)
                .bind(&c.doc)
                .bind(to_i64(c.version))
                .bind(to_i64(c.updated_ms))
                .bind(to_i64(c.updated_ms))
                .execute(&mut *tx)
                .await?;
            for (role, hash) in credentials {
                sqlx::query("INSERT INTO credentials (token_hash, campaign_id, role, created_ms) VALUES ($1, $2, $3, $4)")
                    .bind(hash)
                    .bind(&c.id)
                    .bind(role)
                    .bind(to_i64(c.updated_ms))
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(())
        })
    }

    pub async fn load(&self, id: &str) -> Result<Option<StoredCampaign>, StoreError> {
        on_pool!(self, |pool| {
            let row = sqlx::query("SELECT id, bloc, doc, version, updated_ms FROM campaigns WHERE id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await?;
            Ok(row.map(|r| StoredCampaign {
                id: r.get(0),
                bloc: r.get(1),
                doc: r.get(2),
                version: to_u64(r.get(3)),
                updated_ms: to_u64(r.get(4)),
            }))
        })
    }

    /// A campaign without its document: enough to know whether a copy in memory is still current.
    pub async fn head(&self, id: &str) -> Result<Option<StoredCampaign>, StoreError> {
        on_pool!(self, |pool| {
            let row = sqlx::query("SELECT id, bloc, version, updated_ms FROM campaigns WHERE id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await?;
            Ok(row.map(|r| StoredCampaign {
                id: r.get(0),
                bloc: r.get(1),
                doc: String::new(),
                version: to_u64(r.get(2)),
                updated_ms: to_u64(r.get(3)),
            }))
        })
    }

    /// Replaces a campaign's document if its version is still `expected`; `false` if another
    /// write came first (the caller merges again).
    pub async fn swap(&self, id: &str, expected: u64, doc: &str, bloc: &str, now_ms: u64) -> Result<bool, StoreError> {
        on_pool!(self, |pool| {
            let done = sqlx::query("UPDATE campaigns SET doc = $1, bloc = $2, version = $3, updated_ms = $4 WHERE id = $5 AND version = $6")
                .bind(doc)
                .bind(bloc)
                .bind(to_i64(expected + 1))
                .bind(to_i64(now_ms))
                .bind(id)
                .bind(to_i64(expected))
                .execute(pool)
                .await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// Every campaign, without its document.
    pub async fn list(&self) -> Result<Vec<StoredCampaign>, StoreError> {
        on_pool!(self, |pool| {
            let rows = sqlx::query("SELECT id, bloc, version, updated_ms FROM campaigns ORDER BY id")
                .fetch_all(pool)
                .await?;
            Ok(rows
                .into_iter()
                .map(|r| StoredCampaign {
                    id: r.get(0),
                    bloc: r.get(1),
                    doc: String::new(),
                    version: to_u64(r.get(2)),
                    updated_ms: to_u64(r.get(3)),
                })
                .collect())
        })
    }

    /// Whom a credential (by its hash) stands for.
    pub async fn credential(&self, hash: &str) -> Result<Option<Credential>, StoreError> {
        on_pool!(self, |pool| {
            let row = sqlx::query("SELECT campaign_id, role FROM credentials WHERE token_hash = $1")
                .bind(hash)
                .fetch_optional(pool)
                .await?;
            Ok(row.map(|r| Credential { campaign_id: r.get(0), role: r.get(1) }))
        })
    }

    /// Gives `role` a new credential (by hash), replacing the one it had: the old one stops working.
    pub async fn replace_credential(&self, campaign_id: &str, role: &str, hash: &str, now_ms: u64) -> Result<(), StoreError> {
        on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            sqlx::query("DELETE FROM credentials WHERE campaign_id = $1 AND role = $2")
                .bind(campaign_id)
                .bind(role)
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO credentials (token_hash, campaign_id, role, created_ms) VALUES ($1, $2, $3, $4)")
                .bind(hash)
                .bind(campaign_id)
                .bind(role)
                .bind(to_i64(now_ms))
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }
}

//! The schema, as numbered steps run once each at start. A step is only ever appended, never
//! edited: a database remembers which steps it has run in `thidua_migrations`.

use super::{Store, StoreError};

/// (number, statements). The SQL is common to SQLite and PostgreSQL.
const STEPS: &[(i64, &[&str])] = &[(
    1,
    &[
        "CREATE TABLE campaigns (
            id TEXT PRIMARY KEY,
            bloc TEXT NOT NULL,
            doc TEXT NOT NULL,
            version BIGINT NOT NULL,
            created_ms BIGINT NOT NULL,
            updated_ms BIGINT NOT NULL
        )",
        "CREATE TABLE credentials (
            token_hash TEXT PRIMARY KEY,
            campaign_id TEXT NOT NULL REFERENCES campaigns (id),
            role TEXT NOT NULL,
            created_ms BIGINT NOT NULL
        )",
        "CREATE UNIQUE INDEX credentials_role ON credentials (campaign_id, role)",
    ],
)];

pub async fn run(store: &Store) -> Result<(), StoreError> {
    on_pool!(store, |pool| {
        sqlx::query("CREATE TABLE IF NOT EXISTS thidua_migrations (version BIGINT PRIMARY KEY, applied_ms BIGINT NOT NULL)")
            .execute(pool)
            .await?;
        for (number, statements) in STEPS {
            let mut tx = pool.begin().await?;
            let done = sqlx::query("SELECT 1 FROM thidua_migrations WHERE version = $1")
                .bind(number)
                .fetch_optional(&mut *tx)
                .await?;
            if done.is_some() {
                continue;
            }
            let step = async {
                for sql in *statements {
                    sqlx::query(sql).execute(&mut *tx).await?;
                }
                sqlx::query("INSERT INTO thidua_migrations (version, applied_ms) VALUES ($1, $2)")
                    .bind(number)
                    .bind(crate::clock::now_ms_i64())
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await
            };
            if let Err(e) = step.await {
                // Two servers starting at once on one PostgreSQL: the second's step fails (the
                // tables or the step's row exist) and rolls back; it then runs on the schema the
                // first made. Any other failure is the error it is.
                let done = sqlx::query("SELECT 1 FROM thidua_migrations WHERE version = $1")
                    .bind(number)
                    .fetch_optional(pool)
                    .await?;
                if done.is_none() {
                    return Err(e.into());
                }
            }
        }
        Ok(())
    })
}

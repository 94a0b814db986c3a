//! The `Store` itself: its connection pools, opening and migrating the database, and the
//! write transactions every other store file begins.

use anyhow::Context;
use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;

#[derive(Clone)]
pub struct Store {
    /// Reads; on PostgreSQL, writes too.
    pub(super) pool: AnyPool,
    /// Writes. SQLite takes one writer at a time: its own connection, so that writers queue
    /// here in order instead of retrying the database lock with growing sleeps.
    pub(super) writer: AnyPool,
    /// The few queries that differ between the backends (row locks) branch on this.
    pub(super) is_sqlite: bool,
}

impl Store {
    /// Connects to `url` (`sqlite://file.db` or `postgres://…`), creating a SQLite file on first
    /// use, and applies the migrations of that backend.
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        let is_sqlite = url.starts_with("sqlite:");
        let url = if is_sqlite {
            sqlite_url_creating_file(url)
        } else {
            url.to_owned()
        };
        let memory = url.contains(":memory:");
        let options = |connections| {
            AnyPoolOptions::new()
                .max_connections(connections)
                .after_connect(move |conn, _| {
                    Box::pin(async move {
                        if is_sqlite {
                            // WAL lets readers run beside the one writer; foreign keys are off by
                            // default in SQLite. Pages are read through a shared memory map rather
                            // than a read() call each into every connection's own small cache.
                            sqlx::raw_sql(
                                "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; \
                             PRAGMA busy_timeout = 5000; PRAGMA mmap_size = 1073741824;",
                            )
                            .execute(conn)
                            .await?;
                        }
                        Ok(())
                    })
                })
        };
        let pool = options(if memory { 1 } else { 8 })
            .connect(&url)
            .await
            .with_context(|| format!("cannot open the database at {}", redact(&url)))?;
        let writer = if is_sqlite && !memory {
            options(1).connect(&url).await?
        } else {
            pool.clone()
        };
        migrator(is_sqlite)
            .run(&writer)
            .await
            .context("cannot apply database migrations")?;
        let store = Self {
            pool,
            writer,
            is_sqlite,
        };
        store.index_company_names().await?;
        // PostgreSQL's autovacuum keeps its statistics; an ANALYZE of a fresh, empty database
        // would even mislead the plans of a first large import.
        if is_sqlite {
            store.optimize().await?;
        }
        Ok(store)
    }

    /// Keeps the planner's statistics fresh, so plans do not degrade as the base grows: run
    /// after an import (a base just imported has none, and PostgreSQL's autovacuum comes to it
    /// only later), and on start on SQLite. Bounded on SQLite (`analysis_limit`), so it is quick
    /// on any base.
    pub async fn optimize(&self) -> sqlx::Result<()> {
        let statement = match self.is_sqlite {
            true => "PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;",
            // VACUUM also marks the pages all-visible, so index-only scans (the word index of
            // a name search) need not visit the table.
            false => "VACUUM (ANALYZE)",
        };
        sqlx::raw_sql(statement).execute(&self.writer).await?;
        Ok(())
    }
}

impl Store {
    /// Whether the database answers and has every migration this build knows applied (a load
    /// balancer's readiness check).
    pub async fn is_ready(&self) -> bool {
        let newest = migrator(self.is_sqlite)
            .iter()
            .map(|migration| migration.version)
            .max();
        let applied: sqlx::Result<Option<i64>> =
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
                .fetch_one(&self.pool)
                .await;
        match applied {
            Ok(applied) => applied >= newest,
            Err(error) => {
                tracing::warn!("the database is not ready: {error}");
                false
            }
        }
    }

    /// Closes every connection, waiting for those in use.
    pub async fn close(&self) {
        self.pool.close().await;
        self.writer.close().await;
    }

    /// A transaction that writes. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`),
    /// waiting out another writer up to the busy timeout: a deferred one that reads first fails
    /// at its first write with "database is locked" whenever another writer committed meanwhile.
    pub(super) async fn begin(&self) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Any>> {
        if self.is_sqlite {
            self.writer.begin_with("BEGIN IMMEDIATE").await
        } else {
            self.writer.begin().await
        }
    }
}

/// The migrations of a backend, embedded in the binary.
fn migrator(is_sqlite: bool) -> sqlx::migrate::Migrator {
    if is_sqlite {
        sqlx::migrate!("migrations/sqlite")
    } else {
        sqlx::migrate!("migrations/postgres")
    }
}

/// SQLite refuses to create a missing file unless the URL asks for it.
fn sqlite_url_creating_file(url: &str) -> String {
    if url.contains("mode=") || url.contains(":memory:") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

/// A database URL fit for a log line: the password, if any, is hidden.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_create_their_file() {
        assert_eq!(
            sqlite_url_creating_file("sqlite://crm.db"),
            "sqlite://crm.db?mode=rwc"
        );
        assert_eq!(
            sqlite_url_creating_file("sqlite://crm.db?mode=ro"),
            "sqlite://crm.db?mode=ro"
        );
        assert_eq!(
            sqlite_url_creating_file("sqlite::memory:"),
            "sqlite::memory:"
        );
    }

    #[test]
    fn passwords_stay_out_of_logs() {
        assert_eq!(
            redact("postgres://crm:secret@db:5432/crm"),
            "postgres://crm:***@db:5432/crm"
        );
        assert_eq!(redact("postgres://root@db/crm"), "postgres://root@db/crm");
    }
}

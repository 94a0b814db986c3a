//! A database of its own for each test: a SQLite file in a temporary folder, or, when
//! `DATABASE_URL` names a PostgreSQL server, a fresh database on it, dropped afterwards.

use sqlx::Connection;

pub struct TestDb {
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Folder(std::path::PathBuf),
    Postgres { server_url: String, name: String },
}

fn unique_name() -> String {
    use rand::distr::{Alphanumeric, SampleString};
    format!(
        "chatcrm_test_{}",
        Alphanumeric
            .sample_string(&mut rand::rng(), 12)
            .to_lowercase()
    )
}

impl TestDb {
    pub async fn new() -> Self {
        let name = unique_name();
        match std::env::var("DATABASE_URL") {
            Ok(server_url) if server_url.starts_with("postgres") => {
                let mut conn = sqlx::PgConnection::connect(&server_url)
                    .await
                    .expect("DATABASE_URL points at a running PostgreSQL");
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut conn)
                    .await
                    .unwrap();
                let mut url = url::Url::parse(&server_url).unwrap();
                url.set_path(&format!("/{name}"));
                Self {
                    url: url.to_string(),
                    cleanup: Cleanup::Postgres { server_url, name },
                }
            }
            _ => Self::sqlite_named(name),
        }
    }

    /// A SQLite base whatever `DATABASE_URL` says (to move it to PostgreSQL).
    pub fn sqlite() -> Self {
        Self::sqlite_named(unique_name())
    }

    fn sqlite_named(name: String) -> Self {
        let folder = std::env::temp_dir().join(name);
        std::fs::create_dir_all(&folder).unwrap();
        Self {
            url: format!("sqlite://{}", folder.join("crm.db").display()),
            cleanup: Cleanup::Folder(folder),
        }
    }

    /// A number from the test's database, to check what the bot stored (or did not).
    /// Waits (up to 20 s) until the query counts `expected`: the bot records a sent message
    /// just after Telegram took it.
    pub async fn wait_for_count(&self, sql: &'static str, expected: i64) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let count = self.count(sql).await;
            if count == expected {
                return;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{sql} stayed {count}, expected {expected}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// One text value from the test's database, e.g. a fingerprint of many tables.
    pub async fn text(&self, sql: &'static str) -> String {
        let mut conn = self.connect().await;
        sqlx::query_scalar::<_, String>(sql)
            .fetch_one(&mut conn)
            .await
            .unwrap()
    }

    pub async fn count(&self, sql: &'static str) -> i64 {
        let mut conn = self.connect().await;
        sqlx::query_scalar::<_, i64>(sql)
            .fetch_one(&mut conn)
            .await
            .unwrap()
    }

    /// Changes the database behind the bot's back (e.g. to age an invite link).
    pub async fn execute(&self, sql: &str) {
        let mut conn = self.connect().await;
        sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(&mut conn)
            .await
            .unwrap();
    }

    async fn connect(&self) -> sqlx::AnyConnection {
        sqlx::any::install_default_drivers();
        sqlx::AnyConnection::connect(&self.url).await.unwrap()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Folder(folder) => {
                let _ = std::fs::remove_dir_all(folder);
            }
            Cleanup::Postgres { server_url, name } => {
                let (server_url, name) = (server_url.clone(), name.clone());
                // Drop runs inside the test's runtime; a thread of its own may block.
                let _ = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .unwrap();
                    runtime.block_on(async {
                        if let Ok(mut conn) = sqlx::PgConnection::connect(&server_url).await {
                            let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                            let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                                .execute(&mut conn)
                                .await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

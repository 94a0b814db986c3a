//! Moving a team from SQLite to PostgreSQL: every table copied row by row into an empty
//! PostgreSQL database that has the same migrations applied, then counted on both sides.

use super::database::Store;
use sqlx::any::AnyRow;
use sqlx::{AnyPool, Row};
use std::collections::{BTreeMap, BTreeSet};

/// Rows read and written at a time.
const BATCH: i64 = 500;

/// One table's rows on each side after the copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopiedTable {
    pub name: String,
    pub source_rows: i64,
    pub target_rows: i64,
}

struct Column {
    name: String,
    is_integer: bool,
}

impl Store {
    /// Copies every table of this (SQLite) base into `target`, a PostgreSQL base that holds no
    /// team yet, in the order foreign keys need; identity counters continue after the copied
    /// ids. Returns the row counts of both sides, table by table.
    pub async fn copy_into(&self, target: &Store) -> anyhow::Result<Vec<CopiedTable>> {
        let teams: i64 = sqlx::query("SELECT COUNT(*) AS n FROM teams")
            .fetch_one(&target.pool)
            .await?
            .try_get("n")?;
        if teams > 0 {
            anyhow::bail!("the target database already holds a team: copy only into an empty one");
        }
        let mut copied = Vec::new();
        for table in tables_in_dependency_order(&target.pool).await? {
            let columns = columns_of(&target.pool, &table).await?;
            copy_table(&self.pool, &target.writer, &table, &columns).await?;
            // Tables numbered by an identity column (not those keyed by Telegram's text ids).
            if columns
                .iter()
                .any(|column| column.name == "id" && column.is_integer)
            {
                continue_identity(&target.writer, &table).await?;
            }
            copied.push(CopiedTable {
                source_rows: count(&self.pool, &table).await?,
                target_rows: count(&target.pool, &table).await?,
                name: table,
            });
        }
        Ok(copied)
    }
}

/// The target's tables, each after those its foreign keys point to.
async fn tables_in_dependency_order(target: &AnyPool) -> anyhow::Result<Vec<String>> {
    let tables: Vec<String> = sqlx::query(
        "SELECT table_name::TEXT AS name FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
         AND table_name <> '_sqlx_migrations' ORDER BY table_name",
    )
    .fetch_all(target)
    .await?
    .iter()
    .map(|row| row.try_get("name"))
    .collect::<Result<_, _>>()?;
    let mut needs: BTreeMap<String, BTreeSet<String>> = tables
        .iter()
        .map(|table| (table.clone(), BTreeSet::new()))
        .collect();
    let references = sqlx::query(
        "SELECT tc.table_name::TEXT AS child, ccu.table_name::TEXT AS parent \
         FROM information_schema.table_constraints tc \
         JOIN information_schema.constraint_column_usage ccu \
           ON ccu.constraint_name = tc.constraint_name \
          AND ccu.constraint_schema = tc.constraint_schema \
         WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()",
    )
    .fetch_all(target)
    .await?;
    for row in &references {
        let (child, parent): (String, String) = (row.try_get("child")?, row.try_get("parent")?);
        if child != parent
            && let Some(parents) = needs.get_mut(&child)
        {
            parents.insert(parent);
        }
    }
    let mut ordered = Vec::with_capacity(tables.len());
    while !needs.is_empty() {
        let ready: Vec<String> = needs
            .iter()
            .filter(|(_, parents)| parents.iter().all(|p| !needs.contains_key(p)))
            .map(|(table, _)| table.clone())
            .collect();
        if ready.is_empty() {
            anyhow::bail!("the tables' foreign keys form a cycle: {:?}", needs.keys());
        }
        for table in ready {
            needs.remove(&table);
            ordered.push(table);
        }
    }
    Ok(ordered)
}

async fn columns_of(target: &AnyPool, table: &str) -> anyhow::Result<Vec<Column>> {
    let rows = sqlx::query(
        "SELECT column_name::TEXT AS name, data_type::TEXT AS type \
         FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
    )
    .bind(table)
    .fetch_all(target)
    .await?;
    rows.iter()
        .map(|row| {
            let kind: String = row.try_get("type")?;
            Ok(Column {
                name: row.try_get("name")?,
                is_integer: matches!(kind.as_str(), "bigint" | "integer" | "smallint"),
            })
        })
        .collect()
}

/// Copies the rows in pages by SQLite's rowid, each page one insert.
async fn copy_table(
    source: &AnyPool,
    target: &AnyPool,
    table: &str,
    columns: &[Column],
) -> anyhow::Result<()> {
    let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
    let select = format!(
        "SELECT rowid AS copy_rowid, {} FROM {table} WHERE rowid > $1 ORDER BY rowid LIMIT {BATCH}",
        names.join(", ")
    );
    let mut after = 0_i64;
    loop {
        let rows = sqlx::query(sqlx::AssertSqlSafe(select.clone()))
            .bind(after)
            .fetch_all(source)
            .await?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = last.try_get("copy_rowid")?;
        insert_rows(target, table, columns, &rows).await?;
    }
}

async fn insert_rows(
    target: &AnyPool,
    table: &str,
    columns: &[Column],
    rows: &[AnyRow],
) -> anyhow::Result<()> {
    let width = columns.len();
    let values: Vec<String> = (0..rows.len())
        .map(|r| {
            let slots: Vec<String> = (1..=width).map(|c| format!("${}", r * width + c)).collect();
            format!("({})", slots.join(", "))
        })
        .collect();
    let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
    let sql = format!(
        "INSERT INTO {table} ({}) OVERRIDING SYSTEM VALUE VALUES {}",
        names.join(", "),
        values.join(", ")
    );
    let mut insert = sqlx::query(sqlx::AssertSqlSafe(sql));
    for row in rows {
        for column in columns {
            let name = column.name.as_str();
            insert = if column.is_integer {
                insert.bind(row.try_get::<Option<i64>, _>(name)?)
            } else {
                insert.bind(row.try_get::<Option<String>, _>(name)?)
            };
        }
    }
    insert.execute(target).await?;
    Ok(())
}

/// New rows after the copy get ids after the copied ones.
async fn continue_identity(target: &AnyPool, table: &str) -> anyhow::Result<()> {
    let sql = format!(
        "SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table} \
         WHERE pg_get_serial_sequence('{table}', 'id') IS NOT NULL HAVING MAX(id) IS NOT NULL"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .execute(target)
        .await?;
    Ok(())
}

async fn count(pool: &AnyPool, table: &str) -> anyhow::Result<i64> {
    let sql = format!("SELECT COUNT(*) AS n FROM {table}");
    Ok(sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_one(pool)
        .await?
        .try_get("n")?)
}

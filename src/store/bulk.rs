//! Multi-row statements for bulk writes and lookups: as many rows or values a statement as the
//! backends' parameter limits allow, with placeholders each backend binds quickly.

use sqlx::any::AnyRow;

/// A value bound in a multi-row statement.
#[derive(Debug, Clone, Copy)]
pub(super) enum Cell<'a> {
    Int(i64),
    MaybeInt(Option<i64>),
    Text(&'a str),
    MaybeText(Option<&'a str>),
}

/// The most values one statement binds: under SQLite's limit (32 766) and PostgreSQL's
/// (65 535).
pub(super) const MAX_PARAMETERS: usize = 30_000;

/// A statement being written, its placeholders numbered for PostgreSQL and anonymous for
/// SQLite: SQLite finds a numbered or named parameter by a linear search of the statement's,
/// so one with thousands of them would take quadratic time to prepare and bind.
#[derive(Debug)]
pub(super) struct Statement {
    sql: String,
    sqlite: bool,
    /// Values bound to every row or list (`$1`, `$2`…).
    fixed: usize,
    /// Values of the rows or lists (`?`) so far.
    values: usize,
    /// On SQLite, what each placeholder takes, in order: a fixed value, then the values.
    order: Vec<usize>,
}

impl Statement {
    pub(super) fn new(sqlite: bool, fixed: usize) -> Self {
        Self {
            sql: String::new(),
            sqlite,
            fixed,
            values: 0,
            order: Vec::new(),
        }
    }

    /// Appends SQL in which `$k` is the k-th fixed value and each `?` takes the next value.
    pub(super) fn push(&mut self, template: &str) {
        let mut rest = template;
        while let Some(at) = rest.find(['$', '?']) {
            self.sql.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            if rest[at..].starts_with('?') {
                self.placeholder(self.fixed + self.values);
                self.values += 1;
                rest = after;
            } else {
                let digits = after.bytes().take_while(u8::is_ascii_digit).count();
                let k: usize = after[..digits].parse().unwrap_or(0);
                assert!(
                    (1..=self.fixed).contains(&k),
                    "${k} with {} fixed values",
                    self.fixed
                );
                self.placeholder(k - 1);
                rest = &after[digits..];
            }
        }
        self.sql.push_str(rest);
    }

    /// Appends `?, ?, …`: the next `count` values.
    pub(super) fn push_list(&mut self, count: usize) {
        for n in 0..count {
            self.push(if n == 0 { "?" } else { ", ?" });
        }
    }

    fn placeholder(&mut self, index: usize) {
        if self.sqlite {
            self.sql.push('?');
            self.order.push(index);
        } else {
            self.sql.push('$');
            self.sql.push_str(&(index + 1).to_string());
        }
    }

    /// The statement with `fixed` and `values` bound.
    pub(super) fn query(
        self,
        fixed: &[Cell<'_>],
        values: &[Cell<'_>],
    ) -> sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments> {
        assert_eq!((fixed.len(), values.len()), (self.fixed, self.values));
        let cell = |index: usize| match index.checked_sub(fixed.len()) {
            None => fixed[index],
            Some(value) => values[value],
        };
        let order: Vec<usize> = if self.sqlite {
            self.order
        } else {
            (0..self.fixed + self.values).collect()
        };
        let mut query = sqlx::query(sqlx::AssertSqlSafe(self.sql)).persistent(false);
        for index in order {
            query = match cell(index) {
                Cell::Int(value) => query.bind(value),
                Cell::MaybeInt(value) => query.bind(value),
                Cell::Text(value) => query.bind(value),
                Cell::MaybeText(value) => query.bind(value),
            };
        }
        query
    }
}

/// Runs `head (row), (row)… tail` over `cells`, in as few statements as [`MAX_PARAMETERS`]
/// allows, and returns the rows they return (with `RETURNING`), in order. In `row`, `$k` is
/// the k-th of `fixed` and each `?` takes the row's next cell, so a row has as many cells as
/// `row` has `?`.
pub(super) async fn insert_rows(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    head: &str,
    row: &str,
    tail: &str,
    fixed: &[Cell<'_>],
    cells: &[Cell<'_>],
) -> sqlx::Result<Vec<AnyRow>> {
    let width = row.matches('?').count();
    assert!(
        width > 0 && cells.len().is_multiple_of(width),
        "{} cells for rows of {width}",
        cells.len()
    );
    let sqlite = tx.backend_name() == <sqlx::Sqlite as sqlx::Database>::NAME;
    // On SQLite a fixed value is bound again wherever it appears.
    let per_row = width + row.matches('$').count();
    let rows_per_statement = (MAX_PARAMETERS - fixed.len()) / per_row;
    let mut returned = Vec::new();
    for chunk in cells.chunks(rows_per_statement * width) {
        let mut statement = Statement::new(sqlite, fixed.len());
        statement.push(head);
        for n in 0..chunk.len() / width {
            if n > 0 {
                statement.push(", ");
            }
            statement.push(row);
        }
        statement.push(tail);
        returned.extend(statement.query(fixed, chunk).fetch_all(&mut **tx).await?);
    }
    Ok(returned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_for_postgresql_and_anonymous_for_sqlite() {
        for sqlite in [false, true] {
            let mut statement = Statement::new(sqlite, 2);
            statement.push("INSERT INTO t VALUES ");
            statement.push("($2, ?, $1, ?)");
            statement.push(", ($2, ?, $1, ?)");
            statement.push(" WHERE x IN (");
            statement.push_list(3);
            statement.push(")");
            if sqlite {
                assert_eq!(
                    statement.sql,
                    "INSERT INTO t VALUES (?, ?, ?, ?), (?, ?, ?, ?) WHERE x IN (?, ?, ?)"
                );
                assert_eq!(statement.order, [1, 2, 0, 3, 1, 4, 0, 5, 6, 7, 8]);
            } else {
                assert_eq!(
                    statement.sql,
                    "INSERT INTO t VALUES ($2, $3, $1, $4), ($2, $5, $1, $6) \
                     WHERE x IN ($7, $8, $9)"
                );
            }
            assert_eq!(statement.values, 7);
        }
    }
}

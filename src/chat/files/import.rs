//! Importing contacts from a file sent to the bot: columns guessed and shown to correct,
//! duplicates skipped, merged or created, rejected rows sent back with their reasons.

use crate::chat::choices::Duplicates;
use crate::chat::context::Core;
use crate::chat::io::{FileProblem, Outgoing};
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::chat::view::{DEFAULT_KINDS, kind_label, now, scope_of};
use crate::domain::{ContactRow, Lang, is_import_file};
use crate::i18n::{arg, tr, tr_args};
use crate::store::{ImportAction, Member, PendingImport};
use crate::transfer::import::{self, ImportFile, Rejected, Target};
use chrono::Datelike;
use std::collections::HashMap;

/// Rows stored per transaction: a few multi-row statements per table each, so the bigger the
/// fewer commits; 5 000 rows hold SQLite's write lock for about a third of a second.
const BATCH: usize = 5_000;

/// Columns offered as buttons; a wider file is still imported, its extra columns as guessed.
const MAX_COLUMN_BUTTONS: usize = 20;

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    pub created: usize,
    pub merged: usize,
    pub skipped: usize,
    pub rejected: usize,
    /// The rejected rows with their reasons, when there are any.
    pub rejected_csv: Option<Vec<u8>>,
}

/// What a file holds, or the locale key of why it cannot be imported.
pub fn read_file(file_name: &str, content: &[u8]) -> Result<(String, u8, ImportFile), String> {
    if !is_import_file(file_name, false) {
        return Err("import-not-csv".to_owned());
    }
    let text = import::decode(content).map_err(|e| e.locale_key().to_owned())?;
    let delimiter = import::detect_delimiter(&text);
    let table = import::read_table(&text, delimiter).map_err(|e| e.locale_key().to_owned())?;
    Ok((text, delimiter, table))
}

fn mapping_of(codes: &[String]) -> Vec<Target> {
    codes
        .iter()
        .map(|code| Target::from_code(code).unwrap_or(Target::Skip))
        .collect()
}

fn has_name(mapping: &[Target]) -> bool {
    mapping.iter().any(|t| {
        matches!(
            t,
            Target::Name | Target::FirstName | Target::LastName | Target::MiddleName
        )
    })
}

impl Core {
    /// A file sent to the bot: read, and its column mapping shown to confirm.
    pub(in crate::chat) async fn received_file(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        file_name: &str,
        content: Result<&[u8], &FileProblem>,
    ) -> anyhow::Result<()> {
        let read = match content {
            Ok(content) => read_file(file_name, content),
            Err(FileProblem::TooLarge) => Err("import-too-large".to_owned()),
            Err(FileProblem::Unavailable) => Err("import-unavailable".to_owned()),
        };
        let (text, delimiter, table) = match read {
            Ok(read) => read,
            Err(key) => {
                let text = turn.tr(&key);
                turn.send(text, Keyboard::none());
                return Ok(());
            }
        };
        let mapping: Vec<String> = import::guess_mapping(&table.headers)
            .iter()
            .map(|t| t.code().to_owned())
            .collect();
        let id = self
            .store
            .create_import(
                member.user_id,
                member.team_id,
                file_name,
                &text,
                delimiter,
                &mapping,
                now(),
            )
            .await?;
        self.show_import(turn, member, id).await
    }

    /// The member's own import that is still waiting, or a notice that the button is stale.
    async fn own_import(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Option<PendingImport>> {
        match self.store.pending_import(id).await? {
            Some(pending) if pending.user_id == member.user_id && !pending.finished => {
                Ok(Some(pending))
            }
            _ => {
                let text = turn.tr("button-expired");
                turn.notice(text);
                Ok(None)
            }
        }
    }

    pub(in crate::chat) async fn show_import(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        let Some(pending) = self.own_import(turn, member, id).await? else {
            return Ok(());
        };
        let table = import::read_table(&pending.content, pending.delimiter)?;
        let mapping = mapping_of(&pending.mapping);
        let mut lines = vec![tr_args(
            turn.lang,
            "import-mapping",
            &[
                ("file", arg(pending.file_name.clone())),
                (
                    "rows",
                    arg((table.rows.len() + table.rejected.len()) as i64),
                ),
            ],
        )];
        let mut keyboard = Keyboard::none();
        for (column, header) in table.headers.iter().enumerate() {
            let target = mapping.get(column).copied().unwrap_or(Target::Skip);
            let label = format!(
                "{}. {} → {}",
                column + 1,
                header.chars().take(24).collect::<String>(),
                turn.tr(target.locale_key())
            );
            lines.push(label.clone());
            if column < MAX_COLUMN_BUTTONS {
                keyboard = keyboard.row(vec![Button::new(
                    label,
                    Action::ImportColumn(id, column as u32),
                )]);
            }
        }
        if has_name(&mapping) {
            lines.push(turn.tr("import-choose-duplicates"));
            keyboard = keyboard.row(
                Duplicates::ALL
                    .iter()
                    .map(|d| Button::new(turn.tr(d.button_key()), Action::ImportRun(id, *d)))
                    .collect(),
            );
        } else {
            lines.push(turn.tr("import-no-name-column"));
        }
        keyboard = keyboard.row(vec![Button::new(turn.tr("button-cancel"), Action::Cancel)]);
        turn.show(lines.join("\n"), keyboard);
        Ok(())
    }

    /// A column's button: what it can fill.
    pub(in crate::chat) async fn import_column(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        column: u32,
    ) -> anyhow::Result<()> {
        let Some(pending) = self.own_import(turn, member, id).await? else {
            return Ok(());
        };
        if column as usize >= pending.mapping.len() {
            let text = turn.tr("button-expired");
            turn.notice(text);
            return Ok(());
        }
        let buttons: Vec<Button> = Target::ALL
            .iter()
            .map(|t| {
                Button::new(
                    turn.tr(t.locale_key()),
                    Action::ImportTarget(id, column, *t),
                )
            })
            .collect();
        let mut keyboard = Keyboard::none();
        for pair in buttons.chunks(3) {
            keyboard = keyboard.row(pair.to_vec());
        }
        let text = tr_args(
            turn.lang,
            "import-column-ask",
            &[("column", arg(i64::from(column) + 1))],
        );
        turn.show(text, keyboard);
        Ok(())
    }

    pub(in crate::chat) async fn import_target(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        column: u32,
        target: Target,
    ) -> anyhow::Result<()> {
        let Some(pending) = self.own_import(turn, member, id).await? else {
            return Ok(());
        };
        let mut mapping = pending.mapping.clone();
        match mapping.get_mut(column as usize) {
            Some(slot) => *slot = target.code().to_owned(),
            None => {
                let text = turn.tr("button-expired");
                turn.notice(text);
                return Ok(());
            }
        }
        self.store.set_import_mapping(id, &mapping).await?;
        self.show_import(turn, member, id).await
    }

    /// Runs a confirmed import, once: a second press finds it finished.
    pub(in crate::chat) async fn import_run(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        duplicates: Duplicates,
    ) -> anyhow::Result<()> {
        let Some(pending) = self.own_import(turn, member, id).await? else {
            return Ok(());
        };
        let mapping = mapping_of(&pending.mapping);
        if !has_name(&mapping) || !self.store.finish_import(id, now()).await? {
            let text = turn.tr("button-expired");
            turn.notice(text);
            return Ok(());
        }
        let table = import::read_table(&pending.content, pending.delimiter)?;
        let outcome = self
            .import_rows(member, turn.lang, &table, &mapping, duplicates)
            .await?;
        let text = tr_args(
            turn.lang,
            "import-done",
            &[
                ("created", arg(outcome.created as i64)),
                ("merged", arg(outcome.merged as i64)),
                ("skipped", arg(outcome.skipped as i64)),
                ("rejected", arg(outcome.rejected as i64)),
            ],
        );
        turn.show(text, Keyboard::none());
        if let Some(csv) = outcome.rejected_csv {
            let chat_id = turn.chat_id();
            turn.out.push(Outgoing::Document {
                chat_id,
                file_name: "rejected.csv".to_owned(),
                content: csv,
                caption: turn.tr("import-rejected-caption"),
            });
        }
        Ok(())
    }

    /// Imports a file at once, as `member`, with the guessed mapping (`chatcrm import`).
    pub async fn import_file(
        &self,
        member: &Member,
        file_name: &str,
        content: &[u8],
        duplicates: Duplicates,
    ) -> anyhow::Result<Result<ImportOutcome, String>> {
        let lang = member.language.unwrap_or(Lang::En);
        let (_, _, table) = match read_file(file_name, content) {
            Ok(read) => read,
            Err(key) => return Ok(Err(tr(lang, &key))),
        };
        let mapping = import::guess_mapping(&table.headers);
        if !has_name(&mapping) {
            return Ok(Err(tr(lang, "import-no-name-column")));
        }
        Ok(Ok(self
            .import_rows(member, lang, &table, &mapping, duplicates)
            .await?))
    }

    async fn import_rows(
        &self,
        member: &Member,
        lang: Lang,
        table: &ImportFile,
        mapping: &[Target],
        duplicates: Duplicates,
    ) -> anyhow::Result<ImportOutcome> {
        let this_year = crate::clock::now().with_timezone(&self.zone(member)).year();
        let mut rejected: Vec<Rejected> = table.rejected.clone();
        let mut rows: Vec<ContactRow> = Vec::new();
        for raw in &table.rows {
            match import::parse_row(raw, mapping, this_year) {
                Ok(row) => rows.push(row),
                Err(reject) => rejected.push(reject),
            }
        }
        let kinds = self
            .store
            .contact_kinds(member.team_id)
            .await?
            .unwrap_or_else(|| DEFAULT_KINDS.iter().map(|k| (*k).to_owned()).collect());
        // A type given by its label in either language is stored as the team's type (the
        // first of them whose label it is).
        let mut kind_of: HashMap<String, &String> = HashMap::new();
        for kind in &kinds {
            for lang in Lang::ALL {
                kind_of
                    .entry(kind_label(lang, kind).to_lowercase())
                    .or_insert(kind);
            }
        }
        let mut outcome = ImportOutcome::default();
        for rows in rows.chunks(BATCH) {
            // Duplicates are looked for only where the member may see, so a merge never
            // reaches into a colleague's base; rows already stored are in the base, and the
            // batch's own are looked through too.
            let found = match duplicates {
                Duplicates::Create => vec![None; rows.len()],
                _ => {
                    self.store
                        .import_duplicates(scope_of(member), rows, duplicates == Duplicates::Merge)
                        .await?
                }
            };
            let mut batch = Vec::with_capacity(rows.len());
            // Where each row of the chunk is in the batch (a skipped one is not).
            let mut position = Vec::with_capacity(rows.len());
            for (row, found) in rows.iter().zip(found) {
                position.push(batch.len());
                let action = match (duplicates, found) {
                    (Duplicates::Create, _) | (_, None) => ImportAction::Create,
                    (Duplicates::Merge, Some(ImportAction::MergeIntoRow(earlier))) => {
                        ImportAction::MergeIntoRow(position[earlier])
                    }
                    (Duplicates::Merge, Some(existing)) => existing,
                    (Duplicates::Skip, Some(_)) => {
                        outcome.skipped += 1;
                        continue;
                    }
                };
                match action {
                    ImportAction::Create => outcome.created += 1,
                    _ => outcome.merged += 1,
                }
                let kind = row.kind.as_ref().map(|typed| {
                    kind_of
                        .get(&typed.to_lowercase())
                        .map_or_else(|| typed.clone(), |kind| (*kind).clone())
                });
                batch.push((action, row, kind));
            }
            self.store_batch(member, lang, &batch).await?;
        }
        self.store.optimize().await?;
        rejected.sort_by_key(|r| r.line);
        outcome.rejected = rejected.len();
        if !rejected.is_empty() {
            let reason = |row: &Rejected| {
                tr_args(
                    lang,
                    "import-rejected-reason",
                    &[
                        ("line", arg(row.line as i64)),
                        ("reason", arg(tr(lang, row.reason.locale_key()))),
                    ],
                )
            };
            outcome.rejected_csv = Some(import::rejected_csv(
                &rejected,
                &table.headers,
                &tr(lang, "import-reason-header"),
                reason,
            ));
        }
        Ok(outcome)
    }

    async fn store_batch(
        &self,
        member: &Member,
        lang: Lang,
        batch: &[(ImportAction, &ContactRow, Option<String>)],
    ) -> anyhow::Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        self.store
            .import_batch(
                member.team_id,
                member.user_id,
                batch,
                &tr(lang, "import-merge-note"),
                now(),
            )
            .await?;
        Ok(())
    }
}

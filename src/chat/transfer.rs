//! Files in and out. A `.csv` sent to the bot is imported: the guessed column mapping is shown
//! to confirm or change, duplicates (in the base, or earlier in the file) are skipped, merged or
//! created anyway, rows go in one transaction per batch, and the rejected rows come back as a
//! CSV with the reason for each. `/export` sends contacts (CSV for Excel, vCard for phones) and
//! deals (CSV); a manager exports only their own. `chatcrm import FILE` runs the same import
//! from the command line.
//!
//! ```text
//! manager: (sends clients.csv)
//! bot:     📥 clients.csv: 120 rows. Columns: 1. ФИО → Name  2. Телефон → Phone …
//!          [1. ФИО → Name] [2. Телефон → Phone] … [Skip duplicates] [Merge] [Create anyway]
//! manager: (Skip duplicates)
//! bot:     ✅ Created 112, merged 0, duplicates skipped 5, rejected 3.   📎 rejected.csv
//! ```

use super::contacts::{now, scope_of};
use super::edit::{DEFAULT_KINDS, kind_label, priority_label};
use super::{Action, Button, Core, FileProblem, Keyboard, Outgoing, Turn};
use crate::domain::{ContactRow, Lang};
use crate::i18n::{arg, tr, tr_args};
use crate::store::{ImportAction, Member, PendingImport};
use crate::transfer::export::{self, ExportContact, ExportDeal};
use crate::transfer::import::{self, ImportFile, Rejected, Target};
use chrono::{Datelike, TimeZone};
use std::collections::HashMap;

/// Rows stored per transaction: a few multi-row statements per table each, so the bigger the
/// fewer commits; 5 000 rows hold SQLite's write lock for about a third of a second.
const BATCH: usize = 5_000;
/// Columns offered as buttons; a wider file is still imported, its extra columns as guessed.
const MAX_COLUMN_BUTTONS: usize = 20;

/// What an import does with a row that duplicates a contact already in the base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duplicates {
    Skip,
    Merge,
    Create,
}

impl Duplicates {
    pub const ALL: [Duplicates; 3] = [Duplicates::Skip, Duplicates::Merge, Duplicates::Create];

    pub fn code(self) -> &'static str {
        match self {
            Duplicates::Skip => "s",
            Duplicates::Merge => "m",
            Duplicates::Create => "c",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.code() == code)
    }

    fn button_key(self) -> &'static str {
        match self {
            Duplicates::Skip => "button-import-skip",
            Duplicates::Merge => "button-import-merge",
            Duplicates::Create => "button-import-create",
        }
    }
}

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
    let lowered = file_name.to_lowercase();
    if ![".csv", ".tsv", ".txt"]
        .iter()
        .any(|ext| lowered.ends_with(ext))
    {
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
    pub(super) async fn received_file(
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

    pub(super) async fn show_import(
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
                    .map(|d| {
                        Button::new(
                            turn.tr(d.button_key()),
                            Action::ImportRun(id, d.code().into()),
                        )
                    })
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
    pub(super) async fn import_column(
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
                    Action::ImportTarget(id, column, t.code().to_owned()),
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

    pub(super) async fn import_target(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        column: u32,
        code: &str,
    ) -> anyhow::Result<()> {
        let Some(pending) = self.own_import(turn, member, id).await? else {
            return Ok(());
        };
        let mut mapping = pending.mapping.clone();
        match (mapping.get_mut(column as usize), Target::from_code(code)) {
            (Some(slot), Some(target)) => *slot = target.code().to_owned(),
            _ => {
                let text = turn.tr("button-expired");
                turn.notice(text);
                return Ok(());
            }
        }
        self.store.set_import_mapping(id, &mapping).await?;
        self.show_import(turn, member, id).await
    }

    /// Runs a confirmed import, once: a second press finds it finished.
    pub(super) async fn import_run(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        duplicates: &str,
    ) -> anyhow::Result<()> {
        let Some(duplicates) = Duplicates::from_code(duplicates) else {
            let text = turn.tr("button-expired");
            turn.notice(text);
            return Ok(());
        };
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

    /// `/export`: what to export.
    pub(super) fn export_menu(&self, turn: &mut Turn<'_>) {
        let text = turn.tr("export-title");
        let keyboard = Keyboard::none().row(vec![
            Button::new(
                turn.tr("button-export-contacts"),
                Action::Export("c".into()),
            ),
            Button::new(turn.tr("button-export-deals"), Action::Export("d".into())),
            Button::new(turn.tr("button-export-vcard"), Action::Export("v".into())),
        ]);
        turn.send(text, keyboard);
    }

    pub(super) async fn export(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        what: &str,
    ) -> anyhow::Result<()> {
        let owner = (!member.role.sees_all_contacts()).then_some(member.user_id);
        let lang = turn.lang;
        let zone = self.zone(member);
        let moment = |at: i64| {
            zone.timestamp_opt(at, 0)
                .single()
                .map(|t| t.format("%d.%m.%Y %H:%M").to_string())
                .unwrap_or_default()
        };
        let (file_name, content, count) = match what {
            "c" | "v" => {
                let contacts: Vec<ExportContact> = self
                    .store
                    .export_contacts(member.team_id, owner)
                    .await?
                    .into_iter()
                    .map(|exported| {
                        let c = exported.contact;
                        ExportContact {
                            name: c.name,
                            phones: c.phones,
                            emails: c.emails,
                            telegram: c.telegram,
                            companies: exported.companies,
                            tags: c.tags,
                            kind: c.kind.map(|k| kind_label(lang, &k)),
                            region: c.region,
                            birthday: c.birthday,
                            priority: c.priority.map(|p| priority_label(lang, &p)),
                            notes: c.notes,
                            owner: c.owner_name,
                            created_at: moment(exported.created_at),
                        }
                    })
                    .collect();
                let count = contacts.len();
                if what == "c" {
                    let headers = export::contact_headers(lang);
                    (
                        "contacts.csv",
                        export::contacts_csv(&contacts, &headers),
                        count,
                    )
                } else {
                    (
                        "contacts.vcf",
                        export::vcards(&contacts).into_bytes(),
                        count,
                    )
                }
            }
            "d" => {
                let deals: Vec<ExportDeal> = self
                    .store
                    .export_deals(member.team_id, owner)
                    .await?
                    .into_iter()
                    .map(|d| ExportDeal {
                        title: d.title,
                        contact: d.contact,
                        company: d.company,
                        amount_minor: d.amount_minor,
                        currency: d.currency,
                        // A default stage's stored name is its locale key, as on the card.
                        stage: if d.stage.starts_with("stage-") {
                            tr(lang, &d.stage)
                        } else {
                            d.stage
                        },
                        expected_close: d.expected_close,
                        next_action: d.next_action,
                        comment: d.comment,
                        lost_reason: d.lost_reason,
                        owner: d.owner,
                        created_at: moment(d.created_at),
                        closed_at: d.closed_at.map(moment),
                    })
                    .collect();
                let count = deals.len();
                let headers = export::deal_headers(lang);
                ("deals.csv", export::deals_csv(&deals, &headers), count)
            }
            _ => {
                let text = turn.tr("button-expired");
                turn.notice(text);
                return Ok(());
            }
        };
        let caption = tr_args(lang, "export-caption", &[("count", arg(count as i64))]);
        let chat_id = turn.chat_id();
        turn.out.push(Outgoing::Document {
            chat_id,
            file_name: file_name.to_owned(),
            content,
            caption,
        });
        Ok(())
    }
}

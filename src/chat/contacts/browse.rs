//! `/contacts`: browsing, not searching — the member's contacts (the team's for the owner and
//! leads), ten a page, by last activity or by name, narrowed by status, type and tag.
//!
//! ```text
//! manager: /contacts
//! bot:     👥 Contacts: 25, by last activity (page 1 of 3)
//!          [Ivan Petrov] … [◀ ▶] [🔤 By name] [🎛 Filter]
//! ```

use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::buttons::{Action, pager};
use crate::chat::route::codec::{Part, Parts};
use crate::chat::turn::Turn;
use crate::chat::view::{kind_label, scope_of};
use crate::domain::Tag;
use crate::i18n::{arg, tr_args};
use crate::store::{ContactFilter, Member};

const PAGE: u32 = 10;
/// Tags offered as filters: the most used ones.
const TAG_BUTTONS: i64 = 12;

/// Lead or client: whether the contact has become a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Lead,
    Client,
}

impl Status {
    const ALL: [Status; 2] = [Status::Lead, Status::Client];

    fn code(self) -> &'static str {
        match self {
            Status::Lead => "lead",
            Status::Client => "client",
        }
    }
}

/// What `/contacts` shows: the order and the filters (a type by its place in the team's list
/// of types, so that any name fits in a button).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Browse {
    pub by_name: bool,
    pub status: Option<Status>,
    pub kind: Option<u32>,
    pub tag: Option<String>,
}

/// In a button: "n" or "a" (order), "-", "l" or "c" (status), "-" or the type's index, then
/// the tag as the rest (empty for none). So it is always a button's last field.
impl Part for Browse {
    fn write(&self, data: &mut String) {
        data.push_str(if self.by_name { "n" } else { "a" });
        data.push(':');
        data.push_str(match self.status {
            None => "-",
            Some(Status::Lead) => "l",
            Some(Status::Client) => "c",
        });
        data.push(':');
        match self.kind {
            Some(kind) => data.push_str(&kind.to_string()),
            None => data.push('-'),
        }
        data.push(':');
        data.push_str(self.tag.as_deref().unwrap_or_default());
    }

    fn read(parts: &mut Parts<'_>) -> Option<Self> {
        let by_name = match parts.next()? {
            "n" => true,
            "a" => false,
            _ => return None,
        };
        let status = match parts.next()? {
            "-" => None,
            "l" => Some(Status::Lead),
            "c" => Some(Status::Client),
            _ => return None,
        };
        let kind = match parts.next()? {
            "-" => None,
            index => Some(index.parse().ok()?),
        };
        let tag = match parts.remainder()? {
            "" => None,
            // Only a tag as stored: forged data reads back exactly as it was written.
            tag => Some(
                Tag::parse(tag)
                    .ok()
                    .filter(|t| t.as_str() == tag)?
                    .as_str()
                    .to_owned(),
            ),
        };
        Some(Browse {
            by_name,
            status,
            kind,
            tag,
        })
    }
}

impl Core {
    /// A page of `/contacts` as `view` asks: a new message for the command, the same message
    /// edited for a button.
    pub(in crate::chat) async fn browse_contacts(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        page: u32,
        view: Browse,
    ) -> anyhow::Result<()> {
        let kinds = self.kinds(member.team_id).await?;
        let kind = view.kind.and_then(|index| kinds.get(index as usize));
        let filter = ContactFilter {
            kind: kind.map(String::as_str),
            tag: view.tag.as_deref(),
            status: view.status.map(Status::code),
            by_name: view.by_name,
        };
        let (hits, total) = self
            .store
            .browse_contacts(
                scope_of(member),
                &filter,
                i64::from(page) * i64::from(PAGE),
                i64::from(PAGE),
            )
            .await?;
        let pages = u32::try_from((total.max(1) - 1) / i64::from(PAGE) + 1).unwrap_or(u32::MAX);
        let order = match view.by_name {
            true => turn.tr("contacts-by-name"),
            false => turn.tr("contacts-by-activity"),
        };
        let mut text = tr_args(
            turn.lang,
            "contacts-title",
            &[
                ("count", arg(total)),
                ("order", arg(order)),
                ("page", arg(i64::from(page) + 1)),
                ("pages", arg(i64::from(pages))),
            ],
        );
        let mut shown: Vec<String> = Vec::new();
        if let Some(status) = view.status {
            shown.push(turn.tr(&format!("contacts-status-{}", status.code())));
        }
        if let Some(kind) = kind {
            shown.push(kind_label(turn.lang, kind));
        }
        if let Some(tag) = &view.tag {
            shown.push(format!("#{tag}"));
        }
        if !shown.is_empty() {
            text.push('\n');
            text.push_str(&tr_args(
                turn.lang,
                "contacts-filtered",
                &[("filter", arg(shown.join(" · ")))],
            ));
        }
        if hits.is_empty() {
            text.push('\n');
            text.push_str(&turn.tr("contacts-none"));
        }
        let nav = pager(page, pages, |to| Action::Contacts(to, view.clone())).unwrap_or_default();
        let sorted = Browse {
            by_name: !view.by_name,
            ..view.clone()
        };
        let sort_label = match view.by_name {
            true => turn.tr("button-by-activity"),
            false => turn.tr("button-by-name"),
        };
        let keyboard = hits
            .into_iter()
            .fold(Keyboard::none(), |keyboard, hit| {
                keyboard.row(vec![Button::new(hit.name, Action::OpenCard(hit.id))])
            })
            .row(nav)
            .row(vec![
                Button::new(sort_label, Action::Contacts(0, sorted)),
                Button::new(turn.tr("button-filter"), Action::ContactFilters(view)),
            ]);
        turn.show(text, keyboard);
        Ok(())
    }

    /// The filters of `/contacts`: each button shows the first page with one filter changed
    /// (✓ marks those set; pressing one again clears it).
    pub(in crate::chat) async fn contact_filters(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        view: Browse,
    ) -> anyhow::Result<()> {
        let mark = |set: bool, label: String| match set {
            true => format!("✓ {label}"),
            false => label,
        };
        let statuses: Vec<Button> = Status::ALL
            .into_iter()
            .map(|status| {
                let set = view.status == Some(status);
                let label = turn.tr(&format!("contacts-status-{}", status.code()));
                let changed = Browse {
                    status: (!set).then_some(status),
                    ..view.clone()
                };
                Button::new(mark(set, label), Action::Contacts(0, changed))
            })
            .collect();
        let kinds: Vec<Button> = (self.kinds(member.team_id).await?.iter().enumerate())
            .map(|(index, kind)| {
                let index = index as u32;
                let set = view.kind == Some(index);
                let changed = Browse {
                    kind: (!set).then_some(index),
                    ..view.clone()
                };
                let label = mark(set, kind_label(turn.lang, kind));
                Button::new(label, Action::Contacts(0, changed))
            })
            .collect();
        // A tag too long to ride in a button is left out; /find #tag still finds its contacts.
        let tags: Vec<Button> = (self.store)
            .tags_in_scope(scope_of(member), TAG_BUTTONS)
            .await?
            .into_iter()
            .filter_map(|tag| {
                let set = view.tag.as_deref() == Some(tag.as_str());
                let changed = Browse {
                    tag: (!set).then(|| tag.clone()),
                    ..view.clone()
                };
                let action = Action::Contacts(0, changed);
                action.try_encode()?;
                Some(Button::new(mark(set, format!("#{tag}")), action))
            })
            .collect();
        let keyboard = Keyboard::none()
            .row(statuses)
            .rows(kinds.chunks(3).map(<[Button]>::to_vec))
            .rows(tags.chunks(3).map(<[Button]>::to_vec))
            .row(vec![
                Button::new(
                    turn.tr("button-clear-filters"),
                    Action::Contacts(
                        0,
                        Browse {
                            by_name: view.by_name,
                            ..Browse::default()
                        },
                    ),
                ),
                Button::new(turn.tr("button-back"), Action::Contacts(0, view.clone())),
            ]);
        let text = turn.tr("contacts-filter-title");
        turn.show(text, keyboard);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(view: Browse) -> Option<Browse> {
        let mut data = String::new();
        view.write(&mut data);
        let mut parts = Parts::new(&data);
        let read = Browse::read(&mut parts);
        assert!(parts.finished());
        read
    }

    #[test]
    fn a_view_reads_back_as_itself() {
        let views = [
            Browse::default(),
            Browse {
                by_name: true,
                status: Some(Status::Client),
                kind: Some(2),
                tag: Some("опт-vip".to_owned()),
            },
        ];
        for view in views {
            assert_eq!(round_trip(view.clone()), Some(view));
        }
    }

    #[test]
    fn forged_views_are_refused() {
        for forged in [
            "x:-:-:",
            "a:z:-:",
            "a:-:k:",
            "a:-:-:VIP",
            "a:-:-:a b",
            "a:-:-",
        ] {
            let mut parts = Parts::new(forged);
            assert_eq!(Browse::read(&mut parts), None, "{forged}");
        }
    }
}

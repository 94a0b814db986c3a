//! Adding a contact: in one line (`/add Name +7… mail@…`), or step by step through the
//! form in `dialogs/add_contact.toml` when `/add` comes alone.

use crate::chat::context::Core;
use crate::chat::forms::ADD_CONTACT;
use crate::chat::keyboard::Keyboard;
use crate::chat::route::answers::Outcome;
use crate::chat::turn::Turn;
use crate::chat::view::{input_error_text, now};
use crate::domain::{ContactName, Email, InputError, Phone};
use crate::store::{Member, NewContact};

/// Splits "/add" arguments into a name, a phone and emails: the name comes first; the phone
/// starts at the first word that tries to be one — it begins with `+`, or begins like a number
/// and has five digits or more after it — so a bad number is refused, never kept in the name.
pub fn parse_add_args(args: &str) -> Result<NewContact, InputError> {
    let words: Vec<&str> = args.split_whitespace().collect();
    let (emails, rest): (Vec<&str>, Vec<&str>) = words.iter().partition(|w| w.contains('@'));
    let phone_start = (0..rest.len()).find(|&i| {
        let starts_like_number =
            rest[i].starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '(');
        let digits: usize = rest[i..]
            .iter()
            .map(|w| w.chars().filter(char::is_ascii_digit).count())
            .sum();
        rest[i].starts_with('+') || (starts_like_number && digits >= 5)
    });
    let (name_words, phone_words) = rest.split_at(phone_start.unwrap_or(rest.len()));
    let name = ContactName::parse(&name_words.join(" "))?;
    let phones = if phone_words.is_empty() {
        Vec::new()
    } else {
        vec![Phone::parse(&phone_words.join(" "))?]
    };
    let emails = emails
        .into_iter()
        .map(Email::parse)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(NewContact {
        name,
        phones,
        emails,
    })
}

impl Core {
    pub(in crate::chat) async fn add(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        args: &str,
    ) -> anyhow::Result<Outcome> {
        if args.is_empty() {
            return Ok(self.start_form(turn, ADD_CONTACT));
        }
        match parse_add_args(args) {
            Ok(contact) => self.add_unless_duplicate(turn, member, &contact).await,
            Err(error) => {
                let text = format!(
                    "{}\n{}",
                    input_error_text(turn.lang, &error),
                    turn.tr("add-usage")
                );
                turn.send(text, Keyboard::none());
                Ok(Outcome::Done)
            }
        }
    }

    pub(in crate::chat) async fn save_contact(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact: &NewContact,
    ) -> anyhow::Result<()> {
        let id = self
            .store
            .create_contact(member.team_id, member.user_id, contact, now())
            .await?;
        let saved = turn.tr("contact-saved");
        turn.send(saved, Keyboard::none());
        self.open_card(turn, member, id, false).await
    }

    /// Text typed instead of choosing between offered records: the choice is left and the
    /// text is a search as usual.
    pub(in crate::chat) async fn search_instead(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        self.find(turn, member, text, 0).await?;
        Ok(Outcome::Done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_arguments_split_into_name_phone_and_email() {
        let contact = parse_add_args("Ivan Petrov 8 (999) 123-45-67 Ivan@Example.com").unwrap();
        assert_eq!(contact.name.as_str(), "Ivan Petrov");
        assert_eq!(contact.phones[0].as_str(), "+79991234567");
        assert_eq!(contact.emails[0].as_str(), "ivan@example.com");

        let name_only = parse_add_args("ООО Ромашка 2").unwrap();
        assert_eq!(name_only.name.as_str(), "ООО Ромашка 2");
        assert!(name_only.phones.is_empty());
    }

    #[test]
    fn bad_add_arguments_are_refused() {
        assert_eq!(
            parse_add_args("Ivan +7 999 12345 call me").err(),
            Some(InputError::PhoneInvalid)
        );
        assert_eq!(
            parse_add_args("Ivan ivan@").err(),
            Some(InputError::EmailInvalid)
        );
        assert_eq!(
            parse_add_args("+79991234567").err(),
            Some(InputError::NameEmpty)
        );
        // A phone attempt that is not a number is refused, not taken into the name.
        assert_eq!(
            parse_add_args("Bad Phone +12").err(),
            Some(InputError::PhoneInvalid)
        );
        assert_eq!(
            parse_add_args("Petrov 12345").err(),
            Some(InputError::PhoneInvalid)
        );
        // A short number in a name stays part of it.
        assert_eq!(
            parse_add_args("Room 101").map(|c| c.name.as_str().to_owned()),
            Ok("Room 101".to_owned())
        );
    }
}

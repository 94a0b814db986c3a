//! `/settings`: the member's own preferences.
//!
//! ```text
//! manager: /settings
//! bot:     Settings. Language: English   [Русский] [English]
//! manager: (taps Русский)
//! bot:     Настройки. Язык: русский      [Русский] [English]
//! ```

use super::{Action, Button, Core, Keyboard, Turn};
use crate::domain::Lang;
use crate::store::Member;

impl Core {
    pub(super) fn settings(&self, turn: &mut Turn<'_>) {
        let (text, keyboard) = settings_menu(turn);
        turn.show(text, keyboard);
    }

    pub(super) async fn set_language(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        lang: Lang,
    ) -> anyhow::Result<()> {
        self.store.set_language(member.user_id, lang).await?;
        turn.lang = lang;
        let (text, keyboard) = settings_menu(turn);
        turn.show(text, keyboard);
        Ok(())
    }
}

fn settings_menu(turn: &Turn<'_>) -> (String, Keyboard) {
    let text = format!(
        "{}\n{}: {}",
        turn.tr("settings-title"),
        turn.tr("settings-language"),
        turn.tr("language-name")
    );
    let buttons = Lang::ALL
        .iter()
        .map(|lang| {
            Button::new(
                crate::i18n::tr(*lang, "language-name"),
                Action::SetLanguage(*lang),
            )
        })
        .collect();
    (text, Keyboard::none().row(buttons))
}

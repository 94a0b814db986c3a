//! Files in and out: a `.csv` sent to the bot is imported; `/export` sends files back.

use super::{Core, Turn};
use crate::chat::FileProblem;
use crate::store::Member;

impl Core {
    pub(super) async fn received_file(
        &self,
        turn: &mut Turn<'_>,
        _member: &Member,
        _file_name: &str,
        _content: Result<&[u8], &FileProblem>,
    ) -> anyhow::Result<()> {
        let text = turn.tr("unsupported-message");
        turn.send(text, super::Keyboard::none());
        Ok(())
    }
}

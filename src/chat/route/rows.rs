//! How a row of the route tables becomes code: each table (buttons, commands, answers) is one
//! macro call whose rows name the input, who may send it and where, and the handler that runs.
//! From those rows the macros write the input's type, its rule for the gate and the `match`
//! that calls the handler, so the three can never disagree. A handler returns an [`Outcome`]
//! for the member's open question, or nothing when it leaves the question as it was (a card,
//! a list, a page).

/// The acting member as a row's handler sees it: `()` for a client's row, `Option<&Member>` for
/// a row anyone may use, `&Member` for a member's (the gate let only members through).
macro_rules! actor {
    (NotMember, $actor:expr) => {
        ()
    };
    (Anyone, $actor:expr) => {
        $actor.as_ref()
    };
    ($who:ident, $actor:expr) => {
        match $actor.as_ref() {
            Some(member) => member,
            None => anyhow::bail!("the gate let a non-member through to a member's handler"),
        }
    };
}

/// The button table: `Variant(field: Type, …) = "tag", Who => handler;`. Generates [`Action`]
/// with its callback-data codec (the tag, then each field's [`Part`] after a `:`), the rule
/// of each kind of button (always the private chat) and `press`, which runs the handler.
macro_rules! buttons {
    (
        |$core:ident, $turn:ident, $member:ident|
        $(
            $(#[$attr:meta])*
            $variant:ident $(( $($field:ident : $ty:ty),* ))? = $tag:literal, $who:ident
                => $run:expr;
        )*
    ) => {
        /// What an inline button asks for. `ActionKind` names each variant without its data:
        /// tests enumerate it so that no kind of button is forgotten.
        #[derive(Debug, Clone, PartialEq, Eq, strum::EnumDiscriminants)]
        #[strum_discriminants(name(ActionKind), derive(strum::EnumIter))]
        pub enum Action {
            $( $(#[$attr])* $variant $(( $($ty),* ))?, )*
        }

        impl Action {
            /// The callback data, without the 64-byte check of [`Action::try_encode`].
            pub fn encode(&self) -> String {
                let mut data = String::new();
                match self {
                    $( Action::$variant $(( $($field),* ))? => {
                        data.push_str($tag);
                        $( $( data.push(':'); Part::write($field, &mut data); )* )?
                    } )*
                }
                data
            }

            /// The action `data` encodes; `None` for anything [`Action::encode`] did not make.
            pub fn decode(data: &str) -> Option<Self> {
                let mut parts = Parts::new(data);
                let action = match parts.tag() {
                    $( $tag => Action::$variant $(( $( <$ty as Part>::read(&mut parts)? ),* ))?, )*
                    _ => return None,
                };
                parts.finished().then_some(action)
            }
        }

        impl ActionKind {
            /// Who may press a button of this kind, and where.
            pub fn rule(self) -> Rule {
                match self {
                    $( ActionKind::$variant => Rule::private(Who::$who), )*
                }
            }
        }

        /// Runs the handler of a button the gate let through.
        pub(in crate::chat) async fn press(
            $core: &Core,
            $turn: &mut Turn<'_>,
            action: Action,
        ) -> anyhow::Result<Outcome> {
            let actor = $turn.member.clone();
            match action {
                $( Action::$variant $(( $($field),* ))? => {
                    let $member = actor!($who, actor);
                    let _ = &$member;
                    let result: anyhow::Result<_> = $run;
                    Ok(IntoOutcome::into_outcome(result?))
                } )*
            }
        }
    };
}

/// The command table: `"name" Variant[(args)] in Place by Who, menu|hidden => handler;`, and a
/// last row for anything else typed after a slash. Generates [`Command`] with its parser, the
/// rule of each command, [`COMMANDS`] (for `/help` and Telegram's menus) and `run`.
macro_rules! commands {
    (
        |$core:ident, $turn:ident, $member:ident|
        $(
            $(#[$attr:meta])*
            $name:literal $variant:ident $(($args:ident))? in $place:ident by $who:ident, $menu:ident
                => $run:expr;
        )*
        unknown by $unknown_who:ident => $unknown:expr;
    ) => {
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Command {
            $( $(#[$attr])* $variant $((commands!(@text $args)))?, )*
            /// A slash and a word that is none of the above.
            Unknown,
        }

        /// Every command by name: who may use it, where, and whether Telegram's menu lists it.
        pub const COMMANDS: &[Listing] = &[
            $( Listing {
                name: $name,
                rule: Rule { who: Who::$who, place: Place::$place },
                in_menu: commands!(@menu $menu),
            }, )*
        ];

        impl Command {
            /// The command's name as typed after the slash ("" for an unknown one).
            pub fn name(&self) -> &'static str {
                match self {
                    $( Command::$variant $(($args))? => { $( let _ = $args; )? $name } )*
                    Command::Unknown => "",
                }
            }

            /// The command `name` with its argument text.
            fn from_name(name: &str, text: String) -> Self {
                match name {
                    $( $name => { let _ = &text; Command::$variant $((commands!(@arg $args, text)))? } )*
                    _ => Command::Unknown,
                }
            }

            /// Who may use it, and where.
            pub fn rule(&self) -> Rule {
                match self {
                    $( Command::$variant $(($args))? => {
                        $( let _ = $args; )?
                        Rule { who: Who::$who, place: Place::$place }
                    } )*
                    Command::Unknown => Rule::private(Who::$unknown_who),
                }
            }
        }

        /// Runs the handler of a command the gate let through.
        pub(in crate::chat) async fn run(
            $core: &Core,
            $turn: &mut Turn<'_>,
            command: Command,
        ) -> anyhow::Result<Outcome> {
            let actor = $turn.member.clone();
            match command {
                $( Command::$variant $(($args))? => {
                    let $member = actor!($who, actor);
                    let _ = &$member;
                    let result: anyhow::Result<_> = $run;
                    Ok(IntoOutcome::into_outcome(result?))
                } )*
                Command::Unknown => {
                    let $member = actor!($unknown_who, actor);
                    let _ = &$member;
                    let result: anyhow::Result<_> = $unknown;
                    Ok(IntoOutcome::into_outcome(result?))
                }
            }
        }
    };
    (@text $args:ident) => { String };
    (@arg $args:ident, $text:ident) => { $text };
    (@menu menu) => { true };
    (@menu hidden) => { false };
}

/// The answer table: `Variant[{ field: Type, … }] by Who[, recheck method(field)] => handler;`,
/// one row per question a member can leave open; `recheck` names the check of the record the
/// question is about, run before the handler (a `false` closes the question). Generates [`Conversation`] (stored as JSON between updates), the
/// rule of each (the member may lose the right midway) and `answer`, which runs the handler
/// (whose [`Outcome`] the route applies).
macro_rules! answers {
    (
        |$core:ident, $turn:ident, $member:ident, $text:ident|
        $(
            $(#[$attr:meta])*
            $variant:ident $({ $($field:ident : $ty:ty),* $(,)? })? by $who:ident
                $(, recheck $recheck:ident($record:ident))? => $run:expr;
        )*
    ) => {
        #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "state", rename_all = "snake_case")]
        pub enum Conversation {
            $( $(#[$attr])* $variant $({ $($field: $ty),* })?, )*
        }

        impl Conversation {
            /// Who may still answer it (a lead made a manager midway loses the lead's forms).
            pub fn rule(&self) -> Rule {
                match self {
                    $( Conversation::$variant { .. } => Rule::private(Who::$who), )*
                }
            }
        }

        /// Runs the handler of an answer the gate let through: the member's typed text.
        pub(in crate::chat) async fn answer(
            $core: &Core,
            $turn: &mut Turn<'_>,
            conversation: Conversation,
            $text: &str,
        ) -> anyhow::Result<Outcome> {
            let actor = $turn.member.clone();
            match conversation {
                // A row's handler may not need every field of its question.
                $( #[allow(unused_variables)]
                Conversation::$variant $({ $($field),* })? => {
                    let $member = actor!($who, actor);
                    // The record the question is about, checked again: access may have
                    // changed since it was asked.
                    $( if !$core.$recheck($turn, $member, $record).await? {
                        return Ok(Outcome::Done);
                    } )?
                    let result: anyhow::Result<_> = $run;
                    Ok(IntoOutcome::into_outcome(result?))
                } )*
            }
        }
    };
}

pub(super) use {actor, answers, buttons, commands};

//! What a timeline entry records: a call, a note, a change, a client's answer.

/// The kind of a timeline entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryKind {
    Created,
    Call,
    Note,
    /// Another manager became responsible; the body says who from and to.
    HandedOver,
    Archived,
    Restored,
    /// A duplicate was merged in; the body says which.
    Merged,
    /// A card field changed: the outcome names the field, the body says "old → new".
    Edited,
    /// The contact was linked to a company; the body names it.
    Linked,
    Meeting,
    /// A deal was opened; the body is its title.
    DealOpened,
    /// A deal moved; the body says "from → to".
    StageChanged,
    /// The lead became a client.
    Converted,
    /// A deal field changed; the body says "deal: field: old → new".
    DealEdited,
    /// A won or lost deal was opened again; the body says "deal: from → to".
    DealReopened,
    /// The client opened their link and the bot can reach them.
    ClientLinked,
    /// The client sent /stop.
    ClientUnlinked,
    /// The manager said this is not a client any more.
    ClientDropped,
    /// An appointment was booked; the body says when and where.
    AppointmentBooked,
    AppointmentConfirmed,
    /// The client asked for another time.
    AppointmentReschedule,
    /// The client pressed Unsubscribe on a mailing.
    Unsubscribed,
    /// A file was filed on the card: the outcome is its kind, the body its name or caption.
    File,
    /// A lead came in by `POST /api/leads`: the outcome is its source, the body its details.
    Lead,
    /// A client rated a survey: the outcome is the rating, the body the survey.
    FeedbackRating,
    /// A client's comment after a rating; the body is the comment.
    FeedbackComment,
    /// A client wrote to a member in the member's own Telegram: the body is the text (or the
    /// file's label), the outcome "edited" or "deleted" once Telegram says so.
    MessageIn,
    /// A member wrote to a client in their own Telegram; as [`HistoryKind::MessageIn`].
    MessageOut,
}

impl HistoryKind {
    /// The kind as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            HistoryKind::Created => "created",
            HistoryKind::Call => "call",
            HistoryKind::Note => "note",
            HistoryKind::HandedOver => "handed_over",
            HistoryKind::Archived => "archived",
            HistoryKind::Restored => "restored",
            HistoryKind::Merged => "merged",
            HistoryKind::Edited => "edited",
            HistoryKind::Linked => "linked",
            HistoryKind::Meeting => "meeting",
            HistoryKind::DealOpened => "deal_opened",
            HistoryKind::StageChanged => "stage_changed",
            HistoryKind::Converted => "converted",
            HistoryKind::DealEdited => "deal_edited",
            HistoryKind::DealReopened => "deal_reopened",
            HistoryKind::ClientLinked => "client_linked",
            HistoryKind::ClientUnlinked => "client_unlinked",
            HistoryKind::ClientDropped => "client_dropped",
            HistoryKind::AppointmentBooked => "appointment_booked",
            HistoryKind::AppointmentConfirmed => "appointment_confirmed",
            HistoryKind::AppointmentReschedule => "appointment_reschedule",
            HistoryKind::Unsubscribed => "unsubscribed",
            HistoryKind::File => "file",
            HistoryKind::Lead => "lead",
            HistoryKind::FeedbackRating => "feedback_rating",
            HistoryKind::FeedbackComment => "feedback_comment",
            HistoryKind::MessageIn => "message_in",
            HistoryKind::MessageOut => "message_out",
        }
    }

    /// A real interaction with the client, which resets its dormancy clock.
    pub fn is_interaction(self) -> bool {
        matches!(
            self,
            HistoryKind::Call
                | HistoryKind::Note
                | HistoryKind::Meeting
                | HistoryKind::DealOpened
                | HistoryKind::StageChanged
                | HistoryKind::AppointmentBooked
                | HistoryKind::AppointmentConfirmed
                | HistoryKind::AppointmentReschedule
                | HistoryKind::File
                | HistoryKind::Lead
                | HistoryKind::MessageIn
                | HistoryKind::MessageOut
        )
    }

    /// Reads a stored kind; `None` for one this version does not know.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "created" => Some(HistoryKind::Created),
            "call" => Some(HistoryKind::Call),
            "note" => Some(HistoryKind::Note),
            "handed_over" => Some(HistoryKind::HandedOver),
            "archived" => Some(HistoryKind::Archived),
            "restored" => Some(HistoryKind::Restored),
            "merged" => Some(HistoryKind::Merged),
            "edited" => Some(HistoryKind::Edited),
            "linked" => Some(HistoryKind::Linked),
            "meeting" => Some(HistoryKind::Meeting),
            "deal_opened" => Some(HistoryKind::DealOpened),
            "stage_changed" => Some(HistoryKind::StageChanged),
            "converted" => Some(HistoryKind::Converted),
            "deal_edited" => Some(HistoryKind::DealEdited),
            "deal_reopened" => Some(HistoryKind::DealReopened),
            "client_linked" => Some(HistoryKind::ClientLinked),
            "client_unlinked" => Some(HistoryKind::ClientUnlinked),
            "client_dropped" => Some(HistoryKind::ClientDropped),
            "appointment_booked" => Some(HistoryKind::AppointmentBooked),
            "appointment_confirmed" => Some(HistoryKind::AppointmentConfirmed),
            "appointment_reschedule" => Some(HistoryKind::AppointmentReschedule),
            "unsubscribed" => Some(HistoryKind::Unsubscribed),
            "file" => Some(HistoryKind::File),
            "lead" => Some(HistoryKind::Lead),
            "feedback_rating" => Some(HistoryKind::FeedbackRating),
            "feedback_comment" => Some(HistoryKind::FeedbackComment),
            "message_in" => Some(HistoryKind::MessageIn),
            "message_out" => Some(HistoryKind::MessageOut),
            _ => None,
        }
    }
}

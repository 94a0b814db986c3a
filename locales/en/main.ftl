## Membership

gate-owner-only = Only the team's owner can do this.
gate-leads-only = Only the owner and team leads can do this.
not-member = You are not a member of a team yet. Ask your team lead for an invite link and open it — then I will be at your service.
start-welcome-back = Welcome back!
start-already-member = You are already a member of the team.
start-joined = Welcome to the team! Your role: { $role }.
link-unknown = This link does not work. Ask your team lead for a new invite link.
link-used = This link has already been used. Ask your team lead for a new one.
link-expired = This link has expired. Ask your team lead for a new one.
role-owner = owner
role-lead = team lead
role-manager = manager
invite-usage = Type /invite manager or /invite lead.
invite-not-allowed = Your role cannot invite to that role: a team lead invites managers, the owner invites managers and team leads.
invite-link = Send this link to the new { $role }:
    { $link }
    It works once, for { $hours } hours.

## Help

help-intro = Your role: { $role }. What I can do:
help-search-hint = Any text without a command searches your contacts by name, phone or email.
command-add = add a contact: /add Ivan Petrov +79991234567 ivan@example.com
command-find = find a contact by name, phone or email
command-invite = a one-time join link for a new member
command-settings = language and other settings
command-help = this help
command-cancel = leave the current form
command-start = start
unknown-command = I don't know that command. The everyday ones are /add, /find, /today and /tasks; /help lists them all.

## Contacts

add-usage = Type /add and the name, then a phone and an email if you have them, e.g. /add Ivan Petrov +79991234567 ivan@example.com. Or send a bare /add and I will ask step by step.
contact-saved = Contact saved.
contact-not-found = That contact does not exist any more.
contact-not-yours = That contact belongs to another manager.
card-responsible = Responsible: { $name }
card-last-activity = Last: { $entry }
form-add-contact-title = New contact
form-step = { $title } · step { $step } of { $steps }
form-ask-name = What is the contact's name?
form-ask-phone = Phone number? Tap Skip if there is none.
form-ask-email = Email? Tap Skip if there is none.
form-new-segment-title = New segment
segment-ask-name = Send a name to save the segment.
form-step-required = This step cannot be skipped.
find-usage = Type what to look for: /find Petrov, /find 4567 or /find ivan@example.com.
find-nothing = Nothing found for “{ $query }”. To add it: /add { $query }
find-nothing-plain = Nothing found for “{ $query }”.
find-inn = 🏢 Companies with INN { $inn }:
find-found = { $count ->
    [one] Found { $count } contact:
   *[other] Found { $count } contacts:
}
find-too-many = Found more than { $shown } contacts; here are the first { $shown }. Type more of the name to narrow it down.
find-showing-first = Showing the first { $shown }; type more of the name to narrow it down.
inline-no-details = no phone or email
find-page = Page { $page } of { $pages }.

## Calls, notes, history

call-ask-outcome = Call with { $name }. How did it go?
call-outcome-reached = Reached
call-outcome-no-answer = No answer
call-outcome-call-back = Call back
call-back-when = Call logged: Call back. When? E.g. tomorrow at 11, or tomorrow 11:00 discuss the price.
call-back-task = call back
call-logged = Call logged: { $outcome }. Send a note about it, or tap Done.
button-close-reminder = ✅ Close the reminder «{ $what }»
call-note-saved = Note added to the call.
note-ask = Send the note for { $name }.
note-saved = Note saved.
command-call = log a call: /call Petrov reached wants the price list
command-note = add a note: /note Petrov prefers WhatsApp
call-usage = Type /call, the contact, then how it went (reached, no answer, call back) and a note if you like: /call Petrov reached wants the price list.
note-usage = Type /note, the contact and the note: /note Petrov prefers WhatsApp.
call-saved = Call logged.
contact-not-matched = No contact of yours matches “{ $query }”.
contact-pick = Several contacts match “{ $query }”; pick one and the rest of your line goes to it:
button-time-zone = 🕐 Time zone
settings-time-zone-ask = Send your time zone: a city (Moscow, Novosibirsk, Berlin), a zone (Europe/Moscow) or an offset (UTC+3). Dates on timelines will be shown in it.
meeting-usage = Type /meeting, the contact and what was agreed: /meeting Petrov agreed on a pilot in May.
meeting-saved = Meeting saved.
history-meeting = meeting
history-call-duration = call — { $outcome }, { $minutes } min
command-meeting = log a meeting that took place: /meeting Petrov agreed on a pilot
history-title = History of { $name } (page { $page } of { $pages }):
history-created = contact added
history-note = note
history-call = call — { $outcome }

## Buttons

button-log-call = 📞 Log call
button-note = 📝 Note
button-history = 🕓 History
button-back = ← Back
button-done = ✅ Done
button-skip = Skip
button-cancel = Cancel
button-expired = This button is out of date. Open the contact again with /find.
cancelled = Cancelled.

## Team

command-team = team members and roles; hand over clients
command-archive = deleted contacts, to look at or restore
team-title = Team:
team-member-line = { $icon } { $name } — { $role } · { $count ->
    [one] { $count } contact
   *[other] { $count } contacts
}
team-not-allowed = Only the owner and team leads manage the team, and a lead only managers.
member-not-found = That member is not in your team any more.
member-removed-label = { $name } (removed)
member-role-changed = { $name } is now { $role }.
button-make-lead = ⭐ Make team lead
button-make-manager = Make manager
button-hand-over = 🔁 Hand over { $count ->
    [one] { $count } contact
   *[other] { $count } contacts
}
button-remove-member = 🚫 Remove from the team
button-member-deals = 💼 Deals
button-member-tasks = 📋 Tasks
button-member-today = 📅 Today
button-confirm-remove = Yes, remove
hand-over-pick = Who takes over { $name }'s { $count ->
    [one] { $count } contact
   *[other] { $count } contacts
}? Their history stays with them.
hand-over-bad-receiver = Contacts can only go to a current member of your team, other than their present manager.
hand-over-done = { $count ->
    [one] { $count } contact
   *[other] { $count } contacts
} handed over from { $from } to { $to }.
member-remove-confirm = Remove { $name } from the team? They lose access at once. Their { $count ->
    [one] { $count } contact stays
   *[other] { $count } contacts stay
} in the CRM and can be handed over.
member-removed = { $name } was removed from the team.

## Archive

button-delete = 🗑 Delete
button-confirm-delete = Yes, delete
button-restore = ♻️ Restore
delete-confirm = Delete { $name }? The contact goes to the archive with its history; the owner or a team lead can restore it with /archive.
delete-done = { $name } is in the archive now.
contact-archived = That contact is in the archive. The owner or a team lead can restore it with /archive.
card-archived = 🗄 In the archive
archive-empty = The archive is empty.
archive-title = Archived contacts: { $count } (page { $page } of { $pages }). Open one to restore it.
history-handed-over = handed over
history-archived = moved to the archive
history-restored = restored from the archive

## Duplicates

command-duplicates = likely duplicate contacts, to merge
duplicate-found = This contact may already be in the CRM:
duplicate-after-edit = Now this contact looks like another one in the CRM:
duplicate-same-phone = same phone
duplicate-same-email = same email
duplicate-same-name = same name
button-open-existing = Open { $name }
button-merge-into = Merge into it
button-create-anyway = Create anyway
merge-done = Merged.
merge-self = A contact cannot be merged with itself.
merge-confirm = Merge { $drop } into { $keep }? Phones, emails and the whole history of { $drop } move to { $keep }, and { $drop } disappears.
button-confirm-merge = Yes, merge
button-merge-pair = { $n }. Merge
duplicates-none = No likely duplicates found.
duplicates-title = Likely duplicates ({ $count }); merging keeps the older contact:
history-merged = merged with

## Card fields

button-edit = ✏️ Edit
button-clear = — Clear
field-name = Name
field-phones = Phones
field-emails = Emails
field-telegram = Telegram
field-kind = Type
field-region = Region
field-tags = Tags
field-priority = Priority
field-birthday = Birthday
field-tz = Time zone
field-subscribed = Mailings
field-notes = Notes
field-owner = Responsible
kind-wholesale = Wholesale
kind-shop = Shop
kind-retail = Retail customer
priority-low = Low
priority-normal = Normal
priority-high = High
yes = yes
no = no
edit-title = Edit { $name }: which field?
edit-choose = { $field } (now: { $value }):
edit-ask = New value for “{ $field }” (now: { $value }). { $hint }
edit-hint-name = Send the full name.
edit-hint-phones = Send the phones separated by commas, or - to remove them all.
edit-hint-emails = Send the emails separated by commas, or - to remove them all.
edit-hint-telegram = Send the username, e.g. @ivan_petrov, or - to clear.
edit-hint-region = Send the region, or - to clear.
edit-hint-tags = Send the tags separated by spaces or commas, e.g. vip wholesale, or - to remove them all.
edit-hint-birthday = Send the date: 25.12 or 25.12.1990, or - to clear.
edit-hint-tz = Send a time zone like Europe/Moscow or Asia/Yekaterinburg, or - to clear.
edit-hint-notes = Send the notes, or - to clear.
edit-hint-custom = Send the value, or - to clear.
edit-saved = Saved.
edit-try-again = Send the value again, or /cancel.
edit-owner-not-allowed = Only the owner and team leads change who is responsible for a contact.
error-telegram-invalid = That is not a Telegram username: 5 to 32 Latin letters, digits or _, starting with a letter, e.g. @ivan_petrov.
error-time-zone-invalid = I don't know that time zone. Type a city (Moscow, Berlin), a zone (Europe/Moscow) or an offset (UTC+3).

## Companies

command-company = open or create a company: /company Romashka LLC
company-usage = Type /company and the company's name, e.g. /company Romashka LLC.
company-created = Company created.
company-similar = Similar companies are already in the CRM. Open one, or create a new one:
button-create-company = ➕ Create “{ $name }”
company-not-yours = That company belongs to another manager.
company-not-found = That company does not exist.
company-contacts = Contacts: { $names }
button-link-contact = 🔗 Link a contact
company-link-ask = Which contact works at { $name }? Send a name, phone or email.
company-link-pick = Tap the contact to link:
company-field-name = Name
company-field-name-hint = Send the company's name.
company-field-inn = INN
company-field-inn-hint = Send the INN: 10 or 12 digits, or - to clear.
company-field-kpp = KPP
company-field-kpp-hint = Send the KPP: 9 characters, or - to clear.
company-field-legal = Legal address
company-field-legal-hint = Send the legal address, or - to clear.
company-field-actual = Actual address
company-field-actual-hint = Send the actual address, or - to clear.
company-field-bank = Bank details
company-field-bank-hint = Send the bank, BIK and account numbers in one message, or - to clear.
history-linked = linked to company

## Deals

command-deal = open a deal: /deal Petrov 100 chairs 150000
command-deals = my open deals by stage
command-funnel = the funnel: stages, conversion, sums
button-deal = ➕ Deal
button-convert = ⭐ Mark as client
card-lead = Status: lead
card-client-since = Status: client since { $when }
card-more-deals = 💼 { $count } open deals; the first { $shown } are below.
deal-usage = Type /deal, the contact, the deal's title and, if known, the amount: /deal Petrov 100 chairs 150000.
deal-ask-title = New deal with { $name }: send its title and, if known, the amount, e.g. 100 chairs 150000.
deal-not-yours = That deal belongs to another manager.
deal-not-found = That deal does not exist.
deal-closed = That deal is closed already.
deal-stage-gone = That stage no longer exists. Open the deal again.
deal-already-there = The deal is already at that stage.
deal-stage = Stage: { $stage } ({ $probability } %)
deal-won-on = 🎉 Won { $when }
deal-lost-because = ❌ Lost: { $reason }
deal-next = 📅 Next: { $when } — { $what }
deal-next-overdue = ⚠️ Overdue: { $when } — { $what }
deal-no-next = ⚠️ No next action planned
deal-ask-next = What is the next step for “{ $title }”, and when? E.g. tomorrow 10:00 send the proposal.
deal-next-example = Send when and what, e.g. tomorrow 10:00 send the proposal, or in 2 hours call back.
deal-pick-stage = Move “{ $title }” to:
deal-ask-lost-reason = Why was “{ $title }” lost? Pick a reason or type your own.
deal-ask-won = Mark “{ $title }” as won? Its open tasks close with it.
button-won-yes = 🎉 Yes, won
button-reopen = 🔄 Reopen
deal-open-already = That deal is open.
button-stages = 📋 Stage
button-won = ✅ Won
button-lost = ❌ Lost
button-next-action = 📅 Next action
button-later = Later
button-open-contact = 👤 Contact
lost-reason-price = Too expensive
lost-reason-competitor = Chose a competitor
lost-reason-budget = No budget
lost-reason-silence = Stopped answering
stage-new = New
stage-qualified = Qualified
stage-proposal = Proposal
stage-negotiation = Negotiation
stage-won = Won
stage-lost = Lost
deal-expected-close = Expected close: { $date }
deal-field-title = Title
deal-field-title-hint = Send the deal's new title.
deal-field-amount = Amount
deal-field-amount-hint = Send the amount, e.g. 150 000 or 2 500 USD, or - to clear.
deal-field-close = Expected close
deal-field-close-hint = Send the expected close date, e.g. 31.12.2026, or - to clear.
deal-field-comment = Comment
deal-field-comment-hint = Send the comment, or - to clear.
history-deal-edited = deal changed
history-deal-reopened = deal reopened
deals-none = You have no open deals. Open one from a contact card or with /deal.
deals-title = Your open deals:
deals-unplanned = { $count ->
    [one] ⚠️ { $count } deal has no planned next action.
   *[other] ⚠️ { $count } deals have no planned next action.
}
member-deals-none = { $name } has no open deals.
member-deals-title = { $name }'s open deals:
button-deals-by-manager = 👥 By manager
deals-by-manager-title = 👥 Open deals by manager:
deals-by-manager-line = { $name } — { $count ->
    [one] { $count } deal
   *[other] { $count } deals
}
history-deal-opened = deal opened
history-stage-changed = deal moved
history-converted = became a client
funnel-title = Funnel · { $period } · { $scope } · { $count ->
    [one] { $count } deal
   *[other] { $count } deals
}
funnel-team = team
funnel-mine = my deals
funnel-now = , now { $count }
period-this-month = This month
period-last-month = Last month
period-all-time = All time

button-funnel-stages = 🪜 Funnel stages
stages-title = Funnel stages (tap one to change it):
button-stage-add = ➕ Add a stage
button-lost-reasons = ❌ Lost reasons
button-stage-rename = ✏️ Rename
button-stage-probability = 🎯 Probability
button-stage-up = ⬆️ Up
button-stage-down = ⬇️ Down
button-stage-remove = 🗑 Remove
stage-ask-name = Send the new name for “{ $stage }”.
stage-ask-probability = Send the win probability for “{ $stage }”, from 0 to 100.
stage-ask-new = Send the new stage's name and, if you like, its win probability: Demo 30%.
stage-last-open = The funnel needs at least one open stage.
stage-remove-where = { $count ->
    [one] { $count } deal is
   *[other] { $count } deals are
} at “{ $stage }”. Which stage do they move to?
lost-reasons-ask = Send the lost reasons separated by commas (now: { $reasons }).
error-probability-invalid = A probability is a whole number from 0 to 100, e.g. 30.

## Tasks and reminders

command-remind = a reminder: /remind tomorrow 10:00 call Ivan
command-today = what is due today, overdue first
command-tasks = all open tasks
button-remind = ⏰ Remind
button-snooze-hour = 💤 1 h
button-snooze-tomorrow = Tomorrow
button-open-deal = 💼 Deal
remind-usage = Type when and what: /remind tomorrow 10:00 call Ivan, /remind завтра в 10 перезвонить Ивану, /remind in 2 hours send the price list.
remind-ask = ⏰ Reminder about { $name }: when and what? E.g. tomorrow 10:00 call back.
remind-set = ⏰ I will remind you { $when }: { $what }
reminder-late = (due { $when }; the bot was offline)
task-done = ✅ Done: { $what }
task-already-done = That task is done already.
history-next-action-replaced = { $title }: next action: { $old } → { $new }
task-done-short = ✅ Done.
task-not-found = That task does not exist any more.
task-not-yours = That task is another member's.
task-snoozed = 💤 I will remind you again { $when }: { $what }
task-card-overdue = ⚠️ Overdue: { $when }
button-task-open = 📌 Open the task
button-task-text = ✏️ Edit text
button-task-move = 🕓 Move
button-task-assign = 👤 Assign
task-ask-text = Send the new text for “{ $what }”.
task-ask-when = When is “{ $what }” due now? E.g. tomorrow 10:00, fri 15:00 or in 2 hours.
task-moved = 🕓 I will remind you { $when }: { $what }
task-assign-pick = Whom should “{ $what }” go to?
task-assigned = 👤 “{ $what }” is { $name }'s task now.
task-assigned-to-you = 📌 { $by } gave you a task: { $what } — { $when }
task-assignee-gone = That member is not in the team any more.
today-none = Nothing is due today.
today-title = { $count ->
    [one] Due today ({ $count } task), overdue first:
   *[other] Due today ({ $count } tasks), overdue first:
}
tasks-none = You have no open tasks.
tasks-title = { $count ->
    [one] Open tasks ({ $count }):
   *[other] Open tasks ({ $count }):
}
member-today-none = { $name } has nothing due today.
member-today-title = { $name }'s tasks due today: { $count }, overdue first
member-tasks-none = { $name } has no open tasks.
member-tasks-title = { $name }'s open tasks: { $count }

## Settings

settings-title = Settings
settings-language = Language
language-name = English

button-custom-fields = 🧩 Custom fields
button-contact-kinds = 🏷 Contact types
custom-fields-title = Custom fields on every contact card:
custom-fields-none = none yet. Add one with the buttons below.
field-kind-text = Text
field-kind-number = Number
field-kind-date = Date
field-kind-choice = Choice
custom-field-ask = Send the name of the new field ({ $kind }), e.g. Contract number.
custom-field-ask-choice = Send the name of the new field and its options after a colon, e.g. Source: website, call, exhibition.
contact-kinds-ask = Send the contact types separated by commas (now: { $kinds }).
contact-kinds-saved = Contact types: { $kinds }.
error-options-invalid = I need a list of options after a colon, separated by commas, at most 20: Source: website, call, exhibition.

## Input errors

error-name-empty = The name is empty.
error-name-too-long = The name is too long: at most { $max } characters.
error-name-no-letters = A name needs at least one letter.
error-phone-invalid = That is not a phone number I can dial. Type it like +79991234567 or 8 (999) 123-45-67.
error-email-invalid = That is not an email address. Type it like ivan@example.com.
error-note-empty = The note is empty.
error-note-too-long = The note is too long: at most { $max } characters.
error-inn-invalid = That INN is not valid: it has 10 digits (organisation) or 12 digits (individual) and a correct check digit, e.g. 7707083893. Check it against the documents and type the digits only.
error-kpp-invalid = That KPP is not valid: it has 9 characters — 4 digits, then 2 digits or capital Latin letters, then 3 digits, e.g. 773601001.
error-birthday-invalid = I can't read that as a birthday. Type the day and month, with the year if you know it: 25.12, 25.12.1990 or 25 December 1990. The year must be between 1900 and this year.
error-tag-invalid = That tag is not valid: a tag is one word of up to 32 letters, digits, - or _, e.g. vip or new-client. Separate several tags with commas or spaces.
error-priority-invalid = Choose a priority: low, normal or high (or 1, 2, 3).
error-number-invalid = That is not a number. Type digits only, with a point or a comma before decimals: 1500 or 1 500,50.
error-date-invalid = That is not a date. Type the full date with the year, e.g. 31.12.2025 or 2025-12-31.
error-choice-invalid = That is not one of the options. Pick one of the offered values.
error-text-empty = The value is empty. Type some text.
error-text-too-long = The text is too long: at most { $max } characters.
error-amount-invalid = I can't read that as an amount. Type a number above zero, with at most two digits after a comma: 150 000, 1 500,50 ₽, 2500 USD, 15k or 1.5m.
error-amount-too-large = That amount is too large: at most 1 000 000 000 000. Check the number of zeros.
error-currency-unknown = I don't know that currency. Use RUB (₽), USD ($), EUR (€), KZT (₸), BYN (Br) or CNY (¥), e.g. 2500 USD, or leave the currency out to use roubles.
error-when-invalid = I can't read that as a date and time. Try: tomorrow 10:00, today 18:00, monday, 25.12 14:00, in 2 hours or in 3 days.
error-when-past = That moment has already passed. Type a time in the future, e.g. tomorrow 10:00 or in 2 hours.
error-no-such-day = { $month ->
    [2] February
    [4] April
    [6] June
    [9] September
    [11] November
   *[other] That month
} has no { $day ->
    [31] 31st
   *[other] { $day }th
}. Type another date.
error-internal = Something went wrong on my side; nothing was saved. Please try again in a minute.
unsupported-message = I read text, files and buttons only. Type /help to see what I can do.

## Terminal demo

demo-intro = chatcrm demo: the real bot in your terminal, on the database { $database }. You are the owner of a demo team. Type /help to start; type a button's number to press it; Ctrl+D quits.
demo-edited = (message updated)

## Scheduled pushes: client links, appointments, birthdays, reactivation, summaries
history-client-linked = the client linked the bot
history-client-unlinked = the client unsubscribed (/stop)
history-client-dropped = no longer a client
history-appointment-booked = appointment booked
history-appointment-confirmed = the client confirmed the appointment
history-appointment-reschedule = the client asked to reschedule the appointment
command-meet = book an appointment with a client (they are reminded): /meet Petrov tomorrow 15:00 office
command-summary = the daily summary now, for the last 24 hours: the team's (owner, lead) or your own
command-setgroup = in the team's group chat: post the daily summary there
button-meet = 📅 Appointment
button-client-link = 🔗 Client link
button-confirm = ✅ Confirm
button-reschedule = 🔁 Reschedule
button-yes = ✅ Yes
button-remind-week = ⏰ In a week
button-not-client = 🚫 Not a client any more
button-schedules = 📣 Schedules
button-summary-cron = ✍️ Cron expression
button-team-time-zone = 🌍 Team time zone
button-quiet-hours = 🌙 Quiet hours
button-dormancy = 💤 Reactivation
when-confirm = I read that as { $when }. Is that right? If not, type the time again, e.g. "tomorrow 19:00".
meet-usage = Type the contact, when and (optionally) where: /meet Petrov tomorrow 15:00 office on Lenina 1
meet-ask = Appointment with { $name }: when and where? E.g. tomorrow 15:00 office.
meet-booked = 📅 Appointment with { $name }: { $when }.
meet-client-reminded = The client will be reminded 24 h and 2 h before, and can confirm or ask to reschedule.
meet-client-not-linked = The client has not linked the bot yet: send them the link (🔗 below) so they get reminders.
client-link = Send this one-time link to { $name }. Once they open it, the bot will send them appointment reminders (and greetings, if they subscribed):
    { $link }
client-link-already = (The client is already linked; a new link replaces nothing.)
client-link-invalid = This link does not work any more. Ask your manager for a new one.
client-linked = ✅ Done! { $manager } will send you appointment reminders here. To unsubscribe, send /stop.
client-linked-manager = 🔗 { $name } linked the bot: they will get appointment reminders.
client-hello = This chat sends you reminders from { $manager }. To unsubscribe, send /stop.
client-stopped = You are unsubscribed and will get no more messages. Open your manager's link again to come back.
client-stopped-manager = 🔕 { $name } unsubscribed from the bot (/stop).
stop-member = /stop is for clients who want no more reminders; as a member, you can mute the chat in Telegram.
appointment-reminder = 📅 Reminder: your appointment with { $manager } on { $when }.
appointment-confirmed = ✅ Confirmed. See you!
appointment-reschedule = 🔁 Your manager will contact you to find another time.
appointment-confirmed-manager = ✅ { $name } confirmed the appointment on { $when }.
appointment-reschedule-manager = 🔁 { $name } asks to reschedule the appointment on { $when }.
survey-after-win = How did we do? Please rate your purchase with { $manager }, ⭐1 to ⭐5.
survey-after-appointment = How did we do? Please rate your appointment with { $manager }, ⭐1 to ⭐5.
survey-thanks = Thank you for your rating ⭐{ $rating }! If you like, write in one message what we could do better.
survey-comment-thanks = Thank you, your manager will read it.
survey-answered = You have already answered this survey.
survey-name-win = the purchase
survey-name-appointment = the appointment
survey-low-alert = ⚠️ { $name } rated { $survey } ⭐{ $rating }. Call them back.
survey-low-comment = 💬 { $name } about the ⭐{ $rating }: { $comment }
appointment-past = This appointment has already taken place.
appointment-manager-reminder = 📅 In an hour: appointment with { $name }, { $when }.
today-appointments = 📅 Appointments today:
birthday-heads-up = 🎂 Today is { $name }'s birthday.
birthday-heads-up-age = 🎂 Today is { $name }'s birthday ({ $age }).
birthday-greeting = 🎉 { $name }, happy birthday! { $manager } wishes you all the best.
reactivation-prompt = 💤 { $name }: no calls, notes, meetings or deal moves for { $days } days. Time to get in touch?
reactivation-task = Get in touch with { $name }
reactivation-dropped = { $name } is no longer a client and will not be proposed again.
deal-due-soon = 📆 The deal “{ $title }” is expected to close tomorrow, { $date }.
deal-overdue = ⚠️ The deal “{ $title }” was expected to close on { $date } and is still open.
digest-title = ☀️ Good morning! Tasks for today: { $today }, overdue: { $overdue }.
digest-more-tasks = …and { $count } more: /today
digest-unplanned-deals = 💼 Deals without a next step: { $count }. See /deals.
summary-title = 📊 Summary { $from } – { $to }
summary-line = 👤 { $name }: new leads { $leads } · calls { $calls } · chats { $chats } · deals moved { $moved } · won { $won } · lost { $lost } · overdue tasks { $overdue } · deals without next step { $unplanned }
summary-lead-sources = 🔥 New leads by source: { $sources }
setgroup-done = 📊 The daily summary will be posted here: { $schedule }. Next: { $next }.
setgroup-private = Run /setgroup in the team's group chat (add me to the group first).
group-use-private = I work in a private chat: open a chat with me. In this group, only /setgroup works.
schedules-title = 📣 Schedules
    Daily summary: { $schedule }, { $group }
    Team time zone: { $zone }
    Quiet hours for clients: { $quiet }
    A client is dormant after { $days } days without interaction { $rules }
schedules-group-set = posted to the team's group.
schedules-group-unset = no group yet: run /setgroup in the team's group chat.
schedules-cron-ask = Send a cron expression: minute hour day month weekday, e.g. "30 8 * * 1-5" (weekdays at 08:30). At most once an hour.
schedules-quiet-ask = Send the quiet hours, e.g. 21:00-09:00: messages to clients wait until they end.
schedules-dormancy-ask = Send the days without interaction after which a client is dormant: "30" for all, and overrides by type or tag, e.g. "30, wholesale 60, #vip 14".
schedules-surveys = Feedback surveys: { $win }; { $appointment }
schedules-survey-win = the day after a win at { $hour }
schedules-survey-win-off = after a win off
schedules-survey-appointment = { $hours } h after an appointment
schedules-survey-appointment-off = after an appointment off
schedules-survey-hour-ask = Send the hour of the survey the day after a win, in the client's time, e.g. 12. Surveys planned already move to it.
schedules-survey-delay-ask = Send how many hours after an appointment its survey goes, from 1 to 72, e.g. 2. Surveys planned already move too.
button-survey-win = ⭐ After a win
button-survey-appointment = ⭐ After an appointment
button-survey-hour = 🕛 Hour after a win
button-survey-delay = ⏱ Hours after an appointment
button-survey-texts = ✏️ Question texts
survey-texts-title = ✏️ Survey questions as clients see them, in the client's language; { "{manager}" } stands for the manager's name.
survey-texts-own = { $survey } · { $language }:
survey-texts-default = { $survey } · { $language } (default):
survey-text-ask = Send the new question of { $survey } · { $language }, up to { $max } characters; { "{manager}" } puts the manager's name in. Send - to bring the default back.
error-survey-hour-invalid = Type an hour from 0 to 23, e.g. 12.
error-survey-delay-invalid = Type a number of hours from 1 to 72, e.g. 2.
summary-preset-weekdays-9 = weekdays at 09:00
summary-preset-daily-9 = every day at 09:00
summary-preset-weekdays-18 = weekdays at 18:00
summary-preset-monday-9 = Mondays at 09:00
error-cron-invalid = That is not a cron expression. Example: "0 9 * * 1-5" (weekdays at 09:00).
error-cron-never = That schedule never fires (e.g. 30 February). Pick days that exist.
error-cron-too-often = That schedule fires more often than once an hour; a summary that often would be noise.
error-quiet-hours-invalid = Type the quiet hours as start-end, e.g. 21:00-09:00.
error-dormancy-invalid = Type a number of days from 1 to 3650, optionally after a type or a #tag, e.g. "30, wholesale 60, #vip 14".
command-segments = segments of contacts by filters, and mailings to their clients
history-unsubscribed = the client unsubscribed from mailings
history-feedback-rating = ⭐{ $rating } from the client for { $survey }
history-feedback-comment = 💬 the client's comment
button-new-segment = ➕ New segment
button-mailing = ✉️ Mailing
button-send = 📤 Send
button-unsubscribe = 🔕 Unsubscribe
segments-none = No segments yet. A segment picks contacts by filters: tags, type, region, stage, manager, last interaction, birthday month, subscription.
segment-not-yours = Only whoever saved this segment, the owner and team leads can delete it.
segments-title = 🎯 Segments:
segment-filter-ask = Send the filters, e.g.: #vip type:wholesale region:Moscow stage:Proposal manager:Anna after:30d before:2026-01-01 born:12 subscribed (after/before: last interaction; 30d = 30 days ago). All filters must hold.
segment-counted = { $count ->
    [one] 1 contact
   *[other] { $count } contacts
}, { $reachable } of them clients a mailing can reach (subscribed and linked to the bot).
segment-card = 🎯 { $name }
    Filters: { $filter }
    { $count ->
        [one] 1 contact
       *[other] { $count } contacts
    }; a mailing reaches { $reachable } (subscribed and linked to the bot).
mailing-ask = Send the mailing's text. You will see a preview before it goes out.
mailing-nobody = Nobody to send to: of { $count } contacts in the segment, none is subscribed and linked to the bot.
mailing-preview = Preview:
    ———
    { $text }
    ———
    It goes to { $recipients } of { $count } contacts in the segment (the subscribed ones linked to the bot), with an Unsubscribe button. Send?
mailing-started = 📤 Sending to { $recipients } clients, paced within Telegram's limits. You will get a report when it is done.
mailing-report = 📬 Mailing done: sent { $sent }, blocked the bot { $blocked }, not sent (unsubscribed or unlinked meanwhile) { $skipped }.
unsubscribed = 🔕 You are unsubscribed from mailings. Appointment reminders still come; /stop ends those too.
error-segment-invalid = I did not understand the filters. Use #tag, type:…, region:…, stage:…, manager:…, after:30d, before:2026-01-01, born:12, subscribed; values with spaces in quotes.
command-import = import contacts from a CSV file (send the file)
command-export = contacts (CSV, vCard) and deals (CSV) as files
button-export-contacts = 👤 Contacts (CSV)
button-export-deals = 💼 Deals (CSV)
button-export-vcard = 📇 vCard
button-import-skip = Skip duplicates
button-import-merge = Merge duplicates
button-import-create = Create anyway
export-title = What to export? Managers get their own clients; the owner and leads the whole team.
export-caption = { $count ->
    [one] 1 record
   *[other] { $count } records
}
import-how = Send me a .csv file (from Excel: Save as → CSV). Semicolon, comma or tab, UTF-8 or Windows-1251; the first line holds the column names (Name, Phone, Email… or ФИО, Телефон, Почта…). I will show how I read the columns before importing.
import-mapping = 📥 { $file }: { $rows } rows. Columns (tap one to change what it fills):
import-choose-duplicates = What should I do with rows whose phone, email or name is already in the base?
import-no-name-column = No column holds the name yet: tap the name column and pick Name.
import-column-ask = Column { $column } fills:
import-done = ✅ Import done: created { $created }, merged { $merged }, duplicates skipped { $skipped }, rejected { $rejected }.
import-rejected-caption = The rejected rows, with the reason in the first column: fix them and send the file again.
import-rejected-reason = line { $line }: { $reason }
import-reason-header = Reason
import-merge-note = merged from an imported file
import-not-csv = Send a .csv file (in Excel: File → Save as → CSV).
import-unavailable = I could not download that file from Telegram; please send it again.
import-too-large = The file is larger than 50 MB. Split it into smaller files.
import-not-text = That is not a text file. Save the table as CSV and send that.
import-mixed-encoding = The file mixes encodings (part UTF-8, part something else). Save it again as CSV UTF-8.
import-unknown-encoding = I cannot tell the file's encoding. Save it as CSV UTF-8.
import-empty = The file is empty.
import-header-unreadable = I cannot read the first line (the column names): check its quotes.
import-too-many-columns = The file has more than 300 columns.
import-too-many-rows = The file has more than 100 000 rows. Split it into smaller files.
import-no-name = no name
import-extra-cells = more cells than columns (a delimiter inside a value?)
import-row-too-many-columns = more than 300 cells
import-broken-quoting = broken quotes
import-target-name = Name
import-target-first-name = First name
import-target-middle-name = Middle name
import-target-last-name = Last name
import-target-phone = Phone
import-target-email = Email
import-target-company = Company
import-target-tags = Tags
import-target-birthday = Birthday
import-target-region = Region
import-target-kind = Type
import-target-notes = Notes
import-target-telegram = Telegram
import-target-skip = — skip
command-report = reports: funnel, managers, ABC analysis, forecast, feedback, with charts
button-report-funnel = 🪜 Funnel
button-report-managers = 👥 Managers
button-report-abc = 🅰️ ABC analysis
button-report-forecast = 📈 Forecast
button-report-feedback = ⭐ Feedback
report-feedback-total = Answers { $answers } · average ⭐{ $average } · 5s { $fives } % · 1–3 { $lows } %
report-feedback-manager = 👤 { $name }: answers { $answers } · average ⭐{ $average } · 5s { $fives } % · 1–3 { $lows } %
report-feedback-empty = No survey answers in this period.
report-feedback-chart = Average rating
button-abc-thresholds = ⚙️ ABC boundaries
report-title = Which report? The owner and leads see the team, a manager their own figures.
report-manager-line = 👤 { $name }: calls { $calls } · new contacts { $contacts } · deals opened { $opened }, won { $won } ({ $amount }), lost { $lost } · average deal { $average } · overdue tasks { $overdue }
report-funnel-chart = Funnel
report-period = { $period }, { $from }–{ $to }
report-period-until = { $period }, until { $to }
report-forecast-when = Open deals on { $date }
report-no-deals = No deals in this period.
report-managers-empty = No calls, new contacts or deals in this period.
report-managers-chart = Won, { $currency }
report-abc-empty = No won deals with an amount in this period.
report-abc-intro = Clients by revenue ({ $thresholds }): { $total } in all.
report-abc-class = { $class }: { $count ->
    [one] 1 client
   *[other] { $count } clients
}, { $revenue } ({ $share } %)
report-forecast-empty = No open deals with an amount.
report-forecast-no-date = no date
report-forecast-sum = { $total } (weighted { $weighted })
report-forecast-chart = Weighted forecast, { $currency }
report-abc-thresholds-ask = Send the boundaries as two cumulative percents, A/B: 80/95 means class A brings the first 80 % of revenue, B the next 15 %, C the rest.
report-abc-thresholds-invalid = Type two whole percents with 0 < A < B ≤ 100, like 80/95.
summary-funnel-caption = 🪜 The funnel this month

# Forwarded messages and files filed on a card
inbox-forwarded = ↪️ Forwarded from { $name }.
inbox-file = 📎 { $file }
inbox-which = Which contact's card does it go on?
inbox-type-name = Type the contact's name to find the card.
button-inbox-another = 🔎 Another
inbox-filed = ✅ Filed on the card of { $name }.
inbox-forwarded-note = forwarded from { $name }, { $when }: { $text }
inbox-also-deal = Does it belong to a deal too?
inbox-on-deal = 📎 Also filed on the deal “{ $title }”.
file-kind-photo = photo
file-kind-document = document
file-kind-voice = voice note
file-kind-video = video

# /contacts
command-contacts = my contacts, by last activity or name, with filters
contacts-title = 👥 Contacts: { $count }, { $order } (page { $page } of { $pages })
contacts-by-activity = by last activity
contacts-by-name = by name
contacts-filtered = Filter: { $filter }
contacts-none = No contacts here.
contacts-status-lead = leads
contacts-status-client = clients
contacts-filter-title = 🎛 Show only: a status, a type, a tag (tap a ✓ one again to clear it).
button-by-name = 🔤 By name
button-by-activity = 🕓 By activity
button-filter = 🎛 Filter
button-clear-filters = ✖ All contacts
button-segment-members = 👥 Members
segment-members = 🎯 { $name }: { $count } contacts (page { $page } of { $pages })

# /companies
command-companies = companies with their open deals; /companies <INN> finds by INN
companies-title = 🏢 Companies: { $count } (page { $page } of { $pages })
companies-none = No companies yet. /company <name> adds one.
companies-no-inn = No company with INN { $inn }.
companies-usage = Type /companies and an INN, e.g. /companies 7707083893, or just /companies for the list.
company-open-deals = 💼 { $count ->
    [one] { $count } open deal
   *[other] { $count } open deals
}
company-open-deals-sum = 💼 { $count ->
    [one] { $count } open deal
   *[other] { $count } open deals
}, { $sum }

# Lead capture
history-lead = new request from { $source }
lead-new = 🔥 New lead from { $source }
lead-again = 🔁 New request from { $source } from your contact { $name }
button-lead-deal = 💼 Deal
button-lead-capture = 🔌 Lead capture
button-leads-rotate = 🔄 New token
button-leads-assign = 👥 Assign
button-leads-only = 👉 Only { $name }
leads-title = 🔌 Lead capture
    Leads sent to { $url } become contacts, and whoever gets one is told at once.
    Token (send it as "Authorization: Bearer …" or a "token" field): { $token }
    New leads go to: { $assignee }

    A form for a site, ready to paste:
    { $form }
leads-assign-title = 👥 New leads go to: { $assignee }
    Tick the members who take new leads in turn, or give them all to one member.
leads-in-turn = in turn: { $names }
leads-member-gone = That member is not in the team any more.

## Telegram Business: a member's own chats with clients, logged on the cards
history-message-in = 💬 the client wrote
history-message-out = 💬 wrote to the client
history-message-edited = (edited)
history-message-deleted = (deleted in Telegram)
business-connected = 💬 Your Telegram is connected. From now on the messages of your private chats with clients are logged on their cards: who wrote, when, the text, and files (re-sent on tap). A chat with someone who is not a contact yet is first offered to you: add as a lead, link to a contact, or ignore. Only you, the leads and the owner see your logged messages; they are kept { $days } days.
    Typing in a client's chat: .task tomorrow at 10 call back — a task; .note wants 50 chairs — a note. Nothing is deleted in the client's chat.
    To stop: Telegram → Settings → Telegram Business → Chatbots → remove the bot. /settings → 💬 Telegram Business shows what is logged.
business-no-reply = ✍️ The bot may not reply on your behalf: to write to clients from a card, allow "Reply to messages" in Telegram → Settings → Telegram Business → Chatbots.
business-disconnected = 💬 Your Telegram is disconnected: nothing more is logged. What was logged stays on the cards.
business-new-chat = 💬 New client in your Telegram: { $who }. Their messages are kept here until you choose.
button-business-add = ➕ Add as a lead
button-business-link = 🔗 Link to a contact
button-business-ignore = 🙈 Ignore this chat
business-command-no-contact = This chat with { $who } is not linked to a contact yet: answer the proposal above (➕ or 🔗) first.
business-note-saved = ✅ Note saved on { $who }'s card.
business-added = ➕ { $who } added as a lead, with the chat so far.
business-link-ask = 🔗 Who is { $who }? Type a contact's name.
business-pick-contact = Pick the contact, or type another name:
business-linked = 🔗 The chat with { $who } is logged on { $name }'s card, with its messages so far.
business-ignored = 🙈 The chat with { $who } will not be logged. To undo: /settings → 💬 Telegram Business.
business-status-on = connected
business-status-on-no-reply = connected (the bot may not reply on your behalf)
business-status-off = not connected. To connect: Telegram → Settings → Telegram Business → Chatbots → add this bot.
business-deletions-erase = erased here too
business-deletions-mark = marked "deleted", kept
business-settings = 💬 Telegram Business
    Your account: { $status }
    Logged messages are kept { $days } days; only you, the leads and the owner see yours.
    Messages deleted in Telegram: { $deletions }
    In-chat commands start with: { $prefix }
    Ignored chats: { $ignored }
button-business = 💬 Telegram Business
button-business-follow-deletions = 🗑 Erase what I delete in Telegram
button-business-mark-deletions = 🗑 Keep what I delete, marked
button-business-unignore = ↩️ Log again: { $who }
button-business-prefix = ✏️ Command prefix: { $prefix }
button-business-erase = 🧹 Erase a contact's messages
button-business-erase-yes = 🧹 Erase
business-prefix-ask = ✏️ Type the prefix of commands in a client's chat: 1 to 3 signs, no letters or digits (e.g. . or ! or //).
business-prefix-invalid = A prefix is 1 to 3 signs with no letters, digits or spaces (e.g. . or ! or //).
business-prefix-set = ✅ Commands in a client's chat now start with { $prefix }
business-erase-ask = 🧹 Whose logged messages should be erased? Type the contact's name.
business-erase-confirm = 🧹 Erase every message logged from Telegram chats on { $name }'s card? This cannot be undone.
business-erased = 🧹 { $name }: { $count } logged messages erased.
business-no-chat = ✍️ Your Telegram has no chat with this client: connect it in Telegram → Settings → Telegram Business → Chatbots, then write to the client once.
business-write-ask = ✍️ The message to { $name } ({ $who }), sent from your Telegram:
business-write-sent = ✍️ Sent to { $who } from your Telegram.
business-write-refused = ✍️ Telegram did not let the bot send it: allow "Reply to messages" in Telegram → Settings → Telegram Business → Chatbots. Nothing was sent.
button-business-write = ✍️ Write

## Membership

gate-owner-only = Это может только владелец команды.
gate-leads-only = Это могут только владелец и руководители.
not-member = Вы пока не состоите в команде. Попросите у руководителя ссылку-приглашение и откройте её — после этого я к вашим услугам.
start-welcome-back = С возвращением!
start-already-member = Вы уже состоите в команде.
start-joined = Добро пожаловать в команду! Ваша роль: { $role }.
link-unknown = Эта ссылка не работает. Попросите у руководителя новую ссылку-приглашение.
link-used = По этой ссылке уже вошли. Попросите у руководителя новую.
link-expired = Срок действия ссылки истёк. Попросите у руководителя новую.
role-owner = владелец
role-lead = руководитель
role-manager = менеджер
invite-usage = Напишите /invite manager или /invite lead.
invite-not-allowed = Ваша роль не может приглашать на эту роль: руководитель приглашает менеджеров, владелец — менеджеров и руководителей.
invite-link = Отправьте эту ссылку новому сотруднику (роль: { $role }):
    { $link }
    Она сработает один раз в течение { $hours ->
        [one] { $hours } часа
       *[other] { $hours } часов
    }.

## Help

help-intro = Ваша роль: { $role }. Что я умею:
help-search-hint = Любой текст без команды — поиск по вашим контактам: имя, телефон или почта.
command-add = добавить контакт: /add Иван Петров +79991234567 ivan@example.com
command-find = найти контакт по имени, телефону или почте
command-invite = одноразовая ссылка для нового сотрудника
command-settings = язык и другие настройки
command-help = эта справка
command-cancel = выйти из текущей анкеты
command-start = начать
unknown-command = Такой команды я не знаю. Главные: /add, /find, /today и /tasks; все команды — в /help.

## Contacts

add-usage = Напишите /add и имя, затем телефон и почту, если есть, например: /add Иван Петров +79991234567 ivan@example.com. Или отправьте просто /add — я спрошу по шагам.
contact-saved = Контакт сохранён.
contact-not-found = Этого контакта больше нет.
contact-not-yours = Этот контакт ведёт другой менеджер.
card-responsible = Ответственный: { $name }
card-last-activity = Последнее: { $entry }
form-add-contact-title = Новый контакт
form-step = { $title } · шаг { $step } из { $steps }
form-ask-name = Как зовут контакт?
form-ask-phone = Номер телефона? Нажмите «Пропустить», если его нет.
form-ask-email = Электронная почта? Нажмите «Пропустить», если её нет.
form-new-segment-title = Новый сегмент
segment-ask-name = Отправьте название, чтобы сохранить сегмент.
form-step-required = Этот шаг пропустить нельзя.
find-usage = Напишите, что искать: /find Петров, /find 4567 или /find ivan@example.com.
find-nothing = По запросу «{ $query }» ничего не найдено. Чтобы добавить: /add { $query }
find-nothing-plain = По запросу «{ $query }» ничего не найдено.
find-inn = 🏢 Компании с ИНН { $inn }:
find-found = { $count ->
    [one] Найден { $count } контакт:
    [few] Найдено { $count } контакта:
   *[many] Найдено { $count } контактов:
}
find-too-many = Найдено больше { $shown } контактов; показаны первые { $shown }. Уточните запрос.
find-showing-first = Показаны первые { $shown }; уточните запрос.
inline-no-details = нет телефона и почты
find-page = Страница { $page } из { $pages }.

## Calls, notes, history

call-ask-outcome = Звонок: { $name }. Чем закончился?
call-outcome-reached = Дозвонился
call-outcome-no-answer = Не ответил
call-outcome-call-back = Перезвонить
call-back-when = Звонок записан: перезвонить. Когда? Например: завтра в 11 или завтра в 11:00 обсудить цену.
call-back-task = перезвонить
call-logged = Звонок записан: { $outcome }. Пришлите заметку о нём или нажмите «Готово».
button-close-reminder = ✅ Закрыть напоминание «{ $what }»
call-note-saved = Заметка добавлена к звонку.
note-ask = Пришлите заметку для контакта { $name }.
note-saved = Заметка сохранена.
command-call = записать звонок: /call Петров дозвонился просит прайс
command-note = добавить заметку: /note Петров предпочитает WhatsApp
call-usage = Напишите /call, контакт, затем итог (дозвонился, не ответил, перезвонить) и, если нужно, заметку: /call Петров дозвонился просит прайс.
note-usage = Напишите /note, контакт и текст заметки: /note Петров предпочитает WhatsApp.
call-saved = Звонок записан.
contact-not-matched = Среди ваших контактов нет подходящего под «{ $query }».
contact-pick = Под «{ $query }» подходит несколько контактов; выберите нужный — остальное из вашей строки применится к нему:
button-time-zone = 🕐 Часовой пояс
settings-time-zone-ask = Пришлите свой часовой пояс: город (Москва, Новосибирск, Берлин), пояс (Europe/Moscow) или смещение (UTC+3). Даты в истории будут показаны в нём.
meeting-usage = Напишите /meeting, контакт и о чём договорились: /meeting Петров договорились о пилоте в мае.
meeting-saved = Встреча записана.
history-meeting = встреча
history-call-duration = звонок — { $outcome }, { $minutes } мин
command-meeting = записать прошедшую встречу: /meeting Петров договорились о пилоте
history-title = История: { $name } (страница { $page } из { $pages }):
history-created = контакт добавлен
history-note = заметка
history-call = звонок — { $outcome }

## Buttons

button-log-call = 📞 Звонок
button-note = 📝 Заметка
button-history = 🕓 История
button-back = ← Назад
button-done = ✅ Готово
button-skip = Пропустить
button-cancel = Отмена
button-expired = Эта кнопка устарела. Откройте контакт заново через /find.
cancelled = Отменено.

## Team

command-team = сотрудники и роли; передача клиентов
command-archive = удалённые контакты: посмотреть или восстановить
team-title = Команда:
team-member-line = { $icon } { $name } — { $role } · { $count ->
    [one] { $count } контакт
    [few] { $count } контакта
   *[many] { $count } контактов
}
team-not-allowed = Командой управляют владелец и руководители, причём руководитель — только менеджерами.
member-not-found = Этого сотрудника уже нет в вашей команде.
member-removed-label = { $name } (удалён)
member-role-changed = { $name }: новая роль — { $role }.
button-make-lead = ⭐ Сделать руководителем
button-make-manager = Сделать менеджером
button-hand-over = 🔁 Передать { $count ->
    [one] { $count } контакт
    [few] { $count } контакта
   *[many] { $count } контактов
}
button-remove-member = 🚫 Удалить из команды
button-member-deals = 💼 Сделки
button-member-tasks = 📋 Задачи
button-member-today = 📅 Сегодня
button-confirm-remove = Да, удалить
hand-over-pick = Кому передать контакты сотрудника { $name } ({ $count })? История остаётся при контактах.
hand-over-bad-receiver = Передать контакты можно только действующему сотруднику вашей команды, кроме их нынешнего менеджера.
hand-over-done = { $count ->
    [one] Передан { $count } контакт
    [few] Передано { $count } контакта
   *[many] Передано { $count } контактов
}: { $from } → { $to }.
member-remove-confirm = Удалить { $name } из команды? Доступ пропадёт сразу. Контакты сотрудника ({ $count }) останутся в CRM, их можно передать другому.
member-removed = { $name } удалён(а) из команды.

## Archive

button-delete = 🗑 Удалить
button-confirm-delete = Да, удалить
button-restore = ♻️ Восстановить
delete-confirm = Удалить контакт { $name }? Он уйдёт в архив вместе с историей; владелец или руководитель может восстановить его через /archive.
delete-done = Контакт { $name } перенесён в архив.
contact-archived = Этот контакт в архиве. Владелец или руководитель может восстановить его через /archive.
card-archived = 🗄 В архиве
archive-empty = Архив пуст.
archive-title = Контакты в архиве: { $count } (страница { $page } из { $pages }). Откройте контакт, чтобы восстановить.
history-handed-over = передан другому менеджеру
history-archived = перенесён в архив
history-restored = восстановлен из архива

## Duplicates

command-duplicates = похожие контакты — найти и объединить
duplicate-found = Похоже, этот контакт уже есть в CRM:
duplicate-after-edit = Теперь этот контакт похож на другой в CRM:
duplicate-same-phone = тот же телефон
duplicate-same-email = та же почта
duplicate-same-name = то же имя
button-open-existing = Открыть: { $name }
button-merge-into = Объединить с ним
button-create-anyway = Всё равно создать
merge-done = Объединено.
merge-self = Контакт нельзя объединить с самим собой.
merge-confirm = Объединить { $drop } с { $keep }? Телефоны, почта и вся история контакта { $drop } перейдут к { $keep }, а { $drop } исчезнет.
button-confirm-merge = Да, объединить
button-merge-pair = { $n }. Объединить
duplicates-none = Похожих контактов не найдено.
duplicates-title = Возможные двойники ({ $count }); при объединении остаётся более старый контакт:
history-merged = объединён с

## Card fields

button-edit = ✏️ Изменить
button-clear = — Очистить
field-name = Имя
field-phones = Телефоны
field-emails = Почта
field-telegram = Telegram
field-kind = Тип
field-region = Регион
field-tags = Теги
field-priority = Приоритет
field-birthday = День рождения
field-tz = Часовой пояс
field-subscribed = Рассылки
field-notes = Примечания
field-owner = Ответственный
kind-wholesale = Опт
kind-shop = Магазин
kind-retail = Розничный покупатель
priority-low = Низкий
priority-normal = Обычный
priority-high = Высокий
yes = да
no = нет
edit-title = Изменить { $name }: какое поле?
edit-choose = { $field } (сейчас: { $value }):
edit-ask = Новое значение поля «{ $field }» (сейчас: { $value }). { $hint }
edit-hint-name = Пришлите полное имя.
edit-hint-phones = Пришлите телефоны через запятую или -, чтобы удалить все.
edit-hint-emails = Пришлите адреса через запятую или -, чтобы удалить все.
edit-hint-telegram = Пришлите имя пользователя, например @ivan_petrov, или -, чтобы очистить.
edit-hint-region = Пришлите регион или -, чтобы очистить.
edit-hint-tags = Пришлите теги через пробел или запятую, например vip опт, или -, чтобы удалить все.
edit-hint-birthday = Пришлите дату: 25.12 или 25.12.1990, или -, чтобы очистить.
edit-hint-tz = Пришлите часовой пояс, например Europe/Moscow или Asia/Yekaterinburg, или -, чтобы очистить.
edit-hint-notes = Пришлите примечания или -, чтобы очистить.
edit-hint-custom = Пришлите значение или -, чтобы очистить.
edit-saved = Сохранено.
edit-try-again = Пришлите значение ещё раз или /cancel.
edit-owner-not-allowed = Менять ответственного могут только владелец и руководители.
error-telegram-invalid = Это не имя пользователя Telegram: от 5 до 32 латинских букв, цифр или _, начиная с буквы, например @ivan_petrov.
error-time-zone-invalid = Такого часового пояса я не знаю. Напишите город (Москва, Берлин), пояс (Europe/Moscow) или смещение (UTC+3).

## Companies

command-company = открыть или создать компанию: /company ООО Ромашка
company-usage = Напишите /company и название компании, например: /company ООО Ромашка.
company-created = Компания создана.
company-similar = Похожие компании уже есть в CRM. Откройте нужную или создайте новую:
button-create-company = ➕ Создать «{ $name }»
company-not-yours = Эту компанию ведёт другой менеджер.
company-not-found = Такой компании нет.
company-contacts = Контакты: { $names }
button-link-contact = 🔗 Привязать контакт
company-link-ask = Кто из контактов работает в { $name }? Пришлите имя, телефон или почту.
company-link-pick = Нажмите на контакт, чтобы привязать:
company-field-name = Название
company-field-name-hint = Пришлите название компании.
company-field-inn = ИНН
company-field-inn-hint = Пришлите ИНН: 10 или 12 цифр, или -, чтобы очистить.
company-field-kpp = КПП
company-field-kpp-hint = Пришлите КПП: 9 знаков, или -, чтобы очистить.
company-field-legal = Юридический адрес
company-field-legal-hint = Пришлите юридический адрес или -, чтобы очистить.
company-field-actual = Фактический адрес
company-field-actual-hint = Пришлите фактический адрес или -, чтобы очистить.
company-field-bank = Банковские реквизиты
company-field-bank-hint = Пришлите банк, БИК и счета одним сообщением или -, чтобы очистить.
history-linked = привязан к компании

## Deals

command-deal = открыть сделку: /deal Петров 100 стульев 150000
command-deals = мои открытые сделки по этапам
command-funnel = воронка: этапы, конверсия, суммы
button-deal = ➕ Сделка
button-convert = ⭐ Отметить клиентом
card-lead = Статус: лид
card-client-since = Статус: клиент с { $when }
card-more-deals = 💼 Открытых сделок: { $count }; первые { $shown } — ниже.
deal-usage = Напишите /deal, контакт, название сделки и, если известна, сумму: /deal Петров 100 стульев 150000.
deal-ask-title = Новая сделка с { $name }: пришлите название и, если известна, сумму, например: 100 стульев 150000.
deal-not-yours = Эту сделку ведёт другой менеджер.
deal-not-found = Такой сделки нет.
deal-closed = Эта сделка уже закрыта.
deal-stage-gone = Такого этапа больше нет. Откройте сделку заново.
deal-already-there = Сделка уже на этом этапе.
deal-stage = Этап: { $stage } ({ $probability } %)
deal-won-on = 🎉 Выиграна { $when }
deal-lost-because = ❌ Проиграна: { $reason }
deal-next = 📅 Дальше: { $when } — { $what }
deal-next-overdue = ⚠️ Просрочено: { $when } — { $what }
deal-no-next = ⚠️ Следующий шаг не запланирован
deal-ask-next = Какой следующий шаг по сделке «{ $title }» и когда? Например: завтра в 10 отправить КП.
deal-next-example = Напишите когда и что, например: завтра в 10 отправить КП или через 2 часа перезвонить.
deal-pick-stage = Перевести «{ $title }» на этап:
deal-ask-lost-reason = Почему сделка «{ $title }» проиграна? Выберите причину или напишите свою.
deal-ask-won = Отметить сделку «{ $title }» выигранной? Её открытые задачи закроются.
button-won-yes = 🎉 Да, выиграна
button-reopen = 🔄 Открыть снова
deal-open-already = Эта сделка открыта.
button-stages = 📋 Этап
button-won = ✅ Выиграна
button-lost = ❌ Проиграна
button-next-action = 📅 Следующий шаг
button-later = Позже
button-open-contact = 👤 Контакт
lost-reason-price = Дорого
lost-reason-competitor = Выбрали конкурента
lost-reason-budget = Нет бюджета
lost-reason-silence = Перестал отвечать
stage-new = Новая
stage-qualified = Квалификация
stage-proposal = Предложение
stage-negotiation = Переговоры
stage-won = Выиграна
stage-lost = Проиграна
deal-expected-close = Ожидаемое закрытие: { $date }
deal-field-title = Название
deal-field-title-hint = Пришлите новое название сделки.
deal-field-amount = Сумма
deal-field-amount-hint = Пришлите сумму, например 150 000 или 2 500 USD, или -, чтобы очистить.
deal-field-close = Закрытие
deal-field-close-hint = Пришлите ожидаемую дату закрытия, например 31.12.2026, или -, чтобы очистить.
deal-field-comment = Комментарий
deal-field-comment-hint = Пришлите комментарий или -, чтобы очистить.
history-deal-edited = сделка изменена
history-deal-reopened = сделка открыта снова
deals-none = Открытых сделок нет. Откройте сделку из карточки контакта или командой /deal.
deals-title = Ваши открытые сделки:
deals-unplanned = { $count ->
    [one] ⚠️ У { $count } сделки не запланирован следующий шаг.
   *[other] ⚠️ У { $count } сделок не запланирован следующий шаг.
}
member-deals-none = У сотрудника { $name } нет открытых сделок.
member-deals-title = Открытые сделки сотрудника { $name }:
button-deals-by-manager = 👥 По менеджерам
deals-by-manager-title = 👥 Открытые сделки по менеджерам:
deals-by-manager-line = { $name } — { $count ->
    [one] { $count } сделка
    [few] { $count } сделки
   *[many] { $count } сделок
}
history-deal-opened = открыта сделка
history-stage-changed = сделка перешла на этап
history-converted = стал клиентом
funnel-title = Воронка · { $period } · { $scope } · { $count ->
    [one] { $count } сделка
    [few] { $count } сделки
   *[many] { $count } сделок
}
funnel-team = команда
funnel-mine = мои сделки
funnel-now = , сейчас { $count }
period-this-month = Этот месяц
period-last-month = Прошлый месяц
period-all-time = Всё время

button-funnel-stages = 🪜 Этапы воронки
stages-title = Этапы воронки (нажмите, чтобы изменить):
button-stage-add = ➕ Добавить этап
button-lost-reasons = ❌ Причины проигрыша
button-stage-rename = ✏️ Переименовать
button-stage-probability = 🎯 Вероятность
button-stage-up = ⬆️ Выше
button-stage-down = ⬇️ Ниже
button-stage-remove = 🗑 Удалить
stage-ask-name = Пришлите новое название этапа «{ $stage }».
stage-ask-probability = Пришлите вероятность выигрыша на этапе «{ $stage }», от 0 до 100.
stage-ask-new = Пришлите название нового этапа и, если нужно, вероятность выигрыша: Демо 30%.
stage-last-open = В воронке должен остаться хотя бы один открытый этап.
stage-remove-where = { $count ->
    [one] На этапе «{ $stage }» { $count } сделка
    [few] На этапе «{ $stage }» { $count } сделки
   *[many] На этапе «{ $stage }» { $count } сделок
}. На какой этап их перевести?
lost-reasons-ask = Пришлите причины проигрыша через запятую (сейчас: { $reasons }).
error-probability-invalid = Вероятность — целое число от 0 до 100, например 30.

## Tasks and reminders

command-remind = напоминание: /remind завтра в 10 перезвонить Ивану
command-today = что на сегодня, сначала просроченное
command-tasks = все открытые задачи
button-remind = ⏰ Напомнить
button-snooze-hour = 💤 1 ч
button-snooze-tomorrow = Завтра
button-open-deal = 💼 Сделка
remind-usage = Напишите когда и что: /remind завтра в 10 перезвонить Ивану, /remind через 2 часа отправить прайс, /remind tomorrow 10:00 call Ivan.
remind-ask = ⏰ Напомнить: { $name }. Когда и что? Например: завтра в 10 перезвонить.
remind-set = ⏰ Напомню { $when }: { $what }
reminder-late = (срок был { $when }; бот был недоступен)
task-done = ✅ Готово: { $what }
task-already-done = Эта задача уже выполнена.
history-next-action-replaced = { $title }: следующий шаг: { $old } → { $new }
task-done-short = ✅ Готово.
task-not-found = Этой задачи больше нет.
task-not-yours = Это задача другого сотрудника.
task-snoozed = 💤 Напомню снова { $when }: { $what }
task-card-overdue = ⚠️ Просрочена: { $when }
button-task-open = 📌 Открыть задачу
button-task-text = ✏️ Изменить текст
button-task-move = 🕓 Перенести
button-task-assign = 👤 Назначить
task-ask-text = Пришлите новый текст для «{ $what }».
task-ask-when = На когда перенести «{ $what }»? Например: завтра 10:00, пт 15:00 или через 2 часа.
task-moved = 🕓 Напомню { $when }: { $what }
task-assign-pick = Кому передать «{ $what }»?
task-assigned = 👤 «{ $what }» теперь задача сотрудника { $name }.
task-assigned-to-you = 📌 { $by } поручил(а) вам задачу: { $what } — { $when }
task-assignee-gone = Этого сотрудника больше нет в команде.
today-none = На сегодня ничего нет.
today-title = { $count ->
    [one] На сегодня { $count } задача, сначала просроченные:
    [few] На сегодня { $count } задачи, сначала просроченные:
   *[many] На сегодня { $count } задач, сначала просроченные:
}
tasks-none = Открытых задач нет.
tasks-title = { $count ->
    [one] Открытые задачи ({ $count }):
   *[other] Открытые задачи ({ $count }):
}
member-today-none = У сотрудника { $name } на сегодня ничего нет.
member-today-title = Задачи сотрудника { $name } на сегодня: { $count }, сначала просроченные
member-tasks-none = У сотрудника { $name } нет открытых задач.
member-tasks-title = Открытые задачи сотрудника { $name }: { $count }

## Settings

settings-title = Настройки
settings-language = Язык
language-name = Русский

button-custom-fields = 🧩 Свои поля
button-contact-kinds = 🏷 Типы контактов
custom-fields-title = Свои поля в каждой карточке контакта:
custom-fields-none = пока нет. Добавьте кнопками ниже.
field-kind-text = Текст
field-kind-number = Число
field-kind-date = Дата
field-kind-choice = Выбор
custom-field-ask = Пришлите название нового поля ({ $kind }), например: Номер договора.
custom-field-ask-choice = Пришлите название нового поля и варианты после двоеточия, например: Источник: сайт, звонок, выставка.
contact-kinds-ask = Пришлите типы контактов через запятую (сейчас: { $kinds }).
contact-kinds-saved = Типы контактов: { $kinds }.
error-options-invalid = Нужен список вариантов после двоеточия, через запятую, не больше 20: Источник: сайт, звонок, выставка.

## Input errors

error-name-empty = Имя пустое.
error-name-too-long = Слишком длинное имя: не больше { $max } символов.
error-name-no-letters = В имени должна быть хотя бы одна буква.
error-phone-invalid = Это не похоже на номер телефона. Напишите его так: +79991234567 или 8 (999) 123-45-67.
error-email-invalid = Это не адрес электронной почты. Напишите его так: ivan@example.com.
error-note-empty = Заметка пустая.
error-note-too-long = Слишком длинная заметка: не больше { $max } символов.
error-inn-invalid = Это неверный ИНН: в нём 10 цифр (у организации) или 12 (у физлица или ИП), и контрольная цифра должна сходиться, например 7707083893. Сверьте с документами и напишите только цифры.
error-kpp-invalid = Это неверный КПП: в нём 9 знаков — 4 цифры, затем 2 цифры или заглавные латинские буквы, затем 3 цифры, например 773601001.
error-birthday-invalid = Не получается прочитать дату рождения. Напишите день и месяц, можно с годом: 25.12, 25.12.1990 или 25 декабря 1990. Год — от 1900 до текущего.
error-tag-invalid = Такой тег не подходит: тег — одно слово до 32 символов из букв, цифр, - и _, например vip или новый-клиент. Несколько тегов разделяйте запятыми или пробелами.
error-priority-invalid = Выберите приоритет: низкий, обычный или высокий (или 1, 2, 3).
error-number-invalid = Это не число. Напишите только цифры, дробную часть — через запятую или точку: 1500 или 1 500,50.
error-date-invalid = Это не дата. Напишите полную дату с годом, например 31.12.2025 или 2025-12-31.
error-choice-invalid = Такого варианта нет. Выберите одно из предложенных значений.
error-text-empty = Значение пустое. Напишите текст.
error-text-too-long = Слишком длинный текст: не больше { $max } символов.
error-amount-invalid = Не получается прочитать сумму. Напишите число больше нуля, копейки — через запятую, не больше двух знаков: 150 000, 1 500,50 ₽, 2500 USD, 15к или 1,5 млн.
error-amount-too-large = Слишком большая сумма: не больше 1 000 000 000 000. Проверьте количество нулей.
error-currency-unknown = Такую валюту я не знаю. Доступны RUB (₽), USD ($), EUR (€), KZT (₸), BYN (Br) и CNY (¥), например 2500 USD. Или не пишите валюту — тогда будут рубли.
error-when-invalid = Не получается прочитать дату и время. Напишите, например: завтра в 10, сегодня 18:00, в понедельник, 25.12 14:00, через 2 часа или через 3 дня.
error-when-past = Это время уже прошло. Укажите момент в будущем, например завтра в 10 или через 2 часа.
error-no-such-day = В { $month ->
    [2] феврале
    [4] апреле
    [6] июне
    [9] сентябре
    [11] ноябре
   *[other] этом месяце
} нет { $day }-го числа. Напишите другую дату.
error-internal = У меня что-то пошло не так, ничего не сохранено. Попробуйте ещё раз через минуту.
unsupported-message = Я понимаю только текст, файлы и кнопки. Напишите /help, чтобы узнать, что я умею.

## Terminal demo

demo-intro = Демо chatcrm: настоящий бот в терминале, база данных { $database }. Вы владелец демо-команды. Начните с /help; чтобы нажать кнопку, напишите её номер; Ctrl+D — выход.
demo-edited = (сообщение обновлено)

## Запланированные сообщения: ссылки для клиентов, встречи, дни рождения, реактивация, сводки
history-client-linked = клиент подключил бота
history-client-unlinked = клиент отписался (/stop)
history-client-dropped = больше не клиент
history-appointment-booked = назначена встреча
history-appointment-confirmed = клиент подтвердил встречу
history-appointment-reschedule = клиент просит перенести встречу
command-meet = назначить клиенту встречу (с напоминаниями): /meet Петров завтра 15:00 офис
command-summary = дневная сводка сейчас, за последние 24 часа: по команде (владелец, руководитель) или ваша
command-setgroup = в группе команды: присылать туда ежедневную сводку
button-meet = 📅 Встреча
button-client-link = 🔗 Ссылка для клиента
button-confirm = ✅ Подтвердить
button-reschedule = 🔁 Перенести
button-yes = ✅ Да
button-remind-week = ⏰ Через неделю
button-not-client = 🚫 Больше не клиент
button-schedules = 📣 Расписания
button-summary-cron = ✍️ Выражение cron
button-team-time-zone = 🌍 Часовой пояс команды
button-quiet-hours = 🌙 Тихие часы
button-dormancy = 💤 Реактивация
when-confirm = Я понял это как { $when }. Верно? Если нет, напишите время ещё раз, например «завтра в 19:00».
meet-usage = Напишите контакт, когда и (по желанию) где: /meet Петров завтра 15:00 офис на Ленина 1
meet-ask = Встреча с { $name }: когда и где? Например: завтра 15:00 офис.
meet-booked = 📅 Встреча с { $name }: { $when }.
meet-client-reminded = Клиенту придут напоминания за 24 ч и за 2 ч, он сможет подтвердить или попросить перенести.
meet-client-not-linked = Клиент ещё не подключил бота: отправьте ему ссылку (🔗 ниже), чтобы он получал напоминания.
client-link = Отправьте эту одноразовую ссылку клиенту { $name }. Когда он её откроет, бот будет присылать ему напоминания о встречах (и поздравления, если он подписан):
    { $link }
client-link-already = (Клиент уже подключён; новая ссылка ничего не меняет.)
client-link-invalid = Эта ссылка больше не работает. Попросите у менеджера новую.
client-linked = ✅ Готово! { $manager } будет присылать вам здесь напоминания о встречах. Чтобы отписаться, отправьте /stop.
client-linked-manager = 🔗 { $name } подключил бота: ему будут приходить напоминания о встречах.
client-hello = Здесь приходят напоминания от { $manager }. Чтобы отписаться, отправьте /stop.
client-stopped = Вы отписались, сообщений больше не будет. Чтобы вернуться, откройте ссылку от менеджера ещё раз.
client-stopped-manager = 🔕 { $name } отписался от бота (/stop).
stop-member = /stop — для клиентов, которые не хотят напоминаний; участник команды может просто выключить уведомления чата в Telegram.
appointment-reminder = 📅 Напоминание: встреча с { $manager } { $when }.
appointment-confirmed = ✅ Подтверждено. До встречи!
appointment-reschedule = 🔁 Менеджер свяжется с вами, чтобы выбрать другое время.
appointment-confirmed-manager = ✅ { $name } подтвердил встречу { $when }.
appointment-reschedule-manager = 🔁 { $name } просит перенести встречу { $when }.
survey-after-win = Как мы справились? Оцените, пожалуйста, покупку у менеджера { $manager } от ⭐1 до ⭐5.
survey-after-appointment = Как мы справились? Оцените, пожалуйста, встречу с менеджером { $manager } от ⭐1 до ⭐5.
survey-thanks = Спасибо за оценку ⭐{ $rating }! Если хотите, напишите одним сообщением, что нам улучшить.
survey-comment-thanks = Спасибо, менеджер прочитает ваш отзыв.
survey-answered = Вы уже ответили на этот опрос.
survey-name-win = покупку
survey-name-appointment = встречу
survey-low-alert = ⚠️ { $name } оценил(а) { $survey } на ⭐{ $rating }. Перезвоните клиенту.
survey-low-comment = 💬 { $name } об оценке ⭐{ $rating }: { $comment }
appointment-past = Эта встреча уже прошла.
appointment-manager-reminder = 📅 Через час встреча: { $name }, { $when }.
today-appointments = 📅 Встречи сегодня:
birthday-heads-up = 🎂 Сегодня день рождения у { $name }.
birthday-heads-up-age = 🎂 Сегодня день рождения у { $name } ({ $age }).
birthday-greeting = 🎉 { $name }, с днём рождения! { $manager } желает вам всего самого лучшего.
reactivation-prompt = 💤 { $name }: ни звонков, ни заметок, ни встреч, ни движения по сделкам { $days } дн. Пора связаться?
reactivation-task = Связаться с { $name }
reactivation-dropped = { $name } больше не клиент, и бот не будет о нём напоминать.
deal-due-soon = 📆 Сделку «{ $title }» планируется закрыть завтра, { $date }.
deal-overdue = ⚠️ Сделку «{ $title }» планировали закрыть { $date }, а она всё ещё открыта.
digest-title = ☀️ Доброе утро! Задач на сегодня: { $today }, просрочено: { $overdue }.
digest-more-tasks = …и ещё { $count }: /today
digest-unplanned-deals = 💼 Сделок без следующего шага: { $count }. Смотрите /deals.
summary-title = 📊 Сводка { $from } – { $to }
summary-line = 👤 { $name }: новых лидов { $leads } · звонков { $calls } · переписок { $chats } · движений по сделкам { $moved } · выиграно { $won } · проиграно { $lost } · просроченных задач { $overdue } · сделок без следующего шага { $unplanned }
summary-lead-sources = 🔥 Новые лиды по источникам: { $sources }
setgroup-done = 📊 Ежедневная сводка будет приходить сюда: { $schedule }. Следующая: { $next }.
setgroup-private = Выполните /setgroup в группе команды (сначала добавьте меня в группу).
group-use-private = Я работаю в личном чате: откройте чат со мной. В группе работает только /setgroup.
schedules-title = 📣 Расписания
    Ежедневная сводка: { $schedule }, { $group }
    Часовой пояс команды: { $zone }
    Тихие часы для клиентов: { $quiet }
    Клиент считается уснувшим через { $days } дн. без взаимодействия { $rules }
schedules-group-set = приходит в группу команды.
schedules-group-unset = группа не задана: выполните /setgroup в группе команды.
schedules-cron-ask = Отправьте выражение cron: минута час день месяц день_недели, например «30 8 * * 1-5» (по будням в 08:30). Не чаще раза в час.
schedules-quiet-ask = Отправьте тихие часы, например 21:00-09:00: сообщения клиентам будут ждать их окончания.
schedules-dormancy-ask = Отправьте, через сколько дней без взаимодействия клиент считается уснувшим: «30» для всех и исключения по типу или тегу, например «30, опт 60, #vip 14».
schedules-surveys = Опросы клиентов: { $win }; { $appointment }
schedules-survey-win = на следующий день после выигрыша в { $hour }
schedules-survey-win-off = после выигрыша выключен
schedules-survey-appointment = через { $hours } ч после встречи
schedules-survey-appointment-off = после встречи выключен
schedules-survey-hour-ask = Отправьте час опроса на следующий день после выигрыша, по времени клиента, например 12. Уже запланированные опросы тоже перенесутся.
schedules-survey-delay-ask = Отправьте, через сколько часов после встречи придёт опрос, от 1 до 72, например 2. Уже запланированные опросы тоже перенесутся.
button-survey-win = ⭐ После выигрыша
button-survey-appointment = ⭐ После встречи
button-survey-hour = 🕛 Час после выигрыша
button-survey-delay = ⏱ Часы после встречи
button-survey-texts = ✏️ Тексты вопросов
survey-texts-title = ✏️ Вопросы опросов так, как их видят клиенты, на языке клиента; { "{manager}" } — имя менеджера.
survey-texts-own = { $survey } · { $language }:
survey-texts-default = { $survey } · { $language } (по умолчанию):
survey-text-ask = Отправьте новый вопрос для «{ $survey } · { $language }», не длиннее { $max } символов; { "{manager}" } подставит имя менеджера. Отправьте -, чтобы вернуть вопрос по умолчанию.
error-survey-hour-invalid = Введите час от 0 до 23, например 12.
error-survey-delay-invalid = Введите число часов от 1 до 72, например 2.
summary-preset-weekdays-9 = по будням в 09:00
summary-preset-daily-9 = каждый день в 09:00
summary-preset-weekdays-18 = по будням в 18:00
summary-preset-monday-9 = по понедельникам в 09:00
error-cron-invalid = Это не выражение cron. Пример: «0 9 * * 1-5» (по будням в 09:00).
error-cron-never = Такое расписание никогда не срабатывает (например, 30 февраля). Выберите существующие дни.
error-cron-too-often = Такое расписание срабатывает чаще раза в час — сводка так часто будет шумом.
error-quiet-hours-invalid = Напишите тихие часы как начало-конец, например 21:00-09:00.
error-dormancy-invalid = Напишите число дней от 1 до 3650, можно после типа или #тега, например «30, опт 60, #vip 14».
command-segments = сегменты контактов по фильтрам и рассылки их клиентам
history-unsubscribed = клиент отписался от рассылок
history-feedback-rating = ⭐{ $rating } от клиента за { $survey }
history-feedback-comment = 💬 отзыв клиента
button-new-segment = ➕ Новый сегмент
button-mailing = ✉️ Рассылка
button-send = 📤 Отправить
button-unsubscribe = 🔕 Отписаться
segments-none = Сегментов пока нет. Сегмент отбирает контакты по фильтрам: теги, тип, регион, этап, менеджер, последнее взаимодействие, месяц рождения, подписка.
segment-not-yours = Удалить сегмент могут только тот, кто его сохранил, владелец и руководители.
segments-title = 🎯 Сегменты:
segment-filter-ask = Отправьте фильтры, например: #vip тип:опт регион:Москва этап:КП менеджер:Анна после:30д до:01.01.2026 родились:12 подписан (после/до — последнее взаимодействие; 30д — 30 дней назад). Должны выполняться все фильтры.
segment-counted = { $count ->
    [one] { $count } контакт
    [few] { $count } контакта
   *[other] { $count } контактов
}, из них клиентов, до которых дойдёт рассылка (подписаны и подключили бота): { $reachable }.
segment-card = 🎯 { $name }
    Фильтры: { $filter }
    { $count ->
        [one] { $count } контакт
        [few] { $count } контакта
       *[other] { $count } контактов
    }; рассылка дойдёт до { $reachable } (подписаны и подключили бота).
mailing-ask = Отправьте текст рассылки. Перед отправкой вы увидите предпросмотр.
mailing-nobody = Отправлять некому: из { $count } контактов сегмента никто не подписан и не подключил бота.
mailing-preview = Предпросмотр:
    ———
    { $text }
    ———
    Получат { $recipients } из { $count } контактов сегмента (подписанные и подключившие бота), с кнопкой «Отписаться». Отправить?
mailing-started = 📤 Отправляю { $recipients } клиентам в пределах лимитов Telegram. Когда закончу, пришлю отчёт.
mailing-report = 📬 Рассылка завершена: отправлено { $sent }, заблокировали бота { $blocked }, не отправлено (отписались или отключились) { $skipped }.
unsubscribed = 🔕 Вы отписались от рассылок. Напоминания о встречах продолжат приходить; /stop отключит и их.
error-segment-invalid = Не понял фильтры. Используйте #тег, тип:…, регион:…, этап:…, менеджер:…, после:30д, до:01.01.2026, родились:12, подписан; значения с пробелами — в кавычках.
command-import = импорт контактов из CSV-файла (пришлите файл)
command-export = контакты (CSV, vCard) и сделки (CSV) файлами
button-export-contacts = 👤 Контакты (CSV)
button-export-deals = 💼 Сделки (CSV)
button-export-vcard = 📇 vCard
button-import-skip = Пропустить дубли
button-import-merge = Объединить дубли
button-import-create = Создать всё равно
export-title = Что выгрузить? Менеджер получает своих клиентов, владелец и руководители — всю команду.
export-caption = { $count ->
    [one] { $count } запись
    [few] { $count } записи
   *[other] { $count } записей
}
import-how = Пришлите .csv-файл (в Excel: Сохранить как → CSV). Точка с запятой, запятая или табуляция, UTF-8 или Windows-1251; в первой строке — названия столбцов (ФИО, Телефон, Почта… или Name, Phone, Email…). Перед импортом я покажу, как прочитал столбцы.
import-mapping = 📥 { $file }: строк { $rows }. Столбцы (нажмите, чтобы изменить, что в них):
import-choose-duplicates = Что делать со строками, чей телефон, почта или имя уже есть в базе?
import-no-name-column = Ни один столбец пока не содержит имя: нажмите на столбец с именем и выберите «Имя».
import-column-ask = Столбец { $column } — это:
import-done = ✅ Импорт завершён: создано { $created }, объединено { $merged }, пропущено дублей { $skipped }, отклонено { $rejected }.
import-rejected-caption = Отклонённые строки с причиной в первом столбце: исправьте их и пришлите файл снова.
import-rejected-reason = строка { $line }: { $reason }
import-reason-header = Причина
import-merge-note = объединено из импортированного файла
import-not-csv = Пришлите .csv-файл (в Excel: Файл → Сохранить как → CSV).
import-unavailable = Не удалось скачать файл из Telegram, пришлите его ещё раз.
import-too-large = Файл больше 50 МБ. Разбейте его на части.
import-not-text = Это не текстовый файл. Сохраните таблицу как CSV и пришлите её.
import-mixed-encoding = В файле смешаны кодировки (часть в UTF-8, часть в другой). Сохраните его заново как CSV UTF-8.
import-unknown-encoding = Не удалось определить кодировку файла. Сохраните его как CSV UTF-8.
import-empty = Файл пуст.
import-header-unreadable = Не читается первая строка (названия столбцов): проверьте кавычки.
import-too-many-columns = В файле больше 300 столбцов.
import-too-many-rows = В файле больше 100 000 строк. Разбейте его на части.
import-no-name = нет имени
import-extra-cells = ячеек больше, чем столбцов (разделитель внутри значения?)
import-row-too-many-columns = больше 300 ячеек
import-broken-quoting = нарушены кавычки
import-target-name = Имя
import-target-first-name = Имя (отдельно)
import-target-middle-name = Отчество
import-target-last-name = Фамилия
import-target-phone = Телефон
import-target-email = Почта
import-target-company = Компания
import-target-tags = Теги
import-target-birthday = День рождения
import-target-region = Регион
import-target-kind = Тип
import-target-notes = Заметки
import-target-telegram = Telegram
import-target-skip = — пропустить
command-report = отчёты: воронка, менеджеры, ABC-анализ, прогноз, отзывы, с графиками
button-report-funnel = 🪜 Воронка
button-report-managers = 👥 Менеджеры
button-report-abc = 🅰️ ABC-анализ
button-report-forecast = 📈 Прогноз
button-report-feedback = ⭐ Отзывы
report-feedback-total = Ответов { $answers } · средняя оценка ⭐{ $average } · пятёрок { $fives } % · от 1 до 3 { $lows } %
report-feedback-manager = 👤 { $name }: ответов { $answers } · средняя ⭐{ $average } · пятёрок { $fives } % · от 1 до 3 { $lows } %
report-feedback-empty = За этот период нет ответов на опросы.
report-feedback-chart = Средняя оценка
button-abc-thresholds = ⚙️ Границы ABC
report-title = Какой отчёт? Владелец и руководители видят команду, менеджер — свои показатели.
report-manager-line = 👤 { $name }: звонков { $calls } · новых контактов { $contacts } · сделок открыто { $opened }, выиграно { $won } ({ $amount }), проиграно { $lost } · средняя сделка { $average } · просроченных задач { $overdue }
report-funnel-chart = Воронка
report-period = { $period }, { $from }–{ $to }
report-period-until = { $period }, по { $to }
report-forecast-when = Открытые сделки на { $date }
report-no-deals = За этот период сделок нет.
report-managers-empty = За этот период нет звонков, новых контактов и сделок.
report-managers-chart = Выиграно, { $currency }
report-abc-empty = За этот период нет выигранных сделок с суммой.
report-abc-intro = Клиенты по выручке ({ $thresholds }): всего { $total }.
report-abc-class = { $class }: { $count ->
    [one] { $count } клиент
    [few] { $count } клиента
   *[other] { $count } клиентов
}, { $revenue } ({ $share } %)
report-forecast-empty = Нет открытых сделок с суммой.
report-forecast-no-date = без даты
report-forecast-sum = { $total } (с учётом вероятности { $weighted })
report-forecast-chart = Прогноз с учётом вероятности, { $currency }
report-abc-thresholds-ask = Отправьте границы как два накопленных процента A/B: 80/95 — класс A даёт первые 80 % выручки, B — следующие 15 %, C — остальное.
report-abc-thresholds-invalid = Напишите два целых процента, 0 < A < B ≤ 100, например 80/95.
summary-funnel-caption = 🪜 Воронка за этот месяц

# Пересланные сообщения и файлы в карточке
inbox-forwarded = ↪️ Переслано от { $name }.
inbox-file = 📎 { $file }
inbox-which = В чью карточку сохранить?
inbox-type-name = Напишите имя контакта, чтобы найти карточку.
button-inbox-another = 🔎 Другой
inbox-filed = ✅ Сохранено в карточке: { $name }.
inbox-forwarded-note = переслано от { $name }, { $when }: { $text }
inbox-also-deal = Это относится и к сделке?
inbox-on-deal = 📎 Сохранено и в сделке «{ $title }».
file-kind-photo = фото
file-kind-document = документ
file-kind-voice = голосовое сообщение
file-kind-video = видео

# /contacts
command-contacts = мои контакты по последней активности или по имени, с фильтрами
contacts-title = 👥 Контакты: { $count }, { $order } (страница { $page } из { $pages })
contacts-by-activity = по последней активности
contacts-by-name = по имени
contacts-filtered = Фильтр: { $filter }
contacts-none = Здесь нет контактов.
contacts-status-lead = лиды
contacts-status-client = клиенты
contacts-filter-title = 🎛 Показать только: статус, тип, тег (нажмите отмеченный ✓ ещё раз, чтобы снять).
button-by-name = 🔤 По имени
button-by-activity = 🕓 По активности
button-filter = 🎛 Фильтр
button-clear-filters = ✖ Все контакты
button-segment-members = 👥 Участники
segment-members = 🎯 { $name }: контактов — { $count } (страница { $page } из { $pages })

# /companies
command-companies = компании и их открытые сделки; /companies <ИНН> — поиск по ИНН
companies-title = 🏢 Компании: { $count } (страница { $page } из { $pages })
companies-none = Компаний пока нет. /company <название> добавит компанию.
companies-no-inn = Компании с ИНН { $inn } нет.
companies-usage = Напишите /companies и ИНН, например /companies 7707083893, или просто /companies для списка.
company-open-deals = 💼 { $count ->
    [one] { $count } открытая сделка
    [few] { $count } открытые сделки
   *[many] { $count } открытых сделок
}
company-open-deals-sum = 💼 { $count ->
    [one] { $count } открытая сделка
    [few] { $count } открытые сделки
   *[many] { $count } открытых сделок
}, { $sum }

# Приём заявок
history-lead = новая заявка: { $source }
lead-new = 🔥 Новый лид: { $source }
lead-again = 🔁 Новая заявка ({ $source }) от вашего контакта { $name }
button-lead-deal = 💼 Сделка
button-lead-capture = 🔌 Приём заявок
button-leads-rotate = 🔄 Новый токен
button-leads-assign = 👥 Кому
button-leads-only = 👉 Только { $name }
leads-title = 🔌 Приём заявок
    Заявки, отправленные на { $url }, становятся контактами, а ответственный сразу получает сообщение.
    Токен (в заголовке «Authorization: Bearer …» или в поле «token»): { $token }
    Новые заявки получает: { $assignee }

    Форма для сайта, готовая к вставке:
    { $form }
leads-assign-title = 👥 Новые заявки получает: { $assignee }
    Отметьте тех, кто получает заявки по очереди, или отдайте все заявки одному.
leads-in-turn = по очереди: { $names }
leads-member-gone = Этого участника больше нет в команде.

## Telegram Business: переписка менеджера с клиентами в его собственном Telegram
history-message-in = 💬 клиент написал
history-message-out = 💬 написал клиенту
history-message-edited = (изменено)
history-message-deleted = (удалено в Telegram)
business-connected = 💬 Ваш Telegram подключён. Теперь сообщения ваших личных чатов с клиентами записываются в их карточки: кто написал, когда, текст и файлы (по кнопке пришлю снова). Чат с тем, кого ещё нет в контактах, сначала предложу вам: добавить как лида, привязать к контакту или не записывать. Ваши сообщения видите только вы, руководители и владелец; они хранятся { $days } дн.
    Прямо в чате с клиентом: .task завтра в 10 перезвонить — задача; .note хочет 50 стульев — заметка. В чате клиента ничего не удаляется.
    Как отключить: Telegram → Настройки → Telegram для бизнеса → Чат-боты → убрать бота. /settings → 💬 Telegram Business — что записывается.
business-no-reply = ✍️ Боту не разрешено отвечать от вашего имени: чтобы писать клиентам из карточки, разрешите «Отвечать на сообщения» в Telegram → Настройки → Telegram для бизнеса → Чат-боты.
business-disconnected = 💬 Ваш Telegram отключён: больше ничего не записывается. Записанное остаётся в карточках.
business-new-chat = 💬 Новый клиент в вашем Telegram: { $who }. Пока вы не решите, его сообщения хранятся здесь.
button-business-add = ➕ Добавить как лида
button-business-link = 🔗 Привязать к контакту
button-business-ignore = 🙈 Не записывать этот чат
business-command-no-contact = Чат с { $who } ещё не привязан к контакту: сначала ответьте на предложение выше (➕ или 🔗).
business-note-saved = ✅ Заметка записана в карточку { $who }.
business-added = ➕ { $who } — новый лид, с перепиской до этого момента.
business-link-ask = 🔗 Кто такой { $who }? Напишите имя контакта.
business-pick-contact = Выберите контакт или напишите другое имя:
business-linked = 🔗 Чат с { $who } записывается в карточку { $name }, с сообщениями до этого момента.
business-ignored = 🙈 Чат с { $who } не будет записываться. Вернуть: /settings → 💬 Telegram Business.
business-status-on = подключён
business-status-on-no-reply = подключён (боту не разрешено отвечать от вашего имени)
business-status-off = не подключён. Подключить: Telegram → Настройки → Telegram для бизнеса → Чат-боты → добавить этого бота.
business-deletions-erase = стираются и здесь
business-deletions-mark = остаются с пометкой «удалено»
business-settings = 💬 Telegram Business
    Ваш аккаунт: { $status }
    Записанные сообщения хранятся { $days } дн.; ваши видите только вы, руководители и владелец.
    Удалённые в Telegram сообщения: { $deletions }
    Команды в чате с клиентом начинаются с: { $prefix }
    Незаписываемых чатов: { $ignored }
button-business = 💬 Telegram Business
button-business-follow-deletions = 🗑 Стирать то, что я удаляю в Telegram
button-business-mark-deletions = 🗑 Оставлять удалённое с пометкой
button-business-unignore = ↩️ Снова записывать: { $who }
button-business-prefix = ✏️ Префикс команд: { $prefix }
button-business-erase = 🧹 Стереть сообщения контакта
button-business-erase-yes = 🧹 Стереть
business-prefix-ask = ✏️ Напишите префикс команд в чате с клиентом: от 1 до 3 знаков, без букв и цифр (например . или ! или //).
business-prefix-invalid = Префикс — от 1 до 3 знаков без букв, цифр и пробелов (например . или ! или //).
business-prefix-set = ✅ Команды в чате с клиентом теперь начинаются с { $prefix }
business-erase-ask = 🧹 Чьи записанные сообщения стереть? Напишите имя контакта.
business-erase-confirm = 🧹 Стереть все сообщения из чатов Telegram в карточке { $name }? Это нельзя отменить.
business-erased = 🧹 { $name }: стёрто записанных сообщений: { $count }.
business-no-chat = ✍️ В вашем Telegram нет чата с этим клиентом: подключите его в Telegram → Настройки → Telegram для бизнеса → Чат-боты и напишите клиенту один раз.
business-write-ask = ✍️ Сообщение для { $name } ({ $who }), уйдёт из вашего Telegram:
business-write-sent = ✍️ Отправлено { $who } из вашего Telegram.
business-write-refused = ✍️ Telegram не дал боту отправить: разрешите «Отвечать на сообщения» в Telegram → Настройки → Telegram для бизнеса → Чат-боты. Ничего не отправлено.
button-business-write = ✍️ Написать

//! Files: importing contacts from CSV (every encoding and delimiter, bad rows sent back),
//! exporting contacts and deals, and an export imported back.

use crate::support::*;

const UTF8_BOM: &[u8] = include_bytes!("../data/contacts_utf8_bom_semicolon.csv");
const CP1251: &[u8] = include_bytes!("../data/contacts_cp1251_semicolon.csv");
const COMMA: &[u8] = include_bytes!("../data/contacts_utf8_comma.csv");
const TAB: &[u8] = include_bytes!("../data/contacts_tab.tsv");
const BAD_ROWS: &[u8] = include_bytes!("../data/contacts_bad_rows.csv");
const BINARY: &[u8] = include_bytes!("../data/binary.csv");

/// Sends a file, confirms the mapping with "Skip duplicates" and returns the result message.
async fn import(user: &TgUser, name: &str, content: &[u8]) -> BotMessage {
    user.send_document(name, content);
    let mapping = user.expect_reply(&format!("📥 {name}")).await;
    user.press(&mapping, "Skip duplicates");
    user.expect_reply("✅ Import done").await
}

/// The number after `label` in `text`, e.g. 3 for "created 3,".
fn figure(text: &str, label: &str) -> i64 {
    let start = text
        .find(label)
        .unwrap_or_else(|| panic!("{label:?} in {text}"))
        + label.len();
    text[start..]
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn contacts_are_imported_from_csv_in_any_encoding_and_delimiter() {
    let world = World::start().await;
    let owner = &world.owner;

    for (name, content, rows) in [
        ("utf8.csv", UTF8_BOM, 7),
        ("cp1251.csv", CP1251, 5),
        ("comma.csv", COMMA, 5),
        ("tabs.tsv", TAB, 4),
    ] {
        let done = import(owner, name, content).await;
        let handled = figure(&done.text, "created")
            + figure(&done.text, "duplicates skipped")
            + figure(&done.text, "rejected");
        assert_eq!(handled, rows, "{name}: {}", done.text);
    }
    // Cyrillic from the Windows-1251 file is found like any other contact.
    owner.send("/find Смирнова");
    let found = owner.expect_reply("Found").await;
    assert!(
        found
            .buttons
            .iter()
            .any(|(label, _)| label == "Ольга Смирнова"),
        "{found:?}"
    );
    // The same file again: everything is a duplicate now.
    let again = import(owner, "utf8.csv", UTF8_BOM).await;
    assert_eq!(figure(&again.text, "created"), 0, "{}", again.text);

    // Bad files are refused whole, with a reason.
    owner.send_document("photo.csv", BINARY);
    owner.expect_reply(&tr("en", "import-not-text")).await;
    // A file that is no table is not an import: it is offered for a contact's card.
    owner.send_document("notes.docx", b"hello");
    owner.expect_reply("📎 notes.docx").await;
}

#[tokio::test]
async fn bad_rows_come_back_with_reasons_and_the_rest_is_imported() {
    let world = World::start().await;
    let owner = &world.owner;
    owner.send_document("bad.csv", BAD_ROWS);
    let mapping = owner.expect_reply("📥 bad.csv").await;
    assert!(mapping.text.contains("1. ФИО → Name"), "{}", mapping.text);
    // Another member cannot touch someone else's import, nor forge a column or a target.
    let anna = world.join(300, "Anna", "en", "manager").await;
    for data in ["ir:1:s", "ic:1:0", "it:1:0:n"] {
        let press = anna.press_data(mapping.message_id, data);
        assert_eq!(
            anna.expect_answer(&press).await,
            Some(tr("en", "button-expired")),
            "{data}"
        );
    }
    for data in ["ic:1:99", "it:1:0:zz", "ir:1:q"] {
        let press = owner.press_data(mapping.message_id, data);
        assert_eq!(
            owner.expect_answer(&press).await,
            Some(tr("en", "button-expired")),
            "{data}"
        );
    }
    // The comment column can be switched off before importing.
    owner.press(&mapping, "6. Комментарий");
    let targets = owner.expect_reply("Column 6 fills").await;
    owner.press(&targets, "skip");
    let mapping = owner.expect_reply("6. Комментарий → — skip").await;
    owner.press(&mapping, "Skip duplicates");
    let done = owner.expect_reply("✅ Import done").await;
    let rejected_file = owner.next_reply().await;
    let (file_name, csv) = rejected_file.file.clone().expect("a file");
    assert_eq!(file_name, "rejected.csv");
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with('\u{feff}'), "Excel needs the BOM");
    let rejected = figure(&done.text, "rejected");
    assert_eq!(csv.lines().count() as i64, rejected + 1, "{csv}");
    assert!(csv.contains(&tr("en", "error-birthday-invalid")), "{csv}");
    assert!(csv.contains(&tr("en", "error-phone-invalid")), "{csv}");
    let created = figure(&done.text, "created");
    assert_eq!(
        world.db.count("SELECT COUNT(*) FROM contacts").await,
        created
    );
    assert!(created >= 3, "{}", done.text);
    // Pressing Import again does nothing twice.
    let press = owner.press(&mapping, "Skip duplicates");
    assert_eq!(
        owner.expect_answer(&press).await,
        Some(tr("en", "button-expired"))
    );
}

#[tokio::test]
async fn an_export_opens_in_excel_and_imports_back() {
    let world = World::start().await;
    let owner = &world.owner;
    import(owner, "utf8.csv", UTF8_BOM).await;
    owner.send("/deal Иван Петров Chairs 150 000");
    owner.expect_reply("💼 Chairs").await;
    owner.next_reply().await;
    // A manager's export holds only their own clients.
    let anna = world.join(300, "Anna", "en", "manager").await;
    world.add_contact(&anna, "Anna's Client +79990001122").await;
    anna.send("/export");
    let menu = anna.expect_reply(&tr("en", "export-title")).await;
    anna.press(&menu, "Contacts (CSV)");
    let (_, mine) = anna.expect_reply("1 record").await.file.unwrap();
    let mine = String::from_utf8(mine).unwrap();
    assert!(
        mine.contains("Anna's Client") && !mine.contains("Петров"),
        "{mine}"
    );

    owner.send("/export");
    let menu = owner.expect_reply(&tr("en", "export-title")).await;
    owner.press(&menu, "Contacts (CSV)");
    let (name, contacts) = owner.expect_reply("records").await.file.unwrap();
    assert_eq!(name, "contacts.csv");
    let text = String::from_utf8(contacts.clone()).unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert!(
        text.contains("+79991234567") && !text.contains("'+7"),
        "phones are written as they are dialled: {text}"
    );
    owner.press(&menu, "Deals (CSV)");
    let (_, deals) = owner.expect_reply("1 record").await.file.unwrap();
    let deals = String::from_utf8(deals).unwrap();
    assert!(
        deals.contains("Chairs") && deals.contains("150000.00"),
        "{deals}"
    );
    owner.press(&menu, "vCard");
    let (name, vcards) = owner.expect_reply("records").await.file.unwrap();
    assert_eq!(name, "contacts.vcf");
    let vcards = String::from_utf8(vcards).unwrap();
    assert!(
        vcards.starts_with("BEGIN:VCARD\r\nVERSION:3.0\r\n"),
        "{vcards}"
    );
    assert!(vcards.contains("TEL;TYPE=CELL:+79991234567"), "{vcards}");

    // The export goes back in: every row is recognised as already there.
    let back = import(owner, "contacts.csv", &contacts).await;
    assert_eq!(figure(&back.text, "created"), 0, "{}", back.text);
    assert_eq!(figure(&back.text, "rejected"), 0, "{}", back.text);
    // The six imported (Анна Кузнецова has Мария Сидорова's second phone: a duplicate within
    // the file, skipped) and the manager's one.
    assert_eq!(figure(&back.text, "duplicates skipped"), 7, "{}", back.text);
}

#[tokio::test]
async fn the_command_line_imports_a_file_like_the_bot() {
    let world = World::start().await;
    world.bot.wait_for_log("serving updates").await;
    let dir = std::env::temp_dir().join(format!("chatcrm-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("clients.csv");
    std::fs::write(&file, BAD_ROWS).unwrap();
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_chatcrm"))
        .arg("import")
        .arg(&file)
        .args(["--as", "100"])
        .env("DATABASE_URL", &world.db.url)
        .output()
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let created = figure(&stdout, "created");
    assert!(created >= 3, "{stdout}");
    assert_eq!(
        world.db.count("SELECT COUNT(*) FROM contacts").await,
        created
    );
    let rejected = std::fs::read_to_string(dir.join("clients.rejected.csv")).unwrap();
    assert_eq!(
        rejected.lines().count() as i64,
        figure(&stdout, "rejected") + 1
    );
    // Someone who is not a member imports nothing.
    let stranger = tokio::process::Command::new(env!("CARGO_BIN_EXE_chatcrm"))
        .arg("import")
        .arg(&file)
        .args(["--as", "999"])
        .env("DATABASE_URL", &world.db.url)
        .output()
        .await
        .unwrap();
    assert!(!stranger.status.success());
    assert_eq!(
        world.db.count("SELECT COUNT(*) FROM contacts").await,
        created
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn an_import_counts_duplicates_only_in_what_the_importer_may_see() {
    let world = World::start().await;
    let anna = world.join(3101, "Anna", "en", "manager").await;
    let boris = world.join(3102, "Boris", "en", "manager").await;
    world
        .add_contact(&boris, "Bella Secretova +79990001122")
        .await;
    world.add_contact(&anna, "Ivan Petrov +79991234567").await;

    // A colleague's client is none of Anna's business: her row is simply created, and her own
    // client is the one duplicate.
    let csv = "Name;Phone\nBella Copy;+79990001122\nIvan Again;+79991234567\n";
    let done = import(&anna, "mine.csv", csv.as_bytes()).await;
    assert_eq!(figure(&done.text, "created"), 1, "{}", done.text);
    assert_eq!(figure(&done.text, "duplicates skipped"), 1, "{}", done.text);

    // Merging never reaches into Boris's base either.
    anna.send_document(
        "merge.csv",
        "Name;Phone\nBella Third;+79990001122\n".as_bytes(),
    );
    let mapping = anna.expect_reply("📥 merge.csv").await;
    anna.press(&mapping, "Merge");
    let done = anna.expect_reply("✅ Import done").await;
    assert_eq!(figure(&done.text, "merged"), 1, "{}", done.text);
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM contacts WHERE owner_id = 3102")
            .await,
        1
    );
    assert_eq!(
        world
            .db
            .count(
                "SELECT COUNT(*) FROM contacts WHERE name = 'Bella Secretova' AND owner_id = 3102"
            )
            .await,
        1
    );
}

#[tokio::test]
async fn an_import_skips_merges_or_creates_rows_repeating_an_earlier_row_of_the_file() {
    let world = World::start().await;
    // The second row has the first's phone, the third its email, the fourth its name in another
    // order; the last only the phone the third brings along.
    let csv = "ФИО;Телефон;E-mail;Теги;Компания\n\
               Ivan Petrov;+79991110001;ivan@example.com;vip;Acme\n\
               Ivan Double;+79991110001;;new;Globex\n\
               Ivan Mail;+79991110002;ivan@example.com;;\n\
               Petrov Ivan;;;late;acme\n\
               Other Person;+79991110002;;;\n";
    // Each manager imports into a base of their own.
    let mut done = Vec::new();
    for (id, name, button) in [
        (3201, "Anna", "Skip duplicates"),
        (3202, "Boris", "Merge duplicates"),
        (3203, "Clara", "Create anyway"),
    ] {
        let manager = world.join(id, name, "en", "manager").await;
        manager.send_document("repeats.csv", csv.as_bytes());
        let mapping = manager.expect_reply("📥 repeats.csv").await;
        manager.press(&mapping, button);
        done.push(manager.expect_reply("✅ Import done").await.text);
    }
    let figures = |text: &str| {
        [
            figure(text, "created"),
            figure(text, "merged"),
            figure(text, "duplicates skipped"),
        ]
    };
    // Skipped, the third row adds nothing: the last is new.
    assert_eq!(figures(&done[0]), [2, 0, 3], "{}", done[0]);
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM contacts WHERE owner_id = 3201")
            .await,
        2
    );
    // Merged, all goes into the first row's contact.
    assert_eq!(figures(&done[1]), [1, 4, 0], "{}", done[1]);
    assert_eq!(
        world
            .db
            .text("SELECT name FROM contacts WHERE owner_id = 3202")
            .await,
        "Ivan Petrov"
    );
    for (sql, expected) in [
        (
            "SELECT COUNT(*) FROM contact_phones p JOIN contacts c ON c.id = p.contact_id \
             WHERE c.owner_id = 3202",
            2,
        ),
        (
            "SELECT COUNT(*) FROM contact_emails e JOIN contacts c ON c.id = e.contact_id \
             WHERE c.owner_id = 3202",
            1,
        ),
        (
            "SELECT COUNT(*) FROM contact_tags t JOIN contacts c ON c.id = t.contact_id \
             WHERE c.owner_id = 3202",
            3,
        ),
        (
            "SELECT COUNT(*) FROM company_contacts l JOIN contacts c ON c.id = l.contact_id \
             WHERE c.owner_id = 3202",
            2,
        ),
        (
            "SELECT COUNT(*) FROM history h JOIN contacts c ON c.id = h.contact_id \
             WHERE c.owner_id = 3202 AND h.kind = 'merged'",
            4,
        ),
    ] {
        assert_eq!(world.db.count(sql).await, expected, "{sql}");
    }
    // Created anyway, every row is a contact.
    assert_eq!(figures(&done[2]), [5, 0, 0], "{}", done[2]);
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM contacts WHERE owner_id = 3203")
            .await,
        5
    );
    // "Acme" and "acme" are one company, shared by the team.
    assert_eq!(world.db.count("SELECT COUNT(*) FROM companies").await, 2);
}

/// A name of letters only, different for each `n`: "Client Bcd".
fn client_name(n: usize) -> String {
    let mut letters = String::new();
    let mut rest = n;
    loop {
        letters.insert(0, char::from(b'a' + (rest % 26) as u8));
        rest /= 26;
        if rest == 0 {
            break;
        }
    }
    format!("Client X{letters}")
}

#[tokio::test]
async fn an_import_of_many_batches_stores_every_row_once() {
    // Three batches of 5 000 rows; each 400th row is repeated at once (the same batch) and each
    // 1000th 2 600 rows later (at times a batch already stored).
    const ROWS: usize = 12_000;
    let world = World::start().await;
    world.bot.wait_for_log("serving updates").await;
    let line = |n: usize| {
        let name = client_name(n);
        let email = if n.is_multiple_of(2) {
            format!("{}@example.com", name.to_lowercase().replace(' ', "."))
        } else {
            String::new()
        };
        format!("{name};+7999{n:07};{email};Company {};t{}\n", n % 50, n % 3)
    };
    let mut csv = String::from("ФИО;Телефон;E-mail;Компания;Теги\n");
    let mut repeats = 0;
    for n in 0..ROWS {
        csv.push_str(&line(n));
        if n % 400 == 399 {
            csv.push_str(&line(n - 1));
            repeats += 1;
        }
        if n % 1000 == 999 && n >= 2600 {
            csv.push_str(&line(n - 2600));
            repeats += 1;
        }
    }
    let dir = std::env::temp_dir().join(format!("chatcrm-batches-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("many.csv");
    std::fs::write(&file, &csv).unwrap();
    let run = |duplicates: &'static str| {
        let file = file.clone();
        let url = world.db.url.clone();
        async move {
            let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_chatcrm"))
                .arg("import")
                .arg(&file)
                .args(["--as", "100", "--duplicates", duplicates])
                .env("DATABASE_URL", url)
                .output()
                .await
                .unwrap();
            let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
            assert!(
                output.status.success(),
                "{stdout} {}",
                String::from_utf8_lossy(&output.stderr)
            );
            stdout
        }
    };
    let stdout = run("skip").await;
    assert_eq!(figure(&stdout, "created"), ROWS as i64, "{stdout}");
    assert_eq!(figure(&stdout, "duplicates skipped"), repeats, "{stdout}");
    let rows = ROWS as i64;
    for (sql, expected) in [
        ("SELECT COUNT(*) FROM contacts", rows),
        ("SELECT COUNT(DISTINCT name) FROM contacts", rows),
        ("SELECT COUNT(*) FROM contact_phones", rows),
        ("SELECT COUNT(*) FROM contact_emails", rows / 2),
        ("SELECT COUNT(*) FROM contact_words", rows * 2),
        ("SELECT COUNT(*) FROM contact_tags", rows),
        ("SELECT COUNT(*) FROM companies", 50),
        ("SELECT COUNT(*) FROM company_contacts", rows),
        ("SELECT COUNT(*) FROM history WHERE kind = 'created'", rows),
        // Every phone and email went to its own row's contact.
        (
            "SELECT COUNT(*) FROM contacts c JOIN contact_emails e ON e.contact_id = c.id \
             WHERE e.email <> REPLACE(c.name_key, ' ', '.') || '@example.com'",
            0,
        ),
        (
            "SELECT COUNT(*) FROM contacts c \
             WHERE (SELECT COUNT(*) FROM contact_phones p WHERE p.contact_id = c.id) <> 1 \
             OR (SELECT COUNT(*) FROM company_contacts l WHERE l.contact_id = c.id) <> 1",
            0,
        ),
    ] {
        assert_eq!(world.db.count(sql).await, expected, "{sql}");
    }
    // The same file again, merged: every row finds its contact, whichever batch it is in.
    let stdout = run("merge").await;
    assert_eq!(figure(&stdout, "created"), 0, "{stdout}");
    assert_eq!(figure(&stdout, "merged"), rows + repeats, "{stdout}");
    for (sql, expected) in [
        ("SELECT COUNT(*) FROM contacts", rows),
        ("SELECT COUNT(*) FROM contact_phones", rows),
        ("SELECT COUNT(*) FROM company_contacts", rows),
        (
            "SELECT COUNT(*) FROM history WHERE kind = 'merged'",
            rows + repeats,
        ),
    ] {
        assert_eq!(world.db.count(sql).await, expected, "{sql}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn vcard_names_put_the_family_name_first_as_people_write_it() {
    let world = World::start().await;
    let owner = &world.owner;
    world.add_contact(owner, "Smith, John +79990002233").await;
    world.add_contact(owner, "Петров Иван +79990003344").await;
    owner.send("/export");
    let menu = owner.expect_reply(&tr("en", "export-title")).await;
    owner.press(&menu, "vCard");
    let (_, vcards) = owner.expect_reply("records").await.file.unwrap();
    let vcards = String::from_utf8(vcards).unwrap();
    assert!(vcards.contains("N:Smith;John;;;\r\n"), "{vcards}");
    assert!(vcards.contains("N:Петров;Иван;;;\r\n"), "{vcards}");
}

/// `chatcrm migrate-to` with the given SQLite base and target, as an operator runs it.
async fn migrate_to(source: &TestDb, target: &str) -> std::process::Output {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_chatcrm"))
        .args(["migrate-to", target])
        .env("DATABASE_URL", &source.url)
        .output()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_sqlite_base_moves_to_an_empty_postgres_database_with_every_row() {
    let telegram = FakeTelegram::start().await;
    let source = TestDb::sqlite();
    let target = TestDb::new().await;
    if !target.url.starts_with("postgres") {
        // The SQLite run: only the refusal of a target that is not PostgreSQL.
        let output = migrate_to(&source, &target.url).await;
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("must be a PostgreSQL URL"), "{stderr}");
        return;
    }
    let bot = BotProcess::start(&telegram, &source, &[OWNER_ID]).await;
    let owner = telegram.user(OWNER_ID, "Olga", "en");
    owner.send("/add Ivan Petrov +79991234567");
    owner.expect_reply("Contact saved").await;
    owner.expect_reply("👤 Ivan Petrov").await;
    owner.send("/deal Petrov Chairs 150000");
    owner.expect_reply("💼 Chairs").await;
    owner.next_reply().await;
    owner.send("/remind tomorrow 10:00 call Ivan");
    owner.expect_reply("⏰ I will remind you").await;
    bot.kill().await;

    let output = migrate_to(&source, &target.url).await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!stdout.contains("DIFFERENT"), "{stdout}");
    for table in ["contacts", "deals", "tasks", "history", "members", "jobs"] {
        assert!(
            stdout
                .lines()
                .any(|line| line.starts_with(table) && line.ends_with("ok")),
            "{table}: {stdout}"
        );
    }
    assert_eq!(target.count("SELECT COUNT(*) FROM contacts").await, 1);
    assert_eq!(target.count("SELECT COUNT(*) FROM deals").await, 1);

    // A second copy into the filled database is refused.
    let again = migrate_to(&source, &target.url).await;
    assert!(!again.status.success());

    // The bot runs on the copy: the data is there, and new rows get new ids.
    let _bot = BotProcess::start(&telegram, &target, &[OWNER_ID]).await;
    owner.send("/find petrov");
    owner.expect_reply("Found 1 contact").await;
    owner.send("/add Maria Sidorova");
    owner.expect_reply("Contact saved").await;
    owner.expect_reply("👤 Maria Sidorova").await;
    assert_eq!(
        target
            .count("SELECT COUNT(DISTINCT id) FROM contacts")
            .await,
        2
    );
}

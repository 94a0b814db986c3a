//! The `chatcrm` command: `run` serves the Telegram bot (polling, or a webhook), `webhook`
//! shows or removes the webhook, `demo` runs the bot in the terminal, `import` loads a CSV file,
//! and with the `bench` feature `bench …` measures the speed targets.

#[cfg(feature = "bench")]
mod bench;
mod demo;

use anyhow::Context;
use chatcrm::chat::{CoreConfig, Duplicates};
use chatcrm::domain::Lang;
use chatcrm::shutdown::Shutdown;
use chatcrm::{app, http, telegram};
use chrono_tz::Tz;
use clap::{Args, Parser, Subcommand};
use std::process::ExitCode;
use std::sync::Arc;
use teloxide::Bot;
use teloxide::requests::{Request, Requester};

#[derive(Parser)]
#[command(version, about = "A CRM whose whole interface is a Telegram bot")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the Telegram bot: long polling, or a webhook with --webhook-url.
    Run(Box<RunArgs>),
    /// Show or remove the webhook Telegram pushes updates to.
    Webhook(WebhookArgs),
    /// Try the bot in this terminal, without a Telegram token.
    Demo(DemoArgs),
    /// Import contacts from a CSV file, as a member, like sending the file to the bot.
    Import(ImportArgs),
    /// Copy this SQLite base into an empty PostgreSQL database, checking every table's rows.
    MigrateTo(MigrateToArgs),
    /// Measure the speed targets on a generated base.
    #[cfg(feature = "bench")]
    #[command(subcommand)]
    Bench(Bench),
}

#[derive(Args)]
struct ImportArgs {
    /// The CSV file (UTF-8 or Windows-1251; `;`, `,` or tab).
    file: std::path::PathBuf,
    /// The Telegram user id of the member the contacts belong to.
    #[arg(long = "as")]
    member: i64,
    /// What to do with rows already in the base: skip, merge or create.
    #[arg(long, default_value = "skip")]
    duplicates: String,
    /// Where the rejected rows and their reasons are written; next to FILE by default.
    #[arg(long)]
    rejected: Option<std::path::PathBuf>,
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://chatcrm.db")]
    database_url: String,
    #[arg(long, env = "CHATCRM_TIMEZONE", default_value = "Europe/Moscow")]
    time_zone: Tz,
}

#[derive(Args)]
struct MigrateToArgs {
    /// The PostgreSQL database to fill (postgres://user@host/db); it must hold no team yet.
    target: String,
    /// The SQLite base to copy.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://chatcrm.db")]
    database_url: String,
}

#[cfg(feature = "bench")]
#[derive(Subcommand)]
enum Bench {
    /// `/find` latency through the conversation core on the benchmark base.
    Search(BenchSearchArgs),
    /// A scheduler tick's database work (planning pushes, claiming due jobs) over a large base.
    Tick(BenchTickArgs),
    /// The rate of scheduled messages to a fake Bot API, paced to Telegram's limits.
    Outbound(BenchOutboundArgs),
    /// The CSV import of a small file into an empty base, then of a large one.
    Import(BenchImportArgs),
    /// The whole bot under load from simulated members, against a fake Bot API, beside the
    /// same loops answered by a no-op handler (the floor).
    Serve(BenchServeArgs),
    /// `POST /api/leads` over HTTP: leads a second and latency, each lead's message queued.
    Leads(BenchLeadsArgs),
    /// The no-op bot `bench serve` measures the floor with.
    #[command(hide = true)]
    Floor {
        #[arg(long)]
        api_url: url::Url,
    },
}

#[cfg(feature = "bench")]
#[derive(Args)]
struct BenchImportArgs {
    /// Where to import; a fresh temporary SQLite file by default.
    #[arg(long)]
    database_url: Option<String>,
    /// Rows of the first file, imported into an empty base.
    #[arg(long, default_value_t = 10_000)]
    first: usize,
    /// Rows of the second file (one in twenty repeats a row of its own).
    #[arg(long, default_value_t = 100_000)]
    second: usize,
}

#[cfg(feature = "bench")]
#[derive(Args)]
struct BenchLeadsArgs {
    /// Where to store the leads; a fresh temporary SQLite file by default.
    #[arg(long)]
    database_url: Option<String>,
    #[arg(long, default_value_t = 5_000)]
    leads: usize,
    /// Keep-alive connections posting at once.
    #[arg(long, default_value_t = 8)]
    connections: usize,
}

#[cfg(feature = "bench")]
#[derive(Args)]
struct BenchServeArgs {
    /// Where to seed the base (an empty database); a fresh temporary SQLite file by default.
    #[arg(long)]
    database_url: Option<String>,
    #[command(flatten)]
    sizes: bench::base::Sizes,
    #[command(flatten)]
    load: bench::Load,
}

#[cfg(feature = "bench")]
#[derive(Args)]
struct BenchSearchArgs {
    /// Where to seed the base; a fresh temporary SQLite file by default.
    #[arg(long)]
    database_url: Option<String>,
    #[command(flatten)]
    sizes: bench::base::Sizes,
    #[arg(long, default_value_t = 2_000)]
    queries: usize,
}

#[cfg(feature = "bench")]
#[derive(Args)]
struct BenchTickArgs {
    /// Where to seed the base; a fresh temporary SQLite file by default.
    #[arg(long)]
    database_url: Option<String>,
    #[arg(long, default_value_t = 1_000_000)]
    contacts: usize,
    /// Consecutive days whose first tick is timed (each plans a day's birthdays).
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..))]
    days: u32,
    /// Ticks timed on the last day, once it is planned.
    #[arg(long, default_value_t = 200)]
    ticks: usize,
}

#[cfg(feature = "bench")]
#[derive(Args)]
struct BenchOutboundArgs {
    /// Where the reminders are stored; a fresh temporary SQLite file by default.
    #[arg(long)]
    database_url: Option<String>,
    /// Reminders due at once, each to its own chat.
    #[arg(long, default_value_t = 600)]
    messages: usize,
    /// Reminders then due at once to a single chat, to show its spacing.
    #[arg(long, default_value_t = 5)]
    one_chat: usize,
}

#[derive(Args)]
struct Common {
    /// Where the data lives: sqlite://file.db (created on first start) or postgres://…
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://chatcrm.db")]
    database_url: String,
    /// Time zone for dates shown to the team.
    #[arg(long, env = "CHATCRM_TIMEZONE", default_value = "Europe/Moscow")]
    time_zone: Tz,
    #[command(flatten)]
    clock: ClockArgs,
}

/// For demos and tests: a clock that starts elsewhere and runs faster.
#[derive(Args)]
struct ClockArgs {
    /// Start the bot's clock at this instant (RFC 3339, e.g. 2026-11-25T08:55:00+03:00).
    #[arg(long, env = "CHATCRM_CLOCK_START")]
    clock_start: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Run the bot's clock this many times faster than real time (3600: an hour a second).
    #[arg(long, env = "CHATCRM_CLOCK_SPEED", default_value_t = 1.0)]
    clock_speed: f64,
}

impl ClockArgs {
    fn install(&self) -> anyhow::Result<()> {
        if !(self.clock_speed > 0.0 && self.clock_speed <= 1_000_000.0) {
            anyhow::bail!("CHATCRM_CLOCK_SPEED must be above 0 and at most 1000000");
        }
        chatcrm::clock::install(self.clock_start.map(|t| t.to_utc()), self.clock_speed);
        Ok(())
    }
}

#[derive(Args)]
struct RunArgs {
    #[command(flatten)]
    common: Common,
    /// The bot token from @BotFather.
    #[arg(long, env = "TELOXIDE_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Another Bot API server (a self-hosted one, or a test double).
    #[arg(long, env = "TELOXIDE_API_URL")]
    api_url: Option<url::Url>,
    /// Telegram user ids that own the team, comma-separated.
    #[arg(long, env = "CHATCRM_OWNERS", value_delimiter = ',')]
    owners: Vec<i64>,
    /// Take updates by webhook at this public HTTPS URL instead of polling (its path is the
    /// route served); several instances may share it (on PostgreSQL).
    #[arg(long, env = "CHATCRM_WEBHOOK_URL")]
    webhook_url: Option<url::Url>,
    /// The secret Telegram sends with every update (required with a webhook; the same on
    /// every instance).
    #[arg(long, env = "CHATCRM_WEBHOOK_SECRET", hide_env_values = true)]
    webhook_secret: Option<String>,
    /// Where the HTTP listener (webhook, /healthz, /readyz, lead capture) listens; with a
    /// webhook 0.0.0.0:8080 by default, otherwise only when set.
    #[arg(long, env = "CHATCRM_LISTEN")]
    listen: Option<std::net::SocketAddr>,
    /// The team's lead token, set at each start (the owner can see and rotate it in /settings).
    #[arg(long, env = "CHATCRM_LEADS_TOKEN", hide_env_values = true)]
    leads_token: Option<String>,
    /// Leads accepted a minute per token; more are answered 429.
    #[arg(long, env = "CHATCRM_LEADS_PER_MINUTE", default_value_t = 60)]
    leads_per_minute: u32,
    /// The address the web reaches this deployment at, for the lead form's snippet.
    #[arg(long, env = "CHATCRM_PUBLIC_URL")]
    public_url: Option<url::Url>,
    /// Days the messages logged from members' Telegram chats (Telegram Business) are kept.
    #[arg(long, env = "CHATCRM_BUSINESS_RETENTION_DAYS", default_value_t = 365,
          value_parser = clap::value_parser!(u32).range(1..=36500))]
    business_retention_days: u32,
}

#[derive(Args)]
struct WebhookArgs {
    #[command(subcommand)]
    action: WebhookAction,
    #[command(flatten)]
    telegram: TelegramArgs,
}

#[derive(Subcommand)]
enum WebhookAction {
    /// Print the URL Telegram pushes updates to, if any.
    Info,
    /// Remove the webhook (instances that stop leave it in place for the others).
    Delete,
}

#[derive(Args)]
struct TelegramArgs {
    /// The bot token from @BotFather.
    #[arg(long, env = "TELOXIDE_TOKEN", hide_env_values = true)]
    token: String,
    /// Another Bot API server (a self-hosted one, or a test double).
    #[arg(long, env = "TELOXIDE_API_URL")]
    api_url: Option<url::Url>,
}

impl TelegramArgs {
    fn bot(&self) -> Bot {
        let bot = Bot::new(&self.token);
        match &self.api_url {
            Some(api_url) => bot.set_api_url(api_url.clone()),
            None => bot,
        }
    }
}

#[derive(Args)]
struct DemoArgs {
    /// Where the demo keeps its data.
    #[arg(long, default_value = "sqlite://chatcrm-demo.db")]
    database_url: String,
    /// The language the demo user's client speaks: en or ru.
    #[arg(long, default_value = "en")]
    lang: String,
    #[arg(long, env = "CHATCRM_TIMEZONE", default_value = "Europe/Moscow")]
    time_zone: Tz,
    #[command(flatten)]
    clock: ClockArgs,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    // The demo shares the terminal with its log: only problems are worth showing there.
    let default_filter = match cli.command {
        Command::Demo(_) => "warn",
        _ => "info,sqlx=warn",
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| default_filter.into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let result = match cli.command {
        Command::Run(args) => run(*args).await,
        Command::Webhook(args) => run_webhook(args).await,
        Command::Demo(args) => run_demo(args).await,
        Command::Import(args) => run_import(args).await,
        Command::MigrateTo(args) => run_migrate_to(args).await,
        #[cfg(feature = "bench")]
        Command::Bench(command) => run_bench(command).await,
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("chatcrm: {error:#}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(feature = "bench")]
async fn run_bench(command: Bench) -> anyhow::Result<ExitCode> {
    match command {
        Bench::Search(args) => {
            in_bench_database(args.database_url, async |url| {
                bench::search(url, &args.sizes, args.queries).await
            })
            .await
        }
        Bench::Tick(args) => {
            in_bench_database(args.database_url, async |url| {
                bench::tick(url, args.contacts, args.days, args.ticks).await
            })
            .await
        }
        Bench::Import(args) => {
            in_bench_database(args.database_url, async |url| {
                bench::import(url, args.first, args.second).await
            })
            .await
        }
        Bench::Serve(args) => {
            in_bench_database(args.database_url, async |url| {
                bench::serve(url, &args.sizes, &args.load).await
            })
            .await
        }
        Bench::Leads(args) => {
            in_bench_database(args.database_url, async |url| {
                bench::leads(url, args.leads, args.connections.max(1)).await
            })
            .await
        }
        Bench::Floor { api_url } => {
            bench::floor(api_url).await;
            Ok(ExitCode::SUCCESS)
        }
        Bench::Outbound(args) => {
            in_bench_database(args.database_url, async |url| {
                bench::outbound(url, args.messages, args.one_chat).await
            })
            .await
        }
    }
}

async fn run(args: RunArgs) -> anyhow::Result<ExitCode> {
    args.common.clock.install()?;
    let Some(token) = args.token.filter(|t| !t.trim().is_empty()) else {
        eprintln!(
            "chatcrm: TELOXIDE_TOKEN is not set.\n\
             Create a bot with @BotFather in Telegram (send it /newbot), copy the token it gives you, then run:\n\
             \n    TELOXIDE_TOKEN=123456:ABC… cargo run --release -- run\n\
             \nTo try the bot without a token: cargo run --release -- demo"
        );
        return Ok(ExitCode::from(2));
    };
    let webhook = webhook_config(args.webhook_url, args.webhook_secret)?;
    let listen = args.listen;
    let mut bot = Bot::new(token);
    if let Some(api_url) = args.api_url {
        bot = bot.set_api_url(api_url);
    }
    let me = telegram::with_retry("getMe", || bot.get_me().send()).await?;
    tracing::info!(bot = me.username(), "connected to Telegram");
    let config = CoreConfig {
        bot_username: me.username().to_owned(),
        time_zone: args.common.time_zone,
        leads_per_minute: args.leads_per_minute,
        business_retention_days: args.business_retention_days,
        public_url: args.public_url,
    };
    let core = app::open(&args.common.database_url, &args.owners, config).await?;
    if let Some(token) = args.leads_token.filter(|t| !t.trim().is_empty()) {
        app::set_leads_token(core.store(), token.trim()).await?;
    }
    telegram::register_commands(&bot).await?;
    let core = Arc::new(core);
    let shutdown = Shutdown::on_signals();
    // Names this process in the job and update leases it takes.
    let instance = chatcrm::chat::new_link_token();
    tokio::spawn(telegram::register_member_menus(bot.clone(), core.clone()));
    let scheduler = tokio::spawn(telegram::run_scheduler(
        bot.clone(),
        core.clone(),
        instance.clone(),
        shutdown.clone(),
    ));
    match webhook {
        Some((url, secret)) => {
            let server = http::Server::bind(listen.unwrap_or(DEFAULT_LISTEN)).await?;
            telegram::set_webhook(&bot, &url, secret.as_str()).await?;
            tracing::info!(%url, "serving updates by webhook");
            let webhook = http::Webhook {
                bot,
                path: url.path().to_owned(),
                secret,
                instance,
            };
            // Stopping leaves the webhook in place: the other instances serve it.
            server.serve(core.clone(), Some(webhook), shutdown).await?;
        }
        None => {
            let server = match listen {
                Some(listen) => Some(http::Server::bind(listen).await?),
                None => None,
            };
            let server = server
                .map(|server| tokio::spawn(server.serve(core.clone(), None, shutdown.clone())));
            tracing::info!("serving updates");
            telegram::serve(bot, core.clone(), shutdown).await;
            if let Some(server) = server {
                server.await??;
            }
        }
    }
    scheduler.await?;
    core.store().close().await;
    tracing::info!("stopped");
    Ok(ExitCode::SUCCESS)
}

/// Where the HTTP listener listens in webhook mode unless told otherwise.
const DEFAULT_LISTEN: std::net::SocketAddr =
    std::net::SocketAddr::new(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED), 8080);

/// The webhook's URL and secret, if one is asked for: the secret is required with it.
fn webhook_config(
    url: Option<url::Url>,
    secret: Option<String>,
) -> anyhow::Result<Option<(url::Url, http::WebhookSecret)>> {
    let Some(url) = url else {
        return Ok(None);
    };
    let Some(secret) = secret.filter(|secret| !secret.is_empty()) else {
        anyhow::bail!(
            "CHATCRM_WEBHOOK_SECRET is required with a webhook (the same on every instance)"
        );
    };
    let secret = http::WebhookSecret::parse(&secret).map_err(anyhow::Error::msg)?;
    Ok(Some((url, secret)))
}

async fn run_webhook(args: WebhookArgs) -> anyhow::Result<ExitCode> {
    let bot = args.telegram.bot();
    match args.action {
        WebhookAction::Info => match telegram::webhook_url(&bot).await? {
            Some(url) => println!("{url}"),
            None => println!("no webhook: the bot polls"),
        },
        WebhookAction::Delete => {
            telegram::delete_webhook(&bot).await?;
            println!("webhook deleted");
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn run_demo(args: DemoArgs) -> anyhow::Result<ExitCode> {
    args.clock.install()?;
    let Some(lang) = Lang::from_code(&args.lang) else {
        anyhow::bail!("--lang must be en or ru, not {:?}", args.lang);
    };
    let config = CoreConfig {
        bot_username: "chatcrm_demo_bot".to_owned(),
        time_zone: args.time_zone,
        leads_per_minute: 0,
        business_retention_days: chatcrm::chat::BUSINESS_RETENTION_DAYS,
        public_url: None,
    };
    let core = app::open(&args.database_url, &[demo::DEMO_USER_ID], config).await?;
    demo::run(&core, lang, &args.database_url).await?;
    Ok(ExitCode::SUCCESS)
}

async fn run_migrate_to(args: MigrateToArgs) -> anyhow::Result<ExitCode> {
    if !args.database_url.starts_with("sqlite:") {
        anyhow::bail!("the base to copy must be SQLite (DATABASE_URL=sqlite://…)");
    }
    if !args.target.starts_with("postgres") {
        anyhow::bail!("the target must be a PostgreSQL URL (postgres://…)");
    }
    let source = chatcrm::store::Store::connect(&args.database_url).await?;
    let target = chatcrm::store::Store::connect(&args.target).await?;
    let copied = source.copy_into(&target).await?;
    let mut same = true;
    for table in &copied {
        let mark = if table.source_rows == table.target_rows {
            "ok"
        } else {
            same = false;
            "DIFFERENT"
        };
        println!(
            "{:<28} {:>10} {:>10}  {mark}",
            table.name, table.source_rows, table.target_rows
        );
    }
    if !same {
        anyhow::bail!("some tables have other counts in the target: see above");
    }
    println!(
        "copied {} tables; point DATABASE_URL at the target and start the bot",
        copied.len()
    );
    Ok(ExitCode::SUCCESS)
}

async fn run_import(args: ImportArgs) -> anyhow::Result<ExitCode> {
    let duplicates = match args.duplicates.as_str() {
        "skip" => Duplicates::Skip,
        "merge" => Duplicates::Merge,
        "create" => Duplicates::Create,
        other => anyhow::bail!("--duplicates must be skip, merge or create, not {other:?}"),
    };
    let content = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let config = CoreConfig {
        bot_username: String::new(),
        time_zone: args.time_zone,
        leads_per_minute: 0,
        business_retention_days: chatcrm::chat::BUSINESS_RETENTION_DAYS,
        public_url: None,
    };
    let core = chatcrm::chat::Core::new(
        chatcrm::store::Store::connect(&args.database_url).await?,
        config,
    );
    let Some(member) = core.store().member(args.member).await? else {
        anyhow::bail!("{} is not a member of the team", args.member);
    };
    let file_name = args
        .file
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let outcome = match core
        .import_file(&member, &file_name, &content, duplicates)
        .await?
    {
        Ok(outcome) => outcome,
        Err(reason) => {
            eprintln!("chatcrm: {reason}");
            return Ok(ExitCode::FAILURE);
        }
    };
    println!(
        "created {}, merged {}, duplicates skipped {}, rejected {}",
        outcome.created, outcome.merged, outcome.skipped, outcome.rejected
    );
    if let Some(csv) = outcome.rejected_csv {
        let path = args
            .rejected
            .unwrap_or_else(|| args.file.with_extension("rejected.csv"));
        std::fs::write(&path, csv).with_context(|| format!("cannot write {}", path.display()))?;
        println!("rejected rows: {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs a benchmark on `database_url`, or else on a fresh temporary SQLite file deleted
/// afterwards (whether the benchmark succeeded or not).
#[cfg(feature = "bench")]
async fn in_bench_database(
    database_url: Option<String>,
    bench: impl AsyncFnOnce(&str) -> anyhow::Result<()>,
) -> anyhow::Result<ExitCode> {
    let temporary = std::env::temp_dir().join(format!("chatcrm-bench-{}.db", std::process::id()));
    let database_url = database_url.unwrap_or_else(|| format!("sqlite://{}", temporary.display()));
    let result = bench(&database_url).await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", temporary.display()));
    }
    result.map(|()| ExitCode::SUCCESS)
}

//! Bulk seeding for `chatcrm bench tick`: a million contacts in seconds. The rows are generated
//! by the database itself rather than sent one by one through
//! [`Store::create_contacts`], which also indexes every name word, phone and email (the
//! scheduler reads none of those).

use super::Store;
use sqlx::Row;
use std::ops::Range;

const DAY: i64 = 86_400;
/// Clients fall dormant this long after their last interaction (the teams' default).
const DORMANCY: i64 = 30 * DAY;
/// Last interactions are spread over this many seconds before now.
const INTERACTION_SPREAD: i64 = 60 * DAY;
/// The clients that fell dormant this long ago or less are still to be proposed, as after the
/// bot was stopped for two days; the earlier ones were proposed back then.
const UNPLANNED_DORMANCY: i64 = 2 * DAY;

impl Store {
    /// Stores the generated contacts numbered `numbers` for the scheduler benchmark, owned by
    /// `owner_id`, at `now`: "Client <n>", a birthday each (every valid day of the year but
    /// 29 February about equally often), a last interaction spread over the past 60 days, and
    /// every other one a client. A client's dormancy is due 30 days after the interaction: the
    /// ones due in the future and those that fell due in the last two days wait for the
    /// scheduler, older ones are marked proposed, as a running bot would have left them.
    pub async fn seed_scheduler_bench(
        &self,
        team_id: i64,
        owner_id: i64,
        numbers: Range<i64>,
        now: i64,
    ) -> sqlx::Result<()> {
        // 104 729 is a prime, so n · 104 729 mod the spread scatters consecutive contacts over
        // the whole spread.
        sqlx::query(
            "INSERT INTO contacts (team_id, owner_id, name, name_key, sorted_key, created_by, \
             created_at, birth_month, birth_day, converted_at, last_interaction_at, \
             reactivation_due_at, reactivation_proposed_for) \
             WITH RECURSIVE seq (n) AS ( \
                 SELECT $1 UNION ALL SELECT n + 1 FROM seq WHERE n + 1 < $2 \
             ), generated (n, month, is_client, last) AS ( \
                 SELECT n, 1 + n % 12, n % 2 = 0, $3 - (n * 104729) % $6 FROM seq \
             ) \
             SELECT $4, $5, 'Client ' || n, 'client ' || n, n || ' client', $5, $3 - $7, \
             month, 1 + (n / 12) % CASE month WHEN 2 THEN 28 WHEN 4 THEN 30 WHEN 6 THEN 30 \
                 WHEN 9 THEN 30 WHEN 11 THEN 30 ELSE 31 END, \
             CASE WHEN is_client THEN $3 - $7 END, last, \
             CASE WHEN is_client AND last + $8 > $3 - $9 THEN last + $8 END, \
             CASE WHEN is_client AND last + $8 <= $3 - $9 THEN last END \
             FROM generated",
        )
        .bind(numbers.start)
        .bind(numbers.end)
        .bind(now)
        .bind(team_id)
        .bind(owner_id)
        .bind(INTERACTION_SPREAD)
        // Created before any of their interactions.
        .bind(INTERACTION_SPREAD + DAY)
        .bind(DORMANCY)
        .bind(UNPLANNED_DORMANCY)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// How many jobs there are in all, and how many of them are pending and due by `now`: what
    /// the benchmark reports of the queue.
    pub async fn bench_job_counts(&self, now: i64) -> sqlx::Result<(i64, i64)> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS total, \
             COUNT(*) FILTER (WHERE status = 'pending' AND due_at <= $1) AS due FROM jobs",
        )
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        Ok((row.try_get("total")?, row.try_get("due")?))
    }
}

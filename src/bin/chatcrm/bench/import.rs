//! `chatcrm bench import`: the CSV import a team starts with, through the same code as a file
//! sent to the bot: generated files as Russian Excel saves them, into an empty base and then
//! into a base that already holds them in part.

use super::people::{company_name, person};
use super::{BENCH_OWNER, open};
use chatcrm::chat::Duplicates;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::time::Instant;

/// A CSV file of `rows` generated contacts (from the `first`-th person on) with a header in
/// Russian, `;`-separated: name, phones, emails, a company for 60 %, a tag for some. Every
/// `repeat_every`-th row repeats an earlier one of the file.
fn csv(rng: &mut StdRng, first: usize, rows: usize, repeat_every: usize) -> Vec<u8> {
    let mut lines = vec!["ФИО;Телефон;Email;Компания;Теги".to_owned()];
    let mut made: Vec<String> = Vec::new();
    for n in 0..rows {
        if repeat_every > 0 && n % repeat_every == repeat_every - 1 && !made.is_empty() {
            let earlier = made[rng.random_range(0..made.len())].clone();
            lines.push(earlier);
            continue;
        }
        let person = person(rng, first + n);
        let phones: Vec<&str> = person.phones.iter().map(|p| p.as_str()).collect();
        let emails: Vec<&str> = person.emails.iter().map(|e| e.as_str()).collect();
        let company = match rng.random_bool(0.6) {
            true => company_name(rng.random_range(0..3_000)),
            false => String::new(),
        };
        let tag = if n % 7 == 0 { "опт" } else { "" };
        let line = format!(
            "{};{};{};{company};{tag}",
            person.name.as_str(),
            phones.join(", "),
            emails.join(", ")
        );
        made.push(line.clone());
        lines.push(line);
    }
    (lines.join("\r\n") + "\r\n").into_bytes()
}

/// Imports `small` rows into an empty base, then `large` rows more, each as one file through
/// [`chatcrm::chat::Core::import_file`] skipping duplicates, then `large` new rows again with
/// "create anyway" (every row stored, no lookups), and prints the times.
pub async fn import(database_url: &str, small: usize, large: usize) -> anyhow::Result<()> {
    let (core, _) = open(database_url).await?;
    let owner = (core.store().member(BENCH_OWNER).await?)
        .ok_or_else(|| anyhow::anyhow!("the benchmark owner was not created"))?;
    let mut rng = StdRng::seed_from_u64(11);
    println!("import benchmark: CSV files through the import");
    println!(
        "| file | duplicates | rows | into a base of | created | skipped | rejected | time | \
         rows/s |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let mut stored = 0;
    let mut generated = 0;
    for (name, rows, repeat_every, duplicates) in [
        ("first", small, 0, Duplicates::Skip),
        ("second", large, 20, Duplicates::Skip),
        ("third", large, 20, Duplicates::Create),
    ] {
        let content = csv(&mut rng, generated, rows, repeat_every);
        generated += rows;
        let started = Instant::now();
        let outcome = core
            .import_file(&owner, "clients.csv", &content, duplicates)
            .await?
            .map_err(|reason| anyhow::anyhow!("the file was refused: {reason}"))?;
        let took = started.elapsed();
        println!(
            "| {name} | {duplicates:?} | {rows} | {stored} | {} | {} | {} | {:.2} s | {:.0} |",
            outcome.created,
            outcome.skipped,
            outcome.rejected,
            took.as_secs_f64(),
            rows as f64 / took.as_secs_f64()
        );
        stored += outcome.created;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_files_have_a_header_and_every_row() {
        let content = csv(&mut StdRng::seed_from_u64(1), 0, 100, 10);
        let text = String::from_utf8(content).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 101);
        assert!(lines[0].starts_with("ФИО;"));
        assert!(lines[1..].iter().all(|line| line.split(';').count() == 5));
    }
}

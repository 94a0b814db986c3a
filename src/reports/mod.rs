//! Report arithmetic: ABC analysis of clients, the weighted pipeline forecast and small helpers
//! for averages and shares. Pure functions over plain structs that the store fills from SQL;
//! nothing here formats text (that goes through the locales) or touches the database. The
//! charts that draw them are in [`charts`].
//!
//! Money is always integer minor units (kopecks, cents) in `i64`; intermediate sums and products
//! are taken in `i128`, so nothing overflows on the way, and a result that would not fit in `i64`
//! (far beyond any real revenue) saturates. Shares are integer basis points: 1 bp = 0.01 %,
//! 10 000 bp = 100 %.

use chrono::{Datelike, NaiveDate};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;

pub mod charts;
#[cfg(test)]
mod tests;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// Basis points in a whole: 10 000 bp = 100 %.
pub const BP_WHOLE: i64 = 10_000;

/// `num / den` rounded to the nearest integer, halves away from zero (so 2.5 → 3 and −2.5 → −3:
/// "half up" for the non-negative amounts a report sees). `den` must be positive.
fn div_round(num: i128, den: i128) -> i128 {
    debug_assert!(den > 0);
    let quotient = num / den;
    let remainder = num % den;
    if remainder.abs() * 2 >= den {
        quotient + num.signum()
    } else {
        quotient
    }
}

/// Saturates a wide intermediate into `i64`.
fn saturate(value: i128) -> i64 {
    value.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

/// The average of `count` values summing to `total`, rounded half up (halves away from zero);
/// `None` when `count` is not positive. For "average deal" columns: `average_minor(1000, 3)` is 333,
/// `average_minor(1001, 2)` is 501.
pub fn average_minor(total: i64, count: i64) -> Option<i64> {
    (count > 0).then(|| saturate(div_round(i128::from(total), i128::from(count))))
}

/// `part` as a share of `whole` in basis points (1 bp = 0.01 %), rounded half up; `None` when
/// `whole` is not positive. Not capped at 100 %: 3 of 2 is 15 000 bp. For a win rate, a plan's
/// completion, a manager's part of the team's amount.
pub fn share_bp(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| {
        saturate(div_round(
            i128::from(part) * i128::from(BP_WHOLE),
            i128::from(whole),
        ))
    })
}

/// Stage-to-stage conversion of a funnel, in basis points: element `i` is `counts[i]` as a share of
/// `counts[i - 1]`. The first stage has none, and neither has a stage after an empty one.
/// `[200, 50, 10]` → `[None, Some(2500), Some(2000)]`.
pub fn step_conversions_bp(counts: &[u64]) -> Vec<Option<i64>> {
    let clamp = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    (0..counts.len())
        .map(|i| {
            if i == 0 {
                None
            } else {
                share_bp(clamp(counts[i]), clamp(counts[i - 1]))
            }
        })
        .collect()
}

/// Splits `whole` (in bp, normally [`BP_WHOLE`]) between `parts` in proportion to them so the
/// pieces add up to exactly `whole`: each gets its rounded-down share, and the basis points left
/// over go one each to the largest remainders (on equal remainders, to the earlier part).
/// All zeros when the parts sum to zero or less.
fn apportion_bp(parts: &[i128], whole: i64) -> Vec<i64> {
    let total: i128 = parts.iter().sum();
    if total <= 0 {
        return vec![0; parts.len()];
    }
    let whole = i128::from(whole);
    let mut shares: Vec<i128> = parts.iter().map(|p| p * whole / total).collect();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(parts[i] * whole % total));
    let left = whole - shares.iter().sum::<i128>();
    for &i in order.iter().take(usize::try_from(left).unwrap_or(0)) {
        shares[i] += 1;
    }
    shares.into_iter().map(saturate).collect()
}

// ---------------------------------------------------------------------------------------------
// ABC analysis
// ---------------------------------------------------------------------------------------------

/// One client's revenue over the report's period, in minor units of the one currency the whole
/// analysis is in (the query converts or filters currencies; ABC does not mix them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientRevenue {
    pub contact_id: i64,
    pub name: String,
    pub revenue_minor: i64,
}

/// Where the classes end, as cumulative shares of revenue in whole percent:
/// `0 < a_percent < b_percent <= 100`. With the default 80/95, class A brings the first 80 % of
/// revenue, B the next 15 %, C the last 5 %.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AbcThresholds {
    pub a_percent: u8,
    pub b_percent: u8,
}

/// Why thresholds typed by the owner were refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AbcThresholdsError {
    /// Not two whole numbers separated by a slash, such as `80/95`.
    #[error("ABC thresholds are two whole percents separated by a slash, such as 80/95")]
    Format,
    /// The numbers are not `0 < A < B <= 100`.
    #[error("ABC thresholds need 0 < A < B <= 100")]
    Range,
}

impl Default for AbcThresholds {
    fn default() -> Self {
        Self {
            a_percent: 80,
            b_percent: 95,
        }
    }
}

impl AbcThresholds {
    /// Checked constructor: `0 < a_percent < b_percent <= 100`.
    pub fn new(a_percent: u8, b_percent: u8) -> Result<Self, AbcThresholdsError> {
        if a_percent == 0 || a_percent >= b_percent || b_percent > 100 {
            return Err(AbcThresholdsError::Range);
        }
        Ok(Self {
            a_percent,
            b_percent,
        })
    }

    /// Parses the owner's setting: `80/95`, also with spaces or percent signs (`80 % / 95 %`).
    pub fn parse(text: &str) -> Result<Self, AbcThresholdsError> {
        let (a, b) = text.split_once('/').ok_or(AbcThresholdsError::Format)?;
        let number = |part: &str| -> Result<u32, AbcThresholdsError> {
            let part = part.trim();
            let part = part.strip_suffix('%').unwrap_or(part).trim_end();
            if part.is_empty() || !part.bytes().all(|c| c.is_ascii_digit()) {
                return Err(AbcThresholdsError::Format);
            }
            // All digits: only a number too long for u32 fails here, and it is out of range.
            part.parse().map_err(|_| AbcThresholdsError::Range)
        };
        let (a, b) = (number(a)?, number(b)?);
        let a = u8::try_from(a).map_err(|_| AbcThresholdsError::Range)?;
        let b = u8::try_from(b).map_err(|_| AbcThresholdsError::Range)?;
        Self::new(a, b)
    }
}

/// Shown as the owner types it: `80/95`.
impl fmt::Display for AbcThresholds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.a_percent, self.b_percent)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AbcClass {
    A,
    B,
    C,
}

impl AbcClass {
    pub const ALL: [AbcClass; 3] = [AbcClass::A, AbcClass::B, AbcClass::C];

    /// The class letter, the same in every language.
    pub fn letter(self) -> &'static str {
        match self {
            AbcClass::A => "A",
            AbcClass::B => "B",
            AbcClass::C => "C",
        }
    }
}

/// The clients of one class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AbcGroup {
    pub class: AbcClass,
    /// By revenue, largest first; equal revenues by name (case-insensitively), then by id.
    pub clients: Vec<ClientRevenue>,
    /// Their revenue together.
    pub revenue_minor: i64,
    /// Their share of [`AbcReport::total_minor`] in basis points. The three groups' shares add up
    /// to exactly 10 000 (largest-remainder rounding), or are all 0 when there is no revenue.
    pub share_bp: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AbcReport {
    pub thresholds: AbcThresholds,
    pub a: AbcGroup,
    pub b: AbcGroup,
    pub c: AbcGroup,
    /// Revenue of all classified clients (the positive revenues).
    pub total_minor: i64,
    /// Clients whose revenue is zero or negative (refunds exceeding sales): they bring nothing to
    /// rank, so they are in no class and count in no share; listed here, in the same order as the
    /// groups, so a report can say how many there are.
    pub excluded: Vec<ClientRevenue>,
}

impl AbcReport {
    pub fn group(&self, class: AbcClass) -> &AbcGroup {
        match class {
            AbcClass::A => &self.a,
            AbcClass::B => &self.b,
            AbcClass::C => &self.c,
        }
    }

    pub fn groups(&self) -> [&AbcGroup; 3] {
        [&self.a, &self.b, &self.c]
    }

    /// The class of one client; `None` for an excluded or unknown one.
    pub fn class_of(&self, contact_id: i64) -> Option<AbcClass> {
        self.groups()
            .into_iter()
            .find(|g| g.clients.iter().any(|c| c.contact_id == contact_id))
            .map(|g| g.class)
    }

    /// Classified clients, all classes together.
    pub fn client_count(&self) -> usize {
        self.groups().iter().map(|g| g.clients.len()).sum()
    }
}

/// Largest revenue first; equal revenues by name, case-insensitively, then exactly, then by id,
/// so the order never depends on the order rows came in.
fn by_revenue_then_name(x: &ClientRevenue, y: &ClientRevenue) -> Ordering {
    y.revenue_minor
        .cmp(&x.revenue_minor)
        .then_with(|| x.name.to_lowercase().cmp(&y.name.to_lowercase()))
        .then_with(|| x.name.cmp(&y.name))
        .then_with(|| x.contact_id.cmp(&y.contact_id))
}

/// ABC analysis of clients by revenue.
///
/// The rule, exactly:
/// 1. Clients with zero or negative revenue are set aside in [`AbcReport::excluded`].
/// 2. The rest are sorted by revenue, largest first (ties: see [`AbcGroup::clients`]); `T` is
///    their total revenue.
/// 3. Walking down the list, `before` is the revenue of all clients above the current one. A
///    client is **A** while `before / T < a_percent %`, else **B** while `before / T < b_percent %`,
///    else **C** — so the client whose revenue crosses the 80 % line is still A, and the first
///    client is always A. The comparison is exact, in integers: `before·100 < a_percent·T`.
/// 4. Clients with equal revenue always share a class: `before` is taken at the first of them,
///    so alphabetical order never decides a client's class.
pub fn abc(clients: &[ClientRevenue], thresholds: AbcThresholds) -> AbcReport {
    let (mut ranked, mut excluded): (Vec<ClientRevenue>, Vec<ClientRevenue>) =
        clients.iter().cloned().partition(|c| c.revenue_minor > 0);
    ranked.sort_by(by_revenue_then_name);
    excluded.sort_by(by_revenue_then_name);

    let total: i128 = ranked.iter().map(|c| i128::from(c.revenue_minor)).sum();
    let a_line = i128::from(thresholds.a_percent) * total;
    let b_line = i128::from(thresholds.b_percent) * total;

    let mut members: [Vec<ClientRevenue>; 3] = Default::default();
    let mut sums = [0i128; 3];
    let mut before: i128 = 0;
    let mut rest = ranked.as_slice();
    while let Some(first) = rest.first() {
        let ties = rest
            .iter()
            .take_while(|c| c.revenue_minor == first.revenue_minor)
            .count();
        let (group, tail) = rest.split_at(ties);
        let index = if before * 100 < a_line {
            0
        } else if before * 100 < b_line {
            1
        } else {
            2
        };
        let revenue: i128 = group.iter().map(|c| i128::from(c.revenue_minor)).sum();
        members[index].extend_from_slice(group);
        sums[index] += revenue;
        before += revenue;
        rest = tail;
    }

    let shares = apportion_bp(&sums, BP_WHOLE);
    let [a, b, c] = members;
    let group = |class: AbcClass, clients: Vec<ClientRevenue>, i: usize| AbcGroup {
        class,
        clients,
        revenue_minor: saturate(sums[i]),
        share_bp: shares[i],
    };
    AbcReport {
        thresholds,
        a: group(AbcClass::A, a, 0),
        b: group(AbcClass::B, b, 1),
        c: group(AbcClass::C, c, 2),
        total_minor: saturate(total),
        excluded,
    }
}

// ---------------------------------------------------------------------------------------------
// Forecast
// ---------------------------------------------------------------------------------------------

/// An open deal in the pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipelineDeal {
    pub amount_minor: i64,
    pub currency: String,
    /// Percent, 0–100; more counts as 100.
    pub probability: u8,
    pub expected_close: Option<NaiveDate>,
}

/// The pipeline of one month of expected closing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForecastMonth {
    /// `(year, month 1–12)`; `None` for deals without an expected closing date.
    pub month: Option<(i32, u32)>,
    /// Per currency, by currency code: `(currency, total minor, weighted minor)`, where the
    /// weighted sum is Σ amount·probability / 100, rounded half up once for the month (not per
    /// deal, so rounding errors do not pile up).
    pub sums: Vec<(String, i64, i64)>,
}

/// Running sums of one currency: Σ amount and Σ amount·probability (percent).
#[derive(Default)]
struct Sums {
    total: i128,
    weighted_percent: i128,
}

impl Sums {
    fn add(&mut self, deal: &PipelineDeal) {
        let amount = i128::from(deal.amount_minor);
        self.total += amount;
        self.weighted_percent += amount * i128::from(deal.probability.min(100));
    }
}

fn currency_rows(by_currency: BTreeMap<String, Sums>) -> Vec<(String, i64, i64)> {
    by_currency
        .into_iter()
        .map(|(currency, s)| {
            (
                currency,
                saturate(s.total),
                saturate(div_round(s.weighted_percent, 100)),
            )
        })
        .collect()
}

/// The pipeline by month of expected closing: months in ascending order, the deals without a
/// date last; months with no deals are not listed. Currencies are never mixed.
pub fn forecast(deals: &[PipelineDeal]) -> Vec<ForecastMonth> {
    // `(true, 0, 0)` sorts the undated bucket after every month.
    let mut months: BTreeMap<(bool, i32, u32), BTreeMap<String, Sums>> = BTreeMap::new();
    for deal in deals {
        let key = match deal.expected_close {
            Some(date) => (false, date.year(), date.month()),
            None => (true, 0, 0),
        };
        months
            .entry(key)
            .or_default()
            .entry(deal.currency.clone())
            .or_default()
            .add(deal);
    }
    months
        .into_iter()
        .map(|((undated, year, month), by_currency)| ForecastMonth {
            month: (!undated).then_some((year, month)),
            sums: currency_rows(by_currency),
        })
        .collect()
}

/// The whole pipeline per currency, by currency code: `(currency, total minor, weighted minor)`,
/// weighted and rounded like [`forecast`] but over all deals at once — so it may differ by a
/// minor unit from adding up the months' rounded sums; show this one as the total.
pub fn forecast_total(deals: &[PipelineDeal]) -> Vec<(String, i64, i64)> {
    let mut by_currency: BTreeMap<String, Sums> = BTreeMap::new();
    for deal in deals {
        by_currency
            .entry(deal.currency.clone())
            .or_default()
            .add(deal);
    }
    currency_rows(by_currency)
}

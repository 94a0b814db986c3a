//! A segment of contacts, typed as filters: `#vip type:wholesale region:Moscow stage:Proposal
//! manager:Anna after:30d before:2026-01-01 born:12 subscribed` (Russian keywords too:
//! `тип: регион: этап: менеджер: после: до: родились: подписан`). Values with spaces go in
//! quotes: `region:"Nizhny Novgorod"`. Every filter given must hold; no filter is everyone.

mod filter;
#[cfg(test)]
mod props;
mod since;
#[cfg(test)]
mod tests;

pub use filter::SegmentFilter;
pub use since::Since;

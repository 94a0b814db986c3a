//! Sums of money: a whole number of kopecks or cents in a known currency, read from the ways
//! people type prices in chat ("150 000", "1,5 млн ₽", "2500 USD", "15к"). Never a float.

mod amount;
mod currency;
#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;

pub use amount::Money;
pub use currency::Currency;

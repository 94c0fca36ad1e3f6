//! Churn risk: behaviour features at a cut-off, the label "no purchase in the next
//! window", a logistic regression and a decision tree trained on an earlier window and
//! tested on the next.
//!
//! With `H` the holdout (periods) and `O` the period of the last purchase:
//!
//! - **test**: features at the end of period `C1 = O - H` from purchases up to it, label
//!   = no purchase in periods `C1 + 1 ..= O`; customers who had bought by `C1`;
//! - **train**: the same one window earlier: features at `C0 = C1 - H`, label = no
//!   purchase in `C0 + 1 ..= C1`; customers who had bought by `C0`. Nothing after `C1`
//!   is seen in training.
//! - **at risk**: a logistic regression refitted on the test window scores every
//!   customer's features at `O` (the risk of no purchase in the next `H` periods).
//!
//! Features are standardised on the training customers.

use super::rfm::{History, purchases_between, summary_at};

/// The features' names, in the order of [`features_at`].
pub const FEATURES: [&str; 7] = [
    "periods since the last purchase",
    "repeat purchases",
    "purchases in the last window",
    "tenure (periods since the first purchase)",
    "log of the mean purchase value",
    "spend trend (log of last over mean purchase value)",
    "share of periods with a purchase",
];

/// A customer's features at the end of period `end`, with the last `window` periods as
/// the recent window; `None` if the customer had not bought by then.
pub fn features_at(history: &History, end: i64, window: u32) -> Option<Vec<f64>> {
    let rfm = summary_at(history, end)?;
    let upto = history.periods.partition_point(|p| *p <= end);
    let spend = &history.spend[..upto];
    let mean = spend.iter().sum::<f64>() / upto as f64;
    let last = spend.last().copied().unwrap_or(0.0);
    let log1p = |v: f64| v.max(0.0).ln_1p();
    Some(vec![
        rfm.t - rfm.recency,
        f64::from(rfm.frequency),
        f64::from(purchases_between(history, end - i64::from(window), end)),
        rfm.t,
        log1p(mean),
        log1p(last) - log1p(mean),
        upto as f64 / (rfm.t + 1.0),
    ])
}

/// Customers' features at `end` and whether they bought in `end + 1 ..= end + window`.
pub struct Window {
    /// Index into the histories of each row.
    pub index: Vec<usize>,
    /// Features.
    pub x: Vec<Vec<f64>>,
    /// Churned: no purchase in the window after `end`.
    pub churned: Vec<bool>,
    /// Purchases in the window after `end` (the loyalty target).
    pub next_purchases: Vec<f64>,
}

/// The window whose features end at `end`.
pub fn window(customers: &[History], end: i64, window: u32) -> Window {
    let mut w = Window {
        index: Vec::new(),
        x: Vec::new(),
        churned: Vec::new(),
        next_purchases: Vec::new(),
    };
    for (i, h) in customers.iter().enumerate() {
        if let Some(f) = features_at(h, end, window) {
            let next = purchases_between(h, end, end + i64::from(window));
            w.index.push(i);
            w.x.push(f);
            w.churned.push(next == 0);
            w.next_purchases.push(f64::from(next));
        }
    }
    w
}

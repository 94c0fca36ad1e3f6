//! The simple lifetime-value formula: average order value x purchase frequency x
//! retention rate, discounted over the horizon.
//!
//! - average order value: spend over orders (purchase lines; returns left out);
//! - purchase frequency: orders per customer per period since each customer's first
//!   purchase (orders over the sum of customers' `T + 1`);
//! - retention rate: of the customers who bought in a period, the share who bought in
//!   the next one, pooled over every pair of consecutive periods;
//! - `clv = Σ_(k=1..n) aov x frequency x retention^k / (1 + d)^k`, `d` per period.

use super::SimpleClv;
use super::rfm::Histories;

/// The formula and its inputs for the customers of `histories`.
pub fn simple_clv(histories: &Histories, periods: u32, discount: f64) -> SimpleClv {
    let orders: f64 = histories
        .customers
        .iter()
        .map(|h| f64::from(h.orders))
        .sum();
    let spend: f64 = histories.customers.iter().map(|h| h.total_spend).sum();
    let exposure: f64 = histories
        .customers
        .iter()
        .filter_map(|h| h.periods.first())
        .map(|first| (histories.last_period - first + 1) as f64)
        .sum();
    let (mut active, mut kept) = (0u64, 0u64);
    for h in &histories.customers {
        for (i, p) in h.periods.iter().enumerate() {
            if *p < histories.last_period {
                active += 1;
                if h.periods.get(i + 1) == Some(&(p + 1)) {
                    kept += 1;
                }
            }
        }
    }
    let aov = if orders > 0.0 { spend / orders } else { 0.0 };
    let frequency = if exposure > 0.0 {
        orders / exposure
    } else {
        0.0
    };
    let retention = if active > 0 {
        kept as f64 / active as f64
    } else {
        0.0
    };
    let clv = (1..=periods)
        .map(|k| aov * frequency * retention.powi(k as i32) / (1.0 + discount).powi(k as i32))
        .sum();
    SimpleClv {
        average_order_value: aov,
        purchase_frequency: frequency,
        retention_rate: retention,
        periods,
        discount_rate: discount,
        clv,
    }
}

//! The simple lifetime-value formula: average order value x purchase frequency x
//! retention rate, discounted over the horizon.
//!
//! The history is cut into windows of `holdout` periods ending at the last period (the
//! churn windows' length), and a customer is *active* in a window with a purchase in it:
//!
//! - average order value: spend over orders (purchase lines; returns left out);
//! - purchase frequency: orders per active customer per period, pooled over the windows;
//! - retention rate (per period): the share of customers active in one window who are
//!   active in the next, pooled over consecutive windows, to the power `1 / holdout`;
//! - `clv = Σ_(k=1..n) aov x frequency x retention^k / (1 + d)^k`, `d` per period, `n`
//!   the horizon.
//!
//! With fewer than two whole windows, the window is one period.

use super::SimpleClv;
use super::rfm::{Histories, purchases_between};

/// The formula and its inputs for the customers of `histories`.
pub fn simple_clv(histories: &Histories, holdout: u32, periods: u32, discount: f64) -> SimpleClv {
    let orders: f64 = histories
        .customers
        .iter()
        .map(|h| f64::from(h.orders))
        .sum();
    let purchase_periods: f64 = histories
        .customers
        .iter()
        .map(|h| h.periods.len() as f64)
        .sum();
    let spend: f64 = histories.customers.iter().map(|h| h.total_spend).sum();
    let span = histories.last_period - histories.first_period + 1;
    let window = if span >= 2 * i64::from(holdout) {
        i64::from(holdout)
    } else {
        1
    };
    let windows = span / window;
    let (mut active, mut kept, mut bought) = (0u64, 0u64, 0u64);
    for h in &histories.customers {
        let mut later_active = false;
        for j in 0..windows {
            let end = histories.last_period - j * window;
            let n = purchases_between(h, end - window, end);
            if n > 0 {
                bought += u64::from(n);
            }
            if j > 0 && n > 0 {
                active += 1;
                kept += u64::from(later_active);
            }
            later_active = n > 0;
        }
    }
    let active_windows: u64 = histories
        .customers
        .iter()
        .map(|h| {
            (0..windows)
                .filter(|j| {
                    let end = histories.last_period - j * window;
                    purchases_between(h, end - window, end) > 0
                })
                .count() as u64
        })
        .sum();
    let aov = if orders > 0.0 { spend / orders } else { 0.0 };
    let orders_per_purchase = if purchase_periods > 0.0 {
        orders / purchase_periods
    } else {
        0.0
    };
    let frequency = if active_windows > 0 {
        bought as f64 * orders_per_purchase / (active_windows as f64 * window as f64)
    } else {
        0.0
    };
    let retention = if active > 0 {
        (kept as f64 / active as f64).powf(1.0 / window as f64)
    } else {
        0.0
    };
    let clv = (1..=periods)
        .map(|k| aov * frequency * (retention / (1.0 + discount)).powf(f64::from(k)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::TimeUnit;
    use crate::value::rfm::History;

    #[test]
    fn a_customer_who_always_comes_back_is_retained() {
        let always = History {
            customer: 0,
            periods: (0..8).collect(),
            spend: vec![10.0; 8],
            orders: 8,
            total_spend: 80.0,
            last_day: 7,
        };
        let once = History {
            customer: 1,
            periods: vec![0],
            spend: vec![10.0],
            orders: 1,
            total_spend: 10.0,
            last_day: 0,
        };
        let h = Histories {
            unit: TimeUnit::Days,
            customers: vec![always, once],
            last_period: 7,
            first_period: 0,
            last_day: 7,
            returns: 0,
            only_returns: 0,
            ..Histories::default()
        };
        let c = simple_clv(&h, 2, 3, 0.0);
        assert_eq!(c.average_order_value, 10.0);
        // Windows (5, 7], (3, 5], (1, 3], (-1, 1]: the first customer is active in all
        // and retained from each to the next; the second is active in the first window
        // only and not retained: 3 of 4.
        let rho = 0.75f64.sqrt();
        assert!((c.retention_rate - rho).abs() < 1e-15);
        // 9 purchases in 5 active windows of 2 periods.
        assert!((c.purchase_frequency - 0.9).abs() < 1e-15);
        assert!((c.clv - 9.0 * (rho + rho * rho + rho.powi(3))).abs() < 1e-12);
    }
}

//! Customers' purchase histories in periods, and the RFM summary in lifetimes'
//! convention (`summary_data_from_transaction_data`, `calibration_and_holdout_data`).
//!
//! A customer makes at most one purchase per period: the purchase lines of one period
//! are one purchase, whose value is the sum of their amounts (lifetimes sums a period's
//! monetary values). Returns and cancellations ([`Orders::returned`]) are no purchases
//! and are left out; spend is therefore gross of returns. Lines with a zero or negative
//! amount that are not returns still make a purchase period (they are orders), and their
//! amounts are summed like any other.
//!
//! - `frequency`: purchase periods after the first (repeat purchases);
//! - `recency`: periods from the first purchase to the last;
//! - `T`: periods from the first purchase to the end of the observation;
//! - `monetary`: the mean value of the repeat purchases (0 without one).

use super::TimeUnit;
use crate::control::{Control, Interrupted, Progress, Stage};
use crate::orders::{Orders, day_of};
use chrono::{Datelike, NaiveDate};

/// Purchase lines read between checkpoints.
const LINES: usize = 1 << 16;

/// The period of a day (days since 1970-01-01) in `unit`: the day itself, the week
/// starting on Monday (1969-12-29 is week 0), or the month (year * 12 + month - 1).
pub fn period_of_day(day: i64, unit: TimeUnit) -> i64 {
    match unit {
        TimeUnit::Days => day,
        TimeUnit::Weeks => (day + 3).div_euclid(7),
        TimeUnit::Months => {
            let date = NaiveDate::from_ymd_opt(1970, 1, 1)
                .and_then(|d| d.checked_add_signed(chrono::TimeDelta::days(day)));
            date.map_or(0, |d| i64::from(d.year()) * 12 + i64::from(d.month0()))
        }
    }
}

/// The last day of a period (days since 1970-01-01).
pub fn last_day_of_period(period: i64, unit: TimeUnit) -> i64 {
    match unit {
        TimeUnit::Days => period,
        TimeUnit::Weeks => period * 7 - 3 + 6,
        TimeUnit::Months => {
            let next = period + 1;
            let (year, month0) = (next.div_euclid(12), next.rem_euclid(12));
            let epoch = NaiveDate::from_ymd_opt(1970, 1, 1);
            i32::try_from(year)
                .ok()
                .and_then(|y| NaiveDate::from_ymd_opt(y, month0 as u32 + 1, 1))
                .zip(epoch)
                .map_or(0, |(first, epoch)| (first - epoch).num_days() - 1)
        }
    }
}

/// One customer's purchases: the periods with a purchase, ascending, and what was
/// spent in each.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct History {
    /// The customer (dense id of [`Orders`]).
    pub customer: u32,
    /// Periods with a purchase, ascending.
    pub periods: Vec<i64>,
    /// Spend in each of those periods.
    pub spend: Vec<f64>,
    /// Distinct orders bought (not returns).
    pub orders: u32,
    /// Total spend (purchase lines).
    pub total_spend: f64,
    /// Day of the last purchase.
    pub last_day: i64,
}

/// Every customer with a purchase, by dense customer id order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Histories {
    /// The unit of the periods.
    pub unit: TimeUnit,
    /// One entry per customer with a purchase.
    pub customers: Vec<History>,
    /// The end of the observation: the period of the last purchase, or of the day the
    /// observation was cut at.
    pub last_period: i64,
    /// The period of the first purchase.
    pub first_period: i64,
    /// The last day observed: of the last purchase, or the day the observation was cut
    /// at.
    pub last_day: i64,
    /// Purchase lines after the day the observation was cut at, left out.
    pub after_end: u64,
    /// Customers whose purchases all come after that day, left out.
    pub after_end_customers: usize,
    /// Return lines left out (in the observation).
    pub returns: u64,
    /// Customers who only returned (in the observation).
    pub only_returns: usize,
}

impl Histories {
    /// Reads the purchases of `orders`, with a checkpoint every [`LINES`] lines
    /// ([`Stage::Features`], units: purchase lines).
    pub async fn from_orders<C: Control>(
        orders: &Orders,
        unit: TimeUnit,
        control: &mut C,
    ) -> Result<Self, Interrupted> {
        Self::observed(orders, unit, None, control).await
    }

    /// Reads the purchases of `orders` up to the day `until` (days since 1970-01-01;
    /// all of them when `None`), and ends the observation with its period, as lifetimes'
    /// `observation_period_end` does.
    pub async fn observed<C: Control>(
        orders: &Orders,
        unit: TimeUnit,
        until: Option<i64>,
        control: &mut C,
    ) -> Result<Self, Interrupted> {
        let n = orders.customer_count();
        let mut after_end = 0u64;
        let mut lines: Vec<(u32, i64, u32, f64, i64)> = orders
            .purchases()
            .filter(|&i| {
                let after = until.is_some_and(|until| day_of(orders.date[i]) > until);
                after_end += u64::from(after);
                !after
            })
            .map(|i| {
                let day = day_of(orders.date[i]);
                (
                    orders.customer[i],
                    period_of_day(day, unit),
                    orders.order[i],
                    orders.amount[i],
                    day,
                )
            })
            .collect();
        let total = lines.len() as u64;
        control
            .checkpoint(Progress {
                stage: Stage::Features,
                done: 0,
                total: Some(total),
            })
            .await?;
        lines.sort_unstable_by_key(|l| (l.0, l.1, l.2));
        let mut customers: Vec<History> = Vec::new();
        // The current customer's orders, one per line, counted distinct by a sort when
        // the customer ends (one customer may have tens of thousands).
        let mut their_orders: Vec<u32> = Vec::new();
        for (i, &(customer, period, order, amount, day)) in lines.iter().enumerate() {
            if i % LINES == 0 && i > 0 {
                control
                    .checkpoint(Progress {
                        stage: Stage::Features,
                        done: i as u64,
                        total: Some(total),
                    })
                    .await?;
            }
            if customers.last().is_none_or(|h| h.customer != customer) {
                if let Some(h) = customers.last_mut() {
                    h.orders = distinct(&mut their_orders);
                }
                customers.push(History {
                    customer,
                    ..History::default()
                });
            }
            let Some(h) = customers.last_mut() else {
                continue;
            };
            if h.periods.last() == Some(&period) {
                if let Some(s) = h.spend.last_mut() {
                    *s += amount;
                }
            } else {
                h.periods.push(period);
                h.spend.push(amount);
            }
            their_orders.push(order);
            h.total_spend += amount;
            h.last_day = h.last_day.max(day);
        }
        if let Some(h) = customers.last_mut() {
            h.orders = distinct(&mut their_orders);
        }
        // Customers with a line (a purchase or a return) in the observation, and those
        // whose purchases all come after it.
        let observed = |i: usize| until.is_none_or(|until| day_of(orders.date[i]) <= until);
        let (mut any, mut later) = (vec![false; n], vec![false; n]);
        let mut returns = 0u64;
        for (i, &c) in orders.customer.iter().enumerate() {
            let slot = if observed(i) {
                returns += u64::from(orders.returned[i]);
                any.get_mut(c as usize)
            } else if !orders.returned[i] {
                later.get_mut(c as usize)
            } else {
                None
            };
            if let Some(slot) = slot {
                *slot = true;
            }
        }
        let with_lines = any.iter().filter(|a| **a).count();
        let after_end_customers = later
            .iter()
            .zip(&any)
            .filter(|(later, any)| **later && !**any)
            .count();
        let last_period = match until {
            Some(until) => period_of_day(until, unit),
            None => customers
                .iter()
                .filter_map(|h| h.periods.last())
                .copied()
                .max()
                .unwrap_or(0),
        };
        let last_day = match until {
            Some(until) => until,
            None => customers.iter().map(|h| h.last_day).max().unwrap_or(0),
        };
        Ok(Histories {
            unit,
            last_period,
            first_period: customers
                .iter()
                .filter_map(|h| h.periods.first())
                .copied()
                .min()
                .unwrap_or(0),
            last_day,
            after_end,
            after_end_customers,
            returns,
            only_returns: with_lines.saturating_sub(customers.len()),
            customers,
        })
    }
}

/// The number of distinct values in `values`, which it empties.
fn distinct(values: &mut Vec<u32>) -> u32 {
    values.sort_unstable();
    values.dedup();
    let n = u32::try_from(values.len()).unwrap_or(u32::MAX);
    values.clear();
    n
}

/// A customer's RFM summary in lifetimes' convention.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rfm {
    /// Repeat purchase periods.
    pub frequency: u32,
    /// Periods from the first purchase to the last.
    pub recency: f64,
    /// Periods from the first purchase to the end.
    pub t: f64,
    /// Mean value of the repeat purchases (0 without one).
    pub monetary: f64,
}

impl Rfm {
    /// The summary with recency and T in units of `per_unit` periods (lifetimes'
    /// `freq_multiplier`: days / 7 for weeks of 7 days).
    pub fn in_units(self, per_unit: u32) -> Rfm {
        if per_unit == 1 {
            return self;
        }
        let per_unit = f64::from(per_unit);
        Rfm {
            recency: self.recency / per_unit,
            t: self.t / per_unit,
            ..self
        }
    }
}

/// A customer's summary at the end of period `end` (inclusive), from the purchases up
/// to it; `None` when the customer had not bought by then.
pub fn summary_at(history: &History, end: i64) -> Option<Rfm> {
    let upto = history.periods.partition_point(|p| *p <= end);
    if upto == 0 {
        return None;
    }
    let first = history.periods[0];
    let last = history.periods[upto - 1];
    let frequency = upto - 1;
    let monetary = if frequency > 0 {
        history.spend[1..upto].iter().sum::<f64>() / frequency as f64
    } else {
        0.0
    };
    Some(Rfm {
        frequency: u32::try_from(frequency).unwrap_or(u32::MAX),
        recency: (last - first) as f64,
        t: (end - first) as f64,
        monetary,
    })
}

/// Purchase periods in `(from, to]`.
pub fn purchases_between(history: &History, from: i64, to: i64) -> u32 {
    let a = history.periods.partition_point(|p| *p <= from);
    let b = history.periods.partition_point(|p| *p <= to);
    u32::try_from(b.saturating_sub(a)).unwrap_or(u32::MAX)
}

/// A customer in lifetimes' `calibration_and_holdout_data`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CalibrationRow {
    /// Index into [`Histories::customers`].
    pub index: usize,
    /// The summary at the end of the calibration period.
    pub calibration: Rfm,
    /// Purchase periods in the holdout.
    pub frequency_holdout: u32,
    /// Periods in the holdout.
    pub duration_holdout: f64,
}

/// The customers who bought by `calibration_end`, summarised at it, with their purchase
/// periods up to `observation_end`.
pub fn calibration_and_holdout(
    histories: &Histories,
    calibration_end: i64,
    observation_end: i64,
) -> Vec<CalibrationRow> {
    histories
        .customers
        .iter()
        .enumerate()
        .filter_map(|(index, h)| {
            summary_at(h, calibration_end).map(|calibration| CalibrationRow {
                index,
                calibration,
                frequency_holdout: purchases_between(h, calibration_end, observation_end),
                duration_holdout: (observation_end - calibration_end) as f64,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> i64 {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("date");
        (NaiveDate::from_ymd_opt(y, m, d).expect("date") - epoch).num_days()
    }

    #[test]
    fn periods_follow_pandas() {
        // 1970-01-01 was a Thursday: its week started on Monday 1969-12-29.
        assert_eq!(period_of_day(0, TimeUnit::Weeks), 0);
        assert_eq!(period_of_day(-3, TimeUnit::Weeks), 0);
        assert_eq!(period_of_day(-4, TimeUnit::Weeks), -1);
        assert_eq!(period_of_day(4, TimeUnit::Weeks), 1);
        assert_eq!(last_day_of_period(0, TimeUnit::Weeks), 3);
        let feb = period_of_day(day(2024, 2, 10), TimeUnit::Months);
        assert_eq!(feb, 2024 * 12 + 1);
        assert_eq!(last_day_of_period(feb, TimeUnit::Months), day(2024, 2, 29));
        assert_eq!(last_day_of_period(7, TimeUnit::Days), 7);
    }

    #[test]
    fn summary_counts_repeat_periods() {
        let h = History {
            customer: 0,
            periods: vec![10, 12, 20],
            spend: vec![5.0, 7.0, 9.0],
            ..History::default()
        };
        let s = summary_at(&h, 25).expect("bought");
        assert_eq!(s.frequency, 2);
        assert_eq!((s.recency, s.t, s.monetary), (10.0, 15.0, 8.0));
        let s = summary_at(&h, 11).expect("bought");
        assert_eq!(
            (s.frequency, s.recency, s.t, s.monetary),
            (0, 0.0, 1.0, 0.0)
        );
        assert_eq!(summary_at(&h, 9), None);
        assert_eq!(purchases_between(&h, 10, 20), 2);
    }

    /// Counts checkpoints.
    struct Counting(usize);

    impl Control for Counting {
        async fn checkpoint(&mut self, _: Progress) -> Result<(), Interrupted> {
            self.0 += 1;
            Ok(())
        }
    }

    #[test]
    // A native test: the clock is there (it is not in wasm32).
    #[allow(clippy::disallowed_methods)]
    fn a_customer_with_200_000_orders_is_read_in_linear_time_with_checkpoints() {
        // Customer "a": 200,000 orders, one line each; "b": one order of two lines.
        let n = 200_000u32;
        let mut orders = Orders {
            customer: vec![0; n as usize],
            order: (0..n).collect(),
            date: (0..n)
                .map(|i| i64::from(i % 700) * crate::orders::DAY)
                .collect(),
            customer_names: vec!["a".to_owned(), "b".to_owned()],
            order_count: n + 1,
            ..Orders::default()
        };
        orders.customer.extend([1, 1]);
        orders.order.extend([n, n]);
        orders.date.extend([0, 0]);
        let lines = orders.customer.len();
        orders.quantity = vec![1.0; lines];
        orders.amount = vec![1.0; lines];
        orders.returned = vec![false; lines];
        let mut control = Counting(0);
        let start = std::time::Instant::now();
        let h = pollster::block_on(Histories::from_orders(
            &orders,
            TimeUnit::Days,
            &mut control,
        ))
        .expect("not interrupted");
        // Comparing each order with the customer's earlier ones took 2e10 comparisons.
        let took = start.elapsed();
        assert!(took < std::time::Duration::from_secs(10), "{took:?}");
        assert_eq!(h.customers[0].orders, n);
        assert_eq!(h.customers[0].periods.len(), 700);
        assert_eq!(h.customers[1].orders, 1);
        assert!(control.0 >= 4, "{} checkpoints", control.0);
    }
}

//! Who bought what in the period, and for how much: the purchase lines (returns and
//! cancellations are no purchases) of the last `period_days` calendar days of the log,
//! gathered into each customer's items with their spend, and who bought anything at all
//! (the customers compared).

use super::params::Level;
use crate::orders::{AmountSource, NONE, Orders, day_of};
use crate::recommend::matrix::Interactions;

/// The period compared: calendar days `first..=last` (days since 1970-01-01), the last
/// `days` days of the log or fewer when the log is shorter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Period {
    /// Its first day.
    pub first: i64,
    /// Its last day, the log's last.
    pub last: i64,
    /// The days asked for, or `None` for the whole log.
    pub days: Option<u32>,
}

impl Period {
    /// The days it spans.
    pub fn span(&self) -> i64 {
        self.last - self.first + 1
    }
}

/// Each customer's items in the period with the money spent on each, in sparse rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Purchases {
    /// Row `c` is `ptr[c]..ptr[c + 1]`.
    ptr: Vec<usize>,
    /// The items, sorted and distinct within a row.
    items: Vec<u32>,
    /// The money spent on each (the sum of its purchase lines' amounts).
    spend: Vec<f64>,
    /// The item names.
    pub names: Vec<String>,
    /// The level the items are at (after falling back when the log lacks a column).
    pub level: Level,
    /// Whether the amounts are money (the log has a money column).
    pub money: bool,
    /// Whether each customer bought anything in the period.
    pub active: Vec<bool>,
    /// The period.
    pub period: Period,
}

/// Which column holds the items, after the fallback; the note when it fell back.
pub fn item_column(orders: &Orders, level: Level) -> Option<(&[u32], &[String], Level, bool)> {
    let products = orders
        .product
        .as_deref()
        .map(|p| (p, orders.product_names.as_slice(), Level::Product));
    let categories = orders
        .category
        .as_deref()
        .map(|c| (c, orders.category_names.as_slice(), Level::Category));
    let (first, second) = match level {
        Level::Category => (categories, products),
        Level::Product => (products, categories),
    };
    match (first, second) {
        (Some((column, names, level)), _) => Some((column, names, level, false)),
        (None, Some((column, names, level))) => Some((column, names, level, true)),
        (None, None) => None,
    }
}

impl Purchases {
    /// The purchases of `orders` in the last `days` days (all when `None`), at `level`;
    /// `None` when the log has no product or category column. Work: one pass over the
    /// lines and a sort of each customer's lines by item.
    pub fn collect(orders: &Orders, level: Level, days: Option<u32>) -> Option<Self> {
        let (column, names, level, _) = item_column(orders, level)?;
        let last = orders.last_date().map_or(0, day_of);
        let earliest = orders.date.iter().copied().min().map_or(last, day_of);
        // The period never starts before the log does, so that its span is the days
        // the figures cover.
        let first = match days {
            Some(days) => (last - i64::from(days) + 1).max(earliest),
            None => earliest,
        };
        let customers = orders.customer_count();
        let mut active = vec![false; customers];
        let mut counts = vec![0usize; customers + 1];
        let in_period = |line: usize| day_of(orders.date[line]) >= first;
        for (line, &item) in column.iter().enumerate() {
            if orders.returned[line] || !in_period(line) {
                continue;
            }
            let c = orders.customer[line] as usize;
            active[c] = true;
            if item != NONE {
                counts[c + 1] += 1;
            }
        }
        for c in 0..customers {
            counts[c + 1] += counts[c];
        }
        let mut next = counts.clone();
        let mut lines = vec![(0u32, 0.0f64); counts[customers]];
        for (line, &item) in column.iter().enumerate() {
            if orders.returned[line] || !in_period(line) || item == NONE {
                continue;
            }
            let c = orders.customer[line] as usize;
            lines[next[c]] = (item, orders.amount[line]);
            next[c] += 1;
        }
        let mut out = Self {
            ptr: Vec::with_capacity(customers + 1),
            items: Vec::new(),
            spend: Vec::new(),
            names: names.to_vec(),
            level,
            money: orders.amount_source != AmountSource::OnePerLine,
            active,
            period: Period { first, last, days },
        };
        out.ptr.push(0);
        for c in 0..customers {
            let row = &mut lines[counts[c]..counts[c + 1]];
            // Stable, so equal items keep file order and sum as the lines come.
            row.sort_by_key(|&(item, _)| item);
            for &(item, amount) in row.iter() {
                if out.items.len() > out.ptr[c] && out.items.last() == Some(&item) {
                    if let Some(spend) = out.spend.last_mut() {
                        *spend += amount;
                    }
                } else {
                    out.items.push(item);
                    out.spend.push(amount);
                }
            }
            out.ptr.push(out.items.len());
        }
        Some(out)
    }

    /// Number of customers (of the log, active or not).
    pub fn customers(&self) -> usize {
        self.ptr.len().saturating_sub(1)
    }

    /// Customer `c`'s items and their spend.
    pub fn of(&self, c: usize) -> (&[u32], &[f64]) {
        let range = self.ptr[c]..self.ptr[c + 1];
        (&self.items[range.clone()], &self.spend[range])
    }

    /// Who bought what, for the similarities.
    pub fn interactions(&self) -> Interactions {
        let pairs: Vec<(u32, u32)> = (0..self.customers())
            .flat_map(|c| self.of(c).0.iter().map(move |&i| (c as u32, i)))
            .collect();
        Interactions::from_pairs(self.customers(), self.names.len(), &pairs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "customer,order,date,product,category,amount\n\
        a,1,2024-01-01,tea,drinks,3\n\
        a,2,2024-06-01,tea,drinks,4\n\
        a,2,2024-06-01,cake,food,5\n\
        b,3,2024-06-02,cake,food,-5\n\
        b,4,2024-06-03,milk,drinks,2\n\
        c,5,2023-01-01,tea,drinks,9\n";

    #[test]
    fn sums_spend_per_item_within_the_period_without_returns() {
        let orders = Orders::from_csv(LOG);
        let p = Purchases::collect(&orders, Level::Product, Some(365)).unwrap();
        assert_eq!(p.level, Level::Product);
        let name = |i: &u32| p.names[*i as usize].as_str();
        let (items, spend) = p.of(0);
        let mut a: Vec<(&str, f64)> = items.iter().map(name).zip(spend.iter().copied()).collect();
        a.sort_by(|x, y| x.0.cmp(y.0));
        assert_eq!(a, [("cake", 5.0), ("tea", 7.0)]);
        // b's cake is a return; c bought before the period.
        assert_eq!(p.of(1).0.iter().map(name).collect::<Vec<_>>(), ["milk"]);
        assert_eq!(p.active, [true, true, false]);
        assert_eq!(p.period.span(), 365);
        let whole = Purchases::collect(&orders, Level::Category, None).unwrap();
        assert_eq!(whole.level, Level::Category);
        assert_eq!(whole.active, [true, true, true]);
        assert_eq!(whole.interactions().purchases(), 4);
    }
}

//! A typed, columnar view of a loaded transaction log that every analysis shares.
//!
//! [`Orders::from_dataset`] reads a [`Dataset`] once: per kept line the customer, the
//! order, the date, the product and category, the quantity and the line amount, each as
//! a plain number in its own column, and whether the line is a return or cancellation.
//! Texts (customer ids, product and category names) are kept once each, in small
//! dictionaries indexed by dense ids that count from 0 in order of first appearance.
//!
//! Returns and cancellations are recognised by the rule the load report counts them
//! with ([`crate::ingest::checks::return_rows`]); they stay in the view, flagged, so that analyses can count them, but are
//! no purchases.

use crate::ingest::Dataset;
use crate::ingest::interpret::{self, LineKind, shape};
use crate::ingest::roles::Role;
use crate::ingest::table::{MISSING, Table, TextColumn};
use crate::ingest::values::Values;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// Where the line amounts come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AmountSource {
    /// The amount column.
    Amount,
    /// Quantity times unit price.
    QuantityTimesPrice,
    /// The unit price (no quantity column: one unit per line).
    UnitPrice,
    /// Only an order-level total (on every line of an order, or on its first): each
    /// order's total once, shared evenly among its lines.
    OrderTotal,
    /// No money column: every purchase line counts as 1.
    #[default]
    OnePerLine,
}

/// How the lines are grouped into orders.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OrderSource {
    /// The order column.
    #[default]
    OrderColumn,
    /// No order column: a customer's lines on one calendar day make one order.
    CustomerAndDay,
}

/// The transaction log as typed columns, one entry per kept line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Orders {
    /// Customer of each line (a dense id into [`Orders::customer_names`]).
    pub customer: Vec<u32>,
    /// Order of each line (a dense id, `0..order_count`).
    pub order: Vec<u32>,
    /// Date and time of each line, in seconds since 1970-01-01 00:00 (no time zone).
    pub date: Vec<i64>,
    /// Product of each line (a dense id into [`Orders::product_names`]), if the log has
    /// a product column; `u32::MAX` where the cell is empty.
    pub product: Option<Vec<u32>>,
    /// Category of each line (a dense id into [`Orders::category_names`]), if the log
    /// has a category column; `u32::MAX` where the cell is empty.
    pub category: Option<Vec<u32>>,
    /// Quantity of each line (1 where there is no quantity column or it is empty).
    pub quantity: Vec<f64>,
    /// Money of each line (see [`Orders::amount_source`]); negative on returns.
    pub amount: Vec<f64>,
    /// Whether each line is no purchase: a return or cancellation, a line of an order
    /// whose status does not count (refunded, cancelled...), or a pseudo-product
    /// (postage, fees) unless the user keeps them. See [`Orders::kind`].
    pub returned: Vec<bool>,
    /// What each line is (guests' lines left out are not in the view at all).
    pub kind: Vec<LineKind>,
    /// Customer ids as written in the file, by dense id.
    pub customer_names: Vec<String>,
    /// The value id of each customer (by dense id) in the log's customer column, which
    /// joins ([`crate::ingest::join::Join::customer`]) map extra tables to.
    pub customer_values: Vec<u32>,
    /// Product names by dense id (empty without a product column).
    pub product_names: Vec<String>,
    /// Category names by dense id (empty without a category column).
    pub category_names: Vec<String>,
    /// Number of orders.
    pub order_count: u32,
    /// Where [`Orders::amount`] comes from.
    pub amount_source: AmountSource,
    /// How lines make orders.
    pub order_source: OrderSource,
    /// Things the user should know about how the view was made, in plain words.
    pub notes: Vec<String>,
}

/// A product or category id meaning "no value on this line".
pub const NONE: u32 = u32::MAX;

/// Marks a guest's dense id (keyed by email or phone) until every customer is known.
const GUEST_BIT: u32 = 1 << 31;

/// A count as `u32`, saturating (a log has fewer than 2^31 customers by far).
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Dense ids for a text column's value ids, in order of first appearance.
struct Dictionary {
    /// For each value id (index `id - 1`), the dense id or [`NONE`].
    dense: Vec<u32>,
    names: Vec<String>,
    /// The value id of each dense id.
    ids: Vec<u32>,
}

impl Dictionary {
    fn new(column: &TextColumn) -> Self {
        Self {
            dense: vec![NONE; column.value_count() as usize],
            names: Vec::new(),
            ids: Vec::new(),
        }
    }

    /// The dense id of value id `id` ([`NONE`] for a missing cell).
    fn id(&mut self, column: &TextColumn, id: u32) -> u32 {
        if id == MISSING {
            return NONE;
        }
        let slot = &mut self.dense[id as usize - 1];
        if *slot == NONE {
            *slot = u32::try_from(self.names.len()).unwrap_or(NONE);
            self.names
                .push(column.value(id).unwrap_or_default().to_owned());
            self.ids.push(id);
        }
        *slot
    }
}

/// The number of each value id of `column` in `role`, when the log has that column and
/// it holds numbers.
fn numbers(dataset: &Dataset, role: Role) -> Option<(usize, &Values)> {
    let c = dataset.mapping.column(role)?;
    match dataset.values.get(c)? {
        values @ Values::Numbers(_) => Some((c, values)),
        _ => None,
    }
}

impl Orders {
    /// The orders of a transaction log given as CSV text, for tests anywhere in the crate.
    #[cfg(test)]
    pub(crate) fn from_csv(csv: &str) -> Self {
        let loaded = crate::ingest::load_text(csv, crate::ingest::TableKind::Transactions);
        Self::from_dataset(&loaded.dataset)
    }

    /// Reads the typed view of a loaded transaction log. Lines without a customer or a
    /// readable date (which loading already set aside) are skipped, and so are guests'
    /// lines unless the user keys guests by email or phone.
    pub fn from_dataset(dataset: &Dataset) -> Self {
        let table = &dataset.table;
        let mut orders = Orders::default();
        let (Some(customer_col), Some(date_col)) = (
            dataset.mapping.column(Role::Customer),
            dataset.mapping.column(Role::Date),
        ) else {
            orders
                .notes
                .push("The log has no customer or no date column.".to_owned());
            return orders;
        };
        let customers = &table.columns[customer_col];
        let dates = &table.columns[date_col];
        let date_values = &dataset.values[date_col];
        let column = |role: Role| dataset.mapping.column(role);
        let order_col = column(Role::Order);
        let product_col = column(Role::Product);
        let category_col = column(Role::Category);
        let quantity = numbers(dataset, Role::Quantity);
        let price = numbers(dataset, Role::UnitPrice);
        let amount = numbers(dataset, Role::Amount);
        let order_total = numbers(dataset, Role::OrderTotal).filter(|_| order_col.is_some());
        orders.amount_source = match (amount, quantity, price, order_total) {
            (Some(_), _, _, _) => AmountSource::Amount,
            (None, Some(_), Some(_), _) => AmountSource::QuantityTimesPrice,
            (None, None, Some(_), _) => AmountSource::UnitPrice,
            (None, _, None, Some(_)) => AmountSource::OrderTotal,
            (None, _, None, None) => AmountSource::OnePerLine,
        };
        orders.order_source = if order_col.is_some() {
            OrderSource::OrderColumn
        } else {
            OrderSource::CustomerAndDay
        };
        let kinds = interpret::line_kinds(dataset);
        let guest = interpret::guest_rows(dataset);
        let guest_key = interpret::guest_key(&dataset.mapping, dataset.reading.guests)
            .map(|c| &table.columns[c]);
        // Seconds since midnight of each value of a time-of-day column.
        let time = column(Role::Time).map(|c| {
            let col = &table.columns[c];
            let seconds: Vec<i64> = std::iter::once(0)
                .chain(
                    (1..=col.value_count())
                        .map(|id| col.value(id).and_then(shape::time_of_day).unwrap_or(0)),
                )
                .collect();
            (col, seconds)
        });

        let mut customer_dict = Dictionary::new(customers);
        // Guests keyed by email or phone: dense ids after the customer column's.
        let mut guest_dict = guest_key.map(Dictionary::new);
        let mut product_dict = product_col.map(|c| Dictionary::new(&table.columns[c]));
        let mut category_dict = category_col.map(|c| Dictionary::new(&table.columns[c]));
        let mut order_ids: Vec<u32> = order_col
            .map(|c| vec![NONE; table.columns[c].value_count() as usize])
            .unwrap_or_default();
        let mut by_customer_day: FxHashMap<(u32, i64), u32> = FxHashMap::default();
        let mut product = product_col.map(|_| Vec::with_capacity(table.rows()));
        let mut category = category_col.map(|_| Vec::with_capacity(table.rows()));
        let (mut unreadable_money, mut skipped, mut without_order) = (0u64, 0u64, 0u64);
        // The dataset row of each line, for the refunds and order totals below.
        let mut rows: Vec<usize> = Vec::with_capacity(table.rows());

        for (row, &kind) in kinds.iter().enumerate() {
            if kind == LineKind::Guest {
                continue;
            }
            let customer_id = customers.cells()[row];
            let date_id = dates.cells()[row];
            let Some(when) = date_values.date(date_id) else {
                skipped += 1;
                continue;
            };
            let customer = match (guest[row], guest_key, &mut guest_dict) {
                (true, Some(key), Some(dict)) => dict.id(key, key.cells()[row]),
                _ if customer_id == MISSING => {
                    skipped += 1;
                    continue;
                }
                _ => customer_dict.id(customers, customer_id),
            };
            let customer = if guest[row] {
                // Placed after every customer-column id once all are known (below).
                customer | GUEST_BIT
            } else {
                customer
            };
            // The time column's time of day, where the date has none of its own.
            let midnight = when.time() == chrono::NaiveTime::MIN;
            let seconds = when.and_utc().timestamp()
                + time
                    .as_ref()
                    .filter(|_| midnight)
                    .map_or(0, |(col, secs)| secs[col.cells()[row] as usize]);
            let number = |source: Option<(usize, &Values)>| {
                source.and_then(|(c, values)| values.number(table.columns[c].cells()[row]))
            };
            let q = number(quantity);
            let money = match orders.amount_source {
                AmountSource::Amount => number(amount),
                AmountSource::QuantityTimesPrice => number(price).map(|p| p * q.unwrap_or(1.0)),
                AmountSource::UnitPrice => number(price),
                // Shared among the order's lines below.
                AmountSource::OrderTotal => Some(0.0),
                AmountSource::OnePerLine => Some(1.0),
            };
            if money.is_none() {
                unreadable_money += 1;
            }
            let money = money.unwrap_or(0.0);
            let order_cell = order_col.map(|c| table.columns[c].cells()[row]);
            let next = orders.order_count;
            let order = match order_cell {
                Some(id) if id != MISSING => {
                    let slot = &mut order_ids[id as usize - 1];
                    if *slot == NONE {
                        *slot = next;
                    }
                    *slot
                }
                _ => {
                    without_order += u64::from(order_cell.is_some());
                    *by_customer_day
                        .entry((customer, seconds.div_euclid(DAY)))
                        .or_insert(next)
                }
            };
            if order == next {
                orders.order_count += 1;
            }
            if let (Some(ids), Some(dict), Some(c)) = (&mut product, &mut product_dict, product_col)
            {
                ids.push(dict.id(&table.columns[c], table.columns[c].cells()[row]));
            }
            if let (Some(ids), Some(dict), Some(c)) =
                (&mut category, &mut category_dict, category_col)
            {
                ids.push(dict.id(&table.columns[c], table.columns[c].cells()[row]));
            }
            orders.customer.push(customer);
            orders.order.push(order);
            orders.date.push(seconds);
            orders.quantity.push(q.unwrap_or(1.0));
            orders.amount.push(money);
            orders.returned.push(!kind.is_purchase());
            orders.kind.push(kind);
            rows.push(row);
        }
        // Guests keyed by email or phone get the ids after the customer column's.
        let first_guest = to_u32(customer_dict.names.len());
        for customer in &mut orders.customer {
            if *customer & GUEST_BIT != 0 {
                *customer = first_guest + (*customer & !GUEST_BIT);
            }
        }
        orders.customer_names = customer_dict.names;
        orders.customer_values = customer_dict.ids;
        if let Some(dict) = guest_dict {
            orders.customer_names.extend(dict.names);
            // Guests have no value in the customer column: extra tables cannot join them.
            orders
                .customer_values
                .extend(std::iter::repeat_n(MISSING, dict.ids.len()));
        }
        orders.product = product;
        orders.category = category;
        orders.product_names = product_dict.map(|d| d.names).unwrap_or_default();
        orders.category_names = category_dict.map(|d| d.names).unwrap_or_default();
        if orders.amount_source == AmountSource::OrderTotal
            && let Some(total) = order_total
        {
            orders.share_order_totals(table, total, &rows);
        }
        let refunded = orders.apply_refunds(dataset, &rows);

        let name = |role: Role| {
            column(role)
                .map(|c| format!("{:?}", table.columns[c].name))
                .unwrap_or_default()
        };
        let order_level = column(Role::OrderTotal)
            .filter(|_| orders.amount_source != AmountSource::OrderTotal)
            .map(|_| {
                format!(
                    " {} is an order's total, not a line's, and was not used as a line amount.",
                    name(Role::OrderTotal)
                )
            })
            .unwrap_or_default();
        match orders.amount_source {
            AmountSource::Amount => {
                if !order_level.is_empty() {
                    orders.notes.push(format!(
                        "Line amounts are {}.{order_level}",
                        name(Role::Amount)
                    ));
                }
            }
            AmountSource::QuantityTimesPrice => orders.notes.push(format!(
                "Line amounts are quantity times unit price ({} x {}).{order_level}",
                name(Role::Quantity),
                name(Role::UnitPrice)
            )),
            AmountSource::UnitPrice => orders.notes.push(format!(
                "There is no quantity column: each line counts as one unit at its unit price.\
                 {order_level}"
            )),
            AmountSource::OrderTotal => orders.notes.push(format!(
                "There is no line amount or price: each order's total ({}) is counted once and \
                 shared evenly among its lines.",
                name(Role::OrderTotal)
            )),
            AmountSource::OnePerLine => orders.notes.push(
                "There is no amount or price column: spending counts each purchase line as 1."
                    .to_owned(),
            ),
        }
        if refunded > 0.0 {
            orders.notes.push(format!(
                "Partial refunds of {refunded:.2} in all were taken off the orders they belong to."
            ));
        }
        if orders.order_source == OrderSource::CustomerAndDay {
            orders.notes.push(
                "There is no order column: a customer's lines on one day make one order."
                    .to_owned(),
            );
        } else if without_order > 0 {
            orders.notes.push(format!(
                "{without_order} lines have no order id: a customer's such lines on one day \
                 make one order."
            ));
        }
        if unreadable_money > 0 {
            orders.notes.push(format!(
                "{unreadable_money} lines have no readable amount or price and count as 0."
            ));
        }
        if skipped > 0 {
            orders.notes.push(format!(
                "{skipped} lines without a customer or a readable date were left out."
            ));
        }
        orders
    }

    /// Each order's total (the first number on its lines) shared evenly among its
    /// purchase lines (not its returns, postage or lines of statuses that do not count).
    fn share_order_totals(&mut self, table: &Table, (c, values): (usize, &Values), rows: &[usize]) {
        let cells = table.columns[c].cells();
        let mut totals: Vec<Option<f64>> = vec![None; self.order_count as usize];
        let mut lines = vec![0u32; self.order_count as usize];
        for (line, &row) in rows.iter().enumerate() {
            let order = self.order[line] as usize;
            lines[order] += u32::from(!self.returned[line]);
            if totals[order].is_none() {
                totals[order] = values.number(cells[row]);
            }
        }
        for (line, amount) in self.amount.iter_mut().enumerate() {
            let order = self.order[line] as usize;
            *amount = if self.returned[line] {
                0.0
            } else {
                totals[order].unwrap_or(0.0) / f64::from(lines[order].max(1))
            };
        }
    }

    /// Takes partial refunds off the purchase lines: a refunded quantity off its line, a
    /// refunded amount off its line, or, where the refund is an order-level figure (on
    /// every line of the order or its first only), off the order's lines in proportion to
    /// their amounts. Returns the money taken off.
    fn apply_refunds(&mut self, dataset: &Dataset, rows: &[usize]) -> f64 {
        let table = &dataset.table;
        let mut taken = 0.0;
        if let Some((c, values)) = numbers(dataset, Role::RefundedQuantity) {
            let cells = table.columns[c].cells();
            for (line, &row) in rows.iter().enumerate() {
                let refunded = values.number(cells[row]).unwrap_or(0.0);
                let q = self.quantity[line];
                if self.returned[line] || refunded <= 0.0 || q <= 0.0 {
                    continue;
                }
                let kept = (q - refunded).max(0.0);
                let before = self.amount[line];
                self.amount[line] *= kept / q;
                self.quantity[line] = kept;
                taken += before - self.amount[line];
            }
        }
        // Where both are given (Magento), the refunded amount is the refunded quantity's
        // money: taking both off would take the refund off twice.
        if numbers(dataset, Role::RefundedQuantity).is_some() {
            return taken;
        }
        let Some((c, values)) = numbers(dataset, Role::RefundedAmount) else {
            return taken;
        };
        let column = &table.columns[c];
        let cells = column.cells();
        let order_level = dataset.mapping.column(Role::Order).is_some_and(|o| {
            matches!(
                shape::spread(&table.columns[o], column, values),
                shape::Spread::Repeated | shape::Spread::FirstLineOnly
            )
        });
        if !order_level {
            for (line, &row) in rows.iter().enumerate() {
                let refunded = values.number(cells[row]).unwrap_or(0.0);
                if self.returned[line] || refunded <= 0.0 {
                    continue;
                }
                let cut = refunded.min(self.amount[line].max(0.0));
                self.amount[line] -= cut;
                taken += cut;
            }
            return taken;
        }
        let orders = self.order_count as usize;
        let mut refund: Vec<Option<f64>> = vec![None; orders];
        let mut gross = vec![0.0; orders];
        for (line, &row) in rows.iter().enumerate() {
            let order = self.order[line] as usize;
            if refund[order].is_none() {
                refund[order] = values.number(cells[row]);
            }
            if !self.returned[line] {
                gross[order] += self.amount[line];
            }
        }
        for line in 0..self.len() {
            let order = self.order[line] as usize;
            let r = refund[order].unwrap_or(0.0);
            if self.returned[line] || r <= 0.0 || gross[order] <= 0.0 {
                continue;
            }
            let share = (r / gross[order]).min(1.0);
            let cut = self.amount[line] * share;
            self.amount[line] -= cut;
            taken += cut;
        }
        taken
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.customer.len()
    }

    /// Whether there are no lines.
    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }

    /// Number of customers.
    pub fn customer_count(&self) -> usize {
        self.customer_names.len()
    }

    /// Number of lines that are returns or cancellations.
    pub fn returns(&self) -> u64 {
        self.returned.iter().filter(|r| **r).count() as u64
    }

    /// The indices of the purchase lines (not returns).
    pub fn purchases(&self) -> impl Iterator<Item = usize> + '_ {
        self.returned
            .iter()
            .enumerate()
            .filter(|(_, r)| !**r)
            .map(|(i, _)| i)
    }

    /// The last date in the data, in seconds (`None` when there are no lines).
    pub fn last_date(&self) -> Option<i64> {
        self.date.iter().copied().max()
    }
}

/// The day number (days since 1970-01-01) of a time in seconds.
pub fn day_of(seconds: i64) -> i64 {
    seconds.div_euclid(DAY)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn orders(csv: &str) -> Orders {
        Orders::from_csv(csv)
    }

    #[test]
    fn reads_typed_columns_with_dense_ids() {
        let o = orders(
            "customer,order,date,product,category,quantity,price\n\
             b,o1,2024-01-02,tea,drinks,2,1.5\n\
             a,o2,2024-01-03,cake,bakery,1,4\n\
             b,o1,2024-01-02,cake,bakery,-1,4\n\
             b,o3,2024-01-05,,drinks,,2\n",
        );
        assert_eq!(o.customer, [0, 1, 0, 0]);
        assert_eq!(o.customer_names, ["b", "a"]);
        assert_eq!(o.order, [0, 1, 0, 2]);
        assert_eq!(o.order_count, 3);
        assert_eq!(o.product, Some(vec![0, 1, 1, NONE]));
        assert_eq!(o.product_names, ["tea", "cake"]);
        assert_eq!(o.category, Some(vec![0, 1, 1, 0]));
        assert_eq!(o.quantity, [2.0, 1.0, -1.0, 1.0]);
        assert_eq!(o.amount, [3.0, 4.0, -4.0, 2.0]);
        assert_eq!(o.returned, [false, false, true, false]);
        assert_eq!(o.returns(), 1);
        assert_eq!(o.purchases().collect::<Vec<_>>(), [0, 1, 3]);
        assert_eq!(o.amount_source, AmountSource::QuantityTimesPrice);
        assert_eq!(day_of(o.date[0]), day_of(o.date[2]));
        assert_eq!(day_of(o.date[1]) - day_of(o.date[0]), 1);
        assert_eq!(o.last_date(), Some(o.date[3]));
    }

    #[test]
    fn without_an_order_column_customer_and_day_make_the_order() {
        let o = orders(
            "customer,date,amount\na,2024-01-02 10:00,5\na,2024-01-02 18:00,6\n\
             b,2024-01-02 10:00,7\na,2024-01-03 09:00,-2\n",
        );
        assert_eq!(o.order, [0, 0, 1, 2]);
        assert_eq!(o.order_source, OrderSource::CustomerAndDay);
        assert_eq!(o.amount_source, AmountSource::Amount);
        assert_eq!(o.returned, [false, false, false, true]);
        assert!(o.notes.iter().any(|n| n.contains("no order column")));
    }

    #[test]
    fn without_money_columns_each_line_counts_one_and_says_so() {
        let o = orders("customer,date\na,2024-01-02\nb,2024-01-03\n");
        assert_eq!(o.amount, [1.0, 1.0]);
        assert_eq!(o.amount_source, AmountSource::OnePerLine);
        assert!(
            o.notes
                .iter()
                .any(|n| n.contains("counts each purchase line as 1"))
        );
    }

    #[test]
    fn c_prefixed_invoices_are_cancellations_where_they_are_the_exception() {
        let o = orders(
            "customer,invoice,date,amount\na,536365,2024-01-02,5\na,C536366,2024-01-03,5\n\
             b,536367,2024-01-03,5\n",
        );
        assert_eq!(o.returned, [false, true, false]);
    }

    #[test]
    fn counts_the_same_returns_as_the_load_report_on_the_demo() {
        let demo = crate::demo::generate(crate::demo::SEED, crate::demo::DemoSize::default());
        let loaded =
            crate::ingest::load_text(&demo.transactions, crate::ingest::TableKind::Transactions);
        let o = Orders::from_dataset(&loaded.dataset);
        let guests = &loaded.report.interpretation.guests;
        assert_eq!(
            o.len() as u64 + guests.lines - guests.keyed,
            loaded.report.kept
        );
        // The report's returns include guests' returns, which the view leaves out.
        let guests = crate::ingest::interpret::guest_rows(&loaded.dataset);
        let returns = crate::ingest::checks::return_rows(
            &loaded.dataset.table,
            &loaded.dataset.values,
            &loaded.dataset.mapping,
        );
        let own = (0..guests.len())
            .filter(|&r| returns[r] && !guests[r])
            .count();
        assert_eq!(o.returns(), own as u64);
        assert_eq!(o.category_names.len(), 8);
    }
}

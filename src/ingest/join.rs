//! Joining an extra table to the transaction log: on the customer id (customer
//! attributes, events, feedback), or, for a table without a customer column, on the
//! order id (an item report without a buyer gets the buyer of its order); and reporting
//! the ids that do not match.

use super::Dataset;
use super::roles::Role;
use super::table::{MISSING, TextColumn};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// How many unmatched ids the report lists.
pub const EXAMPLES: usize = 20;

/// The id an extra table is joined on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum JoinKey {
    /// The customer id: each row belongs to the customer of that id.
    #[default]
    Customer,
    /// The order id, for tables without a customer column: each row belongs to the
    /// customer who placed that order in the transaction log.
    Order,
}

impl JoinKey {
    /// The key an extra table is joined on, and its column: the customer column if it has
    /// one, else the order column; `None` if it has neither.
    pub fn of(extra: &Dataset) -> Option<(JoinKey, usize)> {
        let mapping = &extra.mapping;
        match (mapping.column(Role::Customer), mapping.column(Role::Order)) {
            (Some(column), _) => Some((JoinKey::Customer, column)),
            (None, Some(column)) => Some((JoinKey::Order, column)),
            (None, None) => None,
        }
    }

    /// The role of the key's column.
    pub fn role(self) -> Role {
        match self {
            JoinKey::Customer => Role::Customer,
            JoinKey::Order => Role::Order,
        }
    }
}

/// How an extra table's rows match the transaction log's customers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinReport {
    /// The id the rows were matched on.
    pub key: JoinKey,
    /// The extra table's rows.
    pub rows: u64,
    /// Its rows whose id (customer, or order) is in the transaction log.
    pub matched_rows: u64,
    /// Distinct ids (customer or order) of the extra table.
    pub ids: u64,
    /// Of those, the ones not in the transaction log.
    pub unmatched_ids: u64,
    /// Some unmatched ids, each with the line it first appears on, in file order.
    pub unmatched_examples: Vec<(String, u64)>,
    /// Ids on more than one row (events and feedback have many rows per customer,
    /// attributes one, item tables many per order).
    pub repeated_ids: u64,
    /// Distinct customers in the transaction log.
    pub customers: u64,
    /// Of those, the ones with at least one row in the extra table.
    pub customers_matched: u64,
}

/// An extra table joined to a transaction log.
#[derive(Debug, Clone, PartialEq)]
pub struct Join {
    /// What matched and what did not.
    pub report: JoinReport,
    /// The extra table's key column (customer or order, as `report.key` says).
    pub column: usize,
    /// For each value id of the extra table's key column (index `id - 1`), the value id
    /// of its customer in the transaction log's customer column, or [`MISSING`].
    pub customer: Vec<u32>,
}

/// The id as compared: `17850.0` (a spreadsheet's number format) is `17850`.
fn key(id: &str) -> &str {
    match id.split_once('.') {
        Some((whole, zeros))
            if !whole.is_empty()
                && whole.bytes().all(|b| b.is_ascii_digit())
                && !zeros.is_empty()
                && zeros.bytes().all(|b| b == b'0') =>
        {
            whole
        }
        _ => id,
    }
}

/// The column of `role` of a dataset.
fn column(dataset: &Dataset, role: Role) -> Option<&TextColumn> {
    dataset
        .mapping
        .column(role)
        .and_then(|c| dataset.table.columns.get(c))
}

/// The transaction log's ids of `key` (as compared), each with the value id of its
/// customer: for orders, the customer of the order's first line.
fn customers_by_key<'a>(
    key_kind: JoinKey,
    customers: &'a TextColumn,
    transactions: &'a Dataset,
) -> FxHashMap<&'a str, u32> {
    match key_kind {
        JoinKey::Customer => customers
            .distinct_ids()
            .filter_map(|(id, _)| Some((key(customers.value(id)?), id)))
            .collect(),
        JoinKey::Order => {
            let Some(orders) = column(transactions, Role::Order) else {
                return FxHashMap::default();
            };
            let mut by_key = FxHashMap::default();
            for (&order, &customer) in orders.cells().iter().zip(customers.cells()) {
                if order == MISSING || customer == MISSING {
                    continue;
                }
                if let Some(text) = orders.value(order) {
                    by_key.entry(key(text)).or_insert(customer);
                }
            }
            by_key
        }
    }
}

/// Joins `extra` to `transactions` on the customer id, or, when `extra` has no customer
/// column, on the order id.
pub fn join(transactions: &Dataset, extra: &Dataset) -> Join {
    let empty = TextColumn::default();
    let ours = column(transactions, Role::Customer).unwrap_or(&empty);
    let (key_kind, key_column) = JoinKey::of(extra).unwrap_or((JoinKey::Customer, usize::MAX));
    let theirs = extra.table.columns.get(key_column).unwrap_or(&empty);

    let by_key = customers_by_key(key_kind, ours, transactions);
    let customer: Vec<u32> = (1..=theirs.value_count())
        .map(|id| {
            theirs
                .value(id)
                .and_then(|text| by_key.get(key(text)).copied())
                .unwrap_or(MISSING)
        })
        .collect();

    let mut report = JoinReport {
        key: key_kind,
        rows: theirs.len() as u64,
        matched_rows: 0,
        ids: 0,
        unmatched_ids: 0,
        unmatched_examples: Vec::new(),
        repeated_ids: 0,
        customers: ours.distinct_count() as u64,
        customers_matched: 0,
    };
    let mut covered = vec![false; ours.value_count() as usize];
    for (id, count) in theirs.distinct_ids() {
        report.ids += 1;
        report.repeated_ids += u64::from(count > 1);
        match customer[id as usize - 1] {
            MISSING => report.unmatched_ids += 1,
            ours_id => {
                report.matched_rows += count;
                covered[ours_id as usize - 1] = true;
            }
        }
    }
    report.customers_matched = covered.iter().filter(|c| **c).count() as u64;

    // The first rows of unmatched ids, in file order.
    let mut listed = vec![false; customer.len()];
    for (row, &id) in theirs.cells().iter().enumerate() {
        if report.unmatched_examples.len() == EXAMPLES {
            break;
        }
        if id == MISSING || customer[id as usize - 1] != MISSING || listed[id as usize - 1] {
            continue;
        }
        listed[id as usize - 1] = true;
        let line = extra.table.lines.get(row).copied().unwrap_or_default();
        let text = theirs.value(id).unwrap_or_default().to_owned();
        report.unmatched_examples.push((text, line));
    }
    Join {
        report,
        column: key_column,
        customer,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{TableKind, load_text};

    fn dataset(csv: &str, kind: TableKind) -> Dataset {
        load_text(csv, kind).dataset
    }

    #[test]
    fn reports_matches_and_lists_unmatched_ids_with_their_lines() {
        let orders = dataset(
            "customer,date,amount\n17850,2024-01-02,3\nc2,2024-01-03,4\nc3,2024-01-04,5\n\
             17850,2024-02-01,6\n",
            TableKind::Transactions,
        );
        let feedback = dataset(
            "customer_id,score\n17850.0,5\nx9,1\nc2,4\nx9,2\nc2,3\nx8,3\n",
            TableKind::Extra,
        );
        let joined = join(&orders, &feedback);
        assert_eq!(
            joined.report,
            JoinReport {
                key: JoinKey::Customer,
                rows: 6,
                matched_rows: 3,
                ids: 4,
                unmatched_ids: 2,
                unmatched_examples: vec![("x9".into(), 3), ("x8".into(), 7)],
                repeated_ids: 2,
                customers: 3,
                customers_matched: 2,
            }
        );
        let ours = &orders.table.columns[0];
        let theirs = &feedback.table.columns[0];
        let matched: Vec<Option<&str>> = theirs
            .cells()
            .iter()
            .map(|&id| ours.value(joined.customer[id as usize - 1]))
            .collect();
        assert_eq!(
            matched,
            [Some("17850"), None, Some("c2"), None, Some("c2"), None]
        );
    }

    /// Which log customer each row of the extra table got.
    fn customers_of_rows<'a>(
        log: &'a Dataset,
        extra: &Dataset,
        joined: &Join,
    ) -> Vec<Option<&'a str>> {
        let ours = &log.table.columns[log.mapping.column(Role::Customer).expect("customer")];
        extra.table.columns[joined.column]
            .cells()
            .iter()
            .map(|&id| ours.value(joined.customer[id as usize - 1]))
            .collect()
    }

    const LOG: &str = "customer,order,date,amount\n\
        c1,536365,2024-01-02,3\n\
        c1,536365,2024-01-02,4\n\
        c2,536366,2024-01-03,5\n\
        c1,536367,2024-01-04,6\n\
        c3,536368,2024-01-05,7\n";

    #[test]
    fn an_item_table_without_a_buyer_joins_through_the_order() {
        let log = dataset(LOG, TableKind::Transactions);
        // A Taobao item report: 订单编号 and no buyer; a spreadsheet wrote 536365.0.
        let items = dataset(
            "订单编号,宝贝标题,价格\n536365.0,茶,3\n536366,杯,5\n999,壶,9\n536365,茶,4\n\
             998,壶,1\n999,杯,2\n",
            TableKind::Extra,
        );
        let joined = join(&log, &items);
        assert_eq!(
            joined.report,
            JoinReport {
                key: JoinKey::Order,
                rows: 6,
                matched_rows: 3,
                // As written: 536365.0 and 536365 are two ids of the table, one order.
                ids: 5,
                unmatched_ids: 2,
                unmatched_examples: vec![("999".into(), 4), ("998".into(), 6)],
                repeated_ids: 1,
                customers: 3,
                customers_matched: 2,
            }
        );
        assert_eq!(
            customers_of_rows(&log, &items, &joined),
            [Some("c1"), Some("c2"), None, Some("c1"), None, None]
        );
    }

    #[test]
    fn a_customer_column_beats_an_order_column() {
        let log = dataset(LOG, TableKind::Transactions);
        let feedback = dataset(
            "order,customer,score\n536366,c1,5\n1,c3,4\n",
            TableKind::Extra,
        );
        let joined = join(&log, &feedback);
        assert_eq!(joined.report.key, JoinKey::Customer);
        assert_eq!(
            customers_of_rows(&log, &feedback, &joined),
            [Some("c1"), Some("c3")]
        );
    }

    #[test]
    fn order_ids_match_nothing_in_a_log_without_orders() {
        let log = dataset("customer,date\nc1,2024-01-02\n", TableKind::Transactions);
        let items = dataset("order,price\n536365,3\n", TableKind::Extra);
        let joined = join(&log, &items);
        assert_eq!(joined.report.key, JoinKey::Order);
        assert_eq!(
            (joined.report.matched_rows, joined.report.unmatched_ids),
            (0, 1)
        );
    }

    #[test]
    fn a_table_with_neither_a_customer_nor_an_order_is_refused() {
        let options = crate::ingest::LoadOptions {
            kind: TableKind::Extra,
            ..crate::ingest::LoadOptions::default()
        };
        let csv = "region,score\nnorth,4\n";
        let error = pollster::block_on(crate::ingest::load(
            csv.as_bytes(),
            None,
            &options,
            &mut crate::control::Unattended,
        ))
        .expect_err("no key");
        assert!(matches!(
            error,
            crate::ingest::LoadError::NoKeyColumn { .. }
        ));
        assert_eq!(
            error.to_string(),
            "no column holds customer ids or order ids (the columns are \"region\", \"score\"), \
             so the rows cannot be joined to the orders; name one \"customer\" or \"order\", \
             or choose it in the column mapping"
        );
        assert_eq!(error.choices().len(), 2);
    }

    #[test]
    fn rows_without_the_order_id_are_rejected() {
        let items = crate::ingest::load_text("order,price\n1,3\n,4\n", TableKind::Extra);
        assert_eq!((items.report.kept, items.report.rejected.count), (1, 1));
    }

    #[test]
    fn only_whole_numbers_lose_their_zero_decimals() {
        assert_eq!(key("17850.0"), "17850");
        assert_eq!(key("17850.00"), "17850");
        assert_eq!(key("17850.5"), "17850.5");
        assert_eq!(key("A1.0"), "A1.0");
        assert_eq!(key(".0"), ".0");
        assert_eq!(key("12."), "12.");
    }

    #[test]
    fn lists_at_most_the_examples_limit() {
        let orders = dataset("customer,date\na,2024-01-02\n", TableKind::Transactions);
        let mut csv = String::from("customer,score\n");
        for i in 0..50 {
            csv.push_str(&format!("z{i},1\n"));
        }
        let joined = join(&orders, &dataset(&csv, TableKind::Extra));
        assert_eq!(joined.report.unmatched_ids, 50);
        assert_eq!(joined.report.unmatched_examples.len(), EXAMPLES);
        assert_eq!(joined.report.unmatched_examples[0], ("z0".to_owned(), 2));
        assert_eq!(joined.report.customers_matched, 0);
    }
}

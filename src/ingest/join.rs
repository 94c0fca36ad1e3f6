//! Joining an extra table (customer attributes, events, feedback) to the transaction log
//! on the customer id, and reporting the ids that do not match.

use super::Dataset;
use super::roles::Role;
use super::table::{MISSING, TextColumn};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// How many unmatched ids the report lists.
pub const EXAMPLES: usize = 20;

/// How an extra table's rows match the transaction log's customers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinReport {
    /// The extra table's rows.
    pub rows: u64,
    /// Its rows whose customer id is in the transaction log.
    pub matched_rows: u64,
    /// Distinct customer ids of the extra table.
    pub ids: u64,
    /// Of those, the ones not in the transaction log.
    pub unmatched_ids: u64,
    /// Some unmatched ids, each with the line it first appears on, in file order.
    pub unmatched_examples: Vec<(String, u64)>,
    /// Ids on more than one row (events and feedback have many rows per customer,
    /// attributes one).
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
    /// For each value id of the extra table's customer column (index `id - 1`), the value
    /// id of the same customer in the transaction log, or [`MISSING`].
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

/// The customer column of a dataset (which every loaded dataset has).
fn customers(dataset: &Dataset) -> Option<&TextColumn> {
    dataset
        .mapping
        .column(Role::Customer)
        .and_then(|c| dataset.table.columns.get(c))
}

/// Joins `extra` to `transactions` on their customer columns.
pub fn join(transactions: &Dataset, extra: &Dataset) -> Join {
    let empty = TextColumn::default();
    let ours = customers(transactions).unwrap_or(&empty);
    let theirs = customers(extra).unwrap_or(&empty);

    let by_key: FxHashMap<&str, u32> = ours
        .distinct_ids()
        .filter_map(|(id, _)| Some((key(ours.value(id)?), id)))
        .collect();
    let customer: Vec<u32> = (1..=theirs.value_count())
        .map(|id| {
            theirs
                .value(id)
                .and_then(|text| by_key.get(key(text)).copied())
                .unwrap_or(MISSING)
        })
        .collect();

    let mut report = JoinReport {
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
    Join { report, customer }
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

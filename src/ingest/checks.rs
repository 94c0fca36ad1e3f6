//! Row checks after loading: required values, duplicates, returns. Each value is judged
//! once per distinct value (by its id), not once per row.

use super::TableKind;
use super::delimiter::Delimiter;
use super::reader::{Issues, Problem, RowIssue};
use super::roles::{Mapping, Role};
use super::table::{MISSING, Table, TextColumn};
use super::values::Values;
use rustc_hash::FxHasher;
use std::hash::Hasher;

/// For each value id of `column` (from 1), whether `test` holds for its text.
fn per_value(column: &TextColumn, test: impl Fn(&str) -> bool) -> Vec<bool> {
    (1..=column.value_count())
        .map(|id| column.value(id).is_some_and(&test))
        .collect()
}

/// Whether the value in `row` of `column` passes, by its id in `flags`.
fn flagged(column: &TextColumn, flags: &[bool], row: usize) -> bool {
    let id = column.cells()[row];
    id != MISSING && flags[id as usize - 1]
}

/// Marks the rows a table cannot do without: for an extra table a customer (or, without
/// one, an order, which it is joined on), for a transaction log a readable date (a line
/// without a customer is a guest's, counted as such: see
/// [`super::interpret::guest_rows`]). Rows failing the check are added to `rejected`.
pub fn required(
    table: &Table,
    values: &[Values],
    mapping: &Mapping,
    kind: TableKind,
    delimiter: Delimiter,
    rejected: &mut Issues,
) -> Vec<bool> {
    // An extra table without a customer is joined on its order id, which it needs.
    let customer = mapping
        .column(Role::Customer)
        .or_else(|| mapping.column(Role::Order))
        .filter(|_| kind == TableKind::Extra);
    let date = mapping
        .column(Role::Date)
        .filter(|_| kind == TableKind::Transactions);

    let separator = delimiter.as_char().to_string();
    let issue = |row: usize, column: usize, problem: Problem| RowIssue {
        line: table.lines[row],
        column: Some(table.columns[column].name.clone()),
        problem,
        text: table
            .columns
            .iter()
            .map(|c| c.get(row).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(&separator),
    };
    (0..table.rows())
        .map(|row| {
            if let Some(c) = customer
                && table.columns[c].cells()[row] == MISSING
            {
                rejected.push(issue(row, c, Problem::MissingValue));
                return false;
            }
            if let Some(c) = date {
                let column = &table.columns[c];
                let id = column.cells()[row];
                if id == MISSING {
                    rejected.push(issue(row, c, Problem::MissingValue));
                    return false;
                }
                if values[c].date(id).is_none() {
                    let value = column.get(row).unwrap_or_default().to_owned();
                    let expected = "a date".to_owned();
                    rejected.push(issue(row, c, Problem::Unreadable { value, expected }));
                    return false;
                }
            }
            true
        })
        .collect()
}

/// Kept rows that repeat an earlier kept row exactly (by a 64-bit hash of their cells):
/// the rows less the distinct hashes, counted in the sorted hashes. (Sorting a million
/// hashes took half the time of a hash set of them in V8, and half its memory.)
pub fn duplicates(table: &Table) -> u64 {
    let mut hashes: Vec<u64> = (0..table.rows())
        .map(|row| {
            let mut hasher = FxHasher::default();
            for column in &table.columns {
                hasher.write_u32(column.cells()[row]);
            }
            hasher.finish()
        })
        .collect();
    hashes.sort_unstable();
    let distinct = hashes.chunk_by(|a, b| a == b).count();
    (hashes.len() - distinct) as u64
}

/// Kept rows that are returns or cancellations: see [`return_rows`].
pub fn returns(table: &Table, values: &[Values], mapping: &Mapping) -> u64 {
    return_rows(table, values, mapping)
        .iter()
        .filter(|returned| **returned)
        .count() as u64
}

/// For each row, whether it is a return or cancellation: a negative quantity or amount,
/// or an order id of `C` and a digit where such ids are the exception. The one rule the
/// load report, the orders view and the baskets all use.
pub fn return_rows(table: &Table, values: &[Values], mapping: &Mapping) -> Vec<bool> {
    let negative = |role: Role| {
        mapping.column(role).map(|c| {
            let ids = 1..=table.columns[c].value_count();
            let flags = ids
                .map(|id| values[c].number(id).is_some_and(|v| v < 0.0))
                .collect();
            (c, flags)
        })
    };
    // `C` and digits marks a cancelled invoice (`C536366`) only where invoices are
    // otherwise plain numbers (`536365`): not in a shop whose every order number starts
    // with C, nor among random transaction ids (`C7X2...`).
    let cancelled = mapping.column(Role::Order).and_then(|c| {
        let column = &table.columns[c];
        let digits = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
        let flags = per_value(column, |id| id.strip_prefix(['C', 'c']).is_some_and(digits));
        let plain = column.distinct().filter(|(id, _)| digits(id)).count();
        (plain * 2 > column.distinct_count()).then_some((c, flags))
    });
    let checks: Vec<(usize, Vec<bool>)> =
        [negative(Role::Quantity), negative(Role::Amount), cancelled]
            .into_iter()
            .flatten()
            .collect();
    (0..table.rows())
        .map(|row| {
            checks
                .iter()
                .any(|(c, flags)| flagged(&table.columns[*c], flags, row))
        })
        .collect()
}

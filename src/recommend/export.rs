//! The customer view (search by id, history, segment, recommendations with reasons) and
//! the CSV of every customer's recommendations.

use super::Recommendations;
use super::summary::{CustomerLookup, CustomerView, HistoryLine};
use crate::export::{Cell, CsvFile};
use crate::orders::{NONE, Orders};

/// The most ids a search lists.
pub const MAX_MATCHES: usize = 20;
/// The most history lines a view holds.
pub const MAX_HISTORY: usize = 200;

impl Recommendations {
    /// Looks a customer up by id: the exact match (or the only match) with history and
    /// recommendations, and up to 20 ids that contain `query` (case-insensitive), in
    /// the order of the ids (by code point). `orders` are the orders recommended from.
    pub fn lookup(&self, orders: &Orders, query: &str) -> CustomerLookup {
        let wanted = query.trim();
        let lower = wanted.to_lowercase();
        let mut all: Vec<usize> = orders
            .customer_names
            .iter()
            .enumerate()
            .filter(|(_, name)| name.to_lowercase().contains(&lower))
            .map(|(c, _)| c)
            .collect();
        all.sort_by(|&a, &b| orders.customer_names[a].cmp(&orders.customer_names[b]));
        let exact = orders
            .customer_names
            .iter()
            .position(|name| name == wanted)
            .or_else(|| {
                let mut same = all
                    .iter()
                    .filter(|&&c| orders.customer_names[c].to_lowercase() == lower);
                match (same.next(), same.next()) {
                    (Some(&c), None) => Some(c),
                    _ => None,
                }
            });
        let chosen = exact.or(match all.as_slice() {
            [only] => Some(*only),
            _ => None,
        });
        let matches = all
            .iter()
            .take(MAX_MATCHES)
            .map(|&c| orders.customer_names[c].clone())
            .collect();
        CustomerLookup {
            query: query.to_owned(),
            matches,
            view: chosen
                .filter(|_| !wanted.is_empty())
                .map(|c| self.view(orders, c)),
        }
    }

    fn view(&self, orders: &Orders, c: usize) -> CustomerView {
        let item_of = super::matrix::items(orders).map(|x| (x.0, x.1));
        let mut lines: Vec<usize> = (0..orders.len())
            .filter(|&l| orders.customer[l] as usize == c)
            .collect();
        let mut order_ids: Vec<u32> = lines.iter().map(|&l| orders.order[l]).collect();
        order_ids.sort_unstable();
        order_ids.dedup();
        lines.sort_by(|&a, &b| orders.date[b].cmp(&orders.date[a]).then(b.cmp(&a)));
        let history = lines
            .iter()
            .take(MAX_HISTORY)
            .map(|&l| HistoryLine {
                date: orders.date[l],
                item: item_of
                    .and_then(|(ids, names)| {
                        let id = ids[l];
                        (id != NONE).then(|| names[id as usize].clone())
                    })
                    .unwrap_or_default(),
                quantity: orders.quantity[l],
                amount: orders.amount[l],
                returned: orders.returned[l],
            })
            .collect();
        let (items, cold_start) = self.of_customer(c);
        CustomerView {
            id: orders.customer_names[c].clone(),
            segment: self
                .labels
                .of_customer
                .get(c)
                .copied()
                .flatten()
                .and_then(|s| self.labels.names.get(s as usize).cloned()),
            orders: order_ids.len(),
            history_lines: lines.len(),
            history,
            cold_start,
            items,
        }
    }

    /// Every customer's blended recommendations as CSV (customer, rank, item, score,
    /// reasons, whether it is the cold-start fallback), formula-safe (see
    /// [`crate::export::CsvFile`]).
    pub fn csv(&self, orders: &Orders) -> String {
        let mut file = CsvFile::new(&[
            "customer_id",
            "rank",
            "item",
            "score",
            "reasons",
            "cold_start",
        ]);
        for (c, name) in orders.customer_names.iter().enumerate() {
            let (items, cold) = self.of_customer(c);
            for (rank, item) in items.iter().enumerate() {
                let reasons: Vec<String> = item.reasons.iter().map(|r| r.text()).collect();
                file.row(&[
                    Cell::Text(name),
                    Cell::Integer(rank as i64 + 1),
                    Cell::Text(&item.item),
                    Cell::Number(item.score),
                    Cell::Text(&reasons.join("; ")),
                    Cell::Text(if cold { "yes" } else { "no" }),
                ]);
            }
        }
        file.finish()
    }
}

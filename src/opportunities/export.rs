//! The CSV files of a search ([`crate::export::CsvFile`]: formula cells defused): every
//! gap listed, strongest first, and the contacts of opportunities.

use super::Found;
use crate::export::{Cell, CsvFile};
use crate::orders::Orders;

/// The columns of [`gaps_csv`].
pub const GAP_COLUMNS: [&str; 18] = [
    "group",
    "item",
    "kind",
    "group_penetration",
    "peer_penetration",
    "index",
    "customers_affected",
    "expected_revenue",
    "p_value",
    "q_value",
    "significant",
    "group_customers",
    "group_buyers",
    "peer_customers",
    "peer_buyers",
    "expected_converts",
    "peer_spend_per_buyer",
    "words",
];

/// The columns of [`contacts_csv`].
pub const CONTACT_COLUMNS: [&str; 6] =
    ["group", "item", "rank", "customer_id", "score", "next_best"];

/// Every gap listed, strongest first, with its figures and its sentence in English.
pub fn gaps_csv(found: &Found) -> String {
    let mut file = CsvFile::new(&GAP_COLUMNS);
    let optional = |v: Option<f64>| v.map_or(Cell::Empty, Cell::Number);
    for (position, gap) in found.gaps.iter().enumerate() {
        let words = found
            .summary
            .opportunities
            .get(position)
            .map(|o| o.words.en.clone())
            .unwrap_or_else(|| {
                super::words::sentence(
                    gap,
                    &super::words::Context {
                        group: found.group_name(gap.group),
                        item: found.item_name(gap.item),
                        look_alikes: found.summary.look_alikes.is_some(),
                        column: found.groups.source.column(),
                        period: found.summary.period,
                    },
                )
                .en
            });
        file.row(&[
            Cell::Text(found.group_name(gap.group)),
            Cell::Text(found.item_name(gap.item)),
            Cell::Text("penetration"),
            Cell::Number(gap.group_penetration),
            Cell::Number(gap.peer_penetration),
            Cell::Number(gap.index),
            Cell::Integer(gap.customers_affected as i64),
            optional(gap.expected_revenue),
            Cell::Number(gap.p_value),
            Cell::Number(gap.q_value),
            Cell::Text(if gap.significant { "yes" } else { "no" }),
            Cell::Integer(gap.group_customers as i64),
            Cell::Integer(gap.group_buyers as i64),
            Cell::Integer(gap.peer_customers as i64),
            Cell::Integer(gap.peer_buyers as i64),
            Cell::Number(gap.expected_converts),
            optional(gap.peer_spend_per_buyer),
            Cell::Text(&words),
        ]);
    }
    file.finish()
}

/// The contacts of the gaps at `positions` of [`Found::gaps`], each opportunity's most
/// likely buyers first.
pub fn contacts_csv(found: &Found, orders: &Orders, positions: &[usize]) -> String {
    let mut file = CsvFile::new(&CONTACT_COLUMNS);
    for &position in positions {
        let Some(gap) = found.gaps.get(position) else {
            continue;
        };
        let (group, item) = (found.group_name(gap.group), found.item_name(gap.item));
        for (rank, contact) in found.contacts(orders, position, None).iter().enumerate() {
            file.row(&[
                Cell::Text(group),
                Cell::Text(item),
                Cell::Integer(rank as i64 + 1),
                Cell::Text(&contact.customer),
                Cell::Number(contact.score),
                contact.next_best.as_deref().map_or(Cell::Empty, Cell::Text),
            ]);
        }
    }
    file.finish()
}

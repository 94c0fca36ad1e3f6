//! Who bought what: a binary customer x item matrix in compressed sparse rows, kept both
//! ways (each customer's items, each item's customers), built from the purchase lines of
//! [`Orders`] (returns are not purchases).
//!
//! Purchase data is implicit feedback: a customer either bought an item or did not. How
//! often they bought it is not used by the similarities (a cosine over counts would let
//! one customer's weekly milk outweigh everyone else's single purchases).

use crate::orders::{NONE, Orders};

/// What the items are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ItemLevel {
    /// Products (the log has a product column).
    #[default]
    Product,
    /// Categories (the log has no product column).
    Category,
}

/// The items of a transaction log: the item of each line ([`NONE`] where empty) and the
/// item names, products when the log has them, categories otherwise.
pub fn items(orders: &Orders) -> Option<(&[u32], &[String], ItemLevel)> {
    if let Some(product) = &orders.product {
        return Some((product, &orders.product_names, ItemLevel::Product));
    }
    orders.category.as_ref().map(|category| {
        (
            category.as_slice(),
            orders.category_names.as_slice(),
            ItemLevel::Category,
        )
    })
}

/// Sparse rows: the columns of row `r` are `cols[ptr[r]..ptr[r + 1]]`, sorted, distinct.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Csr {
    ptr: Vec<usize>,
    cols: Vec<u32>,
}

impl Csr {
    /// Rows from `(row, column)` pairs (duplicates count once), `rows` rows.
    pub fn from_pairs(rows: usize, pairs: &[(u32, u32)]) -> Self {
        let mut counts = vec![0usize; rows + 1];
        for &(r, _) in pairs {
            counts[r as usize + 1] += 1;
        }
        for r in 0..rows {
            counts[r + 1] += counts[r];
        }
        let mut next = counts.clone();
        let mut cols = vec![0u32; pairs.len()];
        for &(r, c) in pairs {
            cols[next[r as usize]] = c;
            next[r as usize] += 1;
        }
        // Sort and dedup each row, compacting in place.
        let mut ptr = Vec::with_capacity(rows + 1);
        ptr.push(0);
        let mut write = 0;
        for r in 0..rows {
            let (start, end) = (counts[r], counts[r + 1]);
            cols[start..end].sort_unstable();
            let mut last = None;
            for read in start..end {
                let c = cols[read];
                if last != Some(c) {
                    cols[write] = c;
                    write += 1;
                    last = Some(c);
                }
            }
            ptr.push(write);
        }
        cols.truncate(write);
        Self { ptr, cols }
    }

    /// The transpose, with `columns` rows (its columns sorted, as the rows are visited in
    /// order).
    pub fn transpose(&self, columns: usize) -> Self {
        let mut ptr = vec![0usize; columns + 1];
        for &c in &self.cols {
            ptr[c as usize + 1] += 1;
        }
        for c in 0..columns {
            ptr[c + 1] += ptr[c];
        }
        let mut next = ptr.clone();
        let mut cols = vec![0u32; self.cols.len()];
        for r in 0..self.rows() {
            for &c in self.row(r) {
                cols[next[c as usize]] = r as u32;
                next[c as usize] += 1;
            }
        }
        Self { ptr, cols }
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.ptr.len().saturating_sub(1)
    }

    /// Row `r`'s columns.
    pub fn row(&self, r: usize) -> &[u32] {
        &self.cols[self.ptr[r]..self.ptr[r + 1]]
    }

    /// Number of entries.
    pub fn nnz(&self) -> usize {
        self.cols.len()
    }
}

/// Who bought what.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Interactions {
    /// Each customer's items.
    pub by_customer: Csr,
    /// Each item's customers.
    pub by_item: Csr,
}

impl Interactions {
    /// From `(customer, item)` purchases.
    pub fn from_pairs(customers: usize, items: usize, pairs: &[(u32, u32)]) -> Self {
        let by_customer = Csr::from_pairs(customers, pairs);
        let by_item = by_customer.transpose(items);
        Self {
            by_customer,
            by_item,
        }
    }

    /// From lists of item ids, one per customer (for tests and benchmarks).
    pub fn from_lists(items: usize, lists: &[Vec<u32>]) -> Self {
        let pairs: Vec<(u32, u32)> = lists
            .iter()
            .enumerate()
            .flat_map(|(c, list)| list.iter().map(move |&i| (c as u32, i)))
            .collect();
        Self::from_pairs(lists.len(), items, &pairs)
    }

    /// Number of customers.
    pub fn customers(&self) -> usize {
        self.by_customer.rows()
    }

    /// Number of items.
    pub fn items(&self) -> usize {
        self.by_item.rows()
    }

    /// The items customer `c` bought, sorted.
    pub fn items_of(&self, c: usize) -> &[u32] {
        self.by_customer.row(c)
    }

    /// The customers who bought item `i`, sorted.
    pub fn customers_of(&self, i: usize) -> &[u32] {
        self.by_item.row(i)
    }

    /// Distinct customer-item purchases.
    pub fn purchases(&self) -> usize {
        self.by_customer.nnz()
    }
}

/// The purchase lines of `orders` that `keep` accepts, as interactions (customer x item)
/// and baskets (order x item). `None` when the log has no product or category column.
pub fn from_orders(
    orders: &Orders,
    keep: impl Fn(usize) -> bool,
) -> Option<(Interactions, Csr, ItemLevel)> {
    let (item_of, names, level) = items(orders)?;
    let mut pairs = Vec::new();
    let mut order_pairs = Vec::new();
    for (line, &item) in item_of.iter().enumerate() {
        if orders.returned[line] || item == NONE || !keep(line) {
            continue;
        }
        pairs.push((orders.customer[line], item));
        order_pairs.push((orders.order[line], item));
    }
    let interactions = Interactions::from_pairs(orders.customer_count(), names.len(), &pairs);
    let baskets = Csr::from_pairs(orders.order_count as usize, &order_pairs);
    Some((interactions, baskets, level))
}

/// Each item's position when the names are sorted (by code point): the tie rule
/// everywhere is "higher score first, then the item whose name sorts first".
pub fn name_ranks(names: &[String]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..names.len() as u32).collect();
    order.sort_by(|&a, &b| names[a as usize].cmp(&names[b as usize]).then(a.cmp(&b)));
    let mut rank = vec![0u32; names.len()];
    for (position, &item) in order.iter().enumerate() {
        rank[item as usize] = position as u32;
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_make_sorted_distinct_rows_and_their_transpose() {
        let m = Interactions::from_pairs(3, 4, &[(0, 2), (0, 1), (0, 2), (2, 3), (2, 0)]);
        assert_eq!(m.items_of(0), [1, 2]);
        assert_eq!(m.items_of(1), [] as [u32; 0]);
        assert_eq!(m.items_of(2), [0, 3]);
        assert_eq!(m.customers_of(2), [0]);
        assert_eq!(m.customers_of(0), [2]);
        assert_eq!(m.purchases(), 4);
        assert_eq!((m.customers(), m.items()), (3, 4));
    }

    #[test]
    fn name_ranks_follow_the_names() {
        let names: Vec<String> = ["tea", "cake", "milk"].map(String::from).to_vec();
        assert_eq!(name_ranks(&names), [2, 0, 1]);
    }
}

//! Baskets: the sets of items bought together, gathered from a transaction log (one per
//! order, or one per customer), at product or category level.
//!
//! Items are interned to dense `u32` ids (in order of first appearance) and each basket
//! is a sorted list of distinct ids, stored back to back: a million order lines take
//! about 4 MB.

use super::BasketsError;
use crate::control::{Control, Interrupted, Progress, Stage};
use crate::ingest::Dataset;
use crate::ingest::interpret::{self, LineKind};
use crate::ingest::roles::Role;
use crate::ingest::table::{MISSING, TextColumn};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Rows between two checkpoints while gathering baskets.
const ROWS_PER_CHECKPOINT: usize = 1 << 16;

/// What one basket is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Per {
    /// Everything bought in one order (the order id; without an order column, a
    /// customer's lines with the same date and time).
    #[default]
    Order,
    /// Everything a customer ever bought.
    Customer,
}

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// The product column.
    #[default]
    Product,
    /// The category column.
    Category,
}

/// How to gather baskets from a transaction log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct BasketOptions {
    /// One basket per order or per customer.
    pub per: Per,
    /// Products or categories as items.
    pub level: Level,
}

/// How the order lines became baskets, for the report.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BasketsReport {
    /// Baskets gathered (none is empty).
    pub baskets: u64,
    /// Distinct items.
    pub items: u64,
    /// Order lines that went into a basket.
    pub lines: u64,
    /// Lines left out as returns or cancellations (negative quantity or amount, or a
    /// cancelled invoice number).
    pub returns: u64,
    /// Lines left out as no purchases otherwise: orders whose status does not count
    /// (refunded, cancelled...), guests left out, postage and fees.
    pub not_purchases: u64,
    /// Lines left out for lacking the product (or category).
    pub without_item: u64,
    /// Lines left out for lacking the order id.
    pub without_order: u64,
    /// Things the user should know, in plain words.
    pub notes: Vec<String>,
}

/// Baskets of items: a sorted list of distinct item ids each.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Baskets {
    /// Item names by id.
    names: Vec<String>,
    /// Where each basket ends in `items`.
    ends: Vec<u32>,
    /// The baskets' item ids, back to back.
    items: Vec<u32>,
    /// Each basket's customer (a value id of the dataset's customer column, or the
    /// basket's index for baskets made from lists).
    customers: Vec<u32>,
    /// What a basket is.
    per: Per,
}

impl Baskets {
    /// Baskets from lists of item names, one list per basket (duplicates within a list
    /// count once; empty lists make no basket). For tests, benchmarks and data that is
    /// already in baskets.
    ///
    /// ```
    /// use crm_lens::baskets::Baskets;
    /// let baskets = Baskets::from_lists([vec!["tea", "milk"], vec!["milk", "milk"], vec![]]);
    /// assert_eq!(baskets.len(), 2);
    /// assert_eq!(baskets.names(), ["tea", "milk"]);
    /// assert_eq!(baskets.get(0), [0, 1]);
    /// assert_eq!(baskets.get(1), [1]);
    /// ```
    pub fn from_lists<L, I, S>(lists: L) -> Self
    where
        L: IntoIterator<Item = I>,
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut index: FxHashMap<String, u32> = FxHashMap::default();
        let mut baskets = Self::default();
        let mut basket = Vec::new();
        for list in lists {
            basket.clear();
            for name in list {
                let name = name.as_ref();
                let id = match index.get(name) {
                    Some(&id) => id,
                    None => {
                        let id = to_u32(baskets.names.len());
                        baskets.names.push(name.to_owned());
                        index.insert(name.to_owned(), id);
                        id
                    }
                };
                basket.push(id);
            }
            let customer = to_u32(baskets.len());
            baskets.push(&mut basket, customer);
        }
        baskets
    }

    /// Baskets from text with one basket per line and its items separated by tabs (the
    /// format [`Self::to_text`] writes). Empty items are ignored, and so are blank
    /// lines.
    ///
    /// ```
    /// use crm_lens::baskets::Baskets;
    /// let baskets = Baskets::from_text("tea\tmilk\r\n\nmilk\t\tcake\n");
    /// assert_eq!(baskets.len(), 2);
    /// assert_eq!(baskets.to_text(), "tea\tmilk\nmilk\tcake\n");
    /// ```
    pub fn from_text(text: &str) -> Self {
        Self::from_lists(text.lines().map(|line| {
            line.split('\t')
                .map(str::trim)
                .filter(|item| !item.is_empty())
        }))
    }

    /// The baskets as text, one per line, items separated by tabs (tabs and line breaks
    /// within a name become spaces), in the order of their ids within a basket.
    pub fn to_text(&self) -> String {
        let mut text = String::with_capacity(self.items.len() * 8);
        for basket in self.iter() {
            for (i, &item) in basket.iter().enumerate() {
                if i > 0 {
                    text.push('\t');
                }
                let name = self.name(item);
                if name.contains(['\t', '\n', '\r']) {
                    text.push_str(&name.replace(['\t', '\n', '\r'], " "));
                } else {
                    text.push_str(name);
                }
            }
            text.push('\n');
        }
        text
    }

    /// Gathers baskets from a loaded transaction log. Returns and cancellations are left
    /// out, as are lines without the item or the order.
    pub async fn from_dataset<C: Control>(
        dataset: &Dataset,
        options: BasketOptions,
        control: &mut C,
    ) -> Result<(Self, BasketsReport), BasketsError> {
        let table = &dataset.table;
        let mapping = &dataset.mapping;
        let role = match options.level {
            Level::Product => Role::Product,
            Level::Category => Role::Category,
        };
        let item_column = mapping
            .column(role)
            .map(|c| &table.columns[c])
            .ok_or(BasketsError::NoColumn(role))?;
        let customer_column = mapping
            .column(Role::Customer)
            .map(|c| &table.columns[c])
            .ok_or(BasketsError::NoColumn(Role::Customer))?;
        let mut report = BasketsReport::default();
        let key = match options.per {
            Per::Customer => Key::One(customer_column),
            Per::Order => match mapping.column(Role::Order) {
                Some(c) => Key::One(&table.columns[c]),
                None => {
                    let date = mapping
                        .column(Role::Date)
                        .map(|c| &table.columns[c])
                        .ok_or(BasketsError::NoColumn(Role::Order))?;
                    report.notes.push(
                        "There is no order id column, so an order is taken to be a \
                         customer's lines with the same date and time."
                            .to_owned(),
                    );
                    Key::Two(customer_column, date)
                }
            },
        };
        let kinds = interpret::line_kinds(dataset);

        // Each row's basket, or none.
        let rows = table.rows();
        let mut basket_of: Vec<u32> = vec![u32::MAX; rows];
        let mut by_value: Vec<u32> = match key {
            Key::One(column) => vec![u32::MAX; column.value_count() as usize + 1],
            Key::Two(..) => Vec::new(),
        };
        let mut by_pair: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        let mut lengths: Vec<u32> = Vec::new();
        let mut customers: Vec<u32> = Vec::new();
        let items = item_column.cells();
        for row in 0..rows {
            if row % ROWS_PER_CHECKPOINT == 0 {
                control
                    .checkpoint(progress(Stage::Baskets, row, rows))
                    .await?;
            }
            match kinds[row] {
                LineKind::Purchase => {}
                LineKind::Return => {
                    report.returns += 1;
                    continue;
                }
                LineKind::NotCounted | LineKind::Guest | LineKind::Pseudo => {
                    report.not_purchases += 1;
                    continue;
                }
            }
            if items[row] == MISSING {
                report.without_item += 1;
                continue;
            }
            let slot = match key {
                Key::One(column) => {
                    let id = column.cells()[row];
                    (id != MISSING).then(|| &mut by_value[id as usize])
                }
                Key::Two(customer, date) => {
                    let pair = (customer.cells()[row], date.cells()[row]);
                    Some(by_pair.entry(pair).or_insert(u32::MAX))
                }
            };
            let Some(slot) = slot else {
                report.without_order += 1;
                continue;
            };
            if *slot == u32::MAX {
                *slot = to_u32(lengths.len());
                lengths.push(0);
                customers.push(customer_column.cells()[row]);
            }
            basket_of[row] = *slot;
            lengths[*slot as usize] += 1;
            report.lines += 1;
        }
        drop(by_pair);
        drop(by_value);
        if report.not_purchases > 0 {
            report.notes.push(format!(
                "{} lines are no purchases and were left out: orders refunded or cancelled, \
                 guests, postage and fees (the load report lists them).",
                report.not_purchases
            ));
        }

        // Lay the lines out basket by basket, with items as dense ids.
        let mut starts: Vec<u32> = Vec::with_capacity(lengths.len() + 1);
        let mut total = 0u32;
        for length in &lengths {
            starts.push(total);
            total += length;
        }
        let mut slots: Vec<u32> = vec![0; total as usize];
        let mut dense: Vec<u32> = vec![u32::MAX; item_column.value_count() as usize + 1];
        let mut names: Vec<String> = Vec::new();
        for (row, &basket) in basket_of.iter().enumerate() {
            if basket == u32::MAX {
                continue;
            }
            let value = items[row];
            let id = &mut dense[value as usize];
            if *id == u32::MAX {
                *id = to_u32(names.len());
                names.push(item_column.value(value).unwrap_or_default().to_owned());
            }
            let at = &mut starts[basket as usize];
            slots[*at as usize] = *id;
            *at += 1;
        }
        drop(basket_of);

        // Sort and deduplicate each basket, compacting as we go.
        let mut baskets = Self {
            names,
            per: options.per,
            ..Self::default()
        };
        baskets.ends.reserve(lengths.len());
        baskets.items.reserve(slots.len());
        let mut start = 0usize;
        let mut basket = Vec::new();
        for (length, customer) in lengths.iter().zip(customers) {
            let end = start + *length as usize;
            basket.clear();
            basket.extend_from_slice(&slots[start..end]);
            baskets.push(&mut basket, customer);
            start = end;
        }
        report.baskets = baskets.len() as u64;
        report.items = baskets.names.len() as u64;
        control
            .checkpoint(progress(Stage::Baskets, rows, rows))
            .await?;
        Ok((baskets, report))
    }

    /// Baskets from a table of basket ids and items, an item per row (a basket file:
    /// `transaction_id,item`, with no customer and no date): the rows with the same value
    /// in column `basket` make one basket of the values in column `item`. Rows without
    /// either are left out and counted; the report says how the table was read.
    ///
    /// ```
    /// use crm_lens::baskets::Baskets;
    /// use crm_lens::control::Unattended;
    /// use crm_lens::ingest::{LoadOptions, load_plain};
    ///
    /// let csv = "transaction_id,item\n1,bread\n1,milk\n2,bread\n2,bread\n3,\n";
    /// let table = pollster::block_on(load_plain(csv.as_bytes(), None, &LoadOptions::default(), &mut Unattended))?
    ///     .dataset;
    /// let (baskets, report) = pollster::block_on(Baskets::from_pairs(&table, 0, 1, &mut Unattended))?;
    /// assert_eq!(baskets.len(), 2);
    /// assert_eq!(baskets.names(), ["bread", "milk"]);
    /// assert_eq!((report.lines, report.without_item), (4, 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub async fn from_pairs<C: Control>(
        dataset: &Dataset,
        basket: usize,
        item: usize,
        control: &mut C,
    ) -> Result<(Self, BasketsReport), Interrupted> {
        let table = &dataset.table;
        let (Some(ids), Some(items)) = (table.columns.get(basket), table.columns.get(item)) else {
            return Ok((Self::default(), BasketsReport::default()));
        };
        let mut report = BasketsReport::default();
        // Each basket id's lines, as (basket id value, item value).
        let rows = table.rows();
        let mut lines: Vec<(u32, u32)> = Vec::with_capacity(rows);
        for row in 0..rows {
            if row % ROWS_PER_CHECKPOINT == 0 {
                control
                    .checkpoint(progress(Stage::Baskets, row, rows))
                    .await?;
            }
            let (id, value) = (ids.cells()[row], items.cells()[row]);
            if value == MISSING {
                report.without_item += 1;
            } else if id == MISSING {
                report.without_order += 1;
            } else {
                lines.push((id, value));
            }
        }
        report.lines = lines.len() as u64;
        // Baskets in order of first appearance, items as dense ids in order of first
        // appearance.
        let mut order: Vec<u32> = vec![u32::MAX; ids.value_count() as usize + 1];
        let mut dense: Vec<u32> = vec![u32::MAX; items.value_count() as usize + 1];
        let mut names: Vec<String> = Vec::new();
        let mut lists: Vec<Vec<u32>> = Vec::new();
        for &(id, value) in &lines {
            let slot = &mut order[id as usize];
            if *slot == u32::MAX {
                *slot = to_u32(lists.len());
                lists.push(Vec::new());
            }
            let item_id = &mut dense[value as usize];
            if *item_id == u32::MAX {
                *item_id = to_u32(names.len());
                names.push(items.value(value).unwrap_or_default().to_owned());
            }
            lists[*slot as usize].push(*item_id);
        }
        let mut baskets = Self {
            names,
            per: Per::Order,
            ..Self::default()
        };
        for (index, mut list) in lists.into_iter().enumerate() {
            baskets.push(&mut list, to_u32(index));
        }
        report.baskets = baskets.len() as u64;
        report.items = baskets.names.len() as u64;
        let mut note = format!(
            "Read as a basket file: the lines with the same {:?} make one basket, and {:?} is \
             the item on each line ({} baskets of {} items from {} lines).",
            ids.name, items.name, report.baskets, report.items, report.lines
        );
        let skipped = report.without_item + report.without_order;
        if skipped > 0 {
            note.push_str(&format!(
                " {skipped} lines without a basket id or an item are left out."
            ));
        }
        report.notes.push(note);
        control
            .checkpoint(progress(Stage::Baskets, rows, rows))
            .await?;
        Ok((baskets, report))
    }

    /// Appends a basket (sorted and deduplicated here); an empty one is skipped.
    fn push(&mut self, basket: &mut Vec<u32>, customer: u32) {
        basket.sort_unstable();
        basket.dedup();
        if basket.is_empty() {
            return;
        }
        self.items.extend_from_slice(basket);
        self.ends.push(to_u32(self.items.len()));
        self.customers.push(customer);
    }

    /// Number of baskets.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no baskets.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The item ids of basket `index`, sorted and distinct.
    ///
    /// # Panics
    /// If `index` is not below [`Self::len`].
    pub fn get(&self, index: usize) -> &[u32] {
        let start = if index == 0 {
            0
        } else {
            self.ends[index - 1] as usize
        };
        &self.items[start..self.ends[index] as usize]
    }

    /// Every basket, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &[u32]> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Item names by id.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The name of item `id`.
    pub fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }

    /// The id of the item called `name`.
    pub fn id(&self, name: &str) -> Option<u32> {
        self.names.iter().position(|n| n == name).map(to_u32)
    }

    /// Items in all baskets together (a basket counts each item once).
    pub fn occurrences(&self) -> usize {
        self.items.len()
    }

    /// Each basket's customer: a value id of the dataset's customer column (for baskets
    /// made from lists, the basket's index).
    pub fn customers(&self) -> &[u32] {
        &self.customers
    }

    /// What a basket is.
    pub fn per(&self) -> Per {
        self.per
    }

    /// The baskets for which `keep` says true (by index), such as those of one segment's
    /// customers. Item ids and names stay the same.
    pub fn select(&self, keep: impl Fn(usize) -> bool) -> Self {
        let mut selected = Self {
            names: self.names.clone(),
            per: self.per,
            ..Self::default()
        };
        for index in (0..self.len()).filter(|&i| keep(i)) {
            selected.items.extend_from_slice(self.get(index));
            selected.ends.push(to_u32(selected.items.len()));
            selected.customers.push(self.customers[index]);
        }
        selected
    }
}

/// What makes two lines part of the same basket.
#[derive(Clone, Copy)]
enum Key<'a> {
    /// The same value in one column (order id or customer).
    One(&'a TextColumn),
    /// The same customer and date-time.
    Two(&'a TextColumn, &'a TextColumn),
}

fn progress(stage: Stage, done: usize, total: usize) -> Progress {
    Progress {
        stage,
        done: done as u64,
        total: Some(total as u64),
    }
}

/// Counts and ids here stay far below 2^32: a browser tab cannot hold 4 billion lines.
fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::Unattended;
    use crate::ingest::{LoadOptions, load};

    fn load_csv(csv: &str) -> Dataset {
        let options = LoadOptions::default();
        pollster::block_on(load(csv.as_bytes(), None, &options, &mut Unattended))
            .expect("loads")
            .dataset
    }

    fn gather(dataset: &Dataset, per: Per, level: Level) -> (Vec<Vec<String>>, BasketsReport) {
        let options = BasketOptions { per, level };
        let (baskets, report) =
            pollster::block_on(Baskets::from_dataset(dataset, options, &mut Unattended))
                .expect("baskets");
        let lists = baskets
            .iter()
            .map(|b| b.iter().map(|&id| baskets.name(id).to_owned()).collect())
            .collect();
        (lists, report)
    }

    const ORDERS: &str = "customer,order,date,product,category,quantity\n\
        c1,o1,2024-01-02,tea,drinks,1\n\
        c1,o1,2024-01-02,milk,dairy,2\n\
        c1,o1,2024-01-02,tea,drinks,1\n\
        c2,o2,2024-01-03,milk,dairy,1\n\
        c2,o2,2024-01-03,bread,bakery,-1\n\
        c2,o3,2024-01-04,bread,bakery,1\n\
        c1,o4,2024-01-05,,dairy,1\n\
        c1,,2024-01-05,cheese,dairy,1\n";

    fn strings(lists: &[&[&str]]) -> Vec<Vec<String>> {
        lists
            .iter()
            .map(|l| l.iter().map(|s| (*s).to_owned()).collect())
            .collect()
    }

    #[test]
    fn one_basket_per_order_without_returns_duplicates_or_gaps() {
        let dataset = load_csv(ORDERS);
        let (lists, report) = gather(&dataset, Per::Order, Level::Product);
        assert_eq!(
            lists,
            strings(&[&["tea", "milk"], &["milk"], &["bread"]]),
            "items are ids in order of first appearance, sorted within a basket"
        );
        assert_eq!(report.baskets, 3);
        assert_eq!(report.items, 3);
        assert_eq!(report.lines, 5);
        assert_eq!(report.returns, 1);
        assert_eq!(report.without_item, 1);
        assert_eq!(report.without_order, 1);
    }

    #[test]
    fn one_basket_per_customer_at_category_level() {
        let dataset = load_csv(ORDERS);
        let (lists, report) = gather(&dataset, Per::Customer, Level::Category);
        assert_eq!(
            lists,
            strings(&[&["drinks", "dairy"], &["dairy", "bakery"]])
        );
        assert_eq!(report.returns, 1);
        assert_eq!(report.without_item, 0);
    }

    #[test]
    fn without_an_order_column_a_customers_date_is_an_order() {
        let csv = "customer,date,product\nc1,2024-01-02 10:00,tea\nc1,2024-01-02 10:00,milk\n\
                   c2,2024-01-02 10:00,tea\nc1,2024-01-03,tea\n";
        let (lists, report) = gather(&load_csv(csv), Per::Order, Level::Product);
        assert_eq!(lists, strings(&[&["tea", "milk"], &["tea"], &["tea"]]));
        assert_eq!(report.notes.len(), 1);
    }

    #[test]
    fn cancelled_invoices_are_returns_where_they_are_the_exception() {
        let csv = "customer,invoice,date,product\nc1,536365,2024-01-02,tea\n\
                   c1,C536366,2024-01-02,tea\nc2,536367,2024-01-02,milk\n";
        let (lists, report) = gather(&load_csv(csv), Per::Order, Level::Product);
        assert_eq!(lists, strings(&[&["tea"], &["milk"]]));
        assert_eq!(report.returns, 1);
    }

    #[test]
    fn a_missing_item_column_is_named() {
        let csv = "customer,date,amount\nc1,2024-01-02,3\n";
        let options = BasketOptions {
            per: Per::Order,
            level: Level::Category,
        };
        let error = pollster::block_on(Baskets::from_dataset(
            &load_csv(csv),
            options,
            &mut Unattended,
        ))
        .expect_err("no category");
        assert_eq!(error.to_string(), "the data has no category column");
    }

    #[test]
    fn selecting_baskets_keeps_the_items() {
        let baskets = Baskets::from_lists([["a", "b"], ["b", "c"], ["c", "a"]]);
        let odd = baskets.select(|i| i % 2 == 0);
        assert_eq!(odd.len(), 2);
        assert_eq!(odd.get(1), [0, 2]);
        assert_eq!(odd.names(), baskets.names());
        assert_eq!(odd.customers(), [0, 2]);
    }
}

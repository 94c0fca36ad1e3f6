//! Per-customer features from the order lines, at an "as of" date.
//!
//! For every customer with at least one purchase (returns are not purchases):
//!
//! | key | what | unit |
//! | --- | --- | --- |
//! | `recency` | days from the last purchase to the as-of date | days |
//! | `frequency` | orders with at least one purchase line | orders |
//! | `monetary` | money spent on purchases (returns not deducted) | money |
//! | `aov` | average order value: monetary / frequency | money |
//! | `tenure` | days from the first purchase to the as-of date | days |
//! | `ipt` | mean days between consecutive orders: (last - first) / (frequency - 1); for a customer with one order, the tenure (the gap so far, a lower bound) | days |
//! | `category:NAME` | share of the customer's spending in the category (of purchase lines when the customer spent nothing) | share |
//! | `extra:TABLE:COLUMN` | a numeric column of a joined extra table, the mean over the customer's rows | as written |
//!
//! The as-of date is the day after the last date in the data unless given, so the most
//! recent customers have a recency of 1 day. Category shares are computed for the
//! [`MAX_CATEGORIES`] categories with the most revenue. A customer without a row in an
//! extra table gets the mean of the customers who have one (said in a note).

use super::matrix::Matrix;
use crate::control::{Control, Progress, Stage};
use crate::ingest::Dataset;
use crate::ingest::infer::ColumnType;
use crate::ingest::join::Join;
use crate::ingest::roles::Role;
use crate::ingest::table::MISSING;
use crate::orders::{DAY, NONE, Orders, day_of};
use serde::{Deserialize, Serialize};

use super::params::SegmentError;

/// The most categories that get a share feature.
pub const MAX_CATEGORIES: usize = 12;
/// Lines between two checkpoints.
const CHUNK: usize = 1 << 16;

/// What a feature measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FeatureKind {
    /// Days since the last purchase.
    Recency,
    /// Number of orders.
    Frequency,
    /// Money spent.
    Monetary,
    /// Average order value.
    AverageOrderValue,
    /// Days since the first purchase.
    Tenure,
    /// Mean days between orders.
    InterPurchase,
    /// Share of spending in a category.
    CategoryShare,
    /// A numeric column of an extra table.
    Extra,
}

/// A feature's description.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureInfo {
    /// The key that selects it (`recency`, `category:Coffee`, `extra:customers.csv:age`).
    pub key: String,
    /// A label for people (`Recency (days)`, `Coffee share`, `age (customers.csv)`).
    pub label: String,
    /// What it measures.
    pub kind: FeatureKind,
    /// Whether it is an amount of money (log scaling applies to these).
    pub money: bool,
    /// Whether it is skewed: never negative, with a sample skewness above 1.
    pub skewed: bool,
}

/// The features chosen when the user chooses none: RFM, average order value and
/// tenure, which tell the demo's planted customer kinds apart best of the purchase
/// features (see `segments::tests`).
pub const DEFAULT_FEATURES: [&str; 5] = ["recency", "frequency", "monetary", "aov", "tenure"];

/// An extra table joined to the transaction log.
#[derive(Debug, Clone, Copy)]
pub struct ExtraTable<'a> {
    /// Its name (the file name).
    pub name: &'a str,
    /// Its data.
    pub dataset: &'a Dataset,
    /// How its customer (or order) ids map to the log's customers.
    pub join: &'a Join,
}

/// Every customer's features.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerFeatures {
    /// The customer of each row (a dense id of [`Orders`]).
    pub customers: Vec<u32>,
    /// The customer ids as written in the file, by row.
    pub ids: Vec<String>,
    /// The features, by column.
    pub features: Vec<FeatureInfo>,
    /// One row per customer, one column per feature.
    pub values: Matrix,
    /// The as-of date, as days since 1970-01-01.
    pub as_of: i64,
    /// Return and cancellation lines per row's customer.
    pub returns: Vec<u32>,
    /// Things the user should know, in plain words.
    pub notes: Vec<String>,
}

impl CustomerFeatures {
    /// The column of the feature with this key.
    pub fn index(&self, key: &str) -> Option<usize> {
        self.features.iter().position(|f| f.key == key)
    }

    /// The columns of the features with these keys, in that order; the defaults
    /// ([`DEFAULT_FEATURES`]) when `keys` is empty.
    pub fn select(&self, keys: &[String]) -> Result<Vec<usize>, SegmentError> {
        let defaults: Vec<String> = DEFAULT_FEATURES.iter().map(|k| (*k).to_owned()).collect();
        let keys = if keys.is_empty() { &defaults } else { keys };
        let mut columns = Vec::with_capacity(keys.len());
        for key in keys {
            let column = self
                .index(key)
                .ok_or_else(|| SegmentError::UnknownFeature {
                    key: key.clone(),
                    known: self
                        .features
                        .iter()
                        .map(|f| f.key.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                })?;
            if !columns.contains(&column) {
                columns.push(column);
            }
        }
        if columns.is_empty() {
            return Err(SegmentError::NoFeatures);
        }
        Ok(columns)
    }

    /// The money each row's customer spent (the `monetary` column).
    pub fn revenue(&self) -> Vec<f64> {
        self.index("monetary")
            .map(|c| self.values.column(c))
            .unwrap_or_else(|| vec![0.0; self.values.rows()])
    }
}

/// Per-customer sums while reading the lines.
#[derive(Clone, Copy)]
struct Tally {
    first: i64,
    last: i64,
    orders: u32,
    money: f64,
    returns: u32,
}

/// Computes every customer's features from `orders` (and the numeric columns of the
/// `extras`) as of day `as_of` (days since 1970-01-01; the day after the last date when
/// `None`).
pub async fn compute<C: Control>(
    orders: &Orders,
    extras: &[ExtraTable<'_>],
    as_of: Option<i64>,
    control: &mut C,
) -> Result<CustomerFeatures, SegmentError> {
    let customers = orders.customer_count();
    let Some(last_date) = orders.last_date() else {
        return Err(SegmentError::NoCustomers);
    };
    let as_of = as_of.unwrap_or(day_of(last_date) + 1);
    let mut tally = vec![
        Tally {
            first: i64::MAX,
            last: i64::MIN,
            orders: 0,
            money: 0.0,
            returns: 0,
        };
        customers
    ];
    let mut counted = vec![NONE; orders.order_count as usize];
    let total = Some(orders.len() as u64);
    for line in 0..orders.len() {
        if line % CHUNK == 0 {
            let progress = Progress {
                stage: Stage::Features,
                done: line as u64,
                total,
            };
            control.checkpoint(progress).await?;
        }
        let c = orders.customer[line];
        let t = &mut tally[c as usize];
        if orders.returned[line] {
            t.returns += 1;
            continue;
        }
        let date = orders.date[line];
        t.first = t.first.min(date);
        t.last = t.last.max(date);
        t.money += orders.amount[line];
        let order = orders.order[line] as usize;
        // An order counts once per customer (lines of one order are usually together;
        // an order id shared by customers counts for each).
        if counted[order] != c {
            counted[order] = c;
            t.orders += 1;
        }
    }
    // Rows: the customers with a purchase, in order of first appearance.
    let rows: Vec<u32> = (0..customers as u32)
        .filter(|&c| tally[c as usize].orders > 0)
        .collect();
    let mut notes = Vec::new();
    let without = customers - rows.len();
    if without > 0 {
        notes.push(format!(
            "{without} customers have only returns or cancellations and are not segmented."
        ));
    }
    if rows.is_empty() {
        return Err(SegmentError::NoCustomers);
    }
    let mut row_of = vec![NONE; customers];
    for (r, &c) in rows.iter().enumerate() {
        row_of[c as usize] = r as u32;
    }

    let mut features: Vec<FeatureInfo> = Vec::new();
    let mut columns: Vec<Vec<f64>> = Vec::new();
    let mut add = |info: FeatureInfo, values: Vec<f64>| {
        features.push(info);
        columns.push(values);
    };
    let basic = |key: &str, label: &str, kind, money| FeatureInfo {
        key: key.to_owned(),
        label: label.to_owned(),
        kind,
        money,
        skewed: false,
    };
    let per_row = |f: &dyn Fn(&Tally) -> f64| -> Vec<f64> {
        rows.iter().map(|&c| f(&tally[c as usize])).collect()
    };
    add(
        basic("recency", "Recency (days)", FeatureKind::Recency, false),
        per_row(&|t| (as_of - day_of(t.last)) as f64),
    );
    add(
        basic(
            "frequency",
            "Frequency (orders)",
            FeatureKind::Frequency,
            false,
        ),
        per_row(&|t| f64::from(t.orders)),
    );
    add(
        basic("monetary", "Monetary (spent)", FeatureKind::Monetary, true),
        per_row(&|t| t.money),
    );
    add(
        basic(
            "aov",
            "Average order value",
            FeatureKind::AverageOrderValue,
            true,
        ),
        per_row(&|t| t.money / f64::from(t.orders)),
    );
    add(
        basic("tenure", "Tenure (days)", FeatureKind::Tenure, false),
        per_row(&|t| (as_of - day_of(t.first)) as f64),
    );
    add(
        basic(
            "ipt",
            "Days between orders",
            FeatureKind::InterPurchase,
            false,
        ),
        per_row(&|t| {
            if t.orders >= 2 {
                (t.last - t.first) as f64 / DAY as f64 / f64::from(t.orders - 1)
            } else {
                (as_of - day_of(t.first)) as f64
            }
        }),
    );

    if let Some(categories) = &orders.category {
        let shares = category_shares(orders, categories, &row_of, rows.len(), &mut notes);
        for (name, values) in shares {
            add(
                FeatureInfo {
                    key: format!("category:{name}"),
                    label: format!("{name} share"),
                    kind: FeatureKind::CategoryShare,
                    money: false,
                    skewed: false,
                },
                values,
            );
        }
    }
    for extra in extras {
        for (info, values) in extra_columns(orders, extra, &row_of, rows.len(), &mut notes) {
            add(info, values);
        }
    }

    for (info, values) in features.iter_mut().zip(&columns) {
        info.skewed = values.iter().all(|v| *v >= 0.0) && skewness(values) > 1.0;
    }
    let (n, d) = (rows.len(), columns.len());
    let mut data = vec![0.0; n * d];
    for (j, column) in columns.iter().enumerate() {
        for (i, v) in column.iter().enumerate() {
            data[i * d + j] = *v;
        }
    }
    let values = match Matrix::new(n, d, data) {
        Ok(values) => values,
        Err(SegmentError::NotFinite { row, column }) => {
            return Err(SegmentError::NotFiniteFeature {
                customer: orders.customer_names[rows[row] as usize].clone(),
                feature: features[column].label.clone(),
            });
        }
        Err(other) => return Err(other),
    };
    Ok(CustomerFeatures {
        ids: rows
            .iter()
            .map(|&c| orders.customer_names[c as usize].clone())
            .collect(),
        returns: rows.iter().map(|&c| tally[c as usize].returns).collect(),
        customers: rows,
        features,
        values,
        as_of,
        notes,
    })
}

/// Each row's share of spending in each of the top categories by revenue.
fn category_shares(
    orders: &Orders,
    categories: &[u32],
    row_of: &[u32],
    rows: usize,
    notes: &mut Vec<String>,
) -> Vec<(String, Vec<f64>)> {
    let count = orders.category_names.len();
    let mut revenue = vec![0.0; count];
    for line in orders.purchases() {
        let c = categories[line];
        if c != NONE {
            revenue[c as usize] += orders.amount[line].max(0.0);
        }
    }
    let mut top: Vec<usize> = (0..count).collect();
    top.sort_by(|&a, &b| revenue[b].total_cmp(&revenue[a]).then(a.cmp(&b)));
    if count > MAX_CATEGORIES {
        notes.push(format!(
            "Category shares are computed for the {MAX_CATEGORIES} categories with the most \
             revenue, of {count}."
        ));
        top.truncate(MAX_CATEGORIES);
    }
    let mut slot = vec![NONE; count];
    for (s, &c) in top.iter().enumerate() {
        slot[c] = s as u32;
    }
    let k = top.len();
    let mut money = vec![0.0; rows * k];
    let mut lines = vec![0.0; rows * k];
    let mut money_total = vec![0.0; rows];
    let mut lines_total = vec![0.0; rows];
    for line in orders.purchases() {
        let r = row_of[orders.customer[line] as usize] as usize;
        let amount = orders.amount[line].max(0.0);
        money_total[r] += amount;
        lines_total[r] += 1.0;
        let c = categories[line];
        if c == NONE || slot[c as usize] == NONE {
            continue;
        }
        let s = slot[c as usize] as usize;
        money[r * k + s] += amount;
        lines[r * k + s] += 1.0;
    }
    top.iter()
        .enumerate()
        .map(|(s, &c)| {
            let values = (0..rows)
                .map(|r| {
                    if money_total[r] > 0.0 {
                        money[r * k + s] / money_total[r]
                    } else if lines_total[r] > 0.0 {
                        lines[r * k + s] / lines_total[r]
                    } else {
                        0.0
                    }
                })
                .collect();
            (orders.category_names[c].clone(), values)
        })
        .collect()
}

/// The numeric columns of an extra table, as the mean per customer; customers without a
/// value get the mean of those with one.
fn extra_columns(
    orders: &Orders,
    extra: &ExtraTable<'_>,
    row_of: &[u32],
    rows: usize,
    notes: &mut Vec<String>,
) -> Vec<(FeatureInfo, Vec<f64>)> {
    let dataset = extra.dataset;
    // The customer column, or the order column of a table joined through the orders.
    let Some(key_col) = dataset.table.columns.get(extra.join.column) else {
        return Vec::new();
    };
    // The log's customer value id -> row.
    let log_values = orders
        .customer_values
        .iter()
        .copied()
        .max()
        .map_or(0, |m| m as usize + 1);
    let mut row_of_value = vec![NONE; log_values];
    for (c, &value) in orders.customer_values.iter().enumerate() {
        row_of_value[value as usize] = row_of[c];
    }
    let row_of_line: Vec<u32> = key_col
        .cells()
        .iter()
        .map(|&id| {
            if id == MISSING {
                return NONE;
            }
            let ours = extra.join.customer.get(id as usize - 1).copied();
            match ours {
                Some(v) if v != MISSING && (v as usize) < row_of_value.len() => {
                    row_of_value[v as usize]
                }
                _ => NONE,
            }
        })
        .collect();
    let mut out = Vec::new();
    for (column, column_type) in dataset.types.iter().enumerate() {
        // Ids (the key, and an order column beside a customer) are not features.
        let id = matches!(
            dataset.mapping.role_of(column),
            Some(Role::Customer | Role::Order)
        );
        if column == extra.join.column || id || !matches!(column_type, ColumnType::Number { .. }) {
            continue;
        }
        let cells = dataset.table.columns[column].cells();
        let values = &dataset.values[column];
        let mut sum = vec![0.0; rows];
        let mut count = vec![0u32; rows];
        for (line, &r) in row_of_line.iter().enumerate() {
            if r == NONE {
                continue;
            }
            if let Some(v) = values.number(cells[line]) {
                sum[r as usize] += v;
                count[r as usize] += 1;
            }
        }
        let with = count.iter().filter(|c| **c > 0).count();
        let name = &dataset.table.columns[column].name;
        if with == 0 {
            notes.push(format!(
                "{name} ({}) has no value for any segmented customer and is left out.",
                extra.name
            ));
            continue;
        }
        let means: Vec<Option<f64>> = sum
            .iter()
            .zip(&count)
            .map(|(s, c)| (*c > 0).then(|| s / f64::from(*c)))
            .collect();
        let fill = means.iter().flatten().sum::<f64>() / with as f64;
        if with < rows {
            notes.push(format!(
                "{} customers have no {name} in {}; they get the mean of the others ({fill:.4}).",
                rows - with,
                extra.name
            ));
        }
        out.push((
            FeatureInfo {
                key: format!("extra:{}:{name}", extra.name),
                label: format!("{name} ({})", extra.name),
                kind: FeatureKind::Extra,
                money: false,
                skewed: false,
            },
            means.into_iter().map(|m| m.unwrap_or(fill)).collect(),
        ));
    }
    out
}

/// The sample skewness (Fisher-Pearson, biased), 0 when there is no spread.
pub fn skewness(values: &[f64]) -> f64 {
    let n = values.len() as f64;
    if values.len() < 3 {
        return 0.0;
    }
    let mean = values.iter().sum::<f64>() / n;
    let (m2, m3) = values.iter().fold((0.0, 0.0), |(m2, m3), v| {
        let d = v - mean;
        (m2 + d * d, m3 + d * d * d)
    });
    let (m2, m3) = (m2 / n, m3 / n);
    if m2 <= 0.0 { 0.0 } else { m3 / m2.powf(1.5) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::Unattended;
    use crate::ingest::{TableKind, join::join, load_text};

    fn dataset(csv: &str, kind: TableKind) -> Dataset {
        load_text(csv, kind).dataset
    }

    const LOG: &str = "customer,order,date,category,amount\n\
        a,o1,2024-01-01,tea,10\n\
        a,o1,2024-01-01,cake,30\n\
        b,o2,2024-01-05,tea,5\n\
        a,o3,2024-01-11,tea,20\n\
        b,o4,2024-01-06,tea,-5\n\
        c,o5,2024-01-08,cake,-3\n";

    fn column(f: &CustomerFeatures, key: &str) -> Vec<f64> {
        f.values.column(f.index(key).expect(key))
    }

    #[test]
    fn rfm_tenure_and_gaps_by_hand() {
        let orders = Orders::from_dataset(&dataset(LOG, TableKind::Transactions));
        let f = pollster::block_on(compute(&orders, &[], None, &mut Unattended)).expect("ok");
        assert_eq!(f.ids, ["a", "b"]);
        assert_eq!(f.returns, [0, 1]);
        assert!(f.notes[0].starts_with("1 customers have only returns"));
        // As of 2024-01-12 (the day after the last date).
        assert_eq!(column(&f, "recency"), [1.0, 7.0]);
        assert_eq!(column(&f, "frequency"), [2.0, 1.0]);
        assert_eq!(column(&f, "monetary"), [60.0, 5.0]);
        assert_eq!(column(&f, "aov"), [30.0, 5.0]);
        assert_eq!(column(&f, "tenure"), [11.0, 7.0]);
        assert_eq!(column(&f, "ipt"), [10.0, 7.0]);
        assert_eq!(column(&f, "category:tea"), [0.5, 1.0]);
        assert_eq!(column(&f, "category:cake"), [0.5, 0.0]);
        assert_eq!(f.revenue(), [60.0, 5.0]);
        let given = pollster::block_on(compute(&orders, &[], Some(f.as_of + 9), &mut Unattended))
            .expect("ok");
        assert_eq!(column(&given, "recency"), [10.0, 16.0]);
    }

    #[test]
    fn extra_tables_give_the_mean_per_customer_and_fill_the_missing() {
        let log = dataset(LOG, TableKind::Transactions);
        let orders = Orders::from_dataset(&log);
        let feedback = dataset("customer,score\na,4\na,2\nz,1\n", TableKind::Extra);
        let joined = join(&log, &feedback);
        let extras = [ExtraTable {
            name: "feedback.csv",
            dataset: &feedback,
            join: &joined,
        }];
        let f = pollster::block_on(compute(&orders, &extras, None, &mut Unattended)).expect("ok");
        assert_eq!(column(&f, "extra:feedback.csv:score"), [3.0, 3.0]);
        assert!(
            f.notes
                .iter()
                .any(|n| n.contains("1 customers have no score"))
        );
    }

    #[test]
    fn an_item_table_joined_on_the_order_gives_each_customer_the_mean_of_their_orders_rows() {
        let log = dataset(LOG, TableKind::Transactions);
        let orders = Orders::from_dataset(&log);
        // No customer column: o1 and o3 are a's, o2 is b's; zz matches no order.
        let items = dataset(
            "order,price\no1,10\no1,30\no2,5\no3,20\nzz,99\n",
            TableKind::Extra,
        );
        let joined = join(&log, &items);
        let extras = [ExtraTable {
            name: "items.csv",
            dataset: &items,
            join: &joined,
        }];
        let f = pollster::block_on(compute(&orders, &extras, None, &mut Unattended)).expect("ok");
        assert_eq!(f.ids, ["a", "b"]);
        assert_eq!(column(&f, "extra:items.csv:price"), [20.0, 5.0]);
    }

    #[test]
    fn selecting_features_by_key() {
        let orders = Orders::from_dataset(&dataset(LOG, TableKind::Transactions));
        let f = pollster::block_on(compute(&orders, &[], None, &mut Unattended)).expect("ok");
        assert_eq!(f.select(&[]), Ok(vec![0, 1, 2, 3, 4]));
        assert_eq!(
            f.select(&["tenure".into(), "recency".into()]),
            Ok(vec![4, 0])
        );
        let error = f.select(&["age".into()]).expect_err("unknown");
        assert!(error.to_string().contains("there is no feature \"age\""));
        assert!(f.features[2].money && !f.features[0].money);
    }
}

//! Recommendations: what to offer each customer next, with a reason for every item, and
//! an honest offline evaluation against a popularity baseline.
//!
//! Purchases are implicit feedback: a customer bought an item or not ([`matrix`]; items
//! are products, or categories when the log has no product column; returns are not
//! purchases). Four methods score the items a customer has not bought: item-based
//! collaborative filtering ([`item_cf`], cosine similarities from [`similarity`]),
//! user-based collaborative filtering ([`user_cf`], k nearest customers), popularity in
//! the customer's segment ([`segment`]), and "often bought with" rules ([`rules`]);
//! [`blend`] weighs them into one list with reasons, and falls back to the most popular
//! items for customers with nothing to go on. [`evaluate`] holds out each customer's last
//! order and measures every method against the popularity baseline. [`params`] checks
//! the settings once; [`export`] answers customer searches and writes the CSV.
//!
//! Ties are broken the same way everywhere: higher score (or similarity) first, then the
//! item whose name sorts first (by code point); neighbouring customers by lower id.
//!
//! ```
//! use crm_lens::control::Unattended;
//! use crm_lens::ingest::{LoadOptions, load};
//! use crm_lens::orders::Orders;
//! use crm_lens::recommend::{Settings, recommend};
//!
//! let csv = "customer,order,date,product\n\
//!            a,1,2024-01-02,tea\na,1,2024-01-02,cake\nb,2,2024-01-03,tea\n\
//!            b,3,2024-02-01,cake\nc,4,2024-02-03,tea\n";
//! let log = pollster::block_on(load(csv.as_bytes(), None, &LoadOptions::default(), &mut Unattended))?
//!     .dataset;
//! let orders = Orders::from_dataset(&log);
//! let found = pollster::block_on(recommend(&orders, None, &Settings::default(), &mut Unattended))?;
//! let c = found.lookup(&orders, "c").view.expect("one customer");
//! assert_eq!(c.items[0].item, "cake");
//! assert_eq!(c.items[0].reasons[0].text(), "because you bought tea");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod blend;
pub mod evaluate;
pub mod export;
pub mod item_cf;
pub mod matrix;
pub mod params;
pub mod rules;
pub mod segment;
pub mod similarity;
pub mod summary;
pub mod synthetic;
pub mod user_cf;

#[cfg(test)]
mod tests;

use crate::control::{Control, Interrupted, Progress, Stage};
use crate::orders::Orders;
use crate::segments::Segmentation;
use blend::{Engine, Lists, Why};
use matrix::{ItemLevel, name_ranks};
pub use params::Checked;
mod entry;
pub use entry::Recommending;
use serde::{Deserialize, Serialize};
pub use summary::{
    CustomerLookup, CustomerView, Evaluation, HistoryLine, ItemCount, Method, MethodScore, Reason,
    RecommendSummary, Recommended,
};
/// How much each method counts in the blend (any non-negative numbers; they are
/// normalised).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Weights {
    /// Item-based collaborative filtering.
    pub item: f64,
    /// User-based collaborative filtering.
    pub user: f64,
    /// Popularity in the customer's segment.
    pub segment: f64,
    /// Association rules.
    pub rules: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            item: 1.0,
            user: 0.5,
            segment: 0.25,
            rules: 0.5,
        }
    }
}

/// What the user chose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Items recommended per customer (and the k of precision@k and the others).
    pub top_n: usize,
    /// Most similar items kept per item (item-based CF).
    pub item_neighbours: usize,
    /// Most similar customers used per customer (user-based CF).
    pub user_neighbours: usize,
    /// Weigh down popular items (IDF-style) in the similarities.
    pub idf: bool,
    /// Allow items the customer already bought (consumables).
    pub allow_repeats: bool,
    /// The blend's weights.
    pub weights: Weights,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            top_n: 10,
            item_neighbours: 50,
            user_neighbours: 30,
            idf: false,
            allow_repeats: false,
            weights: Weights::default(),
        }
    }
}

/// Each customer's segment, for segment popularity.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SegmentLabels {
    /// Segment names, by segment index.
    pub names: Vec<String>,
    /// Each customer's segment index (by dense customer id of [`Orders`]), if any.
    pub of_customer: Vec<Option<u32>>,
}

impl SegmentLabels {
    /// The clusters of a segmentation of `orders`' customers (DBSCAN's noise is a group
    /// of its own, as the segmentation's profiles show it).
    pub fn from_segmentation(segmentation: &Segmentation, customers: usize) -> Self {
        let clusters = &segmentation.profiles.clusters;
        let mut labels = Self {
            names: clusters.iter().map(|c| c.name.clone()).collect(),
            of_customer: vec![None; customers],
        };
        for (row, &label) in segmentation.labels.iter().enumerate() {
            let index = clusters.iter().position(|c| c.cluster == label);
            if let (Some(&c), Some(index)) = (segmentation.features.customers.get(row), index)
                && let Some(slot) = labels.of_customer.get_mut(c as usize)
            {
                *slot = Some(index as u32);
            }
        }
        labels
    }
}

/// Why recommendations could not be made. Messages are for the user.
#[derive(Debug, thiserror::Error)]
pub enum RecommendError {
    /// The computation was cancelled or superseded.
    #[error(transparent)]
    Interrupted(#[from] Interrupted),
    /// Items per customer out of range.
    #[error(
        "the number of items per customer must be between 1 and {max}, not {0}",
        max = params::MAX_TOP_N
    )]
    TopN(usize),
    /// Similar items per item out of range.
    #[error(
        "the number of similar items kept per item must be between 1 and {max}, not {0}",
        max = params::MAX_NEIGHBOURS
    )]
    ItemNeighbours(usize),
    /// Similar customers out of range.
    #[error(
        "the number of similar customers used per customer must be between 1 and {max}, not {0}",
        max = params::MAX_NEIGHBOURS
    )]
    UserNeighbours(usize),
    /// A negative or undefined weight.
    #[error("the weight of {method} must be a number of 0 or more, not {weight}")]
    Weight {
        /// The method.
        method: String,
        /// The weight given.
        weight: f64,
    },
    /// Every weight 0.
    #[error("at least one method must have a weight above 0 in the blend")]
    NoWeight,
    /// Neither a product nor a category column.
    #[error("the data has no product or category column to recommend from")]
    NoItems,
    /// No purchase line with an item.
    #[error(
        "the data has no purchases (lines that are not returns, with a product) to recommend from"
    )]
    NoPurchases,
}

/// A customer's blended list, by item id.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    item: u32,
    score: f64,
    /// Where its reasons start in [`Recommendations::reasons`], and how many.
    reasons: (u32, u32),
}

/// Every customer's blended recommendations, the evaluation, and what the customer view
/// needs; kept in the worker.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Recommendations {
    level: ItemLevel,
    items: Vec<String>,
    labels: SegmentLabels,
    /// Where each customer's entries start in `entries` (one more than customers).
    ptr: Vec<usize>,
    entries: Vec<Entry>,
    reasons: Vec<Why>,
    cold: Vec<bool>,
    summary: RecommendSummary,
}

impl Recommendations {
    /// What the page shows (no per-customer lists).
    pub fn summary(&self) -> RecommendSummary {
        self.summary.clone()
    }

    /// Customer `c`'s blended list (by dense customer id), best first, and whether it is
    /// the popular fallback.
    pub fn of_customer(&self, c: usize) -> (Vec<Recommended>, bool) {
        let Some(entries) = self
            .ptr
            .get(c + 1)
            .map(|&end| &self.entries[self.ptr[c]..end])
        else {
            return (Vec::new(), false);
        };
        let items = entries
            .iter()
            .map(|e| {
                let (start, len) = (e.reasons.0 as usize, e.reasons.1 as usize);
                Recommended {
                    item: self.items[e.item as usize].clone(),
                    score: e.score,
                    reasons: self.reasons[start..start + len]
                        .iter()
                        .map(|w| self.reason(*w))
                        .collect(),
                }
            })
            .collect();
        (items, self.cold.get(c).copied().unwrap_or(false))
    }

    /// Whether items are categories (the log has no product column).
    pub fn by_category(&self) -> bool {
        self.level == ItemLevel::Category
    }

    fn reason(&self, why: Why) -> Reason {
        let item = |i: u32| self.items.get(i as usize).cloned().unwrap_or_default();
        match why {
            Why::Item(i) => Reason::BecauseYouBought { item: item(i) },
            Why::Customers(n) => Reason::SimilarCustomers {
                customers: n as usize,
            },
            Why::Segment(s) => Reason::PopularInSegment {
                segment: self
                    .labels
                    .names
                    .get(s as usize)
                    .cloned()
                    .unwrap_or_default(),
            },
            Why::With(i) => Reason::OftenBoughtWith { item: item(i) },
            Why::Popular => Reason::Popular,
            Why::Filler => Reason::PopularFiller,
        }
    }
}

/// Recommends for every customer of `orders` by every method and evaluates them.
/// Without `segments`, the RFM named segments of the orders are used.
pub async fn recommend<C: Control>(
    orders: &Orders,
    segments: Option<&SegmentLabels>,
    settings: &Settings,
    control: &mut C,
) -> Result<Recommendations, RecommendError> {
    let params = settings.check()?;
    let Some((m, baskets, level)) = matrix::from_orders(orders, |_| true) else {
        return Err(RecommendError::NoItems);
    };
    if m.purchases() == 0 {
        return Err(RecommendError::NoPurchases);
    }
    let names = matrix::items(orders).map(|x| x.1).unwrap_or_default();
    let rank = name_ranks(names);
    let (labels, segments_from) = match segments {
        Some(labels) => (labels.clone(), "the latest segmentation"),
        None => (segment::rfm_labels(orders, control).await?, "RFM segments"),
    };
    let mut engine = Engine::build(&m, &baskets, &labels, &params, &rank, control).await?;
    let customers = orders.customer_count();
    let mut out = Recommendations {
        level,
        items: names.to_vec(),
        ptr: Vec::with_capacity(customers + 1),
        cold: Vec::with_capacity(customers),
        ..Recommendations::default()
    };
    out.ptr.push(0);
    let mut lists = Lists::default();
    for u in 0..customers {
        if u % 256 == 0 {
            let progress = Progress {
                stage: Stage::Recommending,
                done: u as u64,
                total: Some(customers as u64),
            };
            control.checkpoint(progress).await?;
        }
        engine.recommend(u, &mut lists);
        for (item, score, whys) in &lists.blend {
            let start = out.reasons.len() as u32;
            out.reasons.extend(whys);
            out.entries.push(Entry {
                item: *item,
                score: *score,
                reasons: (start, whys.len() as u32),
            });
        }
        out.ptr.push(out.entries.len());
        out.cold.push(lists.cold);
    }
    let popular = engine
        .popular()
        .items
        .iter()
        .take(10)
        .map(|&(i, n)| ItemCount {
            name: names[i as usize].clone(),
            customers: n,
        })
        .collect();
    let mut notes = Vec::new();
    if level == ItemLevel::Category {
        notes.push(
            "The data has no product column: the items recommended are categories.".to_owned(),
        );
    }
    if engine.big_orders > 0 {
        notes.push(format!(
            "{} orders with more than {} items were left out of the \"bought together\" rules.",
            engine.big_orders,
            rules::MAX_ORDER_ITEMS
        ));
    }
    if engine.users_capped() {
        notes.push(
            "Some items are bought by so many customers that the search for similar \
             customers does not go through them (they still count in the similarity of the \
             customers found)."
                .to_owned(),
        );
    }
    let items_bought = (0..m.items())
        .filter(|&i| !m.customers_of(i).is_empty())
        .count();
    drop(engine);
    let (evaluation, sampled) = evaluate::evaluate(orders, segments, &params, control).await?;
    if evaluation.is_none() {
        notes.push("No customer has two orders, so the methods could not be evaluated.".to_owned());
    }
    if let Some(s) = sampled {
        notes.push(format!(
            "The evaluation tested a random sample of {} of the {} customers with two orders \
             or more (the same sample on every run), to keep it quick; the models were still \
             built from every customer's earlier orders.",
            s.sample, s.of
        ));
    }
    if segments.is_some() {
        notes.push(
            "The evaluation uses the segments of the latest segmentation, which was made from \
             all orders (the popularity within them comes from the training orders only)."
                .to_owned(),
        );
    }
    out.summary = RecommendSummary {
        customers,
        items: items_bought,
        purchases: m.purchases(),
        cold_start: out.cold.iter().filter(|c| **c).count(),
        top_n: params.top_n,
        segments_from: segments_from.to_owned(),
        evaluation,
        popular,
        notes,
    };
    out.labels = labels;
    Ok(out)
}

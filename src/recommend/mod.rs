//! Recommendations: what to offer each customer next, with a reason for every item, and
//! an honest offline evaluation against a popularity baseline.
//!
//! CONTRACT STUB: the settings, the entry point and the summary types the worker and the
//! page are written against. The methods are filled in by the `recommend` branch.

pub mod summary;

use crate::control::{Control, Interrupted};
use crate::orders::Orders;
use crate::segments::Segmentation;
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
    /// The clusters of a segmentation of `orders`' customers.
    pub fn from_segmentation(segmentation: &Segmentation, customers: usize) -> Self {
        let _ = (segmentation, customers);
        Self::default()
    }
}

/// Why recommendations could not be made. Messages are for the user.
#[derive(Debug, thiserror::Error)]
pub enum RecommendError {
    /// The computation was cancelled or superseded.
    #[error(transparent)]
    Interrupted(#[from] Interrupted),
    /// Stub.
    #[error("recommendations are not built yet")]
    NotBuilt,
}

/// Every customer's recommendations by every method, the evaluation, and what the
/// customer view needs; kept in the worker.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Recommendations {}

impl Recommendations {
    /// What the page shows (no per-customer lists).
    pub fn summary(&self) -> RecommendSummary {
        RecommendSummary::default()
    }

    /// Looks a customer up by id: the exact match (or the only match) with history and
    /// recommendations, and up to 20 ids that contain `query`.
    pub fn lookup(&self, orders: &Orders, query: &str) -> CustomerLookup {
        let _ = orders;
        CustomerLookup {
            query: query.to_owned(),
            matches: Vec::new(),
            view: None,
        }
    }

    /// Every customer's blended recommendations as CSV (customer, rank, item, score,
    /// reason), formula-safe (see [`crate::export::CsvFile`]).
    pub fn csv(&self, orders: &Orders) -> String {
        let _ = orders;
        String::new()
    }
}

/// Recommends for every customer of `orders` by every method and evaluates them.
pub async fn recommend<C: Control>(
    orders: &Orders,
    segments: Option<&SegmentLabels>,
    settings: &Settings,
    control: &mut C,
) -> Result<Recommendations, RecommendError> {
    let _ = (orders, segments, settings, control);
    Err(RecommendError::NotBuilt)
}

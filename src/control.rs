//! Progress reporting and cooperative cancellation for long computations.
//!
//! A long computation takes a `&mut impl Control` and awaits
//! [`Control::checkpoint`] between bounded units of work. The caller decides what a
//! checkpoint does: the CLI and the tests use [`Unattended`] (return at once); the web
//! worker posts progress, yields to its event loop so that cancel messages can arrive, and
//! answers [`Interrupted`] when the job was cancelled or superseded.

use serde::{Deserialize, Serialize};
use std::future::Future;

/// What a long computation is doing, for the progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Reading the bytes of an input file.
    Reading,
    /// Computing per-customer features (units: order lines).
    Features,
    /// Fitting k-means (units: iterations over all restarts).
    KMeans,
    /// Fitting k-means for each k of a range (units: values of k).
    ChoosingK,
    /// Silhouette scores (units: points whose distances to all others are summed).
    Silhouette,
    /// DBSCAN and its k-distance curve (units: neighbourhood queries).
    Dbscan,
    /// Projecting customers onto two principal components (units: customers).
    Projection,
    /// Gathering order lines into baskets (units: rows).
    Baskets,
    /// Finding frequent itemsets (units: the most frequent items whose itemsets are
    /// all found).
    Itemsets,
    /// Turning frequent itemsets into association rules (units: itemsets).
    Rules,
    /// Item and customer similarities (units: items, then customers).
    Similarity,
    /// Recommending for every customer (units: customers).
    Recommending,
    /// Evaluating the methods on held-out orders (units: customers).
    Evaluating,
    /// Fitting a model by maximum likelihood (units: optimiser iterations).
    Fitting,
    /// Predicting for every customer (units: customers).
    Predicting,
    /// Comparing groups' purchases with their peers' (units: customers, then
    /// opportunities).
    Opportunities,
}

impl Stage {
    /// What is being done, in a few words for the progress display.
    pub fn describe(self) -> &'static str {
        match self {
            Stage::Reading => "reading",
            Stage::Features => "computing features",
            Stage::KMeans => "fitting k-means",
            Stage::ChoosingK => "choosing k",
            Stage::Silhouette => "silhouettes",
            Stage::Dbscan => "DBSCAN",
            Stage::Projection => "drawing the map",
            Stage::Baskets => "gathering baskets",
            Stage::Itemsets => "frequent itemsets",
            Stage::Rules => "rules",
            Stage::Similarity => "similarities",
            Stage::Recommending => "recommending",
            Stage::Evaluating => "testing on held-out orders",
            Stage::Fitting => "fitting models",
            Stage::Predicting => "predicting",
            Stage::Opportunities => "comparing groups",
        }
    }
}

/// How far a computation has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// What is being done.
    pub stage: Stage,
    /// Units done so far (bytes for [`Stage::Reading`]).
    pub done: u64,
    /// Total units, when known in advance.
    pub total: Option<u64>,
}

impl Progress {
    /// The share done, from 0 to 1, when the total is known.
    pub fn fraction(&self) -> Option<f64> {
        match self.total {
            Some(0) => Some(1.0),
            // Progress figures are far below 2^53, so the conversion is exact.
            Some(total) => Some((self.done.min(total) as f64) / (total as f64)),
            None => None,
        }
    }
}

/// Why a computation stopped before its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Interrupted {
    /// The user cancelled the job.
    #[error("cancelled")]
    Cancelled,
    /// A newer job of the same kind replaced it.
    #[error("replaced by a newer job")]
    Superseded,
}

/// Decides what happens at the checkpoints of a long computation.
pub trait Control {
    /// Called between bounded units of work with the progress so far. Returns
    /// `Err` when the computation must stop; the computation then returns that error.
    fn checkpoint(&mut self, progress: Progress) -> impl Future<Output = Result<(), Interrupted>>;
}

/// A [`Control`] that never interrupts and reports nothing: for the CLI and tests.
#[derive(Debug, Default, Clone, Copy)]
pub struct Unattended;

impl Control for Unattended {
    fn checkpoint(&mut self, _: Progress) -> impl Future<Output = Result<(), Interrupted>> {
        std::future::ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fraction_handles_unknown_empty_and_overshoot() {
        let p = |done, total| Progress {
            stage: Stage::Reading,
            done,
            total,
        };
        assert_eq!(p(5, None).fraction(), None);
        assert_eq!(p(0, Some(0)).fraction(), Some(1.0));
        assert_eq!(p(25, Some(100)).fraction(), Some(0.25));
        assert_eq!(p(150, Some(100)).fraction(), Some(1.0));
    }
}

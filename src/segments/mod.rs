//! Customer segmentation: per-customer features, RFM scores, k-means, DBSCAN, choosing
//! k, silhouettes, principal components for a map, and cluster profiles with names.

pub mod analysis;
pub mod choose_k;
pub mod dbscan;
pub mod features;
pub mod kmeans;
pub mod matrix;
pub mod params;
pub mod pca;
pub mod profile;
pub mod rfm;
pub mod scaling;
pub mod silhouette;
pub mod summary;

#[cfg(test)]
mod tests;

pub use analysis::{Segmentation, Settings, customers_csv, segment};
pub use matrix::Matrix;
pub use params::SegmentError;

use crate::control::{Control, Interrupted, Progress, Stage};

/// A [`Control`] for one step of a longer computation: the step's own progress is shown
/// as a share of step `step` of `steps` of the outer stage.
pub(crate) struct Within<'a, C> {
    outer: &'a mut C,
    stage: Stage,
    step: u64,
    steps: u64,
}

/// Progress units per step of a [`Within`].
const PER_STEP: u64 = 1000;

impl<'a, C: Control> Within<'a, C> {
    pub(crate) fn new(outer: &'a mut C, stage: Stage, step: u64, steps: u64) -> Self {
        Self {
            outer,
            stage,
            step,
            steps,
        }
    }
}

impl<C: Control> Control for Within<'_, C> {
    async fn checkpoint(&mut self, progress: Progress) -> Result<(), Interrupted> {
        let within = (progress.fraction().unwrap_or(0.0) * PER_STEP as f64) as u64;
        self.outer
            .checkpoint(Progress {
                stage: self.stage,
                done: self.step * PER_STEP + within.min(PER_STEP),
                total: Some(self.steps * PER_STEP),
            })
            .await
    }
}

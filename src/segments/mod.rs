//! Customer segmentation: per-customer features, RFM scores, k-means, DBSCAN, choosing
//! k, silhouettes, principal components for a map, and cluster profiles with names.
//!
//! [`segment`] runs it all on a loaded transaction log, and [`segment_table`] on a plain
//! table of numbers ([`table`]: one row per entity, its number columns the features);
//! each step is also a function of its own module, on a [`Matrix`] of features.
//!
//! ```
//! use crm_lens::control::Unattended;
//! use crm_lens::ingest::{LoadOptions, load};
//! use crm_lens::orders::Orders;
//! use crm_lens::segments::analysis::{KChoice, Method, Settings};
//! use crm_lens::segments::{customers_csv, segment};
//!
//! let csv = "customer,order,date,amount\n\
//!            a,1,2024-01-02,120\nb,2,2024-01-03,15\na,3,2024-03-02,90\n\
//!            c,4,2024-03-05,10\nd,5,2024-03-06,200\nd,6,2024-03-07,180\n";
//! let log = pollster::block_on(load(csv.as_bytes(), None, &LoadOptions::default(), &mut Unattended))?
//!     .dataset;
//! let orders = Orders::from_dataset(&log);
//! let settings = Settings {
//!     method: Method::KMeans(KChoice::Fixed(2)),
//!     ..Settings::default()
//! };
//! let result = pollster::block_on(segment(&orders, &[], &settings, &mut Unattended))?;
//! assert_eq!(result.features.ids, ["a", "b", "c", "d"]);
//! assert_eq!(result.labels.len(), 4);
//! assert_eq!(result.profiles.clusters.len(), 2);
//! assert!(customers_csv(&result).starts_with("customer_id,segment,segment_name,"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

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
pub mod table;

#[cfg(test)]
mod tests;

pub use analysis::{Segmentation, Settings, customers_csv, segment, segment_table};
pub use matrix::Matrix;
pub use params::SegmentError;
mod entry;
pub use entry::Segmenting;

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

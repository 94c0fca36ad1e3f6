//! Settings as the user gives them, checked once into the types the algorithms take,
//! and every way segmentation can refuse, with a message the user can act on.
//!
//! After linfa's pattern: a raw params struct (`KMeansParams`, `DbscanParams`,
//! `KRange`) is `check`ed into a valid one (`KMeansConfig`, `DbscanConfig`), with one
//! error variant per invalid field. What depends on the data (k against the number of
//! customers, identical points, NaN features) is checked when fitting.

use crate::control::Interrupted;
use serde::{Deserialize, Serialize};

/// Why segmentation could not run. Messages are written for the user.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SegmentError {
    /// No customer has a purchase.
    #[error("there are no customers with a purchase to segment")]
    NoCustomers,
    /// One customer only.
    #[error("there is only one customer; segments need at least two")]
    SingleCustomer,
    /// More clusters than customers.
    #[error(
        "{k} segments were asked for but there are only {customers} customers; choose k of \
         at most {customers}"
    )]
    TooFewCustomers {
        /// Clusters asked for.
        k: usize,
        /// Customers.
        customers: usize,
    },
    /// Too few customers to compare values of k from a range.
    #[error(
        "choosing k from {from} up needs at least {} customers that differ (silhouettes \
         compare each segment with the others), and there are {customers}; choose a fixed k \
         of at most {customers}",
        from + 1
    )]
    TooFewToChooseK {
        /// The range's first k.
        from: usize,
        /// Customers that differ.
        customers: usize,
    },
    /// Every point is the same.
    #[error(
        "every customer has the same values in the chosen features, so there is nothing to \
         separate; choose other features"
    )]
    AllIdentical,
    /// Fewer distinct points than clusters.
    #[error(
        "only {distinct} customers differ from each other in the chosen features, fewer than \
         the {k} segments asked for; choose k of at most {distinct}"
    )]
    TooFewDistinct {
        /// Clusters asked for.
        k: usize,
        /// Distinct points.
        distinct: usize,
    },
    /// A value is NaN or infinite.
    #[error(
        "row {row}, feature {column} is not a finite number (NaN or infinite); every feature \
         must be a number for every customer"
    )]
    NotFinite {
        /// Row (from 0).
        row: usize,
        /// Column (from 0).
        column: usize,
    },
    /// A named feature's value is NaN or infinite.
    #[error("customer {customer:?} has no usable value for {feature:?} (NaN or infinite)")]
    NotFiniteFeature {
        /// The customer's id.
        customer: String,
        /// The feature's label.
        feature: String,
    },
    /// Data of the wrong shape.
    #[error("a {rows} x {cols} matrix needs {} values, not {len}", rows * cols)]
    Shape {
        /// Rows.
        rows: usize,
        /// Columns.
        cols: usize,
        /// Values given.
        len: usize,
    },
    /// No feature chosen.
    #[error("no features were chosen; choose at least one")]
    NoFeatures,
    /// A plain table's id on two rows.
    #[error(
        "the id {id:?} is on lines {first} and {second}, and a plain table has one row per \
         entity"
    )]
    RepeatedId {
        /// The id.
        id: String,
        /// The line it is first on.
        first: u64,
        /// The next line it is on.
        second: u64,
    },
    /// A feature key that does not exist.
    #[error("there is no feature {key:?}; the features are {known}")]
    UnknownFeature {
        /// The key asked for.
        key: String,
        /// The known keys, joined.
        known: String,
    },
    /// k is zero.
    #[error("the number of segments k must be at least 1")]
    ZeroK,
    /// A k range that is empty or starts below 2.
    #[error("the range of k {from}..{to} must start at 2 or more and end at or after its start")]
    BadRange {
        /// First k.
        from: usize,
        /// Last k.
        to: usize,
    },
    /// No restarts.
    #[error("k-means needs at least 1 restart")]
    ZeroRestarts,
    /// No iterations.
    #[error("the iteration limit must be at least 1")]
    ZeroIterations,
    /// A negative or non-finite tolerance.
    #[error("the tolerance must be a number of 0 or more, not {0}")]
    BadTolerance(f64),
    /// Initial centroids of the wrong size.
    #[error("the initial centroids have {found} values; k x features = {expected} were expected")]
    BadInit {
        /// k times the number of features.
        expected: usize,
        /// Values given.
        found: usize,
    },
    /// eps not positive.
    #[error("eps must be a number greater than 0, not {0}")]
    BadEps(f64),
    /// min points zero.
    #[error("min points must be at least 1")]
    ZeroMinPoints,
    /// A silhouette needs 2 to n - 1 clusters.
    #[error(
        "the silhouette needs between 2 and {} clusters for {samples} customers; there are \
         {clusters}", samples.saturating_sub(1)
    )]
    SilhouetteClusters {
        /// Clusters in the labels.
        clusters: usize,
        /// Points.
        samples: usize,
    },
    /// Labels of the wrong length.
    #[error("{labels} labels were given for {points} points")]
    LabelCount {
        /// Labels given.
        labels: usize,
        /// Points.
        points: usize,
    },
    /// Cancelled or superseded.
    #[error(transparent)]
    Interrupted(#[from] Interrupted),
}

/// How far apart two customers are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Distance {
    /// Straight-line distance; k-means minimises squared distances to cluster means.
    #[default]
    Euclidean,
    /// Sum of absolute differences; k-means then moves each centroid to its cluster's
    /// median in every feature (k-medians), which minimises the sum of distances.
    Manhattan,
}

impl Distance {
    /// The distance between `a` and `b`.
    #[inline]
    pub fn between(self, a: &[f64], b: &[f64]) -> f64 {
        match self {
            Distance::Euclidean => squared(a, b).sqrt(),
            Distance::Manhattan => a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum(),
        }
    }

    /// What k-means minimises for a point at `a` in a cluster centred at `b`: the
    /// squared distance (Euclidean) or the distance (Manhattan).
    #[inline]
    pub fn cost(self, a: &[f64], b: &[f64]) -> f64 {
        match self {
            Distance::Euclidean => squared(a, b),
            Distance::Manhattan => self.between(a, b),
        }
    }
}

/// Squared Euclidean distance.
#[inline]
pub fn squared(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

/// How k-means starts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Init {
    /// k-means++ (greedy, as scikit-learn: 2 + ln k candidates per centre).
    #[default]
    KMeansPlusPlus,
    /// These centroids (k rows of the features, row-major); one run, no restarts.
    Given(Vec<f64>),
}

/// K-means settings as given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KMeansParams {
    /// Number of clusters.
    pub k: usize,
    /// Runs from different seeded starts; the one with the least inertia wins.
    pub restarts: usize,
    /// Iteration limit per run.
    pub max_iter: usize,
    /// Convergence tolerance, relative to the data's mean feature variance (as
    /// scikit-learn): a run stops when the centroids' total squared shift is at most
    /// `tol` times that.
    pub tol: f64,
    /// Distance.
    pub distance: Distance,
    /// Seed of the random starts.
    pub seed: u64,
    /// How to start.
    pub init: Init,
}

impl Default for KMeansParams {
    /// scikit-learn's defaults (300 iterations, tol 1e-4) with 10 restarts.
    fn default() -> Self {
        Self {
            k: 4,
            restarts: 10,
            max_iter: 300,
            tol: 1e-4,
            distance: Distance::Euclidean,
            seed: 0,
            init: Init::KMeansPlusPlus,
        }
    }
}

impl KMeansParams {
    /// Checks the settings that do not depend on the data.
    pub fn check(self) -> Result<KMeansConfig, SegmentError> {
        if self.k == 0 {
            return Err(SegmentError::ZeroK);
        }
        if self.restarts == 0 {
            return Err(SegmentError::ZeroRestarts);
        }
        if self.max_iter == 0 {
            return Err(SegmentError::ZeroIterations);
        }
        if !(self.tol.is_finite() && self.tol >= 0.0) {
            return Err(SegmentError::BadTolerance(self.tol));
        }
        if let Init::Given(centroids) = &self.init
            && (centroids.is_empty() || centroids.len() % self.k != 0)
        {
            return Err(SegmentError::BadInit {
                expected: self.k * (centroids.len() / self.k).max(1),
                found: centroids.len(),
            });
        }
        Ok(KMeansConfig(self))
    }
}

/// Checked k-means settings.
#[derive(Debug, Clone, PartialEq)]
pub struct KMeansConfig(KMeansParams);

impl KMeansConfig {
    /// The settings.
    pub fn params(&self) -> &KMeansParams {
        &self.0
    }

    /// The same settings with another k (for a range of k).
    pub fn with_k(&self, k: usize) -> Result<KMeansConfig, SegmentError> {
        KMeansParams {
            k,
            init: Init::KMeansPlusPlus,
            ..self.0.clone()
        }
        .check()
    }
}

/// DBSCAN settings as given.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DbscanParams {
    /// Neighbourhood radius.
    pub eps: f64,
    /// Points within `eps` (the point itself included) that make a core point, as
    /// scikit-learn's `min_samples`.
    pub min_points: usize,
    /// Distance.
    pub distance: Distance,
}

impl DbscanParams {
    /// Checks the settings.
    pub fn check(self) -> Result<DbscanConfig, SegmentError> {
        if !(self.eps.is_finite() && self.eps > 0.0) {
            return Err(SegmentError::BadEps(self.eps));
        }
        if self.min_points == 0 {
            return Err(SegmentError::ZeroMinPoints);
        }
        Ok(DbscanConfig(self))
    }
}

/// Checked DBSCAN settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DbscanConfig(DbscanParams);

impl DbscanConfig {
    /// The settings.
    pub fn params(&self) -> &DbscanParams {
        &self.0
    }
}

/// A range of k to compare, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KRange {
    /// First k (at least 2).
    pub from: usize,
    /// Last k.
    pub to: usize,
}

impl KRange {
    /// Checks the range: from at least 2, to at least from.
    pub fn check(self) -> Result<KRange, SegmentError> {
        if self.from < 2 || self.to < self.from {
            return Err(SegmentError::BadRange {
                from: self.from,
                to: self.to,
            });
        }
        Ok(self)
    }

    /// The values of k.
    pub fn ks(&self) -> std::ops::RangeInclusive<usize> {
        self.from..=self.to
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_settings_are_refused_with_the_reason() {
        let bad = |p: KMeansParams| p.check().expect_err("refused").to_string();
        let ok = KMeansParams::default();
        assert!(bad(KMeansParams { k: 0, ..ok.clone() }).contains("at least 1"));
        assert!(
            bad(KMeansParams {
                restarts: 0,
                ..ok.clone()
            })
            .contains("restart")
        );
        assert!(
            bad(KMeansParams {
                max_iter: 0,
                ..ok.clone()
            })
            .contains("iteration")
        );
        assert!(
            bad(KMeansParams {
                tol: f64::NAN,
                ..ok.clone()
            })
            .contains("tolerance")
        );
        assert!(
            bad(KMeansParams {
                k: 2,
                init: Init::Given(vec![1.0, 2.0, 3.0]),
                ..ok.clone()
            })
            .contains("initial centroids")
        );
        let dbscan = |eps, min_points| {
            DbscanParams {
                eps,
                min_points,
                distance: Distance::Euclidean,
            }
            .check()
        };
        for eps in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(matches!(dbscan(eps, 5), Err(SegmentError::BadEps(_))));
        }
        assert_eq!(dbscan(0.5, 0), Err(SegmentError::ZeroMinPoints));
        assert!(dbscan(0.5, 1).is_ok());
        assert!(KRange { from: 1, to: 5 }.check().is_err());
        assert!(KRange { from: 4, to: 3 }.check().is_err());
        assert_eq!(
            KRange { from: 2, to: 2 }.check().map(|r| r.ks().count()),
            Ok(1)
        );
    }
}

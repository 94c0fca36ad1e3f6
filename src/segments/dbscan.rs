//! DBSCAN, as scikit-learn's, and the k-distance curve for choosing its `eps`.
//!
//! A point is a core point when at least `min_points` points (itself included) lie
//! within `eps` (distance `<= eps`; for Euclidean distance the squared distance is
//! compared with `eps²`, as scikit-learn's KD-tree does, so that ties fall alike). Clusters grow from core points in index order: the
//! first unlabelled core point starts a cluster, which takes every point reachable
//! through core points; a border point reachable from two clusters stays in the first.
//! Points in no cluster are noise (label -1), shown as their own group. This is
//! scikit-learn's order, so the labels are the same up to renumbering.
//!
//! Neighbours are found by a sweep along the feature with the widest spread: points are
//! sorted by it, and only those within `eps` of a point in that feature are measured
//! (any distance is at least the difference in one feature). Neighbourhoods are not
//! stored: a core point's neighbours are found again when its cluster grows, so memory
//! stays O(n) however large `eps` is.

use super::matrix::Matrix;
use super::params::{DbscanConfig, Distance, SegmentError, squared};
use crate::control::{Control, Progress, Stage};
use serde::{Deserialize, Serialize};

/// Queries between two checkpoints.
const QUERIES_PER_CHECKPOINT: usize = 256;
/// Points whose k-distance is plotted at most (a seeded sample above that).
pub const K_DISTANCE_SAMPLE: usize = 1000;

/// The noise label.
pub const NOISE: i32 = -1;

/// A DBSCAN clustering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DbscanFit {
    /// Each point's cluster (from 0), or [`NOISE`].
    pub labels: Vec<i32>,
    /// Whether each point is a core point.
    pub core: Vec<bool>,
    /// Number of clusters (noise not counted).
    pub clusters: usize,
    /// Number of noise points.
    pub noise: usize,
}

/// Neighbour search by a sweep along one feature.
struct Sweep<'a> {
    x: &'a Matrix,
    distance: Distance,
    eps: f64,
    axis: usize,
    /// Point indices sorted by the axis feature.
    order: Vec<usize>,
    /// The axis values in that order.
    keys: Vec<f64>,
}

impl<'a> Sweep<'a> {
    fn new(x: &'a Matrix, distance: Distance, eps: f64) -> Self {
        let (n, d) = (x.rows(), x.cols());
        let axis = (0..d)
            .max_by(|&a, &b| spread(x, a).total_cmp(&spread(x, b)))
            .unwrap_or(0);
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| x.row(a)[axis].total_cmp(&x.row(b)[axis]));
        let keys = order.iter().map(|&i| x.row(i)[axis]).collect();
        Self {
            x,
            distance,
            eps,
            axis,
            order,
            keys,
        }
    }

    /// Calls `found` for every point within `eps` of point `i` (itself included).
    fn neighbours(&self, i: usize, mut found: impl FnMut(usize)) {
        let p = self.x.row(i);
        let key = p[self.axis];
        // A little slack: the exact test below decides.
        let slack = self.eps * (1.0 + 1e-9);
        let start = self.keys.partition_point(|&k| k < key - slack);
        for (&k, &j) in self.keys[start..].iter().zip(&self.order[start..]) {
            if k > key + slack {
                break;
            }
            let q = self.x.row(j);
            // Euclidean: squared distances against eps², as scikit-learn's trees do.
            let within = match self.distance {
                Distance::Euclidean => squared(p, q) <= self.eps * self.eps,
                Distance::Manhattan => self.distance.between(p, q) <= self.eps,
            };
            if within {
                found(j);
            }
        }
    }
}

/// The range of feature `j`.
fn spread(x: &Matrix, j: usize) -> f64 {
    let (lo, hi) = (0..x.rows()).fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), i| {
        let v = x.row(i)[j];
        (lo.min(v), hi.max(v))
    });
    hi - lo
}

/// Clusters the rows of `x` with DBSCAN.
pub async fn fit<C: Control>(
    x: &Matrix,
    config: &DbscanConfig,
    control: &mut C,
) -> Result<DbscanFit, SegmentError> {
    let params = config.params();
    let n = x.rows();
    match n {
        0 => return Err(SegmentError::NoCustomers),
        1 => return Err(SegmentError::SingleCustomer),
        _ => {}
    }
    if x.cols() == 0 {
        return Err(SegmentError::NoFeatures);
    }
    let sweep = Sweep::new(x, params.distance, params.eps);
    let total = Some(2 * n as u64);
    let mut core = vec![false; n];
    for (i, is_core) in core.iter_mut().enumerate() {
        if i % QUERIES_PER_CHECKPOINT == 0 {
            let progress = Progress {
                stage: Stage::Dbscan,
                done: i as u64,
                total,
            };
            control.checkpoint(progress).await?;
        }
        let mut count = 0;
        sweep.neighbours(i, |_| count += 1);
        *is_core = count >= params.min_points;
    }
    let mut labels = vec![NOISE; n];
    let mut clusters = 0i32;
    let mut stack = Vec::new();
    let mut queries = 0usize;
    for start in 0..n {
        if labels[start] != NOISE || !core[start] {
            continue;
        }
        // Depth-first from `start`, stopping at border points (scikit-learn's
        // `dbscan_inner`).
        let mut i = start;
        loop {
            if labels[i] == NOISE {
                labels[i] = clusters;
                if core[i] {
                    queries += 1;
                    if queries.is_multiple_of(QUERIES_PER_CHECKPOINT) {
                        let progress = Progress {
                            stage: Stage::Dbscan,
                            done: (n + queries) as u64,
                            total,
                        };
                        control.checkpoint(progress).await?;
                    }
                    sweep.neighbours(i, |j| {
                        if labels[j] == NOISE {
                            stack.push(j);
                        }
                    });
                }
            }
            match stack.pop() {
                Some(next) => i = next,
                None => break,
            }
        }
        clusters += 1;
    }
    let noise = labels.iter().filter(|l| **l == NOISE).count();
    Ok(DbscanFit {
        labels,
        core,
        clusters: clusters as usize,
        noise,
    })
}

/// The k-distance curve: for each of (a sample of) the points, the distance to its
/// `min_points`-th nearest point counting itself (scikit-learn's
/// `NearestNeighbors(n_neighbors=min_points)`, last column), sorted ascending. A point
/// is a core point exactly when this distance is at most `eps`, so the curve's knee is
/// a good `eps`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KDistance {
    /// The k of the curve (= `min_points`).
    pub k: usize,
    /// The distances, ascending.
    pub distances: Vec<f64>,
    /// Whether the curve is of a seeded sample of the points (distances are still to
    /// all points).
    pub sampled: bool,
    /// The suggested eps: the distance at the knee of the curve (the point farthest
    /// above the chord from its first to its last point, both axes scaled to 0..1).
    pub suggested_eps: f64,
}

/// Computes the k-distance curve for `min_points`, on at most `sample` points (seeded).
pub async fn k_distance<C: Control>(
    x: &Matrix,
    min_points: usize,
    distance: Distance,
    sample: usize,
    seed: u64,
    control: &mut C,
) -> Result<KDistance, SegmentError> {
    let n = x.rows();
    if n < 2 {
        return Err(if n == 0 {
            SegmentError::NoCustomers
        } else {
            SegmentError::SingleCustomer
        });
    }
    if min_points == 0 {
        return Err(SegmentError::ZeroMinPoints);
    }
    let k = min_points.min(n);
    let sampled = n > sample;
    let rows = if sampled {
        super::choose_k::sample_rows(n, sample, seed)
    } else {
        (0..n).collect()
    };
    let mut distances = Vec::with_capacity(rows.len());
    let mut nearest: Vec<f64> = Vec::with_capacity(k + 1);
    for (done, &i) in rows.iter().enumerate() {
        if done % 16 == 0 {
            let progress = Progress {
                stage: Stage::Dbscan,
                done: done as u64,
                total: Some(rows.len() as u64),
            };
            control.checkpoint(progress).await?;
        }
        // The k smallest distances, kept sorted (k is small).
        nearest.clear();
        let p = x.row(i);
        for j in 0..n {
            let dist = distance.between(p, x.row(j));
            if nearest.len() < k {
                let at = nearest.partition_point(|&v| v <= dist);
                nearest.insert(at, dist);
            } else if dist < nearest[k - 1] {
                nearest.pop();
                let at = nearest.partition_point(|&v| v <= dist);
                nearest.insert(at, dist);
            }
        }
        distances.push(nearest[k - 1]);
    }
    distances.sort_by(f64::total_cmp);
    let suggested_eps = knee(&distances);
    Ok(KDistance {
        k,
        distances,
        sampled,
        suggested_eps,
    })
}

/// The value at the knee of an ascending curve: the point farthest below the chord from
/// the first to the last point (both axes scaled to 0..1), where the curve turns up.
/// Falls back to the median when the curve is flat.
fn knee(ascending: &[f64]) -> f64 {
    let m = ascending.len();
    if m == 0 {
        return 0.0;
    }
    let (first, last) = (ascending[0], ascending[m - 1]);
    let span = last - first;
    if m < 3 || span <= 0.0 {
        return ascending[m / 2];
    }
    let mut best = (m / 2, f64::NEG_INFINITY);
    for (i, &v) in ascending.iter().enumerate() {
        let x = i as f64 / (m - 1) as f64;
        let y = (v - first) / span;
        if x - y > best.1 {
            best = (i, x - y);
        }
    }
    ascending[best.0]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::Unattended;
    use crate::segments::params::DbscanParams;

    fn run(rows: &[Vec<f64>], eps: f64, min_points: usize) -> DbscanFit {
        let x = Matrix::from_rows(rows).expect("finite");
        let config = DbscanParams {
            eps,
            min_points,
            distance: Distance::Euclidean,
        }
        .check()
        .expect("valid");
        pollster::block_on(fit(&x, &config, &mut Unattended)).expect("fits")
    }

    #[test]
    fn two_chains_and_a_noise_point() {
        let rows: Vec<Vec<f64>> = [0.0, 1.0, 2.0, 10.0, 11.0, 12.0, 30.0]
            .iter()
            .map(|v| vec![*v])
            .collect();
        let fit = run(&rows, 1.0, 2);
        assert_eq!(fit.labels, [0, 0, 0, 1, 1, 1, NOISE]);
        assert_eq!((fit.clusters, fit.noise), (2, 1));
    }

    #[test]
    fn a_border_point_stays_with_the_first_cluster_that_reaches_it() {
        // 2 is a border point within eps of both 1 (cluster 0) and 3 (cluster 1).
        let rows: Vec<Vec<f64>> = [0.0, 0.3, 0.6, 1.0, 2.0, 3.0, 3.4, 3.7, 4.0]
            .iter()
            .map(|v| vec![*v])
            .collect();
        let fit = run(&rows, 1.0, 4);
        assert_eq!(fit.labels, [0, 0, 0, 0, 0, 1, 1, 1, 1]);
        assert!(!fit.core[4] && fit.core.iter().filter(|c| **c).count() == 8);
    }

    #[test]
    fn k_distance_is_to_the_kth_point_counting_itself() {
        let x = Matrix::from_rows(&[vec![0.0], vec![1.0], vec![3.0], vec![6.0]]).expect("ok");
        let curve = pollster::block_on(k_distance(
            &x,
            2,
            Distance::Euclidean,
            100,
            0,
            &mut Unattended,
        ))
        .expect("curve");
        assert_eq!(curve.distances, [1.0, 1.0, 2.0, 3.0]);
        assert!(!curve.sampled);
    }
}

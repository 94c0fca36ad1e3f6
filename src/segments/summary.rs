//! What the Segments page shows of a [`Segmentation`]: everything but the per-customer
//! rows, which stay in the worker (a seeded sample of them for the map, and the biggest
//! spenders of each cluster). Small enough to send to the UI thread whatever the number
//! of customers.

use super::analysis::{Clustering, Segmentation};
use super::choose_k::{KCurve, sample_rows};
use super::features::FeatureInfo;
use super::profile::Profiles;
use super::rfm::{GridCell, SegmentTotals};
use serde::{Deserialize, Serialize};

/// At most this many customers are drawn on the map.
pub const MAP_POINTS: usize = 2000;
/// At most this many points of the k-distance curve are sent.
pub const CURVE_POINTS: usize = 400;
/// The biggest spenders listed per cluster.
pub const TOP_CUSTOMERS: usize = 10;

/// How the customers were clustered, with what chooses the parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum MethodSummary {
    /// K-means.
    KMeans {
        /// Clusters.
        k: usize,
        /// Sum of squared distances to the centroids (of distances, for Manhattan).
        inertia: f64,
        /// Iterations of the best run.
        iterations: usize,
        /// Whether that run converged before the limit.
        converged: bool,
        /// The elbow and silhouette curves, when k was chosen from a range.
        curve: Option<KCurve>,
    },
    /// DBSCAN.
    Dbscan {
        /// The radius used.
        eps: f64,
        /// The minimum points used.
        min_points: usize,
        /// Clusters found (noise not counted).
        clusters: usize,
        /// Customers in no cluster.
        noise: u64,
        /// The k-distance curve (ascending, thinned to [`CURVE_POINTS`]).
        k_distance: Vec<f64>,
        /// The eps at its knee.
        suggested_eps: f64,
    },
}

/// A customer drawn on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapPoint {
    /// The customer id.
    pub id: String,
    /// Position on the first two principal components.
    pub x: f64,
    /// Position.
    pub y: f64,
    /// Its cluster (-1: noise).
    pub cluster: i32,
}

/// The 2-D map: a seeded sample of customers and the cluster centres.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapSummary {
    /// The share of the scaled features' variance each axis explains.
    pub explained: Vec<f64>,
    /// The customers drawn.
    pub points: Vec<MapPoint>,
    /// Each cluster's centre.
    pub centroids: Vec<(i32, [f64; 2])>,
    /// The number of customers the points were sampled from.
    pub of: u64,
}

/// The Segments page's data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentSummary {
    /// Customers segmented.
    pub customers: u64,
    /// Every feature that can be chosen.
    pub features: Vec<FeatureInfo>,
    /// The chosen ones (indices into `features`).
    pub selected: Vec<usize>,
    /// The RFM grid: customers and revenue per R x FM score.
    pub rfm_grid: Vec<GridCell>,
    /// The named RFM segments.
    pub rfm_totals: Vec<SegmentTotals>,
    /// The clustering.
    pub method: MethodSummary,
    /// Mean silhouette of the clusters.
    pub silhouette: Option<f64>,
    /// Whether it was computed on a seeded sample.
    pub silhouette_sampled: bool,
    /// Cluster profiles with names.
    pub profiles: Profiles,
    /// The map.
    pub map: MapSummary,
    /// Per cluster, its biggest spenders: id and monetary value.
    pub top: Vec<(i32, Vec<(String, f64)>)>,
    /// Things the user should know.
    pub notes: Vec<String>,
}

/// Every `len / count`-th value (the last included), or all when there are fewer.
fn thin(values: &[f64], count: usize) -> Vec<f64> {
    if values.len() <= count || count < 2 {
        return values.to_vec();
    }
    (0..count)
        .map(|i| values[i * (values.len() - 1) / (count - 1)])
        .collect()
}

/// Summarises `segmentation` for the page; `seed` chooses the map's sample.
pub fn summarise(segmentation: &Segmentation, seed: u64) -> SegmentSummary {
    let s = segmentation;
    let n = s.labels.len();
    let method = match &s.clustering {
        Clustering::KMeans { fit, curve } => MethodSummary::KMeans {
            k: fit.k,
            inertia: fit.inertia,
            iterations: fit.iterations,
            converged: fit.converged,
            curve: curve.clone(),
        },
        Clustering::Dbscan {
            fit,
            eps,
            min_points,
            k_distance,
        } => {
            let mut clusters: Vec<i32> = fit.labels.iter().copied().filter(|&l| l >= 0).collect();
            clusters.sort_unstable();
            clusters.dedup();
            MethodSummary::Dbscan {
                eps: *eps,
                min_points: *min_points,
                clusters: clusters.len(),
                noise: fit.labels.iter().filter(|&&l| l < 0).count() as u64,
                k_distance: thin(&k_distance.distances, CURVE_POINTS),
                suggested_eps: k_distance.suggested_eps,
            }
        }
    };
    let rows = if n > MAP_POINTS {
        sample_rows(n, MAP_POINTS, seed)
    } else {
        (0..n).collect()
    };
    let points = rows
        .iter()
        .map(|&i| MapPoint {
            id: s.features.ids[i].clone(),
            x: s.map.points[i][0],
            y: s.map.points[i][1],
            cluster: s.labels[i],
        })
        .collect();
    let revenue = s.features.revenue();
    let top = s
        .profiles
        .clusters
        .iter()
        .map(|cluster| {
            let mut members: Vec<usize> =
                (0..n).filter(|&i| s.labels[i] == cluster.cluster).collect();
            members.sort_by(|&a, &b| revenue[b].total_cmp(&revenue[a]).then(a.cmp(&b)));
            let best = members
                .iter()
                .take(TOP_CUSTOMERS)
                .map(|&i| (s.features.ids[i].clone(), revenue[i]))
                .collect();
            (cluster.cluster, best)
        })
        .collect();
    SegmentSummary {
        customers: n as u64,
        features: s.features.features.clone(),
        selected: s.selected.clone(),
        rfm_grid: s.rfm.as_ref().map(|r| r.grid.clone()).unwrap_or_default(),
        rfm_totals: s.rfm.as_ref().map(|r| r.totals.clone()).unwrap_or_default(),
        method,
        silhouette: s.silhouette,
        silhouette_sampled: s.silhouette_sampled,
        profiles: s.profiles.clone(),
        map: MapSummary {
            explained: s.map.pca.explained_variance_ratio.clone(),
            points,
            centroids: s.map.centroids.clone(),
            of: n as u64,
        },
        top,
        notes: s.notes.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::Unattended;
    use crate::demo::{self, DemoSize};
    use crate::orders::Orders;
    use crate::segments::{Settings, segment};

    #[test]
    fn thinning_keeps_the_ends() {
        let values: Vec<f64> = (0..1000).map(f64::from).collect();
        let thinned = thin(&values, 5);
        assert_eq!(thinned, [0.0, 249.0, 499.0, 749.0, 999.0]);
        assert_eq!(thin(&values[..3], 5), [0.0, 1.0, 2.0]);
    }

    #[test]
    fn the_demo_summary_is_small_and_consistent() {
        let demo = demo::generate(demo::SEED, DemoSize::default());
        let loaded =
            crate::ingest::load_text(&demo.transactions, crate::ingest::TableKind::Transactions);
        let orders = Orders::from_dataset(&loaded.dataset);
        let segmentation =
            pollster::block_on(segment(&orders, &[], &Settings::default(), &mut Unattended))
                .expect("segments");
        let summary = summarise(&segmentation, 7);
        assert_eq!(summary.customers, segmentation.labels.len() as u64);
        assert_eq!(
            summary.map.points.len(),
            MAP_POINTS.min(segmentation.labels.len())
        );
        assert_eq!(summary, summarise(&segmentation, 7), "the sample is seeded");
        let MethodSummary::KMeans { k, curve, .. } = &summary.method else {
            panic!("k-means by default");
        };
        assert_eq!(curve.as_ref().map(|c| c.suggested), Some(*k));
        assert_eq!(summary.top.len(), summary.profiles.clusters.len());
        for (cluster, best) in &summary.top {
            assert!(best.len() <= TOP_CUSTOMERS);
            assert!(
                best.windows(2).all(|w| w[0].1 >= w[1].1),
                "cluster {cluster}"
            );
        }
        let bytes = crate::protocol::encode(&summary).expect("encodes");
        assert!(bytes.len() < 200_000, "{} bytes", bytes.len());
        let back: SegmentSummary = crate::protocol::decode(&bytes).expect("decodes");
        assert_eq!(back, summary, "it crosses to the UI intact");
        let settings = crate::protocol::Request::Analyse(crate::analyses::AnySettings::Segments(
            Box::default(),
        ));
        let bytes = crate::protocol::encode(&settings).expect("encodes");
        assert_eq!(
            crate::protocol::decode::<crate::protocol::Request>(&bytes).ok(),
            Some(settings)
        );
    }
}

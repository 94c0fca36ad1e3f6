//! Cluster profiles: what each segment's customers are like, in numbers and in words.
//!
//! For each cluster (DBSCAN's noise as a group of its own): its size and share, its
//! revenue and revenue share, and for every feature the mean and the median, their
//! difference from the whole base, and the cluster's mean percentile: where its
//! customers sit, on average, among all customers on that feature (0.5 = typical).
//!
//! **Names.** A cluster is named by up to three descriptors, strongest first, from the
//! features whose mean percentile is at least 0.15 away from 0.5 ("high spend" when its
//! customers are on average in the top 35% on money spent): percentiles are robust to
//! the long tails of money, which would make mean differences hard to compare. A cluster
//! with no such feature is "typical customers"; noise is "outliers (noise)". Equal
//! names get a number.

use super::features::{CustomerFeatures, FeatureKind};
use super::kmeans::median;
use serde::{Deserialize, Serialize};

/// How far from 0.5 a mean percentile must be to describe a cluster.
pub const DESCRIBES: f64 = 0.15;
/// Descriptors in a name at most.
const WORDS: usize = 3;

/// One feature in one cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureStats {
    /// Mean.
    pub mean: f64,
    /// Median.
    pub median: f64,
    /// Mean minus the whole base's mean.
    pub difference: f64,
    /// Mean divided by the base's mean, minus 1 (`None` when the base's mean is 0).
    pub relative: Option<f64>,
    /// The members' mean percentile among all customers (0 to 1, 0.5 typical).
    pub percentile: f64,
}

/// One cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterProfile {
    /// The cluster's label (-1 for noise).
    pub cluster: i32,
    /// A plain-language name.
    pub name: String,
    /// Customers.
    pub size: u64,
    /// Share of all customers.
    pub share: f64,
    /// Their spending.
    pub revenue: f64,
    /// Share of all spending.
    pub revenue_share: f64,
    /// Per feature (in the order of [`CustomerFeatures::features`]).
    pub features: Vec<FeatureStats>,
}

/// The whole base, for comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BaseStats {
    /// Mean per feature.
    pub mean: Vec<f64>,
    /// Median per feature.
    pub median: Vec<f64>,
}

/// All clusters' profiles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profiles {
    /// The whole base.
    pub base: BaseStats,
    /// One per cluster, in label order, noise last.
    pub clusters: Vec<ClusterProfile>,
}

/// Profiles the clusters given by `labels` (one per row of `features`, -1 for noise).
pub fn profile(features: &CustomerFeatures, labels: &[i32]) -> Profiles {
    let x = &features.values;
    let (n, d) = (x.rows(), x.cols());
    let revenue = features.revenue();
    let all_revenue: f64 = revenue.iter().sum();
    let columns: Vec<Vec<f64>> = (0..d).map(|j| x.column(j)).collect();
    let percentiles: Vec<Vec<f64>> = columns.iter().map(|c| percentile_ranks(c)).collect();
    let base = BaseStats {
        mean: columns.iter().map(|c| mean(c)).collect(),
        median: columns
            .iter()
            .map(|c| median(&mut c.clone()).unwrap_or(0.0))
            .collect(),
    };
    let mut ids: Vec<i32> = labels.to_vec();
    ids.sort_unstable();
    ids.dedup();
    // Noise last.
    ids.sort_by_key(|&l| (l < 0, l));
    let mut clusters: Vec<ClusterProfile> = ids
        .iter()
        .map(|&cluster| {
            let members: Vec<usize> = (0..n).filter(|&i| labels[i] == cluster).collect();
            let stats = (0..d)
                .map(|j| {
                    let mut values: Vec<f64> = members.iter().map(|&i| columns[j][i]).collect();
                    let m = mean(&values);
                    FeatureStats {
                        mean: m,
                        median: median(&mut values).unwrap_or(0.0),
                        difference: m - base.mean[j],
                        relative: (base.mean[j] != 0.0).then(|| m / base.mean[j] - 1.0),
                        percentile: mean(
                            &members
                                .iter()
                                .map(|&i| percentiles[j][i])
                                .collect::<Vec<_>>(),
                        ),
                    }
                })
                .collect();
            let cluster_revenue: f64 = members.iter().map(|&i| revenue[i]).sum();
            ClusterProfile {
                cluster,
                name: String::new(),
                size: members.len() as u64,
                share: members.len() as f64 / n.max(1) as f64,
                revenue: cluster_revenue,
                revenue_share: if all_revenue > 0.0 {
                    cluster_revenue / all_revenue
                } else {
                    0.0
                },
                features: stats,
            }
        })
        .collect();
    let mut used: Vec<String> = Vec::new();
    for profile in &mut clusters {
        let name = if profile.cluster < 0 {
            "outliers (noise)".to_owned()
        } else {
            name(features, &profile.features)
        };
        let mut unique = name.clone();
        let mut number = 2;
        while used.contains(&unique) {
            unique = format!("{name} ({number})");
            number += 1;
        }
        used.push(unique.clone());
        profile.name = unique;
    }
    Profiles { base, clusters }
}

/// The plain-language name of a cluster with these feature stats.
fn name(features: &CustomerFeatures, stats: &[FeatureStats]) -> String {
    let mut words: Vec<(f64, String)> = features
        .features
        .iter()
        .zip(stats)
        .filter_map(|(info, s)| {
            let lean = s.percentile - 0.5;
            if lean.abs() < DESCRIBES {
                return None;
            }
            let high = lean > 0.0;
            let word = match info.kind {
                FeatureKind::Recency if high => "lapsed".to_owned(),
                FeatureKind::Recency => "recent".to_owned(),
                FeatureKind::Frequency if high => "frequent".to_owned(),
                FeatureKind::Frequency => "infrequent".to_owned(),
                FeatureKind::Monetary if high => "high spend".to_owned(),
                FeatureKind::Monetary => "low spend".to_owned(),
                FeatureKind::AverageOrderValue if high => "big orders".to_owned(),
                FeatureKind::AverageOrderValue => "small orders".to_owned(),
                FeatureKind::Tenure if high => "long-standing".to_owned(),
                FeatureKind::Tenure => "new".to_owned(),
                FeatureKind::InterPurchase if high => "long gaps between orders".to_owned(),
                FeatureKind::InterPurchase => "short gaps between orders".to_owned(),
                FeatureKind::CategoryShare if high => {
                    format!("buys {}", info.label.trim_end_matches(" share"))
                }
                FeatureKind::CategoryShare => return None,
                FeatureKind::Extra => {
                    let column = info.label.split(" (").next().unwrap_or(&info.label);
                    format!("{} {column}", if high { "high" } else { "low" })
                }
            };
            // Purchase behaviour first; categories and attributes when they stand out more.
            let weight = match info.kind {
                FeatureKind::CategoryShare | FeatureKind::Extra => 0.8,
                _ => 1.0,
            };
            Some((lean.abs() * weight, word))
        })
        .collect();
    words.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut chosen: Vec<String> = Vec::new();
    for (_, word) in words {
        if chosen.len() == WORDS {
            break;
        }
        if !chosen.contains(&word) {
            chosen.push(word);
        }
    }
    if chosen.is_empty() {
        "typical customers".to_owned()
    } else {
        chosen.join(", ")
    }
}

/// Each value's percentile rank in 0..=1 (the mean rank of ties, over n - 1).
pub fn percentile_ranks(values: &[f64]) -> Vec<f64> {
    let n = values.len();
    if n < 2 {
        return vec![0.5; n];
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; n];
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        while end < n && values[order[end]] == values[order[start]] {
            end += 1;
        }
        let rank = (start + end - 1) as f64 / 2.0 / (n - 1) as f64;
        for &i in &order[start..end] {
            ranks[i] = rank;
        }
        start = end;
    }
    ranks
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segments::features::FeatureInfo;
    use crate::segments::matrix::Matrix;

    fn features(rows: &[Vec<f64>]) -> CustomerFeatures {
        let info = |key: &str, kind, money| FeatureInfo {
            key: key.into(),
            label: key.into(),
            kind,
            money,
            skewed: false,
        };
        CustomerFeatures {
            customers: (0..rows.len() as u32).collect(),
            ids: (0..rows.len()).map(|i| format!("c{i}")).collect(),
            features: vec![
                info("recency", FeatureKind::Recency, false),
                info("frequency", FeatureKind::Frequency, false),
                info("monetary", FeatureKind::Monetary, true),
            ],
            values: Matrix::from_rows(rows).expect("finite"),
            as_of: 0,
            returns: vec![0; rows.len()],
            notes: Vec::new(),
        }
    }

    #[test]
    fn profiles_and_names_from_the_numbers() {
        let f = features(&[
            vec![2.0, 10.0, 900.0],
            vec![3.0, 12.0, 1100.0],
            vec![300.0, 1.0, 20.0],
            vec![200.0, 1.0, 30.0],
            vec![100.0, 4.0, 100.0],
        ]);
        let p = profile(&f, &[0, 0, 1, 1, -1]);
        assert_eq!(p.clusters.len(), 3);
        let best = &p.clusters[0];
        assert_eq!(best.name, "recent, frequent, high spend");
        assert_eq!(best.size, 2);
        assert!((best.revenue_share - 2000.0 / 2150.0).abs() < 1e-12);
        assert_eq!(best.features[2].mean, 1000.0);
        assert_eq!(best.features[2].median, 1000.0);
        assert!((best.features[2].difference - (1000.0 - 430.0)).abs() < 1e-9);
        assert_eq!(p.clusters[1].name, "lapsed, infrequent, low spend");
        assert_eq!(p.clusters[2].cluster, -1);
        assert_eq!(p.clusters[2].name, "outliers (noise)");
    }

    #[test]
    fn equal_names_are_numbered() {
        let f = features(&vec![vec![1.0, 1.0, 1.0]; 4]);
        let p = profile(&f, &[0, 0, 1, 1]);
        assert_eq!(p.clusters[0].name, "typical customers");
        assert_eq!(p.clusters[1].name, "typical customers (2)");
    }

    #[test]
    fn percentile_ranks_average_ties() {
        assert_eq!(percentile_ranks(&[5.0, 1.0, 5.0]), [0.75, 0.0, 0.75]);
    }
}

//! The whole segmentation in one call, as the worker and `crm-lens segment` run it:
//! features, scaling, RFM, clustering (k-means with a fixed k or the best of a range,
//! or DBSCAN), profiles with names, and the 2-D map.

use super::choose_k::{self, KCurve};
use super::dbscan::{self, DbscanFit, KDistance};
use super::features::{self, CustomerFeatures, ExtraTable};
use super::kmeans::{self, KMeansFit};
use super::params::{DbscanParams, Distance, KMeansConfig, KMeansParams, KRange, SegmentError};
use super::pca::{self, Pca};
use super::profile::{self, Profiles};
use super::rfm::{self, Rfm};
use super::scaling::{self, ColumnScaling, Scaling};
use super::silhouette;
use super::table;
use super::{Matrix, Within};
use crate::control::{Control, Stage};
use crate::export::{Cell, CsvFile};
use crate::ingest::Dataset;
use crate::orders::Orders;
use serde::{Deserialize, Serialize};

/// Which k k-means uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KChoice {
    /// This k.
    Fixed(usize),
    /// The suggested k of this range (see [`super::choose_k`]).
    Range(KRange),
}

/// How customers are clustered.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// K-means.
    KMeans(KChoice),
    /// DBSCAN; `eps: None` takes the knee of the k-distance curve.
    Dbscan {
        /// Neighbourhood radius (in scaled units).
        eps: Option<f64>,
        /// Points within eps that make a core point (the point itself included).
        min_points: usize,
    },
}

/// Everything the user chooses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Feature keys (see [`features`]); empty means [`features::DEFAULT_FEATURES`].
    pub features: Vec<String>,
    /// Scaling of the chosen features.
    pub scaling: Scaling,
    /// Clustering method.
    pub method: Method,
    /// Distance for clustering, silhouettes and DBSCAN.
    pub distance: Distance,
    /// K-means restarts.
    pub restarts: usize,
    /// K-means iteration limit.
    pub max_iter: usize,
    /// K-means tolerance (relative to the mean feature variance).
    pub tol: f64,
    /// Seed of every random choice.
    pub seed: u64,
    /// The as-of date (days since 1970-01-01); the day after the last date if `None`.
    pub as_of: Option<i64>,
    /// The most points silhouettes (and the k-distance curve) are computed on; a seeded
    /// sample above that.
    pub sample: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            features: Vec::new(),
            scaling: Scaling::default(),
            method: Method::KMeans(KChoice::Range(KRange { from: 2, to: 8 })),
            distance: Distance::Euclidean,
            restarts: 10,
            max_iter: 300,
            tol: 1e-4,
            seed: 0,
            as_of: None,
            sample: choose_k::SILHOUETTE_SAMPLE,
        }
    }
}

/// The clustering and how it was chosen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Clustering {
    /// K-means.
    KMeans {
        /// The fit.
        fit: KMeansFit,
        /// The elbow and silhouette curves, when k was chosen from a range.
        curve: Option<KCurve>,
    },
    /// DBSCAN.
    Dbscan {
        /// The fit.
        fit: DbscanFit,
        /// The eps used.
        eps: f64,
        /// The min points used.
        min_points: usize,
        /// The k-distance curve for choosing eps.
        k_distance: KDistance,
    },
}

/// The 2-D map of customers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Map {
    /// The two principal components of the scaled features.
    pub pca: Pca,
    /// Each customer's position (rows as in [`CustomerFeatures`]).
    pub points: Vec<[f64; 2]>,
    /// Each cluster's centre on the map: a k-means centroid projected, or the mean
    /// position of a DBSCAN cluster's points (noise has none).
    pub centroids: Vec<(i32, [f64; 2])>,
}

/// A segmentation of the customers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segmentation {
    /// Every customer's features (all of them, chosen or not), unscaled.
    pub features: CustomerFeatures,
    /// The chosen features (columns of [`CustomerFeatures::values`]).
    pub selected: Vec<usize>,
    /// How each chosen feature was scaled.
    pub scaling: Vec<ColumnScaling>,
    /// RFM scores and named segments (none for a plain table, [`segment_table`]).
    pub rfm: Option<Rfm>,
    /// Each customer's cluster (-1: DBSCAN noise).
    pub labels: Vec<i32>,
    /// The clustering.
    pub clustering: Clustering,
    /// The mean silhouette of the clusters (noise as a group of its own), if there are
    /// 2 to n - 1 groups.
    pub silhouette: Option<f64>,
    /// Whether that silhouette was computed on a seeded sample of customers.
    pub silhouette_sampled: bool,
    /// Cluster profiles and names.
    pub profiles: Profiles,
    /// The map.
    pub map: Map,
    /// Things the user should know, in plain words.
    pub notes: Vec<String>,
}

/// Settings checked before any work.
enum Checked {
    Fixed(KMeansConfig),
    Range(KMeansConfig, KRange),
    Dbscan { eps: Option<f64>, min_points: usize },
}

fn check(settings: &Settings) -> Result<Checked, SegmentError> {
    let kmeans = |k| {
        KMeansParams {
            k,
            restarts: settings.restarts,
            max_iter: settings.max_iter,
            tol: settings.tol,
            distance: settings.distance,
            seed: settings.seed,
            ..KMeansParams::default()
        }
        .check()
    };
    Ok(match settings.method {
        Method::KMeans(KChoice::Fixed(k)) => Checked::Fixed(kmeans(k)?),
        Method::KMeans(KChoice::Range(range)) => {
            let range = range.check()?;
            Checked::Range(kmeans(range.from)?, range)
        }
        Method::Dbscan { eps, min_points } => {
            if let Some(eps) = eps {
                DbscanParams {
                    eps,
                    min_points,
                    distance: settings.distance,
                }
                .check()?;
            } else if min_points == 0 {
                return Err(SegmentError::ZeroMinPoints);
            }
            Checked::Dbscan { eps, min_points }
        }
    })
}

/// Segments the customers of `orders` (with the numeric columns of `extras` as
/// possible features).
pub async fn segment<C: Control>(
    orders: &Orders,
    extras: &[ExtraTable<'_>],
    settings: &Settings,
    control: &mut C,
) -> Result<Segmentation, SegmentError> {
    let checked = check(settings)?;
    let features = {
        let mut within = Within::new(control, Stage::Features, 0, 1);
        features::compute(orders, extras, settings.as_of, &mut within).await?
    };
    let mut notes = orders.notes.clone();
    notes.extend(features.notes.iter().cloned());
    let selected = features.select(&settings.features)?;
    let rfm = rfm::score(&features)?;
    cluster(
        features,
        selected,
        Some(rfm),
        notes,
        checked,
        settings,
        control,
    )
    .await
}

/// Segments the rows of a plain table of numbers, one row per entity (see
/// [`super::table`]): its number columns are the features (all of them when
/// `settings.features` is empty), `id` the column of the rows' ids (see
/// [`super::table::id_column`]). There are no RFM scores; the as-of date is not used.
pub async fn segment_table<C: Control>(
    dataset: &Dataset,
    id: Option<usize>,
    settings: &Settings,
    control: &mut C,
) -> Result<Segmentation, SegmentError> {
    let checked = check(settings)?;
    let features = table::features(dataset, id)?;
    let notes = features.notes.clone();
    let selected = if settings.features.is_empty() {
        (0..features.features.len()).collect()
    } else {
        features.select(&settings.features)?
    };
    cluster(features, selected, None, notes, checked, settings, control).await
}

/// Scales the `selected` features, clusters, profiles and maps.
async fn cluster<C: Control>(
    features: CustomerFeatures,
    selected: Vec<usize>,
    rfm: Option<Rfm>,
    mut notes: Vec<String>,
    checked: Checked,
    settings: &Settings,
    control: &mut C,
) -> Result<Segmentation, SegmentError> {
    let steps = 4;
    let raw = features.values.select_cols(&selected);
    let infos: Vec<_> = selected.iter().map(|&j| &features.features[j]).collect();
    let (x, scaling) = scaling::scale(&raw, &infos, settings.scaling);
    let distance = settings.distance;

    let mut silhouette_value = None;
    let mut silhouette_sampled = false;
    let (labels, clustering): (Vec<i32>, Clustering) = match checked {
        Checked::Fixed(config) => {
            let mut within = Within::new(control, Stage::KMeans, 0, steps);
            let fit = kmeans::fit(&x, &config, &mut within).await?;
            let labels = fit.labels.iter().map(|&l| l as i32).collect();
            (labels, Clustering::KMeans { fit, curve: None })
        }
        Checked::Range(config, range) => {
            let range = fit_range(&x, range, &mut notes)?;
            let mut within = Within::new(control, Stage::ChoosingK, 0, steps);
            let chosen =
                choose_k::choose_k(&x, range, &config, settings.sample, &mut within).await?;
            let at = chosen
                .curve
                .ks
                .iter()
                .position(|&k| k == chosen.curve.suggested);
            silhouette_value = at.and_then(|i| chosen.curve.silhouette[i]);
            silhouette_sampled = chosen.curve.sampled;
            let labels = chosen.fit.labels.iter().map(|&l| l as i32).collect();
            (
                labels,
                Clustering::KMeans {
                    fit: chosen.fit,
                    curve: Some(chosen.curve),
                },
            )
        }
        Checked::Dbscan { eps, min_points } => {
            let mut within = Within::new(control, Stage::Dbscan, 0, steps);
            let k_distance = dbscan::k_distance(
                &x,
                min_points,
                distance,
                settings.sample.min(dbscan::K_DISTANCE_SAMPLE),
                settings.seed,
                &mut within,
            )
            .await?;
            let eps = match eps {
                Some(eps) => eps,
                None => {
                    // The knee, or where it is 0 (many equal customers) the least
                    // distance above 0.
                    let eps = if k_distance.suggested_eps > 0.0 {
                        k_distance.suggested_eps
                    } else {
                        k_distance
                            .distances
                            .iter()
                            .copied()
                            .find(|d| *d > 0.0)
                            .ok_or(SegmentError::AllIdentical)?
                    };
                    notes.push(format!("eps = {eps:.4}, from the k-distance curve."));
                    eps
                }
            };
            let config = DbscanParams {
                eps,
                min_points,
                distance,
            }
            .check()?;
            let mut within = Within::new(control, Stage::Dbscan, 1, steps);
            let fit = dbscan::fit(&x, &config, &mut within).await?;
            let labels = fit.labels.clone();
            (
                labels,
                Clustering::Dbscan {
                    fit,
                    eps,
                    min_points,
                    k_distance,
                },
            )
        }
    };

    if silhouette_value.is_none() {
        let mut within = Within::new(control, Stage::Silhouette, 2, steps);
        let (value, sampled) = sampled_silhouette(&x, &labels, settings, &mut within).await?;
        silhouette_value = value;
        silhouette_sampled = sampled;
    }
    if silhouette_sampled {
        notes.push(format!(
            "Silhouette scores are computed on a seeded sample of {} of the {} customers.",
            settings.sample.min(x.rows()),
            x.rows()
        ));
    }
    let profiles = profile::profile(&features, &labels);
    let mut within = Within::new(control, Stage::Projection, 3, steps);
    let map = map(&x, &labels, &clustering, &mut within).await?;
    Ok(Segmentation {
        features,
        selected,
        scaling,
        rfm,
        labels,
        clustering,
        silhouette: silhouette_value,
        silhouette_sampled,
        profiles,
        map,
        notes,
    })
}

/// The range of k narrowed to what the data allows: at most n - 1 clusters (the
/// silhouette's limit) and no more than the distinct customers. A narrowed range is
/// said in a note; a range with no k left is an error.
fn fit_range(x: &Matrix, range: KRange, notes: &mut Vec<String>) -> Result<KRange, SegmentError> {
    let n = x.rows();
    match n {
        0 => return Err(SegmentError::NoCustomers),
        1 => return Err(SegmentError::SingleCustomer),
        _ => {}
    }
    let distinct = x.distinct_rows_up_to(range.to);
    if distinct == 1 {
        return Err(SegmentError::AllIdentical);
    }
    let to = range.to.min(n - 1).min(distinct);
    if to < range.from {
        return Err(SegmentError::TooFewToChooseK {
            from: range.from,
            customers: n.min(distinct),
        });
    }
    if to < range.to {
        notes.push(format!(
            "k was tried from {} to {to} only: there are {n} customers, {distinct} of them \
             different in the chosen features.",
            range.from
        ));
    }
    Ok(KRange {
        from: range.from,
        to,
    })
}

/// The silhouette of `labels` (noise as a group), on a seeded sample above
/// `settings.sample` points; `None` with fewer than 2 or more than n - 1 groups.
async fn sampled_silhouette<C: Control>(
    x: &Matrix,
    labels: &[i32],
    settings: &Settings,
    control: &mut C,
) -> Result<(Option<f64>, bool), SegmentError> {
    let n = x.rows();
    let sampled = n > settings.sample.max(2);
    let rows: Vec<usize> = if sampled {
        choose_k::sample_rows(n, settings.sample.max(2), settings.seed)
    } else {
        (0..n).collect()
    };
    // Groups numbered from 0 in order of first appearance.
    let mut ids: Vec<i32> = Vec::new();
    let groups: Vec<u32> = rows
        .iter()
        .map(|&i| match ids.iter().position(|&l| l == labels[i]) {
            Some(g) => g as u32,
            None => {
                ids.push(labels[i]);
                (ids.len() - 1) as u32
            }
        })
        .collect();
    if ids.len() < 2 || ids.len() >= rows.len() {
        return Ok((None, sampled));
    }
    let points = if sampled {
        x.select_rows(&rows)
    } else {
        x.clone()
    };
    let score = silhouette::score(&points, &groups, settings.distance, control).await?;
    Ok((Some(score), sampled))
}

async fn map<C: Control>(
    x: &Matrix,
    labels: &[i32],
    clustering: &Clustering,
    control: &mut C,
) -> Result<Map, SegmentError> {
    let pca = pca::fit(x, 2, control).await?;
    let place = |point: &[f64]| {
        let p = pca.project(point);
        [
            p.first().copied().unwrap_or(0.0),
            p.get(1).copied().unwrap_or(0.0),
        ]
    };
    let points: Vec<[f64; 2]> = (0..x.rows()).map(|i| place(x.row(i))).collect();
    let centroids = match clustering {
        Clustering::KMeans { fit, .. } => (0..fit.k)
            .map(|c| (c as i32, place(fit.centroid(c))))
            .collect(),
        Clustering::Dbscan { fit, .. } => (0..fit.clusters as i32)
            .map(|c| {
                let (mut sum, mut count) = ([0.0, 0.0], 0.0);
                for (p, _) in points.iter().zip(labels).filter(|(_, l)| **l == c) {
                    sum[0] += p[0];
                    sum[1] += p[1];
                    count += 1.0;
                }
                (c, [sum[0] / count, sum[1] / count])
            })
            .collect(),
    };
    Ok(Map {
        pca,
        points,
        centroids,
    })
}

/// The customers with their segment, RFM scores, map position and every feature, as
/// CSV (header row first), safe to open in a spreadsheet ([`crate::export`]). The rows
/// of a plain table ([`segment_table`]) have an `id` and no RFM columns.
pub fn customers_csv(segmentation: &Segmentation) -> String {
    let s = segmentation;
    let names: Vec<(i32, &str)> = s
        .profiles
        .clusters
        .iter()
        .map(|c| (c.cluster, c.name.as_str()))
        .collect();
    let mut headers = match s.rfm {
        Some(_) => vec![
            "customer_id",
            "segment",
            "segment_name",
            "rfm_segment",
            "r_score",
            "f_score",
            "m_score",
        ],
        None => vec!["id", "segment", "segment_name"],
    };
    headers.extend(["map_x", "map_y"]);
    headers.extend(s.features.features.iter().map(|info| info.key.as_str()));
    let mut file = CsvFile::new(&headers);
    let d = s.features.values.cols();
    let mut row = Vec::with_capacity(headers.len());
    for (i, id) in s.features.ids.iter().enumerate() {
        let label = s.labels[i];
        let name = names
            .iter()
            .find(|(c, _)| *c == label)
            .map_or("", |(_, n)| n);
        let [px, py] = s.map.points[i];
        row.clear();
        row.extend([
            Cell::Text(id),
            Cell::Integer(i64::from(label)),
            Cell::Text(name),
        ]);
        if let Some(rfm) = &s.rfm {
            let [r, f, m] = rfm.scores[i];
            row.extend([
                Cell::Text(rfm.segments[i].name()),
                Cell::Integer(i64::from(r)),
                Cell::Integer(i64::from(f)),
                Cell::Integer(i64::from(m)),
            ]);
        }
        row.extend([Cell::Number(px), Cell::Number(py)]);
        row.extend(
            s.features.values.data()[i * d..(i + 1) * d]
                .iter()
                .map(|&v| Cell::Number(v)),
        );
        file.row(&row);
    }
    file.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_of_k_needs_a_customer_more_than_its_first_k() {
        let two = Matrix::from_rows(&[vec![0.0], vec![1.0]]).expect("finite");
        let range = KRange { from: 2, to: 8 };
        let error = fit_range(&two, range, &mut Vec::new()).expect_err("refused");
        assert_eq!(
            error,
            SegmentError::TooFewToChooseK {
                from: 2,
                customers: 2
            }
        );
        assert_eq!(
            error.to_string(),
            "choosing k from 2 up needs at least 3 customers that differ (silhouettes compare \
             each segment with the others), and there are 2; choose a fixed k of at most 2"
        );
        let three = Matrix::from_rows(&[vec![0.0], vec![1.0], vec![5.0]]).expect("finite");
        let mut notes = Vec::new();
        let narrowed = fit_range(&three, range, &mut notes).expect("k = 2 fits");
        assert_eq!((narrowed.from, narrowed.to), (2, 2));
        assert_eq!(notes.len(), 1, "the narrowing is said");
    }
}

//! Same data, same settings, same numbers as scikit-learn.

use crm_lens::control::Unattended;
use crm_lens::segments::Matrix;
use crm_lens::segments::params::{DbscanParams, Distance, KMeansParams};
use crm_lens::segments::{dbscan, kmeans, pca, silhouette};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Deserialize)]
struct Fixture {
    name: String,
    rows: usize,
    cols: usize,
    x: Vec<f64>,
    kmeans: Vec<KMeansRef>,
    silhouette: Vec<SilhouetteRef>,
    dbscan: Vec<DbscanRef>,
    pca: PcaRef,
}

#[derive(Deserialize)]
struct KMeansRef {
    k: usize,
    inertia: f64,
}

#[derive(Deserialize)]
struct SilhouetteRef {
    metric: String,
    labels: Vec<u32>,
    score: f64,
}

#[derive(Deserialize)]
struct DbscanRef {
    eps: f64,
    min_samples: usize,
    metric: String,
    labels: Vec<i32>,
}

#[derive(Deserialize)]
struct PcaRef {
    components: Vec<Vec<f64>>,
    explained_variance: Vec<f64>,
    explained_variance_ratio: Vec<f64>,
    mean: Vec<f64>,
}

fn fixtures() -> Vec<(Fixture, Matrix)> {
    ["iris", "wine"]
        .iter()
        .map(|name| {
            let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/segments")
                .join(format!("{name}.json"));
            let text =
                std::fs::read_to_string(&path).expect("fixture (scripts/segments-fixtures.sh)");
            let fixture: Fixture = serde_json::from_str(&text).expect("fixture json");
            let x = Matrix::new(fixture.rows, fixture.cols, fixture.x.clone()).expect("finite");
            (fixture, x)
        })
        .collect()
}

fn metric(name: &str) -> Distance {
    match name {
        "euclidean" => Distance::Euclidean,
        "manhattan" => Distance::Manhattan,
        other => panic!("unknown metric {other}"),
    }
}

/// At most 0.1% above scikit-learn's best of 10 runs. Below it is better, not wrong:
/// both are local optima of ten seeded k-means++ starts (ours and scikit-learn's draw
/// different starts), and on wine ours finds lower ones for k = 4..8 (down to -1.6%
/// at k = 8; at k = 6 lower than scikit-learn's best of 300 single runs, checked by
/// hand: scikit-learn started from our centroids stops there after one iteration). So
/// that "lower" cannot hide a miscount, the inertia is recomputed here from the
/// centroids, with every label the nearest centroid.
#[test]
fn kmeans_inertia_is_within_a_thousandth_of_sklearns_best_of_ten() {
    for (fixture, x) in fixtures() {
        for reference in &fixture.kmeans {
            let config = KMeansParams {
                k: reference.k,
                restarts: 10,
                ..KMeansParams::default()
            }
            .check()
            .expect("valid");
            let fit = pollster::block_on(kmeans::fit(&x, &config, &mut Unattended)).expect("fits");
            let relative = (fit.inertia - reference.inertia) / reference.inertia;
            eprintln!(
                "{} k={}: {:+.4}% from scikit-learn",
                fixture.name,
                reference.k,
                relative * 100.0
            );
            assert!(
                relative <= 1e-3,
                "{} k={}: inertia {} against scikit-learn's {} ({:+.4}%)",
                fixture.name,
                reference.k,
                fit.inertia,
                reference.inertia,
                relative * 100.0
            );
            let d = fixture.cols;
            let mut recount = 0.0;
            for (row, &label) in x.data().chunks(d).zip(&fit.labels) {
                let cost = |c: usize| -> f64 {
                    let centre = fit.centroid(c);
                    row.iter().zip(centre).map(|(a, b)| (a - b) * (a - b)).sum()
                };
                let own = cost(label as usize);
                assert!(
                    (0..reference.k).all(|c| cost(c) >= own),
                    "{}: not nearest",
                    fixture.name
                );
                recount += own;
            }
            assert!((recount - fit.inertia).abs() <= 1e-9 * fit.inertia);
        }
    }
}

#[test]
fn silhouette_scores_equal_sklearns() {
    for (fixture, x) in fixtures() {
        for reference in &fixture.silhouette {
            let distance = metric(&reference.metric);
            let score = pollster::block_on(silhouette::score(
                &x,
                &reference.labels,
                distance,
                &mut Unattended,
            ))
            .expect("scores");
            assert!(
                (score - reference.score).abs() <= 1e-9,
                "{} {} k={}: {score} against {}",
                fixture.name,
                reference.metric,
                reference.labels.iter().max().map_or(0, |m| m + 1),
                reference.score
            );
        }
    }
}

/// Whether two labelings are the same up to renumbering, noise (-1) being noise in both.
fn same_partition(ours: &[i32], theirs: &[i32]) -> Result<(), String> {
    let mut forward: HashMap<i32, i32> = HashMap::new();
    let mut backward: HashMap<i32, i32> = HashMap::new();
    for (i, (&a, &b)) in ours.iter().zip(theirs).enumerate() {
        if (a == -1) != (b == -1) {
            return Err(format!("point {i}: ours {a}, scikit-learn's {b}"));
        }
        if *forward.entry(a).or_insert(b) != b || *backward.entry(b).or_insert(a) != a {
            return Err(format!(
                "point {i}: ours {a}, scikit-learn's {b} (split or merged)"
            ));
        }
    }
    Ok(())
}

#[test]
fn dbscan_labels_equal_sklearns_up_to_renumbering() {
    for (fixture, x) in fixtures() {
        for reference in &fixture.dbscan {
            let config = DbscanParams {
                eps: reference.eps,
                min_points: reference.min_samples,
                distance: metric(&reference.metric),
            }
            .check()
            .expect("valid");
            let fit = pollster::block_on(dbscan::fit(&x, &config, &mut Unattended)).expect("fits");
            if let Err(difference) = same_partition(&fit.labels, &reference.labels) {
                panic!(
                    "{} eps={} min_samples={} {}: {difference}",
                    fixture.name, reference.eps, reference.min_samples, reference.metric
                );
            }
            let noise = reference.labels.iter().filter(|l| **l == -1).count();
            assert_eq!(fit.noise, noise);
        }
    }
}

#[test]
fn pca_components_equal_sklearns_up_to_sign() {
    for (fixture, x) in fixtures() {
        let reference = &fixture.pca;
        let fit = pollster::block_on(pca::fit(&x, fixture.cols, &mut Unattended)).expect("fits");
        for (m, r) in fit.mean.iter().zip(&reference.mean) {
            assert!(
                (m - r).abs() <= 1e-12,
                "{}: mean {m} against {r}",
                fixture.name
            );
        }
        // Components with distinct variances are determined up to sign; compare those
        // (every one here).
        for (i, (ours, theirs)) in fit.components.iter().zip(&reference.components).enumerate() {
            let sign = if ours.iter().zip(theirs).map(|(a, b)| a * b).sum::<f64>() < 0.0 {
                -1.0
            } else {
                1.0
            };
            for (a, b) in ours.iter().zip(theirs) {
                assert!(
                    (sign * a - b).abs() <= 1e-9,
                    "{} component {i}: {ours:?} against {theirs:?}",
                    fixture.name
                );
            }
            let (v, rv) = (fit.explained_variance[i], reference.explained_variance[i]);
            assert!(
                (v - rv).abs() <= 1e-9 * rv.max(1.0),
                "{}: variance {v} against {rv}",
                fixture.name
            );
            let (r, rr) = (
                fit.explained_variance_ratio[i],
                reference.explained_variance_ratio[i],
            );
            assert!(
                (r - rr).abs() <= 1e-12,
                "{}: ratio {r} against {rr}",
                fixture.name
            );
        }
    }
}

//! Choosing k: k-means for each k of a range, with the elbow curve (inertia) and the
//! silhouette score of each.
//!
//! K-means runs on all points. The silhouette needs every pairwise distance, so above
//! [`SILHOUETTE_SAMPLE`] points it is computed on a seeded random sample of that many
//! points (the same sample for every k, scored with each k's labels from the full fit),
//! and the result says so.
//!
//! **The suggested k is the one with the highest silhouette score** (the smaller k on a
//! tie): the silhouette rewards clusters that are tight and well apart, and unlike the
//! inertia it does not keep improving as k grows. The elbow (the k farthest below the
//! straight line from the first to the last point of the inertia curve, both axes
//! scaled to 0..1, the "kneedle" rule) is reported beside it.

use super::Within;
use super::kmeans::{self, KMeansFit};
use super::matrix::Matrix;
use super::params::{KMeansConfig, KRange, SegmentError};
use super::silhouette;
use crate::control::{Control, Stage};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// Points above which the silhouette is computed on a sample of this many.
pub const SILHOUETTE_SAMPLE: usize = 4000;

/// The curves over a range of k.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KCurve {
    /// The values of k.
    pub ks: Vec<usize>,
    /// K-means inertia for each k.
    pub inertia: Vec<f64>,
    /// Silhouette score for each k (`None` where the sample held fewer than two of the
    /// clusters).
    pub silhouette: Vec<Option<f64>>,
    /// Points whose silhouettes were averaged: all of them, or a seeded sample.
    pub silhouette_points: usize,
    /// Whether the silhouette was computed on a sample rather than on all points.
    pub sampled: bool,
    /// The k with the highest silhouette.
    pub suggested: usize,
    /// The elbow of the inertia curve.
    pub elbow: usize,
}

/// The curves and the k-means fit of the suggested k.
#[derive(Debug, Clone, PartialEq)]
pub struct ChooseK {
    /// The curves.
    pub curve: KCurve,
    /// The fit at the suggested k.
    pub fit: KMeansFit,
}

/// Runs k-means for each k of `range` and scores each. `sample` is the most points
/// the silhouette is computed on (normally [`SILHOUETTE_SAMPLE`]).
pub async fn choose_k<C: Control>(
    x: &Matrix,
    range: KRange,
    config: &KMeansConfig,
    sample: usize,
    control: &mut C,
) -> Result<ChooseK, SegmentError> {
    let range = range.check()?;
    kmeans::check_data(x, range.to)?;
    let ks: Vec<usize> = range.ks().collect();
    let steps = ks.len() as u64 + 1;
    let mut fits = Vec::with_capacity(ks.len());
    for (step, &k) in ks.iter().enumerate() {
        let config = config.with_k(k)?;
        let mut within = Within::new(control, Stage::ChoosingK, step as u64, steps);
        fits.push(kmeans::fit(x, &config, &mut within).await?);
    }
    let n = x.rows();
    let sampled = n > sample.max(2);
    let rows: Vec<usize> = if sampled {
        sample_rows(n, sample.max(2), config.params().seed)
    } else {
        (0..n).collect()
    };
    let points = if sampled {
        x.select_rows(&rows)
    } else {
        x.clone()
    };
    // Each fit's labels on the points scored, renumbered so that they count from 0
    // without gaps; labelings with fewer than two clusters there are not scored.
    let labelings: Vec<Option<Vec<u32>>> = fits
        .iter()
        .map(|fit| {
            let labels = dense(rows.iter().map(|&i| fit.labels[i]), fit.k);
            let clusters = labels.iter().max().map_or(0, |m| *m as usize + 1);
            (clusters >= 2 && clusters < rows.len()).then_some(labels)
        })
        .collect();
    let scored: Vec<&[u32]> = labelings.iter().flatten().map(Vec::as_slice).collect();
    let mut within = Within::new(control, Stage::ChoosingK, steps - 1, steps);
    let distance = config.params().distance;
    let values = silhouette::samples_many(&points, &scored, distance, &mut within).await?;
    let mut scores = values.iter().map(|v| silhouette::mean(v));
    let silhouette: Vec<Option<f64>> = labelings
        .iter()
        .map(|l| l.as_ref().and_then(|_| scores.next()))
        .collect();
    let inertia: Vec<f64> = fits.iter().map(|f| f.inertia).collect();
    let mut best = 0;
    for (i, s) in silhouette.iter().enumerate() {
        if let Some(s) = s
            && silhouette[best].is_none_or(|b| *s > b)
        {
            best = i;
        }
    }
    let curve = KCurve {
        suggested: ks[best],
        elbow: ks[elbow(&inertia)],
        ks,
        inertia,
        silhouette,
        silhouette_points: rows.len(),
        sampled,
    };
    let fit = fits.swap_remove(best);
    Ok(ChooseK { curve, fit })
}

/// `count` distinct row indices of `0..n`, drawn with a seeded generator, in order.
pub fn sample_rows(n: usize, count: usize, seed: u64) -> Vec<usize> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // A dedicated stream, so that the sample does not follow the k-means starts.
    rng.set_stream(u64::MAX);
    let count = count.min(n);
    let mut all: Vec<usize> = (0..n).collect();
    for i in 0..count {
        let j = rng.random_range(i..n);
        all.swap(i, j);
    }
    all.truncate(count);
    all.sort_unstable();
    all
}

/// Labels renumbered 0, 1, 2... in order of their cluster number, dropping clusters
/// without points.
fn dense(labels: impl Iterator<Item = u32> + Clone, k: usize) -> Vec<u32> {
    let mut present = vec![false; k];
    for l in labels.clone() {
        present[l as usize] = true;
    }
    let mut map = vec![0u32; k];
    let mut next = 0;
    for (c, p) in present.iter().enumerate() {
        if *p {
            map[c] = next;
            next += 1;
        }
    }
    labels.map(|l| map[l as usize]).collect()
}

/// The index of the elbow of a decreasing curve: the point farthest below the chord
/// from the first to the last point, both axes scaled to 0..1. The first point when
/// the curve has fewer than three points or is flat.
pub fn elbow(values: &[f64]) -> usize {
    let m = values.len();
    if m < 3 {
        return 0;
    }
    let (first, last) = (values[0], values[m - 1]);
    let span = first - last;
    if span.abs() <= f64::EPSILON * first.abs().max(1.0) {
        return 0;
    }
    let mut best = (0, f64::NEG_INFINITY);
    for (i, &v) in values.iter().enumerate() {
        let x = i as f64 / (m - 1) as f64;
        let y = (v - last) / span;
        let below = (1.0 - x) - y;
        if below > best.1 {
            best = (i, below);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::Unattended;
    use crate::segments::params::KMeansParams;

    fn blobs(per: usize) -> Matrix {
        let mut rows = Vec::new();
        for (cx, cy) in [(0.0, 0.0), (8.0, 0.0), (0.0, 8.0), (8.0, 8.0)] {
            for i in 0..per {
                let a = i as f64 * 0.37;
                rows.push(vec![cx + a.sin() * (i % 7) as f64 / 7.0, cy + a.cos()]);
            }
        }
        Matrix::from_rows(&rows).expect("finite")
    }

    fn run(x: &Matrix, sample: usize) -> ChooseK {
        let config = KMeansParams::default().check().expect("valid");
        let range = KRange { from: 2, to: 7 };
        pollster::block_on(choose_k(x, range, &config, sample, &mut Unattended)).expect("runs")
    }

    #[test]
    fn suggests_the_k_of_four_blobs() {
        let result = run(&blobs(30), SILHOUETTE_SAMPLE);
        assert_eq!(result.curve.suggested, 4);
        assert_eq!(result.curve.elbow, 4);
        assert_eq!(result.fit.k, 4);
        assert!(!result.curve.sampled);
        assert_eq!(result.curve.silhouette_points, 120);
        let inertia = &result.curve.inertia;
        assert!(
            inertia.windows(2).all(|w| w[1] <= w[0] * 1.0001),
            "{inertia:?}"
        );
    }

    #[test]
    fn samples_the_silhouette_above_the_limit_and_says_so() {
        let result = run(&blobs(100), 150);
        assert!(result.curve.sampled);
        assert_eq!(result.curve.silhouette_points, 150);
        assert_eq!(result.curve.suggested, 4);
        assert_eq!(sample_rows(10, 4, 1), sample_rows(10, 4, 1));
        assert_eq!(sample_rows(10, 20, 1), (0..10).collect::<Vec<_>>());
    }

    #[test]
    fn the_elbow_rule() {
        assert_eq!(elbow(&[100.0, 40.0, 30.0, 25.0, 22.0]), 1);
        assert_eq!(elbow(&[5.0, 5.0, 5.0]), 0);
        assert_eq!(elbow(&[5.0, 4.0]), 0);
    }
}

//! Silhouette scores, as scikit-learn's `silhouette_samples` and `silhouette_score`.
//!
//! For a point, `a` is its mean distance to the other points of its cluster and `b` the
//! least mean distance to the points of another cluster; its silhouette is
//! `(b - a) / max(a, b)`, 0 for a point alone in its cluster. The score is the mean over
//! points. It needs every pairwise distance: O(n² d) time, O(n) memory. For many points
//! callers score a seeded sample ([`super::choose_k`] does).

use super::matrix::Matrix;
use super::params::{Distance, SegmentError};
use crate::control::{Control, Progress, Stage};

/// Rows whose distances are summed between two checkpoints.
const ROWS_PER_CHECKPOINT: usize = 64;

/// The silhouette of every point, for each of several labelings of the same points
/// (one distance computation serves them all). Labels count from 0; a labeling's
/// clusters are `0..=max label`, and there must be between 2 and `n - 1` of them
/// (as scikit-learn requires).
pub async fn samples_many<C: Control>(
    x: &Matrix,
    labelings: &[&[u32]],
    distance: Distance,
    control: &mut C,
) -> Result<Vec<Vec<f64>>, SegmentError> {
    let n = x.rows();
    let mut counts = Vec::with_capacity(labelings.len());
    for labels in labelings {
        if labels.len() != n {
            return Err(SegmentError::LabelCount {
                labels: labels.len(),
                points: n,
            });
        }
        let k = labels.iter().max().map_or(0, |m| *m as usize + 1);
        let mut count = vec![0u64; k];
        for &l in *labels {
            count[l as usize] += 1;
        }
        let clusters = count.iter().filter(|c| **c > 0).count();
        if clusters < 2 || clusters >= n {
            return Err(SegmentError::SilhouetteClusters {
                clusters,
                samples: n,
            });
        }
        counts.push(count);
    }
    let mut out: Vec<Vec<f64>> = labelings.iter().map(|_| vec![0.0; n]).collect();
    let mut row = vec![0.0; n];
    let mut sums: Vec<Vec<f64>> = counts.iter().map(|c| vec![0.0; c.len()]).collect();
    for i in 0..n {
        if i % ROWS_PER_CHECKPOINT == 0 {
            control
                .checkpoint(Progress {
                    stage: Stage::Silhouette,
                    done: i as u64,
                    total: Some(n as u64),
                })
                .await?;
        }
        let p = x.row(i);
        for (j, out) in row.iter_mut().enumerate() {
            *out = distance.between(p, x.row(j));
        }
        for (((labels, count), sum), result) in
            labelings.iter().zip(&counts).zip(&mut sums).zip(&mut out)
        {
            sum.fill(0.0);
            for (&l, &dist) in labels.iter().zip(&row) {
                sum[l as usize] += dist;
            }
            result[i] = silhouette(labels[i] as usize, sum, count);
        }
    }
    Ok(out)
}

/// One point's silhouette from its distance sums to every cluster.
fn silhouette(own: usize, sums: &[f64], counts: &[u64]) -> f64 {
    if counts[own] <= 1 {
        return 0.0;
    }
    let a = sums[own] / (counts[own] - 1) as f64;
    let b = sums
        .iter()
        .zip(counts)
        .enumerate()
        .filter(|(c, (_, count))| *c != own && **count > 0)
        .map(|(_, (sum, count))| sum / *count as f64)
        .fold(f64::INFINITY, f64::min);
    let denominator = a.max(b);
    if denominator > 0.0 {
        (b - a) / denominator
    } else {
        0.0
    }
}

/// The silhouette of every point.
pub async fn samples<C: Control>(
    x: &Matrix,
    labels: &[u32],
    distance: Distance,
    control: &mut C,
) -> Result<Vec<f64>, SegmentError> {
    let mut all = samples_many(x, &[labels], distance, control).await?;
    Ok(all.pop().unwrap_or_default())
}

/// The mean silhouette over all points (scikit-learn's `silhouette_score`).
pub async fn score<C: Control>(
    x: &Matrix,
    labels: &[u32],
    distance: Distance,
    control: &mut C,
) -> Result<f64, SegmentError> {
    let values = samples(x, labels, distance, control).await?;
    Ok(mean(&values))
}

/// The mean of `values` (0 when empty).
pub(crate) fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::Unattended;

    fn score_of(rows: &[Vec<f64>], labels: &[u32]) -> Result<f64, SegmentError> {
        let x = Matrix::from_rows(rows).expect("finite");
        pollster::block_on(score(&x, labels, Distance::Euclidean, &mut Unattended))
    }

    #[test]
    fn a_small_case_by_hand() {
        // Points 0, 1 in cluster 0 and 4 in cluster 1 on a line.
        // Point 0: a = 1, b = 4 -> 0.75; point 1: a = 1, b = 3 -> 2/3; point 2 alone -> 0.
        let s = score_of(&[vec![0.0], vec![1.0], vec![4.0]], &[0, 0, 1]).expect("ok");
        assert!((s - (0.75 + 2.0 / 3.0) / 3.0).abs() < 1e-15);
    }

    #[test]
    fn needs_two_to_n_minus_one_clusters() {
        let rows = [vec![0.0], vec![1.0], vec![4.0]];
        assert!(matches!(
            score_of(&rows, &[0, 0, 0]),
            Err(SegmentError::SilhouetteClusters { clusters: 1, .. })
        ));
        assert!(matches!(
            score_of(&rows, &[0, 1, 2]),
            Err(SegmentError::SilhouetteClusters { clusters: 3, .. })
        ));
        assert!(matches!(
            score_of(&rows, &[0, 1]),
            Err(SegmentError::LabelCount { .. })
        ));
    }
}

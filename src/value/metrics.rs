//! A classifier's test scores: accuracy, precision and recall of "churned" at a 0.5
//! threshold, the area under the ROC curve (ties counted half, as scikit-learn's
//! `roc_auc_score`), and the ROC curve thinned to at most [`ROC_POINTS`] points.

use super::ClassifierScore;

/// Most points kept on a ROC curve.
pub const ROC_POINTS: usize = 51;

/// Scores `risk` (probability of churn) against `churned`.
pub fn score(name: &str, risk: &[f64], churned: &[bool]) -> ClassifierScore {
    let n = risk.len();
    let (mut tp, mut fp, mut tn, mut fn_) = (0usize, 0usize, 0usize, 0usize);
    for (&p, &y) in risk.iter().zip(churned) {
        match (p >= 0.5, y) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, false) => tn += 1,
            (false, true) => fn_ += 1,
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let (roc, auc) = roc(risk, churned);
    ClassifierScore {
        name: name.to_owned(),
        accuracy: ratio(tp + tn, n),
        precision: ratio(tp, tp + fp),
        recall: ratio(tp, tp + fn_),
        auc,
        roc,
    }
}

/// The ROC curve (thinned) and its area (trapezoids over tied scores, which is the
/// Mann-Whitney statistic with ties counted half). NaN area with one class only.
pub fn roc(risk: &[f64], churned: &[bool]) -> (Vec<[f64; 2]>, f64) {
    let mut order: Vec<usize> = (0..risk.len()).collect();
    order.sort_by(|&a, &b| risk[b].total_cmp(&risk[a]));
    let positives = churned.iter().filter(|c| **c).count() as f64;
    let negatives = churned.len() as f64 - positives;
    if positives == 0.0 || negatives == 0.0 {
        return (Vec::new(), f64::NAN);
    }
    let mut points = vec![[0.0, 0.0]];
    let (mut tp, mut fp, mut area) = (0.0, 0.0, 0.0);
    let mut i = 0;
    while i < order.len() {
        let score = risk[order[i]];
        let (tp0, fp0) = (tp, fp);
        while i < order.len() && risk[order[i]] == score {
            if churned[order[i]] {
                tp += 1.0;
            } else {
                fp += 1.0;
            }
            i += 1;
        }
        area += (fp - fp0) * (tp + tp0) / 2.0;
        points.push([fp / negatives, tp / positives]);
    }
    let auc = area / (positives * negatives);
    (thin(points), auc)
}

/// Keeps at most [`ROC_POINTS`] points, evenly spread, the first and last included.
fn thin(points: Vec<[f64; 2]>) -> Vec<[f64; 2]> {
    if points.len() <= ROC_POINTS {
        return points;
    }
    let last = points.len() - 1;
    (0..ROC_POINTS)
        .map(|k| points[k * last / (ROC_POINTS - 1)])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_a_small_case_as_scikit_learn() {
        // sklearn.metrics.roc_auc_score([1, 0, 1, 0, 1], [0.9, 0.8, 0.5, 0.5, 0.2]) = 0.41666...
        let risk = [0.9, 0.8, 0.5, 0.5, 0.2];
        let y = [true, false, true, false, true];
        let s = score("m", &risk, &y);
        assert!((s.auc - 5.0 / 12.0).abs() < 1e-12);
        assert_eq!(s.accuracy, 2.0 / 5.0);
        assert_eq!(s.precision, 2.0 / 4.0);
        assert_eq!(s.recall, 2.0 / 3.0);
        assert_eq!(s.roc.first(), Some(&[0.0, 0.0]));
        assert_eq!(s.roc.last(), Some(&[1.0, 1.0]));
    }

    #[test]
    fn one_class_has_no_auc_and_long_curves_are_thinned() {
        assert!(roc(&[0.1, 0.2], &[true, true]).1.is_nan());
        let risk: Vec<f64> = (0..1000).map(|i| f64::from(i) / 1000.0).collect();
        let y: Vec<bool> = (0..1000).map(|i| i % 3 == 0).collect();
        let (curve, auc) = roc(&risk, &y);
        assert_eq!(curve.len(), ROC_POINTS);
        assert!((0.0..=1.0).contains(&auc));
    }
}

//! The loyalty score: a linear regression (least squares) of the purchases a customer
//! makes in the next window on the churn features (see [`super::churn`]), so a score is
//! "purchase periods expected in the next `holdout` periods".
//!
//! Trained on the customers who had bought by `C1 = O - H`, with their features at `C1`
//! and their purchases in `C1 + 1 ..= O`; three quarters of them (a seeded shuffle) fit
//! the model, the rest measure its error (RMSE and R² around the test customers' mean).
//! Scores are given for features at `O`.

// Index loops read as the formulas they implement.
#![allow(clippy::needless_range_loop)]

use super::linear::solve;
use super::logistic::Scaler;
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

/// The seed of the train/test split.
pub const SPLIT_SEED: u64 = 7;

/// A fitted linear model on standardised features.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Linear {
    /// The standardisation.
    pub scaler: Scaler,
    /// Intercept.
    pub intercept: f64,
    /// Coefficients.
    pub coef: Vec<f64>,
}

impl Linear {
    /// Least squares (with a 1e-9 ridge so collinear features still solve).
    pub fn fit(x: &[Vec<f64>], y: &[f64]) -> Option<Self> {
        let scaler = Scaler::fit(x);
        let k = scaler.mean.len();
        let mut a = vec![vec![0.0; k + 1]; k + 1];
        let mut b = vec![0.0; k + 1];
        for (row, &target) in x.iter().zip(y) {
            let mut z = scaler.apply(row);
            z.push(1.0);
            for i in 0..=k {
                b[i] += z[i] * target;
                for j in 0..=k {
                    a[i][j] += z[i] * z[j];
                }
            }
        }
        for (i, row) in a.iter_mut().enumerate() {
            row[i] += 1e-9;
        }
        let w = solve(a, b)?;
        Some(Linear {
            scaler,
            intercept: w[k],
            coef: w[..k].to_vec(),
        })
    }

    /// The prediction for a raw row.
    pub fn predict(&self, row: &[f64]) -> f64 {
        let z = self.scaler.apply(row);
        self.intercept + z.iter().zip(&self.coef).map(|(a, b)| a * b).sum::<f64>()
    }
}

/// A seeded three-quarter / quarter split of `0..n`: (train, test).
pub fn split(n: usize) -> (Vec<usize>, Vec<usize>) {
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(&mut ChaCha8Rng::seed_from_u64(SPLIT_SEED));
    let cut = n - n / 4;
    let test = order.split_off(cut);
    (order, test)
}

/// RMSE and R² of predictions against targets.
pub fn errors(predicted: &[f64], actual: &[f64]) -> (f64, f64) {
    let n = actual.len().max(1) as f64;
    let mean = actual.iter().sum::<f64>() / n;
    let sse: f64 = predicted
        .iter()
        .zip(actual)
        .map(|(p, a)| (p - a).powi(2))
        .sum();
    let sst: f64 = actual.iter().map(|a| (a - mean).powi(2)).sum();
    (
        (sse / n).sqrt(),
        if sst > 0.0 { 1.0 - sse / sst } else { f64::NAN },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_a_linear_relation() {
        let x: Vec<Vec<f64>> = (0..50)
            .map(|i| vec![f64::from(i), f64::from(i % 4)])
            .collect();
        let y: Vec<f64> = x.iter().map(|r| 2.0 + 0.5 * r[0] - r[1]).collect();
        let m = Linear::fit(&x, &y).expect("solves");
        assert!((m.predict(&[10.0, 3.0]) - 4.0).abs() < 1e-6);
        let (rmse, r2) = errors(&[1.0, 2.0, 3.0], &[1.0, 2.0, 4.0]);
        assert!((rmse - (1.0f64 / 3.0).sqrt()).abs() < 1e-12);
        assert!((r2 - (1.0 - 1.0 / (14.0 / 3.0))).abs() < 1e-12);
        let (train, test) = split(8);
        assert_eq!((train.len(), test.len()), (6, 2));
        assert_eq!(split(8), (train, test));
    }
}

//! L2-regularised logistic regression, fitted by Newton's method, and the z-score
//! standardisation it is fitted on.
//!
//! It minimises scikit-learn's `LogisticRegression(C)` objective,
//! `C Σ log-loss + ½ ‖w‖²` with the intercept not penalised, so the coefficients agree
//! with scikit-learn's on the same standardised data. Seven features need no iterative
//! solver library: Newton's method on a 8 x 8 system converges in a few steps.

// Index loops read as the formulas they implement.
#![allow(clippy::needless_range_loop)]

use super::linear::solve;
use crate::control::{Control, Interrupted, Progress, Stage};

/// Newton steps at most.
const ITERATIONS: u64 = 100;

/// Column means and standard deviations (population, as scikit-learn's
/// `StandardScaler`); a constant column gets a deviation of 1.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scaler {
    /// Means.
    pub mean: Vec<f64>,
    /// Standard deviations.
    pub std: Vec<f64>,
}

impl Scaler {
    /// Fits to the rows.
    pub fn fit(rows: &[Vec<f64>]) -> Self {
        let k = rows.first().map_or(0, Vec::len);
        let n = rows.len().max(1) as f64;
        let mean: Vec<f64> = (0..k)
            .map(|j| rows.iter().map(|r| r[j]).sum::<f64>() / n)
            .collect();
        let std = (0..k)
            .map(|j| {
                let var = rows.iter().map(|r| (r[j] - mean[j]).powi(2)).sum::<f64>() / n;
                if var > 1e-24 { var.sqrt() } else { 1.0 }
            })
            .collect();
        Scaler { mean, std }
    }

    /// A standardised copy of a row.
    pub fn apply(&self, row: &[f64]) -> Vec<f64> {
        row.iter()
            .zip(self.mean.iter().zip(&self.std))
            .map(|(v, (m, s))| (v - m) / s)
            .collect()
    }
}

/// A fitted model.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Logistic {
    /// Intercept.
    pub intercept: f64,
    /// Coefficients.
    pub coef: Vec<f64>,
}

impl Logistic {
    /// Fits to rows `x` (already standardised) and labels `y` with scikit-learn's
    /// inverse regularisation strength `c`, with a checkpoint before each Newton step
    /// ([`Stage::Fitting`], units: steps; each is a pass over the rows).
    pub async fn fit<C: Control>(
        x: &[Vec<f64>],
        y: &[bool],
        c: f64,
        control: &mut C,
    ) -> Result<Self, Interrupted> {
        let k = x.first().map_or(0, Vec::len);
        let mut w = vec![0.0; k + 1]; // intercept last
        for iteration in 0..ITERATIONS {
            control
                .checkpoint(Progress {
                    stage: Stage::Fitting,
                    done: iteration,
                    total: Some(ITERATIONS),
                })
                .await?;
            let mut grad = vec![0.0; k + 1];
            let mut hess = vec![vec![0.0; k + 1]; k + 1];
            for (row, &label) in x.iter().zip(y) {
                let z = w[k] + row.iter().zip(&w).map(|(a, b)| a * b).sum::<f64>();
                let p = super::special::expit(z);
                let r = p - f64::from(u8::from(label));
                let s = p * (1.0 - p);
                for i in 0..=k {
                    let xi = if i == k { 1.0 } else { row[i] };
                    grad[i] += r * xi;
                    for j in 0..=i {
                        let xj = if j == k { 1.0 } else { row[j] };
                        hess[i][j] += s * xi * xj;
                    }
                }
            }
            for i in 0..=k {
                for j in 0..i {
                    hess[j][i] = hess[i][j];
                }
            }
            for i in 0..k {
                grad[i] += w[i] / c;
                hess[i][i] += 1.0 / c;
            }
            hess[k][k] += 1e-12;
            let Some(step) = solve(hess, grad) else {
                break;
            };
            let size = step.iter().map(|s| s.abs()).fold(0.0, f64::max);
            for (wi, si) in w.iter_mut().zip(&step) {
                *wi -= si;
            }
            if size < 1e-12 {
                break;
            }
        }
        Ok(Logistic {
            intercept: w[k],
            coef: w[..k].to_vec(),
        })
    }

    /// The probability of the positive class for a standardised row.
    pub fn predict(&self, row: &[f64]) -> f64 {
        super::special::expit(
            self.intercept + row.iter().zip(&self.coef).map(|(a, b)| a * b).sum::<f64>(),
        )
    }
}

/// scikit-learn's `C` equivalent to adding `penalizer * ‖w‖²` to the mean log-loss over
/// `n` customers: `1 / (2 n penalizer)`; scikit-learn's default `C = 1` for no penalizer.
pub fn c_of(penalizer: f64, n: usize) -> f64 {
    if penalizer > 0.0 && n > 0 {
        1.0 / (2.0 * n as f64 * penalizer)
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::Unattended;

    fn fit(x: &[Vec<f64>], y: &[bool], c: f64) -> Logistic {
        pollster::block_on(Logistic::fit(x, y, c, &mut Unattended)).expect("not interrupted")
    }

    #[test]
    fn fits_a_separable_direction_with_shrinkage() {
        let x: Vec<Vec<f64>> = (0..40).map(|i| vec![f64::from(i) / 10.0 - 2.0]).collect();
        let y: Vec<bool> = (0..40).map(|i| i >= 20).collect();
        let strong = fit(&x, &y, 0.01);
        let weak = fit(&x, &y, 100.0);
        assert!(strong.coef[0] > 0.0 && weak.coef[0] > strong.coef[0]);
        assert!(weak.predict(&[2.0]) > 0.9 && weak.predict(&[-2.0]) < 0.1);
    }

    #[test]
    fn the_gradient_vanishes_at_the_fit() {
        let x: Vec<Vec<f64>> = (0..30)
            .map(|i| vec![f64::from(i % 7) - 3.0, f64::from(i % 5) - 2.0])
            .collect();
        let y: Vec<bool> = (0..30).map(|i| (i * 7) % 11 < 5).collect();
        let c = 0.5;
        let m = fit(&x, &y, c);
        for j in 0..2 {
            let g: f64 = x
                .iter()
                .zip(&y)
                .map(|(r, &l)| (m.predict(r) - f64::from(u8::from(l))) * r[j])
                .sum::<f64>()
                + m.coef[j] / c;
            assert!(g.abs() < 1e-9);
        }
        assert_eq!(c_of(0.0, 10), 1.0);
        assert_eq!(c_of(0.05, 10), 1.0);
    }

    /// Counts checkpoints; cancels at the third.
    struct Cancelling(u64);

    impl Control for Cancelling {
        async fn checkpoint(&mut self, p: Progress) -> Result<(), Interrupted> {
            assert_eq!((p.stage, p.done), (Stage::Fitting, self.0));
            self.0 += 1;
            if self.0 == 3 {
                Err(Interrupted::Cancelled)
            } else {
                Ok(())
            }
        }
    }

    #[test]
    fn checkpoints_each_newton_step_and_stops_when_told() {
        let x: Vec<Vec<f64>> = (0..30).map(|i| vec![f64::from(i % 7) - 3.0]).collect();
        let y: Vec<bool> = (0..30).map(|i| (i * 7) % 11 < 5).collect();
        let mut control = Cancelling(0);
        let stopped = pollster::block_on(Logistic::fit(&x, &y, 1.0, &mut control));
        assert_eq!(stopped, Err(Interrupted::Cancelled));
        assert_eq!(control.0, 3);
    }
}

//! Putting features on one scale before measuring distances: without it, money (in
//! hundreds) would drown out frequency (in ones).
//!
//! First, optionally, `ln(1 + x)` on money columns or on every skewed column (money is
//! typically long-tailed: a few customers spend a hundred times the median); then a
//! z-score (subtract the mean, divide by the standard deviation, as scikit-learn's
//! `StandardScaler`: population deviation, and a constant column is only centred) or a
//! min-max scaling to 0..1 (a constant column becomes 0, as scikit-learn's `MinMaxScaler`).

use super::features::FeatureInfo;
use super::matrix::Matrix;
use serde::{Deserialize, Serialize};

/// How each column is scaled after the optional log.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scale {
    /// As they are.
    None,
    /// Mean 0, standard deviation 1.
    #[default]
    ZScore,
    /// From 0 (the least) to 1 (the most).
    MinMax,
}

/// Which columns get `ln(1 + x)` first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LogColumns {
    /// None.
    None,
    /// Money columns (monetary, average order value).
    #[default]
    Money,
    /// Every column that is never negative and has a skewness above 1.
    Skewed,
}

/// The user's choice of scaling.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scaling {
    /// Which columns are logged first.
    pub log: LogColumns,
    /// How columns are then scaled.
    pub scale: Scale,
}

/// What was done to one column: `((logged ? ln(1 + x) : x) - shift) / divisor`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ColumnScaling {
    /// Whether `ln(1 + x)` was applied first (`-ln(1 - x)` below 0).
    pub logged: bool,
    /// Subtracted after the log (the mean, or the least value).
    pub shift: f64,
    /// Then divided by (the standard deviation, or the range; 1 when that is 0).
    pub divisor: f64,
}

impl ColumnScaling {
    /// Scales one value.
    pub fn apply(&self, v: f64) -> f64 {
        let v = if self.logged { log1p_signed(v) } else { v };
        (v - self.shift) / self.divisor
    }
}

/// `ln(1 + x)`, mirrored below 0 so that it is defined everywhere.
fn log1p_signed(v: f64) -> f64 {
    if v >= 0.0 { v.ln_1p() } else { -(-v).ln_1p() }
}

/// Scales the columns of `x`, described by `features` (in the same order).
pub fn scale(
    x: &Matrix,
    features: &[&FeatureInfo],
    scaling: Scaling,
) -> (Matrix, Vec<ColumnScaling>) {
    let (n, d) = (x.rows(), x.cols());
    let mut steps = Vec::with_capacity(d);
    let mut data = x.data().to_vec();
    for j in 0..d {
        let logged = features.get(j).is_some_and(|f| match scaling.log {
            LogColumns::None => false,
            LogColumns::Money => f.money,
            LogColumns::Skewed => f.skewed,
        });
        if logged {
            for i in 0..n {
                data[i * d + j] = log1p_signed(data[i * d + j]);
            }
        }
        let column = (0..n).map(|i| data[i * d + j]);
        let (shift, divisor) = match scaling.scale {
            Scale::None => (0.0, 1.0),
            Scale::ZScore => {
                let mean = column.clone().sum::<f64>() / n.max(1) as f64;
                let var = column.map(|v| (v - mean) * (v - mean)).sum::<f64>() / n.max(1) as f64;
                let sd = var.sqrt();
                (mean, if sd > 0.0 { sd } else { 1.0 })
            }
            Scale::MinMax => {
                let (lo, hi) = column.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                    (lo.min(v), hi.max(v))
                });
                if n == 0 {
                    (0.0, 1.0)
                } else {
                    (lo, if hi > lo { hi - lo } else { 1.0 })
                }
            }
        };
        for i in 0..n {
            let v = &mut data[i * d + j];
            *v = (*v - shift) / divisor;
        }
        steps.push(ColumnScaling {
            logged,
            shift,
            divisor,
        });
    }
    // Logs and affine maps of finite values with finite shifts and factors stay finite.
    let scaled = Matrix::new(n, d, data).unwrap_or_else(|_| x.clone());
    (scaled, steps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segments::features::FeatureKind;

    fn info(money: bool) -> FeatureInfo {
        FeatureInfo {
            key: "f".into(),
            label: "f".into(),
            kind: FeatureKind::Monetary,
            money,
            skewed: false,
        }
    }

    #[test]
    fn z_scores_min_max_and_logs() {
        let x = Matrix::from_rows(&[vec![1.0, 0.0, 5.0], vec![3.0, 9.0, 5.0]]).expect("ok");
        let (plain, money) = (info(false), info(true));
        let features = [&plain, &money, &plain];
        let (z, steps) = scale(
            &x,
            &features,
            Scaling {
                log: LogColumns::None,
                scale: Scale::ZScore,
            },
        );
        assert_eq!(z.data(), [-1.0, -1.0, 0.0, 1.0, 1.0, 0.0]);
        assert_eq!(steps[2].divisor, 1.0);
        let (m, _) = scale(
            &x,
            &features,
            Scaling {
                log: LogColumns::Money,
                scale: Scale::MinMax,
            },
        );
        assert_eq!(m.data(), [0.0, 0.0, 0.0, 1.0, 1.0, 0.0]);
        let (logged, steps) = scale(
            &x,
            &features,
            Scaling {
                log: LogColumns::Money,
                scale: Scale::None,
            },
        );
        assert!((logged.row(1)[1] - 10f64.ln()).abs() < 1e-15);
        assert!(steps[1].logged && !steps[0].logged);
        assert!((steps[1].apply(9.0) - 10f64.ln()).abs() < 1e-15);
    }
}

//! Principal components, for the 2-D map of customers: scikit-learn's `PCA` by the
//! eigenvectors of the covariance matrix (its `covariance_eigh` solver).
//!
//! The features are few (d is at most a few dozen), so the d x d covariance is small and
//! a hand-written cyclic Jacobi eigen solver is enough and exact to rounding: no LAPACK
//! binding (which does not build for the browser) and no linear-algebra crate in the
//! worker's download. Signs follow scikit-learn's `svd_flip`: in each component the
//! entry of largest magnitude is positive.

use super::matrix::Matrix;
use super::params::SegmentError;
use crate::control::{Control, Progress, Stage};
use serde::{Deserialize, Serialize};

/// Rows whose products are added between two checkpoints.
const CHUNK: usize = 1 << 14;

/// Principal components of a set of points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pca {
    /// The mean of each feature, subtracted before projecting.
    pub mean: Vec<f64>,
    /// The components, strongest first, each a unit vector over the features.
    pub components: Vec<Vec<f64>>,
    /// The variance along each component (divided by n - 1, as scikit-learn).
    pub explained_variance: Vec<f64>,
    /// Each component's share of the total variance.
    pub explained_variance_ratio: Vec<f64>,
}

impl Pca {
    /// The coordinates of `point` on the components.
    pub fn project(&self, point: &[f64]) -> Vec<f64> {
        self.components
            .iter()
            .map(|c| {
                c.iter()
                    .zip(point)
                    .zip(&self.mean)
                    .map(|((w, v), m)| w * (v - m))
                    .sum()
            })
            .collect()
    }
}

/// The first `count` principal components of the rows of `x` (fewer when there are
/// fewer features).
pub async fn fit<C: Control>(
    x: &Matrix,
    count: usize,
    control: &mut C,
) -> Result<Pca, SegmentError> {
    let (n, d) = (x.rows(), x.cols());
    match n {
        0 => return Err(SegmentError::NoCustomers),
        1 => return Err(SegmentError::SingleCustomer),
        _ => {}
    }
    if d == 0 {
        return Err(SegmentError::NoFeatures);
    }
    let mut mean = vec![0.0; d];
    for i in 0..n {
        for (m, v) in mean.iter_mut().zip(x.row(i)) {
            *m += v;
        }
    }
    for m in &mut mean {
        *m /= n as f64;
    }
    let mut cov = vec![0.0; d * d];
    let mut centred = vec![0.0; d];
    for (chunk_index, rows) in x.data().chunks(CHUNK * d).enumerate() {
        control
            .checkpoint(Progress {
                stage: Stage::Projection,
                done: (chunk_index * CHUNK) as u64,
                total: Some(n as u64),
            })
            .await?;
        for row in rows.chunks_exact(d) {
            for ((c, v), m) in centred.iter_mut().zip(row).zip(&mean) {
                *c = v - m;
            }
            for a in 0..d {
                let ca = centred[a];
                for b in a..d {
                    cov[a * d + b] += ca * centred[b];
                }
            }
        }
    }
    for a in 0..d {
        for b in a..d {
            let v = cov[a * d + b] / (n - 1) as f64;
            cov[a * d + b] = v;
            cov[b * d + a] = v;
        }
    }
    let (values, vectors) = jacobi_eigen(cov, d);
    let mut order: Vec<usize> = (0..d).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]));
    let total: f64 = values.iter().map(|v| v.max(0.0)).sum();
    let count = count.min(d);
    let mut components = Vec::with_capacity(count);
    let mut explained_variance = Vec::with_capacity(count);
    let mut explained_variance_ratio = Vec::with_capacity(count);
    for &i in order.iter().take(count) {
        let mut component: Vec<f64> = (0..d).map(|r| vectors[r * d + i]).collect();
        let largest = component
            .iter()
            .copied()
            .max_by(|a, b| a.abs().total_cmp(&b.abs()))
            .unwrap_or(0.0);
        if largest < 0.0 {
            for v in &mut component {
                *v = -*v;
            }
        }
        let variance = values[i].max(0.0);
        components.push(component);
        explained_variance.push(variance);
        explained_variance_ratio.push(if total > 0.0 { variance / total } else { 0.0 });
    }
    Ok(Pca {
        mean,
        components,
        explained_variance,
        explained_variance_ratio,
    })
}

/// Eigenvalues and eigenvectors (the columns of the returned row-major `d x d` matrix)
/// of the symmetric `d x d` matrix `a`, by cyclic Jacobi rotations.
pub(crate) fn jacobi_eigen(mut a: Vec<f64>, d: usize) -> (Vec<f64>, Vec<f64>) {
    let mut v = vec![0.0; d * d];
    for i in 0..d {
        v[i * d + i] = 1.0;
    }
    let scale: f64 = a.iter().map(|x| x * x).sum();
    for _sweep in 0..100 {
        let off: f64 = (0..d)
            .flat_map(|p| (0..d).filter(move |&q| q != p).map(move |q| (p, q)))
            .map(|(p, q)| a[p * d + q] * a[p * d + q])
            .sum();
        if off <= scale * 1e-32 || off == 0.0 {
            break;
        }
        for p in 0..d {
            for q in p + 1..d {
                let apq = a[p * d + q];
                if apq == 0.0 {
                    continue;
                }
                let theta = (a[q * d + q] - a[p * d + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                // A <- A J, then A <- J^T A, with J the rotation in the (p, q) plane.
                for k in 0..d {
                    let (akp, akq) = (a[k * d + p], a[k * d + q]);
                    a[k * d + p] = c * akp - s * akq;
                    a[k * d + q] = s * akp + c * akq;
                }
                for k in 0..d {
                    let (apk, aqk) = (a[p * d + k], a[q * d + k]);
                    a[p * d + k] = c * apk - s * aqk;
                    a[q * d + k] = s * apk + c * aqk;
                }
                for k in 0..d {
                    let (vkp, vkq) = (v[k * d + p], v[k * d + q]);
                    v[k * d + p] = c * vkp - s * vkq;
                    v[k * d + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    let values = (0..d).map(|i| a[i * d + i]).collect();
    (values, v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::Unattended;

    #[test]
    fn eigenvectors_satisfy_the_definition() {
        let d = 4;
        let m = vec![
            4.0, 1.0, 0.5, 0.0, //
            1.0, 3.0, 0.2, 0.1, //
            0.5, 0.2, 2.0, 0.3, //
            0.0, 0.1, 0.3, 1.0,
        ];
        let (values, vectors) = jacobi_eigen(m.clone(), d);
        for i in 0..d {
            for r in 0..d {
                let av: f64 = (0..d).map(|c| m[r * d + c] * vectors[c * d + i]).sum();
                assert!((av - values[i] * vectors[r * d + i]).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn points_on_a_line_have_one_component() {
        let x =
            Matrix::from_rows(&[vec![0.0, 0.0], vec![1.0, 2.0], vec![2.0, 4.0]]).expect("finite");
        let pca = pollster::block_on(fit(&x, 2, &mut Unattended)).expect("fits");
        let norm = 5f64.sqrt();
        assert!((pca.components[0][0] - 1.0 / norm).abs() < 1e-12);
        assert!((pca.components[0][1] - 2.0 / norm).abs() < 1e-12);
        assert!((pca.explained_variance_ratio[0] - 1.0).abs() < 1e-12);
        assert!((pca.project(&[1.0, 2.0])[0]).abs() < 1e-12);
    }
}

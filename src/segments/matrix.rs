//! A dense matrix of finite `f64`, one row per customer, stored row-major in one `Vec`.

use super::params::SegmentError;
use serde::{Deserialize, Serialize};

/// Rows of `cols` finite numbers, back to back. Building one checks that every value is
/// finite, so the algorithms never meet a NaN.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Matrix {
    rows: usize,
    cols: usize,
    data: Vec<f64>,
}

impl Matrix {
    /// A `rows` x `cols` matrix of `data` (row-major). Fails on a wrong length or a value
    /// that is NaN or infinite.
    pub fn new(rows: usize, cols: usize, data: Vec<f64>) -> Result<Self, SegmentError> {
        if rows.checked_mul(cols) != Some(data.len()) {
            return Err(SegmentError::Shape {
                rows,
                cols,
                len: data.len(),
            });
        }
        if let Some(at) = data.iter().position(|v| !v.is_finite()) {
            return Err(SegmentError::NotFinite {
                row: at / cols.max(1),
                column: at % cols.max(1),
            });
        }
        Ok(Self { rows, cols, data })
    }

    /// A matrix from rows of equal length (for tests and small inputs).
    pub fn from_rows(rows: &[Vec<f64>]) -> Result<Self, SegmentError> {
        let cols = rows.first().map_or(0, Vec::len);
        if let Some(bad) = rows.iter().find(|r| r.len() != cols) {
            return Err(SegmentError::Shape {
                rows: rows.len(),
                cols,
                len: bad.len(),
            });
        }
        Self::new(rows.len(), cols, rows.concat())
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Row `i`.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.data[i * self.cols..(i + 1) * self.cols]
    }

    /// All values, row-major.
    pub fn data(&self) -> &[f64] {
        &self.data
    }

    /// The values, row-major, giving up the matrix.
    pub fn into_data(self) -> Vec<f64> {
        self.data
    }

    /// Column `j` as a vector.
    pub fn column(&self, j: usize) -> Vec<f64> {
        (0..self.rows)
            .map(|i| self.data[i * self.cols + j])
            .collect()
    }

    /// The rows listed in `rows`, in that order.
    pub fn select_rows(&self, rows: &[usize]) -> Matrix {
        let mut data = Vec::with_capacity(rows.len() * self.cols);
        for &i in rows {
            data.extend_from_slice(self.row(i));
        }
        Matrix {
            rows: rows.len(),
            cols: self.cols,
            data,
        }
    }

    /// The columns listed in `cols`, in that order.
    pub fn select_cols(&self, cols: &[usize]) -> Matrix {
        let mut data = Vec::with_capacity(self.rows * cols.len());
        for i in 0..self.rows {
            let row = self.row(i);
            data.extend(cols.iter().map(|&j| row[j]));
        }
        Matrix {
            rows: self.rows,
            cols: cols.len(),
            data,
        }
    }

    /// Number of distinct rows, counting at most up to `limit`.
    pub fn distinct_rows_up_to(&self, limit: usize) -> usize {
        let mut seen = rustc_hash::FxHashSet::default();
        for i in 0..self.rows {
            let key: Vec<u64> = self.row(i).iter().map(|v| (v + 0.0).to_bits()).collect();
            seen.insert(key);
            if seen.len() >= limit {
                break;
            }
        }
        seen.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_nan_and_wrong_shapes() {
        assert!(matches!(
            Matrix::new(2, 2, vec![1.0, 2.0, f64::NAN, 4.0]),
            Err(SegmentError::NotFinite { row: 1, column: 0 })
        ));
        assert!(matches!(
            Matrix::new(2, 2, vec![1.0]),
            Err(SegmentError::Shape { .. })
        ));
        let m = Matrix::from_rows(&[vec![1.0, 2.0], vec![3.0, 4.0]]).expect("ok");
        assert_eq!(m.row(1), [3.0, 4.0]);
        assert_eq!(m.column(1), [2.0, 4.0]);
        assert_eq!(m.select_cols(&[1]).data(), [2.0, 4.0]);
        assert_eq!(m.distinct_rows_up_to(5), 2);
        assert_eq!(m.select_rows(&[0, 0]).distinct_rows_up_to(5), 1);
    }
}

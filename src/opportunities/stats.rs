//! The significance of a gap: the two-proportion z-test with a pooled proportion (as
//! `statsmodels.stats.proportion.proportions_ztest` computes it), its two-sided p-value
//! from the normal distribution, and the Benjamini-Hochberg adjustment over every
//! group and item compared, so that thousands of comparisons do not produce hundreds of
//! spurious gaps.

/// `erfc(x)` for `x >= 0`, to about 1e-15 relative: below 2, `1 - erf(x)` from erf's
/// series `2/√π e^(-x²) Σ 2^n x^(2n+1) / (1·3·…·(2n+1))` (all terms positive, so no
/// cancellation inside the sum); from 2 on, Laplace's continued fraction
/// `e^(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))`, evaluated from the tail.
fn erfc_positive(x: f64) -> f64 {
    const FRAC_1_SQRT_PI: f64 = 0.564_189_583_547_756_3;
    if x < 2.0 {
        let x2 = x * x;
        let mut term = x;
        let mut sum = x;
        // Terms shrink at least by 2x²/(2n+3) < 1 from n = 3 on; 100 terms reach 1e-17.
        for n in 0..200 {
            term *= 2.0 * x2 / (2.0 * f64::from(n) + 3.0);
            sum += term;
            if term < sum * 1e-17 {
                break;
            }
        }
        let erf = 2.0 * FRAC_1_SQRT_PI * (-x2).exp() * sum;
        return 1.0 - erf;
    }
    // 60 levels are far more than x >= 2 needs for full precision.
    let mut tail = x;
    for k in (1..=60).rev() {
        tail = x + (f64::from(k) / 2.0) / tail;
    }
    FRAC_1_SQRT_PI * (-x * x).exp() / tail
}

/// The two-sided p-value of a standard normal statistic: `P(|Z| >= |z|)`.
pub fn two_sided(z: f64) -> f64 {
    if z.is_nan() {
        return 1.0;
    }
    erfc_positive(z.abs() / std::f64::consts::SQRT_2).min(1.0)
}

/// A two-proportion z-test of `x1` of `n1` against `x2` of `n2`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZTest {
    /// `(p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2))`, `p` the pooled proportion; 0 when
    /// every customer or none bought (no spread to test against).
    pub z: f64,
    /// Its two-sided p-value.
    pub p_value: f64,
}

/// The pooled two-proportion z-test; `None` when a side has no customers.
pub fn z_test(x1: u64, n1: u64, x2: u64, n2: u64) -> Option<ZTest> {
    if n1 == 0 || n2 == 0 {
        return None;
    }
    let (x1, n1, x2, n2) = (x1 as f64, n1 as f64, x2 as f64, n2 as f64);
    let pooled = (x1 + x2) / (n1 + n2);
    let variance = pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2);
    if variance <= 0.0 {
        return Some(ZTest {
            z: 0.0,
            p_value: 1.0,
        });
    }
    let z = (x1 / n1 - x2 / n2) / variance.sqrt();
    Some(ZTest {
        z,
        p_value: two_sided(z),
    })
}

/// Benjamini-Hochberg adjusted p-values (q-values), in the order given: with the
/// p-values sorted ascending, `q_(k) = min over j >= k of p_(j) m / j`, at most 1.
pub fn benjamini_hochberg(p_values: &[f64]) -> Vec<f64> {
    let m = p_values.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p_values[a].total_cmp(&p_values[b]).then(a.cmp(&b)));
    let mut q = vec![1.0; m];
    let mut running = 1.0f64;
    for (position, &index) in order.iter().enumerate().rev() {
        let adjusted = p_values[index] * m as f64 / (position + 1) as f64;
        running = running.min(adjusted);
        q[index] = running;
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_tails_match_known_values() {
        // Python's math.erfc(z / sqrt(2)), which scipy's 2 * norm.sf(z) agrees with.
        let cases = [
            (0.0, 1.0),
            (0.5, 0.617_075_077_451_973_8),
            (1.0, 0.317_310_507_862_914_15),
            (1.959_963_984_540_054, 0.050_000_000_000_000_04),
            (2.5, 0.012_419_330_651_552_278),
            (3.0, 0.002_699_796_063_260_191_3),
            (5.0, 5.733_031_437_583_892e-7),
            (10.0, 1.523_970_604_832_118_6e-23),
        ];
        for (z, expected) in cases {
            let got = two_sided(z);
            assert!(
                ((got - expected) / expected).abs() < 1e-12,
                "z {z}: {got} against {expected}"
            );
            assert_eq!(two_sided(-z), got);
        }
        assert_eq!(two_sided(f64::NAN), 1.0);
        assert_eq!(two_sided(60.0), 0.0);
    }

    #[test]
    fn z_test_by_hand() {
        // 8 of 100 against 31 of 200: pooled 39/300.
        let t = z_test(8, 100, 31, 200).unwrap();
        let pooled: f64 = 39.0 / 300.0;
        let se = (pooled * (1.0 - pooled) * (1.0 / 100.0 + 1.0 / 200.0)).sqrt();
        assert_eq!(t.z, (0.08 - 0.155) / se);
        assert!(t.p_value > 0.05 && t.p_value < 0.1, "{t:?}");
        assert_eq!(z_test(0, 10, 0, 20).unwrap().p_value, 1.0);
        assert_eq!(z_test(1, 0, 3, 4), None);
    }

    #[test]
    fn benjamini_hochberg_by_hand() {
        let q = benjamini_hochberg(&[0.01, 0.04, 0.03, 0.5]);
        // Sorted: 0.01 (x4/1 = 0.04), 0.03 (x4/2 = 0.06), 0.04 (x4/3 = 0.0533), 0.5 (0.5);
        // running minimum from the top.
        assert_eq!(q, [0.04, 0.04 * 4.0 / 3.0, 0.04 * 4.0 / 3.0, 0.5]);
        assert!(benjamini_hochberg(&[]).is_empty());
    }
}

//! The special functions the models need: `ln Γ`, digamma and the Gauss hypergeometric
//! function `₂F₁` as lifetimes calls it.
//!
//! Written by hand (a few dozen lines) rather than taken from `statrs`: we need three
//! functions on positive reals, and `statrs` would bring matrices and distributions the
//! worker does not use. `ln_gamma` is the Lanczos approximation (g = 7, 9 terms), good to
//! about 1e-15 relative on the positive reals, as scipy's `gammaln` is to the last bits.

use std::f64::consts::PI;

const LANCZOS_G: f64 = 7.0;
const LANCZOS: [f64; 9] = [
    0.999_999_999_999_809_9,
    676.520_368_121_885_1,
    -1_259.139_216_722_402_8,
    771.323_428_777_653_1,
    -176.615_029_162_140_6,
    12.507_343_278_686_905,
    -0.138_571_095_265_720_12,
    9.984_369_578_019_572e-6,
    1.505_632_735_149_311_6e-7,
];

/// `ln Γ(x)` for `x > 0` (NaN for `x <= 0` or NaN).
pub fn ln_gamma(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return f64::NAN;
    }
    if x < 0.5 {
        // Reflection: Γ(x) Γ(1 - x) = π / sin(πx).
        return (PI / (PI * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut sum = LANCZOS[0];
    for (i, c) in LANCZOS.iter().enumerate().skip(1) {
        sum += c / (x + i as f64);
    }
    let t = x + LANCZOS_G + 0.5;
    0.5 * (2.0 * PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

/// The digamma function `ψ(x) = d ln Γ(x) / dx` for `x > 0`.
pub fn digamma(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return f64::NAN;
    }
    let mut x = x;
    let mut result = 0.0;
    // Recurrence ψ(x) = ψ(x + 1) - 1/x up to where the asymptotic series is exact.
    while x < 10.0 {
        result -= 1.0 / x;
        x += 1.0;
    }
    let f = 1.0 / (x * x);
    result + x.ln()
        - 0.5 / x
        - f * (1.0 / 12.0
            - f * (1.0 / 120.0 - f * (1.0 / 252.0 - f * (1.0 / 240.0 - f * (1.0 / 132.0)))))
}

/// Most terms a hypergeometric series is summed over before giving up.
const MAX_TERMS: usize = 1_000_000;

/// `ln ₂F₁(a, b; c; z)` by its power series, for `0 <= z < 1` and `c > 0`, summed with a
/// running scale so that large terms do not overflow. NaN when the sum is not positive or
/// does not converge.
pub fn ln_hyp2f1_series(a: f64, b: f64, c: f64, z: f64) -> f64 {
    if !(0.0..1.0).contains(&z) || c <= 0.0 {
        return f64::NAN;
    }
    let mut term = 1.0f64;
    let mut sum = 1.0f64;
    let mut log_scale = 0.0f64;
    for k in 0..MAX_TERMS {
        let k = k as f64;
        term *= (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
        sum += term;
        if sum.abs() > 1e200 {
            term /= 1e200;
            sum /= 1e200;
            log_scale += 200.0 * std::f64::consts::LN_10;
        }
        if term == 0.0
            || (term.abs() <= 1e-17 * sum.abs() && (a + k) * (b + k) * z < (c + k) * (k + 1.0))
        {
            return if sum > 0.0 {
                sum.ln() + log_scale
            } else {
                f64::NAN
            };
        }
    }
    f64::NAN
}

/// `ln ₂F₁(a, b; c; z)` for the arguments BG/NBD uses (`a, b, c > 0`, `0 <= z < 1`):
/// through Euler's transformation `₂F₁(a, b; c; z) = (1 - z)^(c-a-b) ₂F₁(c-a, c-b; c; z)`,
/// which lifetimes also uses when the direct value overflows. In BG/NBD's call
/// (`a = r + x`, `b = b + x`, `c = a + b + x - 1`) the transformed parameters do not grow
/// with the frequency `x`, so the series converges in few terms; the direct series is the
/// fallback.
pub fn ln_hyp2f1(a: f64, b: f64, c: f64, z: f64) -> f64 {
    if z == 0.0 {
        return 0.0;
    }
    let inner = ln_hyp2f1_series(c - a, c - b, c, z);
    if inner.is_finite() {
        (c - a - b) * (-z).ln_1p() + inner
    } else {
        ln_hyp2f1_series(a, b, c, z)
    }
}

/// The logistic function `1 / (1 + e^-x)`, without overflow.
pub fn expit(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(1.0)
    }

    #[test]
    fn ln_gamma_matches_known_values() {
        // Γ(n) = (n-1)!
        assert!(close(ln_gamma(1.0), 0.0, 1e-15));
        assert!(close(ln_gamma(5.0), 24f64.ln(), 1e-14));
        assert!(close(ln_gamma(0.5), PI.sqrt().ln(), 1e-14));
        // scipy.special.gammaln(1e-3), gammaln(171.5), gammaln(1e5)
        assert!(close(ln_gamma(1e-3), 6.907_178_885_383_853, 1e-13));
        assert!(close(ln_gamma(171.5), 709.143_163_030_928_3, 1e-13));
        assert!(close(ln_gamma(1e5), 1_051_287.708_973_656_8, 1e-13));
        assert!(ln_gamma(0.0).is_nan() && ln_gamma(-1.0).is_nan());
    }

    #[test]
    fn digamma_is_the_derivative_of_ln_gamma() {
        for x in [1e-3f64, 0.3, 1.0, 2.5, 7.0, 40.0, 1e4] {
            let h = 1e-6 * x.max(1.0);
            let numeric = (ln_gamma(x + h) - ln_gamma(x - h.min(x / 2.0))) / (h + h.min(x / 2.0));
            assert!(close(digamma(x), numeric, 1e-5), "{x}");
        }
        // ψ(1) = -γ
        assert!(close(digamma(1.0), -0.577_215_664_901_532_9, 1e-13));
    }

    #[test]
    fn hyp2f1_agrees_with_closed_forms_and_itself() {
        // ₂F₁(1, 1; 2; z) = -ln(1 - z) / z
        for z in [0.1f64, 0.5, 0.9, 0.999] {
            let exact = (-(-z).ln_1p() / z).ln();
            assert!(close(ln_hyp2f1(1.0, 1.0, 2.0, z), exact, 1e-12), "{z}");
            assert!(
                close(ln_hyp2f1_series(1.0, 1.0, 2.0, z), exact, 1e-12),
                "{z}"
            );
        }
        // Large first arguments (a frequent customer): both forms agree.
        let (a, b, c, z) = (300.24, 302.6, 601.0, 0.8);
        let direct = ln_hyp2f1_series(a, b, c, z);
        assert!(direct.is_finite());
        assert!(close(ln_hyp2f1(a, b, c, z), direct, 1e-10));
        // numpy.log(scipy.special.hyp2f1(300.24, 302.6, 601.0, 0.8))
        assert!(close(direct, 195.988_094_667_830_44, 1e-10));
        assert_eq!(ln_hyp2f1(2.0, 3.0, 4.0, 0.0), 0.0);
    }

    #[test]
    fn expit_does_not_overflow() {
        assert_eq!(expit(1000.0), 1.0);
        assert_eq!(expit(-1000.0), 0.0);
        assert!(close(expit(0.0), 0.5, 1e-16));
    }
}

//! The BG/NBD model (Fader, Hardie and Lee 2005) as lifetimes' `BetaGeoFitter` fits and
//! uses it: the same log-likelihood (section 7 of the paper, with lifetimes' log-sum-exp
//! of its last two terms), the same penalty, the same rescaling of time so that the
//! oldest customer's T is 1, the same start (log-parameters 0.1), and the same formulas
//! for the conditional expected purchases (equation 10, with the hypergeometric function
//! through Euler's transformation) and the probability of being alive.
//!
//! Customers with the same (frequency, recency, T) are one pattern with a weight, and the
//! `ln Γ` terms are computed once per distinct frequency: a fit's cost grows with the
//! number of patterns, not of customers.

// Index loops read as the formulas they implement.
#![allow(clippy::needless_range_loop)]

use super::fit::{FitFailure, Minimum, Objective, minimise};
use super::special::{digamma, expit, ln_gamma, ln_hyp2f1};
use super::{BgNbdFit, ValueError};
use crate::control::Control;
use rustc_hash::FxHashMap;

/// The parameters (r, alpha, a, b), alpha in the data's time unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Shape of the purchase-rate gamma.
    pub r: f64,
    /// Scale of the purchase-rate gamma.
    pub alpha: f64,
    /// Dropout beta a.
    pub a: f64,
    /// Dropout beta b.
    pub b: f64,
}

impl From<&BgNbdFit> for Params {
    fn from(f: &BgNbdFit) -> Self {
        Params {
            r: f.r,
            alpha: f.alpha,
            a: f.a,
            b: f.b,
        }
    }
}

/// Customers grouped by (frequency, recency, T).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Patterns {
    /// Frequency of each pattern.
    pub x: Vec<u32>,
    /// Recency.
    pub recency: Vec<f64>,
    /// T.
    pub t: Vec<f64>,
    /// Customers with the pattern.
    pub weight: Vec<f64>,
}

impl Patterns {
    /// Groups customers' (frequency, recency, T).
    pub fn new(rows: impl Iterator<Item = (u32, f64, f64)>) -> Self {
        let mut index: FxHashMap<(u32, u64, u64), usize> = FxHashMap::default();
        let mut p = Patterns::default();
        for (x, rec, t) in rows {
            let key = (x, rec.to_bits(), t.to_bits());
            let slot = *index.entry(key).or_insert_with(|| {
                p.x.push(x);
                p.recency.push(rec);
                p.t.push(t);
                p.weight.push(0.0);
                p.x.len() - 1
            });
            p.weight[slot] += 1.0;
        }
        p
    }

    /// Customers.
    pub fn customers(&self) -> f64 {
        self.weight.iter().sum()
    }
}

/// The penalised mean negative log-likelihood on rescaled time, as lifetimes'
/// `_negative_log_likelihood`.
struct Likelihood<'a> {
    patterns: &'a Patterns,
    /// Index of each pattern's frequency in `distinct`.
    slot: Vec<usize>,
    distinct: Vec<f64>,
    recency: Vec<f64>,
    t: Vec<f64>,
    total: f64,
    penalizer: f64,
}

impl<'a> Likelihood<'a> {
    fn new(patterns: &'a Patterns, scale: f64, penalizer: f64) -> Self {
        let mut distinct: Vec<u32> = patterns.x.clone();
        distinct.sort_unstable();
        distinct.dedup();
        let slot = patterns
            .x
            .iter()
            .map(|x| distinct.partition_point(|d| d < x))
            .collect();
        Likelihood {
            patterns,
            slot,
            distinct: distinct.iter().map(|&d| f64::from(d)).collect(),
            recency: patterns.recency.iter().map(|r| r * scale).collect(),
            t: patterns.t.iter().map(|t| t * scale).collect(),
            total: patterns.customers(),
            penalizer,
        }
    }
}

impl Objective for Likelihood<'_> {
    fn value_grad(&self, theta: &[f64], grad: &mut [f64]) -> f64 {
        let (r, alpha, a, b) = (
            theta[0].exp(),
            theta[1].exp(),
            theta[2].exp(),
            theta[3].exp(),
        );
        // Per distinct frequency: the ln Γ terms of A_1 and A_2 and their derivatives.
        let per_x: Vec<[f64; 5]> = self
            .distinct
            .iter()
            .map(|&x| {
                let value = ln_gamma(r + x) - ln_gamma(r) + ln_gamma(a + b) + ln_gamma(b + x)
                    - ln_gamma(b)
                    - ln_gamma(a + b + x);
                let d_r = digamma(r + x) - digamma(r);
                let d_ab = digamma(a + b) - digamma(a + b + x);
                let d_b = digamma(b + x) - digamma(b);
                [value, d_r, d_ab, d_ab + d_b, 0.0]
            })
            .collect();
        let (ln_alpha, ln_a) = (alpha.ln(), a.ln());
        let (mut ll, mut gr, mut gal, mut ga, mut gb) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for i in 0..self.patterns.x.len() {
            let w = self.patterns.weight[i];
            let [base, d_r, d_a, d_b, _] = per_x[self.slot[i]];
            let x = f64::from(self.patterns.x[i]);
            let rx = r + x;
            let (ln_at, ln_ar) = ((alpha + self.t[i]).ln(), (alpha + self.recency[i]).ln());
            let a1_a2 = base + r * ln_alpha;
            let a3 = -rx * ln_at;
            let (term, s4) = if self.patterns.x[i] > 0 {
                let a4 = ln_a - (b + x - 1.0).ln() - rx * ln_ar;
                let m = a3.max(a4);
                let (e3, e4) = ((a3 - m).exp(), (a4 - m).exp());
                (m + (e3 + e4).ln(), e4 / (e3 + e4))
            } else {
                (a3, 0.0)
            };
            let s3 = 1.0 - s4;
            ll += w * (a1_a2 + term);
            gr += w * (d_r + ln_alpha - s3 * ln_at - s4 * ln_ar);
            gal += w
                * (r / alpha - s3 * rx / (alpha + self.t[i]) - s4 * rx / (alpha + self.recency[i]));
            ga += w * (d_a + s4 / a);
            gb += w
                * (d_b
                    - if self.patterns.x[i] > 0 {
                        s4 / (b + x - 1.0)
                    } else {
                        0.0
                    });
        }
        let n = self.total;
        let params = [r, alpha, a, b];
        for (k, d) in [gr, gal, ga, gb].into_iter().enumerate() {
            grad[k] = -d * params[k] / n + 2.0 * self.penalizer * params[k] * params[k];
        }
        -ll / n + self.penalizer * params.iter().map(|p| p * p).sum::<f64>()
    }
}

/// Fits BG/NBD to the patterns (lifetimes' `BetaGeoFitter(penalizer_coef).fit`).
pub async fn fit<C: Control>(
    patterns: &Patterns,
    penalizer: f64,
    control: &mut C,
) -> Result<Result<BgNbdFit, FitFailure>, ValueError> {
    let max_t = patterns.t.iter().copied().fold(0.0f64, f64::max);
    let scale = if max_t > 0.0 { 1.0 / max_t } else { 1.0 };
    let objective = Likelihood::new(patterns, scale, penalizer);
    let found = minimise(&objective, &[0.1; 4], control).await?;
    Ok(found.and_then(|m: Minimum| {
        let p: Vec<f64> = m.x.iter().map(|t| t.exp()).collect();
        if p.iter().any(|v| !v.is_finite() || *v <= 0.0) {
            return Err(FitFailure::NotConverged {
                iterations: m.iterations,
            });
        }
        let log_likelihood =
            -(m.value - penalizer * p.iter().map(|v| v * v).sum::<f64>()) * objective.total;
        Ok(BgNbdFit {
            r: p[0],
            alpha: p[1] / scale,
            a: p[2],
            b: p[3],
            log_likelihood,
            iterations: m.iterations,
        })
    }))
}

impl Params {
    /// The probability that a customer with this history is still alive (lifetimes'
    /// `conditional_probability_alive`).
    pub fn probability_alive(&self, x: u32, recency: f64, t: f64) -> f64 {
        if x == 0 {
            return 1.0;
        }
        expit(-self.log_odds_dead(x, recency, t))
    }

    /// `ln(a / (b + x - 1)) + (r + x) ln((alpha + T) / (alpha + recency))`, the log of
    /// the odds of having dropped out (for `x > 0`).
    fn log_odds_dead(&self, x: u32, recency: f64, t: f64) -> f64 {
        let x = f64::from(x);
        (self.r + x) * ((self.alpha + t) / (self.alpha + recency)).ln()
            + (self.a / (self.b + x.max(1.0) - 1.0)).ln()
    }

    /// The expected number of purchases in the next `horizon` periods of a customer
    /// with this history (lifetimes'
    /// `conditional_expected_number_of_purchases_up_to_time`, equation 10).
    pub fn conditional_expected_purchases(
        &self,
        horizon: f64,
        x: u32,
        recency: f64,
        t: f64,
    ) -> f64 {
        if horizon <= 0.0 {
            return 0.0;
        }
        let Params { r, alpha, a, b } = *self;
        let xf = f64::from(x);
        let (ha, hb, hc) = (r + xf, b + xf, a + b + xf - 1.0);
        let z = horizon / (alpha + t + horizon);
        let ln_hyp = ln_hyp2f1(ha, hb, hc, z);
        let first = (a + b + xf - 1.0) / (a - 1.0);
        let second = -(ln_hyp + (r + xf) * ((alpha + t) / (alpha + horizon + t)).ln()).exp_m1();
        // 1 / (1 + [x > 0] a / (b + x - 1) ((alpha + T) / (alpha + recency))^(r + x)) is
        // the probability alive, computed without overflow.
        first * second * self.probability_alive(x, recency, t)
    }

    /// Expected repeat purchases of a new customer over `t` (equation 9).
    pub fn expected_purchases(&self, t: f64) -> f64 {
        let Params { r, alpha, a, b } = *self;
        let ln_hyp = ln_hyp2f1(r, b, a + b - 1.0, t / (alpha + t));
        (a + b - 1.0) / (a - 1.0) * -(ln_hyp + r * (alpha / (alpha + t)).ln()).exp_m1()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::Unattended;

    /// lifetimes' parameters on CDNOW (its documentation's example, days).
    const CDNOW: Params = Params {
        r: 0.242_593,
        alpha: 4.413_59,
        a: 0.792_919,
        b: 2.425_88,
    };

    #[test]
    fn gradient_matches_finite_differences() {
        let patterns = Patterns::new(
            [
                (0, 0.0, 30.0),
                (2, 10.0, 25.0),
                (5, 20.0, 40.0),
                (1, 3.0, 3.0),
                (0, 0.0, 1.0),
            ]
            .into_iter(),
        );
        let l = Likelihood::new(&patterns, 1.0 / 40.0, 0.01);
        let theta = [0.3, -0.5, 0.2, 0.7];
        let mut g = [0.0; 4];
        l.value_grad(&theta, &mut g);
        for k in 0..4 {
            let (mut up, mut down) = (theta, theta);
            up[k] += 1e-6;
            down[k] -= 1e-6;
            let mut scratch = [0.0; 4];
            let numeric =
                (l.value_grad(&up, &mut scratch) - l.value_grad(&down, &mut scratch)) / 2e-6;
            assert!((numeric - g[k]).abs() < 1e-6, "{k}: {numeric} vs {}", g[k]);
        }
    }

    #[test]
    fn recovers_parameters_of_its_own_patterns() {
        // Customers who bought often and recently, and customers who lapsed.
        let mut rows = Vec::new();
        for i in 0..200u32 {
            let x = i % 7;
            let t = 30.0 + f64::from(i % 20);
            let rec = if x == 0 {
                0.0
            } else {
                t * f64::from(i % 5 + 1) / 6.0
            };
            rows.push((x, rec.floor(), t));
        }
        let patterns = Patterns::new(rows.into_iter());
        let fit = pollster::block_on(fit(&patterns, 0.0, &mut Unattended))
            .expect("not interrupted")
            .expect("converges");
        assert!(fit.r > 0.0 && fit.alpha > 0.0 && fit.a > 0.0 && fit.b > 0.0);
    }

    #[test]
    fn probability_alive_is_one_without_repeats_and_falls_with_absence() {
        assert_eq!(CDNOW.probability_alive(0, 0.0, 30.0), 1.0);
        let recent = CDNOW.probability_alive(3, 30.0, 31.0);
        let lapsed = CDNOW.probability_alive(3, 5.0, 300.0);
        assert!(recent > 0.8 && lapsed < 0.2);
        // A huge frequency does not overflow.
        assert!(CDNOW.probability_alive(5000, 1.0, 400.0) >= 0.0);
        let e = CDNOW.conditional_expected_purchases(39.0, 5000, 1.0, 400.0);
        assert!(e.is_finite() && e >= 0.0);
    }

    #[test]
    fn conditional_expectation_of_a_new_customer_is_the_unconditional_one() {
        // x = 0, T = 0: nothing is known yet.
        let e = CDNOW.conditional_expected_purchases(30.0, 0, 0.0, 0.0);
        assert!((e - CDNOW.expected_purchases(30.0)).abs() < 1e-12);
    }
}

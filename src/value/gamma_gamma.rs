//! The Gamma-Gamma spend model (Fader, Hardie and Lee, "The Gamma-Gamma Model of
//! Monetary Value", note 025) as lifetimes' `GammaGammaFitter` fits and uses it, and the
//! CLV of lifetimes' `customer_lifetime_value`.
//!
//! It is fitted on repeat customers whose mean repeat purchase is positive (lifetimes
//! refuses non-positive monetary values).

// Index loops read as the formulas they implement.
#![allow(clippy::needless_range_loop)]

use super::bgnbd;
use super::fit::{FitFailure, Objective, minimise};
use super::special::{digamma, ln_gamma};
use super::{GammaGammaFit, ValueError};
use crate::control::Control;

/// The parameters (p, q, v).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// p.
    pub p: f64,
    /// q.
    pub q: f64,
    /// v.
    pub v: f64,
}

impl From<&GammaGammaFit> for Params {
    fn from(f: &GammaGammaFit) -> Self {
        Params {
            p: f.p,
            q: f.q,
            v: f.v,
        }
    }
}

struct Likelihood<'a> {
    x: &'a [f64],
    m: &'a [f64],
    ln_m: Vec<f64>,
    ln_x: Vec<f64>,
    penalizer: f64,
}

impl Objective for Likelihood<'_> {
    fn value_grad(&self, theta: &[f64], grad: &mut [f64]) -> f64 {
        let (p, q, v) = (theta[0].exp(), theta[1].exp(), theta[2].exp());
        let (lg_q, dg_q, ln_v) = (ln_gamma(q), digamma(q), v.ln());
        let (mut ll, mut gp, mut gq, mut gv) = (0.0, 0.0, 0.0, 0.0);
        let mut cache: Option<(f64, [f64; 4])> = None;
        for i in 0..self.x.len() {
            let x = self.x[i];
            let px = p * x;
            // Customers come sorted by frequency: the ln Γ terms repeat.
            let [lg_pxq, lg_px, dg_pxq, dg_px] = match cache {
                Some((cx, values)) if cx == x => values,
                _ => {
                    let values = [ln_gamma(px + q), ln_gamma(px), digamma(px + q), digamma(px)];
                    cache = Some((x, values));
                    values
                }
            };
            let ln_xmv = (x * self.m[i] + v).ln();
            ll += lg_pxq - lg_px - lg_q + q * ln_v + (px - 1.0) * self.ln_m[i] + px * self.ln_x[i]
                - (px + q) * ln_xmv;
            gp += x * (dg_pxq - dg_px + self.ln_m[i] + self.ln_x[i] - ln_xmv);
            gq += dg_pxq - dg_q + ln_v - ln_xmv;
            gv += q / v - (px + q) / (x * self.m[i] + v);
        }
        let n = self.x.len() as f64;
        let params = [p, q, v];
        for (k, d) in [gp, gq, gv].into_iter().enumerate() {
            grad[k] = -d * params[k] / n + 2.0 * self.penalizer * params[k] * params[k];
        }
        -ll / n + self.penalizer * params.iter().map(|p| p * p).sum::<f64>()
    }
}

/// Fits Gamma-Gamma to (frequency, monetary) of repeat customers with positive
/// monetary values (lifetimes' `GammaGammaFitter(penalizer_coef).fit`).
pub async fn fit<C: Control>(
    customers: &[(u32, f64)],
    penalizer: f64,
    control: &mut C,
) -> Result<Result<GammaGammaFit, FitFailure>, ValueError> {
    let mut rows: Vec<(f64, f64)> = customers
        .iter()
        .filter(|(x, m)| *x > 0 && *m > 0.0)
        .map(|&(x, m)| (f64::from(x), m))
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    let x: Vec<f64> = rows.iter().map(|r| r.0).collect();
    let m: Vec<f64> = rows.iter().map(|r| r.1).collect();
    let objective = Likelihood {
        ln_m: m.iter().map(|v| v.ln()).collect(),
        ln_x: x.iter().map(|v| v.ln()).collect(),
        x: &x,
        m: &m,
        penalizer,
    };
    let found = minimise(&objective, &[0.1; 3], control).await?;
    Ok(found.and_then(|found| {
        let p: Vec<f64> = found.x.iter().map(|t| t.exp()).collect();
        if p.iter().any(|v| !v.is_finite() || *v <= 0.0) {
            return Err(FitFailure::NotConverged {
                iterations: found.iterations,
            });
        }
        Ok(GammaGammaFit {
            p: p[0],
            q: p[1],
            v: p[2],
            customers: x.len(),
            iterations: found.iterations,
        })
    }))
}

impl Params {
    /// The expected average value of a customer's future purchases given `x` repeat
    /// purchases of mean value `m` (lifetimes' `conditional_expected_average_profit`).
    /// Customers without repeat purchases get the population mean `p v / (q - 1)`.
    pub fn expected_average_profit(&self, x: u32, m: f64) -> f64 {
        let Params { p, q, v } = *self;
        let x = f64::from(x);
        let weight = p * x / (p * x + q - 1.0);
        let population = v * p / (q - 1.0);
        (1.0 - weight) * population + weight * m
    }
}

/// A customer's discounted value: lifetimes' `_customer_lifetime_value`,
/// `Σ_i value (E[N(t_i)] - E[N(t_(i-1))]) / (1 + rate)^(t_i)`, over the step ends
/// `t_i` (in periods), `rate` per period. lifetimes steps by months (30 days, 4.345 weeks
/// or 1 month) and discounts by a monthly rate; the analysis steps by one period (30 days
/// when the unit is days) and discounts by the period's rate from the yearly one.
pub fn lifetime_value(
    model: &bgnbd::Params,
    value: f64,
    (x, recency, t): (u32, f64, f64),
    steps: &[f64],
    rate: f64,
) -> f64 {
    value
        * discounted_increments(model, (x, recency, t), steps, rate)
            .iter()
            .sum::<f64>()
}

/// The discounted expected purchases of each step of [`lifetime_value`]:
/// `(E[N(t_i)] - E[N(t_(i-1))]) / (1 + rate)^(t_i)`; they depend on the history only, so
/// customers with the same (frequency, recency, T) share them.
pub fn discounted_increments(
    model: &bgnbd::Params,
    (x, recency, t): (u32, f64, f64),
    steps: &[f64],
    rate: f64,
) -> Vec<f64> {
    let mut previous = 0.0;
    let ln_rate = rate.ln_1p();
    steps
        .iter()
        .map(|&step| {
            let e = model.conditional_expected_purchases(step, x, recency, t);
            let increment = (e - previous) * (-step * ln_rate).exp();
            previous = e;
            increment
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gradient_matches_finite_differences() {
        let x = [1.0, 1.0, 2.0, 5.0];
        let m = [10.0, 30.0, 20.0, 15.5];
        let l = Likelihood {
            ln_m: m.iter().map(|v: &f64| v.ln()).collect(),
            ln_x: x.iter().map(|v: &f64| v.ln()).collect(),
            x: &x,
            m: &m,
            penalizer: 0.1,
        };
        let theta = [0.5, 1.2, 2.0];
        let mut g = [0.0; 3];
        l.value_grad(&theta, &mut g);
        for k in 0..3 {
            let (mut up, mut down) = (theta, theta);
            up[k] += 1e-6;
            down[k] -= 1e-6;
            let mut s = [0.0; 3];
            let numeric = (l.value_grad(&up, &mut s) - l.value_grad(&down, &mut s)) / 2e-6;
            assert!((numeric - g[k]).abs() < 1e-6, "{k}: {numeric} vs {}", g[k]);
        }
    }

    #[test]
    fn average_profit_shrinks_towards_the_population_mean() {
        let gg = Params {
            p: 6.25,
            q: 3.74,
            v: 15.44,
        };
        let population = gg.expected_average_profit(0, 0.0);
        assert!((population - 6.25 * 15.44 / 2.74).abs() < 1e-12);
        let one = gg.expected_average_profit(1, 100.0);
        let many = gg.expected_average_profit(50, 100.0);
        assert!(population < one && one < many && many < 100.0);
    }
}

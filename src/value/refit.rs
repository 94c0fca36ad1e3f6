//! Fits that cannot be trusted, and what is done about them.
//!
//! Maximum likelihood can run off to an edge of a model's parameter space when the data
//! do not pin the parameters down: BG/NBD's dropout parameters go to 0 or to millions
//! when no customer seems to drop out (or every customer seems to, after each
//! purchase), Gamma-Gamma's p and q go to millions when every customer spends alike. The
//! optimiser then stops somewhere on a flat ridge, and the predictions made from such
//! parameters are noise, overflow (NaN) or take minutes (the hypergeometric series of
//! BG/NBD's expected purchases needs millions of terms there).
//!
//! So a fit is checked ([`bgnbd_problem`], [`gamma_gamma_problem`]); a degenerate one
//! is refitted with lifetimes' penalizer ([`PENALIZERS`], larger than the user's own),
//! and the first refit that passes the checks is used with a note saying so. When none
//! does, the model is not available, and the reason says why.

use super::bgnbd::{self, Patterns};
use super::fit::FitFailure;
use super::gamma_gamma;
use super::{BgNbdFit, GammaGammaFit, ValueError};
use crate::control::Control;

/// The penalizers (lifetimes' `penalizer_coef`) a degenerate fit is refitted with, in
/// order; those not above the user's own are skipped.
pub const PENALIZERS: [f64; 3] = [0.001, 0.01, 0.1];

/// BG/NBD's parameters (alpha in lifetimes' rescaled time, where the oldest customer's
/// T is 1) above this, or below its inverse, have run off to an edge.
pub const BGNBD_LIMIT: f64 = 1e6;

/// Gamma-Gamma's p or q above this has run off (every customer spending alike).
pub const GAMMA_GAMMA_LIMIT: f64 = 1e4;

/// A fit that passed the checks.
#[derive(Debug, Clone, PartialEq)]
pub struct Trusted<T> {
    /// The fit.
    pub fit: T,
    /// When the first fit was degenerate: the note saying which penalizer the model was
    /// refitted with, and why.
    pub refitted: Option<String>,
}

/// Why a model is not available.
#[derive(Debug, Clone, PartialEq)]
pub struct Unavailable {
    /// A clause naming the model: "BG/NBD's fit ran off to the edge of its parameters
    /// (...), and again when refitted with penalizers of 0.001, 0.01, 0.1".
    pub reason: String,
    /// The note for the user: the reason and what it means.
    pub note: String,
}

/// A trusted fit, or why the model is not available.
pub type Outcome<T> = Result<Trusted<T>, Unavailable>;

/// What is wrong with a fit, and what it usually means (said once per note).
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// "ran off to the edge of its parameters (a = ..., b = ...)".
    pub text: String,
    /// What the data are likely to be like.
    pub hint: Option<&'static str>,
}

const BGNBD_HINT: &str = "The data do not pin its parameters down, as when no customer \
                          seems ever to stop buying, or every customer seems to stop after \
                          each purchase.";
const GAMMA_GAMMA_HINT: &str = "The data do not pin its parameters down, as when every \
                                customer spends alike.";

fn problem(text: String, hint: Option<&'static str>) -> Option<Problem> {
    Some(Problem { text, hint })
}

/// A parameter as a note shows it: 0.0423, 12.5, 3.1e-9, 4.5e7.
fn show(v: f64) -> String {
    if !v.is_finite() {
        "not a number".to_owned()
    } else if v == 0.0 || (1e-3..1e5).contains(&v.abs()) {
        format!("{}", (v * 1e4).round() / 1e4)
    } else {
        // 3.1 × 10⁻⁹: no ASCII minus, which would read as a negative parameter.
        let exponent = v.abs().log10().floor() as i32;
        let mantissa = v / 10f64.powi(exponent);
        let digits: String = exponent
            .to_string()
            .chars()
            .map(|c| match c {
                '-' => '⁻',
                d => ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹']
                    [d.to_digit(10).unwrap_or(0) as usize],
            })
            .collect();
        format!("{mantissa:.1} × 10{digits}")
    }
}

/// What is wrong with a fit that the optimiser gave up on.
fn failure_problem(failure: &FitFailure) -> Problem {
    let text = match failure {
        FitFailure::NotConverged { iterations } => {
            format!("did not converge after {iterations} iterations")
        }
        FitFailure::BadStart => "has a likelihood that is not defined on these data".to_owned(),
    };
    Problem { text, hint: None }
}

/// Why a BG/NBD fit cannot be trusted, or `None`. `max_t` is the oldest customer's T
/// (alpha is checked in lifetimes' rescaled time).
pub fn bgnbd_problem(fit: &BgNbdFit, max_t: f64) -> Option<Problem> {
    let scaled_alpha = if max_t > 0.0 {
        fit.alpha / max_t
    } else {
        fit.alpha
    };
    let values = [fit.r, fit.alpha, fit.a, fit.b];
    if values.iter().any(|v| !v.is_finite()) || !fit.log_likelihood.is_finite() {
        return problem(
            format!(
                "gave values that are not numbers (r = {}, alpha = {}, a = {}, b = {}, \
                 log-likelihood {})",
                show(fit.r),
                show(fit.alpha),
                show(fit.a),
                show(fit.b),
                show(fit.log_likelihood)
            ),
            None,
        );
    }
    let edge = |v: f64| !(1.0 / BGNBD_LIMIT..=BGNBD_LIMIT).contains(&v);
    if [fit.r, scaled_alpha, fit.a, fit.b].into_iter().any(edge) {
        return problem(
            format!(
                "ran off to the edge of its parameters (r = {}, alpha = {}, a = {}, b = {})",
                show(fit.r),
                show(fit.alpha),
                show(fit.a),
                show(fit.b)
            ),
            Some(BGNBD_HINT),
        );
    }
    if fit.a + fit.b <= 1.0 {
        return problem(
            format!(
                "gave dropout parameters a = {} and b = {} summing to at most 1, where its \
                 expected purchases are not defined",
                show(fit.a),
                show(fit.b)
            ),
            Some(BGNBD_HINT),
        );
    }
    None
}

/// Why a Gamma-Gamma fit cannot be trusted, or `None`.
pub fn gamma_gamma_problem(fit: &GammaGammaFit) -> Option<Problem> {
    if [fit.p, fit.q, fit.v].iter().any(|v| !v.is_finite()) {
        return problem(
            format!(
                "gave values that are not numbers (p = {}, q = {}, v = {})",
                show(fit.p),
                show(fit.q),
                show(fit.v)
            ),
            None,
        );
    }
    if fit.p > GAMMA_GAMMA_LIMIT || fit.q > GAMMA_GAMMA_LIMIT {
        return problem(
            format!(
                "ran off to the edge of its parameters (p = {}, q = {})",
                show(fit.p),
                show(fit.q)
            ),
            Some(GAMMA_GAMMA_HINT),
        );
    }
    if fit.q <= 1.0 {
        return problem(
            format!(
                "gave q = {}, at most 1, where the mean spend is not defined",
                show(fit.q)
            ),
            Some(GAMMA_GAMMA_HINT),
        );
    }
    None
}

/// A penalizer in words: "a penalizer of 0.01".
fn penalizer_words(penalizer: f64) -> String {
    format!("a penalizer of {penalizer}")
}

/// The penalizers of the refits after a first fit with `penalizer`.
fn ladder(penalizer: f64) -> impl Iterator<Item = f64> {
    PENALIZERS.into_iter().filter(move |p| *p > penalizer)
}

/// Runs `fit` with the user's penalizer, then, while the result has a problem, with the
/// larger penalizers of [`PENALIZERS`].
async fn with_refits<T, C: Control>(
    model: &str,
    penalizer: f64,
    control: &mut C,
    mut fit: impl AsyncFnMut(f64, &mut C) -> Result<Result<T, FitFailure>, ValueError>,
    check: impl Fn(&T) -> Option<Problem>,
) -> Result<Outcome<T>, ValueError> {
    let first = match fit(penalizer, control).await? {
        Ok(found) => match check(&found) {
            None => {
                return Ok(Ok(Trusted {
                    fit: found,
                    refitted: None,
                }));
            }
            Some(p) => p,
        },
        Err(failure) => failure_problem(&failure),
    };
    let hint = first.hint.map(|h| format!(" {h}")).unwrap_or_default();
    let mut tried = Vec::new();
    let mut last: Option<Problem> = None;
    for p in ladder(penalizer) {
        tried.push(p.to_string());
        let problem = match fit(p, control).await? {
            Ok(found) => match check(&found) {
                None => {
                    return Ok(Ok(Trusted {
                        fit: found,
                        refitted: Some(format!(
                            "{model} was refitted with {} because its first fit {}.{hint} The \
                             penalty pulls the parameters towards small values: treat its \
                             figures as rough.",
                            penalizer_words(p),
                            first.text
                        )),
                    }));
                }
                Some(problem) => problem,
            },
            Err(failure) => failure_problem(&failure),
        };
        last = Some(problem);
    }
    let with = if penalizer > 0.0 {
        format!(" with {}", penalizer_words(penalizer))
    } else {
        String::new()
    };
    let reason = match last {
        None => format!("{model}'s fit{with} {}", first.text),
        Some(last) => format!(
            "{model}'s fit{with} {}, and refitted with penalizers of {} it still {}",
            first.text,
            tried.join(", "),
            last.text
        ),
    };
    Ok(Err(Unavailable {
        note: format!("{model} is not available: {reason}.{hint}"),
        reason,
    }))
}

/// BG/NBD fitted to `patterns` with `penalizer`, refitted with a larger one when the fit
/// is degenerate ([`bgnbd_problem`]).
pub async fn bgnbd<C: Control>(
    patterns: &Patterns,
    penalizer: f64,
    control: &mut C,
) -> Result<Outcome<BgNbdFit>, ValueError> {
    let max_t = patterns.t.iter().copied().fold(0.0f64, f64::max);
    with_refits(
        "BG/NBD",
        penalizer,
        control,
        async |p, control: &mut C| bgnbd::fit(patterns, p, control).await,
        |fit| bgnbd_problem(fit, max_t),
    )
    .await
}

/// Gamma-Gamma fitted to customers' (frequency, monetary) with `penalizer`, refitted
/// with a larger one when the fit is degenerate ([`gamma_gamma_problem`]).
pub async fn gamma_gamma<C: Control>(
    customers: &[(u32, f64)],
    penalizer: f64,
    control: &mut C,
) -> Result<Outcome<GammaGammaFit>, ValueError> {
    with_refits(
        "Gamma-Gamma",
        penalizer,
        control,
        async |p, control: &mut C| gamma_gamma::fit(customers, p, control).await,
        gamma_gamma_problem,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bg(r: f64, alpha: f64, a: f64, b: f64) -> BgNbdFit {
        BgNbdFit {
            r,
            alpha,
            a,
            b,
            log_likelihood: -100.0,
            iterations: 10,
        }
    }

    #[test]
    fn sound_fits_pass_and_degenerate_ones_say_why() {
        // lifetimes' CDNOW parameters (days; the oldest customer's T is about 272 days).
        assert_eq!(
            bgnbd_problem(&bg(0.2426, 4.414, 0.7929, 2.426), 272.0),
            None
        );
        let edge = bgnbd_problem(&bg(4.5e6, 4.9e7, 1e-9, 7e6), 104.0)
            .expect("degenerate")
            .text;
        assert!(edge.contains("ran off to the edge"), "{edge}");
        assert!(edge.contains("a = 1.0 × 10⁻⁹"), "{edge}");
        let sum = bgnbd_problem(&bg(1.0, 10.0, 0.3, 0.5), 100.0)
            .expect("a + b <= 1")
            .text;
        assert!(
            sum.contains("a = 0.3 and b = 0.5 summing to at most 1"),
            "{sum}"
        );
        let nan = bgnbd_problem(&bg(1.0, f64::NAN, 1.0, 2.0), 100.0)
            .expect("NaN")
            .text;
        assert!(nan.contains("not numbers"), "{nan}");
        let mut ll = bg(1.0, 10.0, 1.0, 2.0);
        ll.log_likelihood = f64::NEG_INFINITY;
        assert!(bgnbd_problem(&ll, 100.0).is_some());

        let gg = |p, q| GammaGammaFit {
            p,
            q,
            v: 15.0,
            customers: 10,
            iterations: 10,
        };
        assert_eq!(gamma_gamma_problem(&gg(6.25, 3.74)), None);
        let q = gamma_gamma_problem(&gg(2.1, 3.6e7)).expect("q runs off");
        assert!(q.text.contains("q = 3.6 × 10⁷"), "{q:?}");
        assert!(q.hint.is_some_and(|h| h.contains("spends alike")));
        assert!(gamma_gamma_problem(&gg(2.0, 0.9)).is_some());
        assert!(gamma_gamma_problem(&gg(f64::INFINITY, 2.0)).is_some());
    }

    #[test]
    fn the_ladder_starts_above_the_users_penalizer() {
        assert_eq!(ladder(0.0).collect::<Vec<_>>(), PENALIZERS);
        assert_eq!(ladder(0.01).collect::<Vec<_>>(), [0.1]);
        assert_eq!(ladder(0.5).count(), 0);
    }
}

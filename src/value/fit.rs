//! Maximum likelihood with argmin: BFGS with a Moré-Thuente line search on the
//! log-parameters, as lifetimes minimises with scipy's BFGS (`minimize` with
//! `jac=True` and no method picks BFGS) from log-parameters 0.1, to a gradient tolerance
//! of 1e-7.
//!
//! argmin's executor is synchronous, so it runs a bounded number of iterations at a
//! time; between runs the long computation awaits its checkpoint (progress, cancel), and
//! the next run resumes from the parameters and the inverse Hessian where the last one
//! stopped.

use crate::control::{Control, Progress, Stage};
use argmin::core::{CostFunction, Executor, Gradient, State, TerminationReason, TerminationStatus};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::BFGS;
use ndarray::{Array1, Array2};
use std::cell::RefCell;

use super::ValueError;

/// A function to minimise with its gradient.
pub trait Objective {
    /// The value at `x`, and its gradient written to `grad`. Not finite where `x` is
    /// outside the domain.
    fn value_grad(&self, x: &[f64], grad: &mut [f64]) -> f64;
}

/// The minimum found.
#[derive(Debug, Clone, PartialEq)]
pub struct Minimum {
    /// Where.
    pub x: Vec<f64>,
    /// The value there.
    pub value: f64,
    /// Iterations.
    pub iterations: u64,
    /// Whether the gradient tolerance was met (rather than the line search stalling
    /// with a small gradient).
    pub converged: bool,
}

/// Why a fit failed (turned into a note by the caller).
#[derive(Debug, Clone, PartialEq)]
pub enum FitFailure {
    /// The iteration limit was reached with the gradient still large.
    NotConverged {
        /// Iterations run.
        iterations: u64,
    },
    /// The objective is not finite where the fit starts.
    BadStart,
}

/// Iterations between checkpoints.
const BATCH: u64 = 20;
/// Iterations at most.
const MAX_ITERATIONS: u64 = 1000;
/// The gradient norm under which the fit counts as converged (scipy's `gtol` as
/// lifetimes passes it).
pub const GRADIENT_TOLERANCE: f64 = 1e-7;
/// A line search that stalls with a gradient norm below this still counts as a
/// minimum (the objective is flat to rounding there).
const STALL_TOLERANCE: f64 = 1e-4;

/// A point, the objective's value there and its gradient.
type Evaluation = (Vec<f64>, f64, Vec<f64>);

/// The objective as argmin sees it, remembering its last evaluation (argmin asks for
/// the cost and the gradient at the same point separately) and the best point.
/// It holds the objective as a trait object, so that argmin's executor (some 25 KB of
/// wasm per instance) is compiled once for all the models rather than once each.
struct Adapter<'a> {
    objective: &'a dyn Objective,
    last: RefCell<Option<Evaluation>>,
    best: RefCell<Option<Evaluation>>,
}

impl Adapter<'_> {
    fn eval(&self, x: &[f64]) -> (f64, Vec<f64>) {
        if let Some((lx, v, g)) = &*self.last.borrow()
            && lx.as_slice() == x
        {
            return (*v, g.clone());
        }
        let mut grad = vec![0.0; x.len()];
        let mut value = self.objective.value_grad(x, &mut grad);
        if !value.is_finite() || grad.iter().any(|g| !g.is_finite()) {
            value = f64::INFINITY;
            grad.iter_mut().for_each(|g| *g = f64::NAN);
        } else if self.best.borrow().as_ref().is_none_or(|b| value < b.1) {
            *self.best.borrow_mut() = Some((x.to_vec(), value, grad.clone()));
        }
        *self.last.borrow_mut() = Some((x.to_vec(), value, grad.clone()));
        (value, grad)
    }
}

impl CostFunction for &Adapter<'_> {
    type Param = Array1<f64>;
    type Output = f64;

    fn cost(&self, p: &Self::Param) -> Result<f64, argmin::core::Error> {
        Ok(self.eval(p.as_slice().unwrap_or(&p.to_vec())).0)
    }
}

impl Gradient for &Adapter<'_> {
    type Param = Array1<f64>;
    type Gradient = Array1<f64>;

    fn gradient(&self, p: &Self::Param) -> Result<Self::Gradient, argmin::core::Error> {
        Ok(Array1::from(
            self.eval(p.as_slice().unwrap_or(&p.to_vec())).1,
        ))
    }
}

fn norm(g: &[f64]) -> f64 {
    g.iter().map(|v| v * v).sum::<f64>().sqrt()
}

/// Minimises `objective` from `start`, reporting [`Stage::Fitting`] progress.
pub async fn minimise<O: Objective, C: Control>(
    objective: &O,
    start: &[f64],
    control: &mut C,
) -> Result<Result<Minimum, FitFailure>, ValueError> {
    let n = start.len();
    let adapter = Adapter {
        objective,
        last: RefCell::new(None),
        best: RefCell::new(None),
    };
    let (v0, g0) = adapter.eval(start);
    if !v0.is_finite() {
        return Ok(Err(FitFailure::BadStart));
    }
    if norm(&g0) < GRADIENT_TOLERANCE {
        return Ok(Ok(Minimum {
            x: start.to_vec(),
            value: v0,
            iterations: 0,
            converged: true,
        }));
    }
    let mut x = Array1::from(start.to_vec());
    let mut inv_hessian: Array2<f64> = Array2::eye(n);
    let mut iterations = 0u64;
    loop {
        control
            .checkpoint(Progress {
                stage: Stage::Fitting,
                done: iterations,
                total: Some(MAX_ITERATIONS),
            })
            .await?;
        let solver = BFGS::new(MoreThuenteLineSearch::new())
            .with_tolerance_grad(GRADIENT_TOLERANCE)
            .and_then(|s| s.with_tolerance_cost(0.0));
        let Ok(solver) = solver else {
            return Ok(Err(FitFailure::BadStart));
        };
        let (px, ph) = (x.clone(), inv_hessian.clone());
        let run = Executor::new(&adapter, solver)
            .configure(|state| state.param(px).inv_hessian(ph).max_iters(BATCH))
            .timer(false)
            .run();
        let Ok(mut result) = run else {
            // The line search gave up (typically at the minimum, where the objective is
            // flat to rounding): accept the best point when its gradient is small.
            break;
        };
        let state = &mut result.state;
        iterations += state.get_iter();
        let reason = match state.get_termination_status() {
            TerminationStatus::Terminated(reason) => reason.clone(),
            TerminationStatus::NotTerminated => TerminationReason::MaxItersReached,
        };
        if let (Some(p), Some(h)) = (state.take_param(), state.take_inv_hessian()) {
            x = p;
            inv_hessian = h;
        }
        match reason {
            TerminationReason::MaxItersReached if iterations < MAX_ITERATIONS => continue,
            TerminationReason::SolverConverged | TerminationReason::TargetCostReached => {
                return Ok(Ok(best(&adapter, iterations, true)));
            }
            _ => break,
        }
    }
    let found = best(&adapter, iterations, false);
    let mut grad = vec![0.0; n];
    objective.value_grad(&found.x, &mut grad);
    if norm(&grad) < GRADIENT_TOLERANCE {
        Ok(Ok(Minimum {
            converged: true,
            ..found
        }))
    } else if norm(&grad) < STALL_TOLERANCE {
        Ok(Ok(found))
    } else {
        Ok(Err(FitFailure::NotConverged { iterations }))
    }
}

fn best(adapter: &Adapter<'_>, iterations: u64, converged: bool) -> Minimum {
    let best = adapter.best.borrow();
    let (x, value) = best
        .as_ref()
        .map(|(x, v, _)| (x.clone(), *v))
        .unwrap_or_default();
    Minimum {
        x,
        value,
        iterations,
        converged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::Unattended;

    /// Rosenbrock's valley.
    struct Rosenbrock;

    impl Objective for Rosenbrock {
        fn value_grad(&self, x: &[f64], g: &mut [f64]) -> f64 {
            let (a, b) = (x[0], x[1]);
            g[0] = -2.0 * (1.0 - a) - 400.0 * a * (b - a * a);
            g[1] = 200.0 * (b - a * a);
            (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2)
        }
    }

    #[test]
    fn finds_rosenbrocks_minimum() {
        let m = pollster::block_on(minimise(&Rosenbrock, &[-1.2, 1.0], &mut Unattended))
            .expect("not interrupted")
            .expect("converges");
        assert!(
            (m.x[0] - 1.0).abs() < 1e-6 && (m.x[1] - 1.0).abs() < 1e-6,
            "{m:?}"
        );
        assert!(m.iterations > 10);
    }
}

//! Value and loyalty: what each customer is worth and who is slipping away.
//!
//! CONTRACT STUB: the settings, the entry point and the summary types the worker and the
//! page are written against. The models are filled in by the `value` branch.

pub mod summary;

use crate::control::{Control, Interrupted};
use crate::orders::Orders;
use serde::{Deserialize, Serialize};
pub use summary::{
    AtRisk, BgNbdFit, Bin, ChurnSummary, ClassifierScore, GammaGammaFit, HoldoutRow,
    LoyaltySummary, MatrixSummary, SimpleClv, ValueSummary,
};

/// The time unit of frequency, recency, T and the horizons.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimeUnit {
    /// Days.
    Days,
    /// Weeks (7 days).
    #[default]
    Weeks,
    /// Months.
    Months,
}

impl TimeUnit {
    /// The unit's name, plural.
    pub fn label(self) -> &'static str {
        match self {
            TimeUnit::Days => "days",
            TimeUnit::Weeks => "weeks",
            TimeUnit::Months => "months",
        }
    }
}

/// What the user chose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The time unit.
    pub unit: TimeUnit,
    /// Periods at the end of the history held out to check the predictions and to label
    /// churn.
    pub holdout: u32,
    /// Periods ahead that expected purchases and CLV are predicted for.
    pub horizon: u32,
    /// Yearly discount rate of future money (0.1 = 10%).
    pub discount_rate: f64,
    /// L2 penalty on the model parameters (lifetimes' `penalizer_coef`; 0 = none).
    pub penalizer: f64,
    /// Share of customers, by predicted value, that counts as valuable for the at-risk
    /// list.
    pub valuable_share: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            unit: TimeUnit::Weeks,
            holdout: 13,
            horizon: 52,
            discount_rate: 0.1,
            penalizer: 0.0,
            valuable_share: 0.2,
        }
    }
}

/// Why the value analysis could not run. Messages are for the user.
#[derive(Debug, thiserror::Error)]
pub enum ValueError {
    /// The computation was cancelled or superseded.
    #[error(transparent)]
    Interrupted(#[from] Interrupted),
    /// Stub.
    #[error("the value analysis is not built yet")]
    NotBuilt,
}

/// The fitted models and every customer's figures; kept in the worker.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ValueAnalysis {}

impl ValueAnalysis {
    /// What the page shows (no per-customer rows beyond the at-risk list).
    pub fn summary(&self) -> ValueSummary {
        ValueSummary::default()
    }

    /// Every customer's figures as CSV (id, frequency, recency, T, monetary, expected
    /// purchases, probability alive, predicted CLV, churn risk, loyalty score),
    /// formula-safe (see [`crate::export::CsvFile`]).
    pub fn csv(&self, orders: &Orders) -> String {
        let _ = orders;
        String::new()
    }
}

/// Fits every model to the customers of `orders`.
pub async fn analyse<C: Control>(
    orders: &Orders,
    settings: &Settings,
    control: &mut C,
) -> Result<ValueAnalysis, ValueError> {
    let _ = (orders, settings, control);
    Err(ValueError::NotBuilt)
}

//! What the Value page is sent: the models, their checks, the charts' data and the
//! at-risk list. Every customer's row stays in the worker (CSV export).

use super::{TimeUnit, Weeks};
use serde::{Deserialize, Serialize};

/// The simple lifetime-value formula with its inputs.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct SimpleClv {
    /// Average order value.
    pub average_order_value: f64,
    /// Orders per customer per period.
    pub purchase_frequency: f64,
    /// Share of customers active in one period who are active in the next.
    pub retention_rate: f64,
    /// Periods summed.
    pub periods: u32,
    /// Discount rate per period.
    pub discount_rate: f64,
    /// The value of an average customer.
    pub clv: f64,
}

/// A fitted BG/NBD model.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct BgNbdFit {
    /// Shape of the purchase-rate gamma.
    pub r: f64,
    /// Scale of the purchase-rate gamma.
    pub alpha: f64,
    /// Dropout beta a.
    pub a: f64,
    /// Dropout beta b.
    pub b: f64,
    /// Log-likelihood at the optimum (summed over customers).
    pub log_likelihood: f64,
    /// Optimiser iterations.
    pub iterations: u64,
}

/// A fitted Gamma-Gamma spend model.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct GammaGammaFit {
    /// p.
    pub p: f64,
    /// q.
    pub q: f64,
    /// v.
    pub v: f64,
    /// Repeat customers it was fitted on.
    pub customers: usize,
    /// Optimiser iterations.
    pub iterations: u64,
}

/// A frequency by recency matrix (a value per cell).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MatrixSummary {
    /// What the cells hold.
    pub title: String,
    /// Column values: frequency (repeat purchases).
    pub frequencies: Vec<f64>,
    /// Row values: recency (periods from first to last purchase).
    pub recencies: Vec<f64>,
    /// `values[row][column]`.
    pub values: Vec<Vec<f64>>,
}

/// Predicted against actual purchases in the holdout, by calibration frequency.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HoldoutRow {
    /// Repeat purchases in the calibration period.
    pub frequency: u32,
    /// Customers with that frequency.
    pub customers: usize,
    /// Mean predicted purchases in the holdout.
    pub predicted: f64,
    /// Mean actual purchases in the holdout.
    pub actual: f64,
}

/// A histogram bin.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bin {
    /// Lower edge (inclusive).
    pub from: f64,
    /// Upper edge.
    pub to: f64,
    /// Customers.
    pub customers: usize,
}

/// A churn classifier's test scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassifierScore {
    /// "Logistic regression", "Decision tree".
    pub name: String,
    /// Accuracy.
    pub accuracy: f64,
    /// Precision (of "churned").
    pub precision: f64,
    /// Recall (of "churned").
    pub recall: f64,
    /// Area under the ROC curve.
    pub auc: f64,
    /// ROC curve points (false positive rate, true positive rate), thinned.
    pub roc: Vec<[f64; 2]>,
}

/// A valuable customer at risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AtRisk {
    /// The customer id.
    pub customer: String,
    /// Probability of churn.
    pub risk: f64,
    /// Predicted CLV over the horizon; NaN when there is none (no Gamma-Gamma fit, or no
    /// amounts). Not what the list is chosen by: that is the spend so far.
    pub clv: f64,
    /// Orders so far.
    pub orders: u32,
    /// Spend so far; NaN when the log has no amounts (the customer was then chosen by
    /// purchase lines).
    pub spend: f64,
    /// Days since the last purchase.
    pub days_since: i64,
}

/// The churn models.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ChurnSummary {
    /// How churn is defined, in words.
    pub definition: String,
    /// Features used.
    pub features: Vec<String>,
    /// Customers trained on.
    pub train: usize,
    /// Customers tested on.
    pub test: usize,
    /// Share of test customers who churned.
    pub churn_rate: f64,
    /// One row per classifier.
    pub models: Vec<ClassifierScore>,
    /// Logistic regression coefficients (on standardised features), by feature.
    pub coefficients: Vec<(String, f64)>,
    /// Valuable customers at risk, riskiest first.
    pub at_risk: Vec<AtRisk>,
}

/// The loyalty score regression.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LoyaltySummary {
    /// What the score predicts, in words.
    pub target: String,
    /// Coefficients (on standardised features), by feature.
    pub coefficients: Vec<(String, f64)>,
    /// Intercept.
    pub intercept: f64,
    /// Customers trained on.
    pub train: usize,
    /// Customers tested on.
    pub test: usize,
    /// Root mean squared error on the test customers.
    pub test_rmse: f64,
    /// R² on the test customers.
    pub test_r2: f64,
}

/// What the Value page shows.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ValueSummary {
    /// The time unit.
    pub unit: TimeUnit,
    /// How weeks were counted, when the unit is weeks.
    #[serde(default)]
    pub weeks: Option<Weeks>,
    /// The periods in words ("calendar weeks (Monday to Sunday)").
    #[serde(default)]
    pub periods: String,
    /// End of the calibration period, the day before the holdout (days since
    /// 1970-01-01); when the holdout covers the whole history, the day before the first
    /// purchase's period.
    pub calibration_end: i64,
    /// End of the data (days since 1970-01-01).
    pub observation_end: i64,
    /// Customers.
    pub customers: usize,
    /// Repeat customers: those with purchases in more than one period of the unit
    /// (lifetimes' frequency above 0); several orders within one period count once.
    pub repeat_customers: usize,
    /// The simple formula; its average order value and CLV are NaN when the log has no
    /// amounts.
    pub simple: SimpleClv,
    /// BG/NBD on the whole history, when it could be fitted (perhaps refitted with a
    /// penalizer: a note says so).
    pub bgnbd: Option<BgNbdFit>,
    /// Why there is no BG/NBD (`None` when there is one).
    pub bgnbd_missing: Option<String>,
    /// Gamma-Gamma, when it could be fitted (perhaps refitted with a penalizer).
    pub gamma_gamma: Option<GammaGammaFit>,
    /// Why there is no Gamma-Gamma (`None` when there is one).
    pub gamma_gamma_missing: Option<String>,
    /// Expected purchases over the horizon by frequency and recency.
    pub expected: Option<MatrixSummary>,
    /// Probability alive by frequency and recency.
    pub alive: Option<MatrixSummary>,
    /// BG/NBD fitted on the calibration period, checked on the holdout; empty when the
    /// holdout leaves fewer than two periods before it (a note says so).
    pub holdout_check: Vec<HoldoutRow>,
    /// Predicted CLV over the horizon, a histogram (empty without a CLV).
    pub clv_histogram: Vec<Bin>,
    /// Sum of predicted CLV over the customers whose CLV is a number; `None` (null in
    /// JSON) when there is none: see [`ValueSummary::clv_missing`].
    pub total_clv: Option<f64>,
    /// Why there is no predicted CLV (`None` when there is one): no amounts, or a model
    /// not available.
    pub clv_missing: Option<String>,
    /// The horizon in periods.
    pub horizon: u32,
    /// Churn models.
    pub churn: Option<ChurnSummary>,
    /// Loyalty score.
    pub loyalty: Option<LoyaltySummary>,
    /// Things the user should know (a model not fitted and why), in plain words.
    pub notes: Vec<String>,
}

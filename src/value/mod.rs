//! Value and loyalty: what each customer is worth and who is slipping away.
//!
//! [`analyse`] runs it all on a transaction log:
//!
//! - [`rfm`]: purchase histories in periods and the RFM summary in lifetimes'
//!   convention, with the calibration/holdout split;
//! - [`simple_clv`]: average order value x purchase frequency x retention, discounted;
//! - [`bgnbd`] and [`gamma_gamma`]: the probabilistic models fitted by maximum
//!   likelihood ([`fit`]: argmin's BFGS) exactly as lifetimes fits them, with their
//!   predictions, CLV, the frequency/recency matrices and the holdout check;
//! - [`churn`], [`logistic`], [`tree`], [`metrics`]: churn risk and its test scores;
//! - [`loyalty`]: the loyalty score regression;
//! - [`refit`]: fits that ran off to the edge of their parameters, refitted with a
//!   penalizer or reported as not available;
//! - [`special`]: `ln Γ`, digamma, `₂F₁`.
//!
//! What the settings mean is in [`params`]. Models that cannot be fitted (too few
//! customers, no repeat customer, one day of data, no positive spend, no amounts at all,
//! a holdout as long as the history, no convergence, parameters that ran off to the edge
//! even with a penalizer) are left out with a note saying what is missing ([`ValueSummary::notes`], after the notes of [`Orders`]); only a log
//! without purchases is an error.
//!
//! ```
//! use crm_lens::control::Unattended;
//! use crm_lens::ingest::{LoadOptions, load};
//! use crm_lens::orders::Orders;
//! use crm_lens::value::{Settings, TimeUnit, analyse};
//!
//! let csv = "customer,date,amount\na,2024-01-02,10\na,2024-01-09,12\nb,2024-01-03,5\n\
//!            c,2024-01-05,8\nc,2024-01-20,9\nc,2024-02-01,7\nb,2024-02-03,6\n";
//! let log = pollster::block_on(load(csv.as_bytes(), None, &LoadOptions::default(), &mut Unattended))?
//!     .dataset;
//! let orders = Orders::from_dataset(&log);
//! let settings = Settings { unit: TimeUnit::Days, holdout: 7, horizon: 30, ..Settings::default() };
//! let value = pollster::block_on(analyse(&orders, &settings, &mut Unattended))?;
//! let summary = value.summary();
//! assert_eq!((summary.customers, summary.repeat_customers), (3, 3));
//! assert!(value.csv(&orders).starts_with("customer_id,frequency,recency,T,"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod analysis;
pub mod bgnbd;
pub mod churn;
pub mod fit;
pub mod gamma_gamma;
pub mod linear;
pub mod logistic;
pub mod loyalty;
pub mod metrics;
pub mod params;
pub mod refit;
pub mod rfm;
pub mod simple_clv;
pub mod special;
pub mod summary;
pub mod tree;

#[cfg(test)]
mod refit_tests;
#[cfg(test)]
mod tests;

use crate::control::Control;
use crate::orders::Orders;
pub use params::ValueError;
mod entry;
pub use entry::Valuing;
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

/// How weeks are counted when the unit is weeks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Weeks {
    /// Calendar weeks, Monday to Sunday (lifetimes' `freq='W'`): the purchases of a week
    /// are one purchase, and recency and T are whole weeks between the weeks of the
    /// purchases and of the end.
    #[default]
    Calendar,
    /// Weeks of 7 days from each customer's first purchase (lifetimes' `freq='D',
    /// freq_multiplier=7`): the purchases of a day are one purchase, and recency, T, the
    /// holdout and the horizon are counted in days and divided by 7.
    SevenDays,
}

/// The periods of `unit` (weeks counted as `weeks` says) in words.
pub fn periods_in_words(unit: TimeUnit, weeks: Weeks) -> &'static str {
    match (unit, weeks) {
        (TimeUnit::Days, _) => "days",
        (TimeUnit::Weeks, Weeks::Calendar) => "calendar weeks (Monday to Sunday)",
        (TimeUnit::Weeks, Weeks::SevenDays) => {
            "weeks of 7 days from each customer's first purchase (purchases counted per day)"
        }
        (TimeUnit::Months, _) => "calendar months",
    }
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

/// What the user chose (see [`params`] for what each setting means).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The time unit.
    pub unit: TimeUnit,
    /// How weeks are counted when the unit is weeks.
    #[serde(default)]
    pub weeks: Weeks,
    /// Periods at the end of the history held out to check the predictions and to label
    /// churn.
    pub holdout: u32,
    /// Periods ahead that expected purchases and CLV are predicted for.
    pub horizon: u32,
    /// Yearly discount rate of future money (0.1 = 10%).
    pub discount_rate: f64,
    /// L2 penalty on the model parameters (lifetimes' `penalizer_coef`; 0 = none).
    pub penalizer: f64,
    /// Share of customers, by spend so far, that counts as valuable for the at-risk
    /// list.
    pub valuable_share: f64,
    /// The last day observed (days since 1970-01-01), as lifetimes'
    /// `observation_period_end`: purchases after it are left out, and recency, T, the
    /// holdout and the churn windows are measured to its period. `None`: the day of the
    /// last purchase.
    #[serde(default)]
    pub until: Option<i64>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            unit: TimeUnit::Weeks,
            weeks: Weeks::Calendar,
            holdout: 13,
            horizon: 52,
            discount_rate: 0.1,
            penalizer: 0.0,
            valuable_share: 0.2,
            until: None,
        }
    }
}

/// One customer's figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CustomerValue {
    /// The customer (dense id of [`Orders`]).
    pub customer: u32,
    /// The RFM summary at the end of the data (its monetary value NaN when the log has
    /// no amounts).
    pub rfm: rfm::Rfm,
    /// Expected purchases over the horizon (NaN without BG/NBD).
    pub expected: f64,
    /// Probability alive (NaN without BG/NBD).
    pub alive: f64,
    /// Predicted CLV over the horizon (NaN without both models, always without amounts).
    pub clv: f64,
    /// Probability of no purchase in the next holdout-length window (NaN without the
    /// churn model).
    pub churn_risk: f64,
    /// Loyalty score: purchase periods expected in the next holdout-length window (NaN
    /// without the regression).
    pub loyalty: f64,
}

/// The fitted models and every customer's figures; kept in the worker.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ValueAnalysis {
    /// What the page is sent.
    pub summary: ValueSummary,
    /// One row per customer with a purchase.
    pub customers: Vec<CustomerValue>,
}

impl ValueAnalysis {
    /// What the page shows (no per-customer rows beyond the at-risk list).
    pub fn summary(&self) -> ValueSummary {
        self.summary.clone()
    }

    /// Every customer's figures as CSV (id, frequency, recency, T, monetary, expected
    /// purchases, probability alive, predicted CLV, churn risk, loyalty score),
    /// formula-safe (see [`crate::export::CsvFile`]). Figures a model could not give are
    /// empty.
    pub fn csv(&self, orders: &Orders) -> String {
        use crate::export::{Cell, CsvFile};
        let mut file = CsvFile::new(&[
            "customer_id",
            "frequency",
            "recency",
            "T",
            "monetary_value",
            "expected_purchases",
            "probability_alive",
            "predicted_clv",
            "churn_risk",
            "loyalty_score",
        ]);
        for c in &self.customers {
            let name = orders
                .customer_names
                .get(c.customer as usize)
                .map_or("", String::as_str);
            file.row(&[
                Cell::Text(name),
                Cell::Integer(i64::from(c.rfm.frequency)),
                Cell::Number(c.rfm.recency),
                Cell::Number(c.rfm.t),
                Cell::Number(c.rfm.monetary),
                Cell::Number(c.expected),
                Cell::Number(c.alive),
                Cell::Number(c.clv),
                Cell::Number(c.churn_risk),
                Cell::Number(c.loyalty),
            ]);
        }
        file.finish()
    }
}

/// Fits every model to the customers of `orders`.
pub async fn analyse<C: Control>(
    orders: &Orders,
    settings: &Settings,
    control: &mut C,
) -> Result<ValueAnalysis, ValueError> {
    let checked = params::check(settings, orders)?;
    analysis::run(orders, &checked, control).await
}

/// The models fitted to RFM summaries and their predictions per customer, as
/// [`fit_and_predict`] returns them.
#[derive(Debug, Clone, PartialEq)]
pub struct Predictions {
    /// BG/NBD.
    pub bgnbd: BgNbdFit,
    /// Gamma-Gamma.
    pub gamma_gamma: GammaGammaFit,
    /// Per customer: expected purchases over the horizon, probability alive, CLV.
    pub customers: Vec<[f64; 3]>,
}

/// BG/NBD and Gamma-Gamma fitted to customers' (frequency, recency, T, monetary) and
/// every customer's expected purchases over `horizon`, probability alive and CLV over
/// the CLV step ends `steps` at `rate` per period (see [`gamma_gamma::lifetime_value`]):
/// the work lifetimes does in `fit`, `conditional_expected_number_of_purchases_up_to_time`,
/// `conditional_probability_alive` and `customer_lifetime_value`. The benchmarks time
/// it; `None` when a model does not fit.
pub async fn fit_and_predict<C: Control>(
    rows: &[rfm::Rfm],
    penalizer: f64,
    horizon: f64,
    steps: &[f64],
    rate: f64,
    control: &mut C,
) -> Result<Option<Predictions>, ValueError> {
    let patterns = bgnbd::Patterns::new(rows.iter().map(|r| (r.frequency, r.recency, r.t)));
    let Ok(bg) = bgnbd::fit(&patterns, penalizer, control).await? else {
        return Ok(None);
    };
    let spend: Vec<(u32, f64)> = rows.iter().map(|r| (r.frequency, r.monetary)).collect();
    let Ok(gg) = gamma_gamma::fit(&spend, penalizer, control).await? else {
        return Ok(None);
    };
    let (m, g) = (bgnbd::Params::from(&bg), gamma_gamma::Params::from(&gg));
    let mut cache: rustc_hash::FxHashMap<(u32, u64, u64), (f64, f64, f64)> =
        rustc_hash::FxHashMap::default();
    let customers = rows
        .iter()
        .map(|r| {
            let key = (r.frequency, r.recency.to_bits(), r.t.to_bits());
            let (expected, alive, increments) = *cache.entry(key).or_insert_with(|| {
                let history = (r.frequency, r.recency, r.t);
                (
                    m.conditional_expected_purchases(horizon, r.frequency, r.recency, r.t),
                    m.probability_alive(r.frequency, r.recency, r.t),
                    gamma_gamma::discounted_increments(&m, history, steps, rate)
                        .iter()
                        .sum(),
                )
            });
            let clv = g.expected_average_profit(r.frequency, r.monetary) * increments;
            [expected, alive, clv]
        })
        .collect();
    Ok(Some(Predictions {
        bgnbd: bg,
        gamma_gamma: gg,
        customers,
    }))
}

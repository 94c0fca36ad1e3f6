//! The settings checked once into [`Checked`], and every way the value analysis can
//! refuse, with a message the user can act on.
//!
//! What the settings mean:
//!
//! - `unit`: periods are calendar days, weeks that start on Monday (pandas' `W`
//!   periods, as lifetimes uses them), or calendar months. Frequency, recency, T, the
//!   holdout and the horizon are counted in it.
//! - `weeks`: with weeks as the unit, calendar weeks as above, or weeks of 7 days from
//!   each customer's first purchase, as lifetimes' `freq='D', freq_multiplier=7`: the
//!   purchases are then grouped per day (frequency counts repeat days), and recency, T,
//!   the holdout and the horizon are days divided by 7. The whole analysis then runs
//!   on days ([`Checked::grouping`]) with 7 of them to a week ([`Checked::per_unit`]).
//! - `until`: the end of the observation, lifetimes' `observation_period_end`:
//!   purchases after that day are left out, and the history ends with its period (the
//!   period of the last purchase when not given). A day before the first purchase is
//!   refused. lifetimes keeps the purchases of the whole period of its end date (in
//!   weeks or months, days after it too); here a purchase after the day is never
//!   counted, so in those units the two agree when the day ends its period (a Sunday,
//!   the last day of a month).
//! - `holdout`: the last `holdout` periods of the history (the period of the end of the
//!   observation and the `holdout - 1` before it) are held out: BG/NBD is refitted on the
//!   periods before them and its predictions compared with what happened in them, and
//!   they give the churn labels (see [`super::churn`]).
//! - `horizon`: expected purchases and CLV are for the next `horizon` periods.
//! - `discount_rate`: yearly; a period's rate is `(1 + rate)^(days per period / 365.25) - 1`.
//! - `penalizer`: lifetimes' `penalizer_coef`: `penalizer * Σ θ²` is added to the mean
//!   negative log-likelihood of BG/NBD and Gamma-Gamma (θ their parameters, BG/NBD's
//!   alpha in lifetimes' rescaled time where the oldest customer's T is 1). The logistic
//!   regression adds the same `penalizer * Σ w²` to its mean log-loss, which is
//!   scikit-learn's `LogisticRegression(C = 1 / (2 n penalizer))` for `n` training
//!   customers; with a penalizer of 0 it uses scikit-learn's default `C = 1`.
//! - `valuable_share`: the share of customers, by spend so far, whose churn risk is
//!   listed. Spend, not predicted CLV: a customer slipping away has a low predicted CLV
//!   by construction (BG/NBD discounts it by the probability alive), so ranking by it
//!   would leave out exactly the customers the list is for.

use super::{Settings, TimeUnit, Weeks};
use crate::control::Interrupted;
use crate::orders::{Orders, day_of};

/// Why the value analysis could not run. Messages are for the user.
#[derive(Debug, thiserror::Error)]
pub enum ValueError {
    /// The computation was cancelled or superseded.
    #[error(transparent)]
    Interrupted(#[from] Interrupted),
    /// No customer has a purchase.
    #[error(
        "there are no purchases to value (returns and cancellations do not count); load a \
         transaction log with a customer and a date column"
    )]
    NoPurchases,
    /// The holdout is zero.
    #[error("the holdout must be at least 1 {0}")]
    ZeroHoldout(&'static str),
    /// The horizon is zero.
    #[error("the horizon must be at least 1 {0}")]
    ZeroHorizon(&'static str),
    /// The holdout or horizon is too long to be meaningful.
    #[error("{what} of {value} {unit} is too long; choose at most {max}")]
    TooLong {
        /// "the holdout", "the horizon".
        what: &'static str,
        /// The value given.
        value: u32,
        /// The unit.
        unit: &'static str,
        /// The largest accepted.
        max: u32,
    },
    /// A discount rate that is not a number from 0 up to 1.
    #[error("the yearly discount rate must be a number from 0 to 1 (0.1 is 10%), not {0}")]
    DiscountRate(f64),
    /// A negative or non-finite penalizer.
    #[error("the penalizer must be a number of 0 or more, not {0}")]
    Penalizer(f64),
    /// A share outside (0, 1].
    #[error("the share of valuable customers must be above 0 and at most 1, not {0}")]
    ValuableShare(f64),
    /// The end of the observation is before the first purchase.
    #[error(
        "the observation cannot end on {until}, before the first purchase (on {first}); \
         choose {first} or a later day"
    )]
    UntilBeforeFirstPurchase {
        /// The end asked for (YYYY-MM-DD).
        until: String,
        /// The day of the first purchase (YYYY-MM-DD).
        first: String,
    },
}

/// Settings that passed [`check`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Checked {
    /// The time unit.
    pub unit: TimeUnit,
    /// How weeks are counted.
    pub weeks: Weeks,
    /// The periods purchases are grouped in: the unit, or days for weeks of 7 days.
    pub grouping: TimeUnit,
    /// Periods of `grouping` in one unit: 7 for weeks of 7 days, 1 otherwise.
    pub per_unit: u32,
    /// Periods held out.
    pub holdout: u32,
    /// Periods predicted.
    pub horizon: u32,
    /// Yearly discount rate.
    pub yearly_discount: f64,
    /// Discount rate per period.
    pub period_discount: f64,
    /// lifetimes' `penalizer_coef`.
    pub penalizer: f64,
    /// Top share by value.
    pub valuable_share: f64,
    /// The last day observed (days since 1970-01-01), if not the last purchase's.
    pub until: Option<i64>,
}

impl Checked {
    /// The holdout in periods of [`Self::grouping`].
    pub fn holdout_periods(&self) -> u32 {
        self.holdout * self.per_unit
    }
}

/// Days in a period of `unit` (a month is a twelfth of 365.25 days).
pub fn days_per_period(unit: TimeUnit) -> f64 {
    match unit {
        TimeUnit::Days => 1.0,
        TimeUnit::Weeks => 7.0,
        TimeUnit::Months => 365.25 / 12.0,
    }
}

/// The longest holdout or horizon accepted: ten years.
pub fn max_periods(unit: TimeUnit) -> u32 {
    match unit {
        TimeUnit::Days => 3653,
        TimeUnit::Weeks => 522,
        TimeUnit::Months => 120,
    }
}

/// A day (days since 1970-01-01) as YYYY-MM-DD.
pub fn date(day: i64) -> String {
    chrono::DateTime::from_timestamp(day.saturating_mul(crate::orders::DAY), 0)
        .map(|d| d.date_naive().to_string())
        .unwrap_or_default()
}

/// Checks the settings once, against the purchases of `orders` (the end of the
/// observation must not come before the first).
pub fn check(settings: &Settings, orders: &Orders) -> Result<Checked, ValueError> {
    let unit = settings.unit;
    let singular = match unit {
        TimeUnit::Days => "day",
        TimeUnit::Weeks => "week",
        TimeUnit::Months => "month",
    };
    if settings.holdout == 0 {
        return Err(ValueError::ZeroHoldout(singular));
    }
    if settings.horizon == 0 {
        return Err(ValueError::ZeroHorizon(singular));
    }
    let max = max_periods(unit);
    for (what, value) in [
        ("the holdout", settings.holdout),
        ("the horizon", settings.horizon),
    ] {
        if value > max {
            return Err(ValueError::TooLong {
                what,
                value,
                unit: unit.label(),
                max,
            });
        }
    }
    let rate = settings.discount_rate;
    if !(0.0..=1.0).contains(&rate) {
        return Err(ValueError::DiscountRate(rate));
    }
    if !(settings.penalizer.is_finite() && settings.penalizer >= 0.0) {
        return Err(ValueError::Penalizer(settings.penalizer));
    }
    let share = settings.valuable_share;
    if !(share > 0.0 && share <= 1.0) {
        return Err(ValueError::ValuableShare(share));
    }
    if let Some(until) = settings.until {
        let first = orders.purchases().map(|i| day_of(orders.date[i])).min();
        if let Some(first) = first.filter(|first| until < *first) {
            return Err(ValueError::UntilBeforeFirstPurchase {
                until: date(until),
                first: date(first),
            });
        }
    }
    let (grouping, per_unit) = match (unit, settings.weeks) {
        (TimeUnit::Weeks, Weeks::SevenDays) => (TimeUnit::Days, 7),
        _ => (unit, 1),
    };
    Ok(Checked {
        unit,
        weeks: settings.weeks,
        grouping,
        per_unit,
        holdout: settings.holdout,
        horizon: settings.horizon,
        yearly_discount: rate,
        period_discount: (1.0 + rate).powf(days_per_period(unit) / 365.25) - 1.0,
        penalizer: settings.penalizer,
        valuable_share: share,
        until: settings.until,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(change: impl FnOnce(&mut Settings)) -> String {
        let mut s = Settings::default();
        change(&mut s);
        let orders = Orders::from_csv("customer,date,amount\na,2024-01-02,5\nb,2024-03-01,7\n");
        check(&s, &orders)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn every_bad_field_gets_its_message() {
        assert_eq!(
            refused(|s| s.holdout = 0),
            "the holdout must be at least 1 week"
        );
        assert_eq!(
            refused(|s| s.horizon = 0),
            "the horizon must be at least 1 week"
        );
        assert!(refused(|s| s.horizon = 1000).contains("the horizon of 1000 weeks is too long"));
        assert!(refused(|s| s.discount_rate = -0.1).contains("from 0 to 1"));
        assert!(refused(|s| s.discount_rate = f64::NAN).contains("from 0 to 1"));
        assert!(refused(|s| s.penalizer = -1.0).contains("0 or more"));
        assert!(refused(|s| s.valuable_share = 0.0).contains("above 0"));
        assert!(refused(|s| s.valuable_share = 1.5).contains("at most 1"));
        // 2024-01-01 is day 19723.
        assert_eq!(
            refused(|s| s.until = Some(19723)),
            "the observation cannot end on 2024-01-01, before the first purchase (on \
             2024-01-02); choose 2024-01-02 or a later day"
        );
        assert_eq!(refused(|s| s.until = Some(19724)), "");
        assert_eq!(
            refused(|s| s.until = Some(30000)),
            "",
            "after the data is fine"
        );
    }

    #[test]
    fn the_yearly_rate_compounds_to_the_period() {
        let orders = Orders::default();
        let c = check(
            &Settings {
                unit: TimeUnit::Months,
                discount_rate: 0.1,
                ..Settings::default()
            },
            &orders,
        )
        .expect("valid");
        assert!(((1.0 + c.period_discount).powi(12) - 1.1).abs() < 1e-12);
        let d = check(&Settings::default(), &orders).expect("valid");
        assert!(((1.0 + d.period_discount).powf(365.25 / 7.0) - 1.1).abs() < 1e-12);
    }
}

//! The whole value analysis in one call (see the module documentation of
//! [`super`]).

use super::bgnbd::{self, Patterns};
use super::churn::{self, FEATURES, Window};
use super::gamma_gamma;
use super::logistic::{Logistic, Scaler, c_of};
use super::loyalty::{self, Linear};
use super::metrics;
use super::params::{Checked, date, days_per_period};
use super::refit;
use super::rfm::{self, Histories, Rfm, last_day_of_period};
use super::simple_clv::simple_clv;
use super::tree::{Growth, Tree};
use super::{
    AtRisk, BgNbdFit, Bin, ChurnSummary, CustomerValue, HoldoutRow, LoyaltySummary, MatrixSummary,
    SimpleClv, TimeUnit, ValueAnalysis, ValueError, ValueSummary, periods_in_words,
};
use crate::control::{Control, Interrupted, Progress, Stage};
use crate::orders::{AmountSource, Orders};
use rustc_hash::FxHashMap;

/// Expected purchases, probability alive and the discounted CLV increments of one
/// (frequency, recency, T).
type Prediction = (f64, f64, Vec<f64>);

/// Customers between checkpoints while predicting.
const CHUNK: usize = 4096;
/// Cells per matrix side at most: 16 x 16 cells stay legible beside each other on a laptop.
const GRID: usize = 16;
/// Bins of the CLV histogram.
const BINS: usize = 20;
/// Rows of the at-risk list at most.
const AT_RISK: usize = 200;
/// The last holdout row gathers the customers with this many calibration repeat
/// purchases or more.
const HOLDOUT_ROWS: u32 = 20;
/// Fewest customers a churn window must have (with both outcomes present).
const MIN_CHURN: usize = 20;
/// Fewest periods before the holdout for the holdout check, churn and loyalty.
const MIN_CALIBRATION: i64 = 2;
/// The decision tree's growth.
const TREE: Growth = Growth {
    max_depth: 4,
    min_leaf: 10,
};

fn singular(unit: TimeUnit) -> &'static str {
    match unit {
        TimeUnit::Days => "day",
        TimeUnit::Weeks => "week",
        TimeUnit::Months => "month",
    }
}

/// `n` periods in words: "1 week", "3 weeks".
fn periods(n: i64, unit: TimeUnit) -> String {
    if n == 1 {
        format!("1 {}", singular(unit))
    } else {
        format!("{n} {}", unit.label())
    }
}

/// Why a holdout that leaves fewer than [`MIN_CALIBRATION`] periods before it is too
/// long for a history of `span` periods, and what holdout would do.
fn short_history_note(span: i64, holdout: i64, unit: TimeUnit) -> String {
    let most = span - MIN_CALIBRATION;
    if most < 1 {
        return format!(
            "The history is {}: too short to hold out the last periods to check the \
             predictions against them and to train the churn and loyalty models. Load a \
             longer history.",
            periods(span, unit)
        );
    }
    let left = span - holdout;
    format!(
        "The history is {}, and a holdout of {} leaves {} before it: choose a holdout of \
         at most {} to check the predictions and train the loyalty score, and of at most {} \
         to train the churn models.",
        periods(span, unit),
        periods(holdout, unit),
        if left > 0 {
            format!("only {}", periods(left, unit))
        } else {
            "nothing".to_owned()
        },
        periods(most, unit),
        periods((span - 1) / 2, unit),
    )
}

/// `text` with its first letter in lower case ("BG/NBD is" stays as it is).
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.clone().next()) {
        (Some(first), Some(second)) if !second.is_uppercase() && !second.is_ascii_punctuation() => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_owned(),
    }
}

/// The analysis.
pub(super) async fn run<C: Control>(
    orders: &Orders,
    s: &Checked,
    control: &mut C,
) -> Result<ValueAnalysis, ValueError> {
    let unit = s.unit;
    // The periods the purchases are grouped in (days for weeks of 7 days): every count
    // of periods below is in them; recency, T, the holdout and the horizon the models
    // and the user see are in the unit.
    let grouping = s.grouping;
    let histories = Histories::observed(orders, grouping, s.until, control).await?;
    if histories.customers.is_empty() {
        return Err(ValueError::NoPurchases);
    }
    let mut notes = orders.notes.clone();
    if histories.after_end > 0 {
        notes.push(format!(
            "The observation ends on {}: {} purchase lines after it are left out{}.",
            date(histories.last_day),
            histories.after_end,
            match histories.after_end_customers {
                0 => String::new(),
                1 => ", and the customer who first bought after it is not valued".to_owned(),
                n => format!(", and the {n} customers who first bought after it are not valued"),
            }
        ));
    }
    // Without a money column every line counts as 1: nothing can be said about value.
    let has_amounts = orders.amount_source != AmountSource::OnePerLine;
    if histories.returns > 0 {
        notes.push(format!(
            "{} return or cancellation lines are not purchases and are left out (spend is \
             before returns){}.",
            histories.returns,
            if histories.only_returns > 0 {
                format!(
                    "; {} customers with only returns are not valued",
                    histories.only_returns
                )
            } else {
                String::new()
            }
        ));
    }
    let observation = histories.last_period;
    let holdout = i64::from(s.holdout_periods());
    // Periods of history, and whether the holdout leaves enough of them before it.
    let span = observation - histories.first_period + 1;
    let calibrated = span - holdout >= MIN_CALIBRATION * i64::from(s.per_unit);
    // Never before the history: at most the whole history is held out.
    let calibration = (observation - holdout).max(histories.first_period - 1);
    let horizon = f64::from(s.horizon);

    let rfms: Vec<Rfm> = histories
        .customers
        .iter()
        .map(|h| {
            rfm::summary_at(h, observation)
                .unwrap_or_default()
                .in_units(s.per_unit)
        })
        .collect();
    let n = rfms.len();
    let repeat = rfms.iter().filter(|r| r.frequency > 0).count();
    let one_period = histories.first_period == histories.last_period;
    if n == 1 {
        notes.push(
            "There is only one customer: BG/NBD, Gamma-Gamma and the churn and loyalty models \
             learn from many customers, so only the summary is shown."
                .to_owned(),
        );
    }
    if one_period {
        notes.push(match grouping {
            TimeUnit::Days => "All purchases are on one day: there is no time over which \
                               customers could come back, so no model can be fitted. Load a \
                               longer history."
                .to_owned(),
            _ => format!(
                "All purchases fall in one {}: there is no time over which customers could \
                 come back, so no model can be fitted. Choose days as the unit or load a \
                 longer history.",
                singular(grouping)
            ),
        });
    } else if repeat == 0 {
        notes.push(format!(
            "No customer bought twice (in different {}): BG/NBD needs repeat customers to \
             learn how often customers buy, and Gamma-Gamma needs their spend.",
            grouping.label()
        ));
    }
    if n > 1 && !one_period && !calibrated {
        notes.push(short_history_note(span, holdout, grouping));
    }
    if !has_amounts {
        notes.push(
            "Predicted CLV, Gamma-Gamma and the simple CLV need an amount or price column, \
             so they are left out: without one every purchase line counts as 1, which is \
             not money. Expected purchases, the probability alive, churn risk and the \
             loyalty score need no amounts; the at-risk list takes the valuable customers \
             to be those with the most purchase lines."
                .to_owned(),
        );
    }

    let mut summary = ValueSummary {
        unit,
        weeks: (unit == TimeUnit::Weeks).then_some(s.weeks),
        periods: periods_in_words(unit, s.weeks).to_owned(),
        calibration_end: last_day_of_period(calibration, grouping),
        observation_end: histories.last_day,
        customers: n,
        repeat_customers: repeat,
        simple: {
            let mut simple = simple_clv_in_units(&histories, s);
            if !has_amounts {
                simple.average_order_value = f64::NAN;
                simple.clv = f64::NAN;
            }
            simple
        },
        horizon: s.horizon,
        ..ValueSummary::default()
    };
    let mut customers: Vec<CustomerValue> = histories
        .customers
        .iter()
        .zip(&rfms)
        .map(|(h, r)| CustomerValue {
            customer: h.customer,
            rfm: Rfm {
                monetary: if has_amounts { r.monetary } else { f64::NAN },
                ..*r
            },
            expected: f64::NAN,
            alive: f64::NAN,
            clv: f64::NAN,
            churn_risk: f64::NAN,
            loyalty: f64::NAN,
        })
        .collect();
    let can_model = n >= 2 && repeat > 0 && !one_period;

    // Why no model can be fitted at all, when none can (the notes above say more).
    let unmodelled = if n == 1 {
        Some("there is only one customer")
    } else if one_period {
        Some("all purchases fall in one period")
    } else if repeat == 0 {
        Some("no customer bought twice")
    } else {
        None
    };

    // BG/NBD on the whole history.
    let mut model: Option<bgnbd::Params> = None;
    if let Some(why) = unmodelled {
        summary.bgnbd_missing = Some(format!("BG/NBD cannot be fitted: {why}"));
    } else {
        let patterns = Patterns::new(rfms.iter().map(|r| (r.frequency, r.recency, r.t)));
        match refit::bgnbd(&patterns, s.penalizer, control).await? {
            Ok(trusted) => {
                notes.extend(trusted.refitted);
                model = Some(bgnbd::Params::from(&trusted.fit));
                summary.bgnbd = Some(trusted.fit);
            }
            Err(unavailable) => {
                notes.push(unavailable.note);
                summary.bgnbd_missing = Some(unavailable.reason);
            }
        }
    }

    // Gamma-Gamma on repeat customers with positive spend.
    let mut spend_model: Option<gamma_gamma::Params> = None;
    if !has_amounts {
        summary.gamma_gamma_missing =
            Some("Gamma-Gamma needs an amount or price column, which the log lacks".into());
    } else if let Some(why) = unmodelled {
        summary.gamma_gamma_missing = Some(format!("Gamma-Gamma cannot be fitted: {why}"));
    } else {
        let positive = rfms
            .iter()
            .filter(|r| r.frequency > 0 && r.monetary > 0.0)
            .count();
        if repeat > positive {
            notes.push(format!(
                "{} repeat customers whose repeat purchases are worth zero or less are left \
                 out of Gamma-Gamma (it models positive spend).",
                repeat - positive
            ));
        }
        if positive < 2 {
            notes.push(
                "Fewer than two repeat customers have a positive spend: Gamma-Gamma needs \
                 positive amounts (zero or negative amounts cannot be modelled), so no CLV is \
                 predicted."
                    .to_owned(),
            );
            summary.gamma_gamma_missing = Some(
                "Gamma-Gamma cannot be fitted: fewer than two repeat customers have a positive \
                 spend"
                    .into(),
            );
        } else {
            let rows: Vec<(u32, f64)> = rfms.iter().map(|r| (r.frequency, r.monetary)).collect();
            match refit::gamma_gamma(&rows, s.penalizer, control).await? {
                Ok(trusted) => {
                    notes.extend(trusted.refitted);
                    spend_model = Some(gamma_gamma::Params::from(&trusted.fit));
                    summary.gamma_gamma = Some(trusted.fit);
                }
                Err(unavailable) => {
                    notes.push(unavailable.note);
                    summary.gamma_gamma_missing = Some(unavailable.reason);
                }
            }
        }
    }

    // Predictions, once per (frequency, recency, T) pattern.
    if let Some(m) = model {
        let steps = clv_steps(unit, s.horizon);
        let mut cache: FxHashMap<(u32, u64, u64), Prediction> = FxHashMap::default();
        for (i, c) in customers.iter_mut().enumerate() {
            if i % CHUNK == 0 {
                control
                    .checkpoint(Progress {
                        stage: Stage::Predicting,
                        done: i as u64,
                        total: Some(n as u64),
                    })
                    .await?;
            }
            let r = c.rfm;
            let key = (r.frequency, r.recency.to_bits(), r.t.to_bits());
            let (expected, alive, increments) = cache.entry(key).or_insert_with(|| {
                let expected =
                    m.conditional_expected_purchases(horizon, r.frequency, r.recency, r.t);
                let alive = m.probability_alive(r.frequency, r.recency, r.t);
                let increments = if spend_model.is_some() {
                    gamma_gamma::discounted_increments(
                        &m,
                        (r.frequency, r.recency, r.t),
                        &steps,
                        s.period_discount,
                    )
                } else {
                    Vec::new()
                };
                (expected, alive, increments)
            });
            c.expected = *expected;
            c.alive = *alive;
            if let Some(g) = spend_model {
                let value = g.expected_average_profit(r.frequency, r.monetary);
                c.clv = value * increments.iter().sum::<f64>();
            }
        }
        let max_f = rfms.iter().map(|r| r.frequency).max().unwrap_or(0);
        let max_t = rfms.iter().map(|r| r.t).fold(0.0, f64::max);
        summary.expected = Some(matrix(
            format!(
                "Expected purchases in the next {} {}",
                s.horizon,
                unit.label()
            ),
            max_f,
            max_t,
            |x, rec| m.conditional_expected_purchases(horizon, x, rec, max_t),
        ));
        summary.alive = Some(matrix(
            "Probability alive".to_owned(),
            max_f,
            max_t,
            |x, rec| m.probability_alive(x, rec, max_t),
        ));
    }
    if model.is_some() && spend_model.is_some() {
        let clvs: Vec<f64> = customers
            .iter()
            .map(|c| c.clv)
            .filter(|v| v.is_finite())
            .collect();
        if clvs.is_empty() {
            summary.clv_missing =
                Some("the models gave no customer a predicted value that is a number".to_owned());
        } else {
            if clvs.len() < customers.len() {
                notes.push(format!(
                    "The models gave {} customers a predicted value that is not a number: they \
                     are left out of the total and the distribution.",
                    customers.len() - clvs.len()
                ));
            }
            summary.total_clv = Some(clvs.iter().sum());
            summary.clv_histogram = histogram(&clvs);
        }
    } else {
        summary.clv_missing = if has_amounts {
            summary
                .bgnbd_missing
                .clone()
                .or_else(|| summary.gamma_gamma_missing.clone())
        } else {
            Some("the log has no amount or price column".to_owned())
        };
    }

    // Predicted against actual in the holdout, BG/NBD refitted on the calibration period.
    if can_model && calibrated {
        summary.holdout_check =
            holdout_check(&histories, calibration, observation, s, &mut notes, control).await?;
    }

    // Churn and loyalty.
    if n > 1 && !one_period && calibrated {
        summary.churn = churn_models(
            &histories,
            &orders.customer_names,
            &mut customers,
            has_amounts,
            s,
            calibration,
            &mut notes,
            control,
        )
        .await?;
        summary.loyalty = loyalty_model(
            &histories,
            &mut customers,
            s,
            calibration,
            &mut notes,
            control,
        )
        .await?;
    }
    summary.notes = notes;
    Ok(ValueAnalysis { summary, customers })
}

/// The simple CLV formula, its rates per unit: computed on the periods purchases are
/// grouped in (days for weeks of 7 days, over as many of them as the horizon has), its
/// frequency and retention then said per unit.
fn simple_clv_in_units(histories: &Histories, s: &Checked) -> SimpleClv {
    if s.per_unit == 1 {
        return simple_clv(histories, s.holdout, s.horizon, s.period_discount);
    }
    let per_period = (1.0 + s.yearly_discount).powf(days_per_period(s.grouping) / 365.25) - 1.0;
    let per_unit = f64::from(s.per_unit);
    let simple = simple_clv(
        histories,
        s.holdout_periods(),
        s.horizon * s.per_unit,
        per_period,
    );
    SimpleClv {
        purchase_frequency: simple.purchase_frequency * per_unit,
        retention_rate: simple.retention_rate.powf(per_unit),
        periods: s.horizon,
        discount_rate: s.period_discount,
        ..simple
    }
}

/// The ends of the CLV steps, in periods: one period each, 30 days when the unit is days
/// (lifetimes' monthly steps), the last one at the horizon.
fn clv_steps(unit: TimeUnit, horizon: u32) -> Vec<f64> {
    let step = if unit == TimeUnit::Days { 30 } else { 1 };
    let mut steps: Vec<f64> = (1..=horizon / step).map(|i| f64::from(i * step)).collect();
    if !horizon.is_multiple_of(step) {
        steps.push(f64::from(horizon));
    }
    steps
}

/// At most [`GRID`] values from 0 to `max`, whole numbers.
fn grid(max: f64) -> Vec<f64> {
    let max = max.max(0.0).round();
    if max + 1.0 <= GRID as f64 {
        (0..=max as usize).map(|v| v as f64).collect()
    } else {
        let mut values: Vec<f64> = (0..GRID)
            .map(|i| (max * i as f64 / (GRID - 1) as f64).round())
            .collect();
        values.dedup();
        values
    }
}

/// A frequency (columns) by recency (rows) matrix at T = the oldest customer's T, as
/// lifetimes' matrix plots draw it.
fn matrix(title: String, max_f: u32, max_t: f64, cell: impl Fn(u32, f64) -> f64) -> MatrixSummary {
    let frequencies = grid(f64::from(max_f));
    let recencies = grid(max_t);
    let values = recencies
        .iter()
        .map(|&rec| frequencies.iter().map(|&x| cell(x as u32, rec)).collect())
        .collect();
    MatrixSummary {
        title,
        frequencies,
        recencies,
        values,
    }
}

/// [`BINS`] equal bins from the smallest value to the 99th percentile; the last bin also
/// holds the values above it.
fn histogram(values: &[f64]) -> Vec<Bin> {
    if values.is_empty() {
        return Vec::new();
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let low = sorted[0].min(0.0);
    let high = sorted[((sorted.len() - 1) * 99) / 100].max(low + 1e-9);
    let width = (high - low) / BINS as f64;
    let mut bins: Vec<Bin> = (0..BINS)
        .map(|i| Bin {
            from: low + width * i as f64,
            to: low + width * (i + 1) as f64,
            customers: 0,
        })
        .collect();
    for v in sorted {
        let i = (((v - low) / width) as usize).min(BINS - 1);
        bins[i].customers += 1;
    }
    bins
}

async fn holdout_check<C: Control>(
    histories: &Histories,
    calibration: i64,
    observation: i64,
    s: &Checked,
    notes: &mut Vec<String>,
    control: &mut C,
) -> Result<Vec<HoldoutRow>, ValueError> {
    let mut rows = rfm::calibration_and_holdout(histories, calibration, observation);
    for row in &mut rows {
        row.calibration = row.calibration.in_units(s.per_unit);
        row.duration_holdout /= f64::from(s.per_unit);
    }
    let repeat = rows.iter().filter(|r| r.calibration.frequency > 0).count();
    let spans = rows.iter().any(|r| r.calibration.t > 0.0);
    if rows.len() < 2 || repeat == 0 || !spans {
        notes.push(format!(
            "The {} {} before the holdout hold too little history (customers who bought \
             twice by then) to refit BG/NBD and check it against the holdout: choose a \
             shorter holdout or load a longer history.",
            calibration - histories.first_period + 1,
            s.grouping.label()
        ));
        return Ok(Vec::new());
    }
    let patterns = Patterns::new(rows.iter().map(|r| {
        (
            r.calibration.frequency,
            r.calibration.recency,
            r.calibration.t,
        )
    }));
    let fit: BgNbdFit = match refit::bgnbd(&patterns, s.penalizer, control).await? {
        Ok(trusted) => {
            if let Some(note) = trusted.refitted {
                notes.push(format!(
                    "For the holdout check (the calibration period): {note}"
                ));
            }
            trusted.fit
        }
        Err(unavailable) => {
            notes.push(format!(
                "The holdout check is left out: on the calibration period, {}",
                lowercase_first(&unavailable.note)
            ));
            return Ok(Vec::new());
        }
    };
    let m = bgnbd::Params::from(&fit);
    let mut groups: Vec<(usize, f64, f64)> = vec![(0, 0.0, 0.0); HOLDOUT_ROWS as usize + 1];
    for r in &rows {
        let c = r.calibration;
        let g = &mut groups[c.frequency.min(HOLDOUT_ROWS) as usize];
        g.0 += 1;
        g.1 += m.conditional_expected_purchases(r.duration_holdout, c.frequency, c.recency, c.t);
        g.2 += f64::from(r.frequency_holdout);
    }
    Ok(groups
        .into_iter()
        .enumerate()
        .filter(|(_, g)| g.0 > 0)
        .map(|(f, (count, predicted, actual))| HoldoutRow {
            frequency: f as u32,
            customers: count,
            predicted: predicted / count as f64,
            actual: actual / count as f64,
        })
        .collect())
}

fn usable(w: &Window) -> bool {
    let churned = w.churned.iter().filter(|c| **c).count();
    w.x.len() >= MIN_CHURN && churned > 0 && churned < w.x.len()
}

/// A checkpoint of `stage` at `done` of `total`.
async fn step<C: Control>(
    control: &mut C,
    stage: Stage,
    done: usize,
    total: usize,
) -> Result<(), Interrupted> {
    control
        .checkpoint(Progress {
            stage,
            done: done as u64,
            total: Some(total as u64),
        })
        .await
}

/// Every customer's features at the end of the data scored by `score`, with a
/// checkpoint every [`CHUNK`] customers.
async fn score_everyone<C: Control>(
    histories: &Histories,
    customers: &mut [CustomerValue],
    window: u32,
    control: &mut C,
    mut score: impl FnMut(&mut CustomerValue, &[f64]),
) -> Result<(), Interrupted> {
    let n = customers.len();
    for (i, (c, hist)) in customers.iter_mut().zip(&histories.customers).enumerate() {
        if i % CHUNK == 0 {
            step(control, Stage::Predicting, i, n).await?;
        }
        if let Some(f) = churn::features_at(hist, histories.last_period, window) {
            score(c, &f);
        }
    }
    Ok(())
}

// The analysis's state, passed down as it is.
#[allow(clippy::too_many_arguments)]
async fn churn_models<C: Control>(
    histories: &Histories,
    names: &[String],
    customers: &mut [CustomerValue],
    has_amounts: bool,
    s: &Checked,
    calibration: i64,
    notes: &mut Vec<String>,
    control: &mut C,
) -> Result<Option<ChurnSummary>, Interrupted> {
    // The window in periods, and as the user gave it.
    let (window, h) = (s.holdout_periods(), s.holdout);
    let earlier = calibration - i64::from(window);
    let label = s.unit.label();
    // Fitting stages: the two windows, the logistic regression, the tree's levels, the
    // refit on the latest window.
    let stages = 4 + TREE.max_depth + 1;
    step(control, Stage::Fitting, 0, stages).await?;
    let train = churn::window(&histories.customers, earlier, window);
    let test = churn::window(&histories.customers, calibration, window);
    if earlier < histories.first_period || !usable(&train) || !usable(&test) {
        notes.push(format!(
            "Churn models need two windows of {h} {label} after some history (train on one, \
             test on the next), each with at least {MIN_CHURN} customers of whom some bought \
             again and some did not; these data have {} of history. Choose a shorter holdout \
             or load a longer history.",
            periods(
                histories.last_period - histories.first_period + 1,
                s.grouping
            )
        ));
        return Ok(None);
    }
    step(control, Stage::Fitting, 1, stages).await?;
    let scaler = Scaler::fit(&train.x);
    let xs: Vec<Vec<f64>> = train.x.iter().map(|r| scaler.apply(r)).collect();
    let c = c_of(s.penalizer, xs.len());
    let logistic = Logistic::fit(&xs, &train.churned, c, control).await?;
    step(control, Stage::Fitting, 2, stages).await?;
    let tree = Tree::fit(&train.x, &train.churned, TREE, control).await?;
    step(control, Stage::Fitting, 3 + TREE.max_depth, stages).await?;
    let test_x: Vec<Vec<f64>> = test.x.iter().map(|r| scaler.apply(r)).collect();
    let lr_risk: Vec<f64> = test_x.iter().map(|r| logistic.predict(r)).collect();
    let tree_risk: Vec<f64> = test.x.iter().map(|r| tree.predict(r)).collect();
    let models = vec![
        metrics::score("Logistic regression", &lr_risk, &test.churned),
        metrics::score("Decision tree", &tree_risk, &test.churned),
    ];

    // Refit on the latest window and score everyone's features at the end.
    step(control, Stage::Fitting, 4 + TREE.max_depth, stages).await?;
    let latest_scaler = Scaler::fit(&test.x);
    let latest_x: Vec<Vec<f64>> = test.x.iter().map(|r| latest_scaler.apply(r)).collect();
    let latest_c = c_of(s.penalizer, latest_x.len());
    let latest = Logistic::fit(&latest_x, &test.churned, latest_c, control).await?;
    score_everyone(histories, customers, window, control, |c, f| {
        c.churn_risk = latest.predict(&latest_scaler.apply(f));
    })
    .await?;
    // At risk: riskier than the test window's churn rate.
    let base_rate = test.churned.iter().filter(|c| **c).count() as f64 / test.x.len() as f64;
    let mut by_value: Vec<usize> = (0..customers.len()).collect();
    // Valuable by what they have spent (without amounts, by purchase lines): predicted
    // CLV is already discounted by the probability alive, so it ranks the customers
    // slipping away low (see `params`).
    let spend = |i: usize| histories.customers[i].total_spend;
    by_value.sort_by(|&a, &b| spend(b).total_cmp(&spend(a)));
    let valuable = ((customers.len() as f64 * s.valuable_share).ceil() as usize).max(1);
    let mut at_risk: Vec<usize> = by_value[..valuable.min(by_value.len())]
        .iter()
        .copied()
        .filter(|&i| customers[i].churn_risk > base_rate)
        .collect();
    at_risk.sort_by(|&a, &b| customers[b].churn_risk.total_cmp(&customers[a].churn_risk));
    at_risk.truncate(AT_RISK);
    let at_risk = at_risk
        .into_iter()
        .map(|i| {
            let hist = &histories.customers[i];
            AtRisk {
                customer: names
                    .get(customers[i].customer as usize)
                    .cloned()
                    .unwrap_or_default(),
                risk: customers[i].churn_risk,
                clv: customers[i].clv,
                orders: hist.orders,
                spend: if has_amounts {
                    hist.total_spend
                } else {
                    f64::NAN
                },
                days_since: histories.last_day - hist.last_day,
            }
        })
        .collect();
    Ok(Some(ChurnSummary {
        definition: format!(
            "A customer has churned when they make no purchase in the {h} {label} after the \
             day their features are taken. Trained on features at the end of {} (churn in \
             the {h} {label} after), tested on features {h} {label} later. Valuable customers \
             (the top {:.0}% by {}) are at risk when their risk is above the test window's \
             churn rate.",
            date(last_day_of_period(earlier, s.grouping)),
            s.valuable_share * 100.0,
            if has_amounts {
                "spend so far"
            } else {
                "purchase lines so far, as the log has no amounts"
            }
        ),
        features: FEATURES.iter().map(|f| (*f).to_owned()).collect(),
        train: train.x.len(),
        test: test.x.len(),
        churn_rate: base_rate,
        models,
        coefficients: FEATURES
            .iter()
            .map(|f| (*f).to_owned())
            .zip(logistic.coef.iter().copied())
            .collect(),
        at_risk,
    }))
}

async fn loyalty_model<C: Control>(
    histories: &Histories,
    customers: &mut [CustomerValue],
    s: &Checked,
    calibration: i64,
    notes: &mut Vec<String>,
    control: &mut C,
) -> Result<Option<LoyaltySummary>, Interrupted> {
    // The window in periods, and as the user gave it.
    let (window, h) = (s.holdout_periods(), s.holdout);
    let label = s.unit.label();
    step(control, Stage::Fitting, 0, 2).await?;
    let w = churn::window(&histories.customers, calibration, window);
    let (train, test) = loyalty::split(w.x.len());
    step(control, Stage::Fitting, 1, 2).await?;
    let fitted = if test.len() >= 2 && train.len() >= FEATURES.len() + 2 {
        let x: Vec<Vec<f64>> = train.iter().map(|&i| w.x[i].clone()).collect();
        let y: Vec<f64> = train.iter().map(|&i| w.next_purchases[i]).collect();
        Linear::fit(&x, &y)
    } else {
        None
    };
    let Some(model) = fitted else {
        notes.push(format!(
            "The loyalty score needs at least {} customers who bought before the last {h} \
             {label}; there are {}.",
            FEATURES.len() + 4,
            w.x.len()
        ));
        return Ok(None);
    };
    let predicted: Vec<f64> = test.iter().map(|&i| model.predict(&w.x[i])).collect();
    let actual: Vec<f64> = test.iter().map(|&i| w.next_purchases[i]).collect();
    let (rmse, r2) = loyalty::errors(&predicted, &actual);
    score_everyone(histories, customers, window, control, |c, f| {
        c.loyalty = model.predict(f);
    })
    .await?;
    Ok(Some(LoyaltySummary {
        target: format!(
            "{} with a purchase in the next {h} {label} (a linear regression on the churn \
             features)",
            s.grouping.label()
        ),
        coefficients: FEATURES
            .iter()
            .map(|f| (*f).to_owned())
            .zip(model.coef.iter().copied())
            .collect(),
        intercept: model.intercept,
        train: train.len(),
        test: test.len(),
        test_rmse: rmse,
        test_r2: r2,
    }))
}

//! RFM summaries identical; parameters within 1e-5 relative of lifetimes' (they agree to
//! 2e-6; the issue asks for 1%); predictions at our parameters within 1e-5 (CLV 1e-4
//! relative, as the issue asks) and at lifetimes' own parameters within 1e-10; logistic
//! coefficients within 1e-6 of scikit-learn's.

use crm_lens::control::Unattended;
use crm_lens::orders::{DAY, Orders};
use crm_lens::value::bgnbd::{self, Patterns};
use crm_lens::value::gamma_gamma;
use crm_lens::value::logistic::Logistic;
use crm_lens::value::rfm::{self, Histories};
use crm_lens::value::{BgNbdFit, GammaGammaFit, TimeUnit};
use serde_json::Value;
use std::collections::HashMap;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/value");

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{name}")).expect("fixture")
}

/// A CSV of the fixtures: the first column (an id) and the named number columns.
fn table(name: &str) -> (Vec<String>, HashMap<String, Vec<f64>>) {
    let text = read(name);
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .expect("header")
        .split(',')
        .map(str::to_owned)
        .collect();
    let mut ids = Vec::new();
    let mut columns: HashMap<String, Vec<f64>> = HashMap::new();
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        ids.push(cells[0].to_owned());
        for (h, c) in header.iter().zip(&cells).skip(1) {
            columns
                .entry(h.clone())
                .or_default()
                .push(c.parse().expect("number"));
        }
    }
    (ids, columns)
}

/// The CDNOW sample as a transaction log: one order per line.
fn cdnow() -> Orders {
    let mut o = Orders::default();
    let mut ids: HashMap<String, u32> = HashMap::new();
    for line in read("CDNOW_sample.txt").lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        let next = ids.len() as u32;
        let c = *ids.entry(f[0].to_owned()).or_insert_with(|| {
            o.customer_names.push(f[0].to_owned());
            next
        });
        let date = chrono::NaiveDate::parse_from_str(f[2], "%Y%m%d").expect("date");
        let day = (date - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch")).num_days();
        o.customer.push(c);
        o.order.push(o.order_count);
        o.order_count += 1;
        o.date.push(day * DAY);
        o.quantity.push(f[3].parse().expect("quantity"));
        o.amount.push(f[4].parse().expect("amount"));
        o.returned.push(false);
    }
    o
}

fn models() -> Value {
    serde_json::from_str(&read("models.json")).expect("json")
}

fn num(v: &Value) -> f64 {
    v.as_f64().expect("number")
}

fn relative(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}

/// Our summaries of every customer at the end of the data, by id.
fn summaries(orders: &Orders, unit: TimeUnit) -> (Histories, HashMap<String, rfm::Rfm>) {
    summaries_until(orders, unit, None)
}

/// Our summaries of every customer at the end of the observation, `until` or the end
/// of the data, by id.
fn summaries_until(
    orders: &Orders,
    unit: TimeUnit,
    until: Option<i64>,
) -> (Histories, HashMap<String, rfm::Rfm>) {
    let h = pollster::block_on(Histories::observed(orders, unit, until, &mut Unattended))
        .expect("not interrupted");
    let map = h
        .customers
        .iter()
        .map(|c| {
            (
                orders.customer_names[c.customer as usize].clone(),
                rfm::summary_at(c, h.last_period).expect("bought"),
            )
        })
        .collect();
    (h, map)
}

/// The day lifetimes' `observation_period_end` is 1998-03-29 in the fixtures
/// (`models.json`'s `until_days`), a Sunday, as days since 1970-01-01.
fn until_day() -> i64 {
    let end = models()["until_days"]["observation_period_end"]
        .as_str()
        .expect("a date")
        .to_owned();
    let date = chrono::NaiveDate::parse_from_str(&end, "%Y-%m-%d").expect("date");
    (date - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch")).num_days()
}

#[test]
fn rfm_summary_is_lifetimes_summary_in_days_and_weeks() {
    let orders = cdnow();
    for (unit, until, file) in [
        (TimeUnit::Days, None, "summary_days.csv"),
        (TimeUnit::Weeks, None, "summary_weeks.csv"),
        (TimeUnit::Days, Some(until_day()), "summary_until_days.csv"),
        (
            TimeUnit::Weeks,
            Some(until_day()),
            "summary_until_weeks.csv",
        ),
    ] {
        let (_, ours) = summaries_until(&orders, unit, until);
        let (ids, cols) = table(file);
        assert_eq!(ours.len(), ids.len());
        for (i, id) in ids.iter().enumerate() {
            let r = ours[id];
            assert_eq!(f64::from(r.frequency), cols["frequency"][i], "{id} {file}");
            assert_eq!(r.recency, cols["recency"][i], "{id} {file}");
            assert_eq!(r.t, cols["T"][i], "{id} {file}");
            assert!(
                relative(r.monetary, cols["monetary_value"][i]).max(0.0) < 1e-12
                    || r.monetary == cols["monetary_value"][i],
                "{id} {file}"
            );
        }
    }
}

#[test]
fn calibration_and_holdout_is_lifetimes() {
    let orders = cdnow();
    let m = models();
    let holdout = num(&m["holdout_days"]) as i64;
    let h = pollster::block_on(Histories::from_orders(
        &orders,
        TimeUnit::Days,
        &mut Unattended,
    ))
    .expect("not interrupted");
    let rows = rfm::calibration_and_holdout(&h, h.last_period - holdout, h.last_period);
    let (ids, cols) = table("calibration_holdout.csv");
    assert_eq!(rows.len(), ids.len());
    let ours: HashMap<&str, &rfm::CalibrationRow> = rows
        .iter()
        .map(|r| {
            (
                orders.customer_names[h.customers[r.index].customer as usize].as_str(),
                r,
            )
        })
        .collect();
    for (i, id) in ids.iter().enumerate() {
        let r = ours[id.as_str()];
        assert_eq!(f64::from(r.calibration.frequency), cols["frequency_cal"][i]);
        assert_eq!(r.calibration.recency, cols["recency_cal"][i]);
        assert_eq!(r.calibration.t, cols["T_cal"][i]);
        assert!((r.calibration.monetary - cols["monetary_value_cal"][i]).abs() < 1e-9);
        assert_eq!(f64::from(r.frequency_holdout), cols["frequency_holdout"][i]);
        assert_eq!(r.duration_holdout, cols["duration_holdout"][i]);
    }
}

/// BG/NBD on the summaries up to 1998-03-29 (`--until`) is lifetimes' with
/// `observation_period_end` (the purchases after it are left out).
#[test]
fn bgnbd_up_to_a_day_is_lifetimes_within_1e_5() {
    let orders = cdnow();
    let (h, ours) = summaries_until(&orders, TimeUnit::Days, Some(until_day()));
    assert!(h.after_end > 0, "lines after the end are left out");
    assert_eq!(h.last_day, until_day());
    let patterns = Patterns::new(ours.values().map(|r| (r.frequency, r.recency, r.t)));
    let bg = pollster::block_on(bgnbd::fit(&patterns, 0.0, &mut Unattended))
        .expect("not interrupted")
        .expect("converges");
    let b = &models()["until_days"]["bgnbd"];
    for (name, ours) in [("r", bg.r), ("alpha", bg.alpha), ("a", bg.a), ("b", bg.b)] {
        let theirs = num(&b[name]);
        assert!(
            relative(ours, theirs) < 1e-5,
            "{name}: {ours} vs lifetimes' {theirs}"
        );
    }
}

/// Weeks of 7 days (`--unit 7-days`) are lifetimes' `freq='D', freq_multiplier=7`:
/// purchases grouped per day, recency and T in days / 7; the summaries and the
/// calibration/holdout split are identical, BG/NBD within 1e-5 (its alpha is the daily
/// one over 7).
#[test]
fn weeks_of_seven_days_are_lifetimes_freq_multiplier_7() {
    let orders = cdnow();
    let (h, days) = summaries(&orders, TimeUnit::Days);
    let ours: HashMap<&String, rfm::Rfm> = days.iter().map(|(id, r)| (id, r.in_units(7))).collect();
    let (ids, cols) = table("summary_7days.csv");
    assert_eq!(ours.len(), ids.len());
    for (i, id) in ids.iter().enumerate() {
        let r = ours[id];
        assert_eq!(f64::from(r.frequency), cols["frequency"][i], "{id}");
        assert_eq!(r.recency, cols["recency"][i], "{id}");
        assert_eq!(r.t, cols["T"][i], "{id}");
    }

    let m = models();
    let weeks = num(&m["seven_days"]["holdout_weeks"]) as i64;
    let rows = rfm::calibration_and_holdout(&h, h.last_period - 7 * weeks, h.last_period);
    let (ids, cols) = table("calibration_holdout_7days.csv");
    assert_eq!(rows.len(), ids.len());
    let by_id: HashMap<&str, &rfm::CalibrationRow> = rows
        .iter()
        .map(|r| {
            (
                orders.customer_names[h.customers[r.index].customer as usize].as_str(),
                r,
            )
        })
        .collect();
    for (i, id) in ids.iter().enumerate() {
        let r = by_id[id.as_str()];
        let c = r.calibration.in_units(7);
        assert_eq!(f64::from(c.frequency), cols["frequency_cal"][i], "{id}");
        assert_eq!(c.recency, cols["recency_cal"][i], "{id}");
        assert_eq!(c.t, cols["T_cal"][i], "{id}");
        assert_eq!(f64::from(r.frequency_holdout), cols["frequency_holdout"][i]);
        assert_eq!(r.duration_holdout / 7.0, cols["duration_holdout"][i]);
    }

    let patterns = Patterns::new(ours.values().map(|r| (r.frequency, r.recency, r.t)));
    let bg = pollster::block_on(bgnbd::fit(&patterns, 0.0, &mut Unattended))
        .expect("not interrupted")
        .expect("converges");
    let b = &m["seven_days"]["bgnbd"];
    for (name, ours) in [("r", bg.r), ("alpha", bg.alpha), ("a", bg.a), ("b", bg.b)] {
        let theirs = num(&b[name]);
        assert!(
            relative(ours, theirs) < 1e-5,
            "{name}: {ours} vs lifetimes' {theirs}"
        );
    }
}

struct Fitted {
    bg: BgNbdFit,
    gg: GammaGammaFit,
}

fn fit(penalizer: f64) -> Fitted {
    let orders = cdnow();
    let (_, ours) = summaries(&orders, TimeUnit::Days);
    let patterns = Patterns::new(ours.values().map(|r| (r.frequency, r.recency, r.t)));
    let bg = pollster::block_on(bgnbd::fit(&patterns, penalizer, &mut Unattended))
        .expect("not interrupted")
        .expect("converges");
    let rows: Vec<(u32, f64)> = ours.values().map(|r| (r.frequency, r.monetary)).collect();
    let gg = pollster::block_on(gamma_gamma::fit(&rows, penalizer, &mut Unattended))
        .expect("not interrupted")
        .expect("converges");
    Fitted { bg, gg }
}

#[test]
fn parameters_are_lifetimes_within_1e_5() {
    let m = models();
    for key in ["penalizer_0.0", "penalizer_0.01"] {
        let reference = &m[key];
        let Fitted { bg, gg } = fit(num(&reference["penalizer"]));
        let b = &reference["bgnbd"];
        for (name, ours) in [("r", bg.r), ("alpha", bg.alpha), ("a", bg.a), ("b", bg.b)] {
            let theirs = num(&b[name]);
            eprintln!(
                "{key} {name}: relative difference {:.1e}",
                relative(ours, theirs)
            );
            // The issue asks for 1%; the same likelihood and optimiser agree to 2e-6.
            assert!(
                relative(ours, theirs) < 1e-5,
                "{key} {name}: {ours} vs {theirs}"
            );
        }
        let g = &reference["gamma_gamma"];
        for (name, ours) in [("p", gg.p), ("q", gg.q), ("v", gg.v)] {
            let theirs = num(&g[name]);
            eprintln!(
                "{key} {name}: relative difference {:.1e}",
                relative(ours, theirs)
            );
            assert!(
                relative(ours, theirs) < 1e-5,
                "{key} {name}: {ours} vs {theirs}"
            );
        }
        assert_eq!(
            gg.customers as f64,
            num(&reference["gamma_gamma_customers"])
        );
    }
}

fn lifetimes_params() -> (bgnbd::Params, gamma_gamma::Params) {
    let m = models();
    let b = &m["penalizer_0.0"]["bgnbd"];
    let g = &m["penalizer_0.0"]["gamma_gamma"];
    (
        bgnbd::Params {
            r: num(&b["r"]),
            alpha: num(&b["alpha"]),
            a: num(&b["a"]),
            b: num(&b["b"]),
        },
        gamma_gamma::Params {
            p: num(&g["p"]),
            q: num(&g["q"]),
            v: num(&g["v"]),
        },
    )
}

/// The largest differences from lifetimes' predictions: expected purchases, probability
/// alive, average profit (absolute) and CLV (relative).
fn prediction_errors(bg: &bgnbd::Params, gg: &gamma_gamma::Params) -> [f64; 4] {
    let orders = cdnow();
    let (_, ours) = summaries(&orders, TimeUnit::Days);
    let (ids, cols) = table("predictions.csv");
    let horizon = num(&models()["horizon_days"]);
    // lifetimes: 12 months of 30 days, 1% a month.
    let steps: Vec<f64> = (1..=12).map(|i| f64::from(i) * 30.0).collect();
    let daily = 1.01f64.powf(1.0 / 30.0) - 1.0;
    let mut worst = [0.0f64; 4];
    for (i, id) in ids.iter().enumerate() {
        let r = ours[id];
        let e = bg.conditional_expected_purchases(horizon, r.frequency, r.recency, r.t);
        let alive = bg.probability_alive(r.frequency, r.recency, r.t);
        let profit = gg.expected_average_profit(r.frequency, r.monetary);
        let clv =
            gamma_gamma::lifetime_value(bg, profit, (r.frequency, r.recency, r.t), &steps, daily);
        worst[0] = worst[0].max((e - cols["expected"][i]).abs());
        worst[1] = worst[1].max((alive - cols["alive"][i]).abs());
        worst[2] = worst[2].max((profit - cols["average_profit"][i]).abs());
        worst[3] = worst[3].max(relative(clv, cols["clv"][i]));
    }
    worst
}

#[test]
fn predictions_at_lifetimes_parameters_are_lifetimes() {
    let (bg, gg) = lifetimes_params();
    let [e, alive, profit, clv] = prediction_errors(&bg, &gg);
    eprintln!("at lifetimes' parameters: {e:.1e} {alive:.1e} {profit:.1e} {clv:.1e}");
    // They differ by 2e-13 at most: rounding.
    assert!(e < 1e-10, "expected purchases differ by {e}");
    assert!(alive < 1e-10, "probability alive differs by {alive}");
    assert!(profit < 1e-10, "average profit differs by {profit}");
    assert!(clv < 1e-10, "CLV differs by {clv} (relative)");
}

#[test]
fn predictions_at_our_parameters_are_lifetimes_within_1e_5() {
    let Fitted { bg, gg } = fit(0.0);
    let [e, alive, _, clv] =
        prediction_errors(&bgnbd::Params::from(&bg), &gamma_gamma::Params::from(&gg));
    eprintln!("at our parameters: {e:.1e} {alive:.1e} {clv:.1e}");
    // They differ by 5e-7 (CLV 2e-5 relative): the parameters' 2e-6.
    assert!(e < 1e-5, "expected purchases differ by {e}");
    assert!(alive < 1e-5, "probability alive differs by {alive}");
    assert!(clv < 1e-4, "CLV differs by {clv} (relative)");
}

#[test]
fn logistic_coefficients_are_scikit_learns() {
    let m = models();
    let (_, cols) = table("logistic.csv");
    let features: Vec<String> = m["logistic"]["features"]
        .as_array()
        .expect("features")
        .iter()
        .map(|f| f.as_str().expect("name").to_owned())
        .collect();
    // table() keys the first column as the id: read it again as a number.
    let text = read("logistic.csv");
    let first: Vec<f64> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().expect("cell").parse().expect("number"))
        .collect();
    let x: Vec<Vec<f64>> = (0..first.len())
        .map(|i| {
            let mut row = vec![first[i]];
            row.extend(features[1..].iter().map(|f| cols[f][i]));
            row
        })
        .collect();
    let y: Vec<bool> = cols["churned"].iter().map(|v| *v == 1.0).collect();
    let model = pollster::block_on(Logistic::fit(
        &x,
        &y,
        num(&m["logistic_c"]),
        &mut Unattended,
    ))
    .expect("not interrupted");
    let coef = m["logistic"]["coef"].as_array().expect("coef");
    let mut worst = (model.intercept - num(&m["logistic"]["intercept"])).abs();
    for (ours, theirs) in model.coef.iter().zip(coef) {
        worst = worst.max((ours - num(theirs)).abs());
    }
    eprintln!("logistic coefficients: largest difference {worst:.1e}");
    // They differ by 6e-7 (scikit-learn's lbfgs against Newton's method).
    assert!(worst < 1e-6, "logistic coefficients differ by {worst}");
}
